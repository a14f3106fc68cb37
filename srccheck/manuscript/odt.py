"""OpenDocument text (.odt): text:note elements, footnotes and endnotes, in content.xml.

A note sits where its mark is: ``<text:note text:note-class="footnote"><text:note-citation>3
</text:note-citation><text:note-body>...``. The number is the note-citation as shown
when the document has one class of notes and numeric citations; with footnotes and
endnotes mixed (two sequences that would collide) the notes are numbered in document
order instead. Spans, links and fields are flattened; comments (office:annotation) and
tracked deletions are left out. Zotero's citation marks (reference marks, bookmarks) become
citations of the items they hold (see odt_fields); one in the body text is a note of its own. Positions are body paragraphs (position_kind "paragraph").
"""

from __future__ import annotations

from xml.etree import ElementTree as ET

from ..errors import InputError
from ..model import Manuscript, Marker
from ..model import FieldItem
from ..numbers import is_number, parse_int
from ._common import FoundNote, build_manuscript, field_cites
from .docx_fields import Counter
from .odt_fields import body_citations, bookmark_codes, has_marks, note_content
from .package import Package

TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_SKIP = {OFFICE + "annotation", OFFICE + "annotation-end", TEXT + "tracked-changes", TEXT + "note-citation",
         TEXT + "bookmark-ref"}
_PARAGRAPHS = {TEXT + "p", TEXT + "h"}


def read_odt(data: bytes, path: str) -> Manuscript:
    package = Package(data, path, "an OpenDocument text (.odt)")
    content = package.xml("content.xml")
    if content is None:
        raise InputError(f"{path}: not an OpenDocument text (no content.xml in the package)")
    body = content.find(f"{OFFICE}body/{OFFICE}text")
    if body is None:
        raise InputError(f"{path}: not an OpenDocument text (no office:text in content.xml)")
    found: list[tuple[str, str, str, int]] = []  # (class, citation, text, paragraph)
    fields = _Fields(package) if has_marks(body) else None  # reference managers' citation marks
    _walk(body, found, [0], fields)
    in_body = body_citations(body, fields.counter, fields.codes) if fields else []
    classes = {c for c, _, _, _ in found}
    use_citations = len(classes) <= 1 and all(is_number(cit, 6) for _, cit, _, _ in found) and not in_body
    notes: list[FoundNote] = []
    markers: list[Marker] = []
    blocks = _restart_blocks([int(cit) for _, cit, _, _ in found]) if use_citations else []
    for index, (_cls, citation, text, paragraph) in enumerate(found, start=1):
        while in_body and in_body[0][1] < index:  # a citation in the body text: a note of its own
            at, _, items = in_body.pop(0)
            markers.append(Marker(len(markers) + 1, at))
            notes.append(FoundNote(len(markers), "", at, raw=items[0].field.shown, marker_line=at,
                                   keys=field_cites([items])))
        keys = field_cites(fields.per_note[index - 1]) if fields else []
        if blocks:  # numbering restarted (per chapter): the running index, and the number as shown
            markers.append(Marker(index, paragraph, blocks[index - 1], (parse_int(citation, 6) or 0)))
            notes.append(FoundNote(index, text, paragraph, raw=text, marker_line=paragraph, keys=keys,
                                   chapter=blocks[index - 1], printed=(parse_int(citation, 6) or 0)))
            continue
        number = (parse_int(citation, 6) or 0) if use_citations else len(markers) + 1
        markers.append(Marker(number, paragraph))
        notes.append(FoundNote(number, text, paragraph, raw=text, marker_line=paragraph, keys=keys))
    for at, _, items in in_body:
        markers.append(Marker(len(markers) + 1, at))
        notes.append(FoundNote(len(markers), "", at, raw=items[0].field.shown, marker_line=at,
                               keys=field_cites([items])))
    return build_manuscript(path, notes, markers, position_kind="paragraph")


def _restart_blocks(shown: list[int]) -> list[int]:
    """Each note's numbering block when the shown numbers start again (LibreOffice's "restart numbering per
    chapter" or per page): a number not above the one before opens a block. [] when they never do."""
    blocks: list[int] = []
    block = 1
    for k, number in enumerate(shown):
        if k and number <= shown[k - 1]:
            block += 1
        blocks.append(block)
    return blocks if block > 1 else []


class _Fields:
    """The document's citation marks: their codes (bookmarks keep theirs in meta.xml) and each note's fields."""

    def __init__(self, package: Package) -> None:
        self.codes = bookmark_codes(package.xml("meta.xml"))
        self.counter = Counter()
        self.per_note: list[list[list[FieldItem]]] = []


def _walk(element: ET.Element, found: list[tuple[str, str, str, int]], count: list[int],
          fields: _Fields | None = None) -> None:
    # an explicit stack: a hostile file may nest elements deeper than Python's recursion limit
    stack = [element]
    while stack:
        node = stack.pop()
        tag = node.tag
        if tag in _SKIP:
            continue
        if tag in _PARAGRAPHS:
            count[0] += 1
        if tag == TEXT + "note":
            cls = node.get(TEXT + "note-class", "footnote")
            citation_el = node.find(TEXT + "note-citation")
            citation = "".join(citation_el.itertext()).strip() if citation_el is not None else ""
            note_body = node.find(TEXT + "note-body")
            if fields is not None:
                content = note_content(note_body, fields.counter, fields.codes) if note_body is not None else None
                text = content.text if content else ""
                fields.per_note.append(content.citations if content else [])
            else:
                text = _note_text(note_body) if note_body is not None else ""
            found.append((cls, citation, text, max(count[0], 1)))
            continue  # the note's own paragraphs are not body paragraphs
        stack.extend(reversed(node))


def _note_text(note_body: ET.Element) -> str:
    paragraphs = []
    stack = [note_body]
    while stack:
        node = stack.pop()
        if node.tag in _SKIP:
            continue  # comments hold paragraphs of their own
        if node.tag in _PARAGRAPHS:
            pieces: list[str] = []
            _collect(node, pieces)
            text = "".join(pieces).strip()
            if text:
                paragraphs.append(text)
        stack.extend(reversed(node))
    return " ".join(paragraphs)


def _collect(element: ET.Element, out: list[str]) -> None:
    if element.text:
        out.append(element.text)
    for child in element:
        tag = child.tag
        if tag == TEXT + "s":
            out.append(" ")  # text:s c="n" is n spaces; one is all the note text needs
        elif tag in (TEXT + "tab", TEXT + "line-break"):
            out.append(" ")
        elif tag in _SKIP or tag in _PARAGRAPHS or tag == TEXT + "note":
            pass  # nested paragraphs (in frames) are read on their own; notes never nest
        else:
            _collect(child, out)
        if child.tail:
            out.append(child.tail)
