"""Per-source summary: which notes cite each entry, and the merged page ranges."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .model import Entry, PageRange, Report


def merge_ranges(ranges: list[PageRange]) -> list[PageRange]:
    """Sort and merge inclusive ranges; adjacent ranges join (18–19 and 20 -> 18–20)."""
    ordered = sorted((min(a, b), max(a, b)) for a, b in ranges)
    merged: list[PageRange] = []
    for start, end in ordered:
        if merged and start <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def format_ranges(ranges: list[PageRange]) -> str:
    return ", ".join(str(a) if a == b else f"{a}–{b}" for a, b in ranges)


@dataclass
class Source:
    key: str
    notes: list[int]
    pages: list[PageRange]
    citations: int
    kinds: dict[str, int]
    first_full: int | None  # the note of the first full (or archival) citation
    first_full_text: str = ""  # that citation as written


_FULL = ("full", "archival")  # an archival reference is always given in full


def sources(report: Report) -> list[Source]:
    """One Source per cited entry, in order of first citation."""
    by_key: dict[str, Source] = {}
    ranges: dict[str, list[PageRange]] = {}
    notes: dict[str, dict[int, None]] = {}  # key -> its notes in order of first citation (a dict: a set that keeps order)
    for cit, res in report.citations:
        if not res.key:
            continue
        src = by_key.get(res.key)
        if src is None:
            src = by_key[res.key] = Source(res.key, [], [], 0, {}, None)
            notes[res.key] = {}
        notes[res.key][cit.note] = None
        src.citations += 1
        src.kinds[cit.kind] = src.kinds.get(cit.kind, 0) + 1
        if cit.kind in _FULL and src.first_full is None:
            src.first_full, src.first_full_text = cit.note, cit.text
        ranges.setdefault(res.key, []).extend(cit.locator.pages if cit.locator else ())
    for key, src in by_key.items():
        src.notes = list(notes[key])
        src.pages = merge_ranges(ranges.get(key, []))
    return list(by_key.values())


def entry_author(entry: Entry) -> str:
    """The first author's (or editor's) surname, "and" the second's, or "et al.": enough for a table."""
    people = entry.authors or entry.editors
    if not people:
        return ""
    first = people[0].family
    if len(people) == 2:
        return f"{first} and {people[1].family}"
    return first + (" et al." if len(people) > 2 else "")


def entry_title(entry: Entry) -> str:
    """The title, or what names an archival entry (its organization or archive)."""
    return entry.title or entry.get("organization") or entry.get("archive") or ""


def short_title(title: str, words: int = 5) -> str:
    """The main title, cut after a few words: enough to recognise the work in a table."""
    main = _SUBTITLE.split(title, maxsplit=1)[0].strip()
    tokens = main.split()
    return " ".join(tokens[:words]) + ("…" if len(tokens) > words else "")


_SUBTITLE = re.compile(r"[:.?!]\s")
