"""Where one citation in a note ends and the next begins: abbreviations, ordinals, editions, places and
sentence ends."""

from __future__ import annotations

import re
from functools import lru_cache
from dataclasses import dataclass

from .. import names as N
from ..grammar import Grammar, alternation
from ..grammar import languages as L
from ..locator import split_locator
from .parts import short_name, strip_signal, year_part
from .text import (
    CLOSERS, OPENS, PUB_BLOCK, ROMAN, TOKEN_BEFORE, YEAR, depth_map, initials_not_marker, marker_lower, lowered_set,
    lowered_list, marker_set, quote_spans, split_parts,
)

_COMMON_ABBREVIATIONS = frozenset(L.ABBREVIATIONS)
_PINPOINT_WORDS = frozenset(L.PINPOINT_WORDS)


@dataclass(frozen=True)
class Fragment:
    offset: int
    text: str


# after a ";": a place (a few capitalised words) then another place or the publisher ("; London: Greenwood")
_PLACE_AFTER = re.compile(r"\s*[A-ZÀ-ÞĀ-ſ][\w.’'-]*(?:\s[A-ZÀ-ÞĀ-ſ][\w.’'-]*){0,2}\s*(?:;|:\s|,?\s(?:1[5-9]|20)[0-9]{2}\b)")


# German author lists with ";": "Hagen, Hans; Hoekwater, Taco; …: Titel" — an inverted name before and after
_INVERTED_NAME = re.compile(r"[A-ZÀ-ÞĀ-ſ][\w’'-]+(?:[ -][A-ZÀ-ÞĀ-ſ][\w’'-]+)?,\s+(?:[A-ZÀ-ÞĀ-ſ][\w’'.-]*\s?){1,4}")


_ROLE_IN_BRACKETS = r"(?:\(" + alternation(L.EDITOR_SHORT) + r"\.?\)\s*)?"


_INVERTED_NAME_AFTER = re.compile(r"\s*[A-ZÀ-ÞĀ-ſ][\w’'-]+(?:[ -][A-ZÀ-ÞĀ-ſ][\w’'-]+)?,\s+(?:[A-ZÀ-ÞĀ-ſ][\w’'.-]*\s?){1,4}\s*"
                                  + _ROLE_IN_BRACKETS + r"[;:]")


# the piece before the ";" ends with an inverted name that opens the citation, an author list or a container
_ENDS_WITH_INVERTED_NAME = re.compile(r"(?:^\s*|;\s*|\b[Ii]n:\s*|^\s*\S+(?:\s\S+)?\s+)" + _INVERTED_NAME.pattern + r"\s*$")


_CUT_CANDIDATE = re.compile(r";|\.(?= )| [–—](?= )")


_WINDOW = 400  # how far split_note looks before and after a full stop


_MAX_PIECE = 2000  # characters: no single citation is longer


def capital_after(rest: str) -> bool:
    nxt = rest.lstrip()[:1]
    return bool(nxt) and (nxt.isupper() or nxt in OPENS)


def is_abbreviation(token: str, grammar: Grammar) -> bool:
    """Does the word before a full stop end an abbreviation rather than a sentence?"""
    bare = token.rstrip(".").lstrip("([“\"'‘")
    if not bare:
        return True
    if len(bare) == 1 and bare.isalpha():
        return True  # initial, or s./p./C.
    if re.fullmatch(r"(?:[^\W\d_]{1,2}\.)+[^\W\d_]{1,2}", bare):
        return True  # S.R, H.Ü, a.g.e
    if ROMAN.match(bare):
        return True  # "IV. Uluslararası"
    if bare.isupper() and len(bare) <= 5:
        return True  # archive codes: "HR. İM.", "A. VRK."
    if bare.lower() in _COMMON_ABBREVIATIONS or bare in _COMMON_ABBREVIATIONS:
        return True
    return (bare + ".") in grammar.locator_labels or (bare + ".") in grammar.volume_labels


