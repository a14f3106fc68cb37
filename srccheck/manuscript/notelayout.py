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
3. the lines between two chosen starts are the first note's text, unless the body resumed in
   between (a page break, a line holding a later note's marker): a small per-document model of
   what a note line and a body line look like (length, indentation, first letter, citation
   tokens), trained on the lines whose side is certain, labels those lines, in order
   note… body… note… (a note carried over to the foot of the next page).
"""

from __future__ import annotations

import bisect
import math
import re
import statistics
from collections import Counter
from dataclasses import dataclass

from ..grammar import languages as L

_MONTHS = {m.lower() for ms in L.MONTHS.values() for m in ms}
_UNITS = {"yıl", "yılında", "kişi", "bin", "milyon", "years", "year", "days", "men", "troops", "jahre", "jahren",
          "ans", "km", "kg", "prozent", "per", "percent", "%", "refugees", "soldaten", "soldats", "asker", "kuruş",
          "piastres", "piaster", "inhabitants", "einwohner", "habitants", "g.", "года", "год", "г.", "человек"}
_START = re.compile(r"^([ \t]*)(\d{1,5})(?:([.)])[ \t]*|([ \t]+)|(?=[^\W\d_]|[“\"«‘„(]))(?=\S)(.*)$")
_TRAILING = re.compile(r"[^\W\d_](\d{1,3})$")
_BARE = re.compile(r"^[ \t]*(\d{1,4})[.)]?[ \t]*$")
PAGE_NUMBER = re.compile(r"^[ \t]*(?:[-–—][ \t]*)?(\d{1,4}|[ivxlcdm]{1,7})[ \t]*(?:[-–—][ \t]*)?$", re.IGNORECASE)
SEPARATOR = re.compile(r"^(?:[ \t]{10,}|[ \t]*(?:[_\-–—─━=]\s?){5,}[ \t]*)$")
ENDNOTES_HEADING = re.compile(
    r"^\s*(?:(?:end)?notes|footnotes|dipnotlar|notlar|son ?notlar|anmerkungen|endnoten|fußnoten|notes de fin|"
    r"remarques|примечания|note|notas)(?:\s+(?:to|zu|zum|aux?|du|de|des|for|для)\b.{0,40})?\s*:?\s*$",
    re.IGNORECASE,
)
CHAPTER_HEADING = re.compile(r"^\s*(?:chapter|kapitel|chapitre|bölüm|глава|capitolo|capítulo)\s+\w+", re.IGNORECASE)
_CITE_TOKEN = re.compile(r"\b(?:pp?|ss?|S|vol|Bd|ed|eds|Hg|hrsg|éd|dir|trans|trad|Vgl|See|cf|ibid|Ebd|id|op|art|"
                         r"cit|С|с|Т|Там)\.|\(\d{4}\)|(?<!\d)\d{1,5}[–-]\d{1,5}|[“”„«»]|:\s*\d|\bIn:|\bin:", re.IGNORECASE)
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
    """Non-empty lines (and separator lines), each knowing whether a form feed came before it."""
    lines: list[Line] = []
    pending_break = True
    for number, raw in enumerate(text.split("\n"), start=1):
        for i, piece in enumerate(raw.split("\f")):
            if i:
                pending_break = True
            separator = bool(SEPARATOR.match(piece))
            if not piece.strip() and not separator:
                continue
            lines.append(Line(number, piece if separator else piece.rstrip(), page_break=pending_break))
            pending_break = False
    return lines


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


def candidates(lines: list[Line]) -> list[Start]:
    starts: list[Start] = []
    paging = page_numbers(lines)
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
            if following and not following[0].isdigit() and not _BARE.match(lines[i + 1].text):
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
        word = rest.split(" ", 1)[0].strip(".,;:")
        first = word.lower()
        named = word[:1].isupper() and rest[len(word):].startswith(",")  # "12 Asker, a.g.m.", "1 Agosto, …": a name
        if not named and (first in _MONTHS or (first in _UNITS and not word[:1].isupper())):
            continue  # "18 January 1918", "450 troops": a date or a quantity at a line start
        if not re.search(r"[^\W\d_]", rest[:40]):
            continue
        shape = 0.0
        if rest[0].isupper() or rest[0] in "“\"«‘„(":
            shape += 0.3
        elif rest[0].islower():
            shape -= 0.3 if (punct or space) else 0.6  # "3rd ser.", a glued lower-case word
        if punct:
            shape += 0.1
        if rest[0].isdigit():
            shape -= 0.4  # "29 1918-1920 yılları…": possible, but a wrapped line starting "22 (1961): 580" too
        if len(indent) > 12:
            shape -= 0.3  # far right: a page number or running head
        starts.append(Start(i, int(digits), rest, False, shape))
    return starts


def choose_chain(starts: list[Start], marker_lines: dict[int, list[float]], heading_lines: list[int]) -> list[Start]:
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
            return (1.5 if line >= 0 else 0.2) + s.shape, (line if line >= 0 else after)

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


def mark_noise(lines: list[Line], chosen: set[int]) -> None:
    """Page numbers, running heads, separator lines and endnotes headings are neither body nor note."""
    keyed = [re.sub(r"\d+", "#", " ".join(ln.text.split())) for ln in lines]
    edge = [any(lines[j].page_break or PAGE_NUMBER.match(lines[j].text)
                for j in range(max(0, i - 1), min(len(lines), i + 2))) or lines[i].page_break
            for i in range(len(lines))]
    # a running head comes back at the page's edge, page after page; a body sentence that recurs
    # ("… dayanır.4") does not, however often it recurs elsewhere
    at_edges: Counter[str] = Counter(key for key, near in zip(keyed, edge) if near)
    paged = any(ln.page_break for ln in lines[1:])  # form feeds mark the pages: a bare number does not
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
        if edge[i] and at_edges[keyed[i]] >= 3 and len(keyed[i]) < 90:
            ln.noise = True  # a running head (the chapter's title, the page number beside it)
    for i, ln in enumerate(lines[:-1]):
        if ln.noise and (ln.page_break or ln.first_text):
            lines[i + 1].first_text = True  # the page's first line of text, after its page number or head


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
    for k, s in enumerate(chain):
        first = s.index + (2 if s.own_line else 1)
        last = chain[k + 1].index if k + 1 < len(chain) else n
        later = {s.number + 1, s.number + 2, s.number + 3}
        if k + 1 < len(chain) and chain[k + 1].chapter != s.chapter:
            later |= {1, 2}
        idx = [i for i in range(first, last) if labels[i] != "-"]
        marked = {i for i in idx if markers_by_line.get(i, set()) & later}
        gaps.append((k, idx, marked))
    body_lines = [i for i in range(chain[0].index) if labels[i] == "B"]
    body_lines += [i for _, _, marked in gaps for i in marked]
    lengths = [len(lines[i].text.strip()) for i in body_lines] or [len(ln.text.strip()) for ln in lines]
    body_len = statistics.median(lengths)
    feats = [_features(ln.text, body_len) for ln in lines]
    # training: a gap with no marker line and no page break is all note; marker lines and the text before
    # the first note are body
    counts: dict[str, Counter[tuple[int, object]]] = {"N": Counter(), "B": Counter()}
    totals: Counter[str] = Counter()

    def learn(label: str, i: int) -> None:
        for j, value in enumerate(feats[i]):
            counts[label][(j, value)] += 1
        totals[label] += 1

    certain = set()
    for k, idx, marked in gaps:
        if idx and not marked and not any(lines[i].page_break or lines[i].first_text for i in idx) and k + 1 < len(chain):
            certain.add(k)
            for i in idx:
                learn("N", i)
    for s in chain:
        learn("N", s.index + (1 if s.own_line else 0))
    for i in body_lines:
        learn("B", i)
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
        last = k + 1 == len(chain)
        for i, label in zip(idx, _label_gap(lines, idx, feats, model, marked, flush, separated, last)):
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


_TERMINAL = re.compile(r"[.!?)\]”\"»]\s*$")


def _label_gap(lines: list[Line], idx: list[int], feats: list[tuple[object, ...]], model: _Model,
               marker_lines: set[int], flush: bool, separated: bool, last: bool) -> list[str]:
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
    back: list[dict[str, str]] = []
    for pos, i in enumerate(idx):
        p = model.note_probability(feats[i])
        emit_n, emit_b = -math.log(max(p, 1e-6)), -math.log(max(1 - p, 1e-6))
        if i in marker_lines:
            emit_n = big
        elif lines[i].after_separator:
            emit_b = big  # the rule drawn as a line of text: the notes begin here
        brk = lines[i].page_break or lines[i].first_text or (flush and lines[i].text[:1].isspace())
        hint = lines[i].after_separator
        if pos:
            ended = bool(_TERMINAL.search(lines[idx[pos - 1]].text))
        else:  # the line before the gap: the note's first line
            j = idx[0] - 1
            while j > 0 and lines[j].noise:
                j -= 1
            ended = j < 0 or bool(_TERMINAL.search(lines[j].text))
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
                    if brk and ended:
                        move += 4.0  # a note that ended its sentence at the page's foot seldom goes on
                elif state == "Nc":  # a note carried over to the foot of the next page
                    if prev == "Nc":
                        move = 0.0
                    elif prev in ("Bc", "Bi"):
                        # where rules are drawn as text, the foot of a page starts after one
                        move = 0.0 if hint else big if separated else 1.0 if prev == "Bi" else 4.0
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
