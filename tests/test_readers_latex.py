"""The LaTeX reader: footnotes with nested braces, comments, \\footnotetext, biblatex/natbib citations."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest

from srccheck.bibliography import load_bibliography
from srccheck.errors import InputError
from srccheck.manuscript import bibliography_paths, detect_format, parse_manuscript
from srccheck.manuscript.latex import read_latex
from srccheck.pipeline import check_loaded

TEX = r"""\documentclass{article}
\usepackage{biblatex}
\addbibresource{refs.bib}
\addbibresource[location=local]{more/other.bib}
\newcommand{\fn}[1]{\footnote{#1}}
\begin{document}
A claim.\footnote{John Smith, \emph{The History of {Things}}, Penguin,
  London, 2001, p.~45. % srccheck: ignore[missing-locator]
  Also 50\% of it.} More.\footcite[47]{smith2001}
Text\footnotemark{} and more text.
\footnotetext{See \cite[see][p.~3]{jones1999} and G\"{o}kay, \textit{Clash}, 12.}
Cited\footnote{\citep[chap.~2]{smith2001,jones1999}; \autocite{nokey}.}
\end{document}
\footnote{after the end: not read}
"""

BIB = """@book{smith2001, author={Smith, John}, title={The History of Things}, publisher={Penguin},
  address={London}, year=2001}
@book{jones1999, author={Jones, Ann}, title={Other Things}, publisher={Verso}, address={London}, year=1999}
"""


def test_notes_numbers_lines_and_text():
    ms = parse_manuscript(TEX, "/tmp/x/a.tex")
    assert [(n.number, n.line, n.marker_line) for n in ms.notes] == [(1, 7, 7), (2, 9, 9), (3, 11, 10), (4, 12, 12)]
    first = ms.notes[0]
    assert first.text == "John Smith, The History of Things, Penguin, London, 2001, p.\u00a045. Also 50% of it." or \
        first.text == "John Smith, The History of Things, Penguin, London, 2001, p. 45. Also 50% of it."
    assert "% srccheck: ignore[missing-locator]" in first.raw
    assert ms.notes[2].text.startswith("See and Gökay, Clash, 12.") or ms.notes[2].text == "See and Gökay, Clash, 12."
    assert [m.number for m in ms.markers] == [1, 2, 3, 4]


def test_citation_commands_resolve_by_key_with_postnotes_as_locators():
    ms = parse_manuscript(TEX, "/tmp/x/a.tex")
    direct = {n: [(c.key, c.written_ranges, c.locator.text if c.locator else None) for c in cs]
              for n, cs in ms.direct_citations.items()}
    assert direct[2] == [("smith2001", ((47, 47),), "47")]
    assert direct[3] == [("jones1999", ((3, 3),), "p. 3")]
    assert direct[4][0][:1] == ("smith2001",) and direct[4][0][2] is None
    assert direct[4][1][0] == "jones1999" and direct[4][1][2] == "chap. 2"
    assert direct[4][2] == ("nokey", (), None)
    assert ms.notes[3].text == ""  # nothing left to parse twice


def test_bibliographies_from_addbibresource_and_bibliography():
    ms = parse_manuscript(TEX, os.path.join("/tmp", "x", "a.tex"))
    assert bibliography_paths(ms) == ["/tmp/x/refs.bib", "/tmp/x/more/other.bib"]
    ms = parse_manuscript("\\bibliography{a, sub/b.bib}\n\\begin{document}x\\end{document}", "d/m.tex")
    assert ms.bib_paths == [os.path.join("d", "a.bib"), os.path.join("d", "sub", "b.bib")]


def test_pipeline_unknown_key_is_unresolved(write):
    bib = load_bibliography(write("refs.bib", BIB))
    report = check_loaded(parse_manuscript(TEX, write("a.tex", TEX)), bib)
    unresolved = [f for f in report.findings if f.rule == "unresolved-citation"]
    assert [f.note for f in unresolved] == [3, 4]  # Gökay is not in the bib; nokey is no key
    keys = {(c.note, r.key) for c, r in report.citations}
    assert {(1, "smith2001"), (2, "smith2001"), (3, "jones1999"), (4, "smith2001"), (4, "jones1999")} <= keys


def test_counter_follows_latex():
    tex = ("\\begin{document}a\\footnote{A.} b\\footnote[7]{Seven.} c\\footnote{B.}"
           "\\setcounter{footnote}{10}d\\footnote{Eleven.}\\end{document}")
    assert [n.number for n in parse_manuscript(tex, "m.tex").notes] == [1, 7, 2, 11]


def test_accents_and_escapes():
    tex = r"\begin{document}x\footnote{\c{C}al\i{}\c{s}ma, \u{g} \.{I}stanbul, \"Uber---\emph{T\"urk} ``Q'' \S~3 \href{http://a}{Link}.}\end{document}"
    assert parse_manuscript(tex, "m.tex").notes[0].text == "Çalışma, ğ İstanbul, Über—Türk “Q” § 3 Link."


@pytest.mark.parametrize("tex", [
    "\\begin{document}\nok\\footnote{fine}\n\ntext\\footnote{never {closed}\n" + "more text\n" * 20000,
    "\\begin{document}\\footnote{" + "{" * 50000,
])
def test_unbalanced_braces_are_one_line_input_errors_fast(tex):
    started = time.perf_counter()
    with pytest.raises(InputError) as info:
        parse_manuscript(tex, "m.tex")
    assert time.perf_counter() - started < 2
    assert "unbalanced braces" in str(info.value) and "\n" not in str(info.value)
    assert str(info.value).startswith("m.tex:")


def test_detected_by_content():
    assert detect_format("notes", "\\documentclass{article}\n") == "latex"
    assert detect_format("notes.tex", "plain") == "latex"


def test_a_locator_written_after_the_citation_command_is_its_locator(write):
    """French and German theses write "\\footnote{\\cite{key}. p. 8.}": the page is the citation's, not a
    citation of its own (it was reported as an unresolved ". p. 8.")."""
    bib = write("refs.bib", "@book{a, author={Lindner, Klaus}, title={Handel und Herrschaft}, year=2004}\n"
                            "@book{b, author={Keller, Hans}, title={Geschichte der Levante}, year=1998}\n")
    tex = (r"\documentclass{article}\begin{document}" "\n"
           r"A.\footnote{\cite{a}, p. 8.} B.\footnote{\cite{a}. S. 9--11.} C.\footnote{Vgl. \cite{a}, S. 5; \cite{b},"
           r" 7.} D.\footnote{\cite{b}. Cf. the discussion there.}" "\n" r"\end{document}" "\n")
    report = check_loaded(parse_manuscript(tex, write("a.tex", tex)), load_bibliography(bib))
    assert [(c.note, r.key, list(c.written_ranges)) for c, r in report.citations] == [
        (1, "a", [(8, 8)]), (2, "a", [(9, 11)]), (3, "a", [(5, 5)]), (3, "b", [(7, 7)]), (4, "b", [])]
    assert not [f for f in report.findings if f.rule == "unresolved-citation"]


# --- numbering restarted per chapter, on the LaTeX sources of the real-pipeline fixtures ---------------------

_REALPIPE = Path(__file__).resolve().parents[1] / "tests" / "realpipe" / "dev"


# (not those numbered again on every page, footmisc's perpage: where the pages break, only typesetting tells)
@pytest.mark.parametrize("doc", sorted(p.parent.name for p in _REALPIPE.glob("*/paper.tex")
                                       if json.loads((p.parent / "expected.json").read_text(encoding="utf-8"))
                                       .get("numbering") != "per-page"))
def test_latex_sources_give_the_notes_latex_printed(doc: str) -> None:
    """book/report/scrbook reset the footnote counter at each \\chapter, enotez (reset=true) the endnote counter:
    each note is (chapter, printed number) as the PDF shows it; the answers are the generator's plan."""
    import json
    import sys

    sys.path.insert(0, str(_REALPIPE.parents[2] / "tools"))
    from score_real import identity_of_expected, score_fixture

    folder = _REALPIPE / doc
    expected = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
    ms = read_latex((folder / "paper.tex").read_text(encoding="utf-8"), "paper.tex")
    identities = sorted((n.chapter, n.printed if n.printed is not None else n.number) for n in ms.notes)
    assert identities == sorted(identity_of_expected(expected).values())
    assert ms.numbering == expected["numbering"]
    score = score_fixture(folder / "paper.tex", expected, folder / "refs.bib", "latex")
    assert score.fn == 0 and score.fp == 0  # every cited key, in its note


def test_book_classes_restart_the_footnote_counter_at_each_chapter():
    body = ("\\begin{document}\\chapter{A}x\\footnote{One.} y\\footnote{Two.}\\chapter*{Preface}"
            "\\chapter{B}z\\footnote{Again one.}\\end{document}")
    ms = read_latex("\\documentclass[a5paper]{scrbook}" + body, "m.tex")
    assert [(n.number, n.chapter, n.printed) for n in ms.notes] == [(1, 1, 1), (2, 1, 2), (3, 2, 1)]
    assert ms.numbering == "per-chapter" and [m.printed for m in ms.markers] == [1, 2, 1]
    continuous = read_latex("\\documentclass{report}\\counterwithout{footnote}{chapter}" + body, "m.tex")
    assert [(n.number, n.chapter) for n in continuous.notes] == [(1, 0), (2, 0), (3, 0)]
    assert read_latex("\\documentclass{article}" + body, "m.tex").numbering == "continuous"
