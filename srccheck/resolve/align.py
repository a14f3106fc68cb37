"""Find where a bibliography entry is written in a note: its title (or the title's head), its people, its year.

The bibliography reads the note. For a note, the entries worth a look come from the
bibliography's index (surnames and title words, the rarest first, a handful only);
for each of them we find the spans of the note where its title, its people's
surnames and given names, and its year occur — word by word, Turkish-aware, tolerant of
a misspelt or missing word. A citation's fields can then be taken from those spans
instead of being guessed from punctuation: a colon or a comma inside a title is then
part of the title, not a "Place: Publisher" or a new field.

Nothing here decides which entry a citation cites; it only says where each candidate
entry would be in the note, and how much of it is there (resolver.py decides).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable

from rapidfuzz import fuzz

from ..bibliography import CONTAINER_FIELDS, Bibliography, is_archival, stopword
from ..grammar import et_al_pattern
from ..grammar import languages as L
from ..model import Entry, Name
from ..normalize import fold
from .weights import WEIGHTS as W

# a word as fold() sees one: apostrophes inside a word are dropped, not split on ("Atatürk’ün")
_TOKEN = re.compile(r"[^\W_]+(?:[’'ʼ`´][^\W_]+)*")
# a word with a number glued on, the space an extractor dropped: "DTK4(1992)", "Буадзе1976"
WORD_THEN_NUMBER = re.compile(r"([^\W\d_]{2,})([0-9]{1,4})")
# what may end a cited short title: punctuation, brackets, quotes, a dash between spaces
_BOUNDARY = re.compile(r"^\s*(?:$|[,.;:!?()\[\]“”\"«»‘’„]|[-–—]\s)")


@dataclass(frozen=True)
class Token:
    folded: str
    start: int
    end: int


@dataclass(frozen=True)
class NoteWords:
    """A note's words, and where each folded word occurs."""

    text: str
    tokens: tuple[Token, ...]
    positions: dict[str, tuple[int, ...]]

    @classmethod
    def of(cls, text: str, known: Callable[[str], bool] | None = None) -> NoteWords:
        """known: whether a folded word is one of the bibliography's; a long word that is none, but that its words
        make up entirely, is read as those words (an extractor glued them: "dokumentationmit")."""
        tokens = []
        positions: dict[str, list[int]] = {}
        for m in _TOKEN.finditer(text):
            folded = fold(m.group())
            if not folded or " " in folded:
                continue  # a token fold splits (rare: "ﬁ" ligatures fold to one word, digits with marks)
            pieces = [(folded, m.start(), m.end())]
            if known is not None and len(folded) >= W.glued_word and len(folded) == m.end() - m.start() \
                    and not known(folded):
                pieces = [(folded[a:b], m.start() + a, m.start() + b) for a, b in glued_words(folded, known)]
            elif (glued := WORD_THEN_NUMBER.fullmatch(folded)) and len(folded) == m.end() - m.start() \
                    and not (known is not None and known(folded)):
                # a journal and its volume with the space dropped ("DTK4(1992)", "TUGboat2, no. 3"): two words
                cut = glued.end(1)
                pieces = [(folded[:cut], m.start(), m.start() + cut), (folded[cut:], m.start() + cut, m.end())]
            for word, start, end in pieces:
                previous = tokens[-1] if tokens else None
                if known is not None and previous is not None and len(previous.folded) <= 2 \
                        and start - previous.end == 1 and text[previous.end] == " " and not known(word) \
                        and known(previous.folded + word):
                    # a word an extractor split after its first letter ("Ockham to S uarez", "Ö zge"): one word
                    merged = Token(previous.folded + word, previous.start, end)
                    positions[previous.folded].remove(len(tokens) - 1)
                    positions.setdefault(merged.folded, []).append(len(tokens) - 1)
                    tokens[-1] = merged
                    continue
                positions.setdefault(word, []).append(len(tokens))
                tokens.append(Token(word, start, end))
        return cls(text, tuple(tokens), {k: tuple(v) for k, v in positions.items() if v})

    def index_at(self, offset: int) -> int:
        """The first token starting at or after offset."""
        lo, hi = 0, len(self.tokens)
        while lo < hi:
            mid = (lo + hi) // 2
            if self.tokens[mid].start < offset:
                lo = mid + 1
            else:
                hi = mid
        return lo


