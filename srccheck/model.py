"""The values handed from stage to stage: plain, mostly frozen records."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields, is_dataclass, replace
from enum import Enum, StrEnum
from functools import lru_cache
from typing import Any, ClassVar, TypeVar

from .numerals import int_to_roman

R = TypeVar("R")


def replaced(record: R, **changes: Any) -> R:
    """dataclasses.replace(record, **changes) for the loops that run once per note or citation: a copy of the
    record's fields with some changed, without replace's round through __init__ (a tenth of the cost). The same
    thing for a record whose fields are all set by __init__ and that __init__ only stores (no __post_init__, no
    slots), holding nothing but its fields: that is checked, and any other record goes to dataclasses.replace."""
    names = _plain_fields(type(record))
    if names is None or not names.issuperset(changes) or len(record.__dict__) != len(names):
        # raises what replace raises for a field it does not know; drops what a cached_property kept
        return replace(record, **changes)
    copy = object.__new__(type(record))
    copy.__dict__.update(record.__dict__)
    copy.__dict__.update(changes)
    return copy


@lru_cache(maxsize=None)
def _plain_fields(cls: type) -> frozenset[str] | None:
    """The names of a dataclass's fields when __init__ only stores them, else None."""
    if not is_dataclass(cls) or not cls.__dataclass_params__.init or hasattr(cls, "__post_init__") \
            or hasattr(cls, "__slots__"):
        return None
    found = fields(cls)
    if not all(f.init for f in found):
        return None
    return frozenset(f.name for f in found)


class Severity(str, Enum):
    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return _RANKS[self._value_]  # read for every finding, several times: no dict built per call


_RANKS = {"info": 0, "warning": 1, "error": 2}


PageRange = tuple[int, int]


@dataclass(frozen=True)
class Name:
    family: str
    given: str = ""

    def initials(self) -> str:
        return _initials(self.given)


@lru_cache(maxsize=1 << 12)
def _first_year(text: str) -> int | None:
    found = _FOUR_DIGITS.search(text)
    return int(found.group()) if found else None


_FOUR_DIGITS = re.compile(r"\d{4}")


@lru_cache(maxsize=1 << 14)
def _initials(given: str) -> str:
    from .normalize import fold

    return "".join(part[0] for part in fold(given).split())


@dataclass(frozen=True)
class Locator:
    """Where in a work a citation points: as written, and as numbers."""

    text: str
    ranges: tuple[PageRange, ...] = ()  # as written (a reversed range stays reversed)
    volume: str | None = None
    label: str | None = None  # "page", "folio", "column", "paragraph", "note"
    passim: bool = False
    span: PageRange | None = None  # the article's or chapter's own pages, when the note gives them before the pinpoint

    @property
    def pages(self) -> tuple[PageRange, ...]:
        return tuple((min(a, b), max(a, b)) for a, b in self.ranges)


class _NumberedAsPrinted:
    """A note's (or its marker's) number as the document prints it, for messages. Expects the fields number,
    printed, chapter, on_page and roman."""

    number: int
    printed: int | None
    chapter: int
    on_page: int | None
    roman: bool

    @property
    def label(self) -> str:
        """How a message names the note: "note 12", or "note 3 of chapter 2" when numbering restarts, "note 3 on
        page 7" when it restarts on every page; "note xii" when the notes are numbered so."""
        return note_label(self.number, self.printed, self.chapter, self.on_page, self.roman)

    @property
    def shown(self) -> str:
        """The number as the document prints it."""
        return shown_number(self.printed if self.printed is not None else self.number, self.roman)


