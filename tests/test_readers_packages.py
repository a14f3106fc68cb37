"""Word and OpenDocument readers, and hostile packages: each a one-line InputError, never a traceback."""

from __future__ import annotations

import io
import zipfile

import pytest

from srccheck.errors import InputError
from srccheck.manuscript import package as pkg
from srccheck.manuscript import parse_bytes

W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _zip(members: dict[str, bytes | str], level: int = 6) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


def _p(*runs: str) -> str:
    return "<w:p>" + "".join(runs) + "</w:p>"


def _r(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'


def _docx(body: str, footnotes: str = "", endnotes: str = "") -> bytes:
    members: dict[str, bytes | str] = {
        "[Content_Types].xml": "<Types/>",
        "word/document.xml": f"<w:document {W_NS}><w:body>{body}</w:body></w:document>",
    }
    if footnotes:
        members["word/footnotes.xml"] = f"<w:footnotes {W_NS}>{footnotes}</w:footnotes>"
    if endnotes:
        members["word/endnotes.xml"] = f"<w:endnotes {W_NS}>{endnotes}</w:endnotes>"
    return _zip(members)


SEPARATORS = ('<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
              '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r>'
              '</w:p></w:footnote>')


def _note(tag: str, ident: int, *paragraphs: str) -> str:
    return f'<w:{tag} w:id="{ident}">' + "".join(paragraphs) + f"</w:{tag}>"


def test_docx_footnotes_and_endnotes_in_document_order_with_fields_and_links_flattened():
    body = (
        _p(_r("Title paragraph"))
        + _p(_r("Claim."), '<w:r><w:footnoteReference w:id="7"/></w:r>', _r(" Next."),
             '<w:r><w:endnoteReference w:id="2"/></w:r>')
        + _p('<w:del><w:r><w:footnoteReference w:id="9"/></w:r></w:del>', _r("Later."),
             '<w:r><w:footnoteReference w:id="8"/></w:r>')
    )
    footnotes = SEPARATORS + _note(
        "footnote", 7,
        _p('<w:r><w:footnoteRef/></w:r>', _r(" John Smith, "), '<w:r><w:rPr><w:i/></w:rPr><w:t>The History</w:t></w:r>',
           '<w:hyperlink r:id="rId1" xmlns:r="r"><w:r><w:t> of Things</w:t></w:r></w:hyperlink>', _r(", Penguin"),
           '<w:r><w:tab/></w:r>', _r("2001, p.\u00a045.")),
        _p(_r("Second paragraph."))
    ) + _note(
        "footnote", 8,
        _p('<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>ADDIN ZOTERO_ITEM {"json": 1}</w:instrText>'
           '</w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>', _r("Smith, History, 47."),
           '<w:r><w:fldChar w:fldCharType="end"/></w:r>', '<w:r><w:delText>deleted words</w:delText></w:r>')
    ) + _note("footnote", 9, _p(_r("A note whose mark was deleted.")))
    endnotes = _note("endnote", 2, _p(_r("An endnote, p. 3.")))
    ms = parse_bytes(_docx(body, footnotes, endnotes), "m.docx")
    assert ms.position_kind == "paragraph"
    assert [(n.number, n.line, n.marker_line) for n in ms.notes] == [(1, 2, 2), (2, 2, 2), (3, 3, 3), (4, 3, None)]
    assert ms.notes[0].text == "John Smith, The History of Things, Penguin 2001, p. 45. Second paragraph."
    assert ms.notes[1].text == "An endnote, p. 3."
    assert ms.notes[2].text == "Smith, History, 47."
    assert [m.number for m in ms.markers] == [1, 2, 3]


def test_docx_reference_without_note_is_an_unmatched_marker():
    ms = parse_bytes(_docx(_p(_r("X."), '<w:r><w:footnoteReference w:id="5"/></w:r>'), SEPARATORS), "m.docx")
    assert ms.notes == [] and [(m.number, m.line) for m in ms.unmatched_markers] == [(1, 1)]


def _odt(body: str) -> bytes:
    ns = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"')
    content = f"<office:document-content {ns}><office:body><office:text>{body}</office:text></office:body>" \
              "</office:document-content>"
    return _zip({"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": content,
                 "META-INF/manifest.xml": "<manifest/>"})


def _odt_note(cls: str, citation: str, text: str) -> str:
    return (f'<text:note text:note-class="{cls}"><text:note-citation>{citation}</text:note-citation>'
            f"<text:note-body><text:p>{text}</text:p></text:note-body></text:note>")


def test_odt_notes_use_their_citation_numbers_and_flatten_spans():
    body = ("<text:h>Heading</text:h><text:p>Claim."
            + _odt_note("footnote", "1", 'Smith, <text:span>History</text:span>,<text:s/>47.'
                        '<office:annotation><text:p>a comment</text:p></office:annotation>')
            + " More.</text:p><text:p>Later."
            + _odt_note("footnote", "3", 'Jones, <text:a xlink:href="x" xmlns:xlink="l">Book</text:a>, 5.')
            + "</text:p>")
    ms = parse_bytes(_odt(body), "m.odt")
    assert [(n.number, n.line, n.text) for n in ms.notes] == [(1, 2, "Smith, History, 47."), (3, 3, "Jones, Book, 5.")]


def test_odt_footnotes_and_endnotes_mixed_are_numbered_in_document_order():
    body = "<text:p>A." + _odt_note("footnote", "1", "F.") + _odt_note("endnote", "i", "E.") + "</text:p>"
    assert [n.number for n in parse_bytes(_odt(body), "m.odt").notes] == [1, 2]


# --- hostile files -------------------------------------------------------------------------------

def _error(data: bytes, name: str) -> str:
    with pytest.raises(InputError) as info:
        parse_bytes(data, name)
    message = str(info.value)
    assert "\n" not in message and message.startswith(name)
    return message


def test_renamed_text_file_is_not_a_word_document():
    assert "not a Word (.docx) document (not a zip package)" in _error(b"just some text\n", "m.docx")
    assert "not an OpenDocument text (.odt) (not a zip package)" in _error("Türkçe metin".encode(), "m.odt")


def test_damaged_zip_and_zip_without_a_document():
    assert "not a Word" in _error(b"PK\x03\x04" + b"\x00" * 100, "m.docx")
    assert "not a Word" in _error(_zip({"other.txt": "x"}), "m.docx")
    assert "zip archive" in _error(_zip({"other.txt": "x"}), "m.zip")


def test_zip_bomb_member_is_refused_while_reading():
    bomb = _zip({"word/document.xml": b" " * (pkg.MAX_MEMBER + 1024)}, level=9)
    assert len(bomb) < 1024 * 1024  # a small file ...
    assert "zip bomb" in _error(bomb, "m.docx")  # ... that would unpack to more than the limit


def test_zip_bomb_by_declared_size_and_member_count(monkeypatch):
    monkeypatch.setattr(pkg, "MAX_TOTAL", 1000)
    assert "zip bomb" in _error(_docx(_p(_r("x" * 2000))), "m.docx")
    monkeypatch.setattr(pkg, "MAX_MEMBERS", 3)
    many = _zip({"word/document.xml": "<x/>", **{f"m{i}": "" for i in range(5)}})
    assert "members" in _error(many, "m.docx")


@pytest.mark.parametrize("name", ["../evil.xml", "/etc/passwd", "word/../../x", "C:\\evil"])
def test_path_traversal_member_is_refused(name):
    data = _zip({"word/document.xml": f"<w:document {W_NS}/>", name: "x"})
    assert "outside the package" in _error(data, "m.docx")


def test_xml_with_a_dtd_or_broken_xml_is_refused():
    laughs = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>'
              f"<w:document {W_NS}><w:body>&lol2;</w:body></w:document>")
    assert "DTD" in _error(_zip({"word/document.xml": laughs}), "m.docx")
    assert "not well-formed" in _error(_zip({"word/document.xml": "<w:document"}), "m.docx")
