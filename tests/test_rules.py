"""Each rule: a case it must report and a close case it must not (the rule's spec, readable as pairs)."""

from __future__ import annotations

from pathlib import Path

import pytest

from srccheck.bibliography import parse_bibliography
from srccheck.manuscript.pdftext import read_pdf_text
from srccheck.pipeline import Options, check_loaded
from srccheck.rules import all_rules

BIB = r"""
@book{kaya1990, author={Kaya, Ali}, title={Osmanlı Limanları ve Ticaret}, publisher={Tarih Yayınları},
  address={Ankara}, year=1990, pagetotal={300}}
@article{demir1995, author={Demir, Ayşe}, title={Konsoloslar ve Tüccarlar}, journal={Tarih Dergisi}, volume=12,
  number=3, year=1995, pages={41--60}}
@book{can2001, author={Can, Veli}, title={Karadeniz Kıyısında Göç}, publisher={Deniz Yayınevi}, address={İstanbul},
  year=2001}
@book{can2005, author={Can, Veli}, title={Doğu Anadolu'da İskân}, publisher={Deniz Yayınevi}, address={İstanbul},
  year=2005}
"""
SEP = " " * 40


def findings(notes: list[str], bib: str = BIB, body: str | None = None, numbers: list[int] | None = None):
    numbers = numbers or list(range(1, len(notes) + 1))
    body = body if body is not None else " ".join(f"Claim.{n}" for n in numbers)
    text = body + "\n\n" + SEP + "\n" + "\n".join(f"{n} {t}" for n, t in zip(numbers, notes)) + "\n"
    report = check_loaded(read_pdf_text(text, "m.txt"), parse_bibliography(bib), Options(language="tr"))
    return [(f.rule, f.note, f.key) for f in report.findings]


FULL_KAYA = "Ali Kaya, Osmanlı Limanları ve Ticaret, Tarih Yayınları, Ankara, 1990, s. 12."
FULL_DEMIR = "Ayşe Demir, “Konsoloslar ve Tüccarlar”, Tarih Dergisi, XII, S. 3, 1995, s. 45."
FULL_CAN1 = "Veli Can, Karadeniz Kıyısında Göç, Deniz Yayınevi, İstanbul, 2001, s. 5."
FULL_CAN2 = "Veli Can, Doğu Anadolu’da İskân, Deniz Yayınevi, İstanbul, 2005, s. 9."
ALL_CITED = [FULL_KAYA, FULL_DEMIR, FULL_CAN1, FULL_CAN2]


def rules_of(found, rule):
    return [f for f in found if f[0] == rule]


def test_clean_manuscript_has_no_findings():
    assert findings(ALL_CITED) == []


def test_unresolved_citation():
    found = findings(ALL_CITED + ["Mehmet Yok, Bilinmeyen Eser, Ankara, 1950, s. 3."])
    assert rules_of(found, "unresolved-citation") == [("unresolved-citation", 5, None)]
    assert not rules_of(findings(ALL_CITED + ["A. Kaya, Osmanlı Limanları, s. 3."]), "unresolved-citation")


def test_ambiguous_short_citation():
    after_other = ALL_CITED + ["A. Kaya, Osmanlı Limanları, s. 3.", "Can, a.g.e., s. 7."]
    assert rules_of(findings(after_other), "ambiguous-short-citation") == [("ambiguous-short-citation", 6, None)]
    # right after one of his works, "Can, a.g.e." means that work
    assert not rules_of(findings(ALL_CITED[:3] + ["Can, a.g.e., s. 7.", FULL_CAN2]), "ambiguous-short-citation")


def test_short_before_full():
    notes = ["A. Kaya, Osmanlı Limanları, s. 3.", FULL_KAYA, FULL_DEMIR, FULL_CAN1, FULL_CAN2]
    assert rules_of(findings(notes), "short-before-full") == [("short-before-full", 1, "kaya1990")]
    assert not rules_of(findings(ALL_CITED + ["A. Kaya, Osmanlı Limanları, s. 3."]), "short-before-full")


def test_note_number_gap_and_duplicate():
    gap = findings(ALL_CITED, numbers=[1, 2, 4, 5])
    assert rules_of(gap, "note-number-gap") == [("note-number-gap", 3, None)]
    dup = findings(ALL_CITED, numbers=[1, 2, 2, 3], body="Claim.1 Claim.2 Claim.3")
    assert rules_of(dup, "duplicate-note-number") == [("duplicate-note-number", 2, None)]
    assert not rules_of(dup, "note-number-gap")