@dataclass(frozen=True)
class Note(_NumberedAsPrinted):
    number: int
    text: str  # cleaned, lines joined
    line: int  # 1-based line where the note starts
    page: int | None = None
    marker_line: int | None = None  # line of its marker in the body, if found
    line_starts: tuple[tuple[int, int], ...] = ()  # (offset in text, line) for each joined line
    raw: str = ""  # the note as written, comments kept (for suppressions); "" if the reader keeps none
    # Numbering restarted per chapter: `number` is then the running index (1, 2, 3… through the document, what
    # citations and findings refer to), `printed` the number as printed and `chapter` its numbering block (1, 2…).
    chapter: int = 0  # 0: the document numbers its notes once
    printed: int | None = None
    # numbering restarted on every page (footmisc's perpage, Word's "restart each page"): the block's page
    on_page: int | None = None
    roman: bool = False  # numbered i, ii, iii (Word's and LibreOffice's endnotes)


    def line_at(self, offset: int) -> int:
        line = self.line
        for start, ln in self.line_starts:
            if start > offset:
                break
            line = ln
        return line


def note_label(number: int, printed: int | None = None, chapter: int = 0, on_page: int | None = None,
               roman: bool = False) -> str:
    if number == 0:
        return "the text"  # citations standing in the body, not in a note (LaTeX's \textcite, \parencite…)
    if on_page is not None and printed is not None:
        return f"note {shown_number(printed, roman)} on page {on_page}"
    if chapter and printed is not None:
        return f"note {shown_number(printed, roman)} of chapter {chapter}"
    return f"note {shown_number(number, roman)}"


def shown_number(number: int, roman: bool = False) -> str:
    """A note's number as printed: 12, or xii where the notes are numbered in small Roman numerals."""
    if roman and number > 0:
        return int_to_roman(number).lower()
    return str(number)


@dataclass(frozen=True)
class Marker(_NumberedAsPrinted):
    number: int  # the note's number (its running index when numbering restarts); for a marker without a note, as printed
    line: int
    chapter: int = 0
    printed: int | None = None
    on_page: int | None = None  # see Note
    roman: bool = False  # see Note



@dataclass(frozen=True)
class Manuscript:
    path: str
    notes: list[Note]
    markers: list[Marker] = field(default_factory=list)
    unmatched_markers: list[Marker] = field(default_factory=list)  # marker-looking numbers with no note
    has_body: bool = True  # False for formats with no body to find markers in
    position_kind: str = "line"  # what Note.line / Marker.line count: "line", "paragraph" or "page"
    direct_citations: dict[int, list[Citation]] = field(default_factory=dict)  # by key (\cite, [@key]), per note
    bib_paths: list[str] = field(default_factory=list)  # bibliographies the manuscript names (YAML, \addbibresource)
    # How the reader found the notes (said in the JSON report): "footnotes" or "endnotes" ("" if it cannot tell),
    # and whether numbering restarts per chapter or on every page ("continuous", "per-chapter" or "per-page").
    layout: str = ""
    numbering: str = "continuous"
    expected_layout: str = ""  # what a file without any note was searched for (for the no-notes-found rule)
    no_notes_hint: str = ""  # what a file without any note seems to be instead (an empty file, a .bib, a reference list)
    encoding: str | None = None  # the text encoding it was decoded from; None for Word, ODT and PDF files
    # decoded, its words read as no language writes (a wrong code page): a few of them, and the code page that
    # reads the bytes as letters when there is one ("" when none does better)
    garbled: list[str] = field(default_factory=list)
    better_encoding: str = ""
    # LaTeX read whole (\input, \include, \subfile followed): the files and where each one's lines are in the
    # text read, as (first line in the text, file, its first line there, how many lines); empty: one file
    line_map: list[tuple[int, str, int, int]] = field(default_factory=list)

    def origin(self, line: int) -> tuple[str, int]:
        """The file and line a line of the text read comes from (a LaTeX main file's \\input chapters)."""
        for first, path, start, count in self.line_map:
            if first <= line < first + count:
                return path, start + line - first
        return self.path, line

    @property
    def restarts(self) -> bool:
        """Whether the numbering starts again (per chapter or on every page): notes are then told apart by their
        block and printed number, `number` being their running index."""
        return self.numbering in ("per-chapter", "per-page")

    def note_label(self, number: int) -> str:
        """A running note number as a message should name it ("note 3 of chapter 2" when numbering restarts)."""
        if number == 0:
            return note_label(0)
        if self.restarts:
            for note in self.notes:
                if note.number == number:
                    return note.label
        return f"note {number}"


