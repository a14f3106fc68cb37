"""The real-pipeline fixtures (tests/realpipe/dev): text that real extractors took from PDFs that LaTeX and
LibreOffice typeset, answers from the generator's plan. The hold-out set (tests/realpipe/holdout) is not read
here: it is measured once, at the end of the work it judges. Floors are the figures measured when they were set."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

from score_real import Result, fixtures, score_fixture  # noqa: E402

from srccheck.manuscript import parse_bytes  # noqa: E402


def _every_text(name: str, folder_set: str = "dev") -> list[tuple[str, Result]]:
    """(extractor file, score) for every extracted text of one real-pipeline document."""
    folder = ROOT / "tests" / "realpipe" / folder_set / name
    return [(path.name, score_fixture(path, expected, folder / "refs.bib", fmt))
            for _, path, fmt, expected in fixtures([folder], None, "text")]


def _scored(name: str, extractor: str, folder_set: str = "dev") -> Result:
    """The score of one extracted text of one real-pipeline document."""
    folder = ROOT / "tests" / "realpipe" / folder_set / name
    (_, path, fmt, expected), = [f for f in fixtures([folder], None, "text") if f[1].name == extractor]
    return score_fixture(path, expected, folder / "refs.bib", fmt)


def test_text_reader_finds_the_notes_of_real_extractions() -> None:
    total = Result()
    for folder, path, fmt, expected in fixtures([ROOT / "tests" / "realpipe" / "dev"], None, "text"):
        total.add(score_fixture(path, expected, folder / "refs.bib", fmt))
    assert total.notes_total > 1500
    # measured 98.8 % and F1 0.991 with stop 29's development documents, among them a LuaLaTeX two-column one that
    # pdfminer and pdftotext's default and -layout orders read across the columns (98.9 % and 0.994 before them;
    # 98.4 % and 0.980 before the book, two-column and run-on repairs of stop 28; 96.9 % and 0.958 before the
    # footnote numbers moved)
    assert total.notes_found / total.notes_total >= 0.985
    assert total.f1 >= 0.99


def test_libreoffice_footnotes_in_pdftotexts_default_order() -> None:
    # pdftotext's default order puts each footnote number of a LibreOffice page after its note's paragraph, or
    # bunched before it; read as note starts where they stand, every note took its neighbour's text (F1 0.15
    # and 0.49 on these two documents)
    for folder, path, fmt, expected in fixtures([ROOT / "tests" / "realpipe" / "dev"], None, "text"):
        if expected.get("typesetter") != "libreoffice" or path.name != "pdftotext.txt":
            continue
        result = score_fixture(path, expected, folder / "refs.bib", fmt)
        assert result.notes_found == result.notes_total, folder.name
        assert result.f1 >= 0.98, (folder.name, result.f1)  # measured 0.982 to 1.000 (0.935 before the column fix)


def test_latex_footnote_numbers_pdftotext_moved_to_the_pages_end() -> None:
    # pdftotext's default order takes one footnote number of some LaTeX pages out of its place and puts it
    # after the page's last note; these three documents lost 2-4 notes each to it (F1 0.78-0.93)
    # (en-extauthortitleibid-book: the book's page numbers head their pages, run into the running head
    # "4CHAPTER 1. PORTS, CONSULS …", so the moved "5" at a page's end was taken for that page's number)
    for name in ("de-arthistorybonn-scrartcl", "en-authortitleibid-report", "en-extverbose-scrartcl",
                 "en-extauthortitleibid-book"):
        folder = ROOT / "tests" / "realpipe" / "dev" / name
        (_, path, fmt, expected), = [f for f in fixtures([folder], None, "text") if f[1].name == "pdftotext.txt"]
        result = score_fixture(path, expected, folder / "refs.bib", fmt)
        assert result.notes_found == result.notes_total, name
        assert result.f1 == 1.0, (name, result.f1)


def test_note_lines_beside_note_numbers_alone_are_not_running_heads() -> None:
    # notes whose number stands alone on its line: every line next to one was taken as next to a page number,
    # and three continuation lines alike in shape ("1997), S. 18–24, hier S. 18.") as a running head, dropped
    for name, extractor, pages in (("de-footnotedw-scrbook", "pdftotext-layout.txt", 0.96),  # 32 of 33 (26 before)
                                   ("en-extverbose-scrartcl", "pdftotext-raw.txt", 1.0)):
        folder = ROOT / "tests" / "realpipe" / "dev" / name
        (_, path, fmt, expected), = [f for f in fixtures([folder], None, "text") if f[1].name == extractor]
        result = score_fixture(path, expected, folder / "refs.bib", fmt)
        assert result.pages_ok / result.pages_total >= pages, (name, result.pages_ok, result.pages_total)


def test_cross_references_of_a_book_numbered_per_chapter() -> None:
    # biblatex-dw's "(wie Anm. 9)" in chapter 3 means note 9 of chapter 3; it was read as the book's ninth note
    result = _scored("de-footnotedw-scrbook", "pypdf.txt")
    assert (result.fn, result.fp, result.false_alarms) == (0, 0, 0)  # 1, 1 and 1 before


def test_a_pages_first_footnote_before_its_number() -> None:
    # pdftotext -layout gave two pages' first footnotes as " Necati Özgüven, …" / "13" / "" / "Kurumu, 1997, p. 2.":
    # note 13 was read as "Kurumu, 1997, p. 2." and its first line went to the note before (F1 0.929)
    result = _scored("tr-istanbul-docx", "pdftotext-layout.txt")
    assert (result.fn, result.fp, result.false_alarms) == (0, 0, 0)


def test_a_number_after_a_notes_last_line_stays_where_it_is() -> None:
    from srccheck.manuscript.notelayout import prepare

    # the shape above, but the line before the number is the end of note 12 (not indented as a first line is)
    # and the text after the blank line is note 13's first line: nothing moves
    text = "Body.12 Body.13\n\n12\n Aydın, Tarih, s. 4.\nsee also s. 5.\n13\n\n Kaya, Liman, s. 9.\n"
    assert [ln.text for ln in prepare(text)] == ["Body.12 Body.13", "12", " Aydın, Tarih, s. 4.", "see also s. 5.",
                                                 "13", " Kaya, Liman, s. 9."]
    moved = "Body.12 Body.13\n\n12\n Aydın, Tarih, s. 4.\n\n Kaya, Liman, Ankara,\n13\n\nTürk Tarih Kurumu, s. 9.\n"
    assert [ln.text for ln in prepare(moved)][-2:] == ["13 Kaya, Liman, Ankara,", "Türk Tarih Kurumu, s. 9."]


def test_a_number_moved_down_after_a_number_set_on_the_bodys_last_line() -> None:
    # "…followed these de5" / "Goossens … (n 4) 80." / "Dilip Parameshwar Gaonkar, …" / "7" / … / "6": note 5's number
    # ends the body's last line, so note 6's number, moved after the page's last note, had no earlier bare neighbour
    for name in ("en-oscola-article", "en-verbose-article"):  # F1 0.966 and 0.967 before
        folder = ROOT / "tests" / "realpipe" / "dev" / name
        (_, path, fmt, expected), = [f for f in fixtures([folder], None, "text") if f[1].name == "pdftotext.txt"]
        result = score_fixture(path, expected, folder / "refs.bib", fmt)
        assert (result.fn, result.fp, result.false_alarms) == (0, 0, 0), name


def test_a_column_of_endnote_numbers_opening_a_page() -> None:
    # the page of endnotes begins "1 / 2 / 3 / 4" then their four first lines; the form feed before "1" kept it out
    # of the column, so 2, 3, 4 took the first three lines and note 1 was the chapter heading "1. Häfen, …"
    result = _scored("de-heilmann-odt-endnotes", "pdftotext.txt")
    assert (result.fn, result.fp, result.false_alarms) == (0, 0, 0)  # F1 0.935 before


def test_a_marker_on_a_body_line_run_into_a_note() -> None:
    # pdftotext ran a page's last body line into the line of a note continued beside it ("were incomplete.18
    # Exports from the port of Smyrna fell markedly befree mathematical software”. In: TUGboat …"): the line was
    # read as the note's, and note 18 was reported without a marker. Every \footnote of the source has one.
    folder = ROOT / "tests" / "realpipe" / "dev" / "en-extverbose-scrartcl"
    manuscript = parse_bytes((folder / "pdftotext.txt").read_bytes(), "pdftotext.txt", "text")
    expected = len(json.loads((folder / "expected.json").read_text(encoding="utf-8"))["notes"])
    assert len(manuscript.notes) == expected
    assert [n.number for n in manuscript.notes if n.marker_line is None] == []
    # the marker is on the run-on line, the one holding "incomplete.18"
    lines = (folder / "pdftotext.txt").read_text(encoding="utf-8").split("\n")
    assert "incomplete.18" in lines[manuscript.notes[17].marker_line - 1]


def test_a_note_whose_quotation_goes_on_at_the_next_pages_foot() -> None:
    # oxnotes: note 4 breaks inside its quoted title ("“Cramming more components onto integrated") and goes on
    # at the foot of the next page ("circuits”, Electronics, 38/8 (1965), 114–7 at 114."), under a body line that
    # ends mid-sentence too; the closing quote tells the note from the body (its page 114 was lost before)
    for extractor in ("pdftotext-raw.txt", "pdftotext-layout.txt"):
        result = _scored("en-oxnotes-article", extractor)
        assert result.pages_ok == result.pages_total, (extractor, result.pages_ok, result.pages_total)


def test_a_number_inside_a_link_is_no_marker() -> None:
    # Chicago notes in Italian with TUGboat links: "…/TUGboat/tb17-2/tb51mens.pdf, p. 161; Bujdosó e Wettl," held
    # "17" glued to a letter, taken for note 17's body marker, so the line was read as body inside note 15 and the
    # note lost its first citation (F1 0.982 on every extractor)
    for name, result in _every_text("it-chicago-odt"):
        assert result.f1 == 1.0, (name, result.f1)


def test_a_one_line_note_that_ended_goes_on_on_no_other_page() -> None:
    # pdftotext -layout of a Spanish report: note 1 ("Nietzsche, The Will to Power, pág. 46.") alone at the foot
    # of page 1; the last body lines of page 2 ("forma marcada entre 1898 y 1903.") were read as that note carried
    # over, and its page was lost. A typesetter splits a note between its lines, so a note of one line that ended
    # its sentence does not go on.
    result = _scored("es-authortitleibid-report", "pdftotext-layout.txt")
    assert result.pages_ok == result.pages_total, (result.pages_ok, result.pages_total)


def test_a_pages_first_note_number_moved_below_the_next_one() -> None:
    # pdftotext's default order of a Turkish scrbook page: "meldir." (note 8 going on) / "Özgüven, Osmanlı Maliye
    # Tarihi, ss. 310, 313." / "10" / "Bu kısım …" / "9": note 9's number, moved below note 10, goes back in front
    # of the sentence begun before note 10 (note 9 of chapter 3 was missing, its text given to note 8)
    folder = ROOT / "tests" / "realpipe" / "dev" / "tr-authortitleibid-scrbook"
    expected = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
    manuscript = parse_bytes((folder / "pdftotext.txt").read_bytes(), "pdftotext.txt", "text")
    starts = expected["chapter_starts"]
    nine = next(n for n in manuscript.notes if n.chapter == 3 and n.printed == 9)
    assert nine.text.startswith("Özgüven, Osmanlı Maliye Tarihi, ss. 310, 313.")
    assert expected["notes"][str(starts[2] + 8)][0]["key"] == "ozguven_osmanli_1994"  # the truth: that is note 9


def test_a_pages_first_note_run_on_from_a_body_line_that_goes_on_overleaf() -> None:
    # pdftotext's default order of a LibreOffice page: the page's body, then its first note with no blank line
    # between, its number after it; the body's last line ends mid-sentence ("… В этот период губернатор провинции" /
    # "Пономаренко и Меликов, «Ситуационное …» / "потока», p. 80." / "13"), so note 13 began at the page's top and
    # its citation was lost in the body's words
    result = _scored("ru-chicago-docx", "pdftotext.txt")
    assert result.f1 == 1.0 and result.fa_per_1k == 0.0, (result.f1, result.fa_per_1k)


def test_a_note_carried_over_below_a_body_line_that_ended_its_sentence() -> None:
    # Turkish verbose-trad2: note 11 breaks off ("…; Dubé ve Marchand, ?La Banque") and goes on at the next page's
    # foot ("impériale ottomane?, atıf yap. çal., ss. 175–181."), right under a body line ending "…göndermiş-|tir.";
    # a line starting with a small letter after a sentence's end goes on something else than the body
    for extractor in ("pdftotext-raw.txt", "pdftotext.txt", "pypdf.txt"):
        result = _scored("tr-verbosetrad2-report", extractor)
        assert result.pages_ok == result.pages_total, (extractor, result.pages_ok, result.pages_total)


def test_a_number_under_a_body_line_that_broke_a_word_goes_on_a_note() -> None:
    # Russian authortitle-ibid, pdftotext -raw: note 14 ends "…, с. 242," at a page's foot and goes on at the next
    # page's ("245."), right under a body line that broke a word ("…Бюджет 1889 года преду-"): what follows a broken
    # word goes on that word, so a line starting with a digit there is not the body
    result = _scored("ru-authortitleibid-article", "pdftotext-raw.txt")
    assert result.pages_ok == result.pages_total, (result.pages_ok, result.pages_total)


def test_a_number_inside_a_link_broken_at_a_lines_end_is_no_marker() -> None:
    # "url: https :" / "//tug.org/TUGboat/tb08-2/tb18gendel.pdf, p. 101.": the link's rest on the next line held
    # "08" glued to a letter, taken for note 8's marker, and the line for body: note 5 lost its page
    for extractor in ("pdftotext-raw.txt", "pypdf.txt"):
        result = _scored("en-verbosetrad1-twocolumn", extractor)
        assert result.pages_ok == result.pages_total, (extractor, result.pages_ok, result.pages_total)


def test_endnotes_per_chapter_under_their_headings_and_a_numbered_list_before() -> None:
    # memoir with enotez, notes per chapter at the end under "Remarques" / "Remarques aux chapitre 1": the body's
    # numbered list ("1. le ravitaillement des villes côtières ;") was read as the first chapter's notes, and every
    # note after it took the next chapter's number (notes 60.7 %, F1 0.10 on every extractor). The document is of
    # the stop-29 hold-out, measured once before this fix and spent since: a regression test now.
    for name, result in _every_text("fr-extverbosetrad1-memoir", "holdout-s29"):
        assert result.notes_found == result.notes_total, (name, result.notes_found, result.notes_total)
        assert result.f1 >= 0.98, (name, result.f1)


def test_endnotes_per_chapter_after_bodies_with_numbered_lists() -> None:
    # German scrbook with enotez endnotes per chapter ("Anmerkungen" / "Anmerkungen zu Kapitel 1" …), each
    # chapter's body with a numbered list: the lists were read as the first chapters' notes (notes 53 %, F1 0.00
    # on every extractor); a heading that opens each chapter's notes with a note 1 settles where the notes are
    for name, result in _every_text("de-verbosetrad2-scrbook-enotez"):
        assert result.notes_found == result.notes_total, (name, result.notes_found, result.notes_total)
        assert result.f1 >= 0.96, (name, result.f1)  # measured 0.969: biblatex's own "ebd." after another work


def test_a_running_head_naming_the_notes_is_no_endnotes_heading() -> None:
    # scrbook with the endnotes package: KOMA's running head "NOTES" tops pages of body and notes alike; taken for
    # the notes' heading, it hid the real one ("Notes"), the chapter headings ("1 I. Ports, consuls et crédit")
    # became notes 1 and 2 and every body sentence of their chapters a citation (594-656 false alarms per 1,000)
    for name, result in _every_text("fr-verbose-scrbook-endnotes"):
        assert result.f1 == 1.0 and result.false_alarms == 0, (name, result.f1, result.false_alarms)


def test_a_notes_last_line_by_the_page_number_is_no_running_head() -> None:
    # authortitle endnotes per chapter (enotez): "8. Damrau et Wester, « Form letters … »," then "p. 512." by the
    # page number; three such lines ("p. 512.", "p. 423.", "p. 513.") at page edges looked like a running head
    # that comes back page after page, and their notes lost their pages (pages 0.903 on four extractors)
    for name, result in _every_text("fr-authortitle-report"):
        assert result.pages_ok == result.pages_total, (name, result.pages_ok, result.pages_total)


def test_libreoffice_note_numbers_after_a_body_paragraph_and_a_chicago_note_without_quotes() -> None:
    # pdftotext's default order of LibreOffice pages: a page's first note ("Kars vilayetinde … yazısı, 1926, 144;
    # David R. Ellison …, The Straits Question … (Routledge, 1998), 127.") ran on from the body's last line and was
    # not told from it (no quotation mark, no range: its year closing a bracket now reads as a citation's); and a
    # number ending a paragraph of body alone ("… pour ce poste.8 … pour ce" / "8") is the next paragraph's, not
    # its own (note 8 had no marker). F1 0.963 and 71 false alarms per 1,000; de-annales-docx 36 per 1,000.
    for name in ("fr-chicago-docx", "de-annales-docx"):
        result = _scored(name, "pdftotext.txt")
        assert result.f1 == 1.0 and result.false_alarms == 0, (name, result.f1, result.false_alarms)


def test_endnote_headings_that_name_the_chapter_first() -> None:
    # Turkish enotez headings put the chapter first ("Notlar" / "Bölüm 1 notlar" / "Bölüm 2 notlar"): not read as
    # headings, "Bölüm 2 notlar" was taken for body, chapter 1's markers ran to it and chapter 2 found none of its
    # fourteen (633 false alarms per 1,000 on every extractor). The document's texts are in holdout/ (memoir).
    folder = ROOT / "tests" / "realpipe" / "holdout" / "tr-ufgmuensterverbose-memoir"
    for path in sorted(folder.glob("*.txt")):
        ms = parse_bytes(path.read_bytes(), str(path), "text")
        assert len(ms.notes) == 28, path.name
        unmarked = [(n.chapter, n.printed) for n in ms.notes if n.marker_line is None]
        assert len(unmarked) <= 1, (path.name, unmarked)  # pdfminer: one marker glued beyond reach


def test_a_note_going_on_overleaf_closes_the_bracket_it_left_open() -> None:
    # oxnotes-trad2, book: note 2 breaks after "(Bloomington : Indiana University" and goes on overleaf below the
    # body with "Press, 1985), 336-42 ; Debra A. Castillo, « Beckett's Metaphorical"; that line was taken for body,
    # and the note's second citation with it (F1 0.981 on five extractors)
    for name, result in _every_text("fr-oxnotestrad2-book"):
        assert result.f1 == 1.0, (name, result.f1)


def test_a_notes_line_below_a_body_line_that_broke_a_word() -> None:
    # german-legal-book: the body's last line on the page breaks a word ("… berichtete re-", going on overleaf), and
    # note 8 goes on below it with "Türkmen/Artok /Çetinkaya u. a., J. Organomet. Chem. 2006, 3027": a capital after
    # a broken word that reads as a citation ("u. a." now counts as a citation's mark) is no body going on. Its page
    # was lost on six extractors (pdftotext's default order sets that line elsewhere: left)
    for name, result in _every_text("de-germanlegalbook-article"):
        if name != "pdftotext.txt":
            assert result.pages_ok == result.pages_total, (name, result.pages_ok, result.pages_total)


def test_a_word_with_a_digit_in_a_note_is_no_marker_where_the_marker_stands_elsewhere() -> None:
    # historische-zeitschrift: note 1's second line "2014. 26–30, 28–29; Vgl. LaTeX3 Project Team, Modifying L" was
    # taken for body because "LaTeX3" looked like note 3's marker, glued to a word, although the numbering had found
    # marker 3 in the body; note 1 lost its second citation (F1 0.915 on every extractor). The document is of the
    # stop-30 hold-out, measured once before this fix and spent since: a regression test now.
    for name, result in _every_text("de-historischezeitschrift-scrartcl", "holdout-s30"):
        assert result.f1 == 1.0 and result.false_alarms == 0, (name, result.f1, result.false_alarms)


def test_a_running_head_in_small_letters_with_the_chapters_number_is_not_a_note() -> None:
    # KOMA-Script's page head "3 3. Nach Mudros 1918-1923" (the chapter's number, then its mark) stands beside the
    # page number on the chapter's pages; in the endnotes of chapter 2 it came where note 3 was due and was read as
    # note 3, the real note 3 then a duplicate with no marker (two false alarms on every extractor)
    for name, result in _every_text("de-verbosetrad2-scrbook-enotez"):
        wrong = [p for p in result.problems if "duplicate-note-number" in p or "note-without-marker" in p]
        assert result.notes_found == result.notes_total and wrong == [], (name, wrong)


def test_a_running_head_between_pages_that_no_form_feed_marks_is_a_pages_edge() -> None:
    # pypdf joins pages without a form feed; "4CHAPITRE 1. I. PORTS, CONSULS ET CRÉDIT, 1908-1914" (the page number
    # glued to scrbook's head) was the only sign of a new page, so the body after it read as the note before it
    # going on, and the markers in that body were lost (9 notes without a marker in fr-oxnotestrad2-book, 6 in
    # fr-extauthoryearibid-book)
    for name in ("fr-oxnotestrad2-book", "fr-extauthoryearibid-book"):
        result = _scored(name, "pypdf.txt")
        assert result.false_alarms == 0 and result.pages_ok == result.pages_total, (name, result.problems)


def test_a_marker_four_notes_on_where_the_numbering_put_it_is_body() -> None:
    # a page whose first note is carried over from the page before holds markers 3 to 6 in its body, then the
    # carried-over text, then notes 3 to 6: "…по-разному.6", the body's last line, was read as note 2 going on,
    # because only markers up to three notes on were looked for (note 6 of chapter 2 without a marker)
    for extractor in ("pdftotext-raw.txt", "pdftotext-layout.txt"):
        result = _scored("ru-authortitleibid-book", extractor)
        assert result.false_alarms == 0, (extractor, result.problems)


def test_a_footnote_starts_on_its_markers_page_not_in_a_numbered_list_on_the_next() -> None:
    # pdftotext's default order glued note 1's number to the page's last body line ("…sensibil1"), so its start was
    # a weak one, and the body's numbered list on the next page ("1. l’approvvigionamento …") took the place of
    # note 1, whose citations were lost. Footnotes start on their marker's page: that start now reads better.
    result = _scored("it-verbosetrad3-book", "pdftotext.txt")
    assert result.f1 == 1.0 and result.pages_ok == result.pages_total, result.problems


def test_a_note_number_moved_onto_the_end_of_the_pages_last_note_goes_back() -> None:
    # pdftotext's default order took note 2's number out of its place and glued it to the page's last note line
    # ("… 1902 daha muhte2", then the page number): notes 1 and 2 read as one, note 2 missing
    result = _scored("tr-authortitleibid-scrbook", "pdftotext.txt")
    assert result.notes_found == result.notes_total and result.f1 == 1.0 and result.false_alarms == 0, \
        result.problems


def test_the_pages_last_note_number_moved_down_to_the_page_number_goes_back() -> None:
    # pdftotext's default order put the page's last note number below its note, just above the page number
    # ("1 / See Richer, …, 487. / John D. Hobby …, 125. / 2 / 6"): notes 1 and 2 read as one, note 2 missing.
    # Both documents are of spent hold-outs (stop 29, stop 28), regression tests now.
    for name, folder in (("en-windycity-report", "holdout-s29"), ("en-verbosenote-book", "holdout-s28")):
        result = _scored(name, "pdftotext.txt", folder)
        assert result.notes_found == result.notes_total and result.f1 == 1.0, (name, result.problems)


def test_two_columns_of_notes_given_right_column_first_are_put_in_order() -> None:
    # pdftotext's default order gives some two-column pages' notes right column first ("8 … 15 / 1 … 7"); only three
    # runs or more were put back in order, so two were read as one run and the other lost
    assert _scored("es-verboseibid-twocolumn", "pdftotext.txt").f1 >= 0.98
    # (with a wrapped page number, "205. issn: …", between two of a run's notes, which must not cut the run)
    result = _scored("en-verbosetrad1-twocolumn", "pdftotext.txt")
    assert result.notes_found == result.notes_total and result.f1 >= 0.98, result.problems  # 14 of 30 notes before


def test_endnotes_of_two_chapters_on_one_page_keep_their_order() -> None:
    # "… 13. / 14. / Note per il capitolo 2 / 1. … 7.": two runs, but a chapter's heading between them, which the
    # Italian grammar did not know ("per il capitolo"): they must not be swapped (a spent hold-out, regression test)
    for name, result in _every_text("it-authortitleicomp-report", "holdout-s30"):
        assert result.notes_found == result.notes_total and result.f1 == 1.0, (name, result.problems)


def test_a_reference_to_an_earlier_note_takes_the_work_whose_surname_it_spells() -> None:
    # "Селиков и др., см. сн. 2" after a note citing works of Селиков and of Меликов: both surnames fit within the
    # fuzzy bound and the citation was called ambiguous (the stop-31 hold-out, measured once and spent since)
    result = _scored("ru-verboseinote-book", "pdftotext-raw.txt", "holdout-s31")
    assert not [p for p in result.problems if "см. сн. 2" in p], result.problems


def test_a_running_head_holds_no_marker() -> None:
    # pdfminer's "10CAPÍTULO3. III.DESPUÉSDEMUDROS,1918-1923": its "3" glued to a word counted as marker 3, which a
    # numbered list's "3. la recaudación …" below it took, and the real note 3 read as a duplicate
    result = _scored("es-verbosetrad2-book", "pdfminer.txt")
    assert result.false_alarms == 0, result.problems


def test_the_next_pages_last_body_line_is_not_a_note_carried_over() -> None:
    # "Sheldon Glashow, …, 579–88 at 582." ends its page's notes, a sentence ended short of the full width; the next
    # page's last body line ("meeting of April 14, 1915, without result.") was read as that note carried over to
    # the foot, its "14" a volume disagreeing with the entry's 22 and page 582 lost
    for name, result in _every_text("en-oxnotesinote-book"):
        assert result.pages_ok == result.pages_total and result.false_alarms == 0, (name, result.problems)


def test_a_note_carried_over_takes_the_line_that_ends_its_broken_word() -> None:
    # note 5 ends its page with "кандидата техниче-"; the next page's foot starts "ских наук. … 212 с., с. 50." right
    # after the body's "В этот период гу-": the line went on the body's broken word, and page 50 was lost. The
    # letters around the join ("ическ") are the document's, those of "гу|ских" are not.
    for name in ("pypdf.txt", "pdftotext-raw.txt", "pdfminer.txt"):
        result = _scored("ru-verboseibid-scrbook", name)
        assert not any(note == (1, 5) for note, _, _ in result.misses), (name, result.misses)


def test_a_note_left_open_takes_the_next_pages_line_a_broken_body_word_cannot_end() -> None:
    # note 2 of chapter 3 ends its page with "…; Василенко,"; the next page's foot starts "см. сн. 6, с. 69." right
    # after the body's "консул в Тра-", and went on that word: the second citation of the note was lost
    for name in ("pypdf.txt", "pdftotext-raw.txt", "mutool.txt"):
        result = _scored("ru-verboseinote-book", name, "holdout-s31")
        assert not any(note == (3, 2) for note, _, _ in result.misses), (name, result.misses)


def test_pdfminers_glued_chicago_notes_are_spaced_again() -> None:
    # pandoc's own PDF (Markdown through LuaLaTeX, Chicago notes) read by pdfminer without spaces: a quotation
    # glued to the comma before it ("Wilson,“Glisterings,”22–24"), a sentence of little words and two unknown ones
    # ("Thefiguresgiventheredifferfromtheconsularreturnsof1924"), a link glued to the next author
    # (".pdf;PhilipTaylor,“ANestable…"), "“TeXinEurope" cut as "Te Xin" past its opening quote
    result = _scored("en-chicago-pandoc", "pdfminer.txt")
    assert result.false_alarms == 0 and result.pages_ok == result.pages_total, result.problems


@pytest.mark.parametrize("name", ["de-authortitleibid-scrartcl-para", "en-verbose-article-para"])
def test_paragraph_footnotes_are_cut_apart(name: str) -> None:
    # footmisc's para option runs a page's notes on in one paragraph ("…p. 284. 2 Kullback, Information The-"; the
    # number alone at a line's end in pdftotext -raw; "pp. 584–" / "585. 19 Glashow" a range wrapped, not note 585):
    # 3 and 6 of 26 notes were read
    extractors = ["pypdf.txt", "pdftotext-raw.txt", "pdfminer.txt"]
    if name.startswith("de-"):
        # pdftotext's default order: the page's first number alone ("1" / "" / "Eckermann, …"), or glued to the body's
        # last word ("…Entwicklungen auf7"), and a year or a quantity at a line's start ("800 Flüchtlingen") no note
        extractors += ["pdftotext.txt", "pdftotext-layout.txt"]
    for extractor in extractors:
        result = _scored(name, extractor)
        assert result.notes_found == result.notes_total and result.f1 == 1.0, (extractor, result.problems)


def test_a_note_number_raised_between_the_halves_of_a_wrapped_range_goes_after_them() -> None:
    # pdftotext's default and -layout orders of paragraph footnotes: "pp. 579–" / "11" / "588, p. 586.   Glashow, …":
    # note 11 was lost and its text read as note 10's (measured 0.868 before, 0.982 after: one page still lost)
    for extractor in ("pdftotext.txt", "pdftotext-layout.txt"):
        result = _scored("en-verbose-article-para", extractor)
        assert result.notes_found == result.notes_total and result.f1 >= 0.98, (extractor, result.problems)


def test_paragraph_footnotes_numbered_with_a_full_stop_beside_markers_after_a_space() -> None:
    # verbose-trad2 in French: the notes run on as "p. 163. 3. Peter Flynn …" while the body sets its markers after
    # a space ("réfugiés. 2 Près de 68 %"); a note runs on written as the notes that start a line are
    # (holdout-s35para, spent: measured 0.393 and 0.157 before, 0.969 and 0.852 after); and pypdf drops the space
    # before such a number ("…consulaires de 1905.10. Seyfarth"), while the page's only note shows how they are
    # numbered ("1. Anonymous", before the page number "1" alone): 1.000 on both
    for extractor in ("pdftotext.txt", "pypdf.txt", "pdfminer.txt"):
        result = _scored("fr-verbosetrad2-report-para", extractor, "holdout-s35para")
        assert result.f1 == 1.0 and result.false_alarms == 0, (extractor, result.problems)


def test_endnotes_numbered_i_ii_iii_are_read() -> None:
    # LibreOffice's default endnote numbering (Word's too): "…betont.i Am 22. Oktober" / "i Szillat, Horst: …";
    # one note of 28 was read, and the check passed without an error
    for name, result in _every_text("de-heilmann-odt-roman"):
        assert result.notes_found == result.notes_total and result.f1 == 1.0, (name, result.problems)


@pytest.mark.parametrize("name", ["en-verbose-article-perpage", "de-footnotedw-scrartcl-perpage"])
def test_footnotes_numbered_again_on_every_page_are_named_by_their_page(name: str) -> None:
    # footmisc's perpage option: the blocks were read as chapters ("note 2 of chapter 5" for the note 2 of page 5)
    folder = ROOT / "tests" / "realpipe" / "dev" / name
    expected = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
    manuscript = parse_bytes((folder / "pdftotext.txt").read_bytes(), "pdftotext.txt")
    assert manuscript.numbering == "per-page"
    # the typesetter's own blocks (LaTeX's .aux): one per page, each note named by its number on that page
    assert [n.number for n in manuscript.notes if n.printed == 1] == expected["chapter_starts"]
    assert all(n.label == f"note {n.printed} on page {n.page}" for n in manuscript.notes)
    assert _scored(name, "pdftotext.txt").notes_found == len(expected["notes"])
    # pypdf and pdfminer mark no pages but print their numbers: the same reading (it was "endnotes, per chapter")
    for extractor in ("pypdf.txt", "pdfminer.txt"):
        other = parse_bytes((folder / extractor).read_bytes(), extractor)
        assert (other.layout, other.numbering) == ("footnotes", "per-page"), extractor


def test_a_note_number_moved_down_that_is_also_the_pages_number() -> None:
    # a book page numbered at its head "9" whose note 9's number pdftotext moved below the page's last note: the
    # page's own number counted as note 9 already there, and the moved one stayed put (holdout-s35, spent)
    result = _scored("en-extverbosetrad3-book", "pdftotext.txt", "holdout-s35")
    assert result.notes_found == result.notes_total and result.f1 == 1.0, result.problems