def test_note_without_marker_and_marker_without_note():
    found = findings(ALL_CITED, body="Claim.1 Claim.2 Claim. Claim.4")
    assert rules_of(found, "note-without-marker") == [("note-without-marker", 3, None)]
    found = findings(ALL_CITED[:3], body="Claim.1 Claim.2 Claim.3 Claim.4", numbers=[1, 2, 3])
    assert rules_of(found, "marker-without-note") == [("marker-without-note", 4, None)]
    assert not rules_of(findings(ALL_CITED), "note-without-marker")


def test_inconsistent_spelling():
    misspelt = ALL_CITED + ["A. Kaya, Osmanli Limanlari ve Ticarte, s. 3."]
    assert rules_of(findings(misspelt), "inconsistent-spelling") == [("inconsistent-spelling", 5, "kaya1990")]
    missing_word = ALL_CITED + ["A. Kaya, Osmanlı Limanları Ticaret, s. 3."]
    assert rules_of(findings(missing_word), "inconsistent-spelling") == [("inconsistent-spelling", 5, "kaya1990")]
    # case, diacritics, a shortened title and an abbreviated word are fine
    fine = ALL_CITED + ["A. Kaya, OSMANLI LİMANLARI, s. 3.", "A. Kaya, Osmanli Liman. ve Ticaret, s. 4."]
    assert not rules_of(findings(fine), "inconsistent-spelling")


def test_inconsistent_spelling_of_typeset_tex_logos():
    # a PDF prints \LaTeXe as "LATEX 2ε" (or, glued by its extractor, "LATEX2ε"); the .bib decodes it as "LaTeX2e"
    bib = BIB + "@article{mitt, author={Mittelbach, Frank}, title={A new algorithm for {\\LaTeXe}}, year=2000}"
    typeset = ALL_CITED + ["F. Mittelbach, “A new algorithm for LATEX2ε”, p. 3.",
                           "F. Mittelbach, “A new algorithm for LATEX 2ε”, p. 4."]
    assert not rules_of(findings(typeset, bib=bib), "inconsistent-spelling")
    assert not rules_of(findings(typeset, bib=bib), "unresolved-citation")
    misspelt = ALL_CITED + ["F. Mittelbach, “A new algoritm for LATEX2ε”, p. 3."]
    assert rules_of(findings(misspelt, bib=bib), "inconsistent-spelling") == [("inconsistent-spelling", 5, "mitt")]


def test_metadata_mismatch():
    wrong_year = [FULL_KAYA.replace("1990", "1993"), FULL_DEMIR, FULL_CAN1, FULL_CAN2]
    assert rules_of(findings(wrong_year), "metadata-mismatch") == [("metadata-mismatch", 1, "kaya1990")]
    wrong_volume = [FULL_KAYA, FULL_DEMIR.replace("XII", "XIV"), FULL_CAN1, FULL_CAN2]
    assert rules_of(findings(wrong_volume), "metadata-mismatch") == [("metadata-mismatch", 2, "demir1995")]
    # publisher abbreviated or extended, place with country: agreement
    fine = [FULL_KAYA.replace("Tarih Yayınları", "Tarih Yay."), FULL_DEMIR, FULL_CAN1.replace("İstanbul", "İstanbul/Türkiye"),
            FULL_CAN2]
    assert not rules_of(findings(fine), "metadata-mismatch")


def test_page_out_of_range():
    assert rules_of(findings(ALL_CITED + ["A. Demir, “Konsoloslar ve Tüccarlar”, s. 75."]), "page-out-of-range") == [
        ("page-out-of-range", 5, "demir1995")]
    assert rules_of(findings(ALL_CITED + ["A. Kaya, Osmanlı Limanları, s. 301."]), "page-out-of-range") == [
        ("page-out-of-range", 5, "kaya1990")]
    assert not rules_of(findings(ALL_CITED + ["A. Demir, “Konsoloslar ve Tüccarlar”, s. 60."]), "page-out-of-range")


def test_reversed_page_range():
    assert rules_of(findings(ALL_CITED + ["A. Kaya, Osmanlı Limanları, s. 45-39."]), "reversed-page-range") == [
        ("reversed-page-range", 5, "kaya1990")]
    assert not rules_of(findings(ALL_CITED + ["A. Kaya, Osmanlı Limanları, s. 131-32."]), "reversed-page-range")