class Kind(StrEnum):
    """What a citation is. A StrEnum: equal to (and hashed as) its value, so "full" still compares equal."""

    FULL = "full"  # a first, full citation: author, title, imprint
    SHORT = "short"  # a short form: author and short title, author alone, or author and year
    IBID = "ibid"  # a repeat marker standing for the work just cited ("Ibid.", "a.y.", "Ebd.")
    ARCHIVAL = "archival"  # an archive reference (archive, fond and file numbers, or a document's title)
    OTHER = "other"  # something cited we could not classify


class MarkerRole(StrEnum):
    """What a repeat marker refers to."""

    IBID = "ibid"  # the work of the citation just before
    EARLIER = "earlier"  # "Surname, op. cit.": that author's work cited earlier
    SAME_AUTHOR = "same-author"  # "Idem, Title": the previous citation's author


@dataclass(frozen=True)
class Citation:
    note: int
    index: int  # position within the note
    text: str  # the citation as written (cleaned)
    line: int
    kind: Kind
    authors: tuple[Name, ...] = ()
    title: str | None = None  # the work's own title (book title, or article title when quoted)
    container: str | None = None  # journal / book a quoted title appeared in
    publisher: str | None = None
    place: str | None = None
    years: tuple[int, ...] = ()
    volume: str | None = None
    issue: str | None = None
    translator: str | None = None
    marker: str | None = None  # repeat marker as written (a.g.e., ibid., op. cit. ...)
    marker_role: MarkerRole | None = None
    xref_note: int | None = None  # "(n 3)", "(wie Anm. 3)"
    archive: str | None = None  # archive name or abbreviation for archival refs
    locator: Locator | None = None
    key: str | None = None  # a key given directly (LaTeX \cite, pandoc @key)
    span: tuple[int, int] | None = None  # where the citation stands in its note's text (start, end offsets)
    item: FieldItem | None = None  # inserted by a reference manager (Zotero, Mendeley, EndNote): the item it holds
    tentative: ClassVar[bool] = False  # see TentativeCitation

    @property
    def written_ranges(self) -> tuple[PageRange, ...]:
        """The page ranges as the note writes them (a reversed range stays reversed; Locator.pages puts them in
        order)."""
        return self.locator.ranges if self.locator else ()

    def settled(self) -> Citation:
        return self


@dataclass(frozen=True)
class TentativeCitation(Citation):
    """A fragment that reads like a sentence as much as a citation: a document cited by its title alone ("Kars
    vilayetinde … yazısı."). The resolver counts it only when an entry's title matches it closely; otherwise it
    was prose, and it leaves no trace (no finding, no place in the history ibid. reads)."""

    tentative: ClassVar[bool] = True

    def settled(self) -> Citation:
        """The same fields as a citation: what an entry's title, found in the note, confirms."""
        return Citation(**{f.name: getattr(self, f.name) for f in fields(Citation)})


@dataclass(frozen=True)
class Candidate:
    """An entry a citation was scored against, and what of it was found in the note."""

    key: str
    score: float
    matched: tuple[tuple[str, str], ...] = ()  # (field, text as written in the note): authors, title, year
    via: str = "fields"  # "alignment": found in the note's text; "fields": the parser's fields compared


@dataclass(frozen=True)
class CitationField:
    """A reference manager's citation field in the document: one per insertion, holding one or more items."""

    plugin: str  # "zotero" | "mendeley" | "endnote"
    number: int  # the field's place among the document's citation fields, from 1
    shown: str  # its text as the document shows it now
    rendered: str  # the text the plug-in last put there (plainCitation, …); "" when the field keeps none
    keep_edit: bool = False  # the plug-in was told to keep a hand edit (Zotero's dontUpdate)


