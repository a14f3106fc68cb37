"""Paragraph footnotes: footmisc's para option (memoir's and manyfoot's paragraph notes likewise) runs a page's notes
on after each other in one paragraph, "…1959, p. 284. 2 Kullback, Information The-", and extractors give them so.
notes_run_on cuts such lines where the next note starts, so that the reader can read them again one note a line
(pdftext.read_pdf_text keeps that second reading only when it finds more notes with their markers).
"""

from __future__ import annotations

import re

from . import notelayout as NL

# the next note's number after a sentence's end (and the full stop some styles print after it: "p. 163. 3. Peter
# Flynn"), then its text on the same line or, at the line's end, on the next
_NEXT_NOTE_RUN_ON = re.compile(r"(?<=[.!?”\"»)])[ \t]+(\d{1,4})(\.?)(?:[ \t]+(?=[^\W\d_]|[«“\"„(\[])|[ \t]*$)")
# the same with no space before the number, then its full stop and a space: "…de 1905.10. Seyfarth, « Diag"
_NEXT_NOTE_GLUED = re.compile(r"(?<=[.!?”\"»)])(\d{1,4})\.[ \t]+(?=[^\W\d_]|[«“\"„(\[])")
_LONE_NUMBER = re.compile(r"^[ \t]*(\d{1,4})[ \t]*$")
# the rest of a page range wrapped at the line before, up to its sentence's end ("588, p. 586."), then a wide gap or
# the line's end
_RANGE_REST = re.compile(r"[ \t]*\d.*?[.!?”)»](?=[ \t]{2,}|[ \t]*$)")
_GLUED_AT_END = re.compile(r"[^\W\d_](\d{1,4})[ \t]*$")
_RANGE_BROKEN = re.compile(r"\d[ \t]*[-–—][ \t]*$")


def notes_run_on(lines: list[NL.Line], breaks: list[bool]) -> list[NL.Line] | None:
    """Paragraph footnotes (footmisc's para option, memoir's and manyfoot's paragraph notes) run a page's notes on
    in one paragraph: "…1959, p. 284. 2 Kullback, Information The-". Once a line of a page has started note n (its
    number and text, or its number alone), note n+1 after a sentence's end, later on that line or on the lines after
    it, starts a line of its own (its number alone when its text is on the next line: "…p. 284. 2" / "Kullback, …").
    A note runs on written as the notes that start a line are ("3. Peter Flynn" after "1. Anonymous"): a marker set
    after a space in the body ("réfugiés. 2 Près de 68 %", French typesetting) is none.
    The lines as prepared (breaks: their page breaks), or None when nothing was cut."""
    cuts: dict[int, list[int]] = {}  # line -> where the notes run on in it start
    swapped: dict[int, int] = {}  # a number alone on its line -> where the line after it hands over to its note
    current: int | None = None  # the note that began a line last on this page
    form: str | None = None  # what follows a note's number where a note starts a line: "." or nothing
    previous = ""
    for i, (ln, page_break) in enumerate(zip(lines, breaks)):
        text, at = ln.text, 0
        if page_break:
            current = None
        if i - 1 in swapped:
            # the line after a number raised out of it: its head still ends the note before, its tail (after a wide
            # gap, pdftotext -layout) is the number's note
            at, current = swapped[i - 1], int(lines[i - 1].text)
        else:
            lead = lone = None
            if text.lstrip()[:1].isdigit():
                lead = NL.LEADING_NOTE.match(text)
                lone = None if lead else _LONE_NUMBER.match(text)
            begun = lead or lone or _GLUED_AT_END.search(previous)  # the last: "Entwicklungen auf7" / "Neugebauer"
            started = "." if lead and text[lead.end(1):lead.end(1) + 1] == "." else "" if lead else form
            if lead and _starts_like_note_text(text[lead.end():].lstrip(". \t")):
                # how the notes are numbered where they start a line, seen on a line that may be the page's only note
                # ("1. Anonymous. « Hyphenation … »"), not only where a run of them confirms it
                form = started
            if begun and _starts_note(int(begun.group(1)), current, previous, _page_ahead(lines, breaks, i), started):
                current = int(begun.group(1))
                form = started if lead else form
                at = lead.end() if lead else 0
            if lone and current == int(lone.group(1)) and i + 1 < len(lines) and not breaks[i + 1] \
                    and _RANGE_BROKEN.search(previous) and (rest := _RANGE_REST.match(lines[i + 1].text)):
                # pdftotext raised the number out of its line and put it between the halves of a wrapped range:
                # "pp. 579–" / "11" / "588, p. 586.   Glashow, …": the head goes before the number
                swapped[i] = rest.end()
                previous = text
                continue
        if current is not None:
            found, current = _run_on(text, at, current, form)
            if found:
                cuts[i] = found
        previous = text
    if not cuts and not swapped:
        return None
    out: list[NL.Line] = []
    for i, (ln, page_break) in enumerate(zip(lines, breaks)):
        if i in swapped:
            continue  # the number goes after the head of the line below it
        text, at = ln.text, cuts.get(i, [])
        if i - 1 in swapped:
            out.append(NL.Line(ln.number, text[:swapped[i - 1]].rstrip(), breaks[i - 1]))
            out.append(NL.Line(lines[i - 1].number, lines[i - 1].text))
            starts = [swapped[i - 1], *at]
        elif at:
            starts = [0, *at]
        else:
            out.append(NL.Line(ln.number, text, page_break))
            continue
        pieces = [text[a:b].strip() for a, b in zip(starts, [*starts[1:], len(text)])]
        out.extend(NL.Line(ln.number, piece, page_break and k == 0 and i - 1 not in swapped)
                   for k, piece in enumerate(pieces) if piece)
    return out


