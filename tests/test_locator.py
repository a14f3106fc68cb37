"""The locator grammar: labels, ranges with any dash, abbreviated ends, lists, volume/page, pinpoints."""

from __future__ import annotations

import pytest

from srccheck.grammar import grammar_for
from srccheck.locator import expand_range, split_locator

TR, EN, DE, FR = (grammar_for(x) for x in ("tr", "en", "de", "fr"))


@pytest.mark.parametrize(
    "text,grammar,head,ranges",
    [
        ("Ankara, 1996, s. 18-19.", TR, "Ankara, 1996", ((18, 19),)),
        ("İstanbul, 2018, s. 292- 294.", TR, "İstanbul, 2018", ((292, 294),)),
        ("Gürün, a.g.e., s.19.", TR, "Gürün, a.g.e.", ((19, 19),)),
        ("Title, ss. 140-41", TR, "Title", ((140, 141),)),
        ("Smith, Title, 131–32.", EN, "Smith, Title", ((131, 132),)),
        ("Smith, Title, 63-6.", EN, "Smith, Title", ((63, 66),)),
        ("Journal 12, no. 3 (1999): 201–3.", EN, "Journal 12, no. 3 (1999)", ((201, 203),)),
        ("Title (London: Penguin, 2001), 45, 47.", EN, "Title (London: Penguin, 2001)", ((45, 45), (47, 47))),
        ("Müller, Titel, S. 12 f.", DE, "Müller, Titel", ((12, 12),)),
        ("Titel, Berlin 1999, S. 12 ff.", DE, "Titel, Berlin 1999", ((12, 12),)),
        ("Aufsatz, Zeitschrift 4 (2004), S. 113–142, hier S. 118.", DE, "Aufsatz, Zeitschrift 4 (2004)", ((118, 118),)),
        ("Article, pp. 42–46 (p. 43).", EN, "Article", ((43, 43),)),
        ("Article, pp. 45–78 (pp. 45, 52).", EN, "Article", ((45, 45), (52, 52))),
        ("Revue, 27, 2012, p. 89‑124, ici p. 104.", FR, "Revue, 27, 2012", ((104, 104),)),
        ("Rivière, Histoire, t. II, p. 45.", FR, "Rivière, Histoire", ((45, 45),)),
        ("Yılmaz, Başlık, 2/143.", TR, "Yılmaz, Başlık", ((143, 143),)),
        ("Yılmaz, Başlık, 3: 29-33.", TR, "Yılmaz, Başlık", ((29, 33),)),
        ("Title, s. 183 vd.", TR, "Title", ((183, 183),)),
        ("Defter, 440a.", TR, "Defter", ((440, 440),)),
        ("Karabekir, Harbimiz, s. 45-39.", TR, "Karabekir, Harbimiz", ((45, 39),)),  # reversed stays reversed
        ("“Sanitary Council,” 210.", EN, "“Sanitary Council,”", ((210, 210),)),
    ],
)
def test_locator_found(text, grammar, head, ranges):
    got_head, locator = split_locator(text, grammar)
    assert locator is not None
    assert got_head == head
    assert locator.ranges == ranges


@pytest.mark.parametrize(
    "text,grammar",
    [
        ("Siyasal Kitabevi, Ankara, 1996", TR),  # a year is not a page
        ("Russian Azerbaijan, 1905-1920", EN),  # a date range is not a page range
        ("Tarih-i Osmani, 1335/1919", TR),  # a dual date is not volume/page
        ("Atatürk Dergisi, IV, S.1, 2004", TR),  # Turkish "S." is an issue
        ("Ebd.", DE),
        ("Title Words 45", EN),  # a number inside a title, not its own part
    ],
)
def test_no_locator(text, grammar):
    assert split_locator(text, grammar)[1] is None


def test_turkish_S_is_an_issue_but_german_S_is_a_page():
    assert split_locator("Dergi, S. 3", TR)[1] is None
    assert split_locator("Zeitschrift, S. 3", DE)[1].ranges == ((3, 3),)


