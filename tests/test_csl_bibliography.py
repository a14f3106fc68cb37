"""CSL-JSON and CSL-YAML bibliographies, and BibLaTeX crossref / xdata / ids resolved as biber does.

tests/fixtures/csl holds the corpus bibliographies as pandoc converts them (tools/csl_corpus.py):
checking a corpus manuscript against the CSL file must give the report the .bib gives.
tests/fixtures/biblatex/inherit.biber.bib is biber's own resolution of inherit.bib
(biber --tool --output-resolve-crossrefs --output-resolve-xdata).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import CORPUS, ROOT

from srccheck.bib_lint import lint_text
from srccheck.bibliography import load_bibliography, parse_bibliography
from srccheck.cli import main
from srccheck.errors import InputError
from srccheck.manuscript import parse_manuscript, read_manuscript
from srccheck.pipeline import check_loaded

CSL = ROOT / "tests" / "fixtures" / "csl"
BIBLATEX = ROOT / "tests" / "fixtures" / "biblatex"


def _case(name: str) -> Path:
    return CORPUS.joinpath(*name.split("--"))


def _summary(manuscript, bib_path: Path):  # type: ignore[no-untyped-def]
    report = check_loaded(manuscript, load_bibliography(str(bib_path)))
    return ([(c.note, r.key, c.written_ranges) for c, r in report.citations],
            sorted((f.rule, f.note, f.key) for f in report.findings))


CASES = sorted(p.stem for p in CSL.glob("*.json"))


def test_every_corpus_case_has_its_csl_conversion() -> None:
    # the sets the CSL conversions were made for; align and align-holdout came later, with their own generator
    cases = {"--".join(p.parent.relative_to(CORPUS).parts) for p in CORPUS.rglob("refs.bib")
             if p.parent.relative_to(CORPUS).parts[0] not in ("holdout", "align", "align-holdout")}
    assert cases <= set(CASES)


@pytest.mark.parametrize("name", CASES)
def test_csl_json_gives_the_report_the_bib_gives(name: str) -> None:
    case = _case(name)
    for surface in ("txt", "md"):
        if (case / f"manuscript.{surface}").exists():
            manuscript = read_manuscript(str(case / f"manuscript.{surface}"))
            assert _summary(manuscript, CSL / f"{name}.json") == _summary(manuscript, case / "refs.bib"), surface


@pytest.mark.parametrize("name", sorted(p.stem for p in CSL.glob("*.yaml")))
def test_csl_yaml_as_pandoc_writes_it_gives_the_same_report(name: str) -> None:
    manuscript = read_manuscript(str(_case(name) / "manuscript.txt"))
    assert _summary(manuscript, CSL / f"{name}.yaml") == _summary(manuscript, _case(name) / "refs.bib")


def test_csl_items_keep_their_line_and_bad_files_are_one_line_errors(tmp_path) -> None:
    bib = load_bibliography(str(CSL / "sample.json"))
    first = next(iter(bib.entries.values()))
    assert first.line == 2 and first.type in ("book", "incollection", "article")
    (tmp_path / "bad.json").write_text('[{"id": "a", "title": "x"},', encoding="utf-8")
    (tmp_path / "dict.yaml").write_text("title: not a list\n", encoding="utf-8")
    (tmp_path / "twice.json").write_text('[{"id": "a", "title": "x"}, {"id": "a", "title": "y"}, {"title": "z"}]',
                                         encoding="utf-8")
    (tmp_path / "deep.json").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    (tmp_path / "deep.yaml").write_text("- " * 5_000 + "x\n", encoding="utf-8")
    (tmp_path / "odd.json").write_text('[{"id": "a", "title": ["x"], "author": ["Doe"], "issued": "n.d.", '
                                       '"container-title": 5, "page": {"a": 1}}]', encoding="utf-8")
    assert load_bibliography(str(tmp_path / "odd.json")).entries["a"].authors == ()
    for name in ("bad.json", "dict.yaml", "deep.json", "deep.yaml"):
        with pytest.raises(InputError) as err:
            load_bibliography(str(tmp_path / name))
        assert "\n" not in str(err.value) and name in str(err.value)
    twice = load_bibliography(str(tmp_path / "twice.json"))
    assert list(twice.entries) == ["a"] and {p.kind for p in twice.problems} == {"duplicate-key", "parse"}
    (tmp_path / "m.md").write_text("Text.[^1]\n\n[^1]: Doe, x, 3.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(tmp_path / "m.md"), "--bib", str(tmp_path / "bad.json"),
                                       "--no-config"])
    assert result.exit_code == 2 and "not CSL-JSON" in result.stderr


# -- BibLaTeX links between entries ----------------------------------------------------------


def test_inheritance_matches_biber() -> None:
    ours = parse_bibliography((BIBLATEX / "inherit.bib").read_text(encoding="utf-8"), "inherit.bib").entries
    biber = parse_bibliography((BIBLATEX / "inherit.biber.bib").read_text(encoding="utf-8"), "biber.bib").entries
    assert set(ours) == set(biber)
    for key, resolved in biber.items():
        own = parse_bibliography((BIBLATEX / "inherit.bib").read_text(encoding="utf-8"), "x").entries[key]
        for name, value in resolved.fields.items():
            if name in ("author", "editor", "ids"):
                continue  # names are compared as names below; ids are keys, written with or without spaces
            if name == "shorttitle" and "shorttitle" not in own.fields:
                continue  # biblatex.def does not inherit shorttitle into a part (biber's --tool config does)
            assert ours[key].fields.get(name) == value, (key, name)
        assert (ours[key].authors, ours[key].editors) == (resolved.authors, resolved.editors), key


def _check_md(text: str, bib: str, tmp_path):  # type: ignore[no-untyped-def]
    (tmp_path / "refs.bib").write_text(bib, encoding="utf-8")
    manuscript = parse_manuscript(text, str(tmp_path / "m.md"))
    return check_loaded(manuscript, load_bibliography(str(tmp_path / "refs.bib")))


def test_a_parent_cited_through_its_child_is_cited_and_an_alias_resolves(tmp_path) -> None:
    text = "One.[^1] Two.[^2]\n\n[^1]: [@crisis, 420].\n[^2]: [@betweentwo, 12].\n"
    report = _check_md(text, (BIBLATEX / "inherit.bib").read_text(encoding="utf-8"), tmp_path)
    assert [(c.note, r.key) for c, r in report.citations] == [(1, "crisis"), (2, "kafadar")]
    assert "alias" in report.citations[1][1].reason
    unused = sorted(f.key for f in report.findings if f.rule == "unused-entry")
    # essays is crisis's crossref parent, cup is kafadar's xdata: both cited through them
    assert unused == ["history", "history1", "jts", "lowry"]
    assert not [f for f in report.findings if f.rule == "unresolved-citation"]


def test_without_the_links_the_parent_would_be_uncited(tmp_path) -> None:
    bib = (BIBLATEX / "inherit.bib").read_text(encoding="utf-8").replace("crossref = {essays},", "")
    report = _check_md("One.[^1]\n\n[^1]: [@crisis, 420].\n", bib, tmp_path)
    assert "essays" in {f.key for f in report.findings if f.rule == "unused-entry"}


def test_bib_lint_counts_inherited_fields_as_present() -> None:
    text = (BIBLATEX / "inherit.bib").read_text(encoding="utf-8")
    assert not [p for p in lint_text(text) if p.kind == "missing-field"]
    orphan = text.replace("crossref = {essays},", "")
    missing = [(p.key, p.message) for p in lint_text(orphan) if p.kind == "missing-field"]
    assert missing and all(key == "crisis" for key, _ in missing)


def test_bib_lint_refuses_a_csl_file_with_one_line() -> None:
    result = CliRunner().invoke(main, ["bib", "lint", str(CSL / "sample.json")])
    assert result.exit_code == 2 and "CSL-JSON" in result.stderr
