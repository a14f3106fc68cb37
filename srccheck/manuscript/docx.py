"""Word (.docx): footnotes and endnotes with their reference marks in the body.

The notes live in word/footnotes.xml and word/endnotes.xml; the body (word/document.xml)
holds w:footnoteReference / w:endnoteReference where each is anchored. Notes are
numbered in the order their marks appear in the body, footnotes and endnotes as one
sequence (the order a reader meets them). Formatting is ignored; hyperlinks, simple
and complex fields are flattened to the text they show, except reference managers'
citation fields (Zotero, Mendeley, EndNote; see fieldcodes and docx_fields): those become
citations of the items they hold, and one in the body text is a note of its own. Deleted text of tracked changes is left
out, inserted text kept. Positions are body paragraphs: Note.line is the paragraph
holding the note's mark (Manuscript.position_kind = "paragraph").
"""

from __future__ import annotations

import bisect
from xml.etree import ElementTree as ET

from ..errors import InputError
from ..model import Manuscript, Marker
from ._common import FoundNote, KeyCite, build_manuscript, field_cites
from .docx_fields import Counter, body_citations, paragraphs_content
from .package import Package

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_SKIP_NOTE_TYPES = {"separator", "continuationSeparator", "continuationNotice"}


def read_docx(data: bytes, path: str) -> Manuscript:
    package = Package(data, path, "a Word (.docx) document")
    document = package.xml("word/document.xml")
    if document is None:
        raise InputError(f"{path}: not a Word document (no word/document.xml in the package)")
    texts: dict[tuple[str, str], str] = {}
    cited: dict[tuple[str, str], list[KeyCite]] = {}  # reference managers' citation fields, per note
    counter = Counter()
    for kind, part in (("footnote", "word/footnotes.xml"), ("endnote", "word/endnotes.xml")):
        root = package.xml(part)
        if root is None:
            continue
        for note in root.iter(W + kind):
            if note.get(W + "type") in _SKIP_NOTE_TYPES:
                continue
            content = paragraphs_content(list(note.iter(W + "p")), counter)
            texts[(kind, note.get(W + "id", ""))] = content.text
            if content.citations:
                cited[(kind, note.get(W + "id", ""))] = field_cites(content.citations)

    references: list[tuple[str, str, int]] = []  # (kind, id, paragraph)
    sections: list[tuple[int, ET.Element]] = []  # (last paragraph, w:sectPr) of each section
    paragraphs = _walk_body(document, references, sections)
    restarts = _section_restarts(sections, package.xml("word/settings.xml"), paragraphs)

    notes: list[FoundNote] = []
    markers: list[Marker] = []
    unmatched: list[Marker] = []
    numbered: set[tuple[str, str]] = set()
    in_body = body_citations(document, counter)  # citation fields in the body: each a note of its own
    for place, (kind, ident, paragraph) in enumerate([*references, ("", "", 0)]):
        while in_body and in_body[0][1] <= place:
            at, _, items = in_body.pop(0)
            numbered.add(("body", str(len(numbered))))
            markers.append(Marker(len(numbered), at))
            notes.append(FoundNote(len(numbered), "", at, raw=items[0].field.shown, marker_line=at,
                                   keys=field_cites([items])))
        if not kind:
            break
        key = (kind, ident)
        if key in numbered:
            continue  # the same note marked twice: one note
        numbered.add(key)
        number = len(numbered)
        marker = Marker(number, paragraph)
        if key in texts:
            markers.append(marker)
            notes.append(FoundNote(number, texts[key], paragraph, raw=texts[key], marker_line=paragraph,
                                   keys=cited.get(key, [])))
        else:
            unmatched.append(marker)
    for key, text in texts.items():
        if key not in numbered:  # a note whose mark was deleted from the body
            numbered.add(key)
            notes.append(FoundNote(len(numbered), text, max(paragraphs, 1), raw=text, keys=cited.get(key, [])))
    if restarts:
        notes, markers = _number_by_section(notes, markers, references, restarts)
    return build_manuscript(path, notes, markers, unmatched, position_kind="paragraph")


def _section_restarts(sections: list[tuple[int, ET.Element]], settings: ET.Element | None,
                      paragraphs: int) -> list[tuple[int, set[str]]]:
    """(last paragraph, kinds whose numbering starts again in it) per section, when any section restarts
    its footnote or endnote numbering (w:numRestart eachSect, in the section or the document's settings)."""
    default: set[str] = set()
    for kind in ("footnote", "endnote"):
        pr = settings.find(f"{W}{kind}Pr/{W}numRestart") if settings is not None else None
        if pr is not None and pr.get(W + "val") == "eachSect":
            default.add(kind)
    out = []
    for last, sect in sections or [(paragraphs, ET.Element(W + "sectPr"))]:
        kinds = set(default)
        for kind in ("footnote", "endnote"):
            pr = sect.find(f"{W}{kind}Pr/{W}numRestart")
            if pr is not None:
                (kinds.add if pr.get(W + "val") == "eachSect" else kinds.discard)(kind)
        out.append((last, kinds))
    return out if any(kinds for _, kinds in out) and len(out) > 1 else []


def _number_by_section(notes: list[FoundNote], markers: list[Marker], references: list[tuple[str, str, int]],
                       restarts: list[tuple[int, set[str]]]) -> tuple[list[FoundNote], list[Marker]]:
    """Word sections that restart note numbering: each note is (section block, number as printed) beside its
    running index."""
    ends = [last for last, _ in restarts]
    counter = {"footnote": 0, "endnote": 0}
    section = -1
    block = 0
    printed: dict[int, tuple[int, int]] = {}  # running index -> (block, printed)
    seen: set[tuple[str, str]] = set()
    index = 0
    for kind, ident, paragraph in references:
        if (kind, ident) in seen:
            continue
        seen.add((kind, ident))
        index += 1
        at = min(bisect.bisect_left(ends, paragraph), len(ends) - 1)
        if at != section:
            section = at
            if restarts[at][1] or not block:
                block += 1
            for k in restarts[at][1]:
                counter[k] = 0
        counter[kind] += 1
        printed[index] = (block, counter[kind])
    if block < 2:
        return notes, markers  # no section that holds notes starts its numbering again
    for note in notes:
        if note.number in printed:
            note.chapter, note.printed = printed[note.number]
    markers = [Marker(m.number, m.line, *printed[m.number]) if m.number in printed else m for m in markers]
    return notes, markers


def _walk_body(root: ET.Element, references: list[tuple[str, str, int]],
               sections: list[tuple[int, ET.Element]]) -> int:
    """Count paragraphs in document order and record note references and where sections end; deleted runs are
    skipped."""
    count = 0
    stack = [root]
    while stack:
        element = stack.pop()
        tag = element.tag
        if tag in (W + "del", W + "moveFrom"):
            continue
        if tag == W + "sectPr":
            sections.append((max(count, 1), element))  # in a paragraph's properties: that paragraph ends it
            continue
        if tag == W + "p":
            count += 1
        elif tag in (W + "footnoteReference", W + "endnoteReference"):
            kind = "footnote" if tag == W + "footnoteReference" else "endnote"
            references.append((kind, element.get(W + "id", ""), max(count, 1)))
        stack.extend(reversed(element))
    return count
