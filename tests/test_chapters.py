"""Numbering restarted per chapter in every format, on files the real tools made (tools/make_chapter_fixtures.sh):
Word sections that restart footnote numbering (pandoc's .docx), LibreOffice's "restart per chapter" (.odt saved
by LibreOffice), the PDF LibreOffice printed from it, and pdftotext's text of that PDF. Each note is
(chapter, number as printed); the answers (expected.json) come from the source, not from srccheck."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIX = ROOT / "tests" / "fixtures" / "chapters"
sys.path.insert(0, str(ROOT / "tools"))

from score_real import identity_of_expected, score_fixture  # noqa: E402

from srccheck.manuscript import parse_bytes  # noqa: E402

EXPECTED = json.loads((FIX / "expected.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name, fmt", [("chapters.docx", "docx"), ("chapters.odt", "odt"), ("chapters.pdf", "pdf"),
                                       ("chapters.pdftotext.txt", "text")])
def test_each_note_is_its_chapter_and_printed_number(name: str, fmt: str) -> None:
    ms = parse_bytes((FIX / name).read_bytes(), name, fmt)
    assert ms.numbering == "per-chapter"
    identities = [(n.chapter, n.printed) for n in ms.notes]
    assert identities == [identity_of_expected(EXPECTED)[i] for i in range(1, 9)]
    assert [n.number for n in ms.notes] == list(range(1, 9))  # the running index
    assert [(m.chapter, m.printed) for m in ms.markers] == identities  # each marker in its chapter
    score = score_fixture(FIX / name, EXPECTED, FIX / "refs.bib", fmt)
    assert (score.fn, score.fp, score.false_alarms) == (0, 0, 0)


def test_a_section_that_does_not_restart_continues_the_numbering() -> None:
    """The same .docx with the restart taken out of every section but the first: one sequence, 1 to 8."""
    import io
    import zipfile

    source = zipfile.ZipFile(FIX / "chapters.docx")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "word/document.xml":
                text = data.decode("utf-8")
                first = text.index('w:val="eachSect"') + 1
                text = text[:first] + text[first:].replace('w:val="eachSect"', 'w:val="continuous"')
                data = text.encode("utf-8")
            target.writestr(info, data)
    ms = parse_bytes(out.getvalue(), "continuous.docx", "docx")
    assert ms.numbering == "continuous"
    assert [(n.number, n.chapter) for n in ms.notes] == [(i, 0) for i in range(1, 9)]
