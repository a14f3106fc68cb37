"""Language knowledge: each language's repeat markers and locators, and the known pitfalls."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from srccheck.citations import parse_note
from srccheck.grammar import LANGUAGES, detect_language, grammar_for
from srccheck.locator import split_locator
from srccheck.model import Note


def parse(text: str, lang: str):
    return [c for c in parse_note(Note(1, text, 1), grammar_for(lang), set()) if not c.tentative]


@pytest.mark.parametrize(
    "lang,text,pages",
    [
        ("tr", "a.g.e., s. 45.", ((45, 45),)),
        ("tr", "A.g.e., ss. 225-29.", ((225, 229),)),
        ("tr", "a.y.", ()),
        ("tr", "A.yer.", ()),
        ("tr", "Aynı eser, s. 9.", ((9, 9),)),
        ("en", "Ibid., 45.", ((45, 45),)),
        ("en", "Ibid.", ()),
        ("en", "ibid 45", ((45, 45),)),  # OSCOLA
        ("de", "Ebd., S. 14.", ((14, 14),)),
        ("de", "Ebd.", ()),
        ("fr", "Ibid., p. 113.", ((113, 113),)),
        ("fr", "İbid., p. 113.", ((113, 113),)),  # citeproc capitalises Turkish items with a dotted İ
        ("it", "Ivi, p. 45.", ((45, 45),)),
        ("it", "Ibidem, pp. 3-5.", ((3, 5),)),
        ("es", "Ibíd., p. 7.", ((7, 7),)),
        ("ru", "Там же. С. 45.", ((45, 45),)),
    ],
)
def test_same_work_markers(lang, text, pages):
    (c,) = parse(text, lang)
    assert c.kind == "ibid" and c.written_ranges == pages


@pytest.mark.parametrize(
    "lang,text",
    [
        ("tr", "Gürün, a.g.e., s. 7."),
        ("tr", "Gürün, a.g.m., s. 7."),
        ("tr", "Gürün, age, s. 7."),
        ("tr", "Holloway, a.y."),
        ("en", "Smith, op. cit., p. 4."),
        ("de", "Große, a.a.O., S. 310."),
        ("fr", "J. Smith, op. cit, p. 40."),  # Annales drops the last full stop before a comma
        ("fr", "Garnier, art. cit., p. 12."),
        ("es", "Pérez, ob. cit., p. 12."),
        ("ru", "Иванов, Указ. соч. С. 12."),
    ],
)
def test_earlier_work_markers(lang, text):
    (c,) = parse(text, lang)
    assert c.marker_role == "earlier" and c.authors


@pytest.mark.parametrize(
    "lang,text,xref",
    [("en", "Richards (n 1) 15.", 1), ("de", "Krüger, Finanzierung (wie Anm. 4), S. 215.", 4),
     ("de", "Krüger (Anm. 12), S. 3.", 12), ("tr", "Kaya, Tarih (bkz. dipnot 5), s. 3.", 5)],
)
def test_cross_references(lang, text, xref):
    (c,) = parse(text, lang)
    assert c.xref_note == xref


def test_S_is_an_issue_in_turkish_and_a_page_in_german():
    tr = split_locator("Dergi, C. 12, S. 3", grammar_for("tr"))[1]
    de = split_locator("Zeitschrift 12, S. 3", grammar_for("de"))[1]
    assert tr is None and de.ranges == ((3, 3),)


def test_vd_is_et_al_after_names_and_following_after_pages():
    (c,) = parse("Ahmet Arıkan vd., Osmanlı Limanları, Ankara, 2005, s. 45 vd.", "tr")
    assert [n.family for n in c.authors] == ["Arıkan"] and c.written_ranges == ((45, 45),)


def test_dual_dates_are_not_ranges():
    (c,) = parse("Ahmed Cevdet, Tarih-i Cevdet, İstanbul, 1309/1891, s. 12.", "tr")
    assert c.written_ranges == ((12, 12),) and 1891 not in [p for r in c.written_ranges for p in r]


def test_bare_age_and_ay_only_in_marker_position():
    assert parse("Age of Empires and Capital, Penguin, London, 1987, p. 45.", "en")[0].kind == "full"
    (c,) = parse("age, s. 12.", "tr")
    assert c.kind == "ibid"


def test_signal_words_are_not_part_of_citations():
    for lang, text in [("tr", "Bkz. Ali Kaya, Tarih, Ankara, 1990, s. 3."), ("en", "See also Ali Kaya, Tarih, 3."),
                       ("de", "Vgl. Ali Kaya, Tarih, Berlin 1990, S. 3."), ("fr", "Voir Ali Kaya, Tarih, p. 3."),
                       ("es", "Véase Ali Kaya, Tarih, p. 3."), ("it", "Cfr. Ali Kaya, Tarih, p. 3.")]:
        (c,) = parse(text, lang)
        assert c.authors[0].family == "Kaya", lang


@pytest.mark.parametrize(
    "lang,notes",
    [
        ("tr", ["Kamuran Gürün, Türk-Sovyet İlişkileri, Ankara, 1991, s. 21.", "a.g.e., s. 19."]),
        ("en", ["John Smith, The History (London: Penguin, 2001), 45.", "Ibid., 47.", "See Smith, History, pp. 3-5."]),
        ("de", ["Vgl. Hans Müller, Die Geschichte, Berlin 1999, S. 12 f.", "Ebd., S. 14."]),
        ("fr", ["Marcel Lefèvre, Le commerce du Levant, Paris, PUF, 1961, p. 45.", "M. Lefèvre, op. cit., p. 12."]),
        ("ru", ["Иванов И. И. История. М., 1999. С. 45.", "Там же. С. 46."]),
    ],
)
def test_language_is_detected_from_the_apparatus(lang, notes):
    assert detect_language(notes) == lang


def test_every_language_has_a_grammar():
    for lang in LANGUAGES:
        g = grammar_for(lang)
        assert g.ibid and g.locator_labels and g.signals
    with pytest.raises(ValueError):
        grammar_for("xx")


def _language_choices(command, path=()):
    for param in command.params:
        if param.name == "language":
            yield " ".join(path), tuple(param.type.choices)
    for name, sub in getattr(command, "commands", {}).items():
        yield from _language_choices(sub, (*path, name))


def test_every_command_offers_the_languages_grammar_knows():
    # `check --language pl` worked while `sources` and `bib draft` refused it: one list now, from grammar/
    from srccheck.cli import main

    offered = dict(_language_choices(main))
    assert {"check", "sources", "bib draft", "explain"} <= set(offered)
    for command, choices in offered.items():
        assert set(choices) == {"auto", *LANGUAGES}, command


def test_sources_accepts_every_language(tmp_path):
    from click.testing import CliRunner

    from srccheck.cli import main

    (tmp_path / "m.md").write_text("Text.[^1]\n\n[^1]: A. Nowak, *Dzieje*, Kraków 1999, s. 4.\n", encoding="utf-8")
    (tmp_path / "r.bib").write_text("@book{nowak, author={Nowak, Adam}, title={Dzieje}, year={1999}}\n", encoding="utf-8")
    for lang in LANGUAGES:
        result = CliRunner().invoke(main, ["sources", str(tmp_path / "m.md"), "--bib", str(tmp_path / "r.bib"),
                                           "--language", lang])
        assert result.exit_code == 0, (lang, result.output)
        assert "nowak" in result.output


def test_polish_markers_and_roles():
    (ibid,) = parse("Tamże, s. 329.", "pl")
    assert ibid.kind == "ibid" and ibid.written_ranges == ((329, 329),)
    (earlier,) = parse("N. Özgüven, dz. cyt., s. 27–31.", "pl")
    assert earlier.marker_role == "earlier"


def test_several_authors_before_a_quoted_title_or_marker():
    (es,) = parse("Sarah KINGSLEY, Tomasz NOWAK y Leyla ŞAHIN, «Famine and Mobility», p. 325.", "es")
    assert [n.family for n in es.authors] == ["KINGSLEY", "NOWAK", "ŞAHIN"]
    (it,) = parse("S. Kingsley, T. Nowak, L. Şahin, op.cit., pp. 321, 323.", "it")
    assert [n.family for n in it.authors] == ["Kingsley", "Nowak", "Şahin"] and it.marker_role == "earlier"
    (title,) = parse("Marlowe, Pilgrims and Rails, 77.", "en")  # a title with "and" is not more authors
    assert title.title == "Pilgrims and Rails"


def test_oscola_journal_and_cross_reference():
    (c,) = parse("Karl Rüdiger, ‘Die Kapitulationen’ (2004) 31 Archiv für Völkerrechtsgeschichte 245, 265.", "en")
    assert (c.volume, c.container, c.years, c.written_ranges) == ("31", "Archiv für Völkerrechtsgeschichte", (2004,), ((265, 265),))
    (x,) = parse("Whitfield (n 5) 98–99.", "en")
    assert x.xref_note == 5 and x.authors[0].family == "Whitfield" and x.written_ranges == ((98, 99),)


def test_edited_volume_cited_by_title_first():
    for lang, text in [("it", "Mütareke Dönemi Araştırmaları, a cura di N. ŞIMŞEK - A.R. ÖZTÜRK, Ankara, 2016, pp. 373–375."),
                       ("pl", "Mütareke Dönemi Araştırmaları, red. N. Şimşek, A. R. Öztürk, Ankara 2016, s. 3."),
                       ("fr", "Şimşek (N.), Öztürk (A. R.), dir., Mütareke Dönemi Araştırmaları, Ankara, 2016, p. 68.")]:
        (c,) = parse(text, lang)
        assert c.title == "Mütareke Dönemi Araştırmaları", lang


def test_a_title_with_a_conjunction_before_a_quoted_journal_is_not_authors():
    (c,) = parse("K. Aydoğdu, Trabzon Vilayetinde Göç ve İskân Meselesi, „Tarih İncelemeleri Dergisi” 2012, nr 27, s. 104.", "pl")
    assert [n.family for n in c.authors] == ["Aydoğdu"]


@pytest.mark.parametrize("notes, expected", [
    (["Vgl. Hans Müller, Geschichte der Stadt, Berlin 1990, S. 12.", "Ebd., S. 14."], "de"),
    (["Ali Kaya, Osmanlı Tarihi, Tarih Yayınları, Ankara 1990, s. 12.", "a.g.e., s. 14."], "tr"),
    (["See John Smith, A History (Oxford: Clarendon Press, 1990), pp. 12–14.", "Ibid., p. 15."], "en"),
])
def test_a_book_is_judged_on_a_sample_with_the_same_answer(monkeypatch, notes, expected):
    from srccheck import grammar

    # a book whose chapters cite in one convention, with an English chapter in the middle
    book = notes * 3000 + ["See Smith, History, pp. 1–2."] * 200 + notes * 3000
    assert sum(map(len, book)) > grammar.SAMPLE_CHARS
    sampled = grammar.detect_language(book)
    monkeypatch.setattr(grammar, "SAMPLE_CHARS", 10**9)
    assert sampled == grammar.detect_language(book) == expected


# -- grammar/ is the one home of language knowledge ---------------------------------------------------------------

_SRC = Path(__file__).resolve().parents[1] / "srccheck"
_WORDLIKE = re.compile(r"[^\W\d_][^\W\d_ .'-]*\.?")
# Lists of words outside grammar/ that are syntax, not language: (module, first item) -> what they are
_SYNTAX_LISTS = {
    ("bib_lint.py", "jan"): "BibTeX's month macros",
    ("bib_lint.py", "author"): "BibTeX fields",
    ("bibliography.py", "jan"): "BibTeX's month macros",
    ("bibliography.py", "misc"): "BibTeX entry types",
    ("bibtex_write.py", "author"): "BibTeX fields",
    ("inheritance.py", "ids"): "biblatex fields",
    ("inheritance.py", "title"): "biblatex fields",
    ("book.py", "readme"): "file names",
    ("commands/sources.py", "key"): "column names",
    ("manuscript/__init__.py", "text"): "input formats",
    ("manuscript/latex.py", "label"): "LaTeX commands",
    ("manuscript/latex.py", "book"): "LaTeX classes",
    ("manuscript/latex_cites.py", "cite"): "LaTeX commands",
    ("manuscript/latex_cites.py", "cites"): "LaTeX commands",
    ("manuscript/latex_cites.py", "volcite"): "LaTeX commands",
    ("manuscript/latex_cites.py", "footcite"): "LaTeX commands",
    ("manuscript/latex_files.py", "import"): "LaTeX commands",
    ("output/__init__.py", "text"): "output formats",
    ("output/__init__.py", "json"): "output formats",
    ("output/html_sources.py", "full"): "citation kinds",
    ("resolve/archival.py", "archive"): "BibTeX fields",
    ("resolve/archival.py", "year"): "BibTeX fields",
    ("resolve/reading.py", "publisher"): "BibTeX fields",
    ("resolve/reading.py", "address"): "BibTeX fields",
    ("resolve/reading.py", "text"): "Citation fields",
    ("resolve/reading.py", "translator"): "BibTeX fields",
    ("rules/metadata_mismatch.py", "title"): "BibTeX fields",
}


def _code_nodes():
    """(module path, AST node) for every node of srccheck outside grammar/."""
    for path in sorted(_SRC.rglob("*.py")):
        if "grammar" not in path.relative_to(_SRC).parts:
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                yield path.relative_to(_SRC).as_posix(), node


def _mostly_words(items: list[str], pattern: re.Pattern[str]) -> bool:
    words = [s for s in items if pattern.fullmatch(s)]
    return len(words) >= 5 and len(words) >= 0.6 * len(items)


def _word_lists() -> list[tuple[str, int, list[str]]]:
    """Every literal list, tuple or set of five or more strings, most of them words, in srccheck outside grammar/."""
    found = []
    for path, node in _code_nodes():
        if isinstance(node, (ast.Set, ast.List, ast.Tuple)):
            strings = [e.value for e in node.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]
            if len(strings) == len(node.elts) and _mostly_words(strings, _WORDLIKE):
                found.append((path, node.lineno, strings))
    return found


def test_no_word_list_of_a_language_outside_grammar():
    # a new list of words in the code is language knowledge: it belongs in grammar/languages.py (syntax such as
    # BibTeX fields or LaTeX commands goes in _SYNTAX_LISTS above, with what it is)
    stray = [(path, line, strings[:4]) for path, line, strings in _word_lists() if (path, strings[0]) not in _SYNTAX_LISTS]
    assert stray == []


# A regular expression's group of alternatives, most of them words: "(?:and|ve|und|et|y)" is a word list too.
_GROUP = re.compile(r"\(\?:([^()]*)\)")
_ALTERNATIVE = re.compile(r"(?:\\b)?[^\W\d_][^\W\d_ .\\?'-]*(?:\\?\.)?\??(?: [^\W\d_]+(?:\\?\.)?)*")
_SYNTAX_PATTERNS = {("manuscript/latex_cites.py", "author"): "LaTeX commands"}


def _word_patterns() -> list[tuple[str, int, list[str]]]:
    found = []
    for path, node in _code_nodes():
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            for group in _GROUP.finditer(node.value):
                alternatives = group.group(1).split("|")
                if _mostly_words(alternatives, _ALTERNATIVE):
                    found.append((path, node.lineno, alternatives))
    return found


def test_no_word_list_inside_a_regular_expression_outside_grammar():
    # conjunctions were spelt out in nine patterns with different members; a pattern builds its group from a
    # grammar table instead (grammar.alternation)
    stray = [(path, line, alts[:4]) for path, line, alts in _word_patterns() if (path, alts[0]) not in _SYNTAX_PATTERNS]
    assert stray == []
    assert set(_SYNTAX_PATTERNS) <= {(path, alts[0]) for path, _, alts in _word_patterns()}


def test_the_syntax_allowance_names_only_lists_that_exist():
    present = {(path, strings[0]) for path, _, strings in _word_lists()}
    assert set(_SYNTAX_LISTS) <= present


def _table_name(table: str) -> str:
    return table.split("[")[0]


def test_every_schema_field_is_in_a_data_file_and_read_by_the_code():
    from srccheck.grammar import languages

    code = "\n".join(p.read_text(encoding="utf-8") for p in _SRC.rglob("*.py") if p.name != "languages.py")
    files = languages.read_files()
    fields = [(section, name, table) for section, spec in languages.SCHEMA.items()
              for name, (_, table, _) in spec.items()]
    assert len(fields) > 30
    empty = [(s, n) for s, n, _ in fields if not any(f.get(s, {}).get(n) for f in files.values())]
    unread = [t for _, _, t in fields if not re.search(rf"\b(?:L|languages)\.{_table_name(t)}\b", code)]
    assert empty == [] and unread == []


_KINDS = {"page", "folio", "column", "paragraph", "note", "document", "number"}


@pytest.mark.parametrize("path", sorted((_SRC / "grammar" / "data").glob("*.toml")), ids=lambda p: p.stem)
def test_data_file_follows_the_schema(path):
    import tomllib

    from srccheck.grammar import languages

    data = tomllib.loads(path.read_text(encoding="utf-8"))
    assert data["language"] == ("*" if path.stem == "common" else path.stem)
    assert set(data) - set(languages.SCHEMA) <= languages.TOP_LEVEL
    for section, fields in data.items():
        if section in languages.TOP_LEVEL:
            continue
        assert set(fields) <= set(languages.SCHEMA[section]), (section, set(fields) - set(languages.SCHEMA[section]))
        for name, value in fields.items():
            shape, table, _ = languages.SCHEMA[section][name]
            where = f"{path.name} [{section}] {name}"
            if shape in ("words", "patterns"):
                assert isinstance(value, list) and value, where
                assert all(isinstance(w, str) and w.strip() == w and w for w in value), where
                assert len(set(value)) == len(value), f"{where}: a word twice"
            elif shape == "labels":
                assert isinstance(value, dict) and set(value.values()) <= _KINDS, where
            else:  # special: label lists by the grammar table they apply to
                assert set(value) <= {"labels", "issue", "following"}, where
                assert all(isinstance(v, list) and v for v in value.values()), where
            if table.endswith("[lang]"):
                assert path.stem != "common", f"{where}: a table kept per language, in common.toml"
            if shape == "patterns":
                for pattern in value:
                    compiled = re.compile(pattern)
                    assert compiled.groups == (1 if name == "cross_references" else 0), where


def test_the_languages_are_the_data_files():
    from srccheck.grammar import languages

    stems = {p.stem for p in (_SRC / "grammar" / "data").glob("*.toml")} - {"common"}
    assert set(LANGUAGES) == stems and len(LANGUAGES) == len(stems)
    assert LANGUAGES[0] == "tr"  # common.toml's order: a tie in guessing the language goes to the first
    assert languages.LANGUAGE_ORDER == LANGUAGES


def test_an_exception_of_one_language_does_not_reach_the_others():
    # only_here: German "S." is a page, in no other grammar a locator label; refused: Turkish takes no "ff."
    assert grammar_for("de").locator_labels["S."] == "page"
    assert all("S." not in grammar_for(lang).locator_labels for lang in LANGUAGES if lang != "de")
    assert "H." in grammar_for("de").issue_labels and "H." not in grammar_for("en").issue_labels
    assert "S." not in grammar_for("de").issue_labels and "S." in grammar_for("tr").issue_labels
    assert "ff." in grammar_for("en").locator_labels and "ff." not in grammar_for("tr").locator_labels
    assert "s." in grammar_for("fr").following and "s." not in grammar_for("en").following


def test_citation_kinds_and_marker_roles_are_compared_as_enums():
    # Kind and MarkerRole are StrEnums, so a string literal compares equal too; a misspelt one never would
    literal = re.compile(r"""(?:kind|marker_role)\s*[!=]=\s*["'](?:full|short|ibid|archival|other|earlier|same-author)["']""")
    found = [(p.relative_to(_SRC).as_posix(), m.group()) for p in sorted(_SRC.rglob("*.py"))
             for m in literal.finditer(p.read_text(encoding="utf-8"))]
    assert found == []


def test_a_new_language_is_a_new_data_file(tmp_path):
    # the README's promise: a file in grammar/data and its code in common.toml's `languages`, and every command
    # offers the language, whose markers and labels then read notes (a copy of the package, so nothing here changes)
    import shutil
    import subprocess
    import sys

    package = tmp_path / "srccheck"
    shutil.copytree(_SRC, package, ignore=shutil.ignore_patterns("__pycache__"))
    data = package / "grammar" / "data"
    (data / "nl.toml").write_text('language = "nl"\n\n[markers]\nibid = ["aldaar"]\n\n[locators]\n'
                                  'labels = { "blz." = "page" }\n', encoding="utf-8")
    common = (data / "common.toml").read_text(encoding="utf-8")
    (data / "common.toml").write_text(common.replace('"ru", "pl"]', '"ru", "pl", "nl"]'), encoding="utf-8")
    (tmp_path / "m.md").write_text("Tekst.[^1] Meer.[^2]\n\n[^1]: Jan de Vries, *De geschiedenis van Holland* "
                                   "(Amsterdam, 1990), blz. 12.\n[^2]: Aldaar, blz. 14.\n", encoding="utf-8")
    (tmp_path / "r.bib").write_text("@book{vries, author={de Vries, Jan}, title={De geschiedenis van Holland}, "
                                    "year=1990}\n", encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "srccheck", "sources", "m.md", "--bib", "r.bib", "--language", "nl",
                          "--format", "csv"], cwd=tmp_path, capture_output=True, text=True,
                         env={"PYTHONPATH": str(tmp_path), "SRCCHECK_NO_CACHE": "1", "PATH": "/usr/bin:/bin"})
    assert run.returncode == 0, run.stderr
    row = run.stdout.splitlines()[1]
    assert row.startswith("vries,") and "12" in row and "14" in row
