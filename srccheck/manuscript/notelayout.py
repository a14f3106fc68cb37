"""Where the notes are in text extracted from a PDF, read from the note numbering itself.

Separators, indentation and reading order differ with every typesetter and extractor; the
numbering does not. Each note starts with its number at the start of a line ("1 Jane…",
"1. Jane…", "1Jane…", or the number alone on its line with the text on the next), the
numbers run 1, 2, 3… in reading order, possibly starting again at 1 for each chapter. So:

1. every line that could start a note is a candidate (a date or a quantity at a line start,
   "18 January 1918", "12.000 Soldaten", is not);
2. the chain of candidates that makes the most consistent sequence is chosen by dynamic
   programming: consecutive numbers score, a number with a body marker before it scores more,
   a skipped number or a restart at 1 costs;
3. each body marker serves one note: along a chain markers are taken in order, so a run of
   page numbers or a numbered list that borrows the notes' markers loses to the notes;
4. page numbers and running heads are marked as noise; the lines between two chosen starts
   are then labelled note or body (notelabels).
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass

from ..grammar import alternation, et_al_pattern
from ..grammar import languages as L
from ..normalize import fold

_MONTHS = {m.lower() for ms in L.MONTHS.values() for m in ms}
_UNITS = frozenset(L.UNITS)
_START = re.compile(r"^([ \t]*)(\d{1,5})(?:([.)])[ \t]*|([ \t]+)|(?=[^\W\d_]|[“\"«‘„(]))(?=\S)(.*)$")
_TRAILING = re.compile(r"[^\W\d_](\d{1,3})$")
_BARE = re.compile(r"^[ \t]*(\d{1,4})[.)]?[ \t]*$")
PAGE_NUMBER = re.compile(r"^[ \t]*(?:[-–—][ \t]*)?(\d{1,4}|[ivxlcdm]{1,7})[ \t]*(?:[-–—][ \t]*)?$", re.IGNORECASE)
SEPARATOR = re.compile(r"^(?:[ \t]{10,}|[ \t]*(?:[_\-–—─━=]\s?){5,}[ \t]*)$")
# "Notes to Chapter 2", "Anmerkungen zu Kapitel 2"; or the chapter first where the language puts it so ("Bölüm 2 notlar")
ENDNOTES_HEADING = re.compile(r"^\s*(?:" + alternation(L.CHAPTER_WORDS) + r"\s+\w+\.?\s+)?" + alternation(L.ENDNOTE_HEADINGS)
                              + r"(?:\s+" + alternation(L.HEADING_LINKS) + r"\b.{0,40})?\s*:?\s*$", re.IGNORECASE)
CHAPTER_HEADING = re.compile(r"^\s*" + alternation(L.CHAPTER_WORDS) + r"\s+\w+", re.IGNORECASE)
_CITE_TOKEN = re.compile(r"\b" + alternation(L.APPARATUS_ABBREVIATIONS) + r"\.|(?<!\d)\d{4}\)|(?<!\d)\d{1,5}[–-]\d{1,5}|[“”„«»]|:\s*\d|"
                         r"\bIn:|\bin:|\s(?:" + et_al_pattern() + ")", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_]+")


@dataclass
class Line:
    number: int  # 1-based line of the file
    text: str
    page_break: bool = False  # a form feed (or a page-number line) came before it
    noise: bool = False  # a page number, running head, separator or endnotes heading: neither body nor note
    after_separator: bool = False  # a separator line (a rule drawn as text) or an endnotes heading came before it
    first_text: bool = False  # only page numbers or running heads stand between the page break and it


@dataclass
class Start:
    index: int  # into the lines
    number: int
    rest: str  # the note's text on its first line
    own_line: bool  # the number alone on its line; the text starts on the next line
    shape: float  # how much the line looks like a note start, about -1..1
    marker_before: bool = False
    chapter: int = 0
    marker_at: float = -1.0  # where the marker the chain gave it stands (line + column fraction), or -1


@dataclass
class Layout:
    starts: list[Start]
    labels: list[str]  # per line: "B" body, "N" note text, "S" a note's first line, "-" noise
    owner: list[int]  # per line: the index in starts of the note it belongs to, or -1
    chapters: int
    endnotes: bool


def prepare(text: str) -> list[Line]:
    """Non-empty lines (and separator lines), each knowing whether a form feed came before it. A page set in two
    columns side by side (pdftotext -layout) is read column by column."""
    lines: list[Line] = []
    pending_break = True
    page: list[tuple[int, str]] = []

    last_note = [0]  # the last note number _numbers_after_text put back, carried from page to page

    def flush() -> None:
        nonlocal pending_break
        for number, piece in _number_after_first_line(_numbers_after_text(_note_blocks_in_order(_by_column(page)),
                                                                          last_note)):
            separator = bool(SEPARATOR.match(piece))
            if not piece.strip() and not separator:
                continue
            lines.append(Line(number, piece if separator else piece.rstrip(), page_break=pending_break))
            pending_break = False
        page.clear()

    for number, raw in enumerate(text.split("\n"), start=1):
        for i, piece in enumerate(raw.split("\f")):
            if i:
                flush()
                pending_break = True
            page.append((number, piece))
    flush()
    return _two_notes_on_a_line(
        _notes_run_onto_a_word(_numbers_moved_down(_numbers_beside_text(_formula_figures_dropped(lines)))))


LEADING_NOTE = re.compile(r"^[ \t]*(\d{1,4})(?=[^\W\d_]|[.)]?\s)")
_NEXT_NOTE_INSIDE = re.compile(r"(?<=[.!?”“\"»)])[ \t]+(\d{1,4})(?=[^\W\d_\s])")


def _two_notes_on_a_line(lines: list[Line]) -> list[Line]:
    """pypdf sometimes gives two short footnotes on one line ("5Ders., „Das Erstellen…“, S. 75, 78. 6Ernst Molitor.
    …"): a line that starts with note n and holds n+1 right after a sentence's end is cut there."""
    out: list[Line] = []
    for ln in lines:
        lead = LEADING_NOTE.match(ln.text)
        if lead:
            wanted = str(int(lead.group(1)) + 1)
            inside = next((m for m in _NEXT_NOTE_INSIDE.finditer(ln.text, lead.end()) if m.group(1) == wanted), None)
            if inside is not None:
                out.append(Line(ln.number, ln.text[:inside.start()].rstrip(), ln.page_break))
                out.append(Line(ln.number, ln.text[inside.start(1):]))
                continue
        out.append(ln)
    return out


def _formula_figures_dropped(lines: list[Line]) -> list[Line]:
    """A formula's superscripts in a note's first line ("Eine Bildergalerie zum (2^{2^{2^{2^0}}}-1). Geburtstag")
    come out of pdftotext as lines of figures between the note's number and its text ("5" / "0" / "22" /
    "Volker RW Schaa: …"). Up to two such lines, of at most three figures and not the next number, are dropped
    when a line of text follows on the same page and the next note's number soon after it."""
    drop: set[int] = set()
    for i, ln in enumerate(lines):
        m = _PAGE_DIGITS.match(ln.text)
        if not m:
            continue
        n, k = int(m.group(1)), i + 1
        while k < len(lines) and k - i <= 2 and (d := _PAGE_DIGITS.match(lines[k].text)) and len(d.group(1)) <= 3 \
                and int(d.group(1)) != n + 1 and not lines[k].page_break:
            k += 1
        if i + 1 < k < len(lines) and not lines[k].page_break and _STARTS_SENTENCE.match(lines[k].text) \
                and not lines[k].text.lstrip()[:1].isdigit() \
                and any((s := _NUMBERED.match(nxt.text) or _PAGE_DIGITS.match(nxt.text)) and int(s.group(1)) == n + 1
                        for nxt in lines[k + 1:k + 7]):
            drop.update(range(i + 1, k))  # n is the note's number: the next note's follows within a few lines
    return [ln for i, ln in enumerate(lines) if i not in drop] if drop else lines


_RUN_ONTO_A_WORD = re.compile(r"^(.*[^\W\d_])(\d{1,4})\. (?=[^\W\d_]|[«“\"„(])(.*)$")


def _notes_run_onto_a_word(lines: list[Line]) -> list[Line]:
    """pdftotext joins a word hyphenated at a page's last body line to the next line it reads, which may be the page's
    first footnote: "…n'est tou12. Ibid., p. 1264." ("tou-" / "12. Ibid."). The note goes back on a line of its own
    when the next note ("13. …", the same label) starts within the next three lines."""
    out: list[Line] = []
    for k, ln in enumerate(lines):
        m = _RUN_ONTO_A_WORD.match(ln.text)
        # the end of a word broken at the line's end is in small letters: "2CHAPITRE1. I. PORTS" is a running head
        # with its page and chapter numbers, even with a numbered list ("1. …", "2. …") right below it
        if m and m.group(1)[-1].islower():
            after = f"{int(m.group(2)) + 1}. "
            if any(nxt.text.lstrip().startswith(after) for nxt in lines[k + 1 : k + 4]):
                out.append(Line(ln.number, m.group(1), ln.page_break))
                out.append(Line(ln.number, f"{m.group(2)}. {m.group(3)}"))
                continue
        out.append(ln)
    return out


_NUMBERED = re.compile(r"^[ \t]*(\d{1,5})(?:[.)]?[ \t]+|(?=[^\W\d_]))\S")
_MOST_RUNS = 8


def _note_blocks_in_order(page: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """pdftotext's default order of a two-column page may give the notes of one column before the other's: runs of
    notes counting up by one, out of order at the page's end ("14 … 17 / 23 … 30 / 18 … 22"). They are put in the
    order of their numbers when the last runs, each of two notes or more, so ordered make one unbroken run."""
    starts = [(k, int(m.group(1))) for k, (_, text) in enumerate(page) if (m := _NUMBERED.match(text))]
    runs: list[list[tuple[int, int]]] = []
    for pos, (k, n) in enumerate(starts):
        if runs and n == runs[-1][-1][1] + 1:
            runs[-1].append((k, n))
        elif runs and pos + 1 < len(starts) and starts[pos + 1][1] == runs[-1][-1][1] + 1:
            continue  # a wrapped number inside a note ("pp. 199–" / "205. issn: …"): the run goes on after it
        else:
            runs.append([(k, n)])
    # runs of one are left alone: a wrapped range ("pp. 25–" / "26. issn: …") starts a line with a number too;
    # a page's notes fall into a few runs (its columns), so a few are looked at
    longer = 0
    while longer < min(len(runs), _MOST_RUNS) and len(runs[-1 - longer]) >= 2:
        longer += 1
    for size in range(longer, 1, -1):  # the longest run of runs at the end that sorts into one
        tail = runs[-size:]
        ordered = sorted(tail, key=lambda r: r[0][1])
        # not across a heading: endnotes of two chapters ("… 14 / Notes to chapter 2 / 1 … 10") are in order
        headed = any(ENDNOTES_HEADING.match(text) or CHAPTER_HEADING.match(text) for _, text in page[tail[0][0][0]:])
        if ordered != tail and not headed and all(b[0][1] == a[-1][1] + 1 for a, b in zip(ordered, ordered[1:])):
            break
    else:
        return page
    bounds = [r[0][0] for r in tail] + [len(page)]
    segment = {r[0][1]: page[bounds[i]:bounds[i + 1]] for i, r in enumerate(tail)}
    return page[:bounds[0]] + [line for r in ordered for line in segment[r[0][1]]]


def _numbers_beside_text(lines: list[Line]) -> list[Line]:
    """pdftotext's default order sometimes gives a page's note numbers as a column ("1", "2", "3" on lines of
    their own) before the notes' first lines: each number goes back in front of its line."""
    out: list[Line] = []
    i = 0
    while i < len(lines):
        run = i
        # the column may open a page (its first number after the form feed), not cross into the next
        while run < len(lines) and (m := _PAGE_DIGITS.match(lines[run].text)) and (run == i or (
                not lines[run].page_break
                and int(m.group(1)) == int(_PAGE_DIGITS.match(lines[run - 1].text).group(1)) + 1)):
            run += 1
        count = run - i
        texts = lines[run : run + count]
        if count >= 2 and len(texts) == count and not any(
                _PAGE_DIGITS.match(t.text) or _START.match(t.text) or t.page_break for t in texts):
            for bare, line in zip(lines[i:run], texts):
                out.append(Line(line.number, f"{bare.text.strip()} {line.text.strip()}", bare.page_break))
            i = run + count
            continue
        out.append(lines[i])
        i += 1
    return out


def _numbers_after_text(page: list[tuple[int, str]], last_note: list[int]) -> list[tuple[int, str]]:
    """pdftotext's default order of a page LibreOffice set puts each footnote's number on a line of its own
    after the note's paragraph ("…, 2409.\n1\n\nYoon et al., …\n2"), or alone between blank lines before
    it when several numbers were bunched ("4\n\n5\n\nSee Salam, …"). Each number goes back in front of
    its paragraph's first line. Taken only from the page's first paragraph that ends in a number on, and
    only when those numbers count up by one (at least twice on the page, or once from the previous page's
    last): a page number or a numbered list does not."""
    blocks: list[list[int]] = []  # indices into page of each paragraph (lines between blank lines)
    for k, (_, text) in enumerate(page):
        if not text.strip():
            if blocks and blocks[-1]:
                blocks.append([])
            continue
        if not blocks:
            blocks.append([])
        blocks[-1].append(k)
    blocks = [b for b in blocks if b]

    def number(k: int) -> int | None:
        m = _PAGE_DIGITS.match(page[k][1])
        return int(m.group(1)) if m else None

    # a page without blank lines (pdftotext -raw) is one paragraph, ending in its page number
    trailed = [len(b) >= 2 and number(b[-1]) is not None for b in blocks]
    # a page of one paragraph: the last note alone on the document's last page, its number continuing the last
    if True not in trailed or (len(blocks) < 2 and not (last_note[0] and number(blocks[0][-1]) == last_note[0] + 1)):
        return page
    zone = blocks[trailed.index(True):]
    numbers = [n for b in zone if (n := number(b[-1])) is not None]
    if any(number(k) is not None for b in zone for k in b[:-1]):
        # a number alone on its line before the text of its note ("5" / "Durst, …" / "6" / "Anonymous, …"): the
        # page's numbers stand in front of their notes, and one after a paragraph is the next page's or a moved one
        return page
    counting = all(b == a + 1 for a, b in zip(numbers, numbers[1:]))
    # one number alone continues what an earlier page began (page numbers, one a page, never begin it)
    if not counting or (len(numbers) < 2 and not (last_note[0] and numbers[0] == last_note[0] + 1)):
        return page
    out = {k: text for k, (_, text) in enumerate(page)}
    waiting: list[int] = []  # numbers alone on their paragraph, for the next paragraphs without one
    for b in zone:
        own = number(b[-1])
        if own is not None and len(b) == 1:
            waiting.append(own)
            del out[b[0]]
            continue
        if own is not None:
            del out[b[-1]]
        elif waiting:
            own = waiting.pop(0)
        if own is not None:
            first = _after_the_body([page[k][1] for k in b[:-1] if k in out] or [page[b[0]][1]])
            if first is None:
                # body only, its marker among its lines ("…pour ce poste.8 …" / "8"): the number is the next
                # paragraph's, set before it as bunched numbers are
                waiting.append(own)
                continue
            out[b[first]] = f"{own} {page[b[first]][1].strip()}"
    for own in waiting:  # a number whose paragraph did not follow on this page: left as it was
        out[next(k for k, (_, text) in enumerate(page) if number(k) == own and k not in out)] = str(own)
    last_note[0] = numbers[-1]
    return [(page[k][0], out[k]) for k in sorted(out)]


# a marker glued to a word's punctuation ("Einwohner.15 Am"), or spaced after a sentence's last word or year
# ("in 1887. 3"), not a locator after an abbreviation ("Nr. 3", "vol. 2") nor a grouped number ("1.200 Piaster")
_BODY_MARKER = re.compile(r"(?:[^\W\d_][.,;:!?”’\"»)]|[^\W\d_]{4}[.!?][ \t]|(?<![\d.])\d{4}[.][ \t])\d{1,4}(?=[ \t]|$)")


def _after_the_body(texts: list[str]) -> int | None:
    """Where a note begins in a paragraph that pdftotext ran on from the body's last lines (no blank line between
    them): at the first line starting a sentence after the last line holding a marker ("…in 1887. 3", "…Bank.6").
    0 when no line holds one; None when lines hold one but no note begins after them (the body alone)."""
    marked = [k for k, text in enumerate(texts) if _BODY_MARKER.search(text)]
    if not marked:
        return 0
    for k in range(marked[-1] + 1, len(texts)):
        # the body's sentence ended (a note's title may end in a closing quote or bracket: "Reaction,”")
        if _BODY_SENTENCE_END.search(texts[k - 1]) and _STARTS_SENTENCE.match(texts[k]):
            return k
    # the body's last line on the page need not end its sentence (it goes on overleaf: "… В этот период губернатор
    # провинции" / "Пономаренко и Меликов, «Ситуационное …"): the first line after it that begins with a capital
    # (not a month: "…dated 3" / "June 1909 mentions …") after a line without a citation's marks, and is followed
    # by them
    for k in range(marked[-1] + 1, len(texts)):
        first = texts[k].lstrip()
        if first[:1].isupper() and not _BODY_SENTENCE_END.search(texts[k - 1]) \
                and first.split(" ", 1)[0].lower().strip(",.") not in _MONTH_NAMES \
                and not _CITE_TOKEN.search(texts[k - 1]) and _CITE_TOKEN.search(" ".join(texts[k:])):
            return k
    # nothing from the last marker's line on reads as a citation: the paragraph is the body's; else that marker
    # was a citation's number ("Phys. Rev. Lett. 19") and the note begins the paragraph
    return 0 if _CITE_TOKEN.search(" ".join(texts[marked[-1]:])) else None


_BODY_SENTENCE_END = re.compile(r"[^\W\d_]{2}[.!?]\s*$")
_MONTH_NAMES = frozenset(m.lower() for months in L.MONTHS.values() for m in months)


def _number_after_first_line(page: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """pdftotext -layout of a LibreOffice page sometimes gives the page's first footnote as its first line, then
    its number alone, then a blank line and the rest (" Necati Özgüven, Osmanlı Maliye Tarihi, … Türk Tarih" /
    "13" / "" / "Kurumu, 1997, p. 2."). The number goes back in front of that line. Taken only when the line is
    indented as a note's first line is after its number and the rest is not, and the number continues the
    page's note numbers (the bare number before it is one less, or the next one is one more)."""
    bare = [(k, int(m.group(1))) for k, (_, text) in enumerate(page) if (m := _PAGE_DIGITS.match(text))]
    if not bare:
        return page
    out = dict(enumerate(text for _, text in page))
    for j, (k, n) in enumerate(bare):
        first = k - 1
        if first < 1 or page[first - 1][1].strip() or k + 2 >= len(page) or page[k + 1][1].strip():
            continue  # not a two-line paragraph [first line, number] followed by a blank line and more
        text, rest = page[first][1], page[k + 2][1]
        if not text[:1].isspace() or not text.strip() or text.strip()[0].isdigit() or rest[:1].isspace() \
                or not rest.strip():
            continue
        before = bare[j - 1][1] if j else None
        after = bare[j + 1][1] if j + 1 < len(bare) else None
        if before == n - 1 or after == n + 1:
            out[first] = f"{n} {text.strip()}"
            del out[k]
    return [(page[k][0], out[k]) for k in sorted(out)]


_ENDS_SENTENCE = re.compile(r"[.)”\"»]\s*$")
_STARTS_SENTENCE = re.compile(r"^\s*(?:[“\"«„‘(]|[^\W\d_])")


def _numbers_moved_down(lines: list[Line]) -> list[Line]:
    """pdftotext's default order of a LaTeX page sometimes takes one footnote number out of its place and puts
    it after the page's last note ("1 / Lagally, 67. / Lagally, 68. / 3 / Fenn, 42. … 7 / Ebd., 20. / 2"). When
    the numbers before and after it stand on lines of their own with two or more lines between them, it goes
    back in front of the first of those lines that starts a sentence after one that ended. A number on the
    page's last line is its page number, not one of these."""
    page_of = pages_of(lines)
    numbered_at_top = _numbered_at_top(lines, page_of)
    bare: dict[int, list[tuple[int, int]]] = {}  # page -> (line index, number) of its lines holding a number alone
    trailing: set[int] = set()  # of those, the body lines ending in a note's number ("…followed these de5")
    for k, ln in enumerate(lines):
        m = _PAGE_DIGITS.match(ln.text)
        # a page whose number heads it (book classes' running heads) may end in a note's number
        last_of_page = (k + 1 == len(lines) or lines[k + 1].page_break) and page_of[k] not in numbered_at_top
        # nor the number heading such a page: its page number (which may be the very number moved down, "9")
        heading = (k == 0 or ln.page_break) and page_of[k] in numbered_at_top
        if m and not last_of_page and not heading:
            bare.setdefault(page_of[k], []).append((k, int(m.group(1))))
        elif (t := _TRAILING.search(ln.text)) and not last_of_page and _STARTS_SENTENCE.match(lines[k + 1].text) \
                and lines[k + 1].text.lstrip()[:1].isupper():
            # the number of the page's first note set on the body's last line: it stands before that note as a
            # bare number would, so it can be the earlier neighbour of a number moved down
            bare.setdefault(page_of[k], []).append((k, int(t.group(1))))
            trailing.add(k)
    # a number moved down onto the end of the page's last note line, glued to its broken word ("…daha muhte2",
    # then the page number): it counts where a number alone on its line would
    glued_end: dict[int, tuple[int, int]] = {}  # page -> (line, number)
    for k in range(len(lines) - 1):
        m = _TRAILING.search(lines[k].text)
        if m and _PAGE_DIGITS.match(lines[k + 1].text) and (k + 2 == len(lines) or lines[k + 2].page_break) \
                and k not in trailing:
            glued_end[page_of[k]] = (k, int(m.group(1)))
    moves: dict[int, int] = {}  # stray line -> the line its number goes in front of
    cut: dict[int, int] = {}  # a line whose glued number goes in front of another -> that line
    for page, (k, n) in glued_end.items():
        numbers = bare.get(page, [])
        pairs = [(a, b) for (a, x), (b, y) in zip(numbers, numbers[1:]) if x == n - 1 and y == n + 1]
        if len(pairs) == 1 and not any(x == n for _, x in numbers):
            a, b = pairs[0]
            split = next((j for j in range(a + 2, b) if _ENDS_SENTENCE.search(lines[j - 1].text)
                          and _STARTS_SENTENCE.match(lines[j].text)), None)
            if split is not None:
                cut[k] = split
    for page, numbers in bare.items():
        for pos, (k, n) in enumerate(numbers):
            if k in trailing:
                continue  # a number that stays where it is
            earlier = numbers[:pos]
            pairs = [(a, b) for (a, x), (b, y) in zip(earlier, earlier[1:]) if x == n - 1 and y == n + 1]
            if any(x == n for _, x in earlier):
                continue
            if len(pairs) == 1:
                a, b = pairs[0]
                split = next((j for j in range(a + 2, b) if _ENDS_SENTENCE.search(lines[j - 1].text)
                              and _STARTS_SENTENCE.match(lines[j].text)), None)
            elif not pairs and earlier and earlier[0][1] == n + 1 and \
                    max((x for _, x in bare.get(page - 1, [])), default=None) == n - 1:
                # the page's first note moved down, its neighbour before it on the previous page: it goes in front
                # of the nearest sentence begun before the page's next note ("…muhte-|meldir." / "Özgüven, …")
                b = earlier[0][0]
                split = next((j for j in range(b - 1, 0, -1) if page_of[j - 1] == page
                              and _ENDS_SENTENCE.search(lines[j - 1].text) and _STARTS_SENTENCE.match(lines[j].text)),
                             None)
            elif not pairs and earlier and earlier[-1][1] == n - 1 and not any(x == n + 1 for _, x in numbers) \
                    and _PAGE_DIGITS.match(lines[k + 1].text) and (k + 2 == len(lines) or lines[k + 2].page_break):
                # the page's last note's number, moved down below it to the page number ("1 / See Richer, …, 487. /
                # John D. Hobby …, 125. / 2 / 6"): it goes in front of a sentence begun after note n-1's start
                a = earlier[-1][0]
                split = next((j for j in range(a + 2, k) if _ENDS_SENTENCE.search(lines[j - 1].text)
                              and _STARTS_SENTENCE.match(lines[j].text)), None)
            else:
                continue
            if split is not None:
                moves[k] = split
    if not moves and not cut:
        return lines
    targets = {j: n for k, j in moves.items() for n in [int(lines[k].text)]}
    targets.update({j: int(_TRAILING.search(lines[k].text).group(1)) for k, j in cut.items()})  # type: ignore[union-attr]
    out = []
    for k, ln in enumerate(lines):
        if k in moves:
            continue
        if k in cut:
            ln = Line(ln.number, ln.text[:_TRAILING.search(ln.text).start(1)], ln.page_break)  # type: ignore[union-attr]
        if k in targets:
            ln = Line(ln.number, f"{targets[k]} {ln.text.strip()}", ln.page_break)
        out.append(ln)
    return out


def pages_of(lines: list[Line]) -> list[int]:
    """The page each line is on, counting the form feeds before it (0 for the first page)."""
    page_of, page = [], 0
    for k, ln in enumerate(lines):
        page += k > 0 and ln.page_break
        page_of.append(page)
    return page_of


_NUMBER_ATOP = re.compile(r"^[ \t]*(\d{1,4})[ \t]*(.*)$")


def _number_atop(text: str) -> int | None:
    """A page number heading its page: alone, or run into a running head in capitals ("4CHAPTER 1. PORTS")."""
    m = _NUMBER_ATOP.match(text)
    if not m:
        return None
    rest = m.group(2)
    if rest and not (rest[:2].isalpha() and not any(ch.islower() for ch in rest)):
        return None
    return int(m.group(1))


def _numbered_at_top(lines: list[Line], page_of: list[int]) -> set[int]:
    """Pages whose first line is their number (alone, or run into a running head in capitals): a number
    counting on by one from the previous page's first line or on to the next page's."""
    firsts = {}
    for k, ln in enumerate(lines):
        if (k == 0 or ln.page_break) and (number := _number_atop(ln.text)) is not None:
            firsts[page_of[k]] = number
    return {p for p, n in firsts.items() if firsts.get(p - 1) == n - 1 or firsts.get(p + 1) == n + 1}


def _by_column(page: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """The page's lines, the left column's before the right one's when the page is set in two columns side by
    side: a gutter (two spaces or more at the same place) with text on both sides in most of its long lines."""
    long = [text for _, text in page if len(text.strip()) > 30]
    if len(long) < 8 or not any("   " in text.strip() for text in long):
        return page
    width = max(len(text) for text in long)
    best, support = 0, 0
    for c in range(width // 4, 3 * width // 4):
        n = sum(1 for text in long if text[c - 1 : c + 1] == "  " and text[:c].strip() and text[c:].strip())
        if n > support:
            best, support = c, n
    if support < 0.5 * len(long):
        return page
    left = [(number, text[:best]) for number, text in page]
    right = [(number, text[best:].strip()) for number, text in page if len(text) > best]
    # left column lines keep their own indentation; the right column's is its offset from the gutter
    return left + [(number, text) for number, text in right if text]


def page_numbers(lines: list[Line]) -> set[int]:
    """Lines that are page numbers: a bare number just before a page break, or one of a run of three or
    more bare numbers counting up by one a page apart (extractions that join pages without a form feed).
    Note numbers set on their own line come several to a page, so their runs are not a page apart."""
    found = {i for i, ln in enumerate(lines[:-1]) if _BARE.match(ln.text) and lines[i + 1].page_break}
    if found or any(ln.page_break for ln in lines[1:]):
        return found  # the pages are marked: page numbers are known by their place
    latest: dict[int, int] = {}  # value -> the line of the latest bare number of that value
    before: dict[int, int] = {}  # line -> the line of the page number before it in its run
    length: dict[int, int] = {}
    for i, ln in enumerate(lines):
        m = _PAGE_DIGITS.match(ln.text)
        if not m:
            continue
        value = int(m.group(1))
        j = latest.get(value - 1)
        if j is not None and i - j >= _PAGE_LINES:
            before[i], length[i] = j, length[j] + 1
        else:
            length[i] = 1
        latest[value] = i
    ends = [i for i in length if length[i] >= 3]
    for i in ends:
        while i in length and i not in found:
            found.add(i)
            if i not in before:
                break
            i = before[i]
    return found


_PAGE_DIGITS = re.compile(r"^[ \t]*(\d{1,4})[ \t]*$")
_PAGE_LINES = 12  # fewer lines than any page of text holds


# a note that opens with a repeat marker ("ibid., p. 4", "ebd., S. 9", "a.g.e., s. 5")
_REPEAT_MARKER = re.compile(alternation(sorted({m for table in (L.IBID, L.EARLIER, L.SAME_AUTHOR)
                                                 for ms in table.values() for m in ms if m.endswith(".")}))
                             + r"(?=[\s,;:]|$)", re.IGNORECASE)
_LETTER_WORD = re.compile(r"[^\W\d_]{2,}")


def running_heads(lines: list[Line]) -> set[int]:
    """Lines that are a running head ("8 CHAPTER 2. II. THE WAR YEARS", "CHAPTER 2. II. THE WAR YEARS"): set in
    capitals, as LaTeX's book classes set the marks, and printed again on other pages. Such a line follows a page's
    last note and looks like the next note when its page number continues the notes'. Capitals alone would take
    archival notes ("BOA, HR. MKT.") too, so a head must also carry its page number and recur with another, or
    hold a heading that the document prints in lower case ("II. The War Years")."""
    capitals = [i for i, ln in enumerate(lines) if _in_capitals(ln.text)]
    if not capitals:
        return _numbered_heads(lines)
    key = {i: _digits_keyed(lines[i].text) for i in capitals}
    keyed = Counter(key.values())
    numbered = {i for i in capitals if keyed[key[i]] >= 2 and lines[i].text.lstrip()[:1].isdigit()}
    headings = {fold(ln.text) for ln in lines if _may_be_heading(ln.text)}
    heads = numbered | {i for i in capitals if _holds_heading(lines[i].text, headings)} | _numbered_heads(lines)
    # a head too long for its line goes on with the rest of the title ("… AND CREDIT," / "1908-1914")
    return heads | {i + 1 for i in heads if i + 1 < len(lines) and _head_rest(lines[i + 1].text)}


def _numbered_heads(lines: list[Line]) -> set[int]:
    """Heads in small letters that begin with a number ("3 3. Nach Mudros 1918-1923": KOMA-Script's page head
    with the chapter's number): the same line at a page's edge, beside its page number, on three pages or more.
    Such a line looks like a note's start; a note's line, its number its own, is not printed thrice alike."""
    edges: dict[str, list[int]] = {}
    edge: list[bool] | None = None
    for i, ln in enumerate(lines):
        text = " ".join(ln.text.split())
        if not text[:1].isdigit() or len(text) > 90 or len(_LETTER_WORD.findall(text)) < 2:
            continue
        edge = edge or page_edges(lines)  # (only for a document with such lines)
        if edge[i]:
            edges.setdefault(text, []).append(i)
    return {i for found in edges.values() if len(found) >= 3 for i in found}


def page_edges(lines: list[Line], chosen: Collection[int] = ()) -> list[bool]:
    """Whether each line stands at a page's edge: after a page break, or beside a page number (not beside a note's
    number alone on its line, one of `chosen`: every line of such notes would be an edge line)."""
    marks_page = [ln.page_break or (bool(PAGE_NUMBER.match(ln.text)) and j not in chosen) for j, ln in enumerate(lines)]
    return [lines[i].page_break or any(marks_page[max(0, i - 1):i + 2]) for i in range(len(lines))]


def _head_rest(text: str) -> bool:
    """Capitals and figures, no small letter, and not a bare number (the next page's or note's)."""
    text = text.strip()
    return 0 < len(text) <= 40 and not text.isdigit() and not any(c.islower() for c in text)


def _in_capitals(text: str) -> bool:
    if len(text) > 160 or text != text.upper():
        return False  # a running head fits on a line (and its heading search is quadratic in its words)
    words = _LETTER_WORD.findall(text)
    return len(words) >= 3 and any(len(w) >= 6 for w in words) and all(w.isupper() for w in words)


def _ends_a_sentence(lines: list[Line], i: int) -> bool:
    """A line finishing the sentence its page's previous line left open ("…capability »," / "p. 512."): a note's
    last line, however often notes end alike by the page number, is no running head."""
    if i == 0 or lines[i].page_break:
        return False
    before = lines[i - 1].text.rstrip()
    return before.endswith((",", "«", "“", "„", "(")) and lines[i].text.rstrip().endswith(".")


def _digits_keyed(text: str) -> str:
    return re.sub(r"\d+", "#", " ".join(text.split()))


def _may_be_heading(text: str) -> bool:
    words = text.split()
    return 2 <= len(words) <= 10 and len(text) <= 80 and not _in_capitals(text) and \
        sum(len(w) for w in _LETTER_WORD.findall(text)) >= 10


def _holds_heading(text: str, headings: set[str]) -> bool:
    """Whether a run of the line's words, folded, is a heading line of the document."""
    words = fold(text).split()
    return any(" ".join(words[a:b]) in headings for a in range(len(words)) for b in range(a + 2, len(words) + 1))


def candidates(lines: list[Line], heads: set[int] | None = None) -> list[Start]:
    """Every line that may start a note (heads: the running heads, when the caller found them already)."""
    starts: list[Start] = []
    paging = page_numbers(lines) | (running_heads(lines) if heads is None else heads)
    for i, ln in enumerate(lines):
        if i in paging:
            continue
        trailing = _TRAILING.search(ln.text)
        if trailing and i + 1 < len(lines) and not _START.match(lines[i + 1].text):
            following = lines[i + 1].text.strip()
            if following[:1].isupper() or following[:1] in "“\"«‘„":
                # the note's number set on the last body line of the page ("…were sta3" / "Aksın et al., …")
                starts.append(Start(i + 1, int(trailing.group(1)), following, False, -0.2))
        bare = _BARE.match(ln.text)
        if bare:
            following = lines[i + 1].text.strip() if i + 1 < len(lines) else ""
            if following and not following[0].isdigit() and not _BARE.match(lines[i + 1].text) \
                    and i + 1 not in paging:  # a page number above its running head
                number = int(bare.group(1))
                starts.append(Start(i, number, following, True, 0.1 if lines[i + 1].page_break else 0.25))
            continue
        m = _START.match(ln.text)
        if not m:
            continue
        indent, digits, punct, space, rest = m.groups()
        rest = rest.strip()
        if not rest or rest[0] in "-–—/:,.%°'’" or (rest[0].isdigit() and not (space or punct)):
            continue
        if space and not punct and re.match(r"\d{3}(?!\d)", rest):
            continue  # "1 200 soldats": a thousands group, as French and Russian write them
        if punct == "." and ln.text[m.end(3):m.end(3) + 1].isdigit() and re.match(r"\d{3}(?![\d.,])", rest):
            continue  # "1.200 Einwohner": a thousands group, as German, Turkish and Spanish write them
        word = rest.split(" ", 1)[0].strip(".,;:")
        first = word.lower()
        named = word[:1].isupper() and rest[len(word):].startswith(",")  # "12 Asker, a.g.m.", "1 Agosto, …": a name
        if not named and (first in _MONTHS or (first in _UNITS and not word[:1].isupper())):
            continue  # "18 January 1918", "450 troops": a date or a quantity at a line start
        if not re.search(r"[^\W\d_]", rest[:40]):
            continue
        shape = 0.0
        if rest[0].isupper() or rest[0] in "“\"«‘„(" or _REPEAT_MARKER.match(rest):
            shape += 0.3  # a capital, a quote, or a repeat marker, which some styles set in lower case ("ibid.")
        elif rest[0].islower():
            shape -= 0.3 if (punct or space) else 0.6  # "3rd ser.", a glued lower-case word
        if punct:
            shape += 0.1
        if rest[0].isdigit():
            shape -= 0.4  # "29 1918-1920 yılları…": possible, but a wrapped line starting "22 (1961): 580" too
        if len(indent) > 12:
            shape -= 0.3  # far right: a page number or running head
        if i and _ends_in_label(lines[i - 1].text):
            shape -= 1.5  # "…, TUGboat 15, no." / "4 (December 1994): 460": the number the label wants, wrapped
        starts.append(Start(i, int(digits), rest, False, shape))
    return starts


# "Nr. 2", "S. 12", "vol. 3", "n° 6": a number after a locator, volume or issue label is that label's, not a note's
# number or marker
_NUMBER_LABELS = frozenset(w.lower() for table in (L.ISSUE_LABELS, L.VOLUME_LABELS, L.LOCATOR_LABELS)
                           for words in table.values() for w in words if w.endswith((".", ":", "°")))
_FOLLOWING = frozenset(w.lower() for words in L.FOLLOWING.values() for w in words)
_WORD_BEFORE = re.compile(r"(\S+)[ \t]*$")


def after_a_label(text: str, at: int) -> bool:
    """Whether the number at `at` follows a label abbreviation ("DTK 34, Nr. 2 (2022)")."""
    m = _WORD_BEFORE.search(text, max(0, at - 12), at)
    return bool(m) and m.group(1).lower() in _NUMBER_LABELS


def _ends_in_label(text: str) -> bool:
    """Whether a line ends with a label that a number follows ("no.", "vol.", "S.", "p."); not one that also means
    "and following", which ends notes ("S. 12 ff.", "pp. 12 ss.", "p. 3 s.")."""
    stripped = text.rstrip()
    return after_a_label(stripped, len(stripped)) and stripped.rsplit(None, 1)[-1].lower() not in _FOLLOWING


def choose_chain(starts: list[Start], marker_lines: dict[int, list[float]], heading_lines: list[int],
                 pages: list[int] | None = None) -> list[Start]:
    """The subsequence of candidate starts that reads best as the note numbering (see module doc).

    Each body marker serves one note: along a chain the markers are taken in order, a start
    counting as marked only by a marker of its number after the one its predecessor took. So a
    run of page numbers or a numbered list that borrows the first notes' markers leaves the real
    notes after it unmarked, and loses to them."""
    if not starts:
        return []
    for s in starts:
        s.marker_before = any(line < s.index for line in marker_lines.get(s.number, ()))

    def take(number: int, after: float, before: int) -> float:
        """The first marker line of this number in (after, before), or -1."""
        lines = marker_lines.get(number, ())
        k = bisect.bisect_right(lines, after)
        return lines[k] if k < len(lines) and lines[k] < before else -1

    n = len(starts)
    score = [0.0] * n
    back = [-1] * n
    used = [-1.0] * n  # the marker position (line, and column as a fraction) the chain ending here took last
    restarted = [False] * n
    # the best chains ending in each number, one per marker they took last: a chain that borrowed later
    # markers must not shadow one that took its own
    best_end: dict[int, dict[float, int]] = {}
    best_any: dict[float, int] = {}
    heading_at = sorted(heading_lines)
    for i, s in enumerate(starts):

        def step(j: int) -> tuple[float, float]:
            # a start whose number has no marker of its own before it is weak evidence (a numbered list)
            after = used[j] if j >= 0 else -1.0
            line = take(s.number, after, s.index)
            if line < 0:
                return 0.2 + s.shape, after
            # a footnote starts on its marker's page: where form feeds mark the pages, a start on a later page
            # (a numbered list in the next page's body) reads less well than one on the marker's own
            same_page = pages is not None and pages[int(line)] == pages[s.index]
            return 1.5 + (_SAME_PAGE if same_page else 0.0) + s.shape, line

        weight, line = step(-1)
        # (score, predecessor, marker line taken, whether the numbering starts again here)
        options: list[tuple[float, int, float, bool]] = [(weight - min(4.0, 0.4 * (s.number - 1)), -1, line, False)]
        for gap in range(0, 4):
            for j in best_end.get(s.number - 1 - gap, {}).values():
                weight, line = step(j)
                options.append((score[j] + weight - 1.5 * gap, j, line, False))
        if s.shape > 0:
            for j in best_end.get(s.number, {}).values():  # a number printed twice: the author's slip
                weight, line = step(j)
                if line != used[j] or not (s.own_line or starts[j].own_line):  # not a page number alone on its line
                    options.append((score[j] + weight - (1.0 if line != used[j] else 0.3), j, line, False))
        if s.number == 1:
            for j in best_any.values():
                weight, line = step(j)
                restart = 1.0 if _heading_between(heading_at, starts[j].index, s.index) else 2.5
                # a new chapter's marker 1 comes after the previous chapter's last marker
                fresh = line != used[j]
                options.append((score[j] + weight - restart - (0 if fresh else 3.0), j, line, True))
        score[i], back[i], used[i], restarted[i] = max(options)
        _keep(best_end.setdefault(s.number, {}), used[i], i, score)
        _keep(best_any, used[i], i, score)
    if not best_any:
        return []
    ends = []
    i = max(best_any.values(), key=lambda k: (score[k], k))
    while i >= 0:
        ends.append(i)
        i = back[i]
    ends.reverse()
    chapter = 1
    for k, i in enumerate(ends):
        if k and restarted[i]:
            chapter += 1
        starts[i].chapter = chapter
        starts[i].marker_at = used[i] if used[i] != (used[ends[k - 1]] if k else -1.0) else -1.0
    return [starts[i] for i in ends]


_SAME_PAGE = 0.3


def _keep(table: dict[float, int], used: float, i: int, score: list[float], size: int = 4) -> None:
    """Remember chain end i under the marker it took last; keep the few best."""
    if used in table and score[table[used]] > score[i]:
        return
    table[used] = i
    if len(table) > size:
        del table[min(table, key=lambda u: score[table[u]])]


def _heading_between(headings: list[int], lo: int, hi: int) -> bool:
    i = bisect.bisect_right(headings, lo)
    return i < len(headings) and headings[i] < hi


def mark_noise(lines: list[Line], chosen: set[int], heads: set[int] | None = None) -> None:
    """Page numbers, running heads, separator lines and endnotes headings are neither body nor note (heads: the
    running heads, when the caller found them already)."""
    # beside a page number; not beside a note's number alone on its line ("7" / "Ebd., S. 21–22."), which
    # would make every line of such notes an edge line, and notes alike in shape a running head
    edge = page_edges(lines, chosen)
    # a running head comes back at the page's edge, page after page; a body sentence that recurs
    # ("… dayanır.4") does not, however often it recurs elsewhere
    keyed = {i: _digits_keyed(lines[i].text) for i in range(len(lines)) if edge[i]}
    at_edges: Counter[str] = Counter(keyed.values())
    paged = any(ln.page_break for ln in lines[1:])  # form feeds mark the pages: a bare number does not
    heads = running_heads(lines) if heads is None else heads
    content = False  # whether the page so far has text: a page number before any is the page's own header
    for i, ln in enumerate(lines):
        if ln.page_break:
            content = False
        if i in chosen:
            content = True
            continue
        text = ln.text
        if not PAGE_NUMBER.match(text) and not SEPARATOR.match(text):
            content = True
        if SEPARATOR.match(text) or ENDNOTES_HEADING.match(text):
            ln.noise = True
            if i + 1 < len(lines):
                lines[i + 1].after_separator = True
            continue
        if PAGE_NUMBER.match(text):
            ln.noise = True
            if i + 1 < len(lines) and not paged and content:
                lines[i + 1].page_break = True
            continue
        if i in heads or (edge[i] and at_edges[keyed[i]] >= 3 and len(keyed[i]) < 90 and not _ends_a_sentence(lines, i)):
            ln.noise = True  # a running head (the chapter's title, the page number beside it)
    for i, ln in enumerate(lines[:-1]):
        # a running head found by its shape marks a page's edge itself: extractions that join pages without a form
        # feed (pypdf) give "4CHAPITRE 1. I. PORTS, CONSULS…" between one page's notes and the next page's body
        if ln.noise and (ln.page_break or ln.first_text or i in heads):
            lines[i + 1].first_text = True  # the page's first line of text, after its page number or head