@dataclass(frozen=True)
class TitleSpan:
    start: int  # offsets in the note
    end: int
    first: int  # first and last entry-title word matched
    last: int
    matched: int  # how many title words were found
    whole: bool  # the span runs to the title's last word (not a short title's head)
    coverage: float  # weighted share of the title's head (words up to the last matched) found


@dataclass(frozen=True)
class Mention:
    """Where one entry is written in a stretch of a note."""

    key: str
    title: TitleSpan | None
    names: tuple[tuple[int, int, Name], ...]  # (start, end, the name as written) of each person found
    year: tuple[int, int] | None
    # found after the people when no title is: the journal or book it appeared in, and its volume
    # ("Meyer, DTK 27 (2015), 10 (13)": German legal and some scientific notes cite an article so)
    container: tuple[int, int] | None = None
    volume: tuple[int, int] | None = None

    @property
    def start(self) -> int:
        return min([s for s, _, _ in self.names] + ([self.title.start] if self.title else []))

    @property
    def end(self) -> int:
        ends = [e for _, e, _ in self.names] + ([self.title.end] if self.title else [])
        return max(ends + [span[1] for span in (self.year, self.container, self.volume) if span])


def glued_words(word: str, known: Callable[[str], bool], longest: int = 30) -> list[tuple[int, int]]:
    """The cut of a word into the fewest known words, as (start, end) pairs; the whole word when there is none."""
    n = len(word)
    fewest = [0] + [n + 1] * n
    back = [0] * (n + 1)
    for end in range(1, n + 1):
        for start in range(max(0, end - longest), end):
            if fewest[start] + 1 < fewest[end] and known(word[start:end]):
                fewest[end], back[end] = fewest[start] + 1, start
    if fewest[n] > n:
        return [(0, n)]
    cuts, end = [], n
    while end > 0:
        cuts.append((back[end], end))
        end = back[end]
    return cuts[::-1]


# -- the words of an entry ------------------------------------------------------------------

@lru_cache(maxsize=1 << 15)
def _words(text: str) -> tuple[str, ...]:
    return tuple(fold(text).split())


class Weigher:
    """How much a title word says: rare words of the bibliography say more (inverse document frequency)."""

    def __init__(self, bib: Bibliography) -> None:
        self.bib = bib
        self.total = max(1, len(bib.entries))
        self._memo: dict[str, float] = {}

    def __call__(self, word: str) -> float:
        found = self._memo.get(word)
        if found is None:
            if stopword(word):
                found = 0.25
            elif word.isdigit():
                found = 1.0
            else:
                df = len(self.bib.by_title_word.get(word, ())) or 1
                found = 1.0 + math.log(1 + self.total / df)
            self._memo[word] = found
        return found


# -- candidates -----------------------------------------------------------------------------

