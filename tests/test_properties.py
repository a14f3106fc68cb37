"""Property tests: no exception on arbitrary Unicode, and the invariants of pages and note numbers.

CI runs hypothesis's default example counts. The fuzz run (outside CI) raises them:

    HYPOTHESIS_PROFILE=fuzz .venv/bin/python -m pytest -q tests/test_properties.py -p no:cacheprovider

(the "fuzz" profile in tests/conftest.py: 100,000 examples per test, no deadline).
"""

from __future__ import annotations

import string

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from srccheck.bibliography import parse_bibliography
from srccheck.citations import parse_citation, split_note
from srccheck.grammar import grammar_for
from srccheck.locator import expand_range, parse_locator, split_locator
from srccheck.manuscript.pdftext import read_pdf_text
from srccheck.model import Note
from srccheck.names import looks_like_names, parse_bib_names, parse_names
from srccheck.normalize import clean, fold
from srccheck.sources import merge_ranges

LANGUAGES = ["tr", "en", "de", "fr", "it", "es", "ru"]
GRAMMARS = [grammar_for(lang) for lang in LANGUAGES]
grammars = st.sampled_from(GRAMMARS)

# Arbitrary Unicode, and text biased towards what the patterns look for.
PIECES = ["s.", "ss.", "p.", "pp.", "S.", "С.", "C.", "vol.", "a.g.e.", "a.y.", "Ibid.", "ibid", "Ebd.", "op. cit.",
          "Там же", "vd.", "f.", "ff.", "passim", "bkz.", "see", "vgl.", "“", "”", "„", "«", "»", "’", "(", ")", "[",
          "]", "{", "}", ", ", "; ", ". ", ": ", "/", "-", "–", "—", " ", "\u00a0", "\u202f", "\u00ad", "\n", "\f",
          "İ", "ı", "Ģ", "Ġ", "ğ", "ş", "1919", "1335/1919", "12", "131–32", "45-39", "iv", "XII", "2/143",
          "Smith", "John", "A.", "Gönlübol", "and", "ve", "et al.", "(London: Penguin, 2001)", "BOA", "HR. İM.",
          "No:", "@book{", "author", "=", "#", "\\", "\"", "%"]
mixed = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=4)), max_size=40).map("".join)
texts = st.one_of(st.text(max_size=300), mixed)


@given(texts, grammars)
def test_split_locator_and_parse_locator_never_raise(text, grammar):
    head, locator = split_locator(text, grammar)
    assert isinstance(head, str)
    if locator is not None:
        assert all(isinstance(a, int) and isinstance(b, int) for a, b in locator.ranges)
        assert all(a <= b for a, b in locator.pages)
    parse_locator(text, grammar)


@given(texts, grammars)
def test_split_note_and_parse_citation_never_raise(text, grammar):
    note = Note(1, text, 1)
    for fragment in split_note(text, grammar):
        assert fragment.text and fragment.text == fragment.text.strip()
        assert text[fragment.offset : fragment.offset + len(fragment.text)] == fragment.text
        parse_citation(fragment.text, note, 0, 1, grammar, {"BOA", "BCA"})


@given(texts)
def test_names_never_raise(text):
    looks_like_names(text)
    for name in parse_names(text) + parse_bib_names(text):
        assert isinstance(name.family, str) and isinstance(name.given, str)


@given(texts)
def test_clean_and_fold_never_raise_and_keep_lines(text):
    cleaned = clean(text)
    assert cleaned.count("\n") == text.count("\n")  # line numbers stay right
    assert clean(cleaned) == cleaned
    fold(text)


@given(texts)
def test_read_pdf_text_never_raises(text):
    manuscript = read_pdf_text(text, "m.txt")
    lines = text.count("\n") + 1
    for note in manuscript.notes:
        assert 1 <= note.line <= lines


@given(texts)
def test_bib_parser_never_raises(text):
    parse_bibliography(text)
    parse_bibliography("@book{k, title={" + text + "}, author={" + text + "}}")


ranges = st.lists(st.tuples(st.integers(0, 2000), st.integers(0, 2000)), max_size=30)


@given(ranges)
def test_merged_ranges_are_sorted_disjoint_non_adjacent_and_cover_exactly_the_cited_pages(cited):
    merged = merge_ranges(cited)
    assert all(a <= b for a, b in merged)
    assert all(b1 + 1 < a2 for (_, b1), (a2, _) in zip(merged, merged[1:]))  # sorted, apart by a gap
    covered = {p for a, b in merged for p in range(a, b + 1)}
    assert covered == {p for a, b in cited for p in range(min(a, b), max(a, b) + 1)}


