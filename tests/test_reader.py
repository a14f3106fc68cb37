"""Reading text extracted from a PDF: footnote blocks, continued notes, markers, positions."""

from __future__ import annotations

import pytest

from srccheck.manuscript.pdftext import read_pdf_text

SEP = " " * 40

PAGE = f"""Body text about the war in 1919 with 3,000 troops.1 More text follows here, and on
9 March the council met. 2 Then a quotation ends.”3

{SEP}
1 Ali Veli, Kitap, Yayınevi, Ankara, 1990, s.
21.
2 Ayşe Can, Başka Kitap, İstanbul, 1997, s. 1-
2; a.g.e., s. 4.
3 Jamil Hasanli, The Sovietization of Azer-
baijan, Press, 2018, s. 33. The note goes on
\f
Next page body text continues.4

{SEP}
on the next page.
4 K. Veli, Kitap, s. 5.
"""


def test_notes_markers_and_continuations():
    ms = read_pdf_text(PAGE, "m.txt")
    assert [n.number for n in ms.notes] == [1, 2, 3, 4]
    assert [m.number for m in ms.markers] == [1, 2, 3, 4]
    assert ms.unmatched_markers == []
    one, two, three, four = ms.notes
    assert one.text.endswith("s. 21.")  # a page split from its label
    assert "s. 1-2;" in two.text  # a range broken at the dash
    assert "Sovietization of Azerbaijan," in three.text  # hyphenation repaired
    assert three.text.endswith("on the next page.")  # continued in the next page's block
    assert one.line == 5 and four.line == 16
    assert one.marker_line == 1


def test_dates_and_quantities_are_not_markers():
    text = f"""In 1919 some 3,000 men.1 The 12 delegates met. 2 March was cold.
It happened on 29.03.1920 and in 1903.2

{SEP}
1 A. Bir, Kitap, 1990, s. 1.
2 B. İki, Kitap, 1991, s. 2.
"""
    ms = read_pdf_text(text, "m.txt")
    assert [(m.number, m.line) for m in ms.markers] == [(1, 1), (2, 2)]


def test_gap_duplicate_and_missing_marker_are_visible():
    text = f"""Text one.1 Text two.2 Text four.4 Text five.

{SEP}
1 A. Bir, Kitap, 1990, s. 1.
2 B. İki, Kitap, 1991, s. 2.
2 C. Üç, Kitap, 1992, s. 3.
4 D. Dört, Kitap, 1993, s. 4.
5 E. Beş, Kitap, 1994, s. 5.
"""
    ms = read_pdf_text(text, "m.txt")
    assert [n.number for n in ms.notes] == [1, 2, 2, 4, 5]
    assert {n.number for n in ms.notes if n.marker_line is None} == {5}


def test_marker_without_note():
    text = f"""Claim.1 Claim.2 Claim.3

{SEP}
1 A. Bir, Kitap, 1990, s. 1.
3 C. Üç, Kitap, 1992, s. 3.
"""
    ms = read_pdf_text(text, "m.txt")
    assert [m.number for m in ms.unmatched_markers] == [2]


def test_page_numbers_are_recorded():
    text = f"Body.1\n\n{SEP}\n1 A. Bir, Kitap, 1990, s. 1.\n\n\n267\n\nNext page.2\n\n{SEP}\n2 B. İki, Kitap, s. 2.\n"
    ms = read_pdf_text(text, "m.txt")
    assert [n.page for n in ms.notes] == [267, 268]


def test_pdf_glyph_damage_is_repaired():
    ms = read_pdf_text(f"Metin.1\n\n{SEP}\n1 Ģükrü Kaya, Ġstanbul Tarihi, 1990, s. 1.\n", "m.txt")
    assert ms.notes[0].text.startswith("Şükrü Kaya, İstanbul")


def test_unnumbered_pages_count_on_from_the_nearest_numbered_page():
    def page(n: int, printed: int | None) -> str:
        number = f"\n\n{printed}\n" if printed is not None else ""
        return f"Body of page {n}.{n}\n\n{SEP}\n{n} A. Bir, Kitap, 1990, s. {n}.{number}"

    # pages 1-3 unnumbered, 4 printed as 104, 5-6 unnumbered, 7 printed as 107, then one more unnumbered
    printed = {4: 104, 7: 107}
    ms = read_pdf_text("\f".join(page(n, printed.get(n)) for n in range(1, 9)) + "\n", "m.txt")
    # before the first number: counted back from it; after one: counted on from the nearest
    assert [n.page for n in ms.notes] == [101, 102, 103, 104, 105, 106, 107, 108]


def test_page_numbers_of_a_long_book_are_read_in_linear_time():
    # every other page numbered: an unnumbered page's nearest numbered page was looked up by a pass over all
    # of them, for each line (a 25,000-page text took 80 s); a bound that the quadratic look-up misses
    import time

    pages = 20000

    def page(n: int) -> str:
        number = f"\n\n{n + 10}\n" if n % 2 else ""
        return f"Claim.{n}\n\n{SEP}\n{n} A. Bir, Kitap, 1990, s. {n}.{number}"

    started = time.perf_counter()
    ms = read_pdf_text("\f".join(page(n) for n in range(1, pages + 1)) + "\n", "m.txt")
    assert time.perf_counter() - started < 15
    assert [n.page for n in ms.notes] == [n + 10 for n in range(1, pages + 1)]


def test_endnotes_under_a_heading():
    text = "Body text.1 More body.2\n\nNotes\n\n1 A. Bir, Kitap, 1990, s. 1.\n2 B. İki, Kitap, 1991, s. 2.\n"
    ms = read_pdf_text(text, "m.txt")
    assert [n.number for n in ms.notes] == [1, 2] and [m.number for m in ms.markers] == [1, 2]


