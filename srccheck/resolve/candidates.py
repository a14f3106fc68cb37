"""Which entries a citation is scored against: looked up in the bibliography's index, never all of it."""

from __future__ import annotations

from rapidfuzz import fuzz, process

from ..bibliography import Bibliography, title_words
from ..model import Citation, Entry, Name
from ..normalize import fold
from .weights import WEIGHTS as W


def by_author(bib: Bibliography, authors: tuple[Name, ...]) -> dict[str, Entry]:
    """Entries of these surnames; a surname the bibliography lacks is looked up among its surnames (a typo)."""
    found: dict[str, Entry] = {}
    for name in authors:
        fam = fold(name.family)
        if not fam:
            continue
        hits = bib.by_family.get(fam)
        if not hits and bib.families:
            close = process.extract(fam, bib.families, scorer=fuzz.ratio, score_cutoff=W.close_surname, limit=5)
            hits = [e for match, _, _ in close for e in bib.by_family[match]]
        for entry in hits or []:
            found[entry.key] = entry
    return found


def by_title(bib: Bibliography, c: Citation) -> dict[str, Entry]:
    """The entries sharing most of the cited title's words (at most W.title_candidates)."""
    words = title_words([t for t in (c.title, c.container) if t])
    if not words and c.authors:
        # the "author" slot may really be a title ("Nutuk, s. 12")
        words = title_words([" ".join(n.given + " " + n.family for n in c.authors)])
    counts: dict[str, int] = {}
    entries: dict[str, Entry] = {}
    for word in words:
        for entry in bib.by_title_word.get(word, []):
            counts[entry.key] = counts.get(entry.key, 0) + 1
            entries[entry.key] = entry
    best = sorted(counts, key=counts.__getitem__, reverse=True)[: W.title_candidates]
    return {k: entries[k] for k in best}