@given(st.integers(1, 99_999), st.integers(0, 99_999))
def test_an_abbreviated_end_takes_the_start_s_leading_digits(start, end):
    s_start, s_end = str(start), str(end)
    assume(len(s_end) < len(s_start))  # "131–32", "63-6"
    expanded = expand_range(s_start, s_end)
    prefix = s_start[: len(s_start) - len(s_end)]
    assert expanded == (start, int(prefix + s_end))
    # it ends before the start only when the range really is reversed ("139–32")
    assert (expanded[1] < start) == (int(s_end) < int(s_start[-len(s_end):]))


@given(st.integers(100, 99_999), st.data())
def test_an_abbreviated_end_takes_the_leading_digits_of_the_start(start, data):
    s_start = str(start)
    cut = data.draw(st.integers(1, len(s_start) - 1))
    tail = s_start[-cut:]
    bigger = data.draw(st.integers(int(tail), 10**cut - 1)).__str__().zfill(cut)
    a, b = expand_range(s_start, bigger)
    assert a == start and b >= start


WORDS = st.text(alphabet=string.ascii_letters + "çğışöüÇĞİŞÖÜ", min_size=2, max_size=10)


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(WORDS, WORDS, st.integers(1, 999)), min_size=1, max_size=25), st.integers(1, 4))
def test_note_numbers_read_from_generated_pdf_text_are_the_generated_ones(notes, per_page):
    """Pages of body text with glued markers, a separator line, then the page's notes, a page number."""
    pages, number = [], 0
    for start in range(0, len(notes), per_page):
        body, foot = [], []
        for surname, title, page in notes[start : start + per_page]:
            number += 1
            body.append(f"Bu konuda yeni bir görüş ileri sürülmüştür.{number}")
            foot.append(f"{number} {surname.capitalize()}, {title.capitalize()} Tarihi, s. {page}.")
        pages.append("\n\n".join(body) + "\n\n" + " " * 40 + "\n" + "\n".join(foot) + f"\n\n{len(pages) + 1}\n\f")
    manuscript = read_pdf_text("".join(pages), "m.txt")
    assert [n.number for n in manuscript.notes] == list(range(1, len(notes) + 1))
    assert [m.number for m in manuscript.markers] == list(range(1, len(notes) + 1))


def _fold_by_definition(text: str) -> str:
    """fold() as its docstring defines it, one step after another on the whole string."""
    import re
    import unicodedata

    from srccheck.normalize import _FOLD_MAP

    text = text.replace("2ε", "2e")  # the LaTeX 2ε logo
    decomposed = unicodedata.normalize("NFKD", text.translate(_FOLD_MAP))
    text = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()
    return re.sub(r"\s+", " ", re.sub(r"[^\w]+|_", " ", text)).strip()


@given(texts | st.text(alphabet=" _-.,'’İıIiŞşéÉ\u0301\u0307\u0327ßẞΣσςÅ\u212bﬁ①ǅ2ε"))
def test_fold_is_the_whole_string_definition(text):
    # fold works character by character through a lazily filled table; the result must not differ
    assert fold.__wrapped__(text) == _fold_by_definition(text)


@given(texts | st.text(alphabet=" \t\n\r\u00a0\u2003\u2028\u0085\x1c\x1fab"))
def test_collapse_spaces_is_one_space_between_words(text):
    import re

    from srccheck.normalize import collapse_spaces

    assert collapse_spaces(text) == re.sub(r"\s+", " ", text).strip()


# Title and author scoring take shortcuts (cached folds, skipping the partial and word measures when the
# whole-title measures already win, one pass for similarity and initials); these are the plain definitions.
def _title_similarity_by_definition(cited: str, entry_title: str) -> float:
    import re

    from rapidfuzz import fuzz

    def folded(text: str) -> str:
        return fold(re.sub(r"\s*\((?:\d{3,4}\s*[-–/]\s*\d{2,4}|\d{4})\)\s*", " ", text)) if text else ""

    a, b = folded(cited), folded(entry_title)
    if not a or not b:
        return 0.0
    if a == b:
        return 100.0
    shorter, longer = (a, b) if len(a) <= len(b) else (b, a)
    partial = fuzz.partial_ratio(shorter, longer) if len(shorter) >= 12 else 0.0
    coverage = 100.0 * len(set(a.split()) & set(b.split())) / max(1, len(set(shorter.split())))
    best = max(fuzz.ratio(a, b), fuzz.ratio(shorter, longer[: len(shorter)]), partial * 0.97,
               coverage * 0.9 if len(shorter.split()) >= 2 else 0.0)
    if any(len(word) >= 15 for word in a.split()):
        # a cited word this long may be glued words: the two titles are also compared without spaces
        x, y = a.replace(" ", ""), b.replace(" ", "")
        short, long_ = (x, y) if len(x) <= len(y) else (y, x)
        best = max(best, fuzz.ratio(x, y), fuzz.ratio(short, long_[: len(short)]),
                   fuzz.partial_ratio(short, long_) * 0.97 if len(short) >= 12 else 0.0)
    return float(best)