def test_marker_flattened_onto_a_number_between_its_neighbours():
    text = (f"Claim.1 In 1920 el 5720 por ciento cambió. Claim.3 Later in 1925 nothing.\n\n{SEP}\n"
            "1 A. Bir, Kitap, 1990, s. 1.\n20 B. İki, Kitap, 1991, s. 2.\n3 C. Üç, Kitap, 1992, s. 3.\n")
    text = text.replace("20 B.", "2 B.").replace("5720", "572")  # marker 2 glued onto 57
    ms = read_pdf_text(text, "m.txt")
    assert [m.number for m in ms.markers] == [1, 2, 3]
    # a year is not read that way: note 5's marker is not "found" in 1925
    ms = read_pdf_text(f"Claim.4 In 1925 it rained. Claim.6\n\n{SEP}\n4 A. Bir, K, s. 1.\n5 B. İki, K, s. 2.\n6 C. Üç, K, s. 3.\n", "m.txt")
    assert [m.number for m in ms.markers] == [4, 6]


def _notes(numbers: range) -> str:
    return "".join(f"{n} A. Yazar{n}, Kitap {n}, Ankara, 1990, s. {n}.\n" for n in numbers)


def test_spaced_markers_after_a_marker_hidden_in_a_number():
    # marker 8 ran onto "800", so the walk waited for 8 and passed over the spaced 9 and 10
    body = ("Trade grew in 1897.7 A convoy of 8008 refugees came. Reports went to the capital. 9\n"
            "The town had about 800 inhabitants. 10 Exports fell in 1905.11\n")
    ms = read_pdf_text(f"{body}\n{SEP}\n{_notes(range(7, 12))}", "m.txt")
    assert [(m.number, m.line) for m in ms.markers] == [(7, 1), (8, 1), (9, 1), (10, 2), (11, 2)]
    # two readings of a missing marker between its neighbours: neither is taken
    body = "Trade grew.7 The capital. 8 Another line. 8 More.9\n"
    ms = read_pdf_text(f"{body}\n{SEP}\n{_notes(range(7, 10))}", "m.txt")
    assert [m.number for m in ms.markers] == [7, 8, 9]  # the walk takes the first 8 as the next expected
    body = "Trade grew.7 In 2.5008 cases and 2 5008 others; the capital. 9 More.10\n"
    ms = read_pdf_text(f"{body}\n{SEP}\n{_notes(range(7, 11))}", "m.txt")
    assert 8 not in [m.number for m in ms.markers]


def test_a_marker_run_onto_a_german_date():
    body = "Der Bericht kam.14 In der Sitzung vom 12.15 August 1914 kam es zur Sprache. Es blieb so.16\n"
    ms = read_pdf_text(f"{body}\n{SEP}\n{_notes(range(14, 17))}", "m.txt")
    assert [(m.number, m.line) for m in ms.markers] == [(14, 1), (15, 1), (16, 1)]


def test_a_marker_run_onto_a_grouped_number_beats_an_ordinary_number():
    # "%36" could be 3 with marker 6; "2.5006" cannot be a well-grouped number without it
    body = ("Bunlar yazıldı.5 Ticaretin %36'i Adana üzerinden yapılıyordu.\n"
            "Yazışmalarda 2.5006 kişilik bir kafileden söz edilir.7\n")
    ms = read_pdf_text(f"{body}\n{SEP}\n{_notes(range(5, 8))}", "m.txt")
    assert [(m.number, m.line) for m in ms.markers] == [(5, 1), (6, 2), (7, 2)]
    # with no such tell, two candidates stay unread
    body = "Bunlar yazıldı.5 Ticaretin %36'i 46 ülkeye gitti.7\n"
    ms = read_pdf_text(f"{body}\n{SEP}\n{_notes(range(5, 8))}", "m.txt")
    assert [m.number for m in ms.markers] == [5, 7]


@pytest.mark.parametrize("last", [1002, 10002])
def test_markers_past_note_999_and_9999(last: int):
    numbers = list(range(1, last + 1))
    body = " ".join(f"Claim.{n}" if n % 2 else f"Claim. {n}" for n in numbers)  # glued and spaced markers
    foot = "\n".join(f"{n} A. Bir, Kitap, 1990, s. {n}." for n in numbers)
    ms = read_pdf_text(f"{body}\n\n{SEP}\n{foot}\n", "m.txt")
    assert [n.number for n in ms.notes] == numbers
    assert [m.number for m in ms.markers] == numbers


def test_footnote_numbers_after_their_paragraphs_go_back_in_front():
    # pdftotext's default order of a LibreOffice page: a number after its note's paragraph, or alone before it
    # when several were bunched (as in tests/realpipe/dev/en-chicago-docx/pdftotext.txt)
    text = ("Body sentence.1 Another.2 A third.3 And four.4 Five.5\n\n"
            "Ali Veli, Kitap, Ankara, 1990, s. 4.\n1\n\n"
            "Ayşe Can, Başka Kitap, İstanbul,\n1997, s. 12.\n2\n\n"
            "3\n\n4\n\n"
            "Veli, a.g.e., s. 5.\n\n"
            "Can, a.g.e., s. 14.\n\n"
            "Ömer Kaya, Üçüncü Kitap, 2001, s. 3.\n5\n")
    ms = read_pdf_text(text, "m.txt")
    assert [(n.number, n.text) for n in ms.notes] == [
        (1, "Ali Veli, Kitap, Ankara, 1990, s. 4."),
        (2, "Ayşe Can, Başka Kitap, İstanbul, 1997, s. 12."),
        (3, "Veli, a.g.e., s. 5."),
        (4, "Can, a.g.e., s. 14."),
        (5, "Ömer Kaya, Üçüncü Kitap, 2001, s. 3."),
    ]


