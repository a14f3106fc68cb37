"""Nothing passes silently, through the command line: a manuscript with no note, an unreadable bibliography, a
legacy code page, text that decodes to letters no language writes.

The legacy files are the UTF-8 manuscripts saved in the code pages Windows and old Unix editors write (Python's
codecs produce the same bytes); the right report is the one the UTF-8 file gives.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ROOT, every_finding, only_report

from srccheck.cli import main

FIXTURES = ROOT / "tests" / "fixtures" / "encodings"
RUSSIAN = ROOT / "tests" / "realpipe" / "dev" / "ru-gost-report"  # pdftotext's text of a biblatex-gost PDF


def run(*args: str, stdin: bytes | None = None):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, ["check", *args, "--no-config", "--no-cache"], input=stdin)


def document(*args: str, stdin: bytes | None = None) -> dict:
    result = run(*args, "--format", "json", stdin=stdin)
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)


def comparable(data: dict) -> dict:
    report = dict(only_report(data))
    for key in ("path", "encoding"):
        report.pop(key)
    report["findings"] = [{k: v for k, v in f.items() if k != "path"} for f in report["findings"]]
    return report


@pytest.mark.parametrize("text, bib, encodings", [
    (RUSSIAN / "pdftotext.txt", RUSSIAN / "refs.bib", ["cp1251", "koi8-r", "iso8859-5", "cp866"]),
    (FIXTURES / "polish.txt", FIXTURES / "polish.bib", ["cp1250", "iso8859-2"]),
    (FIXTURES / "czech.txt", FIXTURES / "czech.bib", ["cp1250", "iso8859-2"]),
    (FIXTURES / "greek.txt", FIXTURES / "greek.bib", ["cp1253", "iso8859-7"]),
    (ROOT / "article.txt", ROOT / "refs.bib", ["cp1254"]),  # Turkish stays Windows-1254
], ids=["russian", "polish", "czech", "greek", "turkish"])
def test_legacy_code_pages_are_detected_and_reported(tmp_path: Path, text: Path, bib: Path,
                                                      encodings: list[str]) -> None:
    original = document(str(text), "--bib", str(bib))
    assert only_report(original)["encoding"] == "utf-8"
    for encoding in encodings:
        copy = tmp_path / f"{encoding}.txt"
        data = text.read_text(encoding="utf-8").encode(encoding, "replace")  # "?" for a letter it lacks (ё in KOI8…)
        copy.write_bytes(data)
        legacy = document(str(copy), "--bib", str(bib))
        found = only_report(legacy)["encoding"]
        assert data.decode(found) == data.decode(encoding), (encoding, found)  # the same text, whatever its name
        if data.decode(encoding) == text.read_text(encoding="utf-8"):
            assert comparable(legacy) == comparable(original), encoding
        assert not [f for f in every_finding(legacy) if f["name"] == "garbled-text"]
        verbose = run(str(copy), "--bib", str(bib), "--verbose", "--format", "concise")
        assert f"encoding {found}" in verbose.stderr


@pytest.mark.parametrize("saved, read, word", [
    ("cp1251", "cp1252", "Ãëàâà"),  # Russian in Windows-1251 read as Western
    ("koi8-r", "cp1251", "рПТФЩ"),  # KOI8-R read as Windows-1251: every letter's case swapped
])
def test_text_decoded_in_the_wrong_code_page_is_a_finding(tmp_path: Path, saved: str, read: str, word: str) -> None:
    copy = tmp_path / "paper.txt"
    copy.write_bytes((RUSSIAN / "pdftotext.txt").read_text(encoding="utf-8").encode(saved, "replace"))
    data = document(str(copy), "--bib", str(RUSSIAN / "refs.bib"), "--encoding", read)
    garbled = [f for f in every_finding(data) if f["name"] == "garbled-text"]
    assert len(garbled) == 1 and garbled[0]["severity"] == "error" and garbled[0]["code"] == "SC206"
    assert f"read as {read}" in garbled[0]["message"]
    assert f"--encoding {saved}" in garbled[0]["suggestion"]
    assert word in garbled[0]["message"] or garbled[0]["message"].count("“") == 3


def test_utf8_read_twice_is_a_finding(tmp_path: Path) -> None:
    article = (ROOT / "article.txt").read_text(encoding="utf-8")
    twice = tmp_path / "twice.txt"
    twice.write_text(article.encode("utf-8").decode("cp1252", "replace"), encoding="utf-8")
    garbled = [f for f in every_finding(document(str(twice), "--bib", str(ROOT / "refs.bib")))
               if f["name"] == "garbled-text"]
    assert len(garbled) == 1 and "repair" in garbled[0]["suggestion"]
    assert not [f for f in every_finding(document(str(ROOT / "article.txt"), "--bib", str(ROOT / "refs.bib")))
                if f["name"] == "garbled-text"]


@pytest.mark.parametrize("name, text, says", [
    ("numbered.txt", "A claim [1] and another [2].\n\nReferences\n[1] J. Smith, The History of Things, London 2001.\n"
                     "[2] A. Jones, Other Things, London 1999.\n", "numbered reference list"),
    ("refs.txt", (ROOT / "refs.bib").read_text(encoding="utf-8"), "BibTeX bibliography"),
    ("-", "", "the file is empty"),
])
def test_a_manuscript_without_notes_is_an_error(tmp_path: Path, name: str, text: str, says: str) -> None:
    if name == "-":
        result = run("-", "--bib", str(ROOT / "refs.bib"), "--format", "json", stdin=b"")
    else:
        (tmp_path / name).write_text(text, encoding="utf-8")
        result = run(str(tmp_path / name), "--bib", str(ROOT / "refs.bib"), "--format", "json")
    assert result.exit_code == 1, result.output
    found = [f for f in every_finding(json.loads(result.stdout)) if f["name"] == "no-notes-found"]
    assert len(found) == 1 and found[0]["severity"] == "error"
    assert "expected" in found[0]["message"] and says in found[0]["message"]


def test_an_unreadable_bibliography_exits_two(tmp_path: Path) -> None:
    binary = tmp_path / "refs.bib"
    binary.write_bytes(b"\x00\x01\x02" * 100)
    for bib in (str(binary), str(tmp_path / "missing.bib"), str(tmp_path)):
        result = run(str(ROOT / "article.txt"), "--bib", bib, "--format", "json")
        assert result.exit_code == 2, (bib, result.output)
        assert "Traceback" not in result.output and result.stderr.startswith("srccheck: ")
        assert json.loads(result.stdout)["errors"][0]["path"] == str(ROOT / "article.txt")
