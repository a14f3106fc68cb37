"""OpenDocument text with reference managers' citations: Zotero's reference marks and bookmarks.

Zotero's LibreOffice plug-in marks each citation either with a reference mark whose name
is the field code (``<text:reference-mark-start text:name="ZOTERO_ITEM CSL_CITATION {…}
RNDxxxxxxxxxx"/>`` … ``<text:reference-mark-end …/>``), or with a bookmark named
``ZOTERO_BREF_…`` whose code is kept in the document's user-defined properties
(meta.xml), cut into pieces of 255 characters named ``ZOTERO_BREF_…_1``, ``_2``…
The text between start and end is the citation as shown: it is taken out of the note's
text and returned with the field's items (see fieldcodes).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from xml.etree import ElementTree as ET

from ..model import FieldItem
from .docx_fields import Content, Counter
from ._common import tidy
from .fieldcodes import field_items, is_citation_code

TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
META = "{urn:oasis:names:tc:opendocument:xmlns:meta:1.0}"
_SKIP = {OFFICE + "annotation", OFFICE + "annotation-end", TEXT + "tracked-changes", TEXT + "note-citation",
         TEXT + "bookmark-ref"}
_PARAGRAPHS = {TEXT + "p", TEXT + "h"}
_STARTS = {TEXT + "reference-mark-start", TEXT + "bookmark-start"}
_ENDS = {TEXT + "reference-mark-end", TEXT + "bookmark-end"}


def bookmark_codes(meta: ET.Element | None) -> dict[str, str]:
    """Bookmark name -> its field code, joined from the numbered user-defined properties."""
    if meta is None:
        return {}
    pieces: dict[str, dict[int, str]] = {}
    for prop in meta.iter(META + "user-defined"):
        name = prop.get(META + "name", "")
        stem, _, number = name.rpartition("_")
        if stem.startswith("ZOTERO_BREF_") and number.isdigit():
            pieces.setdefault(stem, {})[int(number)] = prop.text or ""
    return {stem: "".join(parts[i] for i in sorted(parts)) for stem, parts in pieces.items()}


@dataclass
class _State:
    counter: Counter
    codes: dict[str, str]
    open: dict[str, list[str]] = field(default_factory=dict)  # citation marks open: name -> shown pieces
    found: list[list[FieldItem]] = field(default_factory=list)
    body: bool = False  # walking the body: notes are counted, and each field placed after so many notes
    notes: int = 0
    placed: list[tuple[int, list[FieldItem]]] = field(default_factory=list)  # (notes before, items)


def has_marks(root: ET.Element) -> bool:
    return any(next(root.iter(tag), None) is not None for tag in _STARTS)


def note_content(note_body: ET.Element, counter: Counter, codes: dict[str, str]) -> Content:
    """The note's text without its citation marks' text, and the citation fields, as docx_fields gives them."""
    state = _State(counter, codes)
    paragraphs: list[str] = []
    stack = [note_body]
    while stack:
        node = stack.pop()
        if node.tag in _SKIP:
            continue
        if node.tag in _PARAGRAPHS:
            pieces: list[str] = []
            _collect(node, pieces, state)
            text = "".join(pieces).strip()
            if text:
                paragraphs.append(text)
        stack.extend(reversed(node))
    text = " ".join(paragraphs)
    return Content(tidy(text) if state.found else text, state.found)  # the punctuation left where fields were


def body_citations(body: ET.Element, counter: Counter, codes: dict[str, str]) -> list[tuple[int, int, list[FieldItem]]]:
    """Citation marks in the body text: (body paragraph, notes before it, items), in document order."""
    state = _State(counter, codes, body=True)
    found: list[tuple[int, int, list[FieldItem]]] = []
    paragraph = 0
    stack = [body]
    while stack:
        node = stack.pop()
        if node.tag in _SKIP or node.tag == TEXT + "note":
            continue  # a note's own marks belong to the note
        if node.tag in _PARAGRAPHS:
            paragraph += 1
            _collect(node, [], state)
            found.extend((paragraph, notes, items) for notes, items in state.placed)
            state.placed.clear()
        stack.extend(reversed(node))
    return found


def _collect(element: ET.Element, out: list[str], state: _State) -> None:
    if element.text:
        _add(element.text, out, state)
    for child in element:
        tag = child.tag
        if tag in _STARTS:
            name = child.get(TEXT + "name", "")
            code = state.codes.get(name, name)
            if is_citation_code(code):
                state.open[name] = []
        elif tag in _ENDS:
            _close(child.get(TEXT + "name", ""), out, state)
        elif tag == TEXT + "s":
            _add(" ", out, state)
        elif tag in (TEXT + "tab", TEXT + "line-break"):
            _add(" ", out, state)
        elif tag == TEXT + "note":
            state.notes += state.body  # notes never nest; in the body, count them to place the fields
        elif tag in _SKIP or tag in _PARAGRAPHS:
            pass  # nested paragraphs are read on their own
        else:
            _collect(child, out, state)
        if child.tail:
            _add(child.tail, out, state)


def _add(text: str, out: list[str], state: _State) -> None:
    if state.open:
        next(iter(state.open.values())).append(text)  # the outermost open citation shows it
    else:
        out.append(text)


def _close(name: str, out: list[str], state: _State) -> None:
    if name not in state.open:
        return
    shown = " ".join("".join(state.open.pop(name)).split())
    items = field_items(state.codes.get(name, name), None, shown, state.counter.next())
    if items:
        state.found.append(items)
        if state.body:
            state.placed.append((state.notes, items))
    elif shown:
        _add(shown, out, state)
