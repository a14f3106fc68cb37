"""What each footnote of a case cites, and which words the writer adds around the citations.

A note holds citations and the writer's text: a signal phrase before a citation, a
sentence of commentary before the first or after the last one, or no citation at
all. Most citations are rendered by the CSL processor, which decides from their
positions whether a work comes out in full, short, or as "Ibid."/"Ebd."/"a.y.".
Some later citations of a work are written by hand in author–year form
("Vgl. Nietzel 2009, S. 565"), as German and social-science writers do; a work is
always cited first by the processor, so a hand-made form never comes before the
work's first citation.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field

import phrases
import pools


@dataclass
class Cite:
    key: str
    pages: list[tuple[int, int]]  # the locator, as inclusive ranges; [] for none
    prefix: str = ""  # writer text before the citation (signal phrase, maybe a sentence before it)
    suffix: str = ""  # writer text after it (". A sentence of commentary")
    handmade: str = ""  # set for an author-year citation the writer types: its text
    join: str = ""  # for a hand-made citation after a rendered one: the words between them

    def locator(self) -> str:
        return ", ".join(str(a) if a == b else f"{a}-{b}" for a, b in self.pages)


@dataclass
class Note:
    cites: list[Cite] = field(default_factory=list)
    comment: str = ""  # the whole text of a note without citations
    opener: str = ""  # for a note of hand-made citations only: the words before the first

    @property
    def rendered(self) -> list[Cite]:
        return [c for c in self.cites if not c.handmade]

    @property
    def handmade_only(self) -> bool:
        return bool(self.cites) and all(c.handmade for c in self.cites)

    @property
    def mixed(self) -> bool:
        return bool(self.rendered) and len(self.rendered) < len(self.cites)


def pick_pages(rng: random.Random, work: pools.Work) -> list[tuple[int, int]]:
    """A page, a range, two pages, or none (books only); articles and chapters always get a pinpoint."""
    if work.csl.get("type") == "manuscript":
        return []
    bounds = pools.page_bounds(work)
    pinpoint = bounds is not None
    if bounds is None and work.csl.get("page"):
        return []  # pages "c3--c3", "e1234", "i--xii": no writer cites "p. 143" of a cover
    if bounds is None:
        total = pools.book_pages(work) or random.Random(work.key).randint(150, 520)
        bounds = (min(7, total), max(min(7, total), total - 5))
    lo, hi = bounds
    roll = rng.random()
    if hi - lo < 3:
        page = rng.randint(lo, hi)
        return [(page, page)]
    if roll < 0.45:
        page = rng.randint(lo, hi)
        return [(page, page)]
    if roll < 0.72:
        start = rng.randint(lo, hi - 1)
        return [(start, min(hi, start + rng.randint(1, 4)))]
    if roll < 0.86 or pinpoint:
        first = rng.randint(lo, hi - 3)
        second = rng.randint(first + 2, min(hi, first + 9))
        return [(first, first), (second, second)]
    return []


ANONYMOUS = {"anonymous", "anon", "anon.", "anonym", "n. n.", "nn"}


def authoryear_keys(works: dict[str, pools.Work], keys: list[str]) -> set[str]:
    """Works a writer can cite as "Surname Year" without ambiguity in this bibliography (and would:
    not "Anonymous 1992")."""
    def sign(work: pools.Work) -> tuple[str, int | None]:
        return pools.fold(phrases.surname(work.names[0])) if work.names else "", work.year

    counts: dict[tuple, int] = {}
    for key in keys:
        counts[sign(works[key])] = counts.get(sign(works[key]), 0) + 1
    def personal(work: pools.Work) -> bool:
        first = work.names[0]
        return "literal" not in first and pools.fold(first.get("family", "")) not in ANONYMOUS

    return {k for k in keys if works[k].names and works[k].year and counts[sign(works[k])] == 1
            and personal(works[k]) and phrases.authoryear_names(works[k].csl, "en", random.Random(0))}


class Planner:
    def __init__(self, rng: random.Random, works: dict[str, pools.Work], cited: list[str], lang: str,
                 n_notes: int, authoryear_rate: float, authoryear_ok: set[str]):
        self.rng, self.works, self.lang = rng, works, lang
        self.pending = list(cited)
        self.n_notes = n_notes
        self.rate = authoryear_rate
        self.ay_ok = authoryear_ok
        self.notes: list[Note] = []
        self.introduced: list[str] = []
        self.comments = list(phrases.COMMENT_NOTES[lang])
        rng.shuffle(self.comments)

    # ------------------------------------------------------------------ citations
    def handmade(self, key: str, pages: list[tuple[int, int]]) -> str:
        work = self.works[key]
        text = phrases.authoryear(work.csl, work.year, pages, self.lang, self.rng)
        assert text is not None
        return text

    def cite(self, key: str, slot: int, by_hand: bool) -> Cite:
        rng = self.rng
        cite = Cite(key, pick_pages(rng, self.works[key]))
        if by_hand:
            cite.handmade = self.handmade(key, cite.pages)
            if slot:
                cite.join = rng.choice(phrases.AUTHORYEAR_JOINS[self.lang])
            return cite
        if slot == 0:
            signal = rng.choice(phrases.FIRST_SIGNALS[self.lang]) if rng.random() < 0.3 else ""
            lead = rng.choice(phrases.LEADS[self.lang]) if rng.random() < 0.1 else ""
            cite.prefix = " ".join(p for p in (lead, signal) if p)
        elif rng.random() < 0.4:
            cite.prefix = rng.choice(phrases.LATER_SIGNALS[self.lang])
        return cite

    def by_hand(self, key: str) -> bool:
        return key in self.introduced and key in self.ay_ok and self.rng.random() < self.rate

    # ------------------------------------------------------------------ notes
    def take_new(self) -> str:
        key = self.pending.pop(0)
        self.introduced.append(key)
        return key

    def take_old(self, exclude: set[str]) -> str | None:
        choices = [k for k in self.introduced if k not in exclude]
        return self.rng.choice(choices) if choices else None

    def next_note(self) -> Note:
        rng = self.rng
        prev = self.notes[-1] if self.notes else None
        remaining = max(1, self.n_notes - len(self.notes))

        if prev and prev.cites and len(self.notes) > 3 and self.comments and rng.random() < 0.04:
            return Note(comment=self.comments.pop())

        # the previous note's only work again: ibid / Ebd. / a.y. territory
        if prev and len(prev.cites) == 1 and rng.random() < 0.22 and len(self.pending) < remaining * 1.3:
            last = prev.cites[0]
            pages = list(last.pages) if rng.random() < 0.45 else pick_pages(rng, self.works[last.key])
            if self.by_hand(last.key):
                note = Note([Cite(last.key, pages, handmade=self.handmade(last.key, pages))])
                note.opener = rng.choice(phrases.AUTHORYEAR_OPENERS[self.lang])
                return note
            return Note([Cite(last.key, pages)])

        count = rng.choices([1, 2, 3], [55, 33, 12])[0]
        # the sole work the processor saw in the previous note may not open this one: "Ibid."
        # would then follow a note that (to the reader) cites several works
        used = {c.key for c in prev.cites} if prev and (len(prev.cites) == 1 or prev.mixed) else set()
        note = Note()
        for slot in range(count):
            p_new = min(1.0, len(self.pending) / max(1.0, remaining * 1.45 * 0.85))
            key, is_new = None, False
            if not (self.pending and rng.random() < p_new):
                key = self.take_old(used if slot == 0 else used | {c.key for c in note.cites})
            if key is None and self.pending:
                key, is_new = self.pending[0], True
            if key is None:
                break
            hand = not is_new and self.by_hand(key)
            if slot and note.cites[0].handmade and not hand:
                break  # a note that opens with a hand-made citation has only hand-made ones
            if is_new:
                self.take_new()
            note.cites.append(self.cite(key, slot, hand))
        if not note.cites:
            key = self.take_old(used) or self.take_old(set())
            note.cites.append(self.cite(key, 0, False))
        if note.handmade_only:
            note.opener = rng.choice(phrases.AUTHORYEAR_OPENERS[self.lang])
        elif rng.random() < 0.14:
            note.cites[-1].suffix = ". " + rng.choice(phrases.TAILS[self.lang]).rstrip(".")
        return note

    def build(self) -> list[Note]:
        while len(self.notes) < self.n_notes or self.pending:
            self.notes.append(self.next_note())
        return self.notes


def repeats(notes: list[Note]) -> tuple[int, int]:
    same = other = 0
    for prev, note in zip(notes, notes[1:]):
        if len(prev.cites) == 1 and len(note.cites) == 1 and prev.cites[0].key == note.cites[0].key:
            if prev.cites[0].pages == note.cites[0].pages:
                same += 1
            else:
                other += 1
    return same, other


def build_plan(rng: random.Random, works: dict[str, pools.Work], cited: list[str], lang: str, n_notes: int,
               authoryear_rate: float, authoryear_ok: set[str]) -> list[Note]:
    """A plan with at least two same-locator and two new-locator repeats (tries again until so)."""
    for _ in range(200):
        notes = Planner(rng, works, cited, lang, n_notes, authoryear_rate, authoryear_ok).build()
        same, other = repeats(notes)
        if same >= 2 and other >= 2:
            return notes
    raise RuntimeError("no plan with enough repeats")


def handmade_text(note: Note) -> str:
    """The whole text of a note of hand-made citations: "Vgl. Nietzel 2009, S. 565; Aydın 2011."."""
    text = note.opener + note.cites[0].handmade
    for cite in note.cites[1:]:
        text += (cite.join or "; ") + cite.handmade
    return text if re.search(r"[.!?]$", text) else text + "."
