"""Text extracted from a PDF (pdftotext, pdfminer, pypdf, MuPDF, copy and paste): the notes and the body markers.

The reading follows the note numbering, not the page layout (see notelayout): candidate note
starts are chained into the most consistent numbering, each body marker serving one note; the
lines between starts are labelled note or body; page numbers and running heads are dropped.
This module turns that labelling into notes (lines joined, printed pages, chapters when the
numbering starts again) and finds each note's marker in the body.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace

from ..grammar import languages as L
from ..model import Manuscript, Marker, Note, replaced
from ..normalize import LINK_FILE_TYPE, LINK_MARK, clean
from . import notelayout as NL
from .notelabels import assign
from .glyphs import repair
from .respace import respace
from .paragraph_notes import notes_run_on
from .roman_notes import roman_notes_as_numbers

_GLUED = re.compile(r"(?<=[^\W\d_]|[.,;:!?”’\"»)\]…])(\d{1,5})(?![\w\d])")  # books run past note 9999
_SPACED = re.compile(r"(?<=[.,;:!?”’\"»)\]…])[ \t]+(\d{1,5})(?=[ \t]|$)")
_MONTHS = {m for ms in L.MONTHS.values() for m in ms}
_MONTH_OR_UNIT = _MONTHS | set(L.UNITS)
_YEAR_THEN_MARKER = re.compile(r"(?<![\w.,])(1[5-9]\d\d|20[0-4]\d)(\d{1,3})(?=[\s.,;:)]|$)")
_DIGIT = re.compile(r"\d")
_FIVE_DIGITS = re.compile(r"\d{5}")
# "değildi.131902yı-": marker 13 run onto the year 1902 that opens the next sentence (pdfminer drops the space)
_MARKER_THEN_YEAR = re.compile(r"(?<=[^\W\d_][.,;:!?])(\d{1,3})((?:1[5-9]|20)\d\d)(?!\d)")
_DAY_THEN_MARKER = re.compile(r"(?<![\w.,])([12]\d|3[01]|[1-9])(\d{1,2})\s+([^\W\d_]+)")
# a marker after a sentence's end with the next sentence's date glued on (pdfminer): "benimsemiştir.117Şubat1919"
# is marker 11 and 7 Şubat, or marker 1 and 17 Şubat: each split is a candidate, the numbering takes the one it needs
_MARKER_THEN_DAY = re.compile(r"(?<=[^\W\d_][.,;:!?])(\d{2,5})\s?([^\W\d_]+)")
_DOTTED_DAY_THEN_MARKER = re.compile(r"(?<![\w.,])([12]\d|3[01]|[1-9])\.(\d{1,3})\s+([^\W\d_]+)")  # "am 12.15 August"
MAX_GAP = 3  # how far a glued marker may jump ahead of the last one (notes missing in between)


@dataclass
class _Line:
    number: int  # 1-based
    text: str


def _join(lines: list[_Line]) -> tuple[str, tuple[tuple[int, int], ...]]:
    """Join wrapped lines: a hyphen before a lower-case word is a broken word, before a digit a range, as is an en
    dash after a digit before one ("S. 38–" / "44")."""
    text = ""
    starts: list[tuple[int, int]] = []
    for ln in lines:
        piece = ln.text.strip()
        if not piece:
            continue
        if (text.endswith("-") and not text.endswith(" -")) or \
                (text.endswith("–") and text[-2:-1].isdigit() and piece[:1].isdigit()):
            if piece[:1].islower() and len(text) > 1 and text[-2].isalpha():
                text = text[:-1]
            starts.append((len(text), ln.number))
            text += piece
        else:
            if text:
                text += " "
            starts.append((len(text), ln.number))
            text += piece
    return text, tuple(starts)


_FOOTNOTE_SHARE = 0.8  # of the notes on their marker's page, for the numbering to be read as footnotes


def read_pdf_text(text: str, path: str, borrowed: Iterable[str] = ()) -> Manuscript:
    """borrowed: words known from elsewhere (the bibliography's) that may cut lines an extractor glued."""
    repaired = repair(clean(text))
    as_figures = roman_notes_as_numbers(repaired)
    lines = NL.prepare(respace(as_figures, borrowed))
    breaks = [ln.page_break for ln in lines]  # as prepared: the reading below marks lines, a second one starts afresh
    heads, marks, by_line, chain, layout = _read_lines(lines)
    run_on = notes_run_on(lines, breaks)
    if run_on is not None:
        # paragraph footnotes: read again with the notes run on cut apart, and kept if more notes are found so, each
        # with its marker in the body (a marker after a full stop and a space, "réfugiés. 4 Les exportations", may
        # have been cut off too: the note that takes it has none, and the real note 4 loses it)
        again = _read_lines(run_on)
        if _marked(again[3]) > _marked(chain):
            lines, (heads, marks, by_line, chain, layout) = run_on, again
    pages = _pages(lines)
    manuscript = _read_rest(path, lines, heads, marks, by_line, chain, layout, pages)
    if as_figures is not repaired:  # numbered i, ii, iii: messages name the notes so
        manuscript = replace(manuscript, notes=[replaced(n, roman=True) for n in manuscript.notes],
                             markers=[replace(m, roman=True) for m in manuscript.markers],
                             unmatched_markers=[replace(m, roman=True) for m in manuscript.unmatched_markers])
    return manuscript


def _marked(chain: list[NL.Start]) -> int:
    return sum(1 for s in chain if s.marker_at >= 0)


def _read_lines(lines: list[NL.Line]):  # type: ignore[no-untyped-def]
    """The numbering the notes follow and each line's label: running heads, marker candidates, the chosen chain of
    note starts and the layout (lines are marked as noise, page breaks and first text on the way)."""
    heads = NL.running_heads(lines)  # "CHAPTER 3. AFTER MUDROS" atop a page begins no chapter
    # a running head holds no marker: "10CAPÍTULO3. III.DESPUÉSDEMUDROS" (pdfminer) is no marker 3
    marks = [m for m in marker_candidates([_Line(i, ln.text) for i, ln in enumerate(lines)]) if m[0] not in heads]
    by_number: dict[int, list[float]] = {}  # number -> positions of its possible markers (line + column fraction)
    by_line: dict[int, set[int]] = {}  # glued markers only: what tells a body line from a note line
    for line, _column, number, glued in marks:
        if glued is not None:
            by_number.setdefault(number, []).append(line + _column / 1e7)
        if glued:
            by_line.setdefault(line, set()).add(number)
    endnote_headings = _endnote_headings(lines, heads)
    headings = sorted({*endnote_headings,
                       *(i for i, ln in enumerate(lines) if i not in heads and NL.CHAPTER_HEADING.match(ln.text))})
    starts = _after_endnote_heading(NL.candidates(lines, heads), endnote_headings)
    chain = NL.choose_chain(starts, by_number, headings)
    if any(ln.page_break for ln in lines[1:]) and chain:
        # footnotes: where nearly every note starts on its marker's page, a start on the marker's page reads better
        # than one on a later page (a numbered list in the next page's body); endnotes are all on later pages
        page_of = list(itertools.accumulate(int(ln.page_break) for ln in lines))
        marked = [s for s in chain if s.marker_at >= 0]
        on_page = sum(page_of[int(s.marker_at)] == page_of[s.index] for s in marked)
        # (every note on its marker's page already: the preference would pick the same numbering again)
        if _FOOTNOTE_SHARE * len(chain) <= on_page < len(chain):
            chain = NL.choose_chain(starts, by_number, headings, page_of)
    # neither a note's start nor a line holding a marker the numbering took is a running head
    chosen = {s.index for s in chain} | {s.index + 1 for s in chain if s.own_line} \
        | {int(s.marker_at) for s in chain if s.marker_at >= 0}
    NL.mark_noise(lines, chosen, heads)
    layout = assign(lines, chain, by_line)
    return heads, marks, by_line, chain, layout


def _read_rest(path: str, lines: list[NL.Line], heads: set[int], marks, by_line, chain, layout,  # type: ignore
               pages) -> Manuscript:
    pieces: list[list[_Line]] = [[] for _ in chain]
    for i, (label, owner) in enumerate(zip(layout.labels, layout.owner)):
        if owner < 0:
            continue
        start = chain[owner]
        if i == start.index:
            if not start.own_line:
                pieces[owner].append(_Line(lines[i].number, start.rest))
            continue
        pieces[owner].append(_Line(lines[i].number, lines[i].text))
    chapters = layout.chapters
    restarted = chapters > 1
    notes: list[Note] = []
    for k, (start, note_lines) in enumerate(zip(chain, pieces)):
        joined, starts = _join(note_lines)
        first_line = note_lines[0].number if note_lines else lines[start.index].number
        notes.append(Note(k + 1 if restarted else start.number, joined, first_line, pages.get(start.index),
                          line_starts=starts, chapter=start.chapter if restarted else 0,
                          printed=start.number if restarted else None))
    body = [_Line(i, ln.text) for i, ln in enumerate(lines) if layout.labels[i] == "B"]
    body_lines = {b.number for b in body}
    body_marks = [m for m in marks if m[0] in body_lines]
    markers, unmatched = _chapter_markers(body, chain, notes, lines, body_marks)
    markers = _passed_over_on_the_page(markers, chain, notes, lines, body_marks + _run_into_notes(marks, lines,
                                                                                                   body_lines))
    line_of_marker = {m.number: m.line for m in markers}
    notes = [replaced(n, marker_line=line_of_marker.get(n.number)) for n in notes]
    endnotes = _endnotes(lines, chain, layout.labels)
    page_of_line = {ln.number: pages.get(i) for i, ln in enumerate(lines)}
    per_page = restarted and _blocks_are_pages(notes) and _marked_on_their_page(notes, page_of_line)
    if per_page:
        endnotes = False  # blocks of notes that no body interrupts, like endnotes', but each under its own page's text
        page_of = {n.number: n.page for n in notes}
        notes = [replaced(n, on_page=n.page) for n in notes]
        markers = [replace(m, on_page=page_of.get(m.number)) for m in markers]
    return Manuscript(path=path, notes=notes, markers=markers, unmatched_markers=unmatched,
                      layout=("endnotes" if endnotes else "footnotes") if notes else "",
                      numbering="per-page" if per_page else "per-chapter" if restarted else "continuous",
                      expected_layout="footnotes or endnotes numbered 1, 2, 3… at the start of a line")


def _marked_on_their_page(notes: list[Note], page_of_line: dict[int, int | None]) -> bool:
    """Whether the notes' markers stand on the notes' own pages (footnotes), most of them: a chapter's endnotes, one
    block after its text, have theirs on earlier pages."""
    marked = [n for n in notes if n.marker_line is not None]
    same = sum(1 for n in marked if page_of_line.get(n.marker_line) == n.page)
    return bool(marked) and same >= _FOOTNOTE_SHARE * len(marked)


def _blocks_are_pages(notes: list[Note]) -> bool:
    """Whether numbering that starts again does so on every page (footmisc's perpage option, Word's "restart each
    page"): each block of notes stands on one page, each on a later page than the block before, and the pages are
    known."""
    pages: dict[int, set[int | None]] = {}
    for n in notes:
        pages.setdefault(n.chapter, set()).add(n.page)
    ordered = [pages[c] for c in sorted(pages)]
    if len(ordered) < 2 or any(len(p) != 1 or None in p for p in ordered):
        return False
    firsts = [next(iter(p)) for p in ordered]
    return all(a < b for a, b in zip(firsts, firsts[1:]))  # type: ignore[operator]


def _endnote_headings(lines: list[NL.Line], heads: set[int]) -> list[int]:
    """The lines that head endnotes ("Notes", "Anmerkungen zu Kapitel 2"); not a running head that repeats one
    atop page after page ("NOTES" in capitals, on pages of body too)."""
    found = [i for i, ln in enumerate(lines) if i not in heads and NL.ENDNOTES_HEADING.match(ln.text)]
    # atop a page, or in capitals where the extractor marks no pages (pdfminer, pypdf joined by line breaks)
    headlike = [i for i in found if lines[i].page_break or lines[i].text.strip().isupper()]
    repeated = Counter(lines[i].text.strip() for i in headlike)
    return [i for i in found if not (i in headlike and repeated[lines[i].text.strip()] >= 2)]


def _after_endnote_heading(starts: list[NL.Start], found: list[int]) -> list[NL.Start]:
    """Where the notes stand under an endnotes heading ("Notes", "Remarques aux chapitre 1"), a numbered list in
    the body before it ("1. le ravitaillement des villes côtières ;") is none of them: the candidates before the
    first such heading are dropped when the notes after it begin with 1 under a heading, and under every heading
    that opens a chapter's notes ("Anmerkungen zu Kapitel 2"), and are at least as many."""
    if not found:  # found: the lines that are endnotes headings
        return starts
    heading = found[0]
    before = [s for s in starts if s.index < heading]
    after = [s for s in starts if s.index > heading]
    ones = {s.index for s in after if s.number == 1}
    # a heading opens notes when a note 1 follows it at once (or after the next heading: "Notes" / "Notes to 1")
    opened = [h for h in found if any(h < i <= h + 2 for i in ones)]
    every = all(any(h < i <= h + 2 for i in ones) or any(h < g <= h + 1 for g in found) for h in found)
    return after if before and opened and every and len(after) >= len(before) else starts


def _endnotes(lines: list[NL.Line], chain: list[NL.Start], labels: list[str]) -> bool:
    """Endnotes: each chapter's notes in one block that no body text interrupts, after a body of more than
    one page (on a single page, notes under the text are its footnotes)."""
    if not chain or not any(ln.page_break for ln in lines[1 : chain[0].index]):
        return False
    blocks: dict[int, tuple[int, int]] = {}
    for s in chain:
        first, _ = blocks.get(s.chapter, (s.index, s.index))
        blocks[s.chapter] = (first, s.index)
    return not any(labels[i] == "B" for first, last in blocks.values() for i in range(first, last))


def _pages(lines: list[NL.Line]) -> dict[int, int | None]:
    """The printed page of each line index, from page-number lines (None when the text has none)."""
    printed: dict[int, int] = {}
    page_of = NL.pages_of(lines)
    for i, ln in enumerate(lines):
        m = NL.PAGE_NUMBER.match(ln.text)
        at_edge = ln.page_break or i + 1 == len(lines) or lines[i + 1].page_break  # not a formula's "2" mid-page
        if ln.noise and m and m.group(1).isdigit() and at_edge:
            printed.setdefault(page_of[i], int(m.group(1)))
    known = sorted(printed)
    of_page = {p: _printed_page(printed, known, p) for p in set(page_of)}  # once per page, not per line
    return {i: of_page[p] for i, p in enumerate(page_of)}


def _chapter_markers(body: list[_Line], chain: list[NL.Start], notes: list[Note], lines: list[NL.Line],
                     marks: list[tuple[int, int, int, bool | None]]) -> tuple[list[Marker], list[Marker]]:
    """The body's markers, chapter by chapter; Marker.line is the file's line. A chapter's markers come before
    the next chapter's first note (footnotes and chapter endnotes alike)."""
    mark_lines = [m[0] for m in marks]
    body_lines = [b.number for b in body]
    chapters: dict[int, list[tuple[int, Note]]] = {}
    for start, note in zip(chain, notes):
        chapters.setdefault(start.chapter, []).append((start.index, note))
    markers: list[Marker] = []
    unmatched: list[Marker] = []
    position = 0
    ordered = sorted(chapters)
    for c_index, chapter in enumerate(ordered):
        members = chapters[chapter]
        printed = {(n.printed if n.printed is not None else n.number): n for _, n in members}
        if len(ordered) == 1:
            segment, seg_marks = body, marks
        else:
            end = chapters[ordered[c_index + 1]][0][0] if c_index + 1 < len(ordered) else len(lines)
            stop = bisect.bisect_left(body_lines, end)
            segment = body[position:stop]
            first = segment[0].number if segment else end
            seg_marks = marks[bisect.bisect_left(mark_lines, first):bisect.bisect_left(mark_lines, end)]
        found, missing = find_markers(segment, sorted(printed), seg_marks)
        if len(ordered) > 1 and c_index + 1 < len(ordered):
            # the chapter's markers end where its last marker is (endnotes) or its last note starts (footnotes)
            last_found = max((m.line for m in found), default=-1)
            last_start = members[-1][0]
            bound = last_start if any(b.number > last_start for b in segment) and last_found < last_start \
                else last_found
            found = [m for m in found if m.line <= bound]
            missing = [m for m in missing if m.line <= bound]
            position += sum(1 for b in segment if b.number <= bound)
        for m in found:
            note = printed[m.number]
            markers.append(Marker(note.number, lines[m.line].number, note.chapter, note.printed))
        for m in missing:
            unmatched.append(Marker(m.number, lines[m.line].number, chapter if len(ordered) > 1 else 0,
                                    m.number if len(ordered) > 1 else None))
    return markers, unmatched


def _passed_over_on_the_page(markers: list[Marker], chain: list[NL.Start], notes: list[Note], lines: list[NL.Line],
                             marks: list[tuple[int, int, int, bool | None]]) -> list[Marker]:
    """A note still without a marker takes the one marker of its number glued to a word on its own page, before
    it, that the walk passed over because it came out of order: pdftotext's default order reads some two-column
    pages right column first (notes 7-13's markers before notes 1-6's). Only where form feeds mark the pages."""
    if not any(ln.page_break for ln in lines[1:]):
        return markers
    page_of = NL.pages_of(lines)
    glued: dict[int, list[int]] = {}  # number -> the lines holding it glued, in order
    for line, _column, number, is_glued in marks:
        if is_glued:
            glued.setdefault(number, []).append(line)
    have = {m.number for m in markers}
    taken = {(m.line, m.number) for m in markers}
    added = []
    for start, note in zip(chain, notes):
        if note.number in have:
            continue
        before = glued.get(start.number, [])
        before = before[:bisect.bisect_left(before, start.index)]
        hits = [line for line in before if page_of[line] == page_of[start.index]
                and (lines[line].number, note.number) not in taken]
        if len(hits) == 1:
            added.append(Marker(note.number, lines[hits[0]].number, note.chapter, note.printed))
    return sorted(markers + added, key=lambda m: m.number) if added else markers


# a marker ending a sentence, the next one begun: "were incomplete.18 Exports", "gösteriyordu.15 Dönemin"
_SENTENCE_MARKER = re.compile(r"(?<=[^\W\d_]{3}[.,;:!?”’»)])(\d{1,4})(?=\s+[^\W\d_])")


def _run_into_notes(marks: list[tuple[int, int, int, bool | None]], lines: list[NL.Line],
                    body_lines: set[int]) -> list[tuple[int, int, int, bool | None]]:
    """Glued markers on lines read as notes' that only a body sentence has: pdftotext runs a page's last body
    line into the line of a note beside it ("were incomplete.18 Exports … marked- befree mathematical software”.
    In: TUGboat"), or puts a page's first body lines after a note's number. Offered only to notes still without
    a marker on their page (_passed_over_on_the_page)."""
    out = []
    for line, column, number, glued in marks:
        if not glued or line in body_lines:
            continue
        m = _SENTENCE_MARKER.match(lines[line].text, column)
        text = lines[line].text
        if m and text[m.end():].lstrip()[:1].isupper() and not NL.after_a_label(text, column):
            out.append((line, column, number, glued))
    return out


def marker_candidates(body: list[_Line]) -> list[tuple[int, int, int, bool | None]]:
    """Every number in the body that may be a note marker: (line, column, number, glued; None: must be next)."""
    candidates: list[tuple[int, int, int, bool | None]] = []
    for ln in body:
        if not _DIGIT.search(ln.text):
            continue  # most of a book's lines hold no number at all
        for m in _DAY_THEN_MARKER.finditer(ln.text):
            # "dated 207 June 1919": day 20, marker 7; not "21 décembre", a day as it is, nor a year or a quantity
            # before a unit ("nel 1909 per Adana", "il 35 per cento": no day, no marker)
            if m.group(3).lower() in _MONTHS and int(m.group(1) + m.group(2)) > 31:
                candidates.append((ln.number, m.start(2), int(m.group(2)), None))
        for m in _MARKER_THEN_DAY.finditer(ln.text):
            digits = m.group(1)
            if m.group(2).lower() in _MONTHS:
                for cut in range(1, len(digits)):
                    day = digits[cut:]
                    if day[0] != "0" and 1 <= int(day) <= 31:
                        candidates.append((ln.number, m.start(1), int(digits[:cut]), None))
        for m in _DOTTED_DAY_THEN_MARKER.finditer(ln.text):
            if m.group(3).lower() in _MONTHS:  # German "12. August" with marker 15 run onto it; not "3.15 km"
                candidates.append((ln.number, m.start(2), int(m.group(2)), None))
        if _FIVE_DIGITS.search(ln.text):  # a marker run onto a year
            for m in _MARKER_THEN_YEAR.finditer(ln.text):
                candidates.append((ln.number, m.start(1), int(m.group(1)), None))
            for m in _YEAR_THEN_MARKER.finditer(ln.text):
                # "between 1900 and 19052." : a superscript 2 flattened onto the year 1905
                candidates.append((ln.number, m.start(2), int(m.group(2)), None))
        for m in _GLUED.finditer(ln.text):
            start = m.start()
            prev = ln.text[start - 1]
            if prev in ".,:" and start >= 2 and ln.text[start - 2].isdigit():
                # only whether 4 digits stand before the dot matters: look at 5 (the whole line made this quadratic)
                digits = re.search(r"\d+$", ln.text[max(0, start - 6) : start - 1])
                if not digits or len(digits.group()) != 4:
                    continue  # 29.03.1920, 1.000 (but "in 1903.13" is a year, then marker 13)
            if m.end() < len(ln.text) and ln.text[m.end()] in ".," and ln.text[m.end() + 1 : m.end() + 2].isdigit():
                continue
            if prev.isalpha() and _next_word(ln.text, m.end()) in _MONTHS:
                continue  # "dated10 October 1917": a day glued to the word before it (pdfminer), not a marker
            candidates.append((ln.number, m.start(1), int(m.group(1)), True))
        for m in _SPACED.finditer(ln.text):
            if _next_word(ln.text, m.end()) in _MONTH_OR_UNIT or NL.after_a_label(ln.text, m.start()):
                continue
            candidates.append((ln.number, m.start(1), int(m.group(1)), False))
    candidates = _outside_addresses(candidates, body)
    candidates.sort(key=lambda c: (c[0], c[1]))
    return candidates


# a link's or DOI's characters run on to the next space: no marker sits inside one ("…/tb17-2/tb51mens.pdf"), nor
# inside the rest of one broken at a line's end ("url: https :" / "//tug.org/TUGboat/tb08-2/tb18gendel.pdf")
_ADDRESS = re.compile(r"\S*(?:" + LINK_MARK + r")\S*|(?<!\S)//\S+|\S+\." + LINK_FILE_TYPE + r"\S*"
                      # one that pdftotext spaced out ("https : / / tug . org / TUGboat / tb15 -"), to the line's end
                      r"|\bhttps?\s+:\s*/\s*/.*", re.IGNORECASE)


def _outside_addresses(candidates: list[tuple[int, int, int, bool | None]],
                       body: list[_Line]) -> list[tuple[int, int, int, bool | None]]:
    lines = {c[0] for c in candidates}
    spans: dict[int, list[tuple[int, int]]] = {}
    for ln in body:
        text = ln.text
        if ln.number in lines and ("/" in text or "www." in text or "doi" in text.lower() or ".htm" in text):
            spans[ln.number] = [m.span() for m in _ADDRESS.finditer(text)]
    if not spans:
        return candidates
    return [c for c in candidates if not any(a <= c[1] < b for a, b in spans.get(c[0], ()))]


def _next_word(text: str, at: int) -> str:
    return text[at:at + 40].strip().split(" ", 1)[0].lower().strip(".,;:")


def _printed_page(printed: dict[int, int], known: list[int], page: int) -> int | None:
    """The printed number of a page, counted on from the nearest page whose number was read
    (known: the pages read, sorted; the earlier of two equally near ones wins)."""
    if page in printed:
        return printed[page]
    if not known:
        return None
    k = bisect.bisect_left(known, page)
    nearest = min(known[max(0, k - 1):k + 1], key=lambda p: (abs(p - page), p))
    return printed[nearest] + (page - nearest)


def find_markers(body: list[_Line], note_numbers: list[int],
                 candidates: list[tuple[int, int, int, bool | None]] | None = None) -> tuple[list[Marker], list[Marker]]:
    """Walk the body's numbers in order, keeping those that continue the note sequence.

    A number glued to a word or punctuation ("edilmiştir.12") may skip ahead a little
    (a note may be missing); one after a space ("durumdaydı. 13") must be exactly the
    next expected number and not be followed by a month or unit ("9 Ocak", "15 dk.").
    """
    existing = set(note_numbers)
    if candidates is None:
        candidates = marker_candidates(body)
    markers: list[Marker] = []
    unmatched: list[Marker] = []
    ordered = sorted(existing)
    last = 0
    for line, _column, number, glued in candidates:
        expected = _next_expected(last, ordered)
        if glued is None:
            accept = number == expected
        elif number == expected or number == last + 1:
            accept = True
        elif glued and last < number <= last + 1 + MAX_GAP and number in existing:
            accept = True
        else:
            accept = False
        if not accept or number <= last:
            continue
        last = number
        if number in existing:
            markers.append(Marker(number, line))
        else:
            unmatched.append(Marker(number, line))
    markers = _flattened_markers(body, existing, markers)
    return _between_neighbours(candidates, existing, markers), unmatched


_NUMBER_RUN = re.compile(r"(?<![\w.,])\d[\d.,\u202f ]*\d(?![\w])")


def _flattened_markers(body: list[_Line], existing: set[int], markers: list[Marker]) -> list[Marker]:
    """A note still without a marker may have it flattened onto a number ("el 5720 por ciento": 57, marker 20).
    Accept that reading only when exactly one number between the neighbouring markers ends in the note's digits,
    and the number is not itself a plausible year."""
    found = {m.number: m.line for m in markers}
    numbers = sorted(found)  # the neighbours come from the markers found in the main pass
    starts = [ln.number for ln in body]
    for n in sorted(existing - set(found)):
        i = bisect.bisect_left(numbers, n)
        if i == 0 or i == len(numbers):
            continue
        lo, hi = found[numbers[i - 1]], found[numbers[i]]
        hits = []
        for ln in body[bisect.bisect_left(starts, lo) : bisect.bisect_right(starts, hi)]:
            for m in _NUMBER_RUN.finditer(ln.text):
                run = m.group().rstrip(" ")
                digits = re.sub(r"\D", "", run)
                if len(digits) <= len(str(n)) or not digits.endswith(str(n)):
                    continue
                if len(digits) == 4 and 1000 <= int(digits) <= 2099:
                    continue
                hits.append((ln.number, run))
        if len(hits) > 1:
            # "2.5006", "2 50033": a last digit group longer than three betrays the marker; "%36" does not
            hits = [(line, run) for line, run in hits if _overgrown_group(run, n)] or hits
        if len(hits) == 1:
            found[n] = hits[0][0]
    return sorted((Marker(k, v) for k, v in found.items()), key=lambda m: m.number)


def _overgrown_group(run: str, n: int) -> bool:
    """Whether a grouped number reads as a well-grouped one with n's digits run onto its last group."""
    groups = re.split(r"[.,\u202f ]", run)
    return len(groups) > 1 and len(groups[-1]) == 3 + len(str(n)) and groups[-1].endswith(str(n))


def _between_neighbours(candidates: list[tuple[int, int, int, bool | None]], existing: set[int],
                        markers: list[Marker]) -> list[Marker]:
    """A note still without a marker, once its neighbours' markers are known: the one number in between that
    is its own. The walk in find_markers takes a spaced marker only when it is exactly the next one expected,
    so a marker hidden in a number ("of 8008 refugees") made it drop the spaced ones after it ("capital. 9")."""
    found = {m.number: m.line for m in markers}
    numbers = sorted(found)
    lines_of: dict[int, list[int]] = {}
    for line, _column, number, _glued in candidates:
        lines_of.setdefault(number, []).append(line)
    for n in sorted(existing - set(found)):
        i = bisect.bisect_left(numbers, n)
        if i == 0:
            continue  # before the first marker found: nothing to bound it
        lo = found[numbers[i - 1]]
        hi = found[numbers[i]] if i < len(numbers) else None
        hits = [line for line in lines_of.get(n, ()) if lo <= line and (hi is None or line <= hi)]
        if len(hits) == 1:
            found[n] = hits[0]
            numbers.insert(i, n)
    return sorted((Marker(k, v) for k, v in found.items()), key=lambda m: m.number)


def _next_expected(last: int, ordered: list[int]) -> int:
    """The smallest note number above the last marker (ordered: the note numbers, sorted)."""
    i = bisect.bisect_right(ordered, last)
    return ordered[i] if i < len(ordered) else last + 1