def test_missing_locator():
    assert rules_of(findings(ALL_CITED + ["A. Kaya, Osmanlı Limanları."]), "missing-locator") == [
        ("missing-locator", 5, "kaya1990")]
    assert not rules_of(findings(ALL_CITED + ["a.y."]), "missing-locator")  # "the same place"


def test_inconsistent_spelling_of_an_archival_documents_title():
    bib = BIB + ("@misc{bca1926, title={Kars vilayetinde iskân işlerine dair Başvekâlet yazısı}, "
                 "archive={Cumhuriyet Arşivi}, organization={BCA}, number={030.10.00.00/198.355.10}, year=1926}\n")
    full = "‘Kars vilayetinde iskân işlerine dair Başvekâlet yazısı’, 21 Temmuz 1926, BCA, 030.10.00.00/198.355.10."
    misspelt = full.replace("Başvekâlet", "Başvekalat")
    assert rules_of(findings(ALL_CITED + [full, misspelt], bib=bib), "inconsistent-spelling") == [
        ("inconsistent-spelling", 6, "bca1926")]
    # diacritics dropped are not a misspelling
    plain = full.replace("iskân", "iskan").replace("Başvekâlet", "Basvekalet")
    assert not rules_of(findings(ALL_CITED + [full, plain], bib=bib), "inconsistent-spelling")


def test_unused_entry():
    assert rules_of(findings(ALL_CITED[:3]), "unused-entry") == [("unused-entry", None, "can2005")]
    report_uncited = check_loaded(
        read_pdf_text("Claim.1\n\n" + SEP + "\n1 " + FULL_KAYA + "\n", "m.txt"), parse_bibliography(BIB),
        Options(language="tr", uncited={"demir1995", "can2001", "can2005"}))
    assert not [f for f in report_uncited.findings if f.rule == "unused-entry"]


def test_duplicate_entry():
    bib = BIB + "@book{Kaya1990, author={Kaya, Ali}, title={Başka}, year=1990}\n"
    assert ("duplicate-entry", None, "Kaya1990") in findings(ALL_CITED, bib=bib)
    bib = BIB + "@book{kayaAgain, author={Kaya, Ali}, title={Osmanlı Limanları ve Ticaret}, year=1990}\n"
    assert ("duplicate-entry", None, "kayaAgain") in findings(ALL_CITED, bib=bib)
    assert not rules_of(findings(ALL_CITED), "duplicate-entry")


def test_bib_parse_error_keeps_the_rest():
    bib = BIB + "@book{broken, title={Unclosed, year=2000\n@book{after, author={Son, Ali}, title={Son Kitap}, year=2002}\n"
    found = findings(ALL_CITED + ["Ali Son, Son Kitap, Ankara, 2002, s. 1."], bib=bib)
    assert rules_of(found, "bib-parse-error")
    assert not rules_of(found, "unresolved-citation")


# -- reference managers' citation fields (the readers are tested in tests/test_refmgr_fields.py) ------


def field_findings(notes: list[list[str]]):
    from test_refmgr_fields import field_docx

    from srccheck.manuscript import parse_bytes

    report = check_loaded(parse_bytes(field_docx(notes), "m.docx"), parse_bibliography(BIB), Options(language="tr"))
    return [(f.rule, f.note, f.key) for f in report.findings if f.rule in (
        "edited-citation", "unlinked-citation", "duplicate-item", "unresolved-citation")]


KAYA_URI, OTHER_URI = "http://zotero.org/users/9/items/KAYA1111", "http://zotero.org/users/9/items/KAYA2222"
KAYA_TITLE = "Osmanlı Limanları ve Ticaret"


def _kaya(locator: str, shown: str, rendered: str | None = None, uri: str = KAYA_URI, title: str = KAYA_TITLE):
    from test_refmgr_fields import zotero_field

    return [zotero_field(uri, title, locator, shown, rendered)]


