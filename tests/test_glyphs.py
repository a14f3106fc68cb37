"""Glyph damage of extracted PDF text repaired (srccheck.manuscript.glyphs): accents set as glyphs of their own.

The damaged spellings are those real extractors gave on the real-pipeline PDFs (pdfminer on pdfLaTeX with OT1
fonts); the right spellings are the bibliographies' own."""

from __future__ import annotations

from srccheck.manuscript.glyphs import repair


def test_an_accent_before_its_letter_is_composed_with_it() -> None:
    assert repair("attach´e, G¨odel, S¸ahin") == "attaché, Gödel, Şahin"


def test_an_accent_pdfminer_put_after_its_letter_is_composed_with_that_letter() -> None:
    # tugboat.bib's "Sch{\"o}pf" read by pdfminer: the diaeresis after the o, where no "p̈" can be made
    assert repair("Mittelbach and Scho¨pf, “Towards LATEX 2.10”") == "Mittelbach and Schöpf, “Towards LATEX 2.10”"
    assert repair("Mu¨ller") == "Müller"


def test_a_backtick_opening_a_quotation_is_no_accent() -> None:
    assert repair("a `quote' and ``another''") == "a `quote' and ``another''"
