r"""Book mode through the command line: a three-chapter book given as files, as a folder, as a LaTeX main file
that \include's them, and as one file holding the chapters one after another, is one work.

The answers come from the book as written here: which entries its chapters cite (so which are never cited),
the bibliography's own faults (one duplicated work, one broken entry) and the one short form that comes before
its work's full citation (chapter 2 before chapter 3).
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import every_finding

from srccheck.cli import main

BIB = r"""@book{smith2001, author={Smith, John}, title={The History of Things}, publisher={Penguin}, address={London}, year=2001}
@book{jones1999, author={Jones, Ann}, title={Other Things}, publisher={Verso}, address={London}, year=1999}
@book{brown2005, author={Brown, Carl}, title={Third Things}, publisher={Verso}, address={London}, year=2005}
@book{green2010, author={Green, Dana}, title={Fourth Things}, publisher={Verso}, address={London}, year=2010}
@book{white2012, author={White, Eve}, title={Fifth Things}, publisher={Verso}, address={London}, year=2012}
@book{gray2014, author={Gray, Finn}, title={Sixth Things}, publisher={Verso}, address={London}, year=2014}
@book{uncited1990, author={Doe, Jane}, title={A Work Nobody Cites}, publisher={Verso}, address={London}, year=1990}
@book{gray2014b, author={Gray, Finn}, title={Sixth Things}, publisher={Verso}, address={London}, year=2014}
@book{broken, author={Nobody, Nemo, title={Never Closed}, year=2000
"""
CITED = {"smith2001", "jones1999", "brown2005", "green2010", "white2012", "gray2014"}
# gray2014b repeats gray2014 (cited); "broken" cannot be read; uncited1990 and gray2014b are never cited
UNCITED = {"uncited1990", "gray2014b"}

CHAPTERS = {
    "ch1.tex": "\\chapter{Beginnings}\n"
               "The first claim.\\footnote{\\cite[12]{smith2001}.}\n"
               "The second claim.\\footnote{Ann Jones, \\emph{Other Things} (London: Verso, 1999), 45.}\n",
    "ch2.tex": "\\chapter{Middles}\n"
               "A later claim.\\footnote{Jones, \\emph{Other Things}, 47.}\n"  # full in chapter 1: fine in a book
               "Another.\\footnote{\\footcite[3]{brown2005} is wrong; see \\cite[8]{gray2014}.}\n"
               "A third.\\footnote{White, \\emph{Fifth Things}, 3.}\n",  # its full citation only comes in chapter 3
    "ch3.tex": "\\chapter{Ends}\n"
               "Then.\\footnote{Eve White, \\emph{Fifth Things} (London: Verso, 2012), 9.}\n"
               "Finally.\\footnote{\\cite[p.~21]{green2010}; \\cite{nosuchkey}.}\n",
}
MAIN = ("\\documentclass{book}\n\\usepackage[style=verbose-note]{biblatex}\n\\addbibresource{refs.bib}\n"
        "\\begin{document}\n" + "".join(f"\\include{{chapters/{name[:-4]}}}\n" for name in CHAPTERS) + "\\end{document}\n")


@pytest.fixture
def book(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "refs.bib").write_text(BIB, encoding="utf-8")
    (tmp_path / "chapters").mkdir()
    for name, text in CHAPTERS.items():
        (tmp_path / "chapters" / name).write_text(text, encoding="utf-8")
    (tmp_path / "main.tex").write_text(MAIN, encoding="utf-8")
    (tmp_path / "whole.tex").write_text(MAIN.replace("".join(f"\\include{{chapters/{n[:-4]}}}\n" for n in CHAPTERS),
                                                     "".join(CHAPTERS.values())), encoding="utf-8")
    return tmp_path


def check(*args: str) -> dict:
    result = CliRunner().invoke(main, ["check", *args, "--format", "json", "--no-config", "--no-cache"])
    assert result.exit_code == 1, result.output  # the broken entry and the unknown key are errors
    return json.loads(result.stdout)


def bib_findings(document: dict) -> list[tuple[str, str | None]]:
    return sorted((f["name"], f["key"]) for f in every_finding(document) if f["path"] == "refs.bib")


def note_findings(document: dict) -> Counter[tuple[str, str | None, str, int]]:
    return Counter((f["name"], f["key"], f["path"], f["line"]) for f in every_finding(document) if f["path"] != "refs.bib")


def citations(document: dict) -> list[tuple[str | None, str | None]]:
    return [(c["key"], c["locator"]) for r in document["reports"] for n in r["notes"] for c in n["citations"]]


def test_a_book_is_one_work_however_it_is_given(book: Path) -> None:
    files = check("chapters/ch1.tex", "chapters/ch2.tex", "chapters/ch3.tex", "--bib", "refs.bib")
    folder = check("chapters", "--bib", "refs.bib")
    main_file = check("main.tex")  # the bibliography it names, the chapters it \include's
    whole = check("whole.tex")  # the chapters one after another in one file

    for document in (files, folder, main_file, whole):
        unused = {f["key"] for f in every_finding(document) if f["name"] == "unused-entry"}
        assert unused == UNCITED  # one list, right for the whole book
        # the bibliography's faults, each once, against the .bib
        assert bib_findings(document) == sorted([("bib-parse-error", None), ("duplicate-entry", "gray2014b"),
                                                 ("unused-entry", "gray2014b"), ("unused-entry", "uncited1990")])
        assert len(document["works"]) == 1
        # the book's summary is the whole book's: what its manuscripts read and every finding, theirs and its own
        # (a harness reading it saw "0 notes, findings: none" for a book with four warnings)
        work_summary = document["works"][0]["summary"]
        assert work_summary == document["summary"], (work_summary, document["summary"])
        assert work_summary["notes"] > 0 and work_summary["error"] + work_summary["warning"] >= len(
            [f for r in document["reports"] for f in r["findings"] if f["severity"] in ("error", "warning")])
        assert {key for key, _ in citations(document)} == CITED | {None}
        short_before_full = [f for f in every_finding(document) if f["name"] == "short-before-full"]
        assert [f["key"] for f in short_before_full] == ["white2012"]  # chapter 2's short form, chapter 3's full
        assert [f["key"] for f in every_finding(document) if f["name"] == "unresolved-citation"] == [None]
    assert [r["path"] for r in files["reports"]] == ["chapters/ch1.tex", "chapters/ch2.tex", "chapters/ch3.tex"]
    assert [r["path"] for r in folder["reports"]] == ["chapters/ch1.tex", "chapters/ch2.tex", "chapters/ch3.tex"]
    assert [r["path"] for r in main_file["reports"]] == ["main.tex"]
    # the same citations in the same order, and each finding at the same chapter file and line
    assert citations(files) == citations(folder) == citations(main_file) == citations(whole)
    assert note_findings(files) == note_findings(folder) == note_findings(main_file)
    assert Counter((name, key) for name, key, _, _ in note_findings(files)) == \
        Counter((name, key) for name, key, _, _ in note_findings(whole))
    white = next(f for f in every_finding(files) if f["name"] == "short-before-full")
    assert "chapters/ch3.tex" in white["message"]  # where the full citation is


def test_bib_findings_are_printed_once_and_summed_once(book: Path) -> None:
    result = CliRunner().invoke(main, ["check", "chapters", "--bib", "refs.bib", "--no-config", "--format", "concise"])
    lines = result.stdout.splitlines()
    assert sum("[unused-entry]" in line for line in lines) == 2
    assert sum("[duplicate-entry]" in line for line in lines) == 1
    assert lines[-1] == "refs.bib: 1 error, 3 warnings, 0 info"
    assert [line.split(":")[0] for line in lines[-4:-1]] == ["chapters/ch1.tex", "chapters/ch2.tex", "chapters/ch3.tex"]


def test_full_citations_per_chapter(book: Path) -> None:
    per_chapter = check("chapters", "--bib", "refs.bib", "--full-citation", "chapter")
    # each chapter on its own: chapter 2's short form of White has no full citation in chapter 2
    assert not [f for f in every_finding(per_chapter) if f["name"] == "short-before-full"]
    (book / "chapters" / "ch3.tex").write_text(
        "\\chapter{Ends}\nThen.\\footnote{Jones, \\emph{Other Things}, 50.}\n"
        "Later.\\footnote{Ann Jones, \\emph{Other Things} (London: Verso, 1999), 51.}\n", encoding="utf-8")
    per_chapter = check("chapters", "--bib", "refs.bib", "--full-citation", "chapter")
    by_book = check("chapters", "--bib", "refs.bib")
    # chapter 3 gives Jones in full again, but after a short form: wrong where each chapter starts afresh,
    # right in a book that gave it in full in chapter 1
    assert [(f["key"], f["path"]) for f in every_finding(per_chapter) if f["name"] == "short-before-full"] == \
        [("jones1999", "chapters/ch3.tex")]
    assert "jones1999" not in [f["key"] for f in every_finding(by_book) if f["name"] == "short-before-full"]


def test_a_folder_is_read_in_natural_order_without_readmes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "refs.bib").write_text(BIB, encoding="utf-8")
    folder = tmp_path / "book"
    folder.mkdir()
    for number in (1, 2, 10):
        (folder / f"chapter{number}.md").write_text(f"Claim.[^1]\n\n[^1]: [@smith2001, p. {number}]\n", encoding="utf-8")
    (folder / "README.md").write_text("How to build the book.\n", encoding="utf-8")
    (folder / "notes.bak").write_text("not a manuscript\n", encoding="utf-8")
    document = check("book", "--bib", "refs.bib")
    assert [r["path"] for r in document["reports"]] == ["book/chapter1.md", "book/chapter2.md", "book/chapter10.md"]


def test_the_configured_manuscripts_are_the_book(book: Path) -> None:
    (book / "srccheck.toml").write_text('bib = "refs.bib"\nmanuscripts = ["chapters/ch*.tex"]\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--format", "json", "--no-cache"])
    assert result.exit_code == 1, result.output
    document = json.loads(result.stdout)
    assert [r["path"] for r in document["reports"]] == ["chapters/ch1.tex", "chapters/ch2.tex", "chapters/ch3.tex"]
    assert {f["key"] for f in every_finding(document) if f["name"] == "unused-entry"} == UNCITED
    (book / "srccheck.toml").write_text('bib = "refs.bib"\nmanuscripts = ["drafts/*.md"]\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["check"])
    assert result.exit_code == 2 and "matches no file" in result.stderr
    (book / "srccheck.toml").write_text('bib = "refs.bib"\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["check"])
    assert result.exit_code == 2 and "no manuscript given" in result.stderr


def test_sources_of_a_book(book: Path) -> None:
    result = CliRunner().invoke(main, ["sources", "chapters", "--bib", "refs.bib", "--format", "json", "--no-cache"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert {row["key"] for row in rows} == CITED
    jones = next(row for row in rows if row["key"] == "jones1999")
    assert jones["citations"] == 2 and jones["pages"] == [[45, 45], [47, 47]]
    assert jones["notes"] == [{"path": "chapters/ch1.tex", "notes": [2]}, {"path": "chapters/ch2.tex", "notes": [1]}]
    uncited = CliRunner().invoke(main, ["sources", "main.tex", "--uncited", "--bib", "refs.bib", "--format", "json"])
    assert {row["key"] for row in json.loads(uncited.stdout)} == UNCITED


@pytest.mark.parametrize("trouble, words", [
    ("\\include{chapters/missing}", ["chapters/missing", "no such file"]),
    ("\\input{main}", ["includes a file that includes it"]),
])
def test_an_include_that_cannot_be_followed_is_one_line_and_exit_two(book: Path, trouble: str, words: list[str]) -> None:
    (book / "main.tex").write_text(MAIN.replace("\\end{document}", trouble + "\n\\end{document}"), encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "main.tex", "--no-config"])
    assert result.exit_code == 2
    line, = result.stderr.strip().splitlines()
    assert line.startswith("srccheck: main.tex:") and all(word in line for word in words), line


def test_includes_nested_deeper_than_tex_allows(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "refs.bib").write_text(BIB, encoding="utf-8")
    for depth in range(20):
        (tmp_path / f"part{depth}.tex").write_text(f"A.\\footnote{{\\cite{{smith2001}}}}\n\\input{{part{depth + 1}}}\n",
                                                   encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "part0.tex", "--bib", "refs.bib", "--no-config"])
    assert result.exit_code == 2 and "deep" in result.stderr and "Traceback" not in result.output
