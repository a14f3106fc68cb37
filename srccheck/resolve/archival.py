"""Archive references: matched on the archive's name (abbreviations defined at first use expanded) and on
their fond/file/folder numbers, or on the document's title."""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from ..bibliography import Bibliography, is_archival
from ..grammar import languages as L
from ..model import Citation, Entry, Resolution
from ..normalize import fold
from .candidates import Candidates
from .scoring import title_similarity
from .weights import WEIGHTS as W


class ArchiveIndex:
    """The archival entries of a bibliography by the numbers they hold (fond, file, folder...) and their title
    words: an archival citation is scored only against the entries sharing a rare number or title word with it,
    never against every archival entry (a book citing an archive hundreds of times against a bib of thousands
    of archival documents)."""

    def __init__(self, bib: Bibliography, candidates: Candidates) -> None:
        self.bib = bib
        self.titles = candidates
        self.by_number: dict[str, list[Entry]] = {}
        self.numbers: dict[str, list[str]] = {}  # each archival entry's numbers, in order
        self.scored = 0  # candidates of the last citation
        for entry in bib.entries.values():
            if not is_archival(entry):
                continue
            numbers = self.numbers[entry.key] = _numbers(_entry_text(entry))
            for number in dict.fromkeys(numbers):
                self.by_number.setdefault(number, []).append(entry)

    def candidates(self, c: Citation) -> list[Entry]:
        found: dict[str, Entry] = {}
        numbers = sorted(set(_numbers(c.text)), key=lambda n: len(self.by_number.get(n, ())))
        for number in numbers:
            hits = self.by_number.get(number, ())
            if len(found) + len(hits) > W.archive_candidates and found:
                break  # a common number ("1", "2"): the rarer ones have named the candidates
            for entry in hits:
                found[entry.key] = entry
        if c.title:
            for entry in self.titles.by_title(c).values():
                if is_archival(entry):
                    found.setdefault(entry.key, entry)
        return list(found.values())


def resolve_archival(c: Citation, index: ArchiveIndex, abbreviations: dict[str, str]) -> Resolution:
    cited_numbers = _numbers(c.text)
    cited_names = _archive_names(c.text, abbreviations)
    ranked = []
    candidates = index.candidates(c)
    index.scored = len(candidates)
    for entry in candidates:
        number_score = _sequence_score(cited_numbers, index.numbers.get(entry.key, []))
        title_score = title_similarity(c.title, entry.title) if c.title and entry.title else 0.0
        if number_score < W.archive_numbers_min and title_score < W.archive_title_min:
            continue
        name_score = _name_score(cited_names, entry)
        if number_score < W.archive_numbers_min:
            ranked.append((W.archive_title_share * title_score + (1 - W.archive_title_share) * name_score, entry.key))
            continue
        score = W.archive_numbers_share * number_score + (1 - W.archive_numbers_share) * name_score
        if c.title and entry.title:
            score = max(score, W.archive_numbers_vs_title * number_score
                        + (1 - W.archive_numbers_vs_title) * title_similarity(c.title, entry.title))
        ranked.append((score, entry.key))
    ranked.sort(reverse=True)
    best = ranked[0] if ranked else None
    if best is None or best[0] < W.accept:
        return Resolution(None, best[0] if best else 0.0, "no archival entry has these archive and file numbers")
    ties = [k for s, k in ranked[1:] if best[0] - s < W.tie]
    if ties:
        return Resolution(None, round(best[0], 1), "several archival entries match", (best[1], *ties))
    return Resolution(best[1], round(best[0], 1), "matched on archive and file numbers")


def _entry_text(entry: Entry) -> str:
    return " ".join(v for k, v in entry.fields.items() if k not in ("year", "date", "url", "doi", "urldate", "pages"))


_MONTH_NAMES = "|".join(m for ms in L.MONTHS.values() for m in ms)
_DATES = re.compile(
    rf"\b\d{{1,2}}\.\d{{1,2}}\.\d{{2,4}}\b|\b\d{{1,2}}\s+(?:{_MONTH_NAMES})\s+\d{{3,4}}\b|\b(?:{_MONTH_NAMES})\s+\d{{4}}\b",
    re.IGNORECASE,
)


def _numbers(text: str) -> list[str]:
    """File numbers of an archive reference; dates ("14 mars 1891", "12.03.1920") are not file numbers."""
    if _MAYBE_DATE.search(text):  # the date pattern is slow, and most references hold no date
        text = _DATES.sub(" ", text)
    return [n.lstrip("0") or "0" for n in re.findall(r"[0-9]{1,12}", text)]


# a day or a month name next to a number, or a dotted date: what _DATES may match
_MAYBE_DATE = re.compile(r"\d\.\d|\d\s+[^\W\d_]{3,}\s+\d|[^\W\d_]{3,}\.?\s+\d{4}")


def _sequence_score(a: list[str], b: list[str]) -> float:
    """How well the cited numbers a appear, in order, among the entry's numbers b."""
    if not a or not b:
        return 0.0
    prev = [0] * (len(b) + 1)
    for x in a:
        cur = [0]
        for j, y in enumerate(b):
            cur.append(prev[j] + 1 if x == y else max(prev[j + 1], cur[j]))
        prev = cur
    common = prev[-1]
    share = W.sequence_cited_share
    return 100.0 * (share * common / len(a) + (1 - share) * common / len(b))


def _archive_names(text: str, abbreviations: dict[str, str]) -> set[str]:
    names = set()
    for token in re.findall(r"[A-ZÇĞİÖŞÜ][A-Za-zÇĞİÖŞÜçğıöşü.]{1,9}", text):
        bare = token.rstrip(".")
        if bare in abbreviations:
            names.add(fold(abbreviations[bare]))
            names.add(fold(bare))
        elif sum(ch.isupper() for ch in bare) >= 2:
            names.add(fold(bare))
    first = text.split(",")[0]
    names.add(fold(first))
    return {n for n in names if n}


def _name_score(names: set[str], entry: Entry) -> float:
    fields = [entry.get(f) for f in ("archive", "organization", "institution", "publisher", "howpublished", "note",
                                     "title", "address", "location")]
    hay = " " + fold(" ".join(f for f in fields if f)) + " "
    best = 0.0
    for name in names:
        if f" {name} " in hay:
            best = 100.0
            break
        best = max(best, fuzz.partial_ratio(name, hay) if len(name) > 6 else 0.0)
    return best
