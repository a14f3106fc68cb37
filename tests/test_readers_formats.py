"""One manuscript in five formats (made by pandoc and LibreOffice, see tools/make_format_fixtures.sh)
gives the same notes, keys, pages and findings; PDF specifics; hostile files through the CLI."""

from __future__ import annotations

import json
import zipfile

import pytest
from click.testing import CliRunner
from conftest import ROOT, only_report

from srccheck.bibliography import load_bibliography
from srccheck.cli import main
from srccheck.errors import InputError
from srccheck.manuscript import parse_bytes, read_manuscript
from srccheck.pipeline import check_loaded

FIX = ROOT / "tests" / "fixtures" / "formats"
FORMATS = ["md", "docx", "odt", "tex", "pdf"]
POSITION = {"md": "line", "tex": "line", "docx": "paragraph", "odt": "paragraph", "pdf": "page"}


def _summary(suffix: str):  # type: ignore[no-untyped-def]
    ms = read_manuscript(str(FIX / f"article.{suffix}"))
    report = check_loaded(ms, load_bibliography(str(FIX / "article.bib")))
    notes = [(n.number, n.text.replace("\u2019", "'").replace("“", '"').replace("”", '"')) for n in ms.notes]
    cites = [(c.note, r.key, c.written_ranges) for c, r in report.citations]
    findings = sorted((f.rule, f.note, f.key) for f in report.findings)
    return ms, notes, cites, findings


def test_all_formats_of_one_manuscript_agree():
    _, notes, cites, findings = _summary("md")
    assert len(notes) == 12
    assert ("page-out-of-range", 10, "karabekir1960istiklal") in findings
    assert ("unused-entry", None, "gokay1997clash") in findings
    assert all(key for _, key, _ in cites)
    for suffix in FORMATS[1:]:
        ms, other_notes, other_cites, other_findings = _summary(suffix)
        assert ms.position_kind == POSITION[suffix]
        assert [n for n, _ in other_notes] == [n for n, _ in notes], suffix
        assert other_notes == notes, suffix
        assert other_cites == cites, suffix
        assert other_findings == findings, suffix


def test_every_note_has_its_marker_and_a_position():
    for suffix in FORMATS:
        ms = read_manuscript(str(FIX / f"article.{suffix}"))
        assert [m.number for m in ms.markers] == list(range(1, 13)), suffix
        assert all(n.marker_line is not None and n.line >= 1 for n in ms.notes), suffix


def test_pdf_pages_come_from_the_pdf():
    ms = read_manuscript(str(FIX / "pages.pdf"))
    assert ms.position_kind == "page"
    assert [(n.number, n.page) for n in ms.notes] == [(1, 1), (2, 1), (3, 1), (4, 2), (5, 2), (6, 3), (7, 3), (8, 3)]
    assert [(m.number, m.line) for m in ms.markers] == [(n, p) for n, p in [(1, 1), (2, 1), (3, 1), (4, 2), (5, 2),
                                                                              (6, 3), (7, 3), (8, 3)]]
    long_note = ms.notes[4]
    assert long_note.text.startswith("Ali Fuat Cebesoy, Moskova Hatıraları") and len(long_note.text) > 3000
    assert ms.unmatched_markers == []  # the years and dates in the body are not marks


def test_encrypted_pdf_is_a_one_line_error():
    with pytest.raises(InputError, match="encrypted"):
        read_manuscript(str(FIX / "encrypted.pdf"))


def _pdf(content: bytes) -> bytes:
    """A one-page PDF drawing `content` (no font, so no text layer), with a correct xref table."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R >>",
               b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream"]
    out = b"%PDF-1.4\n"
    offsets = []
    for i, obj in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + obj + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return out


def test_image_only_pdf_is_a_one_line_error():
    with pytest.raises(InputError, match="no text layer"):
        parse_bytes(_pdf(b"0 0 1 rg 10 10 180 180 re f"), "scan.pdf")


def test_damaged_pdf_is_a_one_line_error():
    with pytest.raises(InputError, match="cannot read the PDF"):
        parse_bytes(b"%PDF-1.4\n" + b"\x00garbage" * 100, "bad.pdf")


# --- through the command line: exit 2 and one line on stderr ------------------------------------

def _run(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, ["check", *args])


def _one_line_exit_2(result, needle: str) -> None:  # type: ignore[no-untyped-def]
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    lines = [line for line in result.stderr.splitlines() if line.strip() and not line.startswith("Try")]
    assert len(lines) == 1 and needle in lines[0], result.stderr


@pytest.fixture
def bib() -> str:
    return str(FIX / "article.bib")


def test_cli_reads_every_format(bib):
    for suffix in FORMATS:
        result = _run(str(FIX / f"article.{suffix}"), "--bib", bib, "--format", "json")
        assert result.exit_code == 1, (suffix, result.output)  # the two page-out-of-range errors
        data = only_report(json.loads(result.stdout))
        assert len(data["notes"]) == 12


def test_cli_takes_the_bibliography_the_manuscript_names():
    for suffix in ("md", "tex"):
        result = _run(str(FIX / f"article.{suffix}"), "--format", "json")
        assert result.exit_code == 1, result.output
        assert "karabekir1960istiklal" in {s["key"] for s in only_report(json.loads(result.stdout))["sources"]}


def test_cli_hostile_files(tmp_path, bib):
    fake = tmp_path / "fake.docx"
    fake.write_text("not a zip at all")
    _one_line_exit_2(_run(str(fake), "--bib", bib), "not a Word")

    bomb = tmp_path / "bomb.docx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        zf.writestr("word/document.xml", b"<" + b" " * (65 * 1024 * 1024))
    _one_line_exit_2(_run(str(bomb), "--bib", bib), "zip bomb")

    evil = tmp_path / "evil.docx"
    with zipfile.ZipFile(evil, "w") as zf:
        zf.writestr("word/document.xml", "<w:document/>")
        zf.writestr("../../etc/evil", "x")
    _one_line_exit_2(_run(str(evil), "--bib", bib), "outside the package")

    _one_line_exit_2(_run(str(FIX / "encrypted.pdf"), "--bib", bib), "encrypted")

    scan = tmp_path / "scan.pdf"
    scan.write_bytes(_pdf(b"0 0 1 rg 10 10 180 180 re f"))
    _one_line_exit_2(_run(str(scan), "--bib", bib), "no text layer")

    tex = tmp_path / "open.tex"
    tex.write_text("\\begin{document}\nText.\\footnote{never closed {\n\\end{document}\n")
    _one_line_exit_2(_run(str(tex), "--bib", bib), "unbalanced braces")
