"""What every stage of the note parser needs: quotes and their spans, bracket depth, lower-casing for markers,
the invisible title marks the resolver leaves, comma-splitting outside quotes and brackets."""

from __future__ import annotations

import re
from functools import lru_cache
from ..grammar import Grammar

OPEN_QUOTES = {"“": "”", "«": "»", "„": "“", '"': '"', "‘": "’", "‹": "›", "「": "」"}


CLOSERS = {"”", "»", "“", '"', "’", "›", "」"}


# Invisible separator: "this part is a title". The resolver puts it before a title it has found in a note
# (and read_parts before an edited volume's title), so the parser neither splits nor reads fields inside.
TITLE_MARK = "\u2063"


TITLE_END = "\u2064"  # ends a title the resolver masked: what follows in the same part is read as fields


OPENS = frozenset(OPEN_QUOTES) | {TITLE_MARK}  # what may open a citation like a quote does


_TWO_INITIALS = re.compile(r"^[^\W\d_]\.\s?([^\W\d_])\.")


def initials_not_marker(written: str) -> bool:
    """Whether a marker shaped like two initials ("l. c.", loco citato) is written as a person's initials: with its
    second letter a capital ("L. C. Knights", "L.C. Bossert"), which the marker never has."""
    m = _TWO_INITIALS.match(written)
    return bool(m) and m.group(1).isupper()


def marker_lower(text: str) -> str:
    """Lower case for matching markers: "İbid." (citeproc capitalises Turkish items so) is "ibid."."""
    return text.replace("İ", "i").replace("I", "i").lower()


@lru_cache(maxsize=64)  # one per language (Grammar) or marker list: a handful
def marker_set(grammar: Grammar) -> list[str]:
    return sorted(set(grammar.ibid) | set(grammar.earlier) | set(grammar.same_author), key=len, reverse=True)


@lru_cache(maxsize=64)  # one per language (Grammar) or marker list: a handful
def lowered_set(markers: tuple[str, ...]) -> frozenset[str]:
    return frozenset(marker_lower(m) for m in markers)


_OPENER = re.compile("[" + re.escape("".join(OPEN_QUOTES)) + "]")


def quote_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of quoted stretches; an apostrophe inside a word is not a quote."""
    spans = []
    i = 0
    while i < len(text):
        jump = _OPENER.search(text, i)  # skip straight to the next opening quote
        if jump is None:
            break
        i = jump.start()
        ch = text[i]
        # “ right after a word and before no letter closes a German quotation ("Serienbriefe“."): no opener
        # so does « after a word in »…« (German guillemets, the French ones reversed: "»Begriffsschrift« by")
        german_closer = ch in "“«" and 0 < i and text[i - 1].isalnum() and not text[i + 1:i + 2].isalpha()
        if ch in OPEN_QUOTES and not german_closer and (ch not in "‘\"" or i == 0 or not text[i - 1].isalnum()):
            closer = OPEN_QUOTES[ch]
            # look for the closer only within 400 characters (longer is no quote): searching to the
            # end from every opening quote made a note full of quotes quadratic
            j = text.find(closer, i + 1, i + 400)
            while j != -1 and closer == "’" and j + 1 < len(text) and text[j + 1].isalpha():
                j = text.find(closer, j + 1, i + 400)
            if j != -1:
                spans.append((i, j))
                i = j + 1
                continue
        i += 1
    return spans


def depth_map(text: str) -> list[bool]:
    """True where a character sits inside parentheses, brackets or quotes."""
    inside = [False] * len(text)
    for start, end in quote_spans(text):
        for k in range(start + 1, end):
            inside[k] = True
    if "(" not in text and "[" not in text:
        return inside  # most notes: nothing to count
    depth = 0
    for k, ch in enumerate(text):
        if ch in "([":
            depth += 1
        elif ch in ")]" and depth:
            depth -= 1
        if depth:
            inside[k] = True
    return inside


def split_parts(text: str, sep: str = ",") -> list[str]:
    if sep not in text:
        return [text.strip()]
    inside = depth_map(text)
    parts, start = [], 0
    k = text.find(sep)
    while k != -1:  # from separator to separator: most characters are not one
        if not inside[k]:
            parts.append(text[start:k])
            start = k + 1
        k = text.find(sep, k + 1)
    parts.append(text[start:])
    return [p.strip() for p in parts]


TOKEN_BEFORE = re.compile(r"(\S+)$")


ROMAN = re.compile(r"^[IVXLCDM]{1,4}$")


DATE_RANGE = re.compile(r"\d{3,4}\s*[-–/]\s*\d{2,4}")


YEAR = re.compile(r"(?<!\d)(1[4-9]\d\d|20\d\d)(?!\d)")


PUB_BLOCK = re.compile(r"\(([^()]*?(?:1[4-9]\d\d|20\d\d|n\.d\.|t\.y\.|ts\.)[^()]*)\)\s*$")


@lru_cache(maxsize=64)  # one per language (Grammar) or marker list: a handful
def lowered_list(words: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(marker_lower(w) for w in words)