def test_page_numbers_ending_pages_without_blank_lines_are_not_note_numbers():
    # pdftotext -raw: no blank lines, each page ends with its number; the notes start with theirs
    pages = [f"Body of page {p}.{p}\n{p} A. Bir, Kitap {p}, 1990, s. {10 + p}.\nMore body text on the page.\n{p}"
             for p in range(1, 5)]
    ms = read_pdf_text("\n\f".join(pages) + "\n", "m.txt")
    assert [(n.number, n.text) for n in ms.notes] == [(p, f"A. Bir, Kitap {p}, 1990, s. {10 + p}.") for p in range(1, 5)]


def test_a_footnote_number_moved_after_the_pages_last_note_goes_back():
    # pdftotext's default order of a LaTeX page (as in tests/realpipe/dev/de-arthistorybonn-scrartcl)
    body = "Body one.1 Body two.2 Body three.3\n"
    notes = "1\nLagally, Alternative, 67.\nLagally, Alternative, 68; Lammarsch, Tests, 37.\n3\nFenn, Kern, 42.\n2\n"
    ms = read_pdf_text(f"{body}\n{notes}\n7\n", "m.txt")  # 7: the page number, the page's last line
    assert [(n.number, n.text) for n in ms.notes] == [
        (1, "Lagally, Alternative, 67."),
        (2, "Lagally, Alternative, 68; Lammarsch, Tests, 37."),
        (3, "Fenn, Kern, 42."),
    ]


def test_a_page_number_after_the_notes_is_not_a_moved_footnote_number():
    # notes 3 and 5 on page 4, whose number ends the page: 4 is not note 4 (which is not on this page)
    body = "Body three.3 Body five.5\n"
    ms = read_pdf_text(f"{body}\n3\nAli Veli, Kitap, 1990, s. 4.\nBir yorum daha.\n5\nCan, Eser, s. 9.\n4", "m.txt")
    assert [n.number for n in ms.notes] == [3, 5]


def test_continuation_lines_alike_in_shape_beside_note_numbers_are_kept():
    notes = "".join(f"{n}\nA. Yazar: Makale {n}, in: Dergi 9.{n} (Feb.\n19{90 + n}), S. {n}0–{n}4, hier S. {n}1.\n"
                    for n in range(1, 5))
    ms = read_pdf_text("Metin.1 Metin.2 Metin.3 Metin.4\n\n" + notes, "m.txt")
    assert [n.text for n in ms.notes] == [f"A. Yazar: Makale {n}, in: Dergi 9.{n} (Feb. 19{90 + n}), S. {n}0–{n}4, hier S. {n}1."
                                          for n in range(1, 5)]


def test_a_running_head_with_its_page_number_is_not_the_next_note():
    # LaTeX book classes print "8 CHAPTER 2. THE WAR YEARS" atop a verso page; pypdf and pdfminer give it right after
    # the previous page's last note, where page 8 reads as a second note 8 (tests/realpipe/holdout/en-verbose-memoir)
    text = ("6 CHAPTER 2. THE WAR YEARS\nExports fell markedly in 1904.5 Observers were divided.6\n"
            "Roughly 17 per cent passed through Mersin.7 The town grew in 1895.8 Corre-\n"
            "5Mittelbach, “Formatting documents with floats”, pp. 281–285.\n"
            "6Rokicki, “Advanced special support”, pp. 210–211.\n"
            "7Barbara Beeton. “Production notes”. In: TUGboat 12.2 (1991), p. 313.\n"
            "8Wilson, “Glisterings: Ornaments”, p. 203.\n"
            "8 CHAPTER 2. THE WAR YEARS\nspondence mentions a convoy of 450 refugees.9 Exports fell in 1887.10\n"
            "9Senn, “TeX output previewers”, p. 55.\n10Asher, “Inside Type & Set”, p. 13.\n")
    ms = read_pdf_text(text, "m.txt")
    assert [n.number for n in ms.notes] == [5, 6, 7, 8, 9, 10]
    assert ms.notes[3].text == "Wilson, “Glisterings: Ornaments”, p. 203."


def test_archival_notes_in_capitals_stay_notes():
    # notes set in capitals that recur with other numbers are not running heads: their words are short sigla
    notes = "".join(f"{n} BOA, HR. MKT., {n}12/4{n}.\n" for n in range(1, 5))
    ms = read_pdf_text("Metin bir.1 Metin iki.2 Metin üç.3 Metin dört.4\n\n" + notes, "m.txt")
    assert [n.text for n in ms.notes] == [f"BOA, HR. MKT., {n}12/4{n}." for n in range(1, 5)]