def _starts_like_note_text(text: str) -> bool:
    """A capital or an opening quotation mark: how a note's text begins (a list item's may not)."""
    return text[:1].isupper() or text[:1] in "«“\"„"


def _run_on(text: str, at: int, current: int, form: str | None) -> tuple[list[int], int]:
    """Where the notes after note `current` start in text (from `at`), and the last note so begun. (Most lines do
    not hold the next number at all: a substring test spares them the pattern.)"""
    found: list[int] = []
    while str(current + 1) in text:
        m = next((m for m in _NEXT_NOTE_RUN_ON.finditer(text, at)
                  if int(m.group(1)) == current + 1 and (form is None or m.group(2) == form)), None)
        if form == ".":
            # pypdf drops the space before a number with its full stop: "…consulaires de 1905.10. Seyfarth, « Diag"
            glued = next((g for g in _NEXT_NOTE_GLUED.finditer(text, at) if int(g.group(1)) == current + 1), None)
            if glued is not None and (m is None or glued.start(1) < m.start(1)):
                m = glued
        if m is None:
            break
        found.append(m.start(1))
        at, current = m.end(1), current + 1
    return found, current


_AHEAD = 8  # lines of a page looked at for a note's next one run on: a long note's lines


def _page_ahead(lines: list[NL.Line], breaks: list[bool], i: int) -> list[NL.Line]:
    """Line i and those after it on its page, at most _AHEAD."""
    out = [lines[i]]
    for k in range(i + 1, min(len(lines), i + _AHEAD)):
        if breaks[k]:
            break
        out.append(lines[k])
    return out


def _starts_note(n: int, current: int | None, previous: str, ahead: list[NL.Line], form: str | None) -> bool:
    """Whether a number at a line's start (or glued to the end of the line before) begins a note of a paragraph of
    notes, given the note begun last on the page: the next one does; another (a page's first note, the notes after
    a numbered list in the body) only if its own next one runs on (written as `form` says) within the next lines of
    its page (ahead), or stands alone on one of them. Not a page number, a year or a quantity at a line's start
    ("1899 über Adana", "800 Flüchtlingen"), nor the end of a page range broken at the line before ("pp. 584–" /
    "585. 19 Glashow, …")."""
    if current is not None and n == current + 1:
        return True
    if _RANGE_BROKEN.search(previous):
        return False
    wanted = str(n + 1)
    if _run_on(ahead[0].text, 0, n, form)[0]:
        return True
    return any(ln.text.strip() == wanted or _run_on(ln.text, 0, n, form)[0] for ln in ahead[1:] if wanted in ln.text)