def _starts_citation(rest: str, grammar: Grammar, markers: list[str]) -> bool:
    """Could a new citation begin here (an author, a marker, a signal word or a quote)?"""
    head = rest.lstrip()
    if not head:
        return False
    if head[0] in OPENS:
        return True
    low = marker_lower(head)
    words = (*markers, *grammar.signals)
    for word, lowered in zip(words, lowered_list(words)):
        if low.startswith(lowered) and (len(head) == len(word) or not head[len(word)].isalnum()):
            return True
    if _month_follows(head, grammar):
        return False  # "…, 2015. Июль. С. 757", "1998. July 12": a date goes on ("August Meyer" may start)
    first = split_parts(head[:120])[0]
    return N.looks_like_names(first)


# a month then a full stop or a day: "Июль. С. 757", "July 12" (not "May, The World…": Ernest May)
_MONTH_FIRST = re.compile(r"([^\W\d_]+)(?:\.|\s+\d)")


@lru_cache(maxsize=64)  # one per language (Grammar) or marker list: a handful
def _months(grammar: Grammar) -> frozenset[str]:
    return frozenset(grammar.months)


def _month_follows(rest: str, grammar: Grammar) -> bool:
    month = _MONTH_FIRST.match(rest.lstrip())
    return bool(month) and month.group(1).lower() in _months(grammar)


def split_note(text: str, grammar: Grammar) -> list[Fragment]:
    """Cut a note into candidate citations (and discursive sentences)."""
    inside = depth_map(text)
    markers = marker_set(grammar)
    cuts: list[tuple[int, int]] = []  # (end of piece, start of next)
    n = len(text)
    for candidate in _CUT_CANDIDATE.finditer(text):  # only a ";" or a ". " can end a piece
        k = candidate.start()
        ch = text[k]
        if inside[k]:
            continue
        if ch == ";":
            piece = text[(cuts[-1][1] if cuts else 0):k]
            if _PLACE_AFTER.match(text, k + 1) and _ends_with_place(piece, grammar):
                continue  # "Westport, Conn.; London: Greenwood 2000": places of one imprint, not two citations
            if _INVERTED_NAME_AFTER.match(text, k + 1) and _ENDS_WITH_INVERTED_NAME.search(piece):
                continue  # "Hagen, Hans; Hoekwater, Taco; Schaa, Volker: Titel": one citation's authors
            cuts.append((k, k + 1))
        elif ch == " ":
            # biblatex-maja joins a note's citations with a dash ("…, 29–30, 29 – C. Creutzig, Interlinear…"), which
            # stands inside titles too ("WinEdt – Zum Stand der Dinge"): a cut only after a page, before a name
            piece = text[(cuts[-1][1] if cuts else 0):k]
            rest = text[k + 2:k + 2 + _WINDOW]
            if _plain_number_after_comma(piece) and _starts_citation(rest, grammar, markers):
                cuts.append((k, k + 2))
        elif ch == "." and k + 1 < n and text[k + 1] == " ":
            # windows, not the whole text before and after: these checks ran at every full stop
            # and made a long note quadratic (a 20,000-character note took minutes)
            before = TOKEN_BEFORE.search(text, max(0, k + 1 - _WINDOW), k + 1)
            token = before.group(1) if before else ""
            rest = text[k + 1 : k + 1 + _WINDOW]
            if k - (cuts[-1][1] if cuts else 0) > _MAX_PIECE:
                if capital_after(rest):
                    cuts.append((k + 1, k + 1))  # no citation runs this long: a sentence end cuts
                continue
            nxt = rest.lstrip()[:1]
            capital = bool(nxt) and (nxt.isupper() or nxt in OPENS)
            piece = text[(cuts[-1][1] if cuts else 0) : k]
            if re.search(r"\d[a-b]?\.$", token):
                if _edition_follows(rest, grammar):
                    pass  # "2. Aufl.", "3. baskı": an edition, inside the citation
                elif _ordinal_in_phrase(text, k, grammar, markers):
                    pass  # "Aleppo im 17. Jahrhundert", "am 3. Mai": an ordinal inside a title or a date
                elif _plain_number_after_comma(piece):
                    # "…, 45. Smith, …" (a page) or "…, 100. Yılında …" (an ordinal in a title):
                    # Turkish writes ordinals this way, so only a clear new citation cuts there
                    if (grammar.language != "tr" and _starts_citation(rest, grammar, markers)) or _discursive(rest):
                        cuts.append((k + 1, k + 1))
                elif _month_follows(rest, grammar):
                    pass  # "2015. Июль. С. 757": the month after its year
                elif _locator_follows(rest, grammar):
                    pass  # "… 1992. № 6. С. 34—36.": GOST gives the pages after the issue, with a capital
                elif capital or _starts_citation(rest, grammar, markers):
                    cuts.append((k + 1, k + 1))  # after "s. 45." / "12/4." / "45-47."
            elif _locator_follows(rest, grammar):
                pass  # "Там же. С. 45.", "Ibid. p. 4": the locator belongs to what precedes
            elif role_qualifier(text, k):
                pass  # "trad. fr. Ayşe Gül Ertuğrul": the language of a translation, then the translator
            elif len(token) > 2 and ROMAN.match(token.rstrip(".")) and capital and _discursive(rest):
                cuts.append((k + 1, k + 1))  # "…, III. The author relies on…": a volume, then the author's prose
            elif not is_abbreviation(token, grammar) or is_marker(token, markers):
                if capital and _is_sentence_start(rest) and not _names_before_title(piece, rest, grammar) and (
                    _discursive(rest) or _prose(piece) or is_marker(token, markers) or _complete(piece, grammar)
                    or (_starts_citation(rest, grammar, markers) and not _unfinished_citation(piece, grammar))
                ):
                    cuts.append((k + 1, k + 1))
    fragments = []
    start = 0
    for end, nxt in cuts:
        piece = text[start:end]
        if piece.strip():
            lead = len(piece) - len(piece.lstrip())
            fragments.append(Fragment(start + lead, piece.strip()))
        start = nxt
    piece = text[start:]
    if piece.strip():
        lead = len(piece) - len(piece.lstrip())
        fragments.append(Fragment(start + lead, piece.strip()))
    return fragments