def test_a_book_page_in_pdftotexts_default_order():
    # a LaTeX book (memoir, book) read by pdftotext's default order, as in tests/realpipe/holdout/en-verbose-memoir:
    # page numbers head the pages, above a running head in capitals ("CHAPTER 3. III. AFTER MUDROS, 1918-1923") that
    # is no chapter heading; a numbered list in the body is no new chapter's notes; the number of a page's second note
    # ("4") comes after the page's last note and goes back in front of its note, although it ends the page
    text = (
        "Chapter 2\n\nII. The War Years\n\nThe port grew in 1895.1 Exports fell in 1904.2\n\n"
        "1\nSenn, “TeX output previewers”, p. 55.\n2\nAsher, “Inside Type & Set”, p. 13.\n\n"
        "\f8\n\nCHAPTER 2. II. THE WAR YEARS\n\n"
        "Observers were divided on these events.3 Exports fell in 1887.4\n\n"
        "3\nWilson, “Glisterings: Ornaments”, p. 203.\n4\nHagen, “The TeX Live collection”, p. 109.\n\n"
        "Chapter 3\n\nIII. After Mudros, 1918-1923\n\n"
        "A convoy of 35,000 refugees came in 1921.1 The literature has emphasised\n"
        "its economic dimension. Exports fell between 1880 and 1883.2 The budget allotted 2,500 pias1\n\n"
        "Mittelbach, “Formatting documents with floats”, pp. 280–284.\n2\nWang, “A submission system”, p. 237.\n\n"
        "\f10\n\nCHAPTER 3. III. AFTER MUDROS, 1918-1923\n\n"
        "tres to this item.3 The budget for 1905 allotted 450 piastres.\n"
        "1. the supply of grain to the coastal towns;\n"
        "2. the settlement of refugees from the interior;\n"
        "3. the collection of customs dues at Trebizond.\n"
        "Exports fell between 1876 and 1882.4 The town grew in 1901.5\n"
        "3\n\nThiele and Goossens, “Opening words”, pp. 5–7.\n"
        "Mittelbach, “Formatting documents with floats”, p. 278.\n"
        "5\nDurst, “Bibliographic citations”, p. 391.\n"
        "4\n\n"
        "\f11\n\nThe budget for 1895 allotted 1,200 piastres to this item.6\n\n6\nAnonymous, “Calendar”, p. 409.\n")
    ms = read_pdf_text(text, "m.txt")
    assert [(n.chapter, n.printed, n.text.split(",")[0]) for n in ms.notes] == [
        (1, 1, "Senn"), (1, 2, "Asher"), (1, 3, "Wilson"), (1, 4, "Hagen"),
        (2, 1, "Mittelbach"), (2, 2, "Wang"), (2, 3, "Thiele and Goossens"), (2, 4, "Mittelbach"), (2, 5, "Durst"),
        (2, 6, "Anonymous")]


def test_a_day_glued_to_the_word_before_it_is_no_marker():
    # pdfminer drops the spaces of tight lines: "dated10 October 1917" once respaced; 10 is the day, not marker 10,
    # which would have made the walk skip markers 8 and 9 (tests/realpipe/holdout/en-verbose-memoir/pdfminer.txt)
    body = "".join(f"Sentence {n} ends here.{n}\n" for n in range(1, 8))
    body += "Correspondence dated10 October 1917 mentions\na convoy of refugees.8 These figures are\n" \
            "incomplete. The budget allotted piastres.9\nThe end of the chapter.10\n"
    notes = "\n".join(f"{n} A. Yazar, Kitap {n}, 1990, s. {n}." for n in range(1, 11))
    ms = read_pdf_text(body + "\n" + notes + "\n", "m.txt")
    assert [(m.number, m.line) for m in ms.markers] == [(n, n) for n in range(1, 8)] + [(8, 9), (9, 10), (10, 11)]


def test_a_note_does_not_go_on_after_the_next_chapters_heading():
    # pypdf and the PDF reader give a new chapter's heading and body right after the last note of the chapter before
    # (no form feed, or the heading atop the page read as a running head); a numbered list in the new chapter's body
    # looks like notes, but the notes before a chapter's heading are not carried over past it
    # (tests/realpipe/holdout/en-verbose-memoir)
    text = ("Chapter 1\nI. Ports and Credit\nThe consul reported that the situation had deteriorated.1 Exports from\n"
            "the port fell markedly between 1886 and 1892.2 Neither side was prepared to\nmake concessions.\n"
            "1Wang, “A Web-based submission system for meeting abstracts”, p. 237.\n"
            "2Lincoln Durst. “Bibliographic citations; or variations on the old\n"
            "shell game”. In: TUGboat 10.3 (25 Nov. 1989), pp. 390–394. issn:\n"
            "0896-3207. url: https://tug.org/TUGboat/tb10-3/tb25durst.\npdf, p. 392.\n"
            "Chapter 2\nII. The War Years\nAccording to the census of 1894, the town had about 120\n"
            "inhabitants. On 6 January 1915 the consul at Adana re-\n"
            "ported that the situation had deteriorated sharply.1 In this\n"
            "period the Ottoman foreign minister adopted a cautious\n"
            "line in the negotiations with the consular corps.\n"
            "1. the supply of grain to the coastal towns;\n2. the settlement of refugees from the interior;\n"
            "3. the collection of customs dues at Adana.\n"
            "1Anonymous, “TUG membership application”, p. 78.\n")
    ms = read_pdf_text(text, "m.txt")
    assert [(n.chapter, n.printed) for n in ms.notes] == [(1, 1), (1, 2), (2, 1)]
    assert not any("supply of grain" in n.text for n in ms.notes)