@dataclass(frozen=True)
class FieldItem:
    """One cited item of a CitationField: the reference manager's own record of the work."""

    field: CitationField
    item_id: str  # the item's id inside the field ("1234", "ITEM-1", EndNote's RecNum)
    uris: tuple[str, ...]  # its library URIs (Zotero, Mendeley): the item's identity in the library
    data: Entry = field(hash=False, compare=False)  # its CSL data (or EndNote record) read as an entry
    locator: str = ""  # as the field gives it ("45-47")
    label: str = ""  # CSL locator label ("page", "chapter", "folio"…); "" for page

    @property
    def identity(self) -> str:
        """What makes two items one library item: the first URI, else the plug-in's id."""
        return self.uris[0] if self.uris else f"{self.field.plugin}:{self.item_id}"


@dataclass(frozen=True)
class Resolution:
    key: str | None
    score: float = 0.0
    reason: str = ""
    ambiguous: tuple[str, ...] = ()  # candidate keys when it could not decide
    cascade: bool = False  # unresolved only because the citation it repeats is unresolved
    candidates: tuple[Candidate, ...] = ()  # the best few scored, best first (fuzzy resolutions only)


@dataclass(frozen=True)
class Entry:
    key: str
    type: str
    fields: dict[str, str]  # lower-case names, LaTeX decoded, braces removed
    line: int
    authors: tuple[Name, ...] = ()
    editors: tuple[Name, ...] = ()

    def get(self, name: str) -> str | None:
        value = self.fields.get(name)
        return value if value else None

    @property
    def title(self) -> str:
        return self.fields.get("title", "")

    @property
    def year(self) -> int | None:
        return _first_year(self.fields.get("year") or self.fields.get("date") or "")

    @property
    def people(self) -> tuple[Name, ...]:
        return self.authors + self.editors


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: Severity
    message: str
    note: int | None = None
    key: str | None = None
    line: int | None = None
    suggestion: str | None = None
    file: str | None = None


@dataclass(frozen=True)
class Resolved:
    """A manuscript's citations resolved against a bibliography: what the rules read."""

    manuscript: Manuscript
    citations: list[tuple[Citation, Resolution]]
    entries: dict[str, Entry]
    bib_path: str | None = None
    language: str = "en"


@dataclass(frozen=True)
class Report(Resolved):
    """A manuscript checked: its resolution and the findings about it, made once the rules, suppressions and
    baseline have had their say."""

    findings: list[Finding] = field(default_factory=list)

    @classmethod
    def of(cls, resolved: Resolved, findings: list[Finding]) -> Report:
        return cls(resolved.manuscript, resolved.citations, resolved.entries, resolved.bib_path, resolved.language,
                   findings)

    def read(self) -> dict[str, int]:
        """What was read, for the summaries: a check that found nothing to check must not look like a clean one."""
        return {"notes": len(self.manuscript.notes), "citations": len(self.citations),
                "unresolved": sum(1 for _, res in self.citations if res.key is None)}


@dataclass
class WorkReport:
    """A book's findings as a whole: the manuscripts checked together against one bibliography share these
    (its entries none of them cites, its duplicate entries, its parse errors), reported once, against the .bib."""

    manuscripts: list[str]
    bib_paths: list[str]
    findings: list[Finding] = field(default_factory=list)


@dataclass
class Results:
    """What one run hands the renderers: each manuscript's report, each book's own findings, and the inputs
    that could not be read (path, the one-line reason)."""

    reports: list[Report]
    works: list[WorkReport] = field(default_factory=list)
    errors: list[tuple[str, str]] = field(default_factory=list)

    @property
    def findings(self) -> list[tuple[Report | None, Finding]]:
        """Every finding once: each manuscript's, then each book's (with None: it points at its .bib)."""
        return [(r, f) for r in self.reports for f in r.findings] + [(None, f) for w in self.works for f in w.findings]
