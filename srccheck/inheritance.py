"""BibLaTeX's links between entries, resolved as biber resolves them: crossref, xdata and ids.

- ``crossref = {parent}``: the child inherits every field it lacks from the parent, with
  biber's default renamings for the common pairs (a @book's title becomes an @inbook's
  booktitle, a @proceedings' title an @inproceedings' booktitle, a @periodical's title
  an @article's journaltitle; a multi-volume work's title becomes maintitle). A child's
  citation also counts for its parent.
- ``xdata = {a, b}``: fields copied as they are from data-only entries (@xdata), which are
  never printed and so never "uncited".
- ``ids = {old, other}``: other keys of the same entry; a citation by one of them resolves
  to the entry.
Fields the child has win; ids, crossref, xdata and the like are never inherited.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from .model import Entry

_NEVER = {"ids", "crossref", "xref", "xdata", "entryset", "entrysubtype", "execute", "label", "options", "presort",
          "related", "relatedoptions", "relatedstring", "relatedtype", "shorthand", "shorthandintro", "sortinit",
          "sortkey"}
_TITLES = ("title", "subtitle", "titleaddon", "shorttitle", "sorttitle", "indextitle", "indexsorttitle")
_BOOK_PARTS = {"inbook", "bookinbook", "suppbook"}
_COLLECTION_PARTS = {"incollection", "inreference", "suppcollection"}
_MULTIVOLUME = {"mvbook", "mvcollection", "mvreference", "mvproceedings"}


def _renamings(parent: str, child: str) -> dict[str, str] | None:
    """Parent field -> child field for the title fields, or None when titles pass under their own names."""
    if parent in _MULTIVOLUME and child != parent:
        return {"title": "maintitle", "subtitle": "mainsubtitle", "titleaddon": "maintitleaddon"}
    if (parent == "book" and child in _BOOK_PARTS) or (parent in ("collection", "reference")
                                                       and child in _COLLECTION_PARTS) or (
            parent == "proceedings" and child == "inproceedings"):
        return {"title": "booktitle", "subtitle": "booksubtitle", "titleaddon": "booktitleaddon"}
    if parent == "periodical" and child in ("article", "suppperiodical"):
        return {"title": "journaltitle", "subtitle": "journalsubtitle"}
    return None


def link_keys(entry: Entry, field: str) -> list[str]:
    value = entry.fields.get(field) or ""
    return [k.strip() for k in value.split(",") if k.strip()]


def parents(entry: Entry) -> list[str]:
    """The keys an entry inherits from: its crossref parent and its xdata entries."""
    return link_keys(entry, "crossref") + link_keys(entry, "xdata")


def with_parents(keys: Iterable[str], entries: dict[str, Entry]) -> set[str]:
    """These keys and every entry they inherit from, transitively (a cited chapter cites its book)."""
    found: set[str] = set()
    todo = [k for k in keys if k]
    while todo:
        key = todo.pop()
        if key in found:
            continue
        found.add(key)
        entry = entries.get(key)
        if entry is not None:
            todo.extend(parents(entry))
    return found


def data_only(entry: Entry) -> bool:
    """An @xdata entry: a container of fields for others, never printed or cited."""
    return entry.type == "xdata"


def aliases(entries: dict[str, Entry]) -> dict[str, str]:
    """Every ids alias -> its entry's key (an alias that is itself an entry key is not an alias)."""
    found: dict[str, str] = {}
    for key, entry in entries.items():
        for alias in link_keys(entry, "ids"):
            if alias not in entries:
                found.setdefault(alias, key)
    return found


def resolve_inheritance(entries: dict[str, Entry]) -> dict[str, Entry]:
    """Entries with inherited fields filled in; entries without links are returned as they are."""
    if not any(e.fields.get("crossref") or e.fields.get("xdata") for e in entries.values()):
        return entries
    done: dict[str, Entry] = {}
    for key in entries:
        _resolve(key, entries, done, set())
    return {key: done.get(key, entry) for key, entry in entries.items()}


def _resolve(key: str, entries: dict[str, Entry], done: dict[str, Entry], visiting: set[str]) -> Entry | None:
    if key in done:
        return done[key]
    entry = entries.get(key)
    if entry is None or key in visiting:
        return entry  # a missing parent or a cycle: nothing (more) to inherit
    visiting.add(key)
    fields = dict(entry.fields)
    authors, editors = entry.authors, entry.editors
    for parent_key in link_keys(entry, "xdata") + link_keys(entry, "crossref"):
        parent = _resolve(parent_key, entries, done, visiting)
        if parent is None:
            continue
        renamed = _renamings(parent.type, entry.type) if parent_key in link_keys(entry, "crossref") else None
        for name, value in parent.fields.items():
            if name in _NEVER or not value:
                continue
            target = name
            if renamed is not None and name in _TITLES:
                target = renamed.get(name, "")
                if not target:
                    continue  # shorttitle, sorttitle… of the parent are not the child's
            if not fields.get(target):
                fields[target] = value
        authors = authors or parent.authors
        editors = editors or parent.editors
    if not fields.get("title") and fields.get("booktitle"):
        fields["title"] = fields["booktitle"]  # as the loader does for an entry that names only its book
    resolved = replace(entry, fields=fields, authors=authors, editors=editors)
    visiting.discard(key)
    done[key] = resolved
    return resolved