def test_a_two_column_page_read_out_of_order_by_pdftotext():
    # pdftotext's default order of a two-column LaTeX page (tests/realpipe/dev/de-geschichtsfrkl-twocolumn): page 1
    # gives the right column's markers (7, 8) before the left column's; page 2 gives the notes as 9-10, 13-14, 11-12
    note = lambda n: f"{n} Sowa, Friedhelm: Antwort {n}, in: DTK 4 (1991), 54–56, hier {40 + n}."
    page1 = ("Die Lage habe sich erheblich verschärft.7 Etwa 26 Prozent liefen über Erzurum.8\n"
             + "".join(f"Die Forschung hat die Dimension der Frage betont.{n}\n" for n in range(1, 7)) + "\n"
             + "\n".join(note(n) for n in range(1, 7)) + "\n\n" + "\n".join(note(n) for n in (7, 8)) + "\n\n1\n")
    page2 = ("".join(f"Keine der beiden Seiten war jedoch bereit.{n}\n" for n in range(9, 15)) + "\n"
             + "\n".join(note(n) for n in (9, 10)) + "\n\n" + "\n".join(note(n) for n in (13, 14)) + "\n\n"
             + "\n".join(note(n) for n in (11, 12)) + "\n\n2\n")
    ms = read_pdf_text(page1 + "\f" + page2, "m.txt")
    assert [(n.number, n.text) for n in ms.notes] == [(n, note(n).split(" ", 1)[1]) for n in range(1, 15)]
    assert sorted(m.number for m in ms.markers) == list(range(1, 15))


def test_a_libreoffice_pages_first_note_run_on_from_the_body():
    # pdftotext's default order of a LibreOffice page whose first note follows the body with no blank line: its
    # number, after the note, goes in front of the note's first line, not of the paragraph's (the body's)
    # (tests/realpipe/holdout/en-mhra-docx, tests/realpipe/dev/tr-istanbul-docx)
    text = ("Contemporary observers were divided.1 The French commander followed these\n"
            "developments closely and sent reports to the capital.2 Roughly 56 per cent of\n"
            "the grain trade passed through Aleppo in 1887. 3 The matter was raised again.\n"
            "In this period the governor adopted a cautious line with the Ottoman Bank.4\n"
            "Correspondence dated December 20, 1912 mentions a convoy of 4,750 refugees.\n"
            "Poetry of the Great War: An Anthology, ed. by Dominic Hibberd and John\n"
            "Onions (St. Martin’s Press, 1986), p. 20.\n1\n\n"
            "Louis Bonnerot, “David Jones and the Notion of Fragments,” Agenda, 11 (1973), p. 80.\n2\n\n"
            "Bonnerot, “David Jones,” p. 81.\n3\n\n"
            "Valerie D. Greenberg, Transgressive Readings (University of Michigan Press, 1990), p. 12.\n4\n")
    ms = read_pdf_text(text, "m.txt")
    assert [n.number for n in ms.notes] == [1, 2, 3, 4]
    assert ms.notes[0].text == "Poetry of the Great War: An Anthology, ed. by Dominic Hibberd and John Onions " \
                               "(St. Martin’s Press, 1986), p. 20."
    assert sorted(m.number for m in ms.markers) == [1, 2, 3, 4]


def test_a_locator_ending_a_notes_first_line_is_no_body_marker():
    # the note's first line ends "…, DTK 5, Nr. 3" and the body holds "1.200 Piaster": neither is a marker, so the
    # note still begins after the body's last sentence (tests/realpipe/holdout-late/de-chicagoibid-docx)
    text = ("Die Stadt hatte etwa 3.000 Einwohner.1 Am 13. August 1914 meldete das Konsulat\n"
            "in Smyrna, die Lage habe sich erheblich verschärft.2 Der Haushalt des Jahres 1881\n"
            "sah dafür 1.200 Piaster vor. Die Zeitgenossen bewerteten diese Ereignisse.\n"
            "Norbert Hesse, „Das TeX RUNTIME SYSTEM für SCO Unix“, DTK 5, Nr. 3\n"
            "(1993): 48–52, p. 50-51. Zum weiteren Zusammenhang siehe oben.\n1\n\n"
            "Ohnemus, „Beyond the Archive“, p. 73-75.\n2\n")
    ms = read_pdf_text(text, "m.txt")
    assert [n.text.split(",")[0] for n in ms.notes] == ["Norbert Hesse", "Ohnemus"]


def test_a_note_run_onto_a_word_hyphenated_at_the_pages_foot():
    # pdftotext joins "tou-" (the page's last body line) to the next line it reads, the page's first note "12. Ibid.":
    # "…n'est tou12. Ibid., p. 1264-1265." (tests/realpipe/holdout/fr-philosophyverbose-article)
    text = ("Le commandant adresse des rapports détaillés à Paris.11 Ces chiffres doivent être maniés\n"
            "avec prudence.\n\n11. Weinberg, « A Model of Leptons » cit., p. 1264-1266.\n\n3\n\f"
            "La ville compte environ 450 habitants.12 Le budget de 1915 prévoit 1 200 piastres.13\n"
            "D’après le recensement de 1917, la ville compte environ 450 habitants. Aucune des deux parties n’est tou12. Ibid., p. 1264-1265.\n"
            "13. Gaonkar, « On Alternative Modernities » cit., p. 15-21.\n\n4\n")
    ms = read_pdf_text(text, "m.txt")
    assert [(n.number, n.text) for n in ms.notes] == [
        (11, "Weinberg, « A Model of Leptons » cit., p. 1264-1266."), (12, "Ibid., p. 1264-1265."),
        (13, "Gaonkar, « On Alternative Modernities » cit., p. 15-21.")]


def test_a_marker_run_onto_the_year_that_opens_the_next_sentence():
    # pdfminer drops the space of a tight line: "hazır değildi.131902 yılında" is marker 13, then the year 1902
    # (tests/realpipe/dev/tr-verboseibid-enotez/pdfminer.txt); a year alone after a full stop is no marker
    body = "".join(f"Cümle {n} burada biter.{n}\n" for n in range(11, 13))
    body += "Taraflar hazır değildi.131902 yılında durum değişti. Rapor 1905.\n"
    notes = "\n".join(f"{n}. A. Yazar, Kitap {n}, 1990, s. {n}." for n in range(11, 14))
    ms = read_pdf_text(body + "\n" + notes + "\n", "m.txt")
    assert [(m.number, m.line) for m in ms.markers] == [(11, 1), (12, 2), (13, 3)]


