"""Reference managers' citation fields (Zotero, Mendeley, EndNote) in Word and LibreOffice files.

The fixtures in tests/fixtures/refmgr are made by tools/refmgr_fixtures/generate.py (pandoc's
citeproc renders the citations, pandoc and LibreOffice write the files, the fields are put in
as each plug-in writes them); the answers in expected.json come from the generator's plan.
"""

from __future__ import annotations

import base64
import json
from collections import Counter

import pytest
from click.testing import CliRunner
from conftest import ROOT, every_finding, only_report
from test_readers_packages import SEPARATORS, _docx, _note, _p, _r, _zip

from srccheck.bibliography import load_bibliography
from srccheck.cli import main
from srccheck.fieldmatch import items_bibliography
from srccheck.manuscript import parse_bytes, read_manuscript
from srccheck.model import Severity
from srccheck.pipeline import check_loaded

FIX = ROOT / "tests" / "fixtures" / "refmgr"
EXPECTED = json.loads((FIX / "expected.json").read_text(encoding="utf-8"))
FILES = ["zotero.docx", "mendeley.docx", "endnote.docx", "zotero-refmarks.odt", "zotero-bookmarks.odt"]
NEW_RULES = {"edited-citation", "unlinked-citation", "duplicate-item"}


def _report(name: str, bib: str = "refs.bib"):  # type: ignore[no-untyped-def]
    return check_loaded(read_manuscript(str(FIX / name)), load_bibliography(str(FIX / bib)))


@pytest.mark.parametrize("name", FILES)
def test_field_citations_resolve_exactly_with_their_pages(name: str) -> None:
    report = _report(name)
    got = Counter((c.note, r.key, tuple(map(tuple, c.written_ranges))) for c, r in report.citations)
    wanted = Counter((int(n), c["key"], tuple(map(tuple, c["pages"]))) for n, cs in EXPECTED["notes"].items()
                     for c in cs)
    tp = sum((got & wanted).values())
    f1 = 2 * tp / (sum(got.values()) + sum(wanted.values()))
    assert f1 == 1.0, (got - wanted, wanted - got)
    fields = [(c, r) for c, r in report.citations if c.item is not None]
    assert len(fields) == sum(1 for cs in EXPECTED["notes"].values() for c in cs if c["field"])
    assert all(r.reason.startswith("field code") and r.score == 100.0 for _, r in fields)  # never fuzzy
    typed = [(c, r) for c, r in report.citations if c.item is None]
    assert [(c.note, r.key) for c, r in typed] == [(6, "kaya1998")]


@pytest.mark.parametrize("name", FILES)
def test_each_injected_fault_is_found_and_nothing_else(name: str) -> None:
    report = _report(name)
    found = sorted((f.rule, f.note, f.key) for f in report.findings if f.severity.rank >= Severity.WARNING.rank)
    assert found == sorted((f["rule"], f["note"], f["key"]) for f in EXPECTED["findings"])


def test_the_plugins_rendered_text_is_what_edited_citation_compares() -> None:
    report = _report("zotero.docx")
    edited = [f for f in report.findings if f.rule == "edited-citation"]
    assert len(edited) == 1 and "2012), 35." in edited[0].message and "2012), 33." in edited[0].message


def test_csl_json_bibliography_gives_the_same_report_on_the_field_fixtures() -> None:
    for name in FILES:
        a, b = _report(name), _report(name, "refs.json")
        assert [(c.note, r.key, c.written_ranges) for c, r in a.citations] == [(c.note, r.key, c.written_ranges) for c, r in b.citations]
        assert sorted((f.rule, f.note, f.key) for f in a.findings) == sorted((f.rule, f.note, f.key) for f in b.findings)


