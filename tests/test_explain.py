"""`srccheck explain`: how each citation of a note was read and resolved, on every input format."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from conftest import ROOT

from srccheck.cli import main

FIX = ROOT / "tests" / "fixtures" / "formats"
# note 2 of the fixture's source (article-source.md) cites Karabekir's İstiklal Harbimiz, s. 183
NOTE, KEY, PAGE = "2", "karabekir1960istiklal", 183


@pytest.mark.parametrize("suffix", ["md", "docx", "odt", "tex", "pdf"])
def test_explain_names_the_entry_and_what_was_found_on_every_format(suffix):
    args = ["explain", str(FIX / f"article.{suffix}"), "--bib", str(FIX / "article.bib"), "--note", NOTE]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert f"-> {KEY}" in result.output and f"pages {PAGE}" in result.output
    assert f"candidate {KEY}" in result.output
    data = json.loads(CliRunner().invoke(main, [*args, "--format", "json"]).output)
    (note,) = data
    (citation,) = note["citations"]
    assert citation["key"] == KEY and citation["pages"] == [[PAGE, PAGE]] and citation["reason"]
    assert citation["candidates"][0]["key"] == KEY


def test_explain_refuses_a_note_the_manuscript_does_not_have():
    result = CliRunner().invoke(main, ["explain", str(FIX / "article.md"), "--bib", str(FIX / "article.bib"),
                                       "--note", "99"])
    assert result.exit_code == 2 and "no note 99" in result.output and "Traceback" not in result.output


def test_explain_shows_what_lies_outside_the_matched_spans(tmp_path):
    (tmp_path / "refs.bib").write_text("@book{whitmore2015, author = {Whitmore, Helen}, title = {Between Port and "
                                       "Hinterland: Customs Reform in Ottoman Beirut}, year = {2015}}\n")
    (tmp_path / "m.md").write_text("Text.[^1]\n\n[^1]: The argument is developed further in Whitmore, Between Port "
                                   "and Hinterland, 180.\n")
    result = CliRunner().invoke(main, ["explain", str(tmp_path / "m.md"), "--bib", str(tmp_path / "refs.bib"),
                                       "--note", "1", "--no-config"])
    assert result.exit_code == 0, result.output
    assert "found: authors “Whitmore”, title “Between Port and Hinterland”" in result.output
    assert "outside what was found: “180”" in result.output


def test_json_keeps_similarity_apart_from_a_rules_confidence(tmp_path):
    # a fuzzy match's similarity is its candidate's score; "Ibid." and a \cite key are sure by rule, and have none
    (tmp_path / "refs.bib").write_text("@book{whitmore2015, author = {Whitmore, Helen}, title = {Between Port and "
                                       "Hinterland: Customs Reform in Ottoman Beirut}, year = {2015}}\n")
    (tmp_path / "m.md").write_text("One.[^1] Two.[^2] Three.[^3]\n\n"
                                   "[^1]: Whitmore, Between Port and Hinterlend, 180.\n"
                                   "[^2]: Ibid., 181.\n"
                                   "[^3]: [@whitmore2015, p. 182]\n")
    result = CliRunner().invoke(main, ["check", str(tmp_path / "m.md"), "--bib", str(tmp_path / "refs.bib"),
                                       "--format", "json", "--no-config", "--no-cache"])
    cits = [c for n in json.loads(result.stdout)["reports"][0]["notes"] for c in n["citations"]]
    assert [c["key"] for c in cits] == ["whitmore2015"] * 3
    fuzzy, ibid, keyed = cits
    assert fuzzy["similarity"] == fuzzy["candidates"][0]["score"] == fuzzy["confidence"] < 100
    assert ibid["similarity"] is None and keyed["similarity"] is None
    assert ibid["confidence"] == keyed["confidence"] == ibid["score"] == 100


@pytest.mark.parametrize("name, number, label", [
    ("de-heilmann-odt-roman", "3", "note iii (note 3 in running order, line "),  # endnotes numbered i, ii, iii
    ("en-verbose-article-perpage", "6", "note 2 on page 2 (note 6 in running order, line "),  # numbered per page
])
def test_explain_names_the_note_as_the_document_numbers_it(name: str, number: str, label: str) -> None:
    folder = ROOT / "tests" / "realpipe" / "dev" / name
    result = CliRunner().invoke(main, ["explain", str(folder / "pdftotext.txt"), "--bib", str(folder / "refs.bib"),
                                       "--note", number, "--no-config"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith(label), result.output[:120]