TITLE_WORDS = st.sampled_from(["Tarih", "tarih", "Devlet", "Savaşı", "savasi", "(1920-1923)", "(1919)", "ve", "the",
                               "Empire", "Empires", "İstiklal", "Istiklal", "Harbimiz", "a", "Ottoman", "1905-1920"])
titles = st.one_of(st.lists(TITLE_WORDS, max_size=8).map(" ".join), texts)


@given(titles, titles)
def test_title_similarity_is_its_definition(cited, entry_title):
    from srccheck.resolve import title_similarity

    assert title_similarity(cited, entry_title) == _title_similarity_by_definition(cited, entry_title)


def _author_similarity_by_definition(cited, entry) -> tuple[float | None, bool]:
    from rapidfuzz import fuzz

    people = entry.authors or entry.editors  # who wrote it: the editors only of a work without authors

    def agree(a, b) -> bool:
        x, y = a.initials(), b.initials()
        return not x or not y or x[0] == y[0] or x[0] in y

    conflict = any(
        (same := [p for p in people if fold(p.family) == fold(n.family)]) and not any(agree(n, p) for p in same)
        for n in cited)
    if not cited:
        return None, False
    if not people:
        hay = fold(" ".join(filter(None, [entry.title, entry.get("organization"), entry.get("institution")])))
        return (60.0 if any(fold(n.family) and fold(n.family) in hay for n in cited) else 0.0), conflict
    total = 0.0
    for n in cited:
        best = 0.0
        for p in people:
            fam, pf = fold(n.family), fold(p.family)
            score = 100.0 if fam == pf or (fam and fam in pf.split()) else fuzz.ratio(fam, pf)
            best = max(best, score - 45 if score >= 80 and not agree(n, p) else score)
        total += best
    return total / len(cited), conflict


SURNAMES = st.sampled_from(["Karabekir", "Karabekír", "Kara Bekir", "Smith", "Smyth", "de Gaulle", "Gaulle", "",
                            "Şahin", "Sahin", "Müller", "Mueller"])
GIVENS = st.sampled_from(["", "K.", "Kazım", "M.", "Mehmet Kazım", "J.", "John", "Ch.", "Charles"])
names = st.builds(lambda family, given: __import__("srccheck.model", fromlist=["Name"]).Name(family, given),
                  SURNAMES, GIVENS)


@given(st.lists(names, max_size=3).map(tuple), st.lists(names, max_size=3).map(tuple),
       st.lists(names, max_size=2).map(tuple), st.sampled_from(["", "Smith Foundation Report", "Tarih"]))
def test_author_similarity_and_initials_conflict_are_their_definitions(cited, authors, editors, title):
    from srccheck.model import Entry
    from srccheck.resolve import EntryForm, author_similarity
    from srccheck.resolve import author_match as _author_match

    entry = Entry("k", "book", {"title": title, "organization": "Smith Foundation"}, 1, authors, editors)
    expected = _author_similarity_by_definition(cited, entry)
    assert _author_match(cited, EntryForm.of(entry)) == expected
    assert author_similarity(cited, entry) == expected[0]


TITLE_TOKENS = st.sampled_from(["tarih", "devlet", "savasi", "ve", "the", "empire", "istiklal", "harbimiz", "a", "1919"])


@given(st.lists(TITLE_TOKENS, min_size=2, max_size=6), st.lists(TITLE_TOKENS, max_size=4))
def test_a_title_that_is_the_head_of_the_entry_s_title_has_no_spelling_differences(head, rest):
    # inconsistent-spelling skips the word alignment for such titles; the alignment would find only
    # the head equal and the rest appended after the last matching word, which it never reports
    from difflib import SequenceMatcher

    from srccheck.rules.inconsistent_spelling import _differences

    ops = [op[0] for op in SequenceMatcher(a=head, b=head + rest, autojunk=False).get_opcodes()]
    assert ops == (["equal", "insert"] if rest else ["equal"])
    assert _differences(" ".join(head), " ".join(head + rest)) == ()
