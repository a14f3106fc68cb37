"""The PDF reader on PDFs that LaTeX and LibreOffice typeset (tests/realpipe/dev): it finds what the text
reader finds in the same PDF's extracted text, composes accents from character positions, and refuses
plainly when PDFium is missing. The answers are the generator's plan (expected.json), never srccheck's."""

from __future__ import annotations

import builtins
import json
import sys
from pathlib import Path

import pytest

from srccheck.bibliography import load_bibliography
from srccheck.errors import InputError
from srccheck.manuscript import parse_bytes
from srccheck.pipeline import check_loaded

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT / "tests" / "realpipe" / "dev"
DOCS = sorted(p.parent.name for p in DEV.glob("*/paper.pdf"))
sys.path.insert(0, str(ROOT / "tools"))

from score_real import Result, fixtures, score_fixture  # noqa: E402


def _notes_and_keys(path: Path, fmt: str, bib_path: Path) -> tuple[list[tuple[int, int]], list[tuple]]:
    ms = parse_bytes(path.read_bytes(), str(path), fmt)
    report = check_loaded(ms, load_bibliography(str(bib_path)))
    identity = {n.number: (n.chapter, n.printed if n.printed is not None else n.number) for n in ms.notes}
    keys = sorted((identity[c.note], r.key) for c, r in report.citations if r.key)
    return sorted(identity.values()), keys


# The extractions whose reading order is the PDF's own (as PDFium's): the PDF and its text must give the
# same notes and the same keys. `pdftotext -layout`, pdfminer and pdftotext's default order are measured by
# tools/score_real.py; they still differ on some documents (two-column pages, note numbers set apart).
@pytest.mark.parametrize("doc", DOCS)
@pytest.mark.parametrize("extractor", ["pdftotext-raw", "pypdf"])
def test_pdf_and_its_extracted_text_give_the_same_notes_and_keys(doc: str, extractor: str) -> None:
    folder = DEV / doc
    if doc == "de-footnotedw-scrbook":
        pytest.xfail("a title's formula (2^{2^{2^{2^0}}}): PDFium sets its superscripts on lines of their own and "
                     "leaves them out of the note, poppler and pypdf keep them in; the resolver then differs")
    if doc == "ru-gost-report" and extractor == "pdftotext-raw":
        pytest.xfail("poppler -raw reads one Cyrillic citation differently from PDFium")
    pdf_notes, pdf_keys = _notes_and_keys(folder / "paper.pdf", "pdf", folder / "refs.bib")
    text_notes, text_keys = _notes_and_keys(folder / f"{extractor}.txt", "text", folder / "refs.bib")
    assert pdf_notes == text_notes
    assert pdf_keys == text_keys


def test_pdf_reader_finds_every_note_of_the_real_pdfs() -> None:
    total = Result()
    for folder, path, fmt, expected in fixtures([DEV], None, "pdf"):
        total.add(score_fixture(path, expected, folder / "refs.bib", fmt))
    assert total.notes_total > 300
    assert total.notes_found == total.notes_total  # measured: 100 % (the pdfplumber reader found 53 %)
    assert total.f1 >= 0.995  # measured 0.999 over 50 documents (0.970 when this floor was first set)
    # measured 1,768 of 1,772 and 4 false alarms, all in three documents added in stop 29: OSCOLA's "77, 77" (the
    # article's first page, then the page cited, read as two pages), an "ebd." that biblatex printed in per-chapter
    # endnotes after another work (de-verbosetrad2-scrbook-enotez), and ru-verboseibid-scrbook, whose note broken
    # mid-word at a page's end ("кандидата техниче-") is not followed to the next page, and whose thesis addendum
    # ("Библиогр.: с. 220—230") splits a citation; 458 of 460 before a note stopped ending at a word broken at its
    # line's end. Stop 30's documents add two of each, both a repeat marker after a note citing two works (reported
    # as ambiguous by design, as in de-verbosetrad2-scrbook-enotez): uni-wtal-ger's "ebd." and ext-verbose-inote's
    # "Ibid.": 2,544 of 2,550 and 6 false alarms
    assert total.pages_ok >= total.pages_total - 6
    assert total.false_alarms <= 6


def test_accents_set_as_glyphs_of_their_own_are_composed_by_position() -> None:
    # pdfTeX with OT1 fonts sets "Ö" as "O" and a spacing diaeresis, which PDFium reads at the line's end
    folder = DEV / "en-verbose-article"
    assert json.loads((folder / "expected.json").read_text(encoding="utf-8"))["engine"] == "pdflatex"
    ms = parse_bytes((folder / "paper.pdf").read_bytes(), "paper.pdf", "pdf")
    text = " ".join(n.text for n in ms.notes)
    assert "Özge Aksın" in text
    assert "¨" not in text and "´" not in text


def test_notes_are_placed_on_pdf_pages() -> None:
    ms = parse_bytes((DEV / "en-verbose-article" / "paper.pdf").read_bytes(), "paper.pdf", "pdf")
    assert ms.position_kind == "page"
    pages = [n.line for n in ms.notes]
    assert pages == sorted(pages) and pages[0] == 1 and 1 < pages[-1] <= 8
    assert all(m.line == n.line for n in ms.notes for m in ms.markers if m.number == n.number)


def test_missing_pdfium_is_a_one_line_refusal(monkeypatch: pytest.MonkeyPatch) -> None:
    real_import = builtins.__import__

    def no_pdfium(name: str, *args, **kwargs):  # type: ignore[no-untyped-def]
        if name.startswith("pypdfium2"):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_pdfium)
    with pytest.raises(InputError, match=r"srccheck\[pdf\]") as error:
        parse_bytes((DEV / "en-verbose-article" / "paper.pdf").read_bytes(), "paper.pdf", "pdf")
    assert "\n" not in str(error.value)