def candidates(bib: Bibliography, words: NoteWords, weigh: Weigher, limit: int) -> list[Entry]:
    """The entries a note may cite: those sharing its surnames and rarest title words, at most `limit`.
    Words are taken rarest first and common ones not at all, so a note never walks a large part of the bib."""
    score: dict[str, float] = {}
    entries: dict[str, Entry] = {}
    looked = 0
    keyed: list[tuple[float, str]] = []
    for word in words.positions:
        if len(word) < 2 or word.isdigit():
            continue
        people = bib.by_family.get(word, ())
        titled = bib.by_title_word.get(word, ())
        if not people and not titled:
            continue
        keyed.append((len(people) + len(titled), word))
    keyed.sort()
    for df, word in keyed:
        if df > W.candidate_word_df or looked > W.candidate_lookups:
            break  # the rest are common words: weak evidence, and they would walk much of a large bibliography
        people = bib.by_family.get(word, ())
        for entry in people:
            # a rare surname says more than one shared by many works ("Reid 288" beside a dozen "Anonymous")
            score[entry.key] = score.get(entry.key, 0.0) + W.candidate_surname + 1.0 / len(people)
            entries[entry.key] = entry
        weight = weigh(word)
        for entry in bib.by_title_word.get(word, ()):
            score[entry.key] = score.get(entry.key, 0.0) + weight
            entries[entry.key] = entry
        looked += df
    best = sorted(score, key=lambda k: (-score[k], k))[:limit]
    return [entries[k] for k in best]


# -- titles ---------------------------------------------------------------------------------

def _typo(a: str, b: str) -> bool:
    """Two words that are one word misspelt (or abbreviated by a letter or two)."""
    return len(a) >= 4 and len(b) >= 4 and fuzz.ratio(a, b) >= W.close_surname


def title_spans(words: NoteWords, title: str, weigh: Weigher, lo: int = 0, hi: int | None = None) -> list[TitleSpan]:
    """Where a title (or its head, as short titles cite it) is written in words[lo:hi], best first."""
    tw = _words(title)
    if not tw:
        return []
    hi = len(words.tokens) if hi is None else hi
    hits = sorted((i, j) for j, t in enumerate(tw) for i in words.positions.get(t, ()) if lo <= i < hi)
    found: list[TitleSpan] = []
    used: set[int] = set()
    for _ in range(3):  # a note may write a title more than once
        span = _best_chain([h for h in hits if h[0] not in used], words, tw, weigh, lo, hi)
        if span is None:
            break
        found.append(span)
        used.update(i for i, _ in hits if span.start <= words.tokens[i].start < span.end)
    return found


def _best_chain(hits: list[tuple[int, int]], words: NoteWords, tw: tuple[str, ...], weigh: Weigher,
                lo: int, hi: int) -> TitleSpan | None:
    """The best run of title words found in order in the note, allowing a few words missing or misspelt."""
    if not hits:
        return None
    best = [0.0] * len(hits)
    back = [-1] * len(hits)
    for h, (i, j) in enumerate(hits):
        w = weigh(tw[j])
        best[h] = w
        for g in range(h - 1, -1, -1):
            i2, j2 = hits[g]
            if i - i2 > W.title_gap_note + 1:
                break
            if i2 < i and j2 < j and j - j2 <= W.title_gap_title + 1 and best[g] + w > best[h]:
                best[h], back[h] = best[g] + w, g
    chains = sorted(range(len(hits)), key=lambda h: -best[h])
    for h in chains[:4]:
        chain = []
        while h != -1:
            chain.append(hits[h])
            h = back[h]
        chain.reverse()
        span = _evaluate(chain, words, tw, weigh, lo, hi)
        if span is not None:
            return span
    return None


