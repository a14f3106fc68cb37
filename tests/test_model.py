"""The records handed from stage to stage cannot be changed by a later stage."""

from __future__ import annotations

import dataclasses

import pytest

from srccheck.bibliography import parse_bibliography
from srccheck.manuscript.pdftext import read_pdf_text
from srccheck.model import Report, Resolved
from srccheck.pipeline import Options, check_loaded, resolve_manuscript, run_rules

TEXT = "Claim.1 More.2\n\n" + " " * 40 + "\n1 John Smith, The History of Things (London: Penguin, 2001), 12.\n" \
       "2 Jane Doe, Unknown Book, 4.\n"
BIB = "@book{smith2001, author={Smith, John}, title={The History of Things}, publisher={Penguin}, year=2001}\n"


def test_a_manuscript_and_a_report_are_frozen():
    manuscript = read_pdf_text(TEXT, "m.txt")
    report = check_loaded(manuscript, parse_bibliography(BIB), Options(language="en"))
    with pytest.raises(dataclasses.FrozenInstanceError):
        manuscript.notes = []  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        report.findings = []  # type: ignore[misc]


def test_the_report_is_made_once_from_the_resolution_and_the_rules():
    manuscript, bib = read_pdf_text(TEXT, "m.txt"), parse_bibliography(BIB)
    resolved = resolve_manuscript(manuscript, bib, Options(language="en"))
    assert type(resolved) is Resolved and not hasattr(resolved, "findings")
    report = check_loaded(manuscript, bib, Options(language="en"))
    assert isinstance(report, Report)
    assert [c.text for c, _ in report.citations] == [c.text for c, _ in resolved.citations]
    assert report.findings == run_rules(resolved, bib, Options(language="en"))
    assert any(f.rule == "unresolved-citation" and f.note == 2 for f in report.findings)


@pytest.mark.parametrize("args, label", [
    ((12,), "note 12"),
    ((14, 3, 2), "note 3 of chapter 2"),
    ((14, 3, 2, 7), "note 3 on page 7"),
    ((0,), "the text"),
])
def test_how_a_message_names_a_note(args: tuple, label: str) -> None:
    from srccheck.model import note_label

    assert note_label(*args) == label


def test_a_note_numbered_in_roman_numerals_is_named_so() -> None:
    from srccheck.model import note_label

    assert note_label(14, roman=True) == "note xiv"
    assert note_label(14, 3, 2, roman=True) == "note iii of chapter 2"
