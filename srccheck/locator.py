"""The locator at the end of a citation: "s. 18-19", "pp. 42–46 (p. 43)", "2/143", "Ebd., S. 12 f."

Grammar (see CONVENTIONS.md §4)::

    tail     := [volume ("," | ":" | "/")] [label] refs [follow] ["(" [label] ref ")"]
    refs     := ref ((", " | " and ") ref)*
    ref      := PAGE [DASH PAGE]
    PAGE     := digits [a|b] | lower-case roman

A number without a label is a page only where it stands as its own part of the
citation ("…, 45." or "…): 201–3"), and never when it reads as a year or a dual
date ("1919", "1919-1938", "1335/1919").
"""

from __future__ import annotations

import re
from functools import lru_cache

from .grammar import Grammar, alternation, conjunctions
from .grammar import languages as L
from .model import Locator, PageRange

DASHES = "-‐‑‒–—―"
_DASH = f"[{DASHES}]"
_PAGE = r"(?:\d{1,5}[ab]?(?![\w])|[ivxlcdm]{1,7}(?![\w]))"
_ROMAN_UPPER = r"[IVXLCDM]{1,7}"
_YEAR_MIN, _YEAR_MAX = 1400, 2100
# what may stand before a page number with no label; U+2064 ends a title the resolver found (MLA: "Title 229-31")
_BEFORE_BARE = ",:)]”’\"»\u2064"