def _evaluate(chain: list[tuple[int, int]], words: NoteWords, tw: tuple[str, ...], weigh: Weigher,
              lo: int, hi: int) -> TitleSpan | None:
    (i0, j0), (i1, j1) = chain[0], chain[-1]
    matched = len(chain)
    # a misspelt first or last word: extend over it
    while j0 > 0 and i0 > lo and _typo(words.tokens[i0 - 1].folded, tw[j0 - 1]):
        i0, j0, matched = i0 - 1, j0 - 1, matched + 1
    while j1 + 1 < len(tw) and i1 + 1 < hi and _typo(words.tokens[i1 + 1].folded, tw[j1 + 1]) \
            and not _BOUNDARY.match(words.text[words.tokens[i1].end:words.tokens[i1 + 1].start] or " "):
        i1, j1, matched = i1 + 1, j1 + 1, matched + 1
    if any(not stopword(w) for w in tw[:j0]):
        # the title's first words are missing: a short title taken from its end ("Nüfus Mübadelesi ve İskân
        # Politikası" of "Cumhuriyetin İlk Yıllarında Nüfus…"), or not this title, or only a word of it
        return _tail_title(chain, words, tw, weigh, i0, i1, j0, j1, matched)
    head = tw[: j1 + 1]
    # a number is a title's word too ("Beckett at 60: A Festschrift" cited "Beckett at 60")
    content = [w for w in head if not stopword(w) or w.isdigit()]
    found = {tw[j] for _, j in chain} | ({tw[j0]} if j0 < chain[0][1] else set())
    content_found = sum(1 for w in content if w in found)
    if content_found < min(2, len(content)) or not content:
        return None
    head_weight = sum(weigh(w) for w in head)
    found_weight = sum(weigh(tw[j]) for _, j in chain)
    coverage = min(1.0, found_weight / head_weight) if head_weight else 0.0
    if coverage < W.title_coverage:
        return None
    whole = j1 == len(tw) - 1
    start, end = words.tokens[i0].start, words.tokens[i1].end
    if not whole:
        after = words.text[end:end + 3]
        nxt = words.tokens[i1 + 1] if i1 + 1 < len(words.tokens) else None
        if not _BOUNDARY.match(after) and not (nxt is not None and nxt.folded.isdigit()):
            return None  # the note goes on with other words: another title that begins alike
    if len(content) == 1 and not whole:
        return None
    if len(content) == 1 and not words.text[start:end][:1].isupper() and not _quoted_before(words.text, start):
        return None  # a one-word title found as an ordinary word of a sentence
    return TitleSpan(start, end, j0, j1, matched, whole, coverage)


def _tail_title(chain: list[tuple[int, int]], words: NoteWords, tw: tuple[str, ...], weigh: Weigher, i0: int,
                i1: int, j0: int, j1: int, matched: int) -> TitleSpan | None:
    """A short title that is the end of the full title: it must run to the title's last word, hold three of its
    words that say something, and stand on its own in the note (punctuation or the note's edge around it)."""
    if j1 != len(tw) - 1 or len(chain) != j1 - j0 + 1:
        return None
    tail = tw[j0:]
    if sum(1 for w in tail if not stopword(w)) < 3:
        return None
    start, end = words.tokens[i0].start, words.tokens[i1].end
    before = words.text[:start].rstrip()
    if before and before[-1] not in ",:;(“\"«‘„" or not _BOUNDARY.match(words.text[end:end + 3] or " "):
        return None
    covered = sum(weigh(w) for w in tail) / sum(weigh(w) for w in tw)
    return TitleSpan(start, end, j0, j1, matched, True, covered)


def _quoted_before(text: str, start: int) -> bool:
    return text[max(0, start - 1):start] in "“\"«‘„"


# -- people and years -----------------------------------------------------------------------

def _family_words(name: Name) -> tuple[str, ...]:
    return _words(name.family)


