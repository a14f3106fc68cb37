"""Load a .bib file into Entries, with an index for fast candidate lookup.

Plain files are read by bibtex_fast's scanner; bibtexparser 2.x reads everything else
(@string macros, "#" concatenation, broken entries). We decode LaTeX only in the values
that need it (pylatexenc is slow, and most values are plain), strip braces, and keep the
problems bibtexparser reports (duplicate keys, syntax errors) as findings rather than
failing the run. reuse.load_bibliography keeps the parsed, indexed result in the on-disk cache.
"""

from __future__ import annotations

import logging
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from .grammar import languages as L
from .inheritance import resolve_inheritance
from .latex import brace_depths, decode_latex
from .model import Entry, Name
from .names import parse_bib_names
from .normalize import clean, fold
from .numbers import parse_int
from .textio import decode_lines, read_bytes

_log = logging.getLogger("bibtexparser")
_log.addHandler(logging.NullHandler())
_log.propagate = False
_log.setLevel(logging.CRITICAL)

_MONTHS = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"}
_TITLE_STOPWORDS = frozenset(L.TITLE_STOPWORDS)
ARCHIVE_TYPES = {"misc", "unpublished", "manuscript", "archival", "archive", "letter", "document"}


@dataclass(frozen=True)
class BibProblem:
    kind: str  # "parse" | "duplicate-key" | "case-clash"
    line: int
    message: str
    key: str | None = None
    path: str | None = None  # the .bib file it is in, when several were merged (else the bibliography's own)


@dataclass
class Bibliography:
    path: str
    entries: dict[str, Entry]
    problems: list[BibProblem] = field(default_factory=list)
    digest: bytes = field(default=b"", compare=False)  # of the file's bytes, set when loaded: a cached resolution's key
    origin: dict[str, str] = field(default_factory=dict)  # key -> the .bib file it is in, when several were merged

    def file_of(self, key: str | None) -> str:
        """The .bib file an entry is in."""
        return self.origin.get(key or "", self.path)

    @cached_property
    def by_family(self) -> dict[str, list[Entry]]:
        index: dict[str, list[Entry]] = defaultdict(list)
        for entry in self.entries.values():
            # each entry once per family ("Smith and Smith"): a set per entry, not a scan of the family's list
            for family in dict.fromkeys(entry_families(entry)):
                index[family].append(entry)
        return dict(index)

    @cached_property
    def by_title_word(self) -> dict[str, list[Entry]]:
        index: dict[str, list[Entry]] = defaultdict(list)
        for entry in self.entries.values():
            for word in title_words(entry_titles(entry)):
                index[word].append(entry)
        return dict(index)

    @cached_property
    def families(self) -> list[str]:
        return list(self.by_family)

    @cached_property
    def duplicates(self) -> list[tuple[str, str, str]]:
        """(kind, key, earlier key) in bib order: "case" for keys that differ only in case, "work" for the
        same first author, title and year under another key. A property of the file alone, so it is
        computed with the index and cached with it: a check then need not walk every entry."""
        found: list[tuple[str, str, str]] = []
        by_case: dict[str, str] = {}
        by_work: dict[tuple[str, str, str, str], str] = {}
        for key, entry in self.entries.items():
            lower = key.lower()
            if lower in by_case:
                found.append(("case", key, by_case[lower]))
            else:
                by_case[lower] = key
            work = work_key(entry)
            if work[1] and (work[0] or work[2]):
                if work in by_work and by_work[work].lower() != lower:
                    found.append(("work", key, by_work[work]))
                else:
                    by_work.setdefault(work, key)
        return found


def work_key(entry: Entry) -> tuple[str, str, str, str]:
    """What makes two entries one work: first author's surname, title, year and number, folded."""
    first = fold(entry.people[0].family) if entry.people else ""
    return first, fold(entry.title), str(entry.year or ""), fold(entry.get("number") or "")


def stopword(word: str) -> bool:
    """A folded word too common or too short to tell titles apart ("the", "ve", "of")."""
    return len(word) < 3 or word in _TITLE_STOPWORDS


def title_words(texts: list[str]) -> set[str]:
    words = set()
    for text in texts:
        for word in fold(text).split():
            if len(word) >= 3 and word not in _TITLE_STOPWORDS and not word.isdigit():
                words.add(word)
    return words


