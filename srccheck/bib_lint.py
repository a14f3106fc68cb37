"""A bibliography's own problems, with line numbers: `srccheck bib lint`.

Entries come from bibliography.py (the same loading `check` uses). Two things it
cannot tell us, because bibtexparser's default middleware has already removed them,
come from a second, middleware-free bibtexparser pass over the same text: which
fields an entry really has (bibliography.py fills a missing title from booktitle),
and which values are bare words, i.e. @string macros that may be undefined.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass

from .bibliography import Bibliography, parse_bibliography, split_concatenation
from .inheritance import parents
from .normalize import fold

DUPLICATE_TITLE = 95.0  # title similarity above which same author + year is the same work
MAX_COMPARED = 50  # earlier entries of one author, year and volume a title is compared with, fuzzily

# The standard BibTeX entry types' required fields; "a|b" means either will do.
# Aliases biblatex users write instead are accepted (date for year, journaltitle for journal...).
REQUIRED: dict[str, list[str]] = {
    "article": ["author", "title", "journal", "year"],
    "book": ["author|editor", "title", "publisher", "year"],
    "booklet": ["title"],
    "conference": ["author", "title", "booktitle", "year"],
    "inbook": ["author|editor", "title", "chapter|pages", "publisher", "year"],
    "incollection": ["author", "title", "booktitle", "publisher", "year"],
    "inproceedings": ["author", "title", "booktitle", "year"],
    "manual": ["title"],
    "mastersthesis": ["author", "title", "school", "year"],
    "misc": [],
    "phdthesis": ["author", "title", "school", "year"],
    "proceedings": ["title", "year"],
    "techreport": ["author", "title", "institution", "year"],
    "unpublished": ["author", "title", "note"],
}
ALIASES = {"year": ["date"], "journal": ["journaltitle"], "school": ["institution"], "address": ["location"]}
MONTHS = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"}

_PAGE = r"(?:[0-9]+|[ivxlcdm]+|[A-Za-z]?[0-9]+[a-z]?)"
_PAGES = re.compile(rf"^{_PAGE}(?:\s*(?:-{{1,3}}|–|—)\s*{_PAGE})?(?:\s*[,;]\s*{_PAGE}(?:\s*(?:-{{1,3}}|–|—)\s*{_PAGE})?)*"
                    r"(?:\s*(?:ff?\.|passim))?$", re.IGNORECASE)
_YEAR = re.compile(r"^(?:\d{4}[a-z]?(?:\s*[/–-]\s*\d{2,4})?|n\.\s?d\.|forthcoming|in press|im druck|baskıda)$",
                   re.IGNORECASE)
_DATE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?(?:/(?:\d{4}(?:-\d{2}(?:-\d{2})?)?)?)?$")


@dataclass(frozen=True)
class LintProblem:
    line: int
    kind: str  # parse-error, duplicate-key, case-clash, duplicate-work, missing-field, malformed-pages,
    #            malformed-year, undefined-string
    message: str
    key: str | None = None

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def lint_text(text: str, path: str = "<bib>") -> list[LintProblem]:
    bib = parse_bibliography(text, path)
    raw = _raw_entries(text)
    problems = _parse_problems(bib)
    problems += _case_clashes(bib)
    problems += _duplicate_works(bib)
    for key, entry in bib.entries.items():
        if key not in raw:
            continue  # the raw pass refused it too (a field twice): reported as a parse error already
        fields, strings = raw[key]
        # what a crossref parent or xdata entry gives the child counts as present, as biber fills it in
        present = {**{n: (v, entry.line) for n, v in entry.fields.items()}, **fields} if parents(entry) else fields
        problems += _missing_fields(key, entry.type, present, entry.line)
        problems += _malformed(key, entry.fields, fields, entry.line)
        problems += _undefined_strings(key, fields, strings)
    return sorted(set(problems), key=lambda p: (p.line, p.kind, p.key or ""))


def lint_file(path: str) -> list[LintProblem]:
    from .csl import is_csl_path
    from .errors import InputError
    from .textio import read_text

    if is_csl_path(path):
        raise InputError(f"{path}: bib lint reads BibTeX/BibLaTeX files; a CSL-JSON or CSL-YAML file is checked "
                         "when `srccheck check` loads it")

    text, _ = read_text(path, what="bibliography")
    return lint_text(text, path)


# -- what bibliography.py reports -------------------------------------------------------------


def _parse_problems(bib: Bibliography) -> list[LintProblem]:
    kinds = {"parse": "parse-error", "duplicate-key": "duplicate-key", "case-clash": "case-clash"}
    return [LintProblem(p.line, kinds.get(p.kind, p.kind), p.message, p.key) for p in bib.problems]


def _case_clashes(bib: Bibliography) -> list[LintProblem]:
    return [LintProblem(bib.entries[key].line, "case-clash",
                        f"key {key} differs from {first} only in case (BibTeX treats them as one key)", key)
            for kind, key, first in bib.duplicates if kind == "case"]


def _duplicate_works(bib: Bibliography) -> list[LintProblem]:
    """Same first author (or none), same year, near-identical title, same volume/number: one work, two keys."""
    from .resolve import title_similarity

    groups: dict[tuple[str, str], list[str]] = {}
    for key, entry in bib.entries.items():
        if not entry.title:
            continue
        first = fold(entry.people[0].family) if entry.people else ""
        groups.setdefault((first, str(entry.year or "")), []).append(key)
    out = []
    for (first, year), keys in groups.items():
        if not first and not year:
            continue
        # only entries of the same volume, number and pages can be one work (not two volumes, two archival
        # files, two chapters); identical titles are found by lookup, near-identical ones among the first
        # MAX_COMPARED earlier entries of that shape, so a file of one author's thousands of entries stays linear
        by_shape: dict[tuple[str, ...], list[str]] = {}
        by_title: dict[tuple[tuple[str, ...], str], list[str]] = {}
        for key in keys:
            entry = bib.entries[key]
            shape = tuple(fold(entry.get(f) or "") for f in ("volume", "number", "pages"))
            title = fold(entry.title)
            earlier_same = by_shape.setdefault(shape, [])
            identical = by_title.setdefault((shape, title), [])
            found = None
            for earlier in earlier_same[:MAX_COMPARED]:
                if key.lower() != earlier.lower() and title_similarity(entry.title,
                                                                       bib.entries[earlier].title) >= DUPLICATE_TITLE:
                    found = earlier
                    break
            if found is None and len(earlier_same) > MAX_COMPARED:
                found = next((k for k in identical if k.lower() != key.lower()), None)
            if found is not None:
                other = bib.entries[found]
                out.append(LintProblem(entry.line, "duplicate-work",
                                       f"{key} looks like the same work as {found} (line {other.line}): same "
                                       f"author, year and title; merge them and keep one key", key))
            earlier_same.append(key)
            if len(identical) < 2:  # the first two are all a lookup needs (one may clash by case)
                identical.append(key)
    return out


# -- what needs the raw values ----------------------------------------------------------------


RawFields = dict[str, tuple[str, int]]  # field name (lower case) -> (raw value, 1-based line)


def _raw_entries(text: str) -> dict[str, tuple[RawFields, set[str]]]:
    import bibtexparser

    library = bibtexparser.parse_string(text, parse_stack=[])
    strings = {s.key.lower() for s in library.strings}
    out: dict[str, tuple[RawFields, set[str]]] = {}
    for entry in library.entries:
        if entry.key in out:
            continue
        fields: RawFields = {}
        for f in entry.fields:
            line = (getattr(f, "start_line", None) or entry.start_line or 0) + 1
            fields.setdefault(f.key.lower(), (str(f.value), line))
        out[entry.key] = (fields, strings)
    return out


def _has(fields: RawFields, name: str) -> bool:
    for candidate in (name, *ALIASES.get(name, [])):
        value = fields.get(candidate, ("", 0))[0].strip().strip('{}"').strip()
        if value:
            return True
    return False


def _missing_fields(key: str, entry_type: str, fields: RawFields, line: int) -> list[LintProblem]:
    out = []
    for need in REQUIRED.get(entry_type, []):
        options = need.split("|")
        if not any(_has(fields, option) for option in options):
            out.append(LintProblem(line, "missing-field",
                                   f"@{entry_type}{{{key}}} has no {' or '.join(options)} (required for @{entry_type})",
                                   key))
    return out


def _malformed(key: str, decoded: dict[str, str], fields: RawFields, line: int) -> list[LintProblem]:
    out = []
    pages = decoded.get("pages")
    if pages:
        at = fields.get("pages", ("", line))[1]
        if not _PAGES.match(pages.strip()):
            out.append(LintProblem(at, "malformed-pages", f"{key}: pages {pages!r} is not a page or range (e.g. 39--60)",
                                   key))
        else:
            for a, b in re.findall(r"([0-9]{1,9})\s*(?:-{1,3}|–|—)\s*([0-9]{1,9})(?![0-9])", pages):
                if int(b) < int(a) and len(b) >= len(a):
                    out.append(LintProblem(at, "malformed-pages", f"{key}: page range {a}–{b} runs backwards", key))
    year = decoded.get("year")
    if year and not _YEAR.match(year.strip()):
        out.append(LintProblem(fields.get("year", ("", line))[1], "malformed-year",
                               f"{key}: year {year!r} is not a four-digit year", key))
    date = decoded.get("date")
    if date and not _DATE.match(date.strip()):
        out.append(LintProblem(fields.get("date", ("", line))[1], "malformed-year",
                               f"{key}: date {date!r} is not YYYY, YYYY-MM or YYYY-MM-DD", key))
    return out


def _bare_words(value: str) -> list[str]:
    """The macro names in a raw value: `pub # " Books"` -> ["pub"]; braced and quoted parts are text."""
    return [p for p in split_concatenation(value) if p and p[0] not in '{"' and not re.fullmatch("[0-9]+", p)]


def _undefined_strings(key: str, fields: RawFields, strings: set[str]) -> list[LintProblem]:
    out = []
    for name, (value, line) in fields.items():
        for word in _bare_words(value):
            if word.lower() not in strings and word.lower() not in MONTHS:
                out.append(LintProblem(line, "undefined-string",
                                       f"{key}: field {name} uses @string {word!r}, which is not defined", key))
    return out
