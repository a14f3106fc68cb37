"""Word text with its fields: what a paragraph shows, and the reference managers' citation fields in it.

A simple field is one element, ``<w:fldSimple w:instr="CODE">result runs</w:fldSimple>``. A
complex field is a sequence of runs: ``w:fldChar begin`` (which may carry w:fldData), the
code in one or more ``w:instrText`` runs, ``w:fldChar separate``, the result runs (what the
reader sees), ``w:fldChar end``; fields nest (EndNote puts an EN.CITE.DATA field inside the
code of its EN.CITE field). The walk below reads the content in document order as events
and keeps a stack of open fields. The result of a citation field (see fieldcodes) is taken
out of the text and returned with the field; every other field is flattened to its result.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from xml.etree import ElementTree as ET

from ..model import FieldItem
from ._common import tidy
from .fieldcodes import field_items, is_citation_code

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_SKIP = {W + "delText", W + "delInstrText", W + "footnoteRef", W + "endnoteRef", W + "del", W + "moveFrom",
         W + "rPr", W + "pPr", W + "commentReference", W + "annotationRef"}
_SPACE = {W + "tab", W + "br", W + "cr", W + "ptab"}


@dataclass
class _Open:
    code: list[str] = field(default_factory=list)
    data: bytes | None = None
    shown: list[str] = field(default_factory=list)
    in_result: bool = False
    citation: bool = False


@dataclass
class Content:
    text: str
    citations: list[list[FieldItem]]  # one list per citation field, in order


class Counter:
    """Numbers the citation fields of one document (CitationField.number)."""

    def __init__(self) -> None:
        self.value = 0

    def next(self) -> int:
        self.value += 1
        return self.value


@dataclass
class _State:
    counter: Counter
    stack: list[_Open] = field(default_factory=list)
    found: list[list[FieldItem]] = field(default_factory=list)
    body: bool = False  # walking the body: nested paragraphs are walked on their own; note marks are counted
    marks: int = 0  # footnote and endnote marks met so far (body only)
    placed: list[tuple[int, list[FieldItem]]] = field(default_factory=list)  # (marks before, items), body only


def paragraphs_content(paragraphs: list[ET.Element], counter: Counter) -> Content:
    """The text of these paragraphs (joined by spaces) without the citation fields' results, and those fields."""
    out: list[str] = []
    state = _State(counter)
    for index, paragraph in enumerate(paragraphs):
        pieces: list[str] = []
        _walk(paragraph, pieces, state)
        text = "".join(pieces).strip()
        if text:
            out.append(text)
        if state.stack and index < len(paragraphs) - 1:
            _add(" ", pieces, state.stack)
    text = " ".join(out)
    return Content(tidy(text) if state.found else text, state.found)  # the punctuation left where fields were


def body_citations(document: ET.Element, counter: Counter) -> list[tuple[int, int, list[FieldItem]]]:
    """The citation fields written in the body text (an author-date style, or a note style's in-text
    citations): (body paragraph, how many note marks come before it, its items), in document order."""
    if next(document.iter(W + "instrText"), None) is None and next(document.iter(W + "fldSimple"), None) is None:
        return []  # no field at all: most documents
    state = _State(counter, body=True)
    found: list[tuple[int, int, list[FieldItem]]] = []
    for number, paragraph in enumerate(document.iter(W + "p"), start=1):
        _walk(paragraph, [], state)
        found.extend((number, marks, items) for marks, items in state.placed)
        state.placed.clear()
    return found


def _walk(element: ET.Element, out: list[str], state: _State) -> None:
    stack = state.stack
    for child in element:
        tag = child.tag
        if tag in _SKIP or (state.body and tag == W + "p"):
            continue
        if tag in (W + "footnoteReference", W + "endnoteReference"):
            state.marks += 1
        if tag == W + "t":
            if stack:
                _add(child.text or "", out, stack)
            else:
                out.append(child.text or "")  # outside any field: most text
        elif tag in _SPACE:
            _add(" ", out, stack)
        elif tag == W + "noBreakHyphen":
            _add("-", out, stack)
        elif tag == W + "softHyphen":
            continue
        elif tag == W + "instrText":
            if stack and not stack[-1].in_result:
                stack[-1].code.append(child.text or "")
        elif tag == W + "fldChar":
            _field_char(child, out, state)
        elif tag == W + "fldSimple":
            stack.append(_Open(code=[child.get(W + "instr", "")]))
            _separate(stack[-1])
            _walk(child, out, state)
            _close(out, state)
        else:
            _walk(child, out, state)


def _field_char(element: ET.Element, out: list[str], state: _State) -> None:
    kind = element.get(W + "fldCharType")
    if kind == "begin":
        data = element.find(W + "fldData")
        state.stack.append(_Open(data=(data.text or "").encode("ascii", "ignore") if data is not None else None))
    elif kind == "separate" and state.stack:
        _separate(state.stack[-1])
    elif kind == "end" and state.stack:
        _close(out, state)


def _separate(opened: _Open) -> None:
    opened.in_result = True
    opened.citation = is_citation_code("".join(opened.code))


def _add(text: str, out: list[str], stack: list[_Open]) -> None:
    """Text goes to the outermost citation field showing it, else to the paragraph; codes show nothing."""
    for opened in stack:
        if not opened.in_result:
            return  # inside a field's code (a nested field's result belongs to the code)
        if opened.citation:
            opened.shown.append(text)
            return
    out.append(text)


def _close(out: list[str], state: _State) -> None:
    stack = state.stack
    opened = stack.pop()
    code = "".join(opened.code)
    if not opened.in_result:
        opened.citation = is_citation_code(code)  # a field with no result part
    if not opened.citation:
        if stack and not stack[-1].in_result and stack[-1].data is None:
            stack[-1].data = opened.data  # EndNote's EN.CITE.DATA carries its parent's record
        return
    shown = " ".join("".join(opened.shown).split())
    items = field_items(code, opened.data, shown, state.counter.next())
    if items:
        state.found.append(items)
        if state.body:
            state.placed.append((state.marks, items))
    elif shown:
        _add(shown, out, stack)  # a citation field we cannot read: its text stays for the parser
