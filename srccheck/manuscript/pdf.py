"""PDF files: footnotes told from the body by what the PDF knows about each line.

Extraction is pdfplumber's (pdfminer.six underneath): it gives every word with its font
size and position, and the page's drawn lines, which is what separating notes from
body text needs. Per page:

- the footnote block is what lies below a short horizontal rule in the lower part of
  the page (the separator most word processors draw); without a rule, it is the run of
  lines at the foot of the page set smaller than the body text;
- a running header or footer that is a bare number is the printed page number (else
  the PDF's own page number is used);
- a note starts with its number at the start of a line of the footnote block; other
  lines continue the current note, also on the next page;
- body marks are numbers set smaller than the body text (superscripts).

Positions are pages (Manuscript.position_kind = "page"). A PDF that cannot be opened
without a password, or whose pages carry no text (scanned images), is an InputError.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from ..errors import InputError
from ..model import Manuscript, Marker
from ._common import FoundNote, build_manuscript
from .pdftext import _join, _Line

MAX_PAGES = 3000
MAX_GAP = 3
_PAGE_NUMBER = re.compile(r"^[-–—\s]*(\d{1,4})[-–—\s]*$")
_NOTE_NUMBER = re.compile(r"^(\d{1,5})[.)]?$")


@dataclass
class _TextLine:
    top: float
    bottom: float
    words: list[dict[str, Any]] = field(default_factory=list)

    @property
    def text(self) -> str:
        return " ".join(w["text"] for w in self.words)

    @property
    def size(self) -> float:
        sizes: Counter[float] = Counter()
        for w in self.words:
            sizes[round(w["size"], 1)] += len(w["text"])
        return sizes.most_common(1)[0][0] if sizes else 0.0


def read_pdf(data: bytes, path: str) -> Manuscript:
    try:
        import pdfplumber
    except ImportError:  # pragma: no cover - a dependency, but say so plainly if it is missing
        raise InputError(f"{path}: reading PDF needs pdfplumber (pip install pdfplumber)") from None
    pages = _extract(pdfplumber, data, path)
    words_total = sum(len(w) for _, w, _ in pages)
    if words_total == 0:
        raise InputError(f"{path}: the PDF has no text layer (scanned images?); run OCR on it first")
    # The body's size is the commonest in the upper part of the pages: a short text with long
    # notes may have more characters in its notes than in its body.
    sizes: Counter[float] = Counter()
    for (_, height), words, _ in pages:
        for w in words:
            if w["top"] < 0.6 * height:
                sizes[round(w["size"], 1)] += len(w["text"])
    if not sizes:
        for _, words, _ in pages:
            for w in words:
                sizes[round(w["size"], 1)] += len(w["text"])
    body_size = sizes.most_common(1)[0][0]

    notes: list[FoundNote] = []
    note_lines: list[list[_Line]] = []
    candidates: list[tuple[int, int]] = []  # (number, page) of superscript numbers in the body
    last = 0
    for index, (geometry, words, rules) in enumerate(pages, start=1):
        width, height = geometry
        lines = _lines(words)
        printed, lines = _page_number(lines, height, index)
        body, foot = _split(lines, rules, width, height, body_size)
        for line in body:
            for w in line.words:
                if w["size"] < body_size * 0.85 and re.fullmatch(r"\d{1,4}[,.;]?", w["text"]):
                    candidates.append((int(w["text"].rstrip(",.;")), printed))
        for line in foot:
            first = line.words[0]["text"]
            m = _NOTE_NUMBER.match(first)
            number = int(m.group(1)) if m else None
            rest = " ".join(w["text"] for w in line.words[1:])
            if number is not None and rest and _accept(number, last):
                last = number
                notes.append(FoundNote(number, "", printed, page=printed))
                note_lines.append([_Line(printed, rest)])
            elif note_lines:
                note_lines[-1].append(_Line(printed, line.text))
    for note, lines_of_note in zip(notes, note_lines):
        note.text, note.line_starts = _join(lines_of_note)
        note.raw = note.text
    markers, unmatched = _markers(candidates, {n.number for n in notes})
    by_number: dict[int, int] = {}
    for m in markers:
        by_number.setdefault(m.number, m.line)
    for note in notes:
        note.marker_line = by_number.get(note.number)
    return build_manuscript(path, notes, markers, unmatched, position_kind="page")


def _extract(pdfplumber: Any, data: bytes, path: str) -> list[tuple[tuple[float, float], list[dict[str, Any]], list[float]]]:
    """Per page: (width, height), its words with sizes, and the tops of short horizontal rules."""
    from pdfminer.pdfdocument import PDFPasswordIncorrect

    pages = []
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            if len(pdf.pages) > MAX_PAGES:
                raise InputError(f"{path}: {len(pdf.pages)} pages, more than the {MAX_PAGES} read")
            for page in pdf.pages:
                words = page.extract_words(extra_attrs=["size"], keep_blank_chars=False, use_text_flow=False)
                rules = [e["top"] for e in page.edges if e.get("orientation") == "h"
                         and 0.1 * page.width < e["x1"] - e["x0"] < 0.6 * page.width]
                pages.append(((float(page.width), float(page.height)), words, rules))
                page.flush_cache()
    except InputError:
        raise
    except Exception as exc:  # pdfminer raises many kinds for damaged files; none is worth a traceback
        cause = exc.__cause__ or exc.__context__ or exc
        if isinstance(exc, PDFPasswordIncorrect) or isinstance(cause, PDFPasswordIncorrect) \
                or "password" in str(exc).lower():
            raise InputError(f"{path}: the PDF is encrypted (needs a password); save an unprotected copy") from None
        raise InputError(f"{path}: cannot read the PDF ({type(exc).__name__}: {str(exc)[:120]})") from None
    return pages


def _lines(words: list[dict[str, Any]]) -> list[_TextLine]:
    """Words grouped into lines by vertical overlap (a raised superscript stays on its line)."""
    lines: list[_TextLine] = []
    for w in sorted(words, key=lambda w: (w["top"], w["x0"])):
        height = max(w["bottom"] - w["top"], 0.1)
        placed = False
        for line in reversed(lines[-3:]):
            overlap = min(line.bottom, w["bottom"]) - max(line.top, w["top"])
            if overlap >= 0.4 * height:
                line.words.append(w)
                line.top, line.bottom = min(line.top, w["top"]), max(line.bottom, w["bottom"])
                placed = True
                break
        if not placed:
            lines.append(_TextLine(w["top"], w["bottom"], [w]))
    for line in lines:
        line.words.sort(key=lambda w: w["x0"])
    return lines


def _page_number(lines: list[_TextLine], height: float, index: int) -> tuple[int, list[_TextLine]]:
    """A bare number in the top or bottom margin is the printed page number; it is not text."""
    for line in (lines[:1] + lines[-1:]) if lines else []:
        in_margin = line.top < 0.1 * height or line.bottom > 0.9 * height
        m = _PAGE_NUMBER.match(line.text)
        if in_margin and m:
            return int(m.group(1)), [x for x in lines if x is not line]
    return index, lines


def _split(lines: list[_TextLine], rules: list[float], width: float, height: float,
           body_size: float) -> tuple[list[_TextLine], list[_TextLine]]:
    low_rules = [r for r in rules if r > 0.4 * height]
    if low_rules and lines:
        rule = min(low_rules)
        below = [x for x in lines if x.top >= rule - 1]
        if below and all(x.size <= body_size for x in below):
            return [x for x in lines if x.top < rule - 1], below
    # no rule: the smaller lines at the foot of the page
    split = len(lines)
    while split > 0 and lines[split - 1].size < body_size * 0.95:
        split -= 1
    foot = lines[split:]
    if foot and not _NOTE_NUMBER.match(foot[0].words[0]["text"]) and split == 0:
        return lines, []  # a page set entirely small, with no note number: not a footnote block
    return lines[:split], foot


def _accept(number: int, last: int) -> bool:
    if last == 0:
        return number < 1000
    return last < number <= last + 1 + MAX_GAP


def _markers(candidates: list[tuple[int, int]], existing: set[int]) -> tuple[list[Marker], list[Marker]]:
    """Superscript numbers in reading order that continue the sequence of notes."""
    markers: list[Marker] = []
    unmatched: list[Marker] = []
    last = 0
    for number, page in candidates:
        if not last < number <= last + 1 + MAX_GAP:
            continue
        last = number
        (markers if number in existing else unmatched).append(Marker(number, page))
    return markers, unmatched
