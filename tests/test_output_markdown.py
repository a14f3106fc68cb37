"""The Markdown report read back by a CommonMark parser with GitHub's table extension (markdown-it-py):
the tables have the rows and cells the JSON report has, and text from the manuscript or the
bibliography never becomes a link, an image, emphasis, a tag or an extra cell."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from conftest import ROOT, every_finding, only_report
from markdown_it import MarkdownIt
from markdown_it.token import Token
from test_output_html import hostile_manuscript

from srccheck.cli import main
from srccheck.output.markdown import FOLD_SOURCES

SAMPLE = ROOT / "tests" / "corpus" / "sample"
FIXTURE = ROOT / "tests" / "fixtures" / "output"
GFM = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
# inline tokens that would mean text from the input became markup
SURNAMES = ("Adler Baker Carter Dawson Ellis Fischer Graham Harper Irving Jensen Keller Larsen Morgan Nolan Olsen "
            "Parker Quinn Reed Sawyer Turner Underwood Vance Walsh Young Zimmer Abbott Burke Crane Doyle Everett "
            "Foster").split()
TOPICS = ("Bridges Canals Clocks Coffee Cotton Dams Ferries Glass Harbours Ink Lamps Maps Mills Mines Paper Ports "
          "Quarries Railways Roads Salt Ships Silk Soap Spices Steel Sugar Tea Tobacco Tunnels Wool Zinc").split()
MARKUP = {"link_open", "image", "html_inline", "em_open", "strong_open", "s_open", "code_inline"}


def run(*args: str, fmt: str = "markdown") -> str:
    result = CliRunner().invoke(main, ["check", *args, "--format", fmt, "--no-config", "--exit-zero"])
    assert result.exit_code == 0, result.output
    return result.stdout


def tables(text: str) -> list[list[list[tuple[str, list[Token]]]]]:
    """Each table as rows of cells: (the cell's text as rendered, its inline tokens)."""
    found: list[list[list[tuple[str, list[Token]]]]] = []
    row: list[tuple[str, list[Token]]] | None = None
    for token in GFM.parse(text):
        if token.type == "table_open":
            found.append([])
        elif token.type == "tr_open":
            row = []
        elif token.type == "inline" and row is not None:
            children = token.children or []
            row.append(("".join(c.content for c in children if c.type in ("text", "softbreak")), children))
        elif token.type == "tr_close" and row is not None:
            found[-1].append(row)
            row = None
    return found


def test_findings_and_sources_tables_match_the_json_report() -> None:
    args = [str(FIXTURE / "manuscript.txt"), "--bib", str(FIXTURE / "refs.bib")]
    document = json.loads(run(*args, fmt="json"))
    data = only_report(document)
    findings, sources, bib_findings = tables(run(*args))
    assert [c for c, _ in findings[0]] == ["severity", "rule", "where", "message", "suggestion"]
    assert len(findings) - 1 + len(bib_findings) - 1 == len(every_finding(document))
    for row, finding in zip(findings[1:] + bib_findings[1:], every_finding(document)):
        cells = [c for c, _ in row]
        assert cells[0] == finding["severity"] and cells[1].endswith(" " + finding["rule"])
        assert finding["message"].endswith(cells[3])
    assert [row[0][0] for row in sources[1:]] == [s["key"] for s in data["sources"]]


def test_hostile_text_stays_text_in_every_cell(tmp_path: Path) -> None:
    ms, bib = hostile_manuscript(tmp_path)
    data = {"findings": every_finding(json.loads(run(ms, "--bib", bib, fmt="json")))}
    text = run(ms, "--bib", bib)
    tokens = GFM.parse(text)
    assert not [t for t in tokens if t.type == "html_block"]
    findings, sources, *bib_tables = tables(text)
    findings += [row for table in bib_tables for row in table[1:]]  # the bibliography's own findings
    for row in findings + sources:
        for cell, children in row:
            assert not [c.type for c in children if c.type in MARKUP], cell
    messages = [row[3][0] for row in findings[1:]]
    assert len(messages) == len(data["findings"])
    for message, finding in zip(messages, data["findings"]):
        assert finding["message"].endswith(message)  # every character back, the "|" not splitting the cell
    assert any("| *not emphasis* [a link](javascript:alert(1))" in m for m in messages)
    assert all(len(row) == 5 for row in findings) and all(len(row) == 7 for row in sources)
    heading = [t for t in tokens if t.type == "inline"][0]
    assert heading.content.startswith("srccheck: ") and ms.replace("_", "\\_") in heading.content


def test_a_long_sources_table_is_folded_and_still_a_table(tmp_path: Path) -> None:
    count = FOLD_SOURCES + 1
    works = list(zip(SURNAMES, TOPICS))[:count]
    assert len(works) == count
    body = " ".join(f"Claim {i}.{i}" for i in range(1, count + 1))
    notes = "\n".join(f"{i} Anna {name}, The History of {topic}, Penguin, London 2001, p. {i}."
                      for i, (name, topic) in enumerate(works, 1))
    (tmp_path / "ms.txt").write_text(f"{body}\n\n{'_' * 32}\n{notes}\n", encoding="utf-8")
    bib = "\n".join(f"@book{{{name.lower()}2001, author={{{name}, Anna}}, title={{The History of {topic}}}, "
                    f"publisher={{Penguin}}, address={{London}}, year=2001}}" for name, topic in works)
    (tmp_path / "refs.bib").write_text(bib + "\n", encoding="utf-8")
    text = run(str(tmp_path / "ms.txt"), "--bib", str(tmp_path / "refs.bib"))
    blocks = [t.content.strip() for t in GFM.parse(text) if t.type == "html_block"]
    assert blocks == [f"<details><summary>Sources ({count} cited)</summary>", "</details>"]
    sources = tables(text)[-1]
    assert [row[0][0] for row in sources[1:]] == [f"{name.lower()}2001" for name, _ in works]


def test_several_manuscripts_give_a_section_each() -> None:
    formats = ROOT / "tests" / "fixtures" / "formats"
    text = run(str(formats / "article.md"), str(formats / "article.tex"), "--bib", str(formats / "article.bib"))
    headings = [t for t in GFM.parse(text) if t.type == "heading_open" and t.tag == "h2"]
    # a section for each manuscript, and one for the bibliography they share: its uncited entry is said once
    assert len(headings) == 3
    assert len(tables(text)) == 5
    assert text.count("gokay1997clash") == 1