def test_a_formulas_figures_between_a_notes_number_and_its_text():
    # pdftotext's default order gives the superscripts of "(2^{2^{2^{2^0}}}-1)" in a cited title as lines of figures
    # between the note's number and its text (tests/realpipe/dev/de-footnotedw-scrbook); -layout gives them before
    # the number, which must stay
    text = ("Die Lage verschärfte sich.4 Die Zahlen sind lückenhaft.5 Ebd. meldete das Konsulat.6\n\n"
            "4\nSchmidt, Computer, S. 14–16.\n5\n\n0\n22\n\n"
            "Volker RW Schaa: Eine Bildergalerie zum (22\n− 1). Geburtstag, in: DTK 16.2\n(Juni 2004), S. 16–32, hier S. 21–23.\n"
            "6\nEbd., S. 19.\n")
    ms = read_pdf_text(text, "m.txt")
    assert [n.number for n in ms.notes] == [4, 5, 6]
    assert ms.notes[1].text.startswith("Volker RW Schaa: Eine Bildergalerie")
    layout = ("Die Lage verschärfte sich.4 Die Zahlen sind lückenhaft.5 Ebd. meldete das Konsulat.6\n\n"
              " 4\n   Schmidt, Computer, S. 14–16.\n                0\n              22\n 5\n"
              "   Volker RW Schaa: Eine Bildergalerie zum (22     − 1). Geburtstag, in: DTK\n    (Juni 2004), S. 16–32, hier S. 21–23.\n"
              " 6\n   Ebd., S. 19.\n")
    ms = read_pdf_text(layout, "m.txt")
    assert [n.number for n in ms.notes] == [4, 5, 6]


def test_a_number_after_a_label_in_a_note_is_no_marker():
    # "DTK 34, Nr. 2 (2022)" inside note 1 read as marker 2 let a numbered list in the body (1. 2. 3.) pass for
    # notes 1-3 with the real note 2 as a second 2 (MuPDF's text of tests/realpipe/holdout-late/de-chicagoibid-docx)
    text = ("Die Lage habe sich erheblich verschärft.1\nEtwa 53 Prozent liefen über Smyrna.2 Der\n"
            "Außenminister berichtete regelmäßig nach Berlin.3 Diese Zahlen sind lückenhaft.\n\n"
            "1.\ndie Getreideversorgung der Küstenstädte;\n\n2.\ndie Ansiedlung der Flüchtlinge;\n\n"
            "3.\ndie Erhebung der Zölle in Adana.\n\n"
            "Die Zeitgenossen bewerteten diese Ereignisse durchaus unterschiedlich.4\n\n"
            "1 Karl-Heinz Ohnemus, „Beyond the Archive“,\nDTK 34, Nr. 2 (2022): 73–75, p. 73.\n"
            "2 Vgl. Rainer Thiel, „Emacs, AucTeX und MiKTeX“, DTK\n13, Nr. 3 (2001): 6–14, p. 12.\n"
            "3 Jürgen Fenn, „Neue Pakete auf CTAN“, DTK 21, Nr. 3 (2009): 53–58, p. 56.\n"
            "4 Vgl. Stephan Lukasczyk, „Tagungsbericht“, DTK 30, Nr. 4 (2018): 20–22, p. 21.\n")
    ms = read_pdf_text(text, "m.txt")
    assert [n.text.split(",")[0] for n in ms.notes] == ["Karl-Heinz Ohnemus", "Vgl. Rainer Thiel", "Jürgen Fenn",
                                                         "Vgl. Stephan Lukasczyk"]


def test_german_quotes_of_an_ot1_font_and_a_range_broken_after_its_dash():
    # pdfLaTeX with OT1 fonts sets „Serienbriefe“ as ” Serienbriefe“; read as a closing quote, it made the splitter pair
    # the “ after one title with the ” before the next and lose the ";" between two citations. A range broken after
    # its en dash ("S. 38–" / "44") is one range (tests/realpipe/holdout-s28b/de-verbosetrad1-report)
    text = ("Satz eins.1\n\n1 Ulrike Fischer.\n”\nSerienbriefe“. In: DTK 11.2 (Mai 1999), S. 38–\n44, S. 40–43; Klaus "
            "Barthelmann. ” Zähler nicht zurücksetzen“. In: DTK 9.2 (Juli 1997), S. 13–19, S. 15.\n")
    ms = read_pdf_text(text, "m.txt")
    (note,) = ms.notes
    # the quote alone on its line is dropped (extractors set it a line away from its word); the one on its word's line
    # is put back
    assert note.text == ("Ulrike Fischer. Serienbriefe“. In: DTK 11.2 (Mai 1999), S. 38–44, S. 40–43; Klaus "
                         "Barthelmann. „ Zähler nicht zurücksetzen“. In: DTK 9.2 (Juli 1997), S. 13–19, S. 15.")
    # English quotes are left as they are
    english = read_pdf_text("Claim.1\n\n1 Steven Weinberg, “A Model of Leptons,” Phys. Rev. Lett. 19 (1967).\n", "m.txt")
    assert english.notes[0].text == "Steven Weinberg, “A Model of Leptons,” Phys. Rev. Lett. 19 (1967)."


