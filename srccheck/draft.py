"""Draft a BibTeX bibliography from a manuscript's own notes.

One entry per work, built from the work's first full citation (or archival
reference). Later full citations of the same work are recognised with the
resolver's own scoring, so "the same work" means here what it means in `check`.
Where a field looks doubtful for a bibliography (a place glued to a publisher, a
publisher read from the end of the title) the entry's comment says so, rather than hide
the doubt; the parser's misreadings are fixed in the parser, not patched here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from .grammar import alternation, upper_first
from .grammar import languages as L
from .model import Citation, Entry, Kind, Manuscript, Name, Note
from .resolve.weights import WEIGHTS as W

if TYPE_CHECKING:
    from .bibliography import Bibliography


_PHD = re.compile(r"\b" + alternation(L.DOCTORAL, patterns=True), re.IGNORECASE)
_MASTERS = re.compile(r"\b" + alternation(L.MASTERS, patterns=True), re.IGNORECASE)
_PROCEEDINGS = re.compile(r"\b" + alternation(L.PROCEEDINGS, patterns=True) + r"\b", re.IGNORECASE)
_IN_CONTAINER = re.compile(r"[”\"»’]\s*,?\s*" + alternation([v for w in L.IN_WORDS for v in (w, upper_first(w))])
                           + r":?\s")
_EDITOR_AFTER_NAME = re.compile(r"^[^,(“\"«]{2,80}?\(\s*" + alternation(L.EDITOR_SHORT) + r"\.?\s*\)", re.IGNORECASE)
_EDITION = re.compile(r"\b(\d{1,2})\s*" + alternation(L.ORDINAL_SUFFIXES) + r"?\s*"
                      + alternation([w for ws in L.EDITION_WORDS.values() for w in ws]), re.IGNORECASE)
_EDITION_REMARK = re.compile(r"\(([^()]*\b" + alternation(L.EDITION_REMARKS, patterns=True) + r"\b[^()]*)\)",
                             re.IGNORECASE)
_SERIES_NUMBER = re.compile(r"^(.*\S)\s*" + alternation(L.SERIES_NUMBER) + r"\s*[:.]?\s*(\d+)$")
_DATED_TAIL = re.compile(r",\s*\((?:\d{3,4}\s*[-–/]\s*\d{2,4}|\d{4})\)$")
_PARTICLES = frozenset(L.PARTICLES)
_KEY_STOPWORDS = frozenset(L.KEY_STOPWORDS)


@dataclass
class Work:
    """A drafted entry: where it came from, what it says, and what we are unsure of."""

    key: str
    type: str
    fields: dict[str, str]  # Unicode values; people already as "Family, Given and ..."
    citation: Citation
    unsure: list[str] = field(default_factory=list)
    notes: list[int] = field(default_factory=list)  # notes with a full citation of this work

    @property
    def note(self) -> int:
        return self.citation.note


# ---------------------------------------------------------------------------------------------
# From citations to works


def draft_works(manuscript: Manuscript, language: str | None = None) -> list[Work]:
    from .grammar import detect_language
    from .pipeline import parse_citations

    language = language or detect_language([n.text for n in manuscript.notes])
    citations = parse_citations(manuscript, language)
    return works_from_citations(citations, manuscript.notes)


def works_from_citations(citations: list[Citation], notes: list[Note]) -> list[Work]:
    from .citations import archive_definitions
    from .resolve import score_entry

    abbreviations = archive_definitions(notes)
    works: list[Work] = []
    entries: list[Entry] = []
    taken: set[str] = set()
    for cit in citations:
        if cit.tentative or cit.key is not None or cit.kind not in ("full", "archival"):
            continue
        work = _work(cit, abbreviations)
        if work is None:
            continue
        entry = as_entry(work)
        same = _same_work(cit, work, works, entries, score_entry)
        if same is not None:
            same.notes.append(cit.note)
            continue
        work.key = unique_key(base_key(work), taken)
        taken.add(work.key.lower())
        work.notes.append(cit.note)
        works.append(work)
        entries.append(replace(entry, key=work.key))
    return works


def _same_work(cit: Citation, work: Work, works: list[Work], entries: list[Entry], score) -> Work | None:  # type: ignore[no-untyped-def]
    if cit.kind == Kind.ARCHIVAL:
        mine = _archive_identity(work)
        return next((w for w in works if w.type == "misc" and _archive_identity(w) == mine), None)
    best: tuple[float, Work] | None = None
    for other, entry in zip(works, entries):
        if other.type == "misc" and "archive" in other.fields:
            continue
        if work.fields.get("volume") != other.fields.get("volume"):
            continue  # two volumes of one work are two entries
        s = score(cit, entry)
        if s >= W.drafted_same_work and (best is None or s > best[0]):
            best = (s, other)
    return best[1] if best else None


def _archive_identity(work: Work) -> tuple[str, ...]:
    from .normalize import fold

    return tuple(fold(work.fields.get(f, "")) for f in ("archive", "organization", "number", "title"))


def _work(cit: Citation, abbreviations: dict[str, str]) -> Work | None:
    if cit.kind == Kind.ARCHIVAL:
        return _archival_work(cit, abbreviations)
    unsure: list[str] = []
    raw = cit.text
    fields: dict[str, str] = {}
    authors, editors = list(cit.authors), _role_names(raw, "editor")
    if authors and _EDITOR_AFTER_NAME.match(raw):
        editors, authors = authors, []  # "Jane Doe (ed.), Title": the name in the author slot edits the book
    authors = [_tidy_name(n) for n in authors]
    title = _title(cit.title, unsure)
    container = _title(cit.container, unsure)
    place, publisher = _imprint(cit, unsure)
    if publisher is None and title and not container:
        title, publisher = _publisher_in_title(title, unsure)
    kind = _entry_type(cit, raw, container, publisher, place, editors)
    if authors:
        fields["author"] = join_names(authors)
    if editors:
        fields["editor"] = join_names([_tidy_name(n) for n in editors])
    if cit.translator:
        from .names import parse_names

        fields["translator"] = join_names([_tidy_name(n) for n in parse_names(cit.translator)]) or cit.translator
    if title:
        fields["title"] = title
    if container:
        fields["journal" if kind == "article" else "booktitle"] = container
    if kind in ("phdthesis", "mastersthesis"):
        school = publisher or None
        if school:
            fields["school"] = school
        publisher = None
    edition = _EDITION.search(raw)
    if edition:
        fields["edition"] = edition.group(1)
    elif _EDITION_REMARK.search(raw):
        fields["note"] = _EDITION_REMARK.search(raw).group(1).strip()  # type: ignore[union-attr]
    if cit.volume:
        fields["volume"] = _arabic(cit.volume)
    if cit.issue:
        fields["number"] = cit.issue
    if publisher:
        series = _SERIES_NUMBER.match(publisher)
        if series and "number" not in fields:
            publisher = series.group(1).strip(" ,")
            fields["series"], fields["number"] = publisher, series.group(2)
        fields["publisher"] = publisher
    if place:
        fields["address"] = place
    if cit.years:
        fields["year"] = str(cit.years[0])
        if len(set(cit.years)) > 1:
            unsure.append(f"year: the note gives several years ({', '.join(map(str, cit.years))}); the first is used")
    pages = _article_pages(cit)
    if pages:
        fields["pages"] = pages
    elif kind in ("article", "incollection", "inproceedings"):
        unsure.append("pages: the note gives only the cited page, not the span of the " +
                      ("article" if kind == "article" else "chapter"))
    if not authors and not editors:
        unsure.append("author: none found in the note")
    if not title:
        unsure.append("title: none found in the note")
    return Work("", kind, fields, cit, unsure)


def _entry_type(cit: Citation, raw: str, container: str | None, publisher: str | None, place: str | None,
                editors: list[Name]) -> str:
    if _MASTERS.search(raw):
        return "mastersthesis"
    if _PHD.search(raw):
        return "phdthesis"
    if not container:
        return "book"
    if _PROCEEDINGS.search(container):
        return "inproceedings"
    if editors or _IN_CONTAINER.search(raw) or publisher:
        return "incollection"
    if place and not (cit.volume or cit.issue):
        return "incollection"
    return "article"


def _archival_work(cit: Citation, abbreviations: dict[str, str]) -> Work | None:
    from .citations import split_parts

    text = re.sub(r"[.\s]+$", "", cit.text)
    parts = [p for p in split_parts(text) if p]
    names: list[str] = []
    numbers: list[str] = []
    for part in parts:
        if numbers or re.search(r"\d", part) or part.rstrip(".").endswith(" No") or ":" in part:
            numbers.append(part)
        else:
            names.append(part)
    fields: dict[str, str] = {}
    organization: list[str] = []
    fond: list[str] = []
    for name in names:
        defined = re.fullmatch(r"(.*\S)\s*\(\s*([^()]+?)\s*\)", name)
        if defined:
            fields.setdefault("archive", defined.group(2))
            organization.append(defined.group(1))
        elif name.rstrip(".") in abbreviations:
            fields.setdefault("archive", name.rstrip("."))
            organization.append(abbreviations[name.rstrip(".")])
        elif re.fullmatch(r"[A-ZÇĞİÖŞÜ][A-Za-zÇĞİÖŞÜ.]{1,9}", name) and sum(c.isupper() for c in name) >= 2 \
                and "archive" not in fields:
            fields["archive"] = name.rstrip(".")
        elif "archive" in fields and re.fullmatch(r"[A-ZÇĞİÖŞÜ][A-ZÇĞİÖŞÜa-zçğıöşü.\s]*", name) \
                and sum(c.isupper() for c in name) >= 2 and sum(c.islower() for c in name) <= 3:
            fond.append(name)  # "BOA, HR. İM., …": a fond code after the archive belongs to the call number
        elif cit.title and name.strip("“”\"«» ") == cit.title:
            continue
        else:
            organization.append(name)
    if not numbers and not organization and "archive" not in fields:
        return None
    # The most specific body (the archive itself, not the ministry above it) is the organization.
    if organization:
        fields["organization"] = organization[-1]
        if len(organization) > 1:
            fields["note"] = "; ".join(organization[:-1])
    if cit.title:
        fields["title"] = cit.title
    if fond or numbers:
        fields["number"] = ", ".join(fond + numbers)
    years = re.findall(r"(?<!\d)(1[4-9]\d\d|20\d\d)(?!\d)", " ".join(n for n in names))
    if years:
        fields["year"] = years[0]
    unsure = [] if cit.title else ["title: the note names no document; add a description"]
    return Work("", "misc", fields, cit, unsure)


def _role_names(raw: str, role: str) -> list[Name]:
    """Names after "ed." / "haz." / "Hrsg." / "edited by" in the note."""
    from .names import looks_like_names, parse_names

    labels = sorted(L.ROLES[role], key=len, reverse=True)
    pattern = r"(?:^|(?<=[\s,(;]))(?:" + "|".join(re.escape(x) for x in labels) + r")(?:\s+by|\s+v\.)?\s+([^,;()]+)"
    for m in re.finditer(pattern, raw):
        names = re.split(r"\s*[:.]\s+(?=[A-ZÇĞİÖŞÜ])", m.group(1).strip())[0].strip(" .")
        if looks_like_names(names):
            return list(parse_names(names))
    return []


def _tidy_name(name: Name) -> Name:
    family, given = name.family.strip(" ,."), name.given.strip(" ,")
    tokens = given.split()
    # "Martin Van Buren": a capitalised particle ending the given names begins the family name
    moved: list[str] = []
    while len(tokens) > 1 and tokens[-1].lower() in _PARTICLES:
        moved.insert(0, tokens.pop())
    if moved:
        family, given = " ".join([*moved, family]), " ".join(tokens)
    # "S.R." -> "S. R.": one initial per token, as BibTeX expects
    given = re.sub(r"(?<=\.)(?=[^\W\d_])", " ", given)
    return Name(family, given)


def format_name(name: Name) -> str:
    return f"{name.family}, {name.given}" if name.given else name.family


def join_names(names: list[Name]) -> str:
    return " and ".join(format_name(n) for n in names if n.family)


def _title(text: str | None, unsure: list[str]) -> str | None:
    if not text:
        return None
    text = text.strip(" ,.;:“”\"«»")
    if _DATED_TAIL.search(text):
        text = _DATED_TAIL.sub("", text)  # "Nutuk, (1919-1920)": the span a volume covers, set off by a comma
        unsure.append("title: a bracketed date span after the title was left out")
    return text or None


def _imprint(cit: Citation, unsure: list[str]) -> tuple[str | None, str | None]:
    """(place, publisher), repairing what the parser joins: "Bakı; Elm", "Press, Cambridge/UK"."""
    from .parse.parts import is_publisher  # the parser's own publisher vocabulary

    place, publisher = cit.place, cit.publisher
    if place and "; " in place:
        pieces = [p for p in place.split("; ") if p]
        if publisher is None and len(pieces) == 2:
            place, publisher = pieces  # "Bakı, Elm": a place, then a publisher with no publisher word
            unsure.append("publisher: read from its position after the place")
        else:
            kept = [p for p in pieces if "." not in p] or pieces
            dropped = [p for p in pieces if p not in kept[-1:]]
            place = kept[-1]
            if dropped:
                unsure.append(f"address: left out {', '.join(dropped)!s} (abbreviation or second place?)")
    if publisher and ", " in publisher:
        pieces = publisher.split(", ")
        last = pieces[-1]
        # a publisher ends in its publisher word ("… Basımevi", "… Press"); a place does not ("Cambridge/UK")
        if place is None and len(last.split()) <= 3 and not re.search(r"\d", last) \
                and not is_publisher(last.replace("/", " ").split()[-1]):
            place, publisher = last, ", ".join(pieces[:-1])
            unsure.append("address: read from the part after the publisher")
    return place, publisher


def _publisher_in_title(title: str, unsure: list[str]) -> tuple[str, str | None]:
    """"Türk-Sovyet İlişkileri (…) Gözlem Yayınları": a comma missing between title and publisher."""
    from .parse.parts import is_publisher

    m = re.match(r"^(.*\))\s+([^()]+)$", title)
    if m and is_publisher(m.group(2)) and len(m.group(2).split()) <= 5:
        unsure.append("publisher: split from the end of the title (a comma seems to be missing)")
        return m.group(1), m.group(2)
    return title, None


def _article_pages(cit: Citation) -> str | None:
    """"39-60, 47": a span followed by pinpoints inside it is the article's span."""
    if cit.locator and cit.locator.span:
        return f"{cit.locator.span[0]}--{cit.locator.span[1]}"
    if not cit.locator or len(cit.locator.pages) < 2:
        return None
    (a, b), *rest = cit.locator.pages
    if b > a and all(a <= x <= y <= b for x, y in rest):
        return f"{a}--{b}"
    return None


