"""Which lines between two note starts are note text and which are body text (see notelayout).

A gap between two chosen starts is all the first note's text unless the body resumed in it (a
page break, a line holding a later note's marker). A small per-document naive Bayes of line
shape (length, indentation, first letter, citation tokens), trained on the lines whose side is
certain, gives each line's likelihood; a Viterbi pass over the states note, body and note carried
over to the next page's foot labels the gap under the page's rules: the body comes back at a page
break, a carried-over note runs to its page's end.
"""

from __future__ import annotations

import math
import re
import statistics
from collections import Counter
from dataclasses import dataclass

from .notelayout import _CITE_TOKEN, _WORD, CHAPTER_HEADING, SEPARATOR, Layout, Line, Start


@dataclass
class _Model:
    """Naive Bayes over a few coarse features of a line: is it note text or body text?"""

    counts: dict[str, Counter[tuple[int, object]]]
    totals: Counter[str]

    def note_probability(self, features: tuple[object, ...]) -> float:
        logit = math.log((self.totals["N"] + 1) / (self.totals["B"] + 1)) * 0.0  # flat prior: order decides
        for k, value in enumerate(features):
            n = (self.counts["N"][(k, value)] + 0.5) / (self.totals["N"] + 1.5)
            b = (self.counts["B"][(k, value)] + 0.5) / (self.totals["B"] + 1.5)
            logit += math.log(n / b)
        logit = max(-12.0, min(12.0, logit))
        return 1 / (1 + math.exp(-logit))


_TRAINING_LINES = 4_000  # lines of each side the line model learns from, at most (six coarse features)


class _LazyFeatures:
    """Each line's features, computed when first asked for."""

    def __init__(self, lines: list[Line], body_len: float) -> None:
        self.lines = lines
        self.body_len = body_len
        self.cache: dict[int, tuple[object, ...]] = {}

    def __getitem__(self, i: int) -> tuple[object, ...]:
        found = self.cache.get(i)
        if found is None:
            found = self.cache[i] = _features(self.lines[i].text, self.body_len)
        return found


class _WholeWords:
    """Whether a word broken at a line's end joins up as the document's words are spelt: the letters around the
    join ("техниче|ских": "ическ") occur inside a word it spells whole on a line (a line's first and last words may
    be halves of broken words, and are left out). Read when first asked for: only a note carried over a page whose
    last line broke a word needs it."""

    def __init__(self, lines: list[Line]) -> None:
        self.lines = lines
        self.text: str | None = None

    def joins(self, first: str, rest: str) -> bool:
        if self.text is None:
            self.text = " ".join(w.lower() for ln in self.lines for w in _WORD.findall(ln.text)[1:-1])
        return (first[-3:] + rest[:3]).lower() in self.text


def _features(text: str, body_len: float) -> tuple[object, ...]:
    stripped = text.strip()
    ratio = len(stripped) / body_len if body_len else 1.0
    length = 0 if ratio < 0.5 else 1 if ratio < 0.85 else 2 if ratio < 1.08 else 3 if ratio < 1.3 else 4
    indent = len(text) - len(text.lstrip())
    indent_bucket = 0 if indent == 0 else 1 if indent <= 3 else 2 if indent <= 12 else 3
    first = stripped[:1]
    first_class = "l" if first.islower() else "u" if first.isupper() else "d" if first.isdigit() else "p"
    sample = stripped[:400]  # a line is a few dozen characters; a damaged file's may be a whole book
    tokens = len(_CITE_TOKEN.findall(sample))
    words = _WORD.findall(sample)
    lower = sum(1 for w in words if w[0].islower()) / len(words) if words else 0.0
    return (length, indent_bucket, first_class, min(tokens, 3), round(lower * 3), stripped[-1:] in ".;")