def people_spans(words: NoteWords, entry: Entry, lo: int, hi: int, avoid: tuple[int, int] | None = None,
                 typos: bool = True) -> tuple[tuple[int, int, Name], ...]:
    """The entry's people written in words[lo:hi] (outside `avoid`, the title's span): each surname found
    (or misspelt, when `typos`), with the given names or initials written next to it, as written."""
    found = []
    taken: set[int] = set()
    for person in entry.authors or entry.editors:
        family = _family_words(person)
        if not family:
            continue
        last = family[-1]
        spots = [i for i in words.positions.get(last, ()) if lo <= i < hi]
        if not spots and len(family) > 1 and (joined := "".join(family)) in words.positions:
            # "Friesland-Köpke" written "FrieslandKöpke": pdftotext drops the hyphen of a name broken at a line's end
            spots = [i for i in words.positions[joined] if lo <= i < hi]
            family = (joined,)
        if not spots and typos and len(last) >= 5:
            spots = [i for i in range(lo, hi) if _typo(words.tokens[i].folded, last)
                     and words.text[words.tokens[i].start:words.tokens[i].start + 1].isupper()]
        # before a title, the occurrence nearest to it (an earlier citation of the note may name the same person)
        for i in (reversed(spots) if avoid else spots):
            t = words.tokens[i]
            if i in taken or (avoid and avoid[0] <= t.start < avoid[1]):
                continue
            first = i - (len(family) - 1)
            if first < lo or any(words.tokens[first + k].folded != family[k] for k in range(len(family) - 1)):
                first = i  # "de Gaulle" written "Gaulle"
            start, end, given = _with_given(words, first, i, person, lo, hi, avoid)
            family_text = words.text[words.tokens[first].start:t.end]
            found.append((start, end, Name(family_text, given)))
            taken.add(i)
            break
    return tuple(sorted(found, key=lambda x: x[0]))


def _with_given(words: NoteWords, first: int, last: int, person: Name, lo: int, hi: int,
                avoid: tuple[int, int] | None) -> tuple[int, int, str]:
    """Extend a surname over the given names or initials written before it ("Jane Morrow", "J. Morrow") or
    after it ("Morrow, Jane", "Morel Claire"): only words that are this person's given names."""
    given = _words(person.given)
    if not given:
        return words.tokens[first].start, words.tokens[last].end, ""
    initials = {g[0] for g in given}

    def fits(i: int) -> bool:
        if i < lo or i >= hi:
            return False
        t = words.tokens[i]
        if avoid and avoid[0] <= t.start < avoid[1]:
            return False
        w = t.folded
        return w in given or (len(w) <= 2 and w[0] in initials and words.text[t.start:t.start + 1].isupper())

    before = first
    while before - 1 >= 0 and first - before < 4 and fits(before - 1):
        before -= 1
    after = last
    if before == first:
        while after + 1 < len(words.tokens) and after - last < 3 and fits(after + 1):
            after += 1
    if before == first:
        # initials that are not this person's ("M. Karabekir" for Kazım Karabekir) are kept, so that scoring sees
        # the conflict; a word that is no initial ("Similarly Beccari") is not a given name at all
        while before - 1 >= max(0, first - 3) and _initial(words, before - 1):
            before -= 1
    if before < first:
        return words.tokens[before].start, words.tokens[last].end, words.text[words.tokens[before].start:
                                                                                 words.tokens[first - 1].end]
    if after > last:
        return words.tokens[first].start, words.tokens[after].end, words.text[words.tokens[last + 1].start:
                                                                                words.tokens[after].end]
    return words.tokens[first].start, words.tokens[last].end, ""


_NOT_INITIALS = frozenset(L.NOT_INITIALS)  # "Cf. COTTON"


def _initial(words: NoteWords, i: int) -> bool:
    """An initial standing right before the next word ("M. Karabekir"; not "John C./Lauda")."""
    t = words.tokens[i]
    nxt = words.tokens[i + 1].start if i + 1 < len(words.tokens) else len(words.text)
    return len(t.folded) <= 2 and t.folded not in _NOT_INITIALS and words.text[t.start:t.start + 1].isupper() and \
        re.fullmatch(r"\.[ \t\u00a0]*", words.text[t.end:nxt]) is not None


def year_span(words: NoteWords, entry: Entry, lo: int, hi: int) -> tuple[int, int] | None:
    year = entry.year
    if year is None:
        return None
    # the year, or the year with the letter author-year styles add to tell an author's works of one year apart
    # ("Voß 2020b"); the span is the digits
    spellings = [str(year)] + [f"{year}{letter}" for letter in "abcdefgh"]
    found = [i for spelling in spellings for i in words.positions.get(spelling, ()) if lo <= i < hi]
    if not found:
        return None
    token = words.tokens[min(found)]
    return token.start, token.start + len(str(year))


