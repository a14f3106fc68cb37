"""Word (.docx): footnotes and endnotes with their reference marks in the body.

The notes live in word/footnotes.xml and word/endnotes.xml; the body (word/document.xml)
holds w:footnoteReference / w:endnoteReference where each is anchored. Notes are
numbered in the order their marks appear in the body, footnotes and endnotes as one
sequence (the order a reader meets them). Formatting is ignored; hyperlinks, simple
and complex fields are flattened to the text they show (a field's code, such as a
reference manager's ADDIN data, is left out). Deleted text of tracked changes is left
out, inserted text kept. Positions are body paragraphs: Note.line is the paragraph
holding the note's mark (Manuscript.position_kind = "paragraph").
"""

from __future__ import annotations

from xml.etree import ElementTree as ET

from ..errors import InputError
from ..model import Manuscript, Marker
from ._common import FoundNote, build_manuscript
from .package import Package

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_SKIP_NOTE_TYPES = {"separator", "continuationSeparator", "continuationNotice"}
_SKIP = {W + "delText", W + "instrText", W + "footnoteRef", W + "endnoteRef", W + "del", W + "moveFrom",
         W + "rPr", W + "pPr", W + "commentReference", W + "annotationRef", W + "fldData"}
_SPACE = {W + "tab", W + "br", W + "cr", W + "ptab"}


def read_docx(data: bytes, path: str) -> Manuscript:
    package = Package(data, path, "a Word (.docx) document")
    document = package.xml("word/document.xml")
    if document is None:
        raise InputError(f"{path}: not a Word document (no word/document.xml in the package)")
    texts: dict[tuple[str, str], str] = {}
    for kind, part in (("footnote", "word/footnotes.xml"), ("endnote", "word/endnotes.xml")):
        root = package.xml(part)
        if root is None:
            continue
        for note in root.iter(W + kind):
            if note.get(W + "type") in _SKIP_NOTE_TYPES:
                continue
            texts[(kind, note.get(W + "id", ""))] = _note_text(note)

    references: list[tuple[str, str, int]] = []  # (kind, id, paragraph)
    paragraphs = _walk_body(document, references)

    notes: list[FoundNote] = []
    markers: list[Marker] = []
    unmatched: list[Marker] = []
    numbered: set[tuple[str, str]] = set()
    for kind, ident, paragraph in references:
        key = (kind, ident)
        if key in numbered:
            continue  # the same note marked twice: one note
        numbered.add(key)
        number = len(numbered)
        marker = Marker(number, paragraph)
        if key in texts:
            markers.append(marker)
            notes.append(FoundNote(number, texts[key], paragraph, raw=texts[key], marker_line=paragraph))
        else:
            unmatched.append(marker)
    for key, text in texts.items():
        if key not in numbered:  # a note whose mark was deleted from the body
            numbered.add(key)
            notes.append(FoundNote(len(numbered), text, max(paragraphs, 1), raw=text))
    return build_manuscript(path, notes, markers, unmatched, position_kind="paragraph")


def _walk_body(root: ET.Element, references: list[tuple[str, str, int]]) -> int:
    """Count paragraphs in document order and record note references; deleted runs are skipped."""
    count = 0
    stack = [root]
    while stack:
        element = stack.pop()
        tag = element.tag
        if tag in (W + "del", W + "moveFrom"):
            continue
        if tag == W + "p":
            count += 1
        elif tag in (W + "footnoteReference", W + "endnoteReference"):
            kind = "footnote" if tag == W + "footnoteReference" else "endnote"
            references.append((kind, element.get(W + "id", ""), max(count, 1)))
        stack.extend(reversed(element))
    return count


def _note_text(note: ET.Element) -> str:
    paragraphs: list[str] = []
    for p in note.iter(W + "p"):
        pieces: list[str] = []
        _collect(p, pieces)
        text = "".join(pieces).strip()
        if text:
            paragraphs.append(text)
    return " ".join(paragraphs)


def _collect(element: ET.Element, out: list[str]) -> None:
    for child in element:
        tag = child.tag
        if tag in _SKIP:
            continue
        if tag == W + "t":
            out.append(child.text or "")
        elif tag in _SPACE:
            out.append(" ")
        elif tag == W + "noBreakHyphen":
            out.append("-")
        elif tag == W + "softHyphen":
            continue
        elif tag == W + "fldChar":
            continue
        else:
            _collect(child, out)
