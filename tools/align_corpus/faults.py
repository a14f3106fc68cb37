"""Injected faults with known answers, one per variant of a clean case.

Each function takes a clean, checked case and returns the variant: its note texts,
its .bib, its answers and the one finding the fault must cause (marked
"injected": true in expected.json). The note a fault touches is chosen so that the
fault causes only that finding: it cites one work, which neither neighbouring note
cites, and for a first citation, no earlier note cites it. A fault that changes a
locator is rendered again by the processor, and the variant is refused if any other
note changed.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field

import phrases
import pools
from case import Case, Tools, answers, render_case

KINDS = ("title-typo", "author-typo", "wrong-year", "page-out-of-range", "reversed-page-range",
         "unresolved-citation", "short-before-full")
RULES = {"title-typo": "inconsistent-spelling", "author-typo": "inconsistent-spelling",
         "wrong-year": "metadata-mismatch", "page-out-of-range": "page-out-of-range",
         "reversed-page-range": "reversed-page-range", "unresolved-citation": "unresolved-citation",
         "short-before-full": "short-before-full"}


class NotApplicable(Exception):
    pass


@dataclass
class Variant:
    kind: str
    notes: list
    texts: list[str]
    bib: str
    answers: dict[str, list]
    finding: dict = field(default_factory=dict)


def _cited_in(case: Case, key: str) -> list[int]:
    return [i for i, n in enumerate(case.notes, 1) if any(c.key == key for c in n.cites)]


def _isolated(case: Case, k: int) -> str | None:
    """The key of note k if it cites one work, rendered, that neither neighbour cites."""
    note = case.notes[k - 1]
    if len(note.cites) != 1 or note.cites[0].handmade:
        return None
    key = note.cites[0].key
    for j in (k - 1, k + 1):
        if 1 <= j <= len(case.notes) and any(c.key == key for c in case.notes[j - 1].cites):
            return None
    return key


def _middle(case: Case) -> list[int]:
    n = len(case.notes)
    return list(range(max(3, n // 4), n - 1))


def _variant(case: Case, kind: str, k: int, key: str | None, texts: list[str] | None = None,
             notes: list | None = None, bib: str | None = None) -> Variant:
    notes = notes if notes is not None else case.notes
    texts = texts if texts is not None else list(case.texts)
    finding = {"rule": RULES[kind], "note": k, "injected": True}
    if key is not None:
        finding["key"] = key
    return Variant(kind, notes, texts, bib if bib is not None else case.bib, answers(case, texts, notes), finding)


def title_typo(case: Case, tools: Tools) -> Variant:
    """One letter dropped from a title word in a later citation of a work."""
    for k in _middle(case):
        key = _isolated(case, k)
        if not key or _cited_in(case, key)[0] == k:
            continue
        text = case.texts[k - 1]
        title = case.works[key].csl.get("title", "")
        words = [w for w in re.findall(r"\w+", title) if len(w) >= 7 and w.isalpha() and text.count(w) == 1]
        if words:
            word = words[0]
            texts = list(case.texts)
            texts[k - 1] = text.replace(word, word[:4] + word[5:], 1)
            return _variant(case, "title-typo", k, key, texts)
    raise NotApplicable


def author_typo(case: Case, tools: Tools) -> Variant:
    """Two inner letters of the first author's surname swapped in the work's first (full) citation."""
    for k in _middle(case):
        key = _isolated(case, k)
        if not key or _cited_in(case, key)[0] != k:
            continue
        names = case.works[key].names
        name = names[0].get("family", "") if names else ""
        text = case.texts[k - 1]
        if len(name) < 6 or not name.isalpha() or text.count(name) != 1 or name[2] == name[3]:
            continue
        wrong = name[:2] + name[3] + name[2] + name[4:]
        texts = list(case.texts)
        texts[k - 1] = text.replace(name, wrong, 1)
        return _variant(case, "author-typo", k, key, texts)
    raise NotApplicable


def wrong_year(case: Case, tools: Tools) -> Variant:
    """The year of a work's first (full) citation three years off."""
    for k in _middle(case):
        key = _isolated(case, k)
        if not key or _cited_in(case, key)[0] != k or case.works[key].csl.get("type") == "manuscript":
            continue
        year = str(case.works[key].year)
        text = case.texts[k - 1]
        if len(re.findall(rf"(?<!\d){year}(?!\d)", text)) != 1:
            continue
        texts = list(case.texts)
        texts[k - 1] = re.sub(rf"(?<!\d){year}(?!\d)", str(int(year) + 3), text)
        return _variant(case, "wrong-year", k, key, texts)
    raise NotApplicable


