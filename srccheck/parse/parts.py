"""What one comma-separated part of a citation is: a role, a publisher, a year, a volume, an issue; signal
words and repeat markers at its start."""

from __future__ import annotations

import re
from functools import lru_cache
from ..grammar import Grammar, alternation
from ..grammar import languages as L
from ..model import MarkerRole
from ..normalize import fold
from .text import (
    OPEN_QUOTES, DATE_RANGE, PUB_BLOCK, ROMAN, YEAR, initials_not_marker, marker_lower, lowered_list, marker_set,
    quote_spans,
)

# "In:", and French "In :" with the space French typography puts before a colon
LEADING_IN = re.compile(r"^" + alternation(L.IN_WORDS) + r"(?:[ \u00a0\u202f]?:)?\s+", re.UNICODE)


ROLE_PART = re.compile(r"^\(?\s*(" + "|".join(re.escape(r) for r in sorted(
    {r for rs in L.ROLES.values() for r in rs}, key=len, reverse=True)) + r")\s*(.*?)\)?$", re.IGNORECASE)


_PUBLISHER_WORDS = {fold(w) for w in L.PUBLISHER_WORDS}


TRAILING_PARENS = re.compile(r"\s*\([^()]*\)\s*$")


ROLE_SUFFIX = re.compile(
    r"\s*\(" + alternation([*L.EDITOR_SHORT, *L.TRANSLATOR_SHORT]) + r"\.?\)\s*:?$"
)


BARE_ROLE = re.compile(r"^\(?" + alternation(L.EDITOR_SHORT) + r"\.?\)?:?$", re.IGNORECASE)


GENRE = re.compile(r"\b" + alternation(L.GENRES) + r"\b", re.IGNORECASE)


_CONJUNCTION = re.compile(r"^" + alternation([*[w for w in L.AND if w.isalpha()], *L.ALSO]) + r"\s+(?=\S)", re.IGNORECASE)


def strip_conjunction(text: str) -> str:
    return _CONJUNCTION.sub("", text, count=1)


@lru_cache(maxsize=64)  # one per language (Grammar) or marker list: a handful
def _inner_signals(grammar: Grammar) -> re.Pattern[str]:
    """All signal words at once, longest first (one pass over the note, not one per word)."""
    words = [s.lower() for s in grammar.signals
             if not (len(s) < 2 or not s.endswith((".", " ")) and s.isalpha() and len(s) < 3)]
    alternation = "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))
    return re.compile(r"(?<=[\s,;:(])(?:" + alternation + r")(?=[\s,])")


def after_inner_signal(text: str, grammar: Grammar) -> str:
    """"On the disputes, see Gérard, …" -> "Gérard, …": discursive text before a signal word goes."""
    low = text.lower()
    quoted = quote_spans(text)
    best = -1
    for m in _inner_signals(grammar).finditer(low):
        if any(s <= m.start() <= e for s, e in quoted):
            continue
        marker_here = leading_marker(text[m.start():m.start() + 40], grammar, marker_set(grammar)) or ""
        if len(marker_here) > m.end() - m.start():
            continue  # the start of a longer marker: "a. a. O." is not the signal "a. A." before a title "O."
        rest = text[m.end() : m.end() + 40].lstrip(" ,:")  # only its first letter counts (copying the rest was quadratic)
        if rest[:1].isupper() or rest[:1] in OPEN_QUOTES or leading_marker(rest, grammar, marker_set(grammar)):
            best = max(best, m.end())  # "…, see Gérard", "Benzer bir değerlendirme için bkz. a.g.e., s. 101"
    if best < 0:
        return text
    return text[best:].lstrip(" ,:")


def strip_signal(text: str, grammar: Grammar) -> str:
    changed = True
    while changed:
        changed = False
        low = marker_lower(text)
        signals = lowered_list(tuple(grammar.signals))
        if not low.startswith(signals):  # one C call rules out nearly every citation
            break
        for s in signals:
            # a signal that ends with its full stop ends there, space or none ("См.там же": pdfminer's)
            if low.startswith(s) and (len(text) == len(s) or not text[len(s)].isalnum() or s.endswith(".")):
                text = text[len(s):].lstrip(" ,:")
                changed = True
                break
    return text