def entry_families(entry: Entry) -> list[str]:
    out = []
    for name in entry.people:
        folded = fold(name.family)
        if folded:
            out.append(folded)
            parts = folded.split()
            if len(parts) > 1:
                out.append(parts[-1])  # "de Gaulle" also under "gaulle"
    return out


# the fields naming where a work appeared (its journal, full and short names, or its book), full names first
CONTAINER_FIELDS = ("journaltitle", "journal", "shortjournal", "booktitle")


def entry_titles(entry: Entry) -> list[str]:
    """The titles a note may cite a work by: its title, its short title, and a volume's own title after the
    work's ("Нарысы па … Пачатак ХХ ст." for volume = "2: Пачатак ХХ ст.", biblatex's maintitle before title)."""
    title, volume, main = entry.get("title"), entry.get("volume"), entry.get("maintitle")
    titles = [t for t in (title, entry.get("shorttitle")) if t]
    if title and volume and sum(ch.isalpha() for ch in volume) > 3:
        titles.append(f"{title} {volume}")
    if title and main:
        titles.append(f"{main} {title}")
    return titles


def entry_span(entry: Entry) -> tuple[int, int] | None:
    pages = entry.get("pages")
    if not pages:
        return None
    m = re.match(r"^\s*([0-9]+)\s*(?:[-–—]+\s*([0-9]+))?\s*$", pages)
    if not m:
        return None
    start = parse_int(m.group(1))
    end = parse_int(m.group(2)) if m.group(2) else start
    return (start, end) if start is not None and end is not None and end >= start else None


def entry_page_ranges(entry: Entry) -> tuple[tuple[int, int], ...]:
    """Every range of the entry's pages field ("431--456, 791--823", "431--456 and 791--823"), in order."""
    found = re.findall(r"(\d{1,6})\s*(?:[-–—]+\s*(\d{1,6}))?", entry.get("pages") or "")
    return tuple((int(a), int(b) if b else int(a)) for a, b in found)


def entry_pagetotal(entry: Entry) -> int | None:
    total = entry.get("pagetotal") or entry.get("numpages")
    return parse_int(total) if total else None


_SPACE_RUNS = re.compile(r"\s+")


@lru_cache(maxsize=1 << 16)
def _decoded(value: str) -> str:
    """A value as text: LaTeX decoded, spaces collapsed, PDF/Word damage repaired.
    Cached: names, publishers, places and years repeat across a library."""
    return clean(_SPACE_RUNS.sub(" ", decode_latex(value))).strip()


def split_concatenation(value: str) -> list[str]:
    """The pieces of a BibTeX value joined by "#" (outside braces and quotes), stripped."""
    pieces, quote, start = [], False, 0
    for i, (ch, depth) in enumerate(zip(value, brace_depths(value))):
        if ch == '"' and depth == 0:
            quote = not quote
        elif ch == "#" and depth == 0 and not quote:
            pieces.append(value[start:i].strip())
            start = i + 1
    pieces.append(value[start:].strip())
    return pieces


def _join_concatenation(value: str, strings: dict[str, str]) -> str:
    """Resolve `pub # " Books"` the way BibTeX does; other values pass through."""
    if "#" not in value:
        return strings.get(value.strip().lower(), value)
    out = []
    for piece in split_concatenation(value):
        if len(piece) >= 2 and piece[0] == piece[-1] == '"':
            out.append(piece[1:-1])
        elif piece.startswith("{") and piece.endswith("}"):
            out.append(piece[1:-1])
        else:
            out.append(strings.get(piece.lower(), piece))
    return "".join(out)


def _field_value(raw: str, strings: dict[str, str]) -> str:
    return _decoded(_join_concatenation(raw, strings))


def load_bibliography(path: str, encoding: str | None = None) -> Bibliography:
    """The parsed, indexed bibliography of a file (a run takes it from the on-disk cache: reuse.py)."""
    return indexed_bibliography(read_bytes(path, "bibliography"), path, encoding)


def indexed_bibliography(data: bytes, path: str, encoding: str | None = None) -> Bibliography:
    return _indexed(parse_bibliography(_text(data, path, encoding), path))