def _arabic(volume: str) -> str:
    from .numerals import roman_to_int

    number = roman_to_int(volume)
    return str(number) if number is not None else volume


# ---------------------------------------------------------------------------------------------
# Keys


def _ascii_word(text: str) -> str:
    from .normalize import fold

    return re.sub(r"[^a-z0-9]", "", fold(text))


def base_key(work: Work) -> str:
    from .names import parse_bib_names
    from .normalize import fold

    people = work.fields.get("author") or work.fields.get("editor")
    surname = ""
    if people:
        family = parse_bib_names(people)[0].family
        words = [w for w in fold(family).split() if w not in _PARTICLES]
        surname = "".join(words[-1:]) or _ascii_word(family)
    if not surname:
        surname = _ascii_word(work.fields.get("archive", "")) or _ascii_word(
            (work.fields.get("organization") or "").split(" ")[0])
    year = work.fields.get("year", "")
    word = ""
    for token in fold(work.fields.get("title", "")).split():
        if token.isalpha() and len(token) >= 3 and token not in _KEY_STOPWORDS:
            word = token
            break
    if not word and work.fields.get("number"):
        word = "".join(re.findall(r"\d+", work.fields["number"])[:1])
    return (surname or "anon") + year + word


def unique_key(key: str, taken: set[str]) -> str:
    """BibTeX keys clash case-insensitively: add a, b, … until free."""
    if key.lower() not in taken:
        return key
    for n in range(1, 10_000):
        suffix, k = "", n
        while k:
            k, r = divmod(k - 1, 26)
            suffix = chr(ord("a") + r) + suffix
        if (key + suffix).lower() not in taken:
            return key + suffix
    raise ValueError(f"no free key for {key}")


# ---------------------------------------------------------------------------------------------
# As an Entry (for scoring), as BibTeX, and back as a Bibliography


def as_entry(work: Work) -> Entry:
    from .names import parse_bib_names

    return Entry(work.key or "?", work.type, dict(work.fields), 0,
                 authors=parse_bib_names(work.fields.get("author", "")),
                 editors=parse_bib_names(work.fields.get("editor", "")))


def draft_bibliography(works: list[Work], path: str = "<draft>") -> "Bibliography":
    """The draft as `check` would load it from disk, so the sources report and a saved draft agree."""
    from .bibliography import parse_bibliography
    from .bibtex_write import render_bibtex

    return parse_bibliography(render_bibtex(works), path, bibtex=True)  # the path is the manuscript's