def test_without_a_bibliography_the_items_are_the_bibliography(tmp_path, monkeypatch) -> None:
    manuscript = read_manuscript(str(FIX / "zotero.docx"))
    bib = items_bibliography(manuscript)
    assert bib is not None
    report = check_loaded(manuscript, bib)
    by_note = {c.note: r for c, r in report.citations if c.item is not None}
    assert "the item itself" in by_note[1].reason
    assert by_note[1].key == by_note[3].key  # one library item, one key
    assert by_note[8].key != by_note[1].key  # the second library item of the same work
    rules = sorted((f.rule, f.note) for f in report.findings if f.rule in NEW_RULES)
    assert rules == sorted([("unlinked-citation", 6), ("edited-citation", 7), ("duplicate-item", 8)])
    # and through the command line, with no --bib and no configuration
    (tmp_path / "z.docx").write_bytes((FIX / "zotero.docx").read_bytes())
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["check", "z.docx", "--no-config", "--format", "concise", "--exit-zero"])
    assert result.exit_code == 0, result.output
    assert "SC603 [duplicate-item]" in result.output and "no bibliography" not in result.output


@pytest.mark.parametrize("suffix", ["docx", "odt"])
def test_a_document_without_field_codes_gives_exactly_the_report_it_gave_before(suffix: str, monkeypatch) -> None:
    # golden: the JSON report of the commit before field codes were read (accc7c0), same inputs, same command
    monkeypatch.chdir(ROOT)
    formats = "tests/fixtures/formats"
    result = CliRunner().invoke(main, ["check", f"{formats}/article.{suffix}", "--bib", f"{formats}/article.bib",
                                       "--format", "json", "--no-config", "--no-cache"])
    golden = (ROOT / "tests" / "golden" / f"before-fields.article.{suffix}.json").read_text(encoding="utf-8")
    assert _without_explanations(json.loads(result.stdout)) == json.loads(golden)


def _without_explanations(document: dict) -> dict:
    """The report less the keys added to the contract since (the resolver's reason, candidates, confidence and
    similarity, the reader's reading and each note's index and chapter, the document around the report, each
    report's path, encoding and summary, each finding's code, name, path, column, position and suggestion, each
    note's file);
    the bibliography's own findings, reported once for the book since, back among the report's."""
    report = only_report(document)
    report["findings"] = every_finding(document)
    for key in ("reading", "path", "encoding", "summary"):
        report.pop(key, None)
    for finding in report["findings"]:
        for key in ("code", "name", "path", "column", "position", "suggestion"):
            finding.pop(key)
    for note in report["notes"]:
        note.pop("index", None)
        note.pop("chapter", None)
        note.pop("file", None)
        for citation in note["citations"]:
            for key in ("reason", "candidates", "confidence", "similarity"):
                citation.pop(key, None)
    return report


# -- the readers, on small hand-made packages ---------------------------------------------------


def _zotero_code(items: list[dict], plain: str, **properties: object) -> str:
    payload = {"citationID": "x1", "properties": {"plainCitation": plain, "noteIndex": 1, **properties},
               "citationItems": items}
    return "ADDIN ZOTERO_ITEM CSL_CITATION " + json.dumps(payload)


def _item(uri: str, title: str, locator: str = "", **data: object) -> dict:
    item = {"id": uri[-4:], "uris": [uri], "itemData": {"id": uri[-4:], "type": "book", "title": title,
                                                         "author": [{"family": "Doe", "given": "John"}],
                                                         "issued": {"date-parts": [[2001]]}, **data}}
    if locator:
        item["locator"] = locator
    return item