def test_passim_and_roman_pages():
    assert split_locator("Smith, Title, passim.", EN)[1].passim
    roman = split_locator("Smith, Title, xii–xiv.", EN)[1]
    assert roman is not None and roman.ranges == ()


@pytest.mark.parametrize("start,end,expected", [("131", "32", (131, 132)), ("63", "6", (63, 66)),
                                               ("1998", "99", (1998, 1999)), ("45", "39", (45, 39)),
                                               ("9", "12", (9, 12))])
def test_expand_range(start, end, expected):
    assert expand_range(start, end) == expected


@pytest.mark.parametrize(
    "text,ranges,span",
    [
        ("‘Die Kapitulationen’ (2004) 31 Archiv für Völkerrechtsgeschichte 245, 265.", ((265, 265),), None),
        ("Türk Kültürü İncelemeleri Dergisi (2010), 22, 45–78, 60–61", ((60, 61),), (45, 78)),
        ("Journal of Mediterranean Studies (2008), 19: 2, 211–239, 215", ((215, 215),), (211, 239)),
        ("Osmanlı Maliye Tarihi (Ankara, 1997), iii. 251", ((251, 251),), None),
        ("Title (London, 2001), 45, 47.", ((45, 45), (47, 47)), None),  # a list, not a span and a pinpoint
    ],
)
def test_first_page_volume_and_span_before_the_pinpoint(text, ranges, span):
    locator = split_locator(text, EN)[1]
    assert locator.ranges == ranges and locator.span == span


@pytest.mark.parametrize("lang, text", [
    ("fr", "Partisan Review, 58/4 (1991), 656-64 spéc. 662."),
    ("es", "Partisan Review, 58/4 (1991), 656-64 esp. 662."),
    ("tr", "Partisan Review, 58/4 (1991), 656-64 öz. bkz. 662."),
])
def test_the_page_meant_inside_a_span_after_biblatexs_thiscite_word(lang: str, text: str) -> None:
    # biblatex prints its "thiscite" string between an article's span and the page cited (oxnotes, fr:
    # tests/realpipe/dev/fr-oxnotestrad2-book); "spéc. 662" was read as a volume and the page lost
    _, locator = split_locator(text, grammar_for(lang))
    assert locator is not None and locator.ranges == ((662, 662),) and locator.span == (656, 664)


@pytest.mark.parametrize("text", [
    "WILDE Oscar, The importance of being earnest, 1899, pp. 11, 16. En ligne: <https://books.google.com?id=4H>.",
    "Wilde, The Importance of Being Earnest (1899), 11, 16. Available at: https://books.google.com/?id=4H.",
])
def test_the_words_before_a_closing_link_are_not_left_before_the_locator(text: str) -> None:
    # CSL styles print "En ligne : <URL>" / "Available at:" after the pages (tests/corpus/align infoclio-fr-smallcaps):
    # the link went, its label stayed last and the pages were lost
    from srccheck.citations import _without_trailing_link

    _, locator = split_locator(_without_trailing_link(text), FR if "ligne" in text else EN)
    assert locator is not None and locator.ranges == ((11, 11), (16, 16))


def test_an_issn_glued_to_its_label_is_no_page_range() -> None:
    # pdfminer glues "issn: 0896-3207. url: …" into "issn:0896-3207.url:…": read as pages 896-3207, outside the article
    _, locator = split_locator("In: TUGboat 13.3 (1992), págs. 269-271. issn:0896-3207", grammar_for("es"))
    assert locator is None or (896, 3207) not in locator.ranges


def test_a_volume_and_its_year_in_brackets_are_no_page_and_pinpoint() -> None:
    # New Hart's Rules: "J. Chem. Phys., 124 (2006), https://doi.org/…" (tests/corpus/align new-harts-rules-notes) was
    # read as page 124 with 2006 the page meant; jura2's "10 (13)" stays the first page and the page meant
    assert split_locator("Kastenholz, ‘Computation’, J. Chem. Phys., 124 (2006)", EN)[1] is None
    assert split_locator("Meyer, DTK 27 (2015), 10 (13)", DE)[1].ranges == ((13, 13),)


