r"""Every citation command of biblatex and natbib, read through the real command line.

The expected keys and locators are the ones the \cite commands of each manuscript name: the source of
truth is what the author wrote, not what the reader makes of it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import every_finding, only_report

from srccheck.cli import main

BIB = "".join(
    f"@book{{{key}, author={{{author}}}, title={{{title}}}, publisher={{Verso}}, address={{London}}, year={year}}}\n"
    for key, author, title, year in [
        ("smith2001", "Smith, John", "The History of Things", 2001),
        ("jones1999", "Jones, Ann", "Other Things", 1999),
        ("brown2005", "Brown, Carl", "Third Things", 2005),
        ("green2010", "Green, Dana", "Fourth Things", 2010),
        ("white2012", "White, Eve", "Fifth Things", 2012),
        ("black2015", "Black, Finn", "Sixth Things", 2015),
        ("grey2018", "Grey, Gus", "Seventh Things", 2018),
        ("only2020", "Only, Verbatim", "Cited in Verbatim Only", 2020),
    ]
)


def check(tmp_path: Path, body: str, *extra: str) -> dict:
    (tmp_path / "refs.bib").write_text(BIB, encoding="utf-8")
    tex = tmp_path / "paper.tex"
    tex.write_text("\\documentclass{article}\n\\usepackage[style=verbose-note]{biblatex}\n"
                   "\\addbibresource{refs.bib}\n\\begin{document}\n" + body + "\n\\end{document}\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(tex), "--format", "json", "--no-config", "--no-cache", *extra])
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)


def cited(document: dict) -> list[tuple[int, str | None, str | None]]:
    """(note, key, locator) of every citation, in order; note 0 is the running text."""
    return [(n["index"], c["key"] if c["key"] else c["text"], c["locator"])
            for n in only_report(document)["notes"] for c in n["citations"]]


def unused(document: dict) -> set[str]:
    return {f["key"] for f in every_finding(document) if f["rule"] == "unused-entry"}


def test_capitalised_and_starred_forms_are_citations(tmp_path: Path) -> None:
    document = check(tmp_path, "\n".join([
        r"One.\Footcite[12]{smith2001}",
        r"Two.\Autocite*[p.~5]{jones1999}",
        r"Three.\footnote{\Cite[7]{brown2005}.}",
        r"Four.\footnote{\Parencite*[9]{green2010}; \Textcite[3]{white2012}.}",
        r"Five.\smartcite[44]{black2015}",
        r"Six.\footcitetext[8]{grey2018}",
    ]))
    assert cited(document) == [(1, "smith2001", "12"), (2, "jones1999", "p. 5"), (3, "brown2005", "7"),
                               (4, "green2010", "9"), (4, "white2012", "3"), (5, "black2015", "44"),
                               (6, "grey2018", "8")]
    assert unused(document) == {"only2020"}


def test_multicites_with_pre_and_postnotes(tmp_path: Path) -> None:
    document = check(tmp_path, "\n".join([
        r"One.\footcites(See)(and passim)[a][12]{smith2001}[c][14--15]{jones1999}",
        r"Two.\footnote{\Cites[3]{brown2005}{green2010}.}",
        r"Three.\autocites(for example)(45)[p.~2]{white2012}{black2015}",  # a global postnote: the last key's
    ]))
    assert cited(document) == [(1, "smith2001", "12"), (1, "jones1999", "14–15"), (2, "brown2005", "3"),
                               (2, "green2010", None), (3, "white2012", "p. 2"), (3, "black2015", "45")]


def test_natbib_and_citations_standing_in_the_text(tmp_path: Path) -> None:
    document = check(tmp_path, "\n".join([
        r"As \citet[p.~4]{smith2001} and \Citep{jones1999} show, and \textcite{brown2005} argues,",
        r"\parencite[10]{green2010} and \supercite{white2012} all agree.\footnote{\citep[see][22]{black2015}.}",
    ]))
    # in the running text they are citations of the text itself (note 0); in a note, of the note
    assert cited(document) == [(0, "smith2001", "p. 4"), (0, "jones1999", None), (0, "brown2005", None),
                               (0, "green2010", "10"), (0, "white2012", None), (1, "black2015", "22")]
    assert unused(document) == {"grey2018", "only2020"}
    # a work named in the text has no page to give: not a missing locator
    assert not [f for f in every_finding(document) if f["rule"] == "missing-locator"]


def test_the_locator_written_after_the_command_belongs_to_it(tmp_path: Path) -> None:
    document = check(tmp_path, r"One.\footnote{\Cite{smith2001}, p.~45.} Two.\footnote{\cite{jones1999}. S. 8.}")
    assert cited(document) == [(1, "smith2001", "p. 45"), (2, "jones1999", "S. 8")]


def test_an_undefined_key_is_a_finding_never_an_empty_note(tmp_path: Path) -> None:
    document = check(tmp_path, r"One.\Footcite[3]{nosuchkey} Two.\footnote{\Cite{otherkey}.} Three.\footcite{}")
    unresolved = [f for f in every_finding(document) if f["rule"] == "unresolved-citation"]
    assert [(f["note"], f["severity"]) for f in unresolved] == [(1, "error"), (2, "error"), (3, "error")]
    assert "nosuchkey" in unresolved[0]["message"] and "otherkey" in unresolved[1]["message"]
    assert all(n["citations"] for n in only_report(document)["notes"])


@pytest.mark.parametrize("hidden", [
    "\\begin{verbatim}\nSee.\\footcite{only2020}\n\\end{verbatim}",
    "\\begin{lstlisting}[language=TeX]\n\\footnote{\\cite[3]{only2020}}\n\\end{lstlisting}",
    "\\begin{comment}\nA.\\footcite{only2020}\n\\end{comment}",
    "% A.\\footcite{only2020}",
    "Use \\verb|\\footcite{only2020}| for that.",
])
def test_citations_shown_verbatim_or_commented_out_are_not_citations(tmp_path: Path, hidden: str) -> None:
    document = check(tmp_path, r"One.\footcite[1]{smith2001}" + "\n" + hidden + "\n" + r"Two.\footcite[2]{jones1999}")
    assert cited(document) == [(1, "smith2001", "1"), (2, "jones1999", "2")]
    assert "only2020" in unused(document)