def leading_marker(text: str, grammar: Grammar, markers: list[str]) -> str | None:
    low = marker_lower(text)
    lowered = lowered_list(tuple(markers))
    if not low.startswith(lowered):
        return None
    for m, ml in zip(markers, lowered):
        if low.startswith(ml) and (len(text) == len(ml) or not text[len(ml)].isalnum()):
            rest = text[len(ml):]
            if "." not in m and re.match(r"\s+[^\W\d_]", rest):
                continue  # "age", "ay" without dots are words too ("Age of Empires"): a marker only before , . ;
            if initials_not_marker(text[:len(m)]):
                continue  # "L. C. Knights": initials, not "l. c." (loco citato)
            return text[: len(m)]
    return None


def role_of_marker(marker: str, grammar: Grammar, has_author: bool) -> MarkerRole:
    low = marker.lower()
    if low in {m.lower() for m in grammar.same_author} and not has_author:
        # "id." is ambiguous (idem / ibid.); at the start of a citation followed by a title it means idem
        return MarkerRole.SAME_AUTHOR
    if has_author:
        return MarkerRole.EARLIER
    return MarkerRole.IBID


def unquote(part: str) -> tuple[str | None, str]:
    """('Article title', 'rest') if the part starts with a quoted title."""
    if not part or part[0] not in OPEN_QUOTES:
        return None, part
    closer = OPEN_QUOTES[part[0]]
    end = part.find(closer, 1)
    while closer == "’" and end != -1 and end + 1 < len(part) and part[end + 1].isalpha():
        end = part.find(closer, end + 1)
    if end == -1:
        return part[1:].strip(), ""
    return part[1:end].strip(" ,."), part[end + 1 :].strip(" ,.")


def is_publisher(part: str) -> bool:
    words = set(fold(part).split())
    return bool(words & _PUBLISHER_WORDS)


def _labelled(part: str, labels: tuple[str, ...], shape: str) -> str | None:
    """What follows the first of these labels the part starts with, when it has this shape ("Sayı: 3" -> "3")."""
    if not part.startswith(labels):
        return None
    for label in labels:
        if part.startswith(label):
            rest = part[len(label):].strip(" :")
            if re.match(shape, rest):
                return rest
    return None


def read_issue(part: str, grammar: Grammar) -> str | None:
    return _labelled(part, tuple(grammar.issue_labels), r"^\d+[\w/-]*$")


def read_volume(part: str, grammar: Grammar) -> str | None:
    if ROMAN.match(part) and part not in {"C", "D", "L", "M"}:
        return part
    return _labelled(part, tuple(grammar.volume_labels), r"^(?:[IVXLCDM]+|\d+)$")


def year_part(part: str, grammar: Grammar) -> tuple[list[int], str | None] | None:
    """'2008' -> ([2008], None); 'Berlin 1999' -> ([1999], 'Berlin'); 'Kasım 1988' -> ([1988], None)."""
    if len(part) > 200:
        return None  # a year part is short; on long runs of spaces or "(" the patterns here are quadratic
    m = re.fullmatch(r"(.*?)[\s(]*(1[4-9]\d\d|20\d\d)\)?\.?", part)
    if not m:
        return None
    if re.search(r"[\d\-–—/]\s*$", m.group(1)):
        return None  # "1905-1920": a date range in a title
    before = m.group(1).strip(" ,(")
    if before.lower() in grammar.months or not before:
        return [int(m.group(2))], None
    if len(before.split()) <= 3 and before[:1].isupper() and not is_publisher(before):
        return [int(m.group(2))], before
    return None


def pub_block(text: str) -> tuple[str, dict[str, object]]:
    """'Title (New York: Penguin, 2001)' -> ('Title', place/publisher/year)."""
    m = PUB_BLOCK.search(text)
    if not m:
        return text, {}
    inner = m.group(1)
    if DATE_RANGE.fullmatch(inner.strip()):
        return text, {}  # "(1919-1995)" belongs to the title
    info: dict[str, object] = {"years": [int(y) for y in YEAR.findall(DATE_RANGE.sub(" ", inner))]}
    imprint = YEAR.sub("", inner).strip(" ,;")
    if ":" in imprint:
        place, _, publisher = imprint.partition(":")
        info["place"] = place.strip(" ,") or None
        info["publisher"] = publisher.strip(" ,") or None
    elif imprint and is_publisher(imprint):
        info["publisher"] = imprint.strip(" ,")
    return text[: m.start()].strip(" ,"), info


def short_name(part: str) -> bool:
    return len(part.split()) <= 3 and part[:1].isupper() and not re.search(r"\d", part)