def test_a_valid_day_before_a_month_is_no_marker():
    # "207 June" is day 20 with marker 7 run onto it; "21 décembre" is the 21st, not day 2 with marker 1
    # (tests/realpipe/holdout-s28b/fr-verboseinote-book), which took marker 1 from its real place
    body = "Le 21 décembre 1908, le consul signale une dégradation.\nLa ville compte 120 habitants en 1893. 1 Le\n" \
           "consul adresse des rapports.2\n\n1. A. Auteur, Livre, 1990, p. 4.\n2. B. Auteur, Livre, 1991, p. 5.\n"
    ms = read_pdf_text(body, "m.txt")
    assert [(m.number, m.line) for m in ms.markers] == [(1, 2), (2, 3)]
    ms = read_pdf_text("Correspondence dated 207 June 1919 mentions it.\n\n7 A. Author, Book, 1990, p. 4.\n", "m.txt")
    assert [(m.number, m.line) for m in ms.markers] == [(7, 1)]


def test_a_note_opening_with_a_lower_case_repeat_marker_beats_a_numbered_list():
    # verbose-inote in French sets "2. ibid., p. 1264-1266." in lower case, as the body's list "2. l’installation…"
    # is; the note's repeat marker tells it apart (tests/realpipe/holdout-s28b/fr-verboseinote-book)
    text = ("Le budget allotait 120 piastres en 1906. 1 Les contemporains jugent ces événements de ma-\n"
            "nière contrastée. 2 Ces chiffres doivent être maniés avec prudence.\n"
            "1. Weinberg, cf. note 1, p. 1264. Sur le contexte plus large, voir\nplus haut.\n"
            "2. ibid., p. 1264-1266. La date est incertaine ; 1918 est plus pro-\nbable.\n"
            "5\n\ftée. 3 L’affaire est de nouveau évoquée lors de la séance du\n16 juin 1909, sans résultat.\n"
            "1. le ravitaillement des villes côtières ;\n2. l’installation des réfugiés venus de l’intérieur ;\n"
            "3. la perception des droits de douane à Batoum.\nLe budget de 1906 prévoit 1 200 piastres pour ce poste.\n"
            "3. Moore, cf. note 7, p. 114 ; Weinberg, cf. note 1, p. 1264.\n")
    ms = read_pdf_text(text, "m.txt")
    assert [n.text.split(",")[0] for n in ms.notes] == ["Weinberg", "ibid.", "Moore"]


def test_an_ot1_low_quote_beside_a_notes_number():
    # pdftotext -layout sets pdfLaTeX's OT1 German opening quote a line below its word, here beside note 6's number
    # ("   6        ”"), which then was no number alone on its line (tests/realpipe/holdout-s28b/de-verbosetrad1-report)
    text = ("Die Ausfuhren gingen zurück.5 Die Angelegenheit kam zur Sprache.6\n\n"
            "   5\n     Römer, a. a. O., S. 75.\n   6        \u201d\n"
            "     Ernst Molitor. Brief an den Präsidenten\u201c. In: DTK 9.4 (Feb.\n1997), S. 61–63, S. 61.\n")
    ms = read_pdf_text(text, "m.txt")
    assert [n.number for n in ms.notes] == [5, 6]
    assert ms.notes[1].text.startswith("Ernst Molitor. Brief an den Präsidenten“")


def test_a_chapters_heading_ends_the_notes_before_it_with_spaced_markers():
    # pypdf gives the next chapter right after the last note of the one before; with markers set apart by a space
    # (French), no line showed the body, and the whole gap was taken for the note
    # (tests/realpipe/holdout-s28b/fr-verboseinote-book/pypdf.txt)
    text = ("Chapitre 1\nI. Ports\nLe consul signale une dégradation en 1893. 1 Le consul écrit. 2 Aucune\n"
            "des deux parties n’est prête.\n"
            "1. Steven Weinberg. « A Model of Leptons ». In : Phys. Rev. Lett. 19 (1967), p. 1264.\n"
            "2. Ibid., p. 1264-1266.\n"
            "de près et adresse des rapports détaillés à Paris.\n"
            "Chapitre 2\nII. Les années de guerre\n"
            "Près de 31 % du commerce des grains passe par Alep en\n1906. 1 Les contemporains jugent ces événements de ma-\n"
            "nière contrastée. 2 Ces chiffres doivent être maniés avec prudence.\n"
            "1. Weinberg, cf. note 1, p. 1264.\n2. ibid., p. 1265.\n")
    ms = read_pdf_text(text, "m.txt")
    assert [(n.chapter, n.printed, n.text) for n in ms.notes][1] == (1, 2, "Ibid., p. 1264-1266.")
    assert [(m.chapter, m.printed) for m in ms.markers] == [(1, 1), (1, 2), (2, 1), (2, 2)]


def test_a_number_wrapped_after_its_label_starts_no_note() -> None:
    # biblatex-chicago: "…TUGboat 15, no." / "4 (December 1994): 460, https://…" — the issue number, wrapped to the
    # next line's start, was taken for note 4, and the real note 4 for its duplicate
    body = "The first claim.1 The second claim.2 The third claim.3 The fourth claim.4 The fifth claim.5\n"
    notes = ("1 Pierre MacKay, “A typesetter’s toolkit,” TUGboat 15, no. 3 (1994): 276.\n"
             "2 Ibid., 277.\n"
             "3 See Petr Olšák, “The EAN barcodes by TEX,” TUGboat 15, no.\n"
             "4 (December 1994): 460, https://tug.org/TUGboat/tb15-4/tb45olsa.pdf.\n"
             "4 Olšák, “The EAN barcodes by TEX,” 462.\n"
             "5 Ibid., 463.\n")
    ms = read_pdf_text(body + "\n" + notes, "m.txt")
    assert [n.number for n in ms.notes] == [1, 2, 3, 4, 5]
    assert ms.notes[2].text.endswith("no. 4 (December 1994): 460, https://tug.org/TUGboat/tb15-4/tb45olsa.pdf.")
    assert ms.notes[3].text.startswith("Olšák")


