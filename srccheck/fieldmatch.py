"""Exact resolution, before the fuzzy resolver: reference managers' items and BibLaTeX key aliases.

A citation field names its work exactly (the item's DOI, ISBN, URL, title, year and
authors), so its citations are never matched fuzzily: each item goes to the .bib entry
with the same DOI, else the same ISBN, else the same URL, else the same title, year and
first author (compared folded: case, accents and punctuation aside), or to nothing. With no
bibliography given, the items themselves are the bibliography (items_bibliography). The
key found is set on the citation, so the resolver takes it as a citation by key and its
ibid, "op. cit." and tie-breaking logic sees field citations like any other; the reason is
then rewritten to say it came from the field code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from .bibliography import Bibliography
from .inheritance import aliases
from .model import Citation, Entry, FieldItem, Manuscript, Resolution
from .normalize import fold

NO_BIBLIOGRAPHY = "(the reference manager's items)"


def doi_form(value: str | None) -> str:
    if not value:
        return ""
    value = value.strip().lower()
    value = re.sub(r"^(?:https?://)?(?:dx\.)?doi\.org/|^doi:\s*", "", value)
    return value.strip()


def isbn_forms(value: str | None) -> set[str]:
    """Each ISBN in the value as 13 digits (an ISBN-10 converted), so both writings meet."""
    found = set()
    for raw in re.findall(r"[\dXx][\dXx\- ]{8,16}[\dXx]", value or ""):
        digits = re.sub(r"[^\dXx]", "", raw).upper()
        if len(digits) == 10:
            core = "978" + digits[:9]
            check = (10 - sum((1 if i % 2 == 0 else 3) * int(d) for i, d in enumerate(core)) % 10) % 10
            found.add(core + str(check))
        elif len(digits) == 13 and digits.isdigit():
            found.add(digits)
    return found


def url_form(value: str | None) -> str:
    if not value:
        return ""
    value = re.sub(r"^https?://(?:www\.)?", "", value.strip().lower())
    return value.rstrip("/")


def work_form(entry: Entry) -> tuple[str, str, str] | None:
    """(folded title, year, folded first surname), or None when the entry lacks one of them."""
    title = " ".join(re.sub(r"[^\w\s]", " ", fold(entry.title)).split())
    people = entry.authors or entry.editors
    surname = fold(people[0].family) if people else ""
    if not title or not entry.year or not surname:
        return None
    return title, str(entry.year), surname


@dataclass
class ExactIndex:
    """The bibliography's entries by DOI, ISBN, URL and (title, year, first author), built once per run."""

    doi: dict[str, list[str]] = field(default_factory=dict)
    isbn: dict[str, list[str]] = field(default_factory=dict)
    url: dict[str, list[str]] = field(default_factory=dict)
    work: dict[tuple[str, str, str], list[str]] = field(default_factory=dict)

    @classmethod
    def of(cls, entries: dict[str, Entry]) -> ExactIndex:
        index = cls()
        for key, entry in entries.items():
            if entry.type == "xdata":
                continue
            if doi_form(entry.get("doi")):
                index.doi.setdefault(doi_form(entry.get("doi")), []).append(key)
            for isbn in isbn_forms(entry.get("isbn")):
                index.isbn.setdefault(isbn, []).append(key)
            if url_form(entry.get("url")):
                index.url.setdefault(url_form(entry.get("url")), []).append(key)
            work = work_form(entry)
            if work:
                index.work.setdefault(work, []).append(key)
        return index

    def find(self, item: Entry) -> tuple[str | None, str]:
        """(the entry key, what matched) or (None, why not)."""
        work = work_form(item)
        lookups = [("DOI", self.doi.get(doi_form(item.get("doi")), []) if doi_form(item.get("doi")) else []),
                   ("ISBN", [k for isbn in isbn_forms(item.get("isbn")) for k in self.isbn.get(isbn, [])]),
                   ("URL", self.url.get(url_form(item.get("url")), []) if url_form(item.get("url")) else []),
                   ("title, year and author", self.work.get(work, []) if work else [])]
        for what, keys in lookups:
            keys = list(dict.fromkeys(keys))
            if len(keys) > 1 and work:
                keys = [k for k in keys if k in self.work.get(work, [])] or keys  # two volumes share an ISBN
            if keys:
                return keys[0], f"same {what}"
        return None, "no bibliography entry has this item's DOI, ISBN, URL, or its title, year and author"


def prepare(citations: list[Citation], bib: Bibliography) -> tuple[list[Citation], dict[int, str]]:
    """Citations with the key of their exact match set (field items; ids aliases replaced by their entry's key),
    and for those, by position, the reason to report."""
    has_items = any(c.item is not None for c in citations)
    alias_map = aliases(bib.entries) if any(c.key for c in citations) else {}
    if not has_items and not alias_map:
        return citations, {}
    identities: dict[str, str] | None = getattr(bib, "identities", None)
    index = ExactIndex.of(bib.entries) if has_items and identities is None else None
    out: list[Citation] = []
    reasons: dict[int, str] = {}
    for position, c in enumerate(citations):
        if c.item is not None:
            if identities is not None:
                key, why = identities.get(c.item.identity), "the item itself (no bibliography given)"
            else:
                key, why = index.find(c.item.data)  # type: ignore[union-attr]
            reasons[position] = f"field code ({c.item.field.plugin}): {why}"
            c = replace(c, key=key or "")  # "": no entry has this key, so the resolver reports it unresolved
        elif c.key and c.key in alias_map:
            reasons[position] = f"cited by key {c.key}, an alias (ids) of {alias_map[c.key]}"
            c = replace(c, key=alias_map[c.key])
        out.append(c)
    return out, reasons


def explained(resolution: Resolution, reason: str | None) -> Resolution:
    return replace(resolution, reason=reason) if reason else resolution


@dataclass
class ItemBibliography(Bibliography):
    """The cited items themselves as a bibliography, when the manuscript's fields are all there is."""

    identities: dict[str, str] = field(default_factory=dict)  # FieldItem.identity -> entry key

    @property
    def duplicates(self) -> list[tuple[str, str, str]]:  # type: ignore[override]
        return []  # two library items of one work are duplicate-item's finding, not the bibliography's


def field_items(manuscript: Manuscript) -> list[FieldItem]:
    return [c.item for cites in manuscript.direct_citations.values() for c in cites if c.item is not None]


def items_bibliography(manuscript: Manuscript) -> ItemBibliography | None:
    """One entry per distinct library item cited, keyed as `bib draft` keys works; None without field items."""
    from .draft import Work, base_key, unique_key

    items = field_items(manuscript)
    if not items:
        return None
    entries: dict[str, Entry] = {}
    identities: dict[str, str] = {}
    taken: set[str] = set()
    for item in items:
        if item.identity in identities:
            continue
        key = unique_key(base_key(Work("", item.data.type, item.data.fields, None)) or "item", taken)  # type: ignore[arg-type]
        taken.add(key.lower())
        identities[item.identity] = key
        entries[key] = replace(item.data, key=key, line=0)
    return ItemBibliography(NO_BIBLIOGRAPHY, entries, [], identities=identities)
