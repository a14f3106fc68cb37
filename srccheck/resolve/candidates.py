"""Which entries a citation is scored against: looked up in the bibliography's index, never all of it.

A Candidates object lives for one run and keeps what it has looked up: the entries of a
surname the bibliography lacks (a typo, looked up once among the surnames) and the set of
entries holding each title word.
"""

from __future__ import annotations

import heapq
import math
from operator import itemgetter
from functools import lru_cache

from rapidfuzz import fuzz, process

from ..bibliography import Bibliography, entry_titles, title_words
from ..model import Citation, Entry, Name
from ..normalize import fold
from .weights import WEIGHTS as W


@lru_cache(maxsize=1 << 16)
def _entry_words(titles: tuple[str, ...]) -> frozenset[str]:
    return frozenset(title_words(list(titles)))


class Candidates:
    def __init__(self, bib: Bibliography) -> None:
        self.bib = bib
        self.total = max(1, len(bib.entries))
        self._close: dict[str, list[Entry]] = {}  # folded surname the bib lacks -> entries of surnames close to it
        self._keys: dict[str, frozenset[str]] = {}  # title word -> keys of the entries holding it
        self._entry_words: dict[str, frozenset[str]] = {}  # key -> the entry's title words
        self._buckets: dict[tuple[str, str, int], list[str]] | None = None  # surnames by first/last letters, length

    def by_author(self, authors: tuple[Name, ...]) -> dict[str, Entry]:
        """Entries of these surnames; a surname the bibliography lacks is looked up among its surnames (a typo)."""
        found: dict[str, Entry] = {}
        for name in authors:
            fam = fold(name.family)
            if not fam:
                continue
            hits = self.bib.by_family.get(fam)
            if not hits:
                hits = self._close.get(fam)
                if hits is None:
                    hits = self._close[fam] = self._close_surnames(fam)
            for entry in hits:
                found[entry.key] = entry
        return found

    def _close_surnames(self, fam: str) -> list[Entry]:
        """Surnames this close to a surname the bib lacks: compared only with those of about its length that
        begin or end as it does (a typo keeps most of a name; a 20,000-entry bib has some 15,000 surnames)."""
        if self._buckets is None:
            self._buckets = {}
            for family in self.bib.families:
                self._buckets.setdefault(("<", family[:1], len(family)), []).append(family)
                self._buckets.setdefault((">", family[-2:], len(family)), []).append(family)
        pool: dict[str, None] = {}
        for size in range(len(fam) - 2, len(fam) + 3):
            for bucket in (("<", fam[:1], size), (">", fam[-2:], size)):
                pool.update(dict.fromkeys(self._buckets.get(bucket, ())))
        if not pool:
            return []
        close = process.extract(fam, list(pool), scorer=fuzz.ratio, score_cutoff=W.close_surname, limit=5)
        return [e for match, _, _ in close for e in self.bib.by_family[match]]

    def by_title(self, c: Citation) -> dict[str, Entry]:
        """The entries sharing most of the cited title's words, rare words counting more (at most
        W.title_candidates).

        The entries are gathered from the rarest words' lists until W.title_lookups entries have been seen, and
        then every cited word, the common ones too, counts for them by a set intersection: a title's common
        words ("history", "tarih") would each walk thousands of entries of a large bibliography."""
        words = title_words([t for t in (c.title, c.container) if t])
        if not words and c.authors:
            # the "author" slot may really be a title ("Nutuk, s. 12")
            words = title_words([" ".join(n.given + " " + n.family for n in c.authors)])
        index = self.bib.by_title_word
        ranked = sorted((len(index.get(w, ())), w) for w in words)
        ranked = [(df, w) for df, w in ranked if df]
        if not ranked:
            return {}
        # the entries holding every cited word (a set intersection, however common the words), and those
        # holding the rarest ones (a misspelt or missing word)
        found: set[str] = set(frozenset.intersection(*(self._holding(w) for _, w in ranked)))
        visited = 0
        for df, word in ranked:
            if visited and visited + df > W.title_lookups:
                break
            found |= self._holding(word)
            visited += df
        score = dict.fromkeys(found, 0.0)
        for df, word in ranked:
            weight = 1.0 + math.log(1 + self.total / df)
            for key in found & self._holding(word):
                score[key] += weight
        # the best by shared words, and only those sharing at least half as much as the best: an entry sharing a
        # word or two of a long title cannot reach an accepted score
        # (ties go to the smaller key: the set the scores came from has no order that holds from run to run; the
        # cut is found among the bare scores, which compare fast, and only what reaches it is sorted)
        if len(score) > W.title_candidates:
            cut = heapq.nlargest(W.title_candidates, score.values())[-1]
            score = {k: v for k, v in score.items() if v >= cut}
        top = sorted(sorted(score.items()), key=itemgetter(1), reverse=True)[:W.title_candidates]  # (sorts are stable)
        floor = top[0][1] * W.title_share_of_best
        return {k: self.bib.entries[k] for k, v in top if v >= floor}  # (top is in order already)

    def sharing_title_words(self, c: Citation, entries: dict[str, Entry]) -> dict[str, Entry]:
        """Those of entries that share a word with the cited title or container."""
        words = title_words([t for t in (c.title, c.container) if t])
        return {k: e for k, e in entries.items() if not words.isdisjoint(self._words_of(e))}

    def _words_of(self, entry: Entry) -> frozenset[str]:
        """An entry's title words, kept for the run: a prolific author's works are looked through citation after
        citation."""
        words = self._entry_words.get(entry.key)
        if words is None:
            words = self._entry_words[entry.key] = _entry_words(tuple(entry_titles(entry)))
        return words

    def _holding(self, word: str) -> frozenset[str]:
        keys = self._keys.get(word)
        if keys is None:
            keys = self._keys[word] = frozenset(e.key for e in self.bib.by_title_word.get(word, ()))
        return keys