def mentions(bib: Bibliography, words: NoteWords, weigh: Weigher, limit: int) -> list[Mention]:
    """Every candidate entry's title spans (each with the people and year written near it), and the
    candidates found by their people alone."""
    out = []
    n = len(words.tokens)
    for entry in candidates(bib, words, weigh, limit):
        if is_archival(entry):
            continue  # archive references are matched on their numbers (archival.py)
        spans: list[TitleSpan] = []
        for title in _entry_titles(entry):
            spans.extend(title_spans(words, title, weigh))
        spans = _best_per_place(spans)
        for span in spans:
            i = words.index_at(span.start)
            lo = max(0, i - W.names_before_title)
            people = people_spans(words, entry, lo, i, (span.start, span.end))
            year = year_span(words, entry, words.index_at(span.end), min(n, words.index_at(span.end) + 25))
            out.append(Mention(entry.key, span, people, year))
        if not spans:  # found by a surname (a misspelt one would not have named it): no typo search
            people = people_spans(words, entry, 0, n, typos=False)
            if people:
                out.append(_by_people(words, entry, people))
    return out


def _by_people(words: NoteWords, entry: Entry, people: tuple[tuple[int, int, Name], ...]) -> Mention:
    """An entry found by its people alone: its year right after them, or its container (and volume) there and
    the year right after that."""
    n = len(words.tokens)
    after = words.index_at(people[-1][1])
    container = container_span(words, entry, after, min(n, after + W.container_after_names))
    if container is not None and not _only_links(words.text[people[-1][1]:container[0]]):
        container = None  # words between the people and the journal: a title the bibliography has not
    volume = None
    if container is not None:
        after = words.index_at(container[1])
        volume = number_span(words, entry.get("volume"), after, min(n, after + 1))
        if volume is not None:
            after += 1
    return Mention(entry.key, None, people, year_span(words, entry, after, min(n, after + 3)), container, volume)


_IN_WORDS = frozenset(fold(w).strip(".:") for w in L.IN_WORDS)
_ET_AL = re.compile(et_al_pattern(), re.IGNORECASE)


def _only_links(text: str) -> bool:
    """Nothing but "et al." and "in" between a work's people and its journal ("Herrmann/Öfele u. a., Angew. Chem.")."""
    return all(fold(w) in _IN_WORDS for w in _TOKEN.findall(_ET_AL.sub(" ", text)))


def container_span(words: NoteWords, entry: Entry, lo: int, hi: int) -> tuple[int, int] | None:
    """Where the journal or book the entry appeared in is written, word for word, in words[lo:hi]."""
    for field in CONTAINER_FIELDS:
        cw = _words(entry.get(field) or "")
        if not cw:
            continue
        for i in words.positions.get(cw[0], ()):
            if lo <= i and i + len(cw) <= hi and all(words.tokens[i + k].folded == w for k, w in enumerate(cw)):
                return words.tokens[i].start, words.tokens[i + len(cw) - 1].end
    return None


def number_span(words: NoteWords, number: str | None, lo: int, hi: int) -> tuple[int, int] | None:
    if not number or not number.isdigit():
        return None
    for i in words.positions.get(number.lstrip("0") or "0", ()):
        if lo <= i < hi:
            return words.tokens[i].start, words.tokens[i].end
    return None


def _entry_titles(entry: Entry) -> list[str]:
    return [t for t in (entry.get("title"), entry.get("shorttitle")) if t]


def _best_per_place(spans: list[TitleSpan]) -> list[TitleSpan]:
    """A title and a short title found at the same place: keep the longer span."""
    kept: list[TitleSpan] = []
    for span in sorted(spans, key=lambda s: (-(s.end - s.start), s.start)):
        if not any(k.start < span.end and span.start < k.end for k in kept):
            kept.append(span)
    return sorted(kept, key=lambda s: s.start)
