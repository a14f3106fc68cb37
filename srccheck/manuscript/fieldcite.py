"""A reference manager's cited item as a Citation: what the item's data says, what the document shows.

The work and the locator come from the field (exact: the item's CSL data, its ``locator`` and
``label``); the author, title, year, publisher and place are the item's, so the rules compare
the library's record with the .bib entry the item resolves to. Only the citation's form
(full, short, ibid) comes from the text the field shows, read by the ordinary parser: a
Chicago note style renders the first citation of a work in full and the later ones short.
"""

from __future__ import annotations

from dataclasses import replace

from ..locator import parse_locator
from ..model import Citation, FieldItem, Kind, Locator, Note
from ..normalize import clean

_LABEL_TEXT = {"folio": "fol. ", "paragraph": "§ ", "section": "§ "}
_FORMS = ("full", "short", "ibid")


def item_citation(item: FieldItem, note: int, index: int, line: int, grammar) -> Citation:  # type: ignore[no-untyped-def]
    entry = item.data
    return Citation(
        note=note, index=index, text=clean(item.field.shown) or entry.title, line=line, kind=Kind.FULL,
        authors=entry.authors or entry.editors, title=entry.title or None,
        container=entry.get("journal") or entry.get("booktitle"),
        publisher=entry.get("publisher") or entry.get("school") or entry.get("institution"),
        place=entry.get("address"), years=(entry.year,) if entry.year else (), volume=entry.get("volume"),
        issue=entry.get("number"), locator=_locator(item, grammar), item=item,
    )


def _locator(item: FieldItem, grammar) -> Locator | None:  # type: ignore[no-untyped-def]
    text = clean(item.locator)
    if not text:
        return None
    label = item.label.strip().lower()
    if label in ("", "page"):
        return parse_locator(text, grammar)
    if label in _LABEL_TEXT:
        return parse_locator(_LABEL_TEXT[label] + text, grammar)
    return Locator(f"{label} {text}", label=label)  # a chapter, a line, a volume…: no page to check


def classify(citations: list[Citation], note: int, grammar) -> list[Citation]:  # type: ignore[no-untyped-def]
    """Each field item's form (full, short, ibid) and its own part of the field's text, read from what the
    field shows: one parsed citation per item when the parser finds as many, else the first one's form."""
    from ..citations import parse_note
    from ..grammar import languages as L

    out: list[Citation] = []
    by_field: dict[int, list[Citation]] = {}
    for c in citations:
        if c.item is None:
            out.append(c)
        else:
            by_field.setdefault(c.item.field.number, []).append(c)
    for items in by_field.values():
        shown = clean(items[0].item.field.shown) if items[0].item else ""
        parsed = [p for p in parse_note(Note(note, shown, items[0].line), grammar, set(L.ARCHIVE_SIGLA))
                  if p.kind in _FORMS] if shown else []
        if len(parsed) == len(items):
            out.extend(replace(c, kind=p.kind, text=p.text) for c, p in zip(items, parsed))
        else:
            kind = parsed[0].kind if parsed else "full"
            out.extend(replace(c, kind=kind) for c in items)
    out.sort(key=lambda c: c.index)
    return out