def test_an_issn_and_a_link_after_the_page_leave_the_page_last() -> None:
    # biblatex-chicago: "TUGboat 24, no. 2 (77 2003): 221, issn: 0896-3207, https://…" (tests/realpipe/holdout-s30/
    # en-chicagonotes-book, spent): the ISSN stayed last once the link went, and no page was right on the document
    from srccheck.citations import _without_trailing_link

    text = "Team, “news”, TUGboat 24, no. 2 (77 2003): 221, issn: 0896-3207, https://tug.org/ TUGboat/tb24-2/x.pdf"
    _, locator = split_locator(_without_trailing_link(text), EN)
    assert locator is not None and locator.ranges == ((221, 221),)


def test_a_doi_in_brackets_without_its_colon_ends_the_citation() -> None:
    # citeproc-js in Presses universitaires de Rennes prints "p. 391 377‑395, [https//doi.org/…]": neither seen as a
    # link (no colon) nor taken off with its bracket, and the page was lost (tests/corpus/align …-rennes)
    from srccheck.citations import _without_trailing_link

    text = ("Journal of Computational Chemistry, nᵒ 4, vol. 19, 1998, p. 391 377‑395, "
            "[https//doi.org/10.1002/(SICI)1096-987X(199803)19:4<377::AID-JCC1>3.0.CO;2-P].")
    _, locator = split_locator(_without_trailing_link(text), FR)
    assert locator is not None and locator.ranges == ((391, 391),) and locator.span == (377, 395)


def test_a_pinpoint_glued_to_the_bracket_before_it():
    # OSCOLA sets the pinpoint after the bracketed imprint; pdfminer dropped the space: "… Wiksell 1968)373."
    # (tests/realpipe/dev/en-oscola-article)
    g = grammar_for("en")
    head, loc = split_locator("Abdus Salam, “Weak and Electromagnetic Interactions” (Almquist&Wiksell 1968)373.", g)
    assert loc is not None and loc.ranges == ((373, 373),) and head.endswith("1968)")
    assert split_locator("Gordon E Moore, “Cramming” (1965)", g)[1] is None  # a year in brackets is no page


@pytest.mark.parametrize("text, head, ranges", [
    # pdfminer drops the space a Chicago short form keeps after the title's closing quote
    # (tests/realpipe/dev/en-chicago-pandoc: "16Siegman,“BookpublishingusingTeX,”8.")
    ("Siegman, “Book publishing using TeX,”8.", "Siegman, “Book publishing using TeX,”", ((8, 8),)),
    ("Wilson, “Glisterings,”22–24.", "Wilson, “Glisterings,”", ((22, 24),)),
    ("Dupont, «Le port de Smyrne»12.", "Dupont, «Le port de Smyrne»", ((12, 12),)),
])
def test_a_page_glued_to_a_closing_quote_is_the_locator(text: str, head: str, ranges: tuple) -> None:
    found_head, locator = split_locator(text, grammar_for("en"))
    assert (found_head, locator.ranges if locator else None) == (head, ranges)


@pytest.mark.parametrize("text, head, ranges", [
    # biblatex-archaeology's rgk-verbose where the journal is missing: volume, "in:", number, issue, year, pages
    # (tests/realpipe/holdout-s35/de-rgkverbose-scrbook)
    ("M. J. Wichura, Showing-off math macros 11 in: 1 27 1990 57–58",
     "M. J. Wichura, Showing-off math macros 11 in: 1 27 1990", ((57, 58),)),
    ("Anonymous, Calendar 18 in: 1 54 1997 62.", "Anonymous, Calendar 18 in: 1 54 1997", ((62, 62),)),
])
def test_a_page_right_after_the_year_is_the_locator(text: str, head: str, ranges: tuple) -> None:
    found_head, locator = split_locator(text, grammar_for("de"))
    assert (found_head, locator.ranges if locator else None) == (head, ranges)


@pytest.mark.parametrize("text", ["Berlin 1990", "Geschichte der Stadt 1990"])
def test_a_year_at_the_end_is_no_page(text: str) -> None:
    assert split_locator(text, grammar_for("de"))[1] is None