def _escaped(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def _complex_field(code: str, shown: str) -> str:
    pieces = [code[i:i + 50] for i in range(0, len(code), 50)]  # the code split over several runs, as Word does
    return ('<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
            + "".join(f"<w:r><w:instrText>{_escaped(p)}</w:instrText></w:r>" for p in pieces)
            + '<w:r><w:fldChar w:fldCharType="separate"/></w:r>' + _r(shown)
            + '<w:r><w:fldChar w:fldCharType="end"/></w:r>')


def _one_note_docx(*runs: str) -> bytes:
    body = _p(_r("Text."), '<w:r><w:footnoteReference w:id="1"/></w:r>')
    return _docx(body, SEPARATORS + _note("footnote", 1, _p(*runs)))


def test_complex_field_in_a_footnote_becomes_a_citation_of_its_item() -> None:
    code = _zotero_code([_item("http://zotero.org/users/1/items/AAAA", "A History", "45")], "Doe, A History, 45.")
    ms = parse_bytes(_one_note_docx(_r("See "), _complex_field(code, "Doe, A History, 45."), _r(" for more.")),
                     "m.docx")
    assert ms.notes[0].text == "See for more."  # the field's text is the citation's, not the prose's
    [cit] = ms.direct_citations[1]
    assert cit.item.uris == ("http://zotero.org/users/1/items/AAAA",)
    assert (cit.title, cit.years, cit.written_ranges, cit.kind) == ("A History", (2001,), ((45, 45),), "short")


def test_simple_field_and_endnote_record_in_fld_data() -> None:
    record = ("<EndNote><Cite><Author>Doe</Author><Year>2001</Year><RecNum>7</RecNum><Pages>12</Pages>"
              "<DisplayText>Doe, History, 12.</DisplayText><record><rec-number>7</rec-number>"
              '<ref-type name="Book">6</ref-type><contributors><authors><author>Doe, John</author></authors>'
              "</contributors><titles><title>History</title></titles><dates><year>2001</year></dates>"
              "<isbn>0-19-852663-6</isbn></record></Cite></EndNote>")
    data = base64.b64encode(record.encode()).decode()
    endnote = ('<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> ADDIN EN.CITE </w:instrText></w:r>'
               f'<w:r><w:fldChar w:fldCharType="begin"><w:fldData>{data}</w:fldData></w:fldChar></w:r>'
               '<w:r><w:instrText> ADDIN EN.CITE.DATA </w:instrText></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>'
               '<w:r><w:fldChar w:fldCharType="separate"/></w:r>' + _r("Doe, History, 12.")
               + '<w:r><w:fldChar w:fldCharType="end"/></w:r>')
    mendeley = json.dumps({"citationItems": [{"id": "ITEM-1", "uris": ["http://www.mendeley.com/documents/?uuid=1"],
                                              "itemData": {"id": "ITEM-1", "type": "book", "title": "Other"}}],
                           "mendeley": {"plainTextFormattedCitation": "Other."}})
    simple = f'<w:fldSimple w:instr="ADDIN CSL_CITATION {_escaped(mendeley)}">{_r("Other.")}</w:fldSimple>'
    page = '<w:fldSimple w:instr=" PAGEREF _Ref1 \\h ">' + _r("p. 9") + "</w:fldSimple>"
    ms = parse_bytes(_one_note_docx(endnote, _r("; "), simple, _r(" and "), page), "m.docx")
    first, second = ms.direct_citations[1]
    assert (first.item.field.plugin, first.item.item_id, first.written_ranges, first.item.data.get("isbn")) == (
        "endnote", "7", ((12, 12),), "0-19-852663-6")
    assert first.item.field.rendered == "Doe, History, 12."
    assert (second.item.field.plugin, second.title) == ("mendeley", "Other")
    assert "p. 9" in ms.notes[0].text  # other fields keep showing their text


def test_citation_field_in_the_body_is_a_note_of_its_own() -> None:
    code = _zotero_code([_item("http://zotero.org/users/1/items/AAAA", "A History", "3")], "(Doe 2001, 3)")
    body = (_p(_r("As argued "), _complex_field(code, "(Doe 2001, 3)"), _r(" before."))
            + _p(_r("Later."), '<w:r><w:footnoteReference w:id="1"/></w:r>'))
    ms = parse_bytes(_docx(body, SEPARATORS + _note("footnote", 1, _p(_r("A note."))), ), "m.docx")
    assert [(n.number, n.text) for n in ms.notes] == [(1, ""), (2, "A note.")]
    assert [m.number for m in ms.markers] == [1, 2]
    assert ms.direct_citations[1][0].item.data.title == "A History"


def test_unreadable_field_code_keeps_its_text_for_the_parser() -> None:
    ms = parse_bytes(_one_note_docx(_complex_field("ADDIN ZOTERO_ITEM CSL_CITATION {broken", "Doe, History, 4.")),
                     "m.docx")
    assert ms.notes[0].text == "Doe, History, 4." and not ms.direct_citations


def test_odt_reference_mark_and_bookmark_with_its_code_in_the_document_properties() -> None:
    code = _zotero_code([_item("http://zotero.org/users/1/items/BBBB", "Harbours", "7")], "Doe, Harbours, 7.")
    name = code.replace("ADDIN ", "") + " RNDabcdefghij"
    mark = (f'<text:reference-mark-start text:name="{_escaped(name)}"/>Doe, <text:span>Harbours</text:span>, 7.'
            f'<text:reference-mark-end text:name="{_escaped(name)}"/>')
    bookmark = ('<text:bookmark-start text:name="ZOTERO_BREF_x1"/>Doe, Harbours, 8.'
                '<text:bookmark-end text:name="ZOTERO_BREF_x1"/>')
    value = _zotero_code([_item("http://zotero.org/users/1/items/BBBB", "Harbours", "8")],
                         "Doe, Harbours, 8.").replace("ADDIN ", "")
    props = "".join(f'<meta:user-defined meta:name="ZOTERO_BREF_x1_{i // 255 + 1}">{_escaped(value[i:i + 255])}'
                    "</meta:user-defined>" for i in range(0, len(value), 255))
    text_ns = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
               'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"')

    def note(n: int, inner: str) -> str:
        return (f'<text:note text:note-class="footnote"><text:note-citation>{n}</text:note-citation>'
                f"<text:note-body><text:p>{inner}</text:p></text:note-body></text:note>")

    content = (f"<office:document-content {text_ns}><office:body><office:text><text:p>One.{note(1, mark)} Two."
               f"{note(2, bookmark)}</text:p></office:text></office:body></office:document-content>")
    meta = ('<office:document-meta xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
            f'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"><office:meta>{props}</office:meta>'
            "</office:document-meta>")
    data = _zip({"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": content, "meta.xml": meta})
    ms = parse_bytes(data, "m.odt")
    assert [n.text for n in ms.notes] == ["", ""]
    one, two = ms.direct_citations[1][0], ms.direct_citations[2][0]
    assert (one.item.field.shown, one.written_ranges, two.written_ranges) == ("Doe, Harbours, 7.", ((7, 7),), ((8, 8),))
    assert one.item.identity == two.item.identity


# -- building documents with fields, for the rules' own tests (tests/test_rules.py) ------------


def zotero_field(uri: str, title: str, locator: str, shown: str, rendered: str | None = None,
                 family: str = "Kaya", given: str = "Ali", year: int = 1990, **data: object) -> str:
    """One Zotero citation field, as Word stores it, citing one item."""
    item = {"id": uri[-4:], "uris": [uri], "locator": locator, "label": "page",
            "itemData": {"id": uri[-4:], "type": "book", "title": title, "author": [{"family": family, "given": given}],
                         "issued": {"date-parts": [[year]]}, **data}}
    return _complex_field(_zotero_code([item], rendered if rendered is not None else shown), shown)


def field_docx(notes: list[list[str]]) -> bytes:
    """A Word document whose notes hold these runs (fields or text runs)."""
    body = _p(*(_r("Claim.") + f'<w:r><w:footnoteReference w:id="{n}"/></w:r>' for n in range(1, len(notes) + 1)))
    return _docx(body, SEPARATORS + "".join(_note("footnote", n, _p(*runs)) for n, runs in enumerate(notes, 1)))