_ROLE_QUALIFIER = re.compile(r"\b(?i:trad|trans|transl|übers|çev|tr)\.\s+([^\W\d_]{1,6})\.$")


LANGUAGE_QUALIFIER = re.compile(r"^[a-zà-ÿçğıöşü]{1,6}\.\s+(?=\S)")


def role_qualifier(text: str, k: int) -> bool:
    """Whether the full stop at k ends a lower-case qualifier of a translator role ("trad. fr.", "trans. it."),
    not a name ("trans. Smith.") after which a new citation may start."""
    m = _ROLE_QUALIFIER.search(text, max(0, k + 1 - 24), k + 1)
    return bool(m) and m.group(1).islower()


_ORDINAL = re.compile(r"^[0-9]{1,2}" + alternation(L.ORDINAL_SUFFIXES) + r"?\s*")


def is_edition(part: str, grammar: Grammar) -> bool:
    """"2. Aufl.", "3rd ed.", "2. erw. Aufl.", "4. baskı": an edition statement, not a title, place or page."""
    m = _ORDINAL.match(part)
    if not m or m.end() == 0 or len(part.split()) > 4:
        return False
    rest = part[m.end():]
    return any(e in rest.split() or rest.startswith(e) for e in grammar.editions)


_WORD_THEN_NUMBER = re.compile(r"(?:^|\s)([^\W\d_]+)\s+[0-9]{1,3}$")


def _ordinal_in_phrase(text: str, k: int, grammar: Grammar, markers: list[str]) -> bool:
    """Whether the number ending at the full stop k follows a lower-case word ("im 17.", "am 3.", "the 2."):
    an ordinal in running words, not a page (pages follow a comma, a colon, a label or a repeat marker: OSCOLA's
    "ibid 114.")."""
    m = _WORD_THEN_NUMBER.search(text, max(0, k - 40), k)
    if not m or not m.group(1).islower():
        return False
    word = m.group(1)
    return word not in grammar.locator_labels and word + "." not in grammar.locator_labels and \
        word not in _PINPOINT_WORDS and not is_marker(word, markers) and not is_marker(word + ".", markers)


