"""PDF files: the text of each page through PDFium, then the same note-numbering-led reading as
PDF-extracted text (pdftext), so `srccheck check paper.pdf` and `pdftotext paper.pdf - | srccheck check -`
find the same notes.

PDFium (pypdfium2) gives each page's characters in reading order with the spaces and line
breaks it infers from their positions, and each character's box. From the boxes this reader
puts back what position-blind text loses:

- an accent set as a glyph of its own (pdfTeX with OT1 fonts builds "Ö" from "O" and a
  spacing "¨", which extraction may put at the end of the line) is composed with the letter
  under (or, for a cedilla or ogonek, above) it;
- a word hyphenated at a line end, which PDFium marks with U+FFFE and runs into the next
  line, is split again at that line end, so that a footnote starting on the next line is not
  glued to the body.

Positions are pages (Manuscript.position_kind = "page"): a note's line is the PDF page where it
starts, a marker's line the page it is on. A PDF that cannot be opened without a password, or
whose pages carry no text (scanned images), is an InputError.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import replace
from typing import Any

from ..errors import InputError
from ..model import Manuscript
from .glyphs import ACCENTS_ABOVE, ACCENTS_BELOW

MAX_PAGES = 3000
_LINE_HYPHEN = "\ufffe"  # PDFium: a hyphen at a line end, the next line run on
_ACCENT = re.compile("[" + "".join(ACCENTS_ABOVE) + "".join(ACCENTS_BELOW) + "]")
_LINE_DIGIT = re.compile(r"\r\n(?=\d)")


def read_pdf(data: bytes, path: str) -> Manuscript:
    from .pdftext import read_pdf_text

    pages = _extract(data, path)
    if not any(p.strip() for p in pages):
        raise InputError(f"{path}: the PDF has no text layer (scanned images?); run OCR on it first")
    text = "\f".join(pages)
    ms = read_pdf_text(text, path)
    # the file line of each page's first line: a line's page is found by bisection
    first_lines = [1]
    for page in pages[:-1]:
        first_lines.append(first_lines[-1] + page.count("\n"))

    def page_of(line: int | None) -> int | None:
        return None if line is None else bisect.bisect_right(first_lines, line)

    notes = [
        replace(n, line=page_of(n.line) or 1, marker_line=page_of(n.marker_line),
                page=n.page if n.page is not None else page_of(n.line),
                line_starts=tuple((offset, page_of(line) or 1) for offset, line in n.line_starts))
        for n in ms.notes
    ]
    markers = [replace(m, line=page_of(m.line) or 1) for m in ms.markers]
    unmatched = [replace(m, line=page_of(m.line) or 1) for m in ms.unmatched_markers]
    return replace(ms, notes=notes, markers=markers, unmatched_markers=unmatched, position_kind="page")


def _extract(data: bytes, path: str) -> list[str]:
    """Each page's text, its accents composed and its line-end hyphens restored."""
    try:
        import pypdfium2 as pdfium
    except ImportError:
        raise InputError(f"{path}: reading PDF files needs the pdf extra: pip install 'srccheck[pdf]' "
                         "(or extract its text: pdftotext paper.pdf - | srccheck check -)") from None
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise InputError(f"{path}: the PDF is encrypted (needs a password); save an unprotected copy") from None
        raise InputError(f"{path}: cannot read the PDF ({str(exc)[:120]})") from None
    try:
        if len(document) > MAX_PAGES:
            raise InputError(f"{path}: {len(document)} pages, more than the {MAX_PAGES} read")
        pages = []
        for index in range(len(document)):
            page = document[index]
            textpage = page.get_textpage()
            try:
                pages.append(_page_text(textpage))
            finally:
                textpage.close()
                page.close()
        return pages
    except pdfium.PdfiumError as exc:
        raise InputError(f"{path}: cannot read the PDF ({str(exc)[:120]})") from None
    finally:
        document.close()


def _page_text(textpage: Any) -> str:
    text: str = textpage.get_text_range()
    if len(text) == textpage.count_chars():  # one character per index: positions can be asked for
        accents = [m.start() for m in _ACCENT.finditer(text)]
        line_digits = [m.end() for m in _LINE_DIGIT.finditer(text)]
        if accents or line_digits:
            chars = list(text)
            for i in accents:
                _compose_at(textpage, chars, i)
            for i in line_digits:
                _raise_marker(textpage, text, chars, i)
            text = "".join(chars)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace(_LINE_HYPHEN, "-\n")
    # PDFium keeps the space between two words at the start of the second's line: no indentation, drop it
    return "\n".join(line.strip(" ") for line in text.split("\n"))


def _raise_marker(textpage: Any, text: str, chars: list[str], i: int) -> None:
    """A note marker set as a superscript at a line's end, which PDFium puts on a line of its own ("Flüchtlingen."
    / "1", "Smyrna." / "2 Ende"): back onto its line, after the character it follows there."""
    p = i - 3
    while p >= 0 and (text[p] in " \r\n" or text[p] in ACCENTS_ABOVE or text[p] in ACCENTS_BELOW or not chars[p]):
        p -= 1
    if p < 0:
        return
    q = p  # the last letter: a full stop's box is too small to show where the line's baseline is
    while q >= 0 and not text[q].isalpha() and text[q] not in "\r\n":
        q -= 1
    if q < 0 or not text[q].isalpha():
        return
    left, bottom, right, top = textpage.get_charbox(i)
    p_right = textpage.get_charbox(p)[2]
    _, p_bottom, _, p_top = textpage.get_charbox(q)
    height = p_top - p_bottom
    raised = p_bottom + 0.15 * height < bottom < p_top + 0.5 * height  # above the baseline, on the same line
    if left >= p_right - 0.5 and raised and height > 0:
        for k in range(p + 1, i):
            chars[k] = ""


def _compose_at(textpage: Any, chars: list[str], i: int) -> None:
    """Compose the spacing accent at index i with the letter it sits on, found by position."""
    left, bottom, right, top = textpage.get_charbox(i)
    if right <= left:
        return
    above = chars[i] in ACCENTS_ABOVE
    combining = ACCENTS_ABOVE[chars[i]] if above else ACCENTS_BELOW[chars[i]]
    x = (left + right) / 2
    j = -1
    for step in (1.0, 2.0, 3.5, 5.0):  # walk down (up, for a cedilla) from the accent into its letter
        j = textpage.get_index(x, bottom - step if above else top + step, 1.0, 1.0)
        if j is not None and 0 <= j < len(chars) and j != i:
            break
    if j is None or not 0 <= j < len(chars) or j == i or not chars[j].isalpha():
        return
    base = "i" if chars[j] == "ı" and combining != "\u0307" else chars[j]
    composed = unicodedata.normalize("NFC", base + combining)
    if len(composed) == 1:
        chars[j] = composed
        chars[i] = ""
