"""One injected fault per variant, with the finding srccheck must report for it.

Each function takes the clean case and returns the changed one. The notes a
fault touches are chosen so that the fault causes exactly one finding (besides
the clean case's unused entries): e.g. a deleted note never holds the first
citation of a work, and a swapped full note is the only earlier citation of
its work.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field

from plan import NotePlan

DECOY = {
    "id": "decoy-holloway-morea", "type": "book", "language": "en",
    "author": [{"family": "Holloway", "given": "Margaret"}],
    "title": "Merchants of the Morea: Trade and Credit in the Ottoman Peloponnese",
    "title-short": "Merchants of the Morea",
    "publisher": "Edinburgh University Press", "publisher-place": "Edinburgh", "number-of-pages": "296",
    "issued": {"date-parts": [[2016]]},
}


@dataclass
class Variant:
    """A case as it will be written: notes as rendered and printed, markers, bib items, answers."""

    plan: list[NotePlan]
    texts: list[str]
    numbers: list[int]  # the number printed for each note
    markers: dict[int, str | None]
    omitted: set[int]
    bib_items: list[dict]
    keys: dict[str, str]
    findings: list[dict] = field(default_factory=list)
    rerender: bool = False  # the plan changed: render the notes again

    def copy(self) -> "Variant":
        return copy.deepcopy(self)


def _cited_in(plan: list[NotePlan], item: str) -> list[int]:
    return [i for i, note in enumerate(plan, 1) if any(c.item == item for c in note.cites)]


def _items(note: NotePlan) -> set[str]:
    return {c.item for c in note.cites}


def _middle(plan: list[NotePlan]) -> list[int]:
    n = len(plan)
    return list(range(max(3, n // 3), n - 2))


def _isolated_single(plan: list[NotePlan], k: int) -> bool:
    """Note k cites one work, which neither neighbouring note cites (no ibid either side)."""
    note = plan[k - 1]
    if len(note.cites) != 1:
        return False
    item = note.cites[0].item
    before = plan[k - 2] if k >= 2 else NotePlan()
    after = plan[k] if k < len(plan) else NotePlan()
    return item not in _items(before) and item not in _items(after)


def note_number_gap(v: Variant) -> Variant:
    v = v.copy()
    for k in _middle(v.plan):
        note, after = v.plan[k - 1], v.plan[k]
        if not note.cites or _items(note) & _items(after):
            continue
        if all(_cited_in(v.plan, c.item)[0] < k for c in note.cites):
            v.omitted.add(k)
            v.findings.append({"rule": "note-number-gap", "note": k})
            return v
    raise RuntimeError("no note can be deleted cleanly")


def duplicate_note_number(v: Variant) -> Variant:
    v = v.copy()
    k = _middle(v.plan)[len(_middle(v.plan)) // 2]
    v.numbers = [n if n <= k else n - 1 for n in v.numbers]
    v.markers = {i: str(v.numbers[i - 1]) for i in v.markers}
    v.findings.append({"rule": "duplicate-note-number", "note": k})
    return v


def note_without_marker(v: Variant) -> Variant:
    v = v.copy()
    k = _middle(v.plan)[len(_middle(v.plan)) // 2]
    v.markers[k] = None
    v.findings.append({"rule": "note-without-marker", "note": k})
    return v


def unresolved_citation(v: Variant) -> Variant:
    v = v.copy()
    for k in _middle(v.plan):
        if not _isolated_single(v.plan, k):
            continue
        item = v.plan[k - 1].cites[0].item
        if len(_cited_in(v.plan, item)) == 1:
            v.bib_items = [it for it in v.bib_items if it["id"] != item]
            v.findings.append({"rule": "unresolved-citation", "note": k})
            v.keys = dict(v.keys, **{item: None})
            return v
    raise RuntimeError("no work is cited just once")


def unused_entry(v: Variant, key: str) -> Variant:
    v = v.copy()
    v.bib_items.append(DECOY)
    v.keys = dict(v.keys, **{DECOY["id"]: key})
    v.findings.append({"rule": "unused-entry", "key": key})
    return v


def short_before_full(v: Variant) -> Variant:
    v = v.copy()
    for a in range(1, len(v.plan)):
        note = v.plan[a - 1]
        if len(note.cites) != 1:
            continue
        item = note.cites[0].item
        places = _cited_in(v.plan, item)
        if places[0] != a or len(places) < 2:
            continue
        b = places[1]
        if b - a < 2 or len(v.plan[b - 1].cites) != 1:
            continue
        v.texts[a - 1], v.texts[b - 1] = v.texts[b - 1], v.texts[a - 1]
        v.plan[a - 1], v.plan[b - 1] = v.plan[b - 1], v.plan[a - 1]
        v.findings.append({"rule": "short-before-full", "note": a, "key": v.keys[item]})
        return v
    raise RuntimeError("no full note to swap")


def inconsistent_spelling(v: Variant, pool: dict[str, dict]) -> Variant:
    v = v.copy()
    for k in range(2, len(v.plan) + 1):
        if not _isolated_single(v.plan, k):
            continue
        item = v.plan[k - 1].cites[0].item
        if _cited_in(v.plan, item)[0] == k:
            continue  # a later note, so the first spelling stands
        title = pool[item].get("title-short") or pool[item]["title"]
        words = [w for w in re.findall(r"\w+", title) if len(w) >= 7 and w in v.texts[k - 1]]
        if not words:
            continue
        word = words[0]
        wrong = word[:4] + word[5:]  # one letter dropped
        v.texts[k - 1] = v.texts[k - 1].replace(word, wrong, 1)
        v.findings.append({"rule": "inconsistent-spelling", "note": k, "key": v.keys[item]})
        return v
    raise RuntimeError("no title to misspell")


def page_out_of_range(v: Variant, pool: dict[str, dict]) -> Variant:
    v = v.copy()
    for k in _middle(v.plan):
        if not _isolated_single(v.plan, k):
            continue
        cite = v.plan[k - 1].cites[0]
        if "page" not in pool[cite.item] or not cite.pages:
            continue
        last = int(pool[cite.item]["page"].split("-")[1])
        page = last + 7 + k % 11
        cite.pages = [(page, page)]
        v.rerender = True
        v.findings.append({"rule": "page-out-of-range", "note": k, "key": v.keys[cite.item]})
        return v
    raise RuntimeError("no article or chapter locator to move")


def reversed_page_range(v: Variant) -> Variant:
    v = v.copy()
    for k in _middle(v.plan):
        if not _isolated_single(v.plan, k):
            continue
        cite = v.plan[k - 1].cites[0]
        if len(cite.pages) == 1 and cite.pages[0][0] < cite.pages[0][1]:
            first, last = cite.pages[0]
            cite.pages = [(last, first)]
            v.rerender = True
            v.findings.append({"rule": "reversed-page-range", "note": k, "key": v.keys[cite.item]})
            return v
    raise RuntimeError("no page range to reverse")


def metadata_mismatch(v: Variant, pool: dict[str, dict]) -> Variant:
    v = v.copy()
    for k in _middle(v.plan):
        if not _isolated_single(v.plan, k):
            continue
        item = v.plan[k - 1].cites[0].item
        if _cited_in(v.plan, item)[0] != k or pool[item]["type"] == "manuscript":
            continue
        year = str(pool[item]["issued"]["date-parts"][0][0])
        text = v.texts[k - 1]
        if len(re.findall(rf"(?<!\d){year}(?!\d)", text)) != 1:
            continue
        v.texts[k - 1] = re.sub(rf"(?<!\d){year}(?!\d)", str(int(year) + 3), text)
        v.findings.append({"rule": "metadata-mismatch", "note": k, "key": v.keys[item]})
        return v
    raise RuntimeError("no full note with a year")
