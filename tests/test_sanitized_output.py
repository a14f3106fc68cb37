"""Text from strangers never acts on a terminal, an annotation or an XML document: control characters from a note,
a bibliography field or a file name are shown escaped in every output format and in `explain`."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner

from srccheck.cli import main

# clear the screen, set the window title, ring the bell, override the reading direction, return to the line start
HOSTILE = ["\x1b[2J", "\x1b]0;pwned\x07", "\x07", "\u202e", "\r", "\x9b"]
NOTES = ("A claim.1 Another.2\n\n" + " " * 20 + "\n"
         "1 Jane Roe\x1b[2J\x1b]0;pwned\x07, A Book \u202eNobody\x9b Listed, Oxford, 1999, p. 12.\n"
         "2 Smith, \x1b[31mRed\x1b[0m Things, 4.\n")
BIB = ("@book{evil, author={Evil, Eve}, title={\x1b[2J\x1b]0;pwned\x07Evil \u202eThings\x1b[0m}, year=2000}\n"
       "@book{smith2001, author={Smith, John}, title={The History of Things}, year=2001}\n")


@pytest.fixture
def hostile(tmp_path: Path) -> tuple[str, str]:
    manuscript = tmp_path / "ch\x1b[2Japter.txt"  # a file name can hold them too
    manuscript.write_text(NOTES, encoding="utf-8")
    (tmp_path / "refs.bib").write_text(BIB, encoding="utf-8")
    return str(manuscript), str(tmp_path / "refs.bib")


def raw_controls(text: str) -> list[str]:
    return [c for c in ("\x1b", "\x07", "\u202e", "\r", "\x9b") if c in text]


@pytest.mark.parametrize("fmt", ["text", "concise", "github", "junit", "markdown", "html"])
def test_every_format_shows_control_characters_escaped(hostile: tuple[str, str], fmt: str) -> None:
    manuscript, bib = hostile
    result = CliRunner().invoke(main, ["check", manuscript, "--bib", bib, "--format", fmt, "--color", "never",
                                       "--no-config", "--no-cache"])
    assert result.exit_code == 1, result.output
    assert raw_controls(result.stdout) == [] and raw_controls(result.stderr) == []
    assert "\\x1b" in result.stdout  # shown, so the reader sees something was there
    if fmt == "junit":
        ET.fromstring(result.stdout)  # well-formed XML: no control character XML cannot hold


@pytest.mark.parametrize("fmt", ["json", "sarif"])
def test_json_documents_escape_them_as_json_does(hostile: tuple[str, str], fmt: str) -> None:
    manuscript, bib = hostile
    result = CliRunner().invoke(main, ["check", manuscript, "--bib", bib, "--format", fmt, "--no-config"])
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    assert any("\x1b" in text for text in strings(json.loads(result.stdout)))  # the text itself, unaltered


def strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in strings(v)]
    return []


def test_explain_shows_them_escaped(hostile: tuple[str, str]) -> None:
    manuscript, bib = hostile
    for note in ("1", "2"):
        result = CliRunner().invoke(main, ["explain", manuscript, "--bib", bib, "--note", note, "--no-config"])
        assert result.exit_code == 0, result.output
        assert raw_controls(result.stdout) == [] and "\\x1b" in result.stdout


def test_a_github_summary_is_escaped_too(hostile: tuple[str, str], tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    manuscript, bib = hostile
    CliRunner().invoke(main, ["check", manuscript, "--bib", bib, "--format", "github", "--no-config"])
    assert raw_controls(summary.read_text(encoding="utf-8")) == []