def _text(data: bytes, path: str, encoding: str | None) -> str:
    return decode_lines(data, path, encoding)[0]


def _indexed(bib: Bibliography) -> Bibliography:
    """Build the lookup tables now, so the cache stores them with the entries."""
    bib.by_family, bib.by_title_word, bib.families, bib.duplicates  # noqa: B018 - cached properties, computed now
    return bib


def parse_bibliography(text: str, path: str = "<bib>", bibtex: bool = False) -> Bibliography:
    """bibtex: the text is BibTeX whatever the path's name says (a draft made from a manuscript named x.json)."""
    from .csl import is_csl_path, load_csl

    if not bibtex and is_csl_path(path):
        return load_csl(text, path)  # CSL-JSON / CSL-YAML, as Zotero, Mendeley and pandoc write them
    bib = _parse_bibtex(text, path)
    bib.entries = resolve_inheritance(bib.entries)  # crossref and xdata filled in, as biber does
    return bib


def _parse_bibtex(text: str, path: str) -> Bibliography:
    from .bibtex_fast import scan

    plain = scan(text)
    if plain is not None:
        strings = {month: month for month in _MONTHS}
        entries = {raw.key: _entry(raw, strings) for raw in plain}
        return Bibliography(path, entries, [])
    return _parse_with_bibtexparser(text, path)


def _parse_with_bibtexparser(text: str, path: str) -> Bibliography:
    """The reference reader: every file the fast path declines, with its syntax problems reported."""
    import bibtexparser
    from bibtexparser.model import DuplicateBlockKeyBlock, DuplicateFieldKeyBlock

    library = bibtexparser.parse_string(text)
    strings = {s.key.lower(): str(s.value) for s in library.strings}
    for month in _MONTHS:
        strings.setdefault(month, month)
    entries: dict[str, Entry] = {}
    problems: list[BibProblem] = []
    for block in library.failed_blocks:
        line = (block.start_line or 0) + 1
        if isinstance(block, DuplicateBlockKeyBlock):
            key = getattr(block, "key", None)
            problems.append(BibProblem("duplicate-key", line, f"duplicate entry key {key!r}; the later entry is ignored", key))
        elif isinstance(block, DuplicateFieldKeyBlock):
            problems.append(BibProblem("parse", line, f"entry has a field twice ({_first_line(block.raw)})"))
            kept = getattr(block, "ignore_error_block", None)
            if kept is not None and getattr(kept, "key", None):
                entries.setdefault(kept.key, _entry(kept, strings))
        else:
            problems.append(BibProblem("parse", line, f"cannot parse BibTeX here: {_first_line(block.raw)}"))
    for raw_entry in library.entries:
        if raw_entry.key in entries:
            continue
        entries[raw_entry.key] = _entry(raw_entry, strings)
    return Bibliography(path, entries, problems)


def _first_line(raw: str) -> str:
    first = raw.strip().splitlines()[0] if raw.strip() else ""
    return first[:80]


def _entry(raw_entry, strings: dict[str, str]) -> Entry:  # type: ignore[no-untyped-def]
    fields: dict[str, str] = {}
    people: dict[str, tuple[Name, ...]] = {}
    for f in raw_entry.fields:
        name = f.key.lower()
        if name in fields:
            continue
        fields[name] = _field_value(str(f.value), strings)
        if name in ("author", "editor"):
            # split names before decoding, so "{World Bank}" stays one name
            people[name] = _decoded_names(parse_bib_names(_join_concatenation(str(f.value), strings)))
    authors = people.get("author", ())
    editors = people.get("editor", ())
    if not fields.get("title") and fields.get("booktitle"):
        fields["title"] = fields["booktitle"]
    return Entry(
        key=raw_entry.key,
        type=raw_entry.entry_type.lower(),
        fields=fields,
        line=(raw_entry.start_line or 0) + 1,
        authors=authors,
        editors=editors,
    )


def _decoded_names(names: tuple[Name, ...]) -> tuple[Name, ...]:
    return tuple(Name(_decoded(n.family), _decoded(n.given)) for n in names)


def is_archival(entry: Entry) -> bool:
    if entry.type in ARCHIVE_TYPES:
        return True
    return any(entry.get(f) for f in ("archive", "archive_location", "shelfmark"))
