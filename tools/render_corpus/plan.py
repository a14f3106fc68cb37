"""The citation sequence of one manuscript: which works each footnote cites, with which locators.

The plan only says what to cite. Whether a repeated citation comes out as a
full note, a short form, "Ibid.", "a.y." or "op. cit." is decided by the CSL
processor from the positions of the citations.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

PREFIXES = {
    "en": ["See", "See also", "Cf.", "On this point, see", "For a different view, see"],
    "tr": ["Bkz.", "Ayrıca bkz.", "Krş.", "Bu konuda bkz.", "Farklı bir görüş için bkz."],
    "de": ["Vgl.", "Siehe", "Vgl. dazu", "Siehe auch", "Anders"],
    "fr": ["Voir", "Voir aussi", "Cf.", "Sur ce point, voir", "Pour un point de vue différent, voir"],
}
SECOND_PREFIXES = {
    "en": ["see also", "and"], "tr": ["ayrıca", "ve"], "de": ["ferner", "sowie"], "fr": ["et", "voir aussi"],
}
SUFFIX_SENTENCES = {
    "en": ["The figures given there differ from those in the consular reports",
           "The author relies mainly on British sources",
           "This interpretation has not gone unchallenged"],
    "tr": ["Burada verilen rakamlar konsolosluk raporlarındakilerden farklıdır",
           "Yazar daha çok İngiliz kaynaklarına dayanmaktadır",
           "Bu yorum tartışmalıdır"],
    "de": ["Die dort genannten Zahlen weichen von den Konsulatsberichten ab",
           "Der Verfasser stützt sich vor allem auf britische Quellen",
           "Diese Deutung ist nicht unwidersprochen geblieben"],
    "fr": ["Les chiffres avancés diffèrent de ceux des rapports consulaires",
           "L'auteur s'appuie surtout sur des sources britanniques",
           "Cette interprétation a été contestée"],
}
COMMENT_NOTES = {
    "en": ["The spelling of place names follows contemporary British usage.",
           "All translations from Ottoman Turkish are my own unless otherwise stated."],
    "tr": ["Yer adlarının yazımında dönemin resmî kullanımı esas alınmıştır.",
           "Aksi belirtilmedikçe Osmanlıca belgelerden yapılan aktarmalar sadeleştirilmiştir."],
    "de": ["Die Schreibung der Ortsnamen folgt dem zeitgenössischen deutschen Gebrauch.",
           "Alle Übersetzungen aus dem Osmanischen stammen, soweit nicht anders angegeben, vom Verfasser."],
    "fr": ["L'orthographe des noms de lieux suit l'usage français de l'époque.",
           "Sauf mention contraire, les traductions de l'ottoman sont de l'auteur."],
}


@dataclass
class Cite:
    item: str  # pool id
    pages: list[tuple[int, int]]  # the locator asked for, as inclusive ranges
    prefix: str = ""
    suffix: str = ""  # a sentence of commentary after the citation

    def locator(self) -> str:
        return ", ".join(str(a) if a == b else f"{a}-{b}" for a, b in self.pages)

    def markdown(self) -> str:
        text = f"@{self.item}"
        if self.prefix:
            text = f"{self.prefix} {text}"
        if self.pages:
            text += f", {self.locator()}"
        if self.suffix:
            text += f". {self.suffix}"
        return text


@dataclass
class NotePlan:
    cites: list[Cite] = field(default_factory=list)
    comment: str = ""  # a note with no citation at all

    def markdown(self) -> str:
        if not self.cites:
            return f"^[{self.comment}]"
        return "[" + "; ".join(c.markdown() for c in self.cites) + "]"


def page_bounds(item: dict) -> tuple[int, int] | None:
    if item["type"] == "manuscript":
        return None
    if "page" in item:
        first, last = item["page"].split("-")
        return int(first), int(last)
    return 7, int(item["number-of-pages"]) - 5


def pick_pages(rng: random.Random, item: dict) -> list[tuple[int, int]]:
    bounds = page_bounds(item)
    if bounds is None:
        return []
    lo, hi = bounds
    roll = rng.random()
    if roll < 0.45:
        page = rng.randint(lo, hi)
        return [(page, page)]
    if roll < 0.72:
        start = rng.randint(lo, hi - 1)
        return [(start, min(hi, start + rng.randint(1, 4)))]
    if roll < 0.84 or "page" in item:  # articles and chapters always get a pinpoint
        first = rng.randint(lo, hi - 3)
        second = rng.randint(first + 2, min(hi, first + 9))
        return [(first, first), (second, second)]
    return []


class Planner:
    """Builds a seeded citation sequence that exercises full, short and ibid positions."""

    def __init__(self, rng: random.Random, pool: dict[str, dict], cited: list[str], lang: str,
                 n_notes: int):
        self.rng, self.pool, self.lang = rng, pool, lang
        self.pending = list(cited)  # works not cited yet, in the order they will appear
        self.n_notes = n_notes
        self.notes: list[NotePlan] = []
        self.introduced: list[str] = []
        self.comments = list(COMMENT_NOTES[lang])
        rng.shuffle(self.comments)

    def cite(self, item_id: str, first_in_note: bool) -> Cite:
        rng = self.rng
        cite = Cite(item_id, pick_pages(rng, self.pool[item_id]))
        if first_in_note and rng.random() < 0.22:
            cite.prefix = rng.choice(PREFIXES[self.lang])
        elif not first_in_note and rng.random() < 0.35:
            cite.prefix = rng.choice(SECOND_PREFIXES[self.lang])
        return cite

    def take_new(self) -> str:
        item_id = self.pending.pop(0)
        self.introduced.append(item_id)
        return item_id

    def take_old(self, exclude: set[str]) -> str | None:
        choices = [i for i in self.introduced if i not in exclude]
        return self.rng.choice(choices) if choices else None

    def next_note(self) -> NotePlan:
        rng = self.rng
        prev = self.notes[-1] if self.notes else None
        remaining = max(1, self.n_notes - len(self.notes))
        roll = rng.random()

        # once or twice, a note with no citation at all
        if prev and prev.cites and len(self.notes) > 3 and self.comments and rng.random() < 0.05:
            return NotePlan(comment=self.comments.pop())

        # the same work as the previous note: ibid / a.y. / Ebd. territory
        if prev and len(prev.cites) == 1 and roll < 0.24 and len(self.pending) < remaining * 1.3:
            last = prev.cites[0]
            if rng.random() < 0.45:
                again = Cite(last.item, list(last.pages))  # same locator: bare Ibid. where used
            else:
                again = Cite(last.item, pick_pages(rng, self.pool[last.item]))
            return NotePlan([again])

        # one to three works; each slot is a new work or one cited before, paced so that
        # every work has been cited by about the last tenth of the notes
        count = rng.choices([1, 2, 3], [55, 33, 12])[0]
        # the sole work of the previous note may not open this note (that is the ibid case above)
        used = {prev.cites[0].item} if prev and len(prev.cites) == 1 else set()
        note = NotePlan()
        for slot in range(count):
            p_new = min(1.0, len(self.pending) / max(1.0, remaining * 1.45 * 0.85))
            item_id = None
            if not (self.pending and rng.random() < p_new):
                item_id = self.take_old(used)
            if item_id is None and self.pending:
                item_id = self.take_new()
            if item_id is None:
                break
            used.add(item_id)
            note.cites.append(self.cite(item_id, slot == 0))
        if not note.cites:  # nothing left to cite that may stand here
            note.cites.append(self.cite(self.take_old(set()), True))

        # now and then a sentence of commentary after the (last) citation
        if rng.random() < 0.14:
            note.cites[-1].suffix = rng.choice(SUFFIX_SENTENCES[self.lang])
        return note

    def build(self) -> list[NotePlan]:
        while len(self.notes) < self.n_notes or self.pending:
            self.notes.append(self.next_note())
        return self.notes


def repeats(notes: list[NotePlan]) -> tuple[int, int]:
    """How many notes repeat the previous note's sole work: (same locator, other locator)."""
    same = other = 0
    for prev, note in zip(notes, notes[1:]):
        if len(prev.cites) == 1 and len(note.cites) == 1 and prev.cites[0].item == note.cites[0].item:
            if prev.cites[0].pages == note.cites[0].pages:
                same += 1
            else:
                other += 1
    return same, other


def build_plan(rng: random.Random, pool: dict[str, dict], cited: list[str], lang: str,
               n_notes: int) -> list[NotePlan]:
    """A plan with at least two same-locator and two new-locator repeats (tries again until so)."""
    while True:
        notes = Planner(rng, pool, cited, lang, n_notes).build()
        same, other = repeats(notes)
        if same >= 2 and other >= 2:
            return notes
