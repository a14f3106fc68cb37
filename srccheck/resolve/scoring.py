"""How well a citation's fields match an entry: title similarity, author similarity, the combined score."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from rapidfuzz import fuzz

from ..bibliography import CONTAINER_FIELDS, entry_titles
from ..model import Citation, Entry, Name
from ..normalize import fold
from ..numerals import same_number
from .weights import WEIGHTS as W

_TITLE_DATES = re.compile(r"\s*\((?:\d{3,4}\s*[-–/]\s*\d{2,4}|\d{4})\)\s*")


def strip_title_dates(text: str) -> str:
    """Bracketed years ("(1920-1953)") come and go between notes; they are not the title."""
    return _TITLE_DATES.sub(" ", text) if "(" in text else text


# The scoring below runs for every candidate of every distinct citation, so the folded forms of
# titles and names are worked out once per string or name, not once per comparison.
@lru_cache(maxsize=1 << 14)
def folded_title(text: str | None) -> str:
    return fold(strip_title_dates(text)) if text else ""


@lru_cache(maxsize=1 << 14)
def _word_set(folded: str) -> frozenset[str]:
    return frozenset(folded.split())


def title_similarity(cited: str, entry_title: str) -> float:
    a, b = folded_title(cited), folded_title(entry_title)
    if not a or not b:
        return 0.0
    if a == b:
        return 100.0
    full = fuzz.ratio(a, b)
    shorter, longer = (a, b) if len(a) <= len(b) else (b, a)
    # a short title is usually the head of the full one ("Russian Azerbaijan 1905-1920")
    head = fuzz.ratio(shorter, longer[: len(shorter)])
    best = max(full, head)
    if best >= W.whole_title_enough:
        return float(best)  # neither the partial nor the word coverage can beat it
    partial = fuzz.partial_ratio(shorter, longer) if len(shorter) >= W.partial_min_length else 0.0
    short_words = _word_set(shorter)
    common = len(_word_set(a) & _word_set(b))
    coverage = 100.0 * common / max(1, len(short_words))
    best = max(best, partial * W.partial_factor, coverage * W.coverage_factor if " " in shorter else 0.0)
    if max(map(len, a.split()), default=0) >= W.glued_word:
        best = max(best, _without_spaces(a, b))
    return float(best)


def _without_spaces(cited: str, title: str) -> float:
    """The title similarity of a cited title whose spaces an extractor dropped: both compared without spaces,
    as a whole, as the head of the entry's title, or as the best-aligned part of the longer one."""
    a, b = cited.replace(" ", ""), title.replace(" ", "")
    shorter, longer = (a, b) if len(a) <= len(b) else (b, a)
    partial = fuzz.partial_ratio(shorter, longer) * W.partial_factor if len(shorter) >= W.partial_min_length else 0.0
    return float(max(fuzz.ratio(a, b), fuzz.ratio(shorter, longer[: len(shorter)]), partial))


def _initials_agree(a: str, b: str) -> bool:
    """Whether initials a (cited) fit initials b (the entry's)."""
    if not a or not b:
        return True
    return a[0] == b[0] or a[0] in b


@dataclass(frozen=True)
class EntryForm:
    """What scoring reads of an entry, folded once: a run scores the same entries for citation after citation."""

    titles: tuple[str, ...]
    booktitle: str | None
    containers: tuple[str, ...]  # the journal (full and short names) or book it appeared in
    people: tuple[tuple[str, str], ...]  # (folded surname, initials) of the authors and editors
    anonymous_hay: str  # no people: folded title, organization and institution, where the "author" may be
    year: int | None
    volume: str | None

    @classmethod
    def of(cls, entry: Entry) -> EntryForm:
        # who wrote it: its authors; its editors only when it has none (a chapter's editors edited the book)
        people = tuple((fold(p.family), p.initials()) for p in (entry.authors or entry.editors))
        hay = "" if people else fold(" ".join(filter(None, [entry.title, entry.get("organization"),
                                                            entry.get("institution")])))
        containers = tuple(filter(None, (entry.get(f) for f in CONTAINER_FIELDS)))
        return cls(tuple(entry_titles(entry)), entry.get("booktitle"), containers, people, hay, entry.year,
                   entry.get("volume"))