def _rerendered(case: Case, tools: Tools, k: int, pages: list[tuple[int, int]]) -> tuple[list, list[str]]:
    notes = copy.deepcopy(case.notes)
    notes[k - 1].cites[0].pages = pages
    twin = copy.copy(case)
    twin.notes = notes
    render_case(twin, tools)
    changed = [i for i, (a, b) in enumerate(zip(case.texts, twin.texts), 1) if a != b]
    if changed != [k]:
        raise NotApplicable
    return notes, twin.texts


def page_out_of_range(case: Case, tools: Tools) -> Variant:
    """An article's or chapter's pinpoint moved past the last page of its span."""
    for k in _middle(case):
        key = _isolated(case, k)
        bounds = pools.page_bounds(case.works[key]) if key else None
        cite = case.notes[k - 1].cites[0] if key else None
        if not bounds or not cite or not cite.pages or bounds[0] == bounds[1]:
            continue
        page = bounds[1] + 7 + k % 11
        try:
            notes, texts = _rerendered(case, tools, k, [(page, page)])
        except NotApplicable:
            continue
        if not re.search(rf"(?<!\d){page}(?!\d)", texts[k - 1]):
            continue
        return _variant(case, "page-out-of-range", k, key, texts, notes)
    raise NotApplicable


def reversed_page_range(case: Case, tools: Tools) -> Variant:
    """A range locator written backwards ("45-41"), rendered again by the processor."""
    for k in _middle(case):
        key = _isolated(case, k)
        cite = case.notes[k - 1].cites[0] if key else None
        if not cite or len(cite.pages) != 1 or cite.pages[0][0] >= cite.pages[0][1]:
            continue
        first, last = cite.pages[0]
        try:
            notes, texts = _rerendered(case, tools, k, [(last, first)])
        except NotApplicable:
            continue
        if not re.search(rf"(?<!\d){last}\s*[-‐‑–—]\s*{first}(?!\d)", texts[k - 1]):
            continue  # the processor "repaired" or abbreviated it: no fault to find
        return _variant(case, "reversed-page-range", k, key, texts, notes)
    raise NotApplicable


def unresolved_citation(case: Case, tools: Tools) -> Variant:
    """The entry of a work cited only once taken out of the .bib: a citation of a work not in it."""
    parents = {w.parent for w in case.works.values() if w.parent}
    for k in _middle(case):
        key = _isolated(case, k)
        if not key or len(_cited_in(case, key)) != 1 or key in parents or case.works[key].parent:
            continue
        variant = _variant(case, "unresolved-citation", k, None, bib=case.bib_without(key))
        variant.answers[str(k)] = [dict(c, key=None) for c in variant.answers[str(k)]]
        return variant
    raise NotApplicable


def _is_short(full: str, short: str, key: str, case: Case) -> bool:
    """The later text is a short form of the same work: shorter, and not a bare repeat marker."""
    names = case.works[key].names
    name = pools.fold(phrases.surname(names[0])) if names else ""
    return len(short) < 0.8 * len(full) and bool(name) and name in pools.fold(short)


def short_before_full(case: Case, tools: Tools) -> Variant:
    """A work's full first note swapped with its next, short note (the only two citing it so far)."""
    for a in range(2, len(case.notes)):
        key = _isolated(case, a)
        if not key:
            continue
        places = _cited_in(case, key)
        if places[0] != a or len(places) < 2:
            continue
        b = places[1]
        if b - a < 2 or _isolated(case, b) != key or not _is_short(case.texts[a - 1], case.texts[b - 1], key, case):
            continue
        texts, notes = list(case.texts), list(case.notes)
        texts[a - 1], texts[b - 1] = texts[b - 1], texts[a - 1]
        notes[a - 1], notes[b - 1] = notes[b - 1], notes[a - 1]
        return _variant(case, "short-before-full", a, key, texts, notes)
    raise NotApplicable


INJECT = {"title-typo": title_typo, "author-typo": author_typo, "wrong-year": wrong_year,
          "page-out-of-range": page_out_of_range, "reversed-page-range": reversed_page_range,
          "unresolved-citation": unresolved_citation, "short-before-full": short_before_full}
