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

from ..model import Finding, Severity
from ..normalize import fold
from . import Context

CODE = "SC302"
NAME = "metadata-mismatch"
SEVERITY = Severity.WARNING
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}


def roman_to_int(text: str) -> int | None:
    from ..numbers import is_number, parse_int

    text = text.strip().upper()
    if is_number(text):
        return parse_int(text)
    if not text or any(ch not in _ROMAN for ch in text):
        return None
    total = 0
    for ch, nxt in zip(text, text[1:] + " "):
        value = _ROMAN[ch]
        total += -value if nxt in _ROMAN and _ROMAN[nxt] > value else value
    return total


_SMALL_WORDS = {"de", "des", "du", "la", "le", "of", "the", "and", "et", "und", "der", "die", "ve", "di", "y"}


def _acronym(text: str) -> str:
    return "".join(w[0] for w in fold(text).split() if w not in _SMALL_WORDS)


def _agrees(cited: str, *candidates: str | None) -> bool:
    """Same publisher or place, allowing abbreviation ("PUF"), exonyms close in spelling, and extra words."""
    a = fold(cited)
    for c in candidates:
        if not c:
            continue
        b = fold(c)
        if a == b or fuzz.token_set_ratio(a, b) >= 60 or b in a or a in b:
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


def check(ctx: Context) -> Iterator[Finding]:
    for cit, res in ctx.citations:
        if not res.key or cit.kind != "full":
            continue
        e = ctx.entries[res.key]
        problems = []
        years = [int(y) for y in re.findall(r"\d{4}", " ".join(filter(None, [e.get("year"), e.get("date"), e.get("origyear"), e.get("origdate")])))]
        if cit.years and years and not set(cit.years) & set(years):
            problems.append(f"year {'/'.join(map(str, cit.years))} (bibliography: {years[0]})")
        if cit.volume and e.get("volume"):
            a, b = roman_to_int(cit.volume), roman_to_int(e.get("volume") or "")
            if a is not None and b is not None and a != b:
                problems.append(f"volume {cit.volume} (bibliography: {e.get('volume')})")
        if cit.publisher and e.get("publisher"):
            others = (e.get("publisher"), e.get("organization"), e.get("institution"), e.get("school"))
            if not any(_agrees(p, *others) for p in [cit.publisher, *cit.publisher.split(", "), *(cit.place or "").split("; ")] if p):
                problems.append(f"publisher “{cit.publisher}” (bibliography: “{e.get('publisher')}”)")
        place = e.get("address") or e.get("location")
        # the note's short imprint parts are place candidates ("H.Ü.; Ankara"): one must agree
        # a place is a word or two; longer candidates are titles or names the parser could not place
        places = [p for p in (cit.place or "").split("; ") if p and len(p.split()) <= 2 and not re.search(r"\b\w\.", p)]
        if places and place and not any(_agrees(p, place, e.get("publisher"), e.get("title")) for p in places):
            problems.append(f"place “{cit.place}” (bibliography: “{place}”)")
        if problems:
            yield Finding(
                NAME, SEVERITY, f"note {cit.note}: {res.key}: " + "; ".join(problems),
                note=cit.note, key=res.key, line=cit.line,
                suggestion="check the edition used and correct the note or the bibliography entry",
            )
