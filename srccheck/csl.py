"""CSL data (the citation items of Zotero, Mendeley, pandoc) as Entries, and CSL-JSON / CSL-YAML files as a Bibliography.

CSL-JSON is a list of items: ``{"id": "smith2001", "type": "book", "title": "…",
"author": [{"family": "Smith", "given": "John"}], "issued": {"date-parts": [[2001]]},
"publisher": "…", "publisher-place": "…", "page": "45-67", "DOI": "…"}``. CSL-YAML is the
same as YAML: a list, or a mapping whose ``references`` holds the list (pandoc's form).
Each item becomes an Entry with BibTeX field names (title, journal or booktitle,
publisher, address, year, volume, number, pages, doi, isbn, url…), so the rules read a
CSL item exactly as they read the BibTeX entry it came from or was exported to.
"""

from __future__ import annotations

import html
import json
import re
from typing import Any

from .errors import InputError
from .model import Entry, Name

# CSL item type -> the BibTeX type the rules know
_TYPES = {
    "article-journal": "article", "article-magazine": "article", "article-newspaper": "article",
    "article": "article", "review": "article", "review-book": "article",
    "book": "book", "classic": "book", "collection": "book",
    "chapter": "incollection", "entry-encyclopedia": "incollection", "entry-dictionary": "incollection",
    "entry": "incollection",
    "paper-conference": "inproceedings",
    "thesis": "phdthesis",
    "report": "techreport",
    "manuscript": "unpublished",
    "webpage": "online", "post-weblog": "online", "post": "online",
}
# CSL variable -> BibTeX field (the container is placed by type, see _container_field)
_FIELDS = {
    "title": "title", "title-short": "shorttitle", "shortTitle": "shorttitle",
    "publisher": "publisher", "publisher-place": "address", "event-place": "venue",
    "volume": "volume", "number-of-volumes": "volumes", "edition": "edition",
    "page": "pages", "number-of-pages": "pagetotal", "collection-title": "series",
    "collection-number": "number", "number": "number", "issue": "number",
    "DOI": "doi", "ISBN": "isbn", "ISSN": "issn", "URL": "url", "note": "note",
    "archive": "archive", "archive_location": "archive_location", "archive-place": "archive_place",
    "call-number": "shelfmark", "language": "langid", "genre": "type",
}
_DATE_FIELDS = {"issued": "year", "original-date": "origyear"}
_PEOPLE = ("author", "editor", "translator", "container-author", "collection-editor")
_TAG = re.compile(r"<[^>]{0,200}>")


def rich_text(value: object) -> str:
    """A CSL string as plain text: its mark-up (<i>, <b>, <span class="nocase">…) and entities removed."""
    text = str(value)
    if "<" in text:
        text = _TAG.sub("", text)
    if "&" in text:
        text = html.unescape(text)
    return " ".join(text.split())


def csl_name(person: dict[str, Any]) -> Name | None:
    """A CSL name: particles go where a .bib writes them ("van Beethoven, Ludwig"; "Beethoven, Ludwig van")."""
    if not isinstance(person, dict):
        return None
    literal = person.get("literal")
    if literal:
        return Name(rich_text(literal))
    family = " ".join(rich_text(person[k]) for k in ("non-dropping-particle", "family") if person.get(k))
    given = " ".join(rich_text(person[k]) for k in ("given", "dropping-particle") if person.get(k))
    if person.get("suffix"):
        given = f"{given}, {rich_text(person['suffix'])}" if given else rich_text(person["suffix"])
    if not family and not given:
        return None
    return Name(family or given, given if family else "")


def names_text(names: tuple[Name, ...]) -> str:
    """Names as a BibTeX value ("Smith, John and Doe, Jane"), for the fields that keep them as text."""
    return " and ".join(f"{n.family}, {n.given}" if n.given else n.family for n in names)


def csl_year(date: object) -> str | None:
    """The year of a CSL date: {"date-parts": [[2001, 5]]}, {"raw": "2001-05"}, {"literal": "1335/1919"}, "2001"."""
    if isinstance(date, dict):
        parts = date.get("date-parts")
        if isinstance(parts, list) and parts and isinstance(parts[0], list) and parts[0]:
            first = str(parts[0][0]).strip()
            if first.lstrip("-").isdigit():
                if len(parts) > 1 and isinstance(parts[1], list) and parts[1] and str(parts[1][0]) != first:
                    return f"{first}/{parts[1][0]}"  # a range of years, as biblatex writes it
                return first
        for key in ("raw", "literal", "season"):
            if date.get(key):
                return str(date[key]).strip()
        return None
    if isinstance(date, (str, int)):
        return str(date).strip() or None
    return None


