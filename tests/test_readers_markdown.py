"""The pandoc Markdown reader: footnotes, inline notes, citations by key, YAML bibliography."""

from __future__ import annotations

import os

from srccheck.bibliography import load_bibliography
from srccheck.manuscript import bibliography_paths, detect_format, parse_manuscript, read_manuscript
from srccheck.pipeline import check_loaded

DOC = """---
title: "A test"
bibliography:
  - refs.bib
  - 'more/other.bib'
---

Body text.[^1] More text^[Inline note, *The History of Things*, p. 4.] and
[see @smith2001, p. 33; @jones1999 12-14]. Also @doe [p. 4] says.[^b]

```
[^7]: not a note, code
```

[^1]: John Smith, *The History of Things*, Penguin, London, 2001, p. 45. <!-- srccheck: ignore[SC403] -->
    continued line
lazy line [@smith2001, p. 9]

    second paragraph

[^b]: Smith, History of Things, 47.
[^orphan]: Never referenced.
"""

BIB = """@book{smith2001, author={Smith, John}, title={The History of Things}, publisher={Penguin},
  address={London}, year=2001}
@book{jones1999, author={Jones, Ann}, title={Other Things}, publisher={Verso}, address={London}, year=1999}
"""


def test_notes_numbers_lines_and_markers():
    ms = parse_manuscript(DOC, "/tmp/x/a.md")
    assert [n.number for n in ms.notes] == [1, 2, 3, 4, 5, 6]
    first = ms.notes[0]
    assert first.line == 15 and first.marker_line == 8
    assert first.text.startswith("John Smith, The History of Things, Penguin")
    assert first.text.endswith("continued line lazy line second paragraph")
    assert "<!-- srccheck: ignore[SC403] -->" in first.raw and "srccheck" not in first.text
    assert first.line_at(first.text.index("second")) == 19
    inline = ms.notes[1]
    assert (inline.text, inline.line, inline.marker_line) == ("Inline note, The History of Things, p. 4.", 8, 8)
    assert ms.notes[4].text == "Smith, History of Things, 47." and ms.notes[4].marker_line == 9
    assert ms.notes[5].marker_line is None  # defined, never referenced
    assert [m.number for m in ms.markers] == [1, 2, 3, 4, 5]
    assert ms.unmatched_markers == []


def test_citations_by_key_with_locators():
    ms = parse_manuscript(DOC, "/tmp/x/a.md")
    direct = ms.direct_citations
    assert [(c.key, c.written_ranges) for c in direct[3]] == [("smith2001", ((33, 33),)), ("jones1999", ((12, 14),))]
    assert [(c.key, c.written_ranges) for c in direct[4]] == [("doe", ((4, 4),))]
    assert [(c.key, c.written_ranges, c.line) for c in direct[1]] == [("smith2001", ((9, 9),), 17)]
    assert "@" not in ms.notes[0].text  # not parsed twice


def test_bibliography_from_front_matter_relative_to_the_file():
    ms = parse_manuscript(DOC, os.path.join("/tmp", "x", "a.md"))
    assert bibliography_paths(ms) == ["/tmp/x/refs.bib", "/tmp/x/more/other.bib"]
    inline = parse_manuscript("---\nbibliography: [a.bib, \"b.bib\"]\n---\nText.[^1]\n\n[^1]: N.\n", "d/m.md")
    assert bibliography_paths(inline) == [os.path.join("d", "a.bib"), os.path.join("d", "b.bib")]
    single = parse_manuscript("---\nbibliography: refs.bib\n---\n", "m.md")
    assert single.bib_paths == ["refs.bib"]


def test_pipeline_resolves_keys_and_reports_unknown_keys(write, tmp_path):
    ms_path = write("a.md", DOC)
    bib = load_bibliography(write("refs.bib", BIB))
    report = check_loaded(read_manuscript(ms_path), bib)
    keyed = [(c.note, c.key, r.key) for c, r in report.citations if c.key]
    assert ("smith2001", "smith2001") in [(k, r) for _, k, r in keyed]
    assert (4, "doe", None) in keyed
    unresolved = [f for f in report.findings if f.rule == "unresolved-citation"]
    assert any(f.note == 4 for f in unresolved)
    resolved = {(c.note, r.key) for c, r in report.citations}
    assert (1, "smith2001") in resolved and (5, "smith2001") in resolved


def test_numeric_labels_keep_their_numbers_and_missing_definitions_are_reported():
    ms = parse_manuscript("A.[^1] B.[^3] C.[^4]\n\n[^1]: One.\n[^3]: Three.\n", "m.md")
    assert [n.number for n in ms.notes] == [1, 3]
    assert [(m.number, m.line) for m in ms.unmatched_markers] == [(4, 1)]


def test_duplicate_definitions_stay_two_notes():
    ms = parse_manuscript("A.[^1]\n\n[^1]: One.\n[^1]: Again.\n", "m.md")
    assert [n.number for n in ms.notes] == [1, 1]


def test_not_citations_and_not_notes():
    text = "Mail me at a@b.com, see [a link](http://x.org) and `[^1]` or \\^[escaped].[^n]\n\n[^n]: Note [text](u).\n"
    ms = parse_manuscript(text, "m.md")
    assert [n.number for n in ms.notes] == [1]
    assert ms.notes[0].text == "Note text."
    assert ms.direct_citations == {}


def test_unterminated_inline_note_is_text_and_never_hangs():
    ms = parse_manuscript("Text ^[never closed\n\nNext para.[^1]\n\n[^1]: N.\n" * 200, "m.md")
    assert len(ms.notes) == 200


def test_detected_by_content_without_suffix():
    assert detect_format("notes", "Body.[^1]\n\n[^1]: A note.\n") == "markdown"
    assert detect_format("notes.md", "plain") == "markdown"


def test_language_given_reads_the_locators_of_citations_by_key(tmp_path):
    # "S. 12" is a page only in German; the reader cannot know --language, so the parse stage reads the locators
    # of [@key, …] again in the language given (it was ignored: the note's apparatus, too short to tell, won)
    from srccheck.pipeline import Options, parse

    (tmp_path / "m.md").write_text("Text.[^1]\n\n[^1]: [@smith2001, S. 12]\n", encoding="utf-8")
    ms = read_manuscript(str(tmp_path / "m.md"))
    given = parse(ms, "", "de").citations
    assert [(c.key, c.written_ranges) for c in given] == [("smith2001", ((12, 12),))]
    assert parse(ms, "", "en").citations[0].written_ranges == ()