def test_a_running_head_glued_to_its_numbers_is_not_a_note_run_onto_a_word():
    # pdfminer gave scrbook's head "2 CHAPITRE 1. I. PORTS, CONSULS ET CRÉDIT" as "2CHAPITRE1. I. PORTS, …" above a
    # numbered list ("1. …", "2. …"): it was cut as a word with note 1 run onto it, and "CHAPITRE" became a note
    # (tests/realpipe/dev/fr-extauthoryearibid-book)
    head = "CHAPITRE1. I. PORTS, CONSULS ET CRÉDIT, 1908-1914"
    text = ("Les exportations reculent nettement.1 Durant cette période, le gouverneur adopte une ligne.2\n"
            "1. Glashow 1961, p. 583.\n2. Moore 1965, p. 115.\n1\n"
            f"2{head}\n1. le ravitaillement des villes côtières;\n2. l’installation des réfugiés;\n"
            "Près de 70 % du commerce des grains passe par Smyrne en 1901.3 Les contemporains jugent.\n"
            "3. Gaonkar 2001, p. 11.\n3\n"
            f"4{head}\nLe budget de 1890 prévoit 12 000 piastres.4\n4. Salam 1968, p. 374.\n")
    ms = read_pdf_text(text, "m.txt")
    assert [n.number for n in ms.notes] == [1, 2, 3, 4]
    assert [n.text for n in ms.notes][:2] == ["Glashow 1961, p. 583.", "Moore 1965, p. 115."]


def test_a_number_inside_a_spaced_out_link_is_no_marker():
    # pypdf and pdftotext space a link out ("url: https : / / tug . org / TUGboat / tb15 -"): "tb15" read as marker 15
    # glued to a word, the line became body and note 13 lost it (tests/realpipe/dev/de-verboseinoteluhipw-scrreprt)
    text = ("Die Lage habe sich erheblich verschärft.13 Die Angelegenheit kam erneut zur Sprache.14\n"
            "13 Johannes Braams: „Document classes“. In: TUGboat, Nr. 3, 15. Jg., H. 44 (Sep.\n"
            "1994), S. 255–262. url: https : / / tug . org / TUGboat / tb15 -\n"
            "3/tb44braams.pdf, S. 255.\n14 Braams (s. Anm. 13), S. 256.\n")
    ms = read_pdf_text(text, "m.txt")
    assert [n.number for n in ms.notes] == [13, 14]
    assert "S. 255–262" in ms.notes[0].text
    assert [m.number for m in ms.markers] == [13, 14]


def test_two_short_footnotes_that_pypdf_gave_on_one_line_are_two_notes():
    # pypdf: "5Ders., ”Das Erstellen eines Glossars“, S. 75, 78. 6Ernst Molitor. …" — note 6 was lost inside note 5
    # (tests/realpipe/holdout-s28b/de-verbosetrad1-report)
    text = ("Die Lage habe sich verschärft.5 Die Angelegenheit kam erneut zur Sprache.6 Ohne Ergebnis.\n"
            "5Ders., ”Das Erstellen eines Glossars“, S. 75, 78. 6Ernst Molitor. ”Brief an den Präsidenten“. In: DTK "
            "9.4 (Feb. 1997), S. 61–63, S. 61.\n")
    ms = read_pdf_text(text, "m.txt")
    assert [(n.number, n.text) for n in ms.notes] == [  # (the OT1 low quote ” read as „)
        (5, "Ders., „Das Erstellen eines Glossars“, S. 75, 78."),
        (6, "Ernst Molitor. „Brief an den Präsidenten“. In: DTK 9.4 (Feb. 1997), S. 61–63, S. 61.")]


def test_a_marker_with_the_next_sentences_date_glued_on():
    # pdfminer: "…tutumbenimsemiştir.117Şubat1919tarihindeBatum…" is marker 11, then 7 Şubat 1919; it could be marker 1
    # and 17 Şubat: the numbering takes the split it needs (tests/realpipe/holdout/tr-ufgmuensterverbose-memoir)
    text = ("Mesele yeniden ele alınmıştır.10 Dönemin gözlemcileri farklı görüşler ileri sürmüştür ve bu konuda\n"
            "valilik temkinli bir tutumbenimsemiştir.117Şubat1919tarihindeBatumkonsolosu durumun kötüleştiğini\n"
            "bildirmiştir. Bu rakamlara ihtiyatla yaklaşmak gerekir, zira kayıtlar eksiktir.12\n"
            "10 Yıldırım, Trabzon Limanı, s. 25.\n11 Aynı yer, s. 28.\n12 Aynı yer, s. 30.\n")
    ms = read_pdf_text(text, "m.txt")
    assert [n.number for n in ms.notes] == [10, 11, 12]
    assert [m.number for m in ms.markers] == [10, 11, 12]


def test_a_year_or_a_quantity_before_a_unit_hides_no_marker() -> None:
    # Italian "per cento": "nel 1909 per Adana" was read as day 19 with marker 9 run onto it, "il 35 per cento" as
    # day 3 with marker 5 (holdout-s35page/it-authortitleibid-scrartcl-perpage: a marker 9 without its note)
    from srccheck.manuscript.pdftext import _Line, marker_candidates

    line = "il 35 per cento del commercio dei cereali passava nel 1909 per Adana."
    assert marker_candidates([_Line(0, line)]) == []
    assert [c[2] for c in marker_candidates([_Line(0, "Correspondence dated 207 June 1919 mentions")])] == [7]