def entry_from_csl(item: dict[str, Any], key: str | None = None, line: int = 0) -> Entry:
    """One CSL item as an Entry (key: the item's id unless given)."""
    csl_type = str(item.get("type") or "").strip()
    bib_type = _TYPES.get(csl_type, "misc")
    genre = rich_text(item.get("genre") or "").lower()
    if bib_type == "phdthesis" and re.search(r"master|yüksek lisans|magister|mémoire|m\.a\.|ma thesis", genre):
        bib_type = "mastersthesis"
    fields: dict[str, str] = {}
    for name, value in item.items():
        if value in (None, "", [], {}):
            continue
        target = _FIELDS.get(name)
        if target and target not in fields and isinstance(value, (str, int, float)):
            fields[target] = rich_text(value)
        elif name in _DATE_FIELDS:
            year = csl_year(value)
            if year:
                fields[_DATE_FIELDS[name]] = year
    container = item.get("container-title")
    if container:
        fields[_container_field(bib_type)] = rich_text(container if not isinstance(container, list) else container[0])
    if bib_type in ("phdthesis", "mastersthesis") and "publisher" in fields:
        fields["school"] = fields.pop("publisher")
    elif bib_type == "techreport" and "publisher" in fields:
        fields["institution"] = fields.pop("publisher")
    people: dict[str, tuple[Name, ...]] = {}
    for role in _PEOPLE:
        value = item.get(role)
        if isinstance(value, list):
            found = tuple(n for n in (csl_name(p) for p in value) if n)
            if found:
                people[role] = found
                if role not in ("author", "editor"):
                    fields[role.replace("-", "")] = names_text(found)
    if people.get("author"):
        fields["author"] = names_text(people["author"])
    if people.get("editor"):
        fields["editor"] = names_text(people["editor"])
    if not fields.get("title") and fields.get("booktitle"):
        fields["title"] = fields["booktitle"]
    entry_key = key if key is not None else str(item.get("id") or item.get("citation-key") or "")
    return Entry(key=entry_key, type=bib_type, fields=fields, line=line,
                 authors=people.get("author", ()), editors=people.get("editor", ()))


def _container_field(bib_type: str) -> str:
    return "journal" if bib_type == "article" else "booktitle" if bib_type in (
        "incollection", "inproceedings") else "howpublished" if bib_type == "online" else "booktitle"


def is_csl_path(path: str) -> bool:
    return path.lower().endswith((".json", ".yaml", ".yml"))


def parse_csl(text: str, path: str) -> list[dict[str, Any]]:
    """The items of a CSL-JSON or CSL-YAML file; a file that is neither is an InputError."""
    if path.lower().endswith(".json"):
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise InputError(f"{path}: not CSL-JSON (line {exc.lineno}: {exc.msg})") from None
        except RecursionError:
            raise InputError(f"{path}: refused: JSON nested too deeply to be a bibliography") from None
    else:
        import yaml

        try:
            # pandoc writes references into a document's metadata block: "---", the YAML, "---" or "..."
            data = next((doc for doc in yaml.safe_load_all(text) if doc is not None), None)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            where = f"line {mark.line + 1}: " if mark is not None else ""
            raise InputError(f"{path}: not CSL-YAML ({where}{getattr(exc, 'problem', None) or exc})") from None
        except RecursionError:
            raise InputError(f"{path}: refused: YAML nested too deeply to be a bibliography") from None
    if isinstance(data, dict) and isinstance(data.get("references"), list):
        data = data["references"]
    if data is None:
        data = []
    if not isinstance(data, list) or not all(isinstance(item, dict) for item in data):
        raise InputError(f"{path}: not a CSL bibliography (expected a list of items, each with an id)")
    return data


def item_lines(text: str, path: str) -> dict[str, int]:
    """The 1-based line where each item's id is written, so findings about an item point at it."""
    if path.lower().endswith(".json"):
        pattern = re.compile(r'"id"\s*:\s*"?((?:[^"\\]|\\.)*?)"?\s*[,}\n]')
    else:
        pattern = re.compile(r"^\s*-?\s*id\s*:\s*['\"]?([^'\"\n]*?)['\"]?\s*$", re.M)
    lines: dict[str, int] = {}
    for m in pattern.finditer(text):
        lines.setdefault(m.group(1).strip(), text.count("\n", 0, m.start()) + 1)
    return lines


def load_csl(text: str, path: str):  # type: ignore[no-untyped-def]
    """A CSL-JSON or CSL-YAML file as a Bibliography; an item without an id, or an id given twice, is a problem."""
    from .bibliography import BibProblem, Bibliography

    lines = item_lines(text, path)
    entries: dict[str, Entry] = {}
    problems: list[BibProblem] = []
    for number, item in enumerate(parse_csl(text, path), start=1):
        key = str(item.get("id") or item.get("citation-key") or "").strip()
        line = lines.get(key, 1)
        if not key:
            problems.append(BibProblem("parse", 1, f"item {number} has no id; it is ignored"))
            continue
        if key in entries:
            problems.append(BibProblem("duplicate-key", line, f"duplicate item id {key!r}; the later item is ignored",
                                       key))
            continue
        entries[key] = entry_from_csl(item, key, line)
    return Bibliography(path, entries, problems)
