"""The fast BibTeX path must give exactly what bibtexparser gives, or decline.

Compared at the level of raw blocks (type, key, line, fields in order, values after
bibtexparser's default middlewares) and at the level of the loaded Bibliography.
"""

from __future__ import annotations

from pathlib import Path

import bibtexparser
import pytest
from hypothesis import given, strategies as st

from srccheck.bibliography import _parse_bibtex, _parse_with_bibtexparser
from srccheck.bibtex_fast import scan

ROOT = Path(__file__).resolve().parents[1]
BIBS = sorted({p.resolve() for p in ROOT.glob("tests/**/*.bib")} | {(ROOT / "refs.bib").resolve()})


def reference(text: str) -> list[tuple[str, str, int, tuple[tuple[str, str], ...]]] | None:
    """bibtexparser's entries as plain tuples; None if it reports any problem or special block."""
    library = bibtexparser.parse_string(text)
    if library.failed_blocks or library.strings or library.preambles:
        return None
    return [(e.entry_type.lower(), e.key, e.start_line, tuple((f.key, str(f.value)) for f in e.fields))
            for e in library.entries]


def fast(text: str) -> list[tuple[str, str, int, tuple[tuple[str, str], ...]]] | None:
    entries = scan(text)
    if entries is None:
        return None
    return [(e.entry_type, e.key, e.start_line, tuple((f.key, f.value) for f in e.fields)) for e in entries]


def agree(text: str) -> bool:
    """The fast path either declines, or agrees with bibtexparser entry for entry."""
    mine = fast(text)
    return mine is None or mine == reference(text)


def test_the_corpus_bibs_exist():
    assert len(BIBS) >= 20


@pytest.mark.parametrize("path", BIBS, ids=lambda p: str(p.relative_to(ROOT)) if p.is_relative_to(ROOT) else p.name)
def test_agrees_with_bibtexparser_on_every_bib_in_the_tests(path: Path):
    text = path.read_text(encoding="utf-8", errors="replace")
    assert agree(text)
    if fast(text) is not None:
        assert _parse_bibtex(text, "x.bib") == _parse_with_bibtexparser(text, "x.bib")  # before crossref is resolved


def test_takes_the_plain_files_it_is_for():
    text = (
        "% my library\n"
        "@Book{smith2001,\n  author = {Smith, John and {World Bank}},\n  title = \"The {Ottoman} Port\",\n"
        "  year = 2001, month = jan,\n  publisher = {Pen{\\'e}guin},\n}\n\n"
        "@article{ kaya ,title={Liman {\\c{S}}ehirleri},pages={3--9}}\n@misc{empty}\n"
    )
    entries = fast(text)
    assert entries == [
        ("book", "smith2001", 1, (("author", "Smith, John and {World Bank}"), ("title", "The {Ottoman} Port"),
                                  ("year", "2001"), ("month", "jan"), ("publisher", "Pen{\\'e}guin"))),
        ("article", "kaya", 8, (("title", "Liman {\\c{S}}ehirleri"), ("pages", "3--9"))),
        ("misc", "empty", 9, ()),
    ]
    assert entries == reference(text)


def test_an_at_sign_inside_a_line_is_text():
    text = "@misc{a, note = {write to x@y.org or see @misc{b} (not a block here)}}"
    assert fast(text) == reference(text) == [("misc", "a", 0, (("note", text[17:-2]),))]


@pytest.mark.parametrize("text", [
    '@string{pub = "Penguin"}\n@book{a, publisher = pub}',
    "@preamble{\"x\"}\n@book{a, title={T}}",
    "@comment{x}\n@book{a, title={T}}",
    "@book(a, title={T})",
    '@book{a, title = "A" # " B"}',
    "@book{a, title={T}}\n@book{a, title={U}}",
    "@book{a, title={T}, title={U}}",
    "@book{a, title={T}",
    "@book{a, title={\\{T}}",
    "@book{a, title={T\\\\}}",
    "@book{a,\\\n title={T}}",
    "@book{a, title={x {\"} y}}",
    "@book{a, title = {T} junk}",
    "@book{a, title={T\n  @misc{b, title={U}}}}",
    "@book{a, title=" + "{" * 9 + "deep" + "}" * 9 + "}",
    "@{a, title={T}}",
])
def test_declines_what_bibtexparser_must_read(text: str):
    assert scan(text) is None
    assert _parse_bibtex(text, "x.bib") == _parse_with_bibtexparser(text, "x.bib")  # before crossref is resolved


_PIECES = st.sampled_from([
    "@book{", "@article{", "@misc{", "@string{", "@comment{", "@book(", "k1", "k2", ",", " ", "\n", "=", "title",
    "author", "year", "{", "}", '"', "#", "\\", "\\'e", "{\\c{s}}", "and", "2001", "jan", "(", ")", "@", "%",
    " = {", "},\n", "x y", "é", "ı",
])


@given(st.lists(_PIECES, max_size=40).map("".join))
def test_never_disagrees_on_generated_text(text: str):
    assert agree(text)


_VALUE = st.one_of(
    st.text(alphabet=st.sampled_from(list("ab ,=#@\"\\'{}\nçı-")), max_size=12).map(lambda v: "{" + v + "}"),
    st.text(alphabet=st.sampled_from(list("ab ,=#@{}\\\nç")), max_size=12).map(lambda v: '"' + v + '"'),
    st.sampled_from(["2001", "jan", "x.y", "{}", '""']),
)
_FIELD = st.tuples(st.sampled_from(["title", "author", "Title", "note", "year"]), _VALUE).map(
    lambda kv: f"{kv[0]} = {kv[1]}")


@given(st.lists(st.tuples(st.sampled_from(["book", "article", "Misc"]), st.sampled_from(["a", "b", "c d", "e"]),
                          st.lists(_FIELD, max_size=4), st.sampled_from(["", ",", "\n", " , "]),
                          st.sampled_from(["\n", "\n\n", " junk @ text\n", "\n% c\n"])), max_size=5))
def test_never_disagrees_on_generated_entries(blocks):
    text = "".join(f"@{kind}{{{key},\n  " + ",\n  ".join(fields) + f"{tail}}}{gap}"
                   for kind, key, fields, tail, gap in blocks)
    assert agree(text)


_PLAIN_TEXT = st.lists(st.sampled_from(list("aZ ,.=#;:()-'\nçıŞ") + ["x@y", "{\\'e}", "{\\c{s}}", "{Ottoman}", "\\\"o"]),
                       max_size=10).map("".join)
_PLAIN_VALUE = st.one_of(_PLAIN_TEXT.map(lambda v: "{" + v + "}"),
                         _PLAIN_TEXT.map(lambda v: '"' + v.replace('"', "") + '"'),
                         st.sampled_from(["2001", "jan", "dec"]))


@given(st.lists(st.tuples(st.sampled_from(["book", "Article", "incollection"]), st.uuids().map(lambda u: u.hex[:6]),
                          st.dictionaries(st.sampled_from(["title", "author", "Year", "note", "pages"]), _PLAIN_VALUE,
                                          max_size=4),
                          st.sampled_from(["", ",", "\n", ",\n"]), st.sampled_from(["\n", "\n\n", "\n% note\n"])),
                unique_by=lambda b: b[1], max_size=6))
def test_takes_and_agrees_on_generated_plain_entries(blocks):
    text = "".join(f"@{kind}{{{key},\n  " + ",\n  ".join(f"{k} = {v}" for k, v in fields.items())
                   + f"{tail if fields else ''}}}{gap}" for kind, key, fields, tail, gap in blocks)
    mine = fast(text)
    assert mine is not None
    assert mine == reference(text)
