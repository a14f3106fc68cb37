"""metadata-mismatch: a full citation whose year, volume, publisher or place disagrees with its entry.

What it finds: in a note that cites a work in full, a publication year, volume,
publisher or place that differs from the bibliography entry the citation resolved to.
An edition note such as "(First Paperback Edition 2004)" counts as agreeing when one
of the years matches.

Why it matters: one of the two is wrong, and readers will look for the wrong edition.

What to do: check the edition you used and correct the note or the entry.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from rapidfuzz import fuzz

from ..grammar import languages as L
from ..model import Entry, Finding, Kind, Severity
from ..normalize import fold
from ..resolve.weights import WEIGHTS as W
from ..numerals import roman_to_int
from . import Context

CODE = "SC302"
NAME = "metadata-mismatch"
SEVERITY = Severity.WARNING
_SMALL_WORDS = frozenset(L.ACRONYM_SKIP)


def _acronym(text: str) -> str:
    return "".join(w[0] for w in fold(text).split() if w not in _SMALL_WORDS)


def _agrees(cited: str, *candidates: str | None) -> bool:
    """Same publisher or place, allowing abbreviation ("PUF"), exonyms close in spelling, and extra words."""
    a = fold(cited)
    for c in candidates:
        if not c:
            continue
        b = fold(c)
        if a == b or fuzz.token_set_ratio(a, b) >= W.same_imprint or b in a or a in b:
            return True
        if any(len(tok) >= 2 and is_acronym(tok, b.split()) for tok in a.split()):
            return True
    return False


def is_acronym(token: str, words: list[str]) -> bool:
    """"puf" of "presses universitaires de france", "atam" of "ataturk arastirma merkezi":
    each word gives a prefix (small words may give nothing), in order, and the first word starts it."""
    words = [w for w in words if w]
    if not words or not token or token[0] != words[0][0]:
        return False

    def fits(t: str, ws: list[str]) -> bool:
        if not t:
            return all(w in _SMALL_WORDS for w in ws)
        if not ws:
            return False
        w = ws[0]
        if w in _SMALL_WORDS and fits(t, ws[1:]):
            return True
        for n in range(1, min(len(w), len(t)) + 1):
            if t[:n] != w[:n]:
                break
            if fits(t[n:], ws[1:]):
                return True
        return False

    return fits(token, words)


_OWN_TEXT = ("title", "subtitle", "booktitle", "booksubtitle", "maintitle", "mainsubtitle", "journaltitle", "journal",
             "series", "eventtitle", "howpublished", "note")


def _entry_says(entry: Entry, text: str) -> bool:
    """Whether text the parser took for a publisher or place is the entry's own title, container or a person's
    name ("Elementary Particle Theory: Relativistic Groups…", "Kants Werke. Akademie Textausgabe", "Friedrich"):
    then the parser misread the note, and the note does not disagree with the entry."""
    needle = fold(text)
    if len(needle) < 3:
        return False
    people = " ".join(f"{p.given} {p.family}" for p in (*entry.authors, *entry.editors))
    hay = fold(" ".join(filter(None, [*(entry.get(f) for f in _OWN_TEXT), people])))
    return f" {needle} " in f" {hay} "


def check(ctx: Context) -> Iterator[Finding]:
    for cit, res in ctx.citations:
        if not res.key or cit.kind != Kind.FULL:
            continue
        e = ctx.entries[res.key]
        problems = []
        years = [int(y) for y in re.findall(r"\d{4}", " ".join(filter(None, [e.get("year"), e.get("date"), e.get("origyear"), e.get("origdate")])))]
        if cit.years and years and not set(cit.years) & set(years):
            problems.append(f"year {'/'.join(map(str, cit.years))} (bibliography: {years[0]})")
        if cit.volume and e.get("volume"):
            a = roman_to_int(cit.volume)
            # a journal's issue may be cited where the volume stands ("TUGboat, 14.3, 40"): any number of the entry's
            numbers = {roman_to_int(e.get(f) or "") for f in ("volume", "number", "issue")} - {None}
            if a is not None and numbers and a not in numbers:
                problems.append(f"volume {cit.volume} (bibliography: {e.get('volume')})")
        if cit.publisher and e.get("publisher") and not _entry_says(e, cit.publisher):
            others = (e.get("publisher"), e.get("organization"), e.get("institution"), e.get("school"))
            if not any(_agrees(p, *others) for p in [cit.publisher, *cit.publisher.split(", "), *(cit.place or "").split("; ")] if p):
                problems.append(f"publisher “{cit.publisher}” (bibliography: “{e.get('publisher')}”)")
        place = e.get("address") or e.get("location")
        # the note's short imprint parts are place candidates ("H.Ü.; Ankara"): one must agree
        # a place is a word or two; longer candidates are titles or names the parser could not place
        places = [p for p in (cit.place or "").split("; ") if p and len(p.split()) <= 2 and not re.search(r"\b\w\.", p)
                  and not _entry_says(e, p)]
        if places and place and not any(_agrees(p, place, e.get("publisher"), e.get("title")) for p in places):
            problems.append(f"place “{cit.place}” (bibliography: “{place}”)")
        if problems:
            yield Finding(
                NAME, SEVERITY, f"{ctx.note(cit.note)}: {res.key}: " + "; ".join(problems),
                note=cit.note, key=res.key, line=cit.line,
                suggestion="check the edition used and correct the note or the bibliography entry",
            )