def _alternation(words: list[str] | tuple[str, ...]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


def _with_capitals(labels: list[str], reserved: set[str]) -> list[str]:
    out = set(labels)
    for label in labels:
        cap = label[:1].upper() + label[1:]
        if cap not in reserved:
            out.add(cap)
    return sorted(out)


@lru_cache(maxsize=64)  # one per language (Grammar) or marker list: a handful
def _pattern(grammar: Grammar) -> re.Pattern[str]:
    reserved = set(grammar.issue_labels) | set(grammar.volume_labels)
    labels = _with_capitals(list(grammar.locator_labels), reserved)
    label = _alternation(labels)
    follow = _alternation(grammar.following + tuple(L.PASSIM))
    passim = _alternation(L.PASSIM)
    vol_labels = _alternation(grammar.volume_labels)
    ref = rf"{_PAGE}(?:\s*{_DASH}\s*{_PAGE})?"
    joiner = r"(?:\s*,\s*|\s*&\s*|\s+" + conjunctions(letters_only=True) + r"\s+)"
    return re.compile(
        rf"""
        (?P<all>
          (?:(?P<vlabel>{vol_labels})\s*(?P<vol>{_ROMAN_UPPER}|\d{{1,4}})\s*,\s*
           | (?P<vol2>{_ROMAN_UPPER}|\d{{1,3}})\s*(?P<vsep>/|:\s?)\s*(?=\d|(?:{label})\s*\d)
           | (?P<vol3>[ivxl]{{1,5}})\.\s*(?=\d)
          )?
          (?:(?P<label>{label})\s*)?
          (?P<refs>{ref}(?:{joiner}{ref})*)
          (?:\s*(?P<follow>{follow}))?
          (?:\s*\(\s*(?:(?:{label})\s*)?(?P<pin>{ref}(?:{joiner}{ref})*)\s*\))?
          (?:[ \t]+(?P<trail>{_PAGE}\s*{_DASH}\s*{_PAGE}))?
          |(?P<passim>{passim})
        )
        \s*[.,;]?\s*$
        """,
        re.VERBOSE,
    )


def _label_kind(grammar: Grammar, label: str | None) -> str | None:
    if not label:
        return None
    return grammar.locator_labels.get(label) or grammar.locator_labels.get(label[:1].lower() + label[1:]) or "page"


def _number(page: str) -> int | None:
    digits = re.match(r"\d+", page)
    return int(digits.group()) if digits else None


def expand_range(start: str, end: str) -> PageRange | None:
    """Numeric range; an abbreviated end ("131–32", "63-6") takes the start's leading digits."""
    a, b = _number(start), _number(end)
    if a is None or b is None:
        return None
    s_end = re.match(r"\d+", end).group()  # type: ignore[union-attr]
    s_start = str(a)
    if b < a and len(s_end) < len(s_start):
        b = int(s_start[: len(s_start) - len(s_end)] + s_end)
    return (a, b)


_REF = re.compile(rf"({_PAGE})(?:\s*{_DASH}\s*({_PAGE}))?")


def page_ranges(refs: str) -> tuple[PageRange, ...]:
    ranges: list[PageRange] = []
    for match in _REF.finditer(refs):
        start, end = match.group(1), match.group(2)
        if end is None:
            n = _number(start)
            if n is not None:
                ranges.append((n, n))
        else:
            expanded = expand_range(start, end)
            if expanded:
                ranges.append(expanded)
    return tuple(ranges)


def _year_before_pages(m: re.Match[str]) -> bool:
    """"…, 2001, 45": without a label, a year leading a list is the imprint's, not a page."""
    if m.group("label") or m.group("vlabel") or not m.group("refs"):
        return False
    first = re.match(r"\d+", m.group("refs"))
    more = re.search(r"[,&]|\s" + conjunctions(letters_only=True) + r"\s", m.group("refs"))
    return bool(first and more and _YEAR_MIN <= int(first.group()) <= _YEAR_MAX and len(first.group()) == 4)


def _looks_like_date(match: re.Match[str], refs: str) -> bool:
    numbers = [int(n) for n in re.findall(r"\d+", refs)]
    if not numbers:
        return False
    if all(_YEAR_MIN <= n <= _YEAR_MAX for n in numbers):
        return True
    # "1335/1919", "534/1139": a dual date, not volume/page
    if match.group("vol2") and match.group("vsep") == "/":
        return len(numbers) == 1 and _YEAR_MIN - 900 <= numbers[0] <= _YEAR_MAX and int(match.group("vol2") if match.group("vol2").isdigit() else 0) >= 300
    return False


_PINPOINT = re.compile(r"(?:,\s*|\s+)" + alternation(L.PINPOINT_INTRODUCERS) + r"\s+(?=\S{0,6}\s?\d)",
                       re.IGNORECASE)


def split_locator(text: str, grammar: Grammar) -> tuple[str, Locator | None]:
    """Split "Title, s. 18-19." into ("Title", Locator("s. 18-19", ((18, 19),))).

    An article's span followed by the page meant ("S. 113–142, hier S. 118", "p. 89-124, ici p. 104")
    gives the pinpoint; the span is dropped from the head.
    """
    pin = None
    for pin in _PINPOINT.finditer(text[-160:]):
        pass
    if pin is not None:
        cut = len(text) - len(text[-160:])
        before, after = text[: cut + pin.start()], text[cut + pin.end():]
        _, locator = _split_locator(", " + after, grammar)
        if locator is not None:
            head, _span = _split_locator(before, grammar)
            spans = _span.pages if _span is not None else ()
            return head, Locator(text=text[len(head):].strip(" ,.;"), ranges=locator.ranges, volume=locator.volume,
                                 label=locator.label, span=spans[0] if len(spans) == 1 else None)
    return _split_locator(text, grammar)


def _split_locator(text: str, grammar: Grammar) -> tuple[str, Locator | None]:
    window_start = max(0, len(text) - 120)
    window = text[window_start:]
    pattern = _pattern(grammar)
    # Try each plausible start so the earliest valid locator wins ("s. 12, 14" not "14"); an invalid
    # earlier reading ("…Geschichte 245, 265": 245 is the first page) gives way to a later one ("265").
    for start in _candidate_starts(window):
        match = pattern.match(window, start)
        if not match or _year_before_pages(match):
            continue
        head = text[: window_start + match.start()].rstrip()
        locator = _locator_from(match, head, grammar)
        if locator is not None:
            return head.rstrip(" ,:"), locator
    return text, None


# an ISSN or ISBN after its label ("issn:0896-3207", glued by an extractor): no pages
_ISSN_LABEL = re.compile(r"\b(?:issn|isbn)\s*:?\s*$", re.IGNORECASE)


_YEAR_ENDS = re.compile(r"(?<![\d.,/–-])(?:1[5-9]|20)\d\d$")


def _locator_from(match: re.Match[str], head: str, grammar: Grammar) -> Locator | None:
    if match.group("passim"):
        return Locator(text=match.group("all").strip(), passim=True)
    labelled = bool(match.group("label") or match.group("vlabel") or match.group("follow") or match.group("vol3"))
    refs = match.group("refs")
    if not labelled:
        # a bare number must stand as its own part: after "," or ":" or ")" or at the start
        before = head[-1:] if head else ""
        if before and before not in _BEFORE_BARE and not _YEAR_ENDS.search(head):
            return None  # (after a year it is one: "Showing-off math macros 11 in: 1 27 1990 57–58", biblatex-archaeology)
        if _looks_like_date(match, refs) or _ISSN_LABEL.search(head):
            return None
    elif match.group("vol2") and match.group("vsep") == "/" and _looks_like_date(match, refs):
        return None
    pin = match.group("pin")
    if pin and not labelled and re.fullmatch(r"\d{4}", pin.strip()) and _YEAR_MIN <= int(pin) <= _YEAR_MAX:
        return None  # "J. Chem. Phys., 124 (2006)": a volume and its year, not a page and the one meant in it
    ranges = page_ranges(pin) if pin else page_ranges(refs)
    span = None
    trail = page_ranges(match.group("trail")) if match.group("trail") else ()
    if trail:
        # "p. 100, 104 82-109": the pages cited, then the chapter's own span (Presses universitaires de Rennes)
        if not labelled or not all(trail[0][0] <= a <= b <= trail[0][1] for a, b in ranges):
            return None
        span = trail[0]
    if not labelled and not pin:
        kept = _after_span(ranges)
        if kept != ranges:
            span = ranges[len(ranges) - len(kept) - 1]
        ranges = kept
    volume = match.group("vol") or match.group("vol2") or match.group("vol3")
    written = match.group("all").strip().rstrip(".,; ")
    return Locator(
        text=written,
        ranges=ranges,
        volume=volume,
        label=_label_kind(grammar, match.group("label")) or ("page" if ranges else None),
        span=span,
    )


def _after_span(ranges: tuple[PageRange, ...]) -> tuple[PageRange, ...]:
    """"22, 45–78, 60–61": volume, the article's span, then the pages cited — keep what follows the span."""
    for i in range(len(ranges) - 2, -1, -1):
        start, end = ranges[i]
        later = ranges[i + 1 :]
        if end > start and all(start <= a <= b <= end for a, b in later):
            return later
    return ranges


# (after a closing bracket too: OSCOLA's pinpoint after the imprint, its space dropped by pdfminer: "… 1968)373.")
# (a closing double quote too: an extractor that drops spaces glues the page to the title, "TeX,”8.")
_STARTS = re.compile(r"(?:(?<=^)|(?<=[\s,:()”»]))\S")


def _candidate_starts(window: str) -> list[int]:
    return [m.start() for m in _STARTS.finditer(window)]


def parse_locator(text: str, grammar: Grammar) -> Locator | None:
    """Parse a whole string as a locator (for "[@key, p. 33]" and \\cite[45]{key})."""
    text = text.strip()
    if not text:
        return None
    _, locator = split_locator(", " + text, grammar)
    if locator is None:
        return Locator(text=text)
    return locator