def spells_surnames(cited: tuple[Name, ...], entry: Entry) -> bool:
    """Whether every cited surname is one of the entry's people's as the entry spells it: what tells "Ellmann" from
    "Ellmanna", "Селиков" from "Меликов", when both are within the fuzzy bound."""
    own = {fold(p.family) for p in entry.people}
    return bool(cited) and all(fold(n.family) in own for n in cited)


def author_similarity(cited: tuple[Name, ...], entry: Entry) -> float | None:
    """100 when every cited surname matches an author or editor (and initials agree)."""
    return author_match(cited, EntryForm.of(entry))[0]


def author_match(cited: tuple[Name, ...], entry: EntryForm) -> tuple[float | None, bool]:
    """(author_similarity, initials conflict) in one pass over the entry's people. A conflict: a cited surname
    matches an author whose given names begin otherwise."""
    if not cited:
        return None, False
    if not entry.people:
        # institutional or anonymous works: the "author" may be in the title or publisher
        hay = entry.anonymous_hay
        hits = sum(1 for n in cited if fold(n.family) and fold(n.family) in hay)
        return (W.anonymous_author if hits else 0.0), False
    total = 0.0
    conflict = False
    for name in cited:
        fam, initials = fold(name.family), name.initials()
        best = 0.0
        same_surname = agreeing = False
        for pf, p_initials in entry.people:
            agree = _initials_agree(initials, p_initials)
            if fam == pf:
                same_surname = True
                agreeing = agreeing or agree
            score = 100.0 if fam == pf or (fam and fam in pf.split()) else fuzz.ratio(fam, pf)
            if score >= W.close_surname and not agree:
                score -= W.initials_penalty
            best = max(best, score)
        conflict = conflict or (same_surname and not agreeing)
        total += best
    return total / len(cited), conflict


def score_entry(citation: Citation, entry: Entry, form: EntryForm | None = None) -> float:
    """How well a citation matches an entry, 0-100. form: the entry's EntryForm, when the caller keeps them."""
    form = form or EntryForm.of(entry)
    score = _score_entry(citation, form)
    if citation.authors and not citation.title and not citation.container:
        # the "author" slot may be the title of an edited or anonymous work ("Mütareke Dönemi Araştırmaları, ed. …")
        as_title = " ".join(f"{n.given} {n.family}".strip() for n in citation.authors)
        score = max(score, _score_entry(replace(citation, authors=(), title=as_title), form))
    return score


def _score_entry(citation: Citation, entry: EntryForm) -> float:
    titles = entry.titles
    cited_title = citation.title or citation.container
    title = 0.0
    if cited_title and titles:
        title = max(title_similarity(cited_title, t) for t in titles)
        if citation.container and entry.booktitle:
            title = max(title, title_similarity(citation.container, entry.booktitle) - W.container_penalty)
        elif citation.container and not citation.title and entry.containers:
            # no title cited, only where it appeared ("Meyer, DTK 27 (2015), 10"): the journal stands for it
            title = max(title, max(title_similarity(citation.container, c) for c in entry.containers)
                        - W.container_penalty)
    author, conflict = author_match(citation.authors, entry)
    if conflict:
        return min(W.initials_conflict_cap, author or 0.0)  # "M. Karabekir" is not Kazım Karabekir, whatever the title
    if author is not None and cited_title:
        score = W.author_share * author + W.title_share * title
        if title < W.weak_title:
            score = min(score, title)  # the right author is not enough: another of their works
    elif cited_title:
        score = W.single_field * title
    elif author is not None:
        score = W.single_field * author
    else:
        return 0.0
    year = entry.year
    if citation.years and year:
        score += W.year_bonus if year in citation.years else -W.year_penalty
    if citation.volume and entry.volume:
        # two volumes of one work share author and title: the volume decides
        score += W.volume_bonus if same_number(citation.volume, entry.volume) else -W.volume_penalty
    return min(score, 100.0)
