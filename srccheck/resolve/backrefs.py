"""Citations that refer back: "ibid." and its kin, "Surname, op. cit.", "idem", "(n 3)".

They are resolved from the history of the citations resolved so far (History), never by
matching text against the bibliography alone; when the history cannot decide, the
resolution says so and lists the candidates rather than guessing.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, replace
from typing import Callable

from ..bibliography import Bibliography
from ..grammar import languages as L
from ..model import Citation, Name, Resolution
from ..numerals import same_number
from .candidates import Candidates
from .scoring import author_similarity, score_entry, spells_surnames, title_similarity
from .weights import WEIGHTS as W


@dataclass
class Seen:
    citation: Citation
    resolution: Resolution


class History:
    """The citations resolved so far, in order, and the works they cite."""

    def __init__(self) -> None:
        self.seen: list[Seen] = []
        self.cited_keys: dict[str, None] = {}  # an ordered set of the works cited so far
        self._times: dict[str, int] = {}  # how often each work was cited
        self._cited_digest = 0  # the set of works cited so far, as the XOR of their keys' digests

    def add(self, citation: Citation, resolution: Resolution) -> None:
        self.seen.append(Seen(citation, resolution))
        key = resolution.key
        if key:
            self.cited_keys.setdefault(key, None)
            self._times[key] = self._times.get(key, 0) + 1
            if self._times[key] == 1:
                self._cited_digest ^= _key_digest(key)

    def state(self) -> tuple[int, tuple[str | None, ...]]:
        """What resolving the next note may read of the history: the works cited so far (as a set: "op. cit."
        looks among them) and the keys of the last note with citations, in order ("ibid.", ties). Two runs in the
        same state resolve the same note alike (resolve/memo.py keeps notes by it)."""
        last: list[str | None] = []
        note = None
        for seen in reversed(self.seen):
            if note is not None and seen.citation.note != note:
                break
            note = seen.citation.note
            last.append(seen.resolution.key)
        return self._cited_digest, tuple(reversed(last))

    def previous_keys(self, c: Citation) -> tuple[list[str | None], int | None]:
        """Keys of the citation just before: in the same note, else all of the previous note's (searched from
        the end, so a book of thousands of notes stays linear)."""
        keys: list[str | None] = []
        last_note = None
        for seen in reversed(self.seen):
            note = seen.citation.note
            if note == c.note and last_note is None:
                return [seen.resolution.key], c.note
            if note > c.note:
                continue
            if last_note is None:
                last_note = note
            elif note != last_note:
                break
            keys.append(seen.resolution.key)
        return list(dict.fromkeys(reversed(keys))), last_note

    def just_before(self, c: Citation, keys: list[str]) -> str | None:
        """The one of these works the previous citation cites: consecutive notes repeat a work (Chicago 17
        writes "Author, page" where other styles write "Ibid.")."""
        previous, _ = self.previous_keys(c)
        found = [k for k in previous if k in keys]
        return found[0] if len(found) == 1 else None


def _key_digest(key: str) -> int:
    """A digest of a key that is the same in every run (Python's own hash of a string is not)."""
    return int.from_bytes(hashlib.blake2b(key.encode("utf-8", "surrogatepass"), digest_size=8).digest(), "big")


Fuzzy = Callable[[Citation], Resolution]


def ibid(c: Citation, history: History) -> Resolution:
    keys, note = history.previous_keys(c)
    if not keys:
        return Resolution(None, 0.0, f"“{c.marker}” with no earlier citation to refer to")
    if len(keys) > 1:
        known = tuple(k for k in keys if k)
        if keys[-1] is None:
            return Resolution(None, 0.0, f"“{c.marker}” follows note {note}, which cites several works", known)
        # "ibidem": where the citation just before it is, i.e. the note's last work, as biblatex's ibid tracker
        # prints it; still worth naming (Chicago 14.34), so the alternatives go with it (ambiguous-short-citation)
        return Resolution(keys[-1], W.repeat, f"“{c.marker}” follows note {note}, which cites several works: read as "
                          "the last of them", known)
    if keys[0] is None:
        return Resolution(None, 0.0, f"“{c.marker}” refers to note {note}, whose citation is unresolved",
                          cascade=True)
    return Resolution(keys[0], W.repeat, f"“{c.marker}”: same work as note {note}")


def cross_reference(c: Citation, history: History, bib: Bibliography, fuzzy: Fuzzy,
                    targets: list[int] | None = None) -> Resolution:
    """targets: the running numbers of the notes the number written may mean, nearest first (several when the
    numbering restarts per chapter); the nearest one citing a work the citation's authors or title fit wins."""
    order = {n: rank for rank, n in enumerate(targets or [c.xref_note])}
    cited = sorted((s for s in history.seen if s.citation.note in order and s.resolution.key),
                   key=lambda s: order[s.citation.note])
    keys = list(dict.fromkeys(s.resolution.key for s in cited))
    # several notes it may mean: a work must fit the citation's authors and title to be the one meant
    several = len(order) > 1
    if c.authors and (len(keys) > 1 or several):
        fit = [k for k in keys if (author_similarity(c.authors, bib.entries[k]) or 0) >= W.xref_author]
        # "Селиков и др., см. сн. 2": Селиков's work, not Меликов's, which is a letter away
        exact = [k for k in fit if spells_surnames(c.authors, bib.entries[k])]
        fit = exact if len(exact) == 1 else fit
        keys = fit if fit or several else keys
    # with its authors fitting one work only, that is the one: what follows them may be more co-authors
    # ("Goossens, Mittelbach et Samarin, cf. note 5"), not a title
    if (len(keys) > 1 or (several and not c.authors)) and (c.title or c.authors):
        # "Batum’daki … raporu (Anm. 13)": the title names which of the note's works
        fit = [k for k in keys if score_entry(c, bib.entries[k]) >= W.accept]
        keys = fit if fit or several else keys
    if len(keys) > 1 and several:
        nearest = min(order[s.citation.note] for s in cited if s.resolution.key in keys)
        keys = [k for k in keys if any(s.resolution.key == k and order[s.citation.note] == nearest for s in cited)]
    if len(keys) == 1:
        return Resolution(keys[0], W.repeat, f"cross-reference to note {c.xref_note}")
    if not keys:
        fallback = fuzzy(c)
        if fallback.key:
            return fallback
        return Resolution(None, 0.0, f"note {c.xref_note} cites no work this can refer to")
    return Resolution(None, 0.0, f"note {c.xref_note} cites several works", tuple(k for k in keys if k))


def _author_keys(bib: Bibliography, authors: tuple[Name, ...], keys: list[str]) -> list[str]:
    """Works by these authors; an edited volume counts for its editors, a chapter not for the book's."""
    found = []
    for k in keys:
        entry = bib.entries[k]
        own = replace(entry, editors=()) if entry.authors else entry
        if (author_similarity(authors, own) or 0) >= W.same_author:
            found.append(k)
    return found


def earlier(c: Citation, history: History, bib: Bibliography, candidates: Candidates) -> Resolution:
    """"Surname, a.g.e." / "op. cit.": the author's work cited before."""
    cited = list(history.cited_keys)
    mine = _author_keys(bib, c.authors, cited)
    label = " ".join(n.family for n in c.authors) or "the author"
    previous, note = history.previous_keys(c)
    if len(previous) == 1 and previous[0] in mine:
        return Resolution(previous[0], W.earlier_by_author,
                          f"“{c.marker}”: {label}'s work cited just before, in note {note}")
    if len(mine) == 1:
        return Resolution(mine[0], W.earlier_by_author, f"“{c.marker}”: the only work by {label} cited before")
    if len(mine) > 1 and c.volume:
        same_volume = [k for k in mine if same_number(c.volume, bib.entries[k].get("volume") or "")]
        if len(same_volume) == 1:
            return Resolution(same_volume[0], W.earlier_by_author,
                              f"“{c.marker}”: {label}'s volume {c.volume} cited before")
    if len(mine) > 1:
        return Resolution(None, 0.0, f"“{c.marker}”: {label} has {len(mine)} works cited before", tuple(mine))
    if not mine and c.authors:
        # "Mütareke Dönemi Araştırmaları, dz. cyt.": the slot before the marker may be a title
        as_title = " ".join(f"{n.given} {n.family}".strip() for n in c.authors)
        titled = [k for k in cited if title_similarity(as_title, bib.entries[k].title) >= W.titled_earlier_min]
        if len(titled) == 1:
            return Resolution(titled[0], W.earlier_by_title, f"“{c.marker}”: the work titled so, cited before")
    in_bib = _author_keys(bib, c.authors, list(candidates.by_author(c.authors)))
    if len(in_bib) == 1:
        return Resolution(in_bib[0], W.only_work_in_bib, f"“{c.marker}”: the only work by {label} in the bibliography")
    if len(in_bib) > 1:
        return Resolution(None, 0.0, f"“{c.marker}”: {label} has {len(in_bib)} works in the bibliography and none "
                                     "cited before", tuple(in_bib))
    return Resolution(None, 0.0, f"no work by {label} in the bibliography")


def same_author(c: Citation, history: History, bib: Bibliography, fuzzy: Fuzzy) -> Resolution:
    if not history.seen or not history.seen[-1].resolution.key:
        return fuzzy(c)
    previous = bib.entries[history.seen[-1].resolution.key]  # type: ignore[index]
    authors = previous.authors or previous.editors
    if not c.title:
        return Resolution(previous.key, W.same_author_marker, f"“{c.marker}”: same author as the previous citation")
    return fuzzy(replace(c, authors=authors))


_CONJUNCTIONS = re.compile(r"\s*(?:,|" + "|".join(rf"\b{re.escape(w)}\b" if w.isalpha() else re.escape(w)
                                                  for w in L.AND) + r")\s*")


def surname_list(text: str | None) -> tuple[Name, ...]:
    """"Köhler, Weiß" / "Köhler ve Weiß" as surnames: each one or two capitalised words, no digits."""
    if not text or re.search(r"\d", text):
        return ()
    names = [part for part in _CONJUNCTIONS.split(text) if part]
    if not names or len(names) > 4:
        return ()
    for name in names:
        words = name.split()
        if not 1 <= len(words) <= 2 or not all(w[:1].isupper() for w in words):
            return ()
    return tuple(Name(name) for name in names)
