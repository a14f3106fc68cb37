"""Citation vocabulary per language, read from one data file per language (data/<code>.toml) and data/common.toml
for what belongs to no one language.

Each file lists what a footnote says, not how we parse it. SCHEMA below names every field a file may hold and
what it means; a test checks the files against it. The tables the code reads (IBID, ROLES, UNITS…) are built
here from the files: per-language tables keep each language apart (the grammar merges them, its own language
first), flat tables are the union of every file's words.
Sources: the İSNAD guide (1st/2nd ed.), Chicago 17th/18th, MHRA 3rd, OSCOLA 4th and the usual German, French,
Italian, Spanish, Russian and Polish abbreviations.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

DATA = Path(__file__).with_name("data")

# section -> field -> (shape, table it feeds, meaning). Shapes: "words" (a list of strings, matched as written),
# "patterns" (a list of regular expressions), "labels" (a table of
# string -> kind), "special" (label lists by table, the per-language exceptions of grammar_for).
# Tables named "X[lang]" stay per language; the others are the union over all files.
SCHEMA: dict[str, dict[str, tuple[str, str, str]]] = {
    "markers": {
        "ibid": ("words", "IBID[lang]", "same work as the citation just before (ibid., a.g.e., ebd.)"),
        "earlier": ("words", "EARLIER[lang]", "after a surname: that author's work cited earlier (op. cit., a.g.e.)"),
        "same_author": ("words", "SAME_AUTHOR[lang]", "same author as the citation before (idem, ders.)"),
        "signals": ("words", "SIGNALS[lang]", "words that introduce a citation and are not part of it (see, vgl.)"),
        "cross_references": ("patterns", "NOTE_XREF", "regular expressions for a reference to an earlier note; group 1 "
                                                   "is the note's number (OSCOLA's (n 3), German (wie Anm. 3))"),
        "passim": ("words", "PASSIM", "a locator meaning here and there throughout the work"),
    },
    "locators": {
        "labels": ("labels", "LOCATOR_LABELS[lang]", "locator labels and the kind of locator each gives (s. -> page)"),
        "volume": ("words", "VOLUME_LABELS[lang]", "labels after which a volume number follows, often Roman"),
        "issue": ("words", "ISSUE_LABELS[lang]", "labels after which an issue number follows"),
        "following": ("words", "FOLLOWING[lang]", "'and following' after a page (ff., vd.)"),
        "pinpoint_words": ("words", "PINPOINT_WORDS", "lower-case words before a number that make it a pinpoint, "
                                                      "not an ordinal (hier 17.)"),
        "pinpoint_introducers": ("words", "PINPOINT_INTRODUCERS", "words before the page actually meant inside a "
                                                                  "range (hier, especially)"),
        "apparatus_abbreviations": ("words", "APPARATUS_ABBREVIATIONS", "abbreviations that, with their full stop, "
                                    "mark a line of PDF text as citation apparatus rather than body text"),
        "after_command_labels": ("words", "AFTER_COMMAND_LABELS", "page labels (without their full stop) read in a "
                                 "locator written after a LaTeX citation command, before the language is known"),
        "after_command_following": ("words", "AFTER_COMMAND_FOLLOWING", "'and following' there, without its stop"),
        "words": ("words", "LOCATOR_WORDS", "what a citation's tail holds besides the entry's own words"),
        "only_here": ("special", "ONLY_HERE[lang]", "labels that mean this only in this language: other languages' "
                                                    "grammars do not take them (German S. is a page)"),
        "refused": ("special", "REFUSED[lang]", "labels of other languages that this language's grammar refuses "
                                                "(Turkish S. is an issue, ss. pages)"),
    },
    "names": {
        "conjunctions": ("words", "AND", "conjunctions joining co-authors"),
        "et_al": ("words", "ET_AL", "'and others' after the first author; matched without regard to case, spaces "
                                    "may vary (u. a.), a phrase's last full stop may be left out (et al)"),
        "particles": ("words", "PARTICLES", "particles of surnames (van, de, ibn)"),
        "editor": ("words", "ROLES[editor]", "the name after these edited the work"),
        "translator": ("words", "ROLES[translator]", "the name after these translated the work"),
        "not_initials": ("words", "NOT_INITIALS", "two-letter abbreviations that are not a person's initials"),
        "list_words": ("words", "NAME_LIST_WORDS", "words that may stand around a list of names"),
        "editor_short": ("words", "EDITOR_SHORT", "an editor's role as written in brackets after names: (Hrsg.)"),
        "translator_short": ("words", "TRANSLATOR_SHORT", "a translator's role as written in brackets: (çev.)"),
        "disjunctions": ("words", "OR", "'or', which may begin the next item of a list as 'and' does"),
        "with_words": ("words", "WITH", "'with' joining co-authors (Turkish Gönlübol ile Sar)"),
        "hyphen_particles": ("words", "HYPHEN_PARTICLES", "particles joined to a surname by a hyphen or an "
                                                          "apostrophe (al-Jabarti, d'Ohsson)"),
    },
    "titles": {
        "stopwords": ("words", "TITLE_STOPWORDS", "small words of titles, not counted when titles are compared"),
        "key_stopwords": ("words", "KEY_STOPWORDS", "words a drafted entry's key leaves out"),
        "acronym_skip": ("words", "ACRONYM_SKIP", "small words an acronym leaves out (Türk Tarih Kurumu -> TTK)"),
        "genres": ("words", "GENRES", "words naming a thesis or dissertation: a part holding them is a genre"),
        "doctoral": ("patterns", "DOCTORAL", "regular expressions for a doctoral thesis (a drafted @phdthesis)"),
        "masters": ("patterns", "MASTERS", "regular expressions for a master's thesis (@mastersthesis)"),
        "proceedings": ("patterns", "PROCEEDINGS", "regular expressions for a conference volume (@inproceedings)"),
    },
    "imprint": {
        "publisher_words": ("words", "PUBLISHER_WORDS", "words that make a part of a citation a publisher"),
        "editions": ("words", "EDITION_WORDS[lang]", "an edition after an ordinal (2. Aufl.): neither a page nor "
                                                     "the end of a citation"),
        "in_words": ("words", "IN_WORDS", "'in' before the container a chapter or article is in"),
        "edition_remarks": ("patterns", "EDITION_REMARKS", "regular expressions for a remark on the edition or a "
                                                           "reprint, in brackets"),
        "series_number": ("words", "SERIES_NUMBER", "labels of a number in a series, after the series' name"),
    },
    "dates": {
        "months": ("words", "MONTHS[lang]", "month names, January first (Russian: genitive, then nominative)"),
        "accessed": ("words", "ACCESSED", "words before the date a web page was accessed"),
        "online": ("words", "LINK_LABELS", "words before a link that ends a citation (En ligne:, Online:)"),
    },
    "numbers": {
        "units": ("words", "UNITS", "words after a number that make it a quantity or a date, not a note number"),
        "ordinal_suffixes": ("words", "ORDINAL_SUFFIXES", "what follows the digits of an ordinal (German 2., "
                                                          "English 2nd, French 2e)"),
    },
    "archives": {
        "words": ("words", "ARCHIVE_WORDS", "words that name an archive or its units: the citation is archival"),
        "sigla": ("words", "ARCHIVE_SIGLA", "well-known archive sigla (more are learnt from 'Name (ABBR)')"),
        "number_labels": ("words", "ARCHIVE_NUMBER_LABELS", "labels of an archival unit's number (Dosya, delo)"),
    },
    "parser": {
        "abbreviations": ("words", "ABBREVIATIONS", "abbreviations whose full stop does not end a citation, lower "
                                                    "case as written without the stop"),
        "joiners": ("words", "JOINERS", "words joining the people or the clauses of a note"),
        "also_words": ("words", "ALSO", "'also', 'as well as': words that may open the next clause of a note"),
    },
    "layout": {
        "endnote_headings": ("words", "ENDNOTE_HEADINGS", "headings of a list of notes (Notes, Anmerkungen)"),
        "heading_links": ("words", "HEADING_LINKS", "words after such a heading naming what the notes belong to "
                                                    "(Notes to chapter 3)"),
        "chapter_words": ("words", "CHAPTER_WORDS", "the word that begins a chapter's heading"),
    },
    "detect": {
        "stopwords": ("words", "STOPWORDS[lang]", "words common in this language's notes, to guess the language"),
        "apparatus": ("patterns", "APPARATUS[lang]", "regular expressions for this language's citation apparatus; "
                                                  "each hit counts ten words when the language is guessed"),
    },
}
TOP_LEVEL = {"language", "languages"}


def read_files() -> dict[str, dict[str, Any]]:
    """Every data file by its language code ("*" for common.toml), in the order common.toml gives."""
    files = {}
    for path in sorted(DATA.glob("*.toml")):
        with path.open("rb") as f:
            data = tomllib.load(f)
        files[data["language"]] = data
    order = files["*"]["languages"]
    return {lang: files[lang] for lang in (*order, "*")}


def _build(files: dict[str, dict[str, Any]]) -> dict[str, Any]:
    tables: dict[str, Any] = {}
    for lang, data in files.items():
        for section, fields in SCHEMA.items():
            for name, (_, table, _) in fields.items():
                value = data.get(section, {}).get(name)
                if table.endswith("[lang]"):
                    if lang != "*":
                        empty: Any = {} if fields[name][0] in ("labels", "special") else []
                        tables.setdefault(table[:-6], {})[lang] = value if value is not None else empty
                elif "[" in table:
                    outer, inner = table[:-1].split("[")
                    bucket = tables.setdefault(outer, {}).setdefault(inner, [])
                    bucket.extend(w for w in value or () if w not in bucket)
                else:
                    bucket = tables.setdefault(table, [])
                    bucket.extend(w for w in value or () if w not in bucket)
    return tables


_FILES = read_files()
LANGUAGE_ORDER: tuple[str, ...] = tuple(lang for lang in _FILES if lang != "*")
_T = _build(_FILES)

IBID: dict[str, list[str]] = _T["IBID"]
EARLIER: dict[str, list[str]] = _T["EARLIER"]
SAME_AUTHOR: dict[str, list[str]] = _T["SAME_AUTHOR"]
SIGNALS: dict[str, list[str]] = _T["SIGNALS"]
NOTE_XREF: list[str] = _T["NOTE_XREF"]
PASSIM: list[str] = _T["PASSIM"]
LOCATOR_LABELS: dict[str, dict[str, str]] = _T["LOCATOR_LABELS"]
VOLUME_LABELS: dict[str, list[str]] = _T["VOLUME_LABELS"]
ISSUE_LABELS: dict[str, list[str]] = _T["ISSUE_LABELS"]
FOLLOWING: dict[str, list[str]] = _T["FOLLOWING"]
PINPOINT_WORDS: list[str] = _T["PINPOINT_WORDS"]
LOCATOR_WORDS: list[str] = _T["LOCATOR_WORDS"]
ONLY_HERE: dict[str, dict[str, list[str]]] = _T["ONLY_HERE"]
REFUSED: dict[str, dict[str, list[str]]] = _T["REFUSED"]
AND: list[str] = _T["AND"]
ET_AL: list[str] = _T["ET_AL"]
PARTICLES: list[str] = _T["PARTICLES"]
ROLES: dict[str, list[str]] = _T["ROLES"]
NOT_INITIALS: list[str] = _T["NOT_INITIALS"]
NAME_LIST_WORDS: list[str] = _T["NAME_LIST_WORDS"]
TITLE_STOPWORDS: list[str] = _T["TITLE_STOPWORDS"]
KEY_STOPWORDS: list[str] = _T["KEY_STOPWORDS"]
ACRONYM_SKIP: list[str] = _T["ACRONYM_SKIP"]
PUBLISHER_WORDS: list[str] = _T["PUBLISHER_WORDS"]
EDITION_WORDS: dict[str, list[str]] = _T["EDITION_WORDS"]
MONTHS: dict[str, list[str]] = _T["MONTHS"]
UNITS: list[str] = _T["UNITS"]
ARCHIVE_WORDS: list[str] = _T["ARCHIVE_WORDS"]
ARCHIVE_SIGLA: list[str] = _T["ARCHIVE_SIGLA"]
ABBREVIATIONS: list[str] = _T["ABBREVIATIONS"]
JOINERS: list[str] = _T["JOINERS"]
STOPWORDS: dict[str, list[str]] = _T["STOPWORDS"]
APPARATUS: dict[str, list[str]] = _T["APPARATUS"]
PINPOINT_INTRODUCERS: list[str] = _T["PINPOINT_INTRODUCERS"]
APPARATUS_ABBREVIATIONS: list[str] = _T["APPARATUS_ABBREVIATIONS"]
AFTER_COMMAND_LABELS: list[str] = _T["AFTER_COMMAND_LABELS"]
AFTER_COMMAND_FOLLOWING: list[str] = _T["AFTER_COMMAND_FOLLOWING"]
EDITOR_SHORT: list[str] = _T["EDITOR_SHORT"]
TRANSLATOR_SHORT: list[str] = _T["TRANSLATOR_SHORT"]
OR: list[str] = _T["OR"]
WITH: list[str] = _T["WITH"]
HYPHEN_PARTICLES: list[str] = _T["HYPHEN_PARTICLES"]
GENRES: list[str] = _T["GENRES"]
DOCTORAL: list[str] = _T["DOCTORAL"]
MASTERS: list[str] = _T["MASTERS"]
PROCEEDINGS: list[str] = _T["PROCEEDINGS"]
IN_WORDS: list[str] = _T["IN_WORDS"]
EDITION_REMARKS: list[str] = _T["EDITION_REMARKS"]
SERIES_NUMBER: list[str] = _T["SERIES_NUMBER"]
ACCESSED: list[str] = _T["ACCESSED"]
LINK_LABELS: list[str] = _T["LINK_LABELS"]
ORDINAL_SUFFIXES: list[str] = _T["ORDINAL_SUFFIXES"]
ARCHIVE_NUMBER_LABELS: list[str] = _T["ARCHIVE_NUMBER_LABELS"]
ALSO: list[str] = _T["ALSO"]
ENDNOTE_HEADINGS: list[str] = _T["ENDNOTE_HEADINGS"]
HEADING_LINKS: list[str] = _T["HEADING_LINKS"]
CHAPTER_WORDS: list[str] = _T["CHAPTER_WORDS"]


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in (*_strings(k), *_strings(v))]
    if isinstance(value, (list, tuple)):
        return [s for v in value for s in _strings(v)]
    return []


def every_phrase() -> list[str]:
    """Every word and phrase of every table, in every language: what citations are made of besides names and
    titles (the PDF-text reader learns from it how to cut a run of words an extractor glued together)."""
    return _strings([_T[table] for table in sorted(_T)])