def _r(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'


def test_edited_citation():
    full = "Ali Kaya, Osmanlı Limanları ve Ticaret, Ankara 1990, s. 12."
    edited = [_kaya("12", full), _kaya("14", "Kaya, Osmanlı Limanları, s. 15.", "Kaya, Osmanlı Limanları, s. 14.")]
    assert field_findings(edited) == [("edited-citation", 2, "kaya1990")]
    # spacing and no-break spaces are how Word keeps text, not an edit
    same = [_kaya("12", full), _kaya("14", "Kaya,  Osmanlı\u00a0Limanları, s. 14.", "Kaya, Osmanlı Limanları, s. 14.")]
    assert field_findings(same) == []
    # a plain rendering may hold a URL in angle brackets (MHRA): text, not an HTML tag to strip
    url = "Kaya, Osmanlı Limanları, s. 14 <https://example.org/kaya>."
    assert field_findings([_kaya("12", full), _kaya("14", url.replace("<", "&lt;").replace(">", "&gt;"), url)]) == []


def test_unlinked_citation():
    typed = "Ali Kaya, Osmanlı Limanları ve Ticaret, Ankara 1990, s. 20."
    notes = [_kaya("12", "Kaya, Osmanlı Limanları, s. 12."), _kaya("13", "Kaya, Osmanlı Limanları, s. 13."),
             [_r(typed)]]
    assert field_findings(notes) == [("unlinked-citation", 3, "kaya1990")]
    # a document that mostly types its citations is not a reference manager's document
    mostly_typed = [[_r(typed)], [_r("Kaya, Osmanlı Limanları, s. 21.")], _kaya("12", "Kaya, Osmanlı Limanları, s. 12.")]
    assert field_findings(mostly_typed) == []


def test_duplicate_item():
    first = _kaya("12", "Kaya, Osmanlı Limanları, s. 12.")
    again = _kaya("13", "Kaya, Osmanlı Limanları, s. 13.", uri=OTHER_URI)
    assert field_findings([first, again]) == [("duplicate-item", 2, "kaya1990")]
    # the same library item twice is one work cited twice
    assert field_findings([first, _kaya("13", "Kaya, Osmanlı Limanları, s. 13.")]) == []
    # two items of two works: no finding (the second is not in the bibliography)
    other = _kaya("13", "Kaya, Başka Bir Kitap, s. 13.", uri=OTHER_URI, title="Başka Bir Kitap")
    assert field_findings([first, other]) == [("unresolved-citation", 2, None)]


def test_the_older_rules_apply_to_field_citations():
    from test_refmgr_fields import zotero_field

    def found(notes):
        from test_refmgr_fields import field_docx

        from srccheck.manuscript import parse_bytes

        report = check_loaded(parse_bytes(field_docx(notes), "m.docx"), parse_bibliography(BIB), Options(language="tr"))
        return [(f.rule, f.note, f.key) for f in report.findings]

    full = "Ali Kaya, Osmanlı Limanları ve Ticaret, Ankara 1990, s. 12."
    # a field showing a short form before the field showing the full citation: a note was moved
    moved = found([_kaya("9", "Kaya, Osmanlı Limanları, s. 9."), _kaya("12", full)])
    assert ("short-before-full", 1, "kaya1990") in moved
    assert not rules_of(found([_kaya("12", full), _kaya("9", "Kaya, Osmanlı Limanları, s. 9.")]), "short-before-full")
    # a page beyond the book's pagetotal (300), and a typed "a.g.e." after a note citing two works
    demir = zotero_field("http://zotero.org/users/9/items/DEMI3333", "Konsoloslar ve Tüccarlar", "45",
                         "Ayşe Demir, “Konsoloslar ve Tüccarlar”, s. 45.", family="Demir", given="Ayşe", year=1995)
    notes = [_kaya("350", full) + [_r("; ")] + [demir], [_r("a.g.e., s. 5.")]]
    assert ("page-out-of-range", 1, "kaya1990") in found(notes)
    # (read as the last of them, Demir's, and said so)
    assert ("ambiguous-short-citation", 2, "demir1995") in found(notes)


def test_every_rule_is_documented_and_tested():
    source = Path(__file__).read_text(encoding="utf-8")
    for rule in all_rules():
        assert rule.code.startswith("SC") and rule.name == rule.name.lower()
        doc = rule.doc
        assert "What it finds" in doc and "Why it matters" in doc and "What to do" in doc, rule.name
        if rule.name != "unused-suppression":  # its tests live with the suppression engine
            assert f'"{rule.name}"' in source, f"no test for {rule.name}"


@pytest.mark.parametrize("rule", all_rules(), ids=lambda r: r.name)
def test_codes_and_names_are_unique(rule):
    rules = all_rules()
    assert sum(r.code == rule.code for r in rules) == 1
    assert sum(r.name == rule.name for r in rules) == 1


def test_no_notes_found_is_an_error_naming_the_expected_layout():
    text = "A body with a claim.1 and no notes anywhere.\n"
    report = check_loaded(read_pdf_text(text, "m.txt"), parse_bibliography(BIB), Options(language="tr"))
    found = [f for f in report.findings if f.rule == "no-notes-found"]
    assert len(found) == 1 and found[0].severity.value == "error"
    assert "numbered 1, 2, 3" in found[0].message
    assert not rules_of(findings(ALL_CITED), "no-notes-found")


def _restarted(numbers: list[tuple[int, int]]):
    from srccheck.model import Manuscript, Note

    notes = [Note(i, FULL_KAYA, i, chapter=c, printed=p) for i, (c, p) in enumerate(numbers, start=1)]
    ms = Manuscript("m.txt", notes, numbering="per-chapter")
    report = check_loaded(ms, parse_bibliography(BIB), Options(language="tr"))
    return [(f.rule, f.note, f.message) for f in report.findings if f.rule in ("note-number-gap", "duplicate-note-number")]


def test_numbering_restarted_per_chapter_is_no_gap_or_duplicate():
    assert _restarted([(1, 1), (1, 2), (2, 1), (2, 2), (3, 1)]) == []
    gap = _restarted([(1, 1), (1, 2), (2, 1), (2, 3)])
    assert [(rule, note) for rule, note, _ in gap] == [("note-number-gap", 4)]
    assert "note 2 of chapter 2 missing" in gap[0][2]
    dup = _restarted([(1, 1), (2, 1), (2, 1)])
    assert [(rule, note) for rule, note, _ in dup] == [("duplicate-note-number", 3)]
    assert "note 1 of chapter 2" in dup[0][2]


def test_citation_messages_name_the_note_by_chapter_when_numbering_restarts():
    text = (
        "Chapter 1\nA claim.1 Another claim.2\n\n" + SEP + "\n"
        f"1 {FULL_KAYA}\n2 {FULL_DEMIR}\n\f"
        "Chapter 2\nA third claim.1\n\n" + SEP + "\n"
        "1 Veli Can, Karadeniz Kıyısında Göç, Deniz Yayınevi, İstanbul, 2001.\n"
    )
    manuscript = read_pdf_text(text, "m.txt")
    assert manuscript.numbering == "per-chapter"
    report = check_loaded(manuscript, parse_bibliography(BIB), Options(language="tr"))
    missing = [f for f in report.findings if f.rule == "missing-locator"]
    assert [(f.note, f.message.split(":")[0]) for f in missing] == [(3, "note 1 of chapter 2")]


def test_garbled_text_names_its_words_and_the_code_page_that_reads_them():
    from srccheck.manuscript import parse_bytes

    text = ("Турецкие порты в годы войны.1\n\n" + SEP + "\n1 Иванов И. И. История портов Черного моря. М., 1990. С. 12.\n")
    wrong = parse_bytes(text.encode("cp1251"), "m.txt", encoding="cp1252")
    report = check_loaded(wrong, parse_bibliography(BIB), Options(language="ru"))
    found = [f for f in report.findings if f.rule == "garbled-text"]
    assert len(found) == 1 and found[0].severity.value == "error" and "read as cp1252" in found[0].message
    assert "--encoding cp1251" in (found[0].suggestion or "")
    right = parse_bytes(text.encode("cp1251"), "m.txt")
    assert right.encoding == "cp1251"
    assert not [f for f in check_loaded(right, parse_bibliography(BIB), Options(language="ru")).findings
                if f.rule == "garbled-text"]


def test_inconsistent_spelling_of_a_name_in_capitals_with_a_capital_sharp_s():
    # the Annales CSL style sets names in capitals: "WEİẞENBORN" (Turkish İ, capital ẞ) is the .bib's "Weißenborn"
    bib = BIB + "@book{weiss, author={Weißenborn, Jutta}, title={Deutsche Konsuln im Orient}, year=2003}"
    cited = ALL_CITED + ["Jutta WEİẞENBORN, Deutsche Konsuln im Orient, 2003, s. 4."]
    assert not rules_of(findings(cited, bib=bib), "inconsistent-spelling")
    misspelt = ALL_CITED + ["Jutta WEİẞENBRON, Deutsche Konsuln im Orient, 2003, s. 4."]
    assert rules_of(findings(misspelt, bib=bib), "inconsistent-spelling") == [("inconsistent-spelling", 5, "weiss")]