def _ends_with_place(piece: str, grammar: Grammar) -> bool:
    """Whether the text before a ";" ends with a place of publication ("…, Westport, Conn.", "…, München"): a
    short capitalised last part, not a title in quotes, not a finished citation."""
    if _complete(piece, grammar):
        return False
    last = split_parts(piece)[-1].strip()
    return bool(last) and ":" not in last and last[-1:] not in CLOSERS and short_name(last.rstrip("."))


def _edition_follows(rest: str, grammar: Grammar) -> bool:
    word = rest.lstrip()
    return any(word.startswith(e) and (len(word) == len(e) or not word[len(e)].isalnum()) for e in grammar.editions)


def _locator_follows(rest: str, grammar: Grammar) -> bool:
    m = re.match(r"\s*(\S+)\s*\d", rest)
    return bool(m) and (m.group(1) in grammar.locator_labels or m.group(1).lower() in grammar.locator_labels)


def _discursive(rest: str) -> bool:
    """A sentence of prose ("This view has not gone unchallenged."): several small lower-case words."""
    clause = re.split(r"[,(;:\d]", rest.lstrip(), maxsplit=1)[0]
    words = re.findall(r"[^\W\d_]+(?!\.)", clause)[:8]
    if len(words) < 3 or not words[0][:1].isupper():
        return False
    return sum(1 for w in words[1:] if w.islower() and len(w) >= 2) >= 2


def _prose(piece: str) -> bool:
    """A sentence rather than a citation: many small lower-case words."""
    for start, end in reversed(quote_spans(piece)):
        piece = piece[:start] + piece[end + 1 :]  # a quoted title is not the author's prose
    words = re.findall(r"[^\W\d_]+", piece)
    if len(words) < 4:
        return False
    return sum(1 for w in words if w.islower() and len(w) >= 2) >= 0.4 * len(words)


def _complete(piece: str, grammar: Grammar) -> bool:
    """Does the text before a full stop end like a whole citation (a locator, a year, an imprint)?"""
    piece = piece.strip()
    if split_locator(piece, grammar)[1] is not None:
        return True
    last = split_parts(piece)[-1]
    return bool(year_part(last, grammar)) or bool(PUB_BLOCK.search(piece))


def _plain_number_after_comma(piece: str) -> bool:
    return bool(re.search(r"(?:^|[,:]\s*)\d{1,4}$", piece.rstrip()))


def _unfinished_citation(piece: str, grammar: Grammar) -> bool:
    """"Walter Schönfeld, Die Bagdadbahn" before ". Eisenbahnbau…": a title and its subtitle, not two sentences."""
    piece = strip_signal(piece.strip(), grammar)
    parts = split_parts(piece)
    if len(parts) < 2 or not N.looks_like_names(parts[0]):
        return False
    head, locator = split_locator(piece, grammar)
    if locator is not None or YEAR.search(parts[-1]):
        return False
    return not any(is_marker(p, marker_set(grammar)) for p in parts)


def _names_before_title(piece: str, rest: str, grammar: Grammar) -> bool:
    """"D. Maus and B. Baker. “DVILASER/PS…”. In: TUGboat…" (biblatex's verbose styles): names alone, then a title in
    quotes, are one citation's author and title, not an author-only citation and another one."""
    head = rest.lstrip()
    if not N.looks_like_names(strip_signal(piece.strip(), grammar)):
        return False
    if head[:1] in OPENS:
        return True
    # "David R. Ellison ve Peter Marsh. The Straits Question…" (a title not in quotes): the next piece is no names
    return head[:1].isupper() and not N.looks_like_names(split_parts(head[:120])[0]) and not _discursive(head)


def is_marker(token: str, markers: list[str]) -> bool:
    return marker_lower(token).strip("(),") in lowered_set(tuple(markers)) and not initials_not_marker(token.strip("(),"))


def _is_sentence_start(rest: str) -> bool:
    word = rest.lstrip().split(" ", 1)[0]
    return not word.isupper() or len(word) > 1 or word.endswith(".")