def assign(lines: list[Line], chain: list[Start], markers_by_line: dict[int, set[int]]) -> Layout:
    """Label each line body, note or noise, and give each note line its note."""
    n = len(lines)
    labels = ["-" if ln.noise else "B" for ln in lines]
    owner = [-1] * n
    for k, s in enumerate(chain):
        labels[s.index] = "S"
        owner[s.index] = k
        if s.own_line and s.index + 1 < n:
            labels[s.index + 1] = "S"
            owner[s.index + 1] = k
    if not chain:
        return Layout([], labels, owner, 0, False)
    gaps = []
    trained: list[int] = []  # lines holding a later note's marker: body, to train the model on
    for k, s in enumerate(chain):
        first = s.index + (2 if s.own_line else 1)
        last = chain[k + 1].index if k + 1 < len(chain) else n
        later = {s.number + 1, s.number + 2, s.number + 3}
        if k + 1 < len(chain) and chain[k + 1].chapter != s.chapter:
            later |= {1, 2}
        idx = [i for i in range(first, last) if labels[i] != "-"]
        # where the numbering found a later note's marker, only that line holds it ("LaTeX3 Project" in a note's
        # text is no marker 3 when marker 3 stands elsewhere in the body)
        placed = {c.number: int(c.marker_at) for c in chain[k + 1:k + 6] if c.marker_at >= 0}
        # a marker further on counts where the numbering put it: a page of many notes, the first of them carried
        # over, holds markers 3 to 6 in the body that comes before its foot
        further = {s.number + d for d in range(4, 6)}
        near = {i for i in idx if any(placed.get(n, i) == i for n in markers_by_line.get(i, set()) & later)}
        marked = near | {i for i in idx if any(placed.get(n) == i for n in markers_by_line.get(i, set()) & further)}
        gaps.append((k, idx, marked))
        trained.extend(near)  # (the lines of markers further on label their gap, but teach the model nothing)
    body_lines = [i for i in range(chain[0].index) if labels[i] == "B"] + trained
    lengths = [len(lines[i].text.strip()) for i in body_lines] or [len(ln.text.strip()) for ln in lines]
    body_len = statistics.median(lengths)
    feats = _LazyFeatures(lines, body_len)  # only the lines trained on or labelled: a book's clean notes are neither
    words = _WholeWords(lines)
    # training: a gap with no marker line and no page break is all note; marker lines and the text before
    # the first note are body
    counts: dict[str, Counter[tuple[int, object]]] = {"N": Counter(), "B": Counter()}
    totals: Counter[str] = Counter()

    def learn(label: str, examples: list[int]) -> None:
        # a few tens of thousands of lines teach the model all they can: a long book's are sampled evenly
        step = max(1, -(-len(examples) // _TRAINING_LINES))
        for i in examples[::step]:
            for j, value in enumerate(feats[i]):
                counts[label][(j, value)] += 1
            totals[label] += 1

    # a chapter's own heading: no note's text, and no note goes on past it (found once, asked of every gap)
    headings = {i for i, ln in enumerate(lines) if _chapter_heading(ln.text)}
    certain = set()
    note_lines: list[int] = []
    for k, idx, marked in gaps:
        if idx and not marked and k + 1 < len(chain) and \
                not any(lines[i].page_break or lines[i].first_text or i in headings for i in idx):
            certain.add(k)
            note_lines.extend(idx)
    note_lines.extend(s.index + (1 if s.own_line else 0) for s in chain)
    learn("N", note_lines)
    learn("B", body_lines)
    model = _Model(counts, totals)
    # notes set flush left: a line that starts with a space after them is the next page's body
    # (some extractions glue the next page on without a form feed)
    separated = any(ln.noise and SEPARATOR.match(ln.text) for ln in lines)
    flush = sum(1 for s in chain if not lines[s.index + (1 if s.own_line else 0)].text[:1].isspace()) > 0.8 * len(chain)
    for k, idx, marked in gaps:
        if k in certain:
            for i in idx:
                labels[i], owner[i] = "N", k
            continue
        if not idx:
            continue  # a note of one line, the next note right after it: nothing to label
        last = k + 1 == len(chain)
        for i, label in zip(idx, _label_gap(lines, idx, feats, model, marked, flush, separated, last, headings,
                                                   words)):
            labels[i] = label
            if label == "N":
                owner[i] = k
    if flush:
        _indented_page_starts(lines, labels)
    return Layout(chain, labels, owner, chain[-1].chapter, False)


def _indented_page_starts(lines: list[Line], labels: list[str]) -> None:
    """Some extractions run the next page on without a form feed; its first body line, indented after notes set
    flush left, starts the page."""
    previous = ""
    for i, ln in enumerate(lines):
        if labels[i] == "-":
            continue
        if labels[i] == "B" and previous in ("N", "S") and ln.text[:1].isspace() and ln.text.strip()[:1].isalpha():
            ln.page_break = True
        previous = labels[i]


def _chapter_heading(text: str) -> bool:
    """"Chapter 2", "Kapitel III": a chapter's own heading, not a running head naming it with its title."""
    return bool(CHAPTER_HEADING.match(text)) and len(text.split()) <= 3


_WORD_BROKEN = re.compile(r"[^\W\d_]{2}-$")
_TERMINAL = re.compile(r"[.!?)\]”\"»]\s*$")
# a sentence's end, not a label's ("pág. 46." or "Thieves”." ended; "…’, pp." did not)
_SENTENCE_ENDED = re.compile(r"(?:\d|[^\W\d_]{4}|[)\]”\"»’])[.!?]\s*$")
_LINE_ENDED = re.compile(r"(?:\d|[^\W\d_]{2})[.!?][)\]”\"»’]?\s*$")
# what a line that cannot go on the body before it (a small letter after a sentence's end, a digit after a broken
# word) weighs against the body
_NOT_THE_BODY_GOING_ON = 1.5
_QUOTE_CLOSED = 4.0  # what closing a quotation the note left open weighs against the body
_BRACKETED_NUMBER = re.compile(r"[(\[]\d")


_BROKEN_HALF = re.compile(r"([^\W\d_]{2,})-\s*$")


def _broken_half(text: str) -> str | None:
    """The first half of a word broken at a line's end ("кандидата техниче-": "техниче"), or None."""
    found = _BROKEN_HALF.search(text)
    return found.group(1) if found else None


def _no_sentence_start(text: str) -> bool:
    """Whether a line starts as no sentence does: a small letter, or a bracketed number ("(2017), 553-590")."""
    first = text.lstrip()
    return first[:1].islower() or bool(_BRACKETED_NUMBER.match(first))


def _quote_balance(text: str, german: bool) -> int:
    """Quotations a line opens and leaves open (“…”, «…»; „…“ where German quotes were seen, whose “ closes)."""
    german = german or "„" in text
    curly = text.count("“")
    return (text.count("«") + text.count("„") + (0 if german else curly)
            - text.count("»") - text.count("”") - (curly if german else 0))


def _closes_first(text: str, german: bool) -> bool:
    """Whether a line closes a quotation before it opens any: its first quotation mark is a closing one."""
    for ch in text:
        if ch in "«„" or (ch == "“" and not german):
            return False
        if ch in "”»" or ch == "“":
            return True
    return False


def _bracket_balance(text: str) -> int:
    return text.count("(") - text.count(")")


def _closes_bracket_first(text: str) -> bool:
    """Whether a line's first round bracket closes one: "Press, 1985), 336-42" goes on a bracket opened before."""
    closing, opening = text.find(")"), text.find("(")
    return closing >= 0 and (opening < 0 or closing < opening)


def _label_gap(lines: list[Line], idx: list[int], feats: _LazyFeatures, model: _Model,
               marker_lines: set[int], flush: bool, separated: bool, last: bool, headings: set[int],
               words: _WholeWords) -> list[str]:
    """Best labelling N* (B+ N*)* of a gap's lines: a Viterbi pass over the states note, body after a note
    that ended (Bc) and body after a note cut off mid-sentence (Bi), which alone is likely to go on later."""
    big = 1e9
    states = ("N", "Bc", "Bi", "Nc")
    cost = {"N": 0.0, "Bc": big, "Bi": big, "Nc": big}  # the gap starts in the note
    marked_after = [False] * len(idx)  # whether a later note's marker is still to come in the gap
    # whether the body may resume here without a page break: only if a later note's marker comes before the
    # next page break (the body came back, out of order); a footnote is otherwise followed by its page's end
    resumable = [True] * len(idx)
    seen = False
    marked_before_break = not last  # after the last note, no body comes back before a page break
    for pos in range(len(idx) - 1, -1, -1):
        seen = seen or idx[pos] in marker_lines
        marked_after[pos] = seen
        if idx[pos] in marker_lines:
            marked_before_break = not last  # after the last note, no body comes back before a page break
        resumable[pos] = marked_before_break
        if lines[idx[pos]].page_break or lines[idx[pos]].first_text:
            marked_before_break = False
    # a quotation the note opened and left open ("“Cramming more components onto integrated"): a line that closes
    # one it did not open ("circuits”, Electronics, 38/8 (1965)") is that note going on, on the next page too
    start = idx[0] - 1 if idx else 0
    while start > 0 and lines[start].noise:
        start -= 1
    german = "„" in lines[start].text
    open_quotes = _quote_balance(lines[start].text, german) if idx else 0
    # the same for a bracket: "(Bloomington : Indiana University" / … / "Press, 1985), 336-42 ; Debra A. Castillo"
    open_brackets = _bracket_balance(lines[start].text) if idx else 0
    # a note whose last line on its page ended its sentence short of the full width goes on on no other page:
    # typesetters split notes between lines, and a justified line falls short only at its paragraph's end (a
    # one-line note's line may be long: a line longer than the body's may be several that pdftotext joined)
    first_break = next((pos for pos, i in enumerate(idx) if lines[i].page_break or lines[i].first_text), None)
    ended_on_page = False
    note_open = False  # the note's last line on its page left its sentence open ("…; Василенко,", "кандидата техниче-")
    note_half = None  # the word it broke there ("техниче")
    if first_break is not None and not any(i in marker_lines for i in idx[:first_break]):
        j = idx[first_break - 1] if first_break else start
        ended_on_page = feats[j][0] <= (2 if j == start else 1) and bool(_SENTENCE_ENDED.search(lines[j].text))
        note_open = not _TERMINAL.search(lines[j].text)
        note_half = _broken_half(lines[j].text)
    back: list[dict[str, str]] = []
    chapter_began = False  # a chapter's heading came earlier in the gap: the notes before it do not go on after it
    for pos, i in enumerate(idx):
        # the heading may be noise (a "Chapter 2" atop a page, like every chapter's, reads as a running head)
        chapter_began = chapter_began or any(j in headings for j in range(idx[pos - 1], i) if pos)
        p = model.note_probability(feats[i])
        emit_n, emit_b = -math.log(max(p, 1e-6)), -math.log(max(1 - p, 1e-6))
        if open_quotes > 0 and _closes_first(lines[i].text, german):
            emit_b += _QUOTE_CLOSED
        if open_brackets > 0 and _closes_bracket_first(lines[i].text):
            emit_b += _QUOTE_CLOSED
        german = german or "„" in lines[i].text
        open_quotes += _quote_balance(lines[i].text, german)
        open_brackets += _bracket_balance(lines[i].text)
        if i in marker_lines or i in headings:
            emit_n = big  # a chapter's heading is no note's text either
        elif lines[i].after_separator:
            emit_b = big  # the rule drawn as a line of text: the notes begin here
        brk = lines[i].page_break or lines[i].first_text or (flush and lines[i].text[:1].isspace())
        if pos and not brk and _no_sentence_start(lines[i].text) and _LINE_ENDED.search(lines[idx[pos - 1]].text):
            # a body sentence begins with a capital: this line goes on something else ("(2017), 553-590, p. 577.")
            emit_b += _NOT_THE_BODY_GOING_ON
        elif pos and not brk and _WORD_BROKEN.search(lines[idx[pos - 1]].text) \
                and (not lines[i].text.lstrip()[:1].isalpha()
                     or (lines[i].text.lstrip()[:1].isupper() and _CITE_TOKEN.search(lines[i].text))):
            # "…Бюджет 1889 года преду-" / "245.": no word goes on here; nor in a citation's capital ("…berichtete
            # re-" / "Türkmen/Artok u. a., J. Organomet. Chem. 2006, 3027": a note's line below the body)
            emit_b += _NOT_THE_BODY_GOING_ON
        hint = lines[i].after_separator
        if pos:
            before = lines[idx[pos - 1]].text
        else:  # the line before the gap: the note's first line
            j = idx[0] - 1
            while j > 0 and lines[j].noise:
                j -= 1
            before = lines[j].text if j >= 0 else ""
        ended = not before or bool(_TERMINAL.search(before))
        # a word broken at the line before ("Klammern mar-" / "kieren, in: DTK 1"): the same text goes on here,
        # unless a page break came between (or the line holds a later note's marker: one evidence or the other is wrong)
        joined = not brk and i not in marker_lines and bool(_WORD_BROKEN.search(before)) \
            and lines[i].text.lstrip()[:1].islower()
        if joined and note_open and pos > first_break:
            # a line that could go on the body's broken word or on the note left open on the page before: the body's
            # only if the join makes letters the document's words show ("техниче-|ских" goes on the note, not
            # "гу-|ских"; "консул в Тра-|см. сн. 6, с. 69." neither)
            rest, body_half = _WORD.match(lines[i].text.lstrip()), _broken_half(before)
            if rest and body_half and not words.joins(body_half, rest.group()) \
                    and (note_half is None or words.joins(note_half, rest.group())):
                joined = False
                emit_b += _NOT_THE_BODY_GOING_ON
        new: dict[str, float] = {}
        choice: dict[str, str] = {}
        for state in states:
            options = []
            for prev in states:
                if state == "N":
                    if prev != "N":
                        continue
                    # a note going on right after a page break (endnotes, a page without body text);
                    # not when a later note's marker is still to come: the body resumes at the break
                    move = (3.0 if marked_after[pos] else 1.0) if brk else 0.0
                    if chapter_began:
                        move = big  # a note does not go on past the next chapter's heading
                    if brk and ended:
                        move += 4.0  # a note that ended its sentence at the page's foot seldom goes on
                elif state == "Nc":  # a note carried over to the foot of the next page
                    if prev == "Nc":
                        move = 0.0
                    elif prev in ("Bc", "Bi"):
                        # where rules are drawn as text, the foot of a page starts after one
                        move = 0.0 if hint else big if separated else 1.0 if prev == "Bi" else 4.0
                        if chapter_began or ended_on_page:
                            move = big
                    else:
                        continue
                elif prev in ("N", "Nc"):
                    if (state == "Bc") != ended:
                        continue
                    if prev == "Nc":  # the page's foot goes on to the page's end
                        move = 0.0 if brk else big
                    else:
                        move = 0.0 if brk else 3.0 if resumable[pos] else big  # the body resumes at a page break
                elif prev == state:
                    move = 0.0
                else:
                    continue
                if joined and (state in ("N", "Nc")) != (prev in ("N", "Nc")):
                    move += 2.5
                options.append((cost[prev] + move, prev))
            best, prev_state = min(options)
            new[state] = best + (emit_n if state in ("N", "Nc") else emit_b)
            choice[state] = prev_state
        cost = new
        back.append(choice)
    state = min(cost, key=lambda s: cost[s])
    out = []
    for choice in reversed(back):
        out.append("N" if state in ("N", "Nc") else "B")
        state = choice[state]
    out.reverse()
    return out
