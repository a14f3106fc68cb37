"""Resolve each citation to a bibliography entry (or to nothing, or to "ambiguous").

- A key given directly (\\cite, [@key]) is looked up.
- "Ibid." / bare "a.g.e." / "Ebd." take the work of the citation just before: in the
  same note, else the previous note with citations; if that note cites several works,
  the marker is ambiguous and we say so rather than guess.
- "Surname, a.g.e." / "op. cit." / "a.a.O." take that author's work cited earlier; if
  the author has several earlier works, it is ambiguous ("Schäfer, Köhler, Weiß, a.g.e.":
  co-authors count).
- "(n 3)" / "(wie Anm. 3)" take the work of that author cited in note 3.
- Archive references match on archive name (abbreviations defined at first use are
  expanded) and on their fond/file/folder numbers.
- Everything else is fuzzy-matched: candidates are blocked by author surname (or by
  title words when no author is given), then scored on title, author and year. Among
  equally good matches, or an author's works cited by name alone ("Aslan, 49", as
  Chicago 17 writes a repeat in the next note), the work the citation before cites wins.
Every resolution keeps its score and the reason it was chosen.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from rapidfuzz import fuzz, process

from .bibliography import Bibliography, entry_titles, is_archival, title_words
from .grammar import languages as L
from .model import Citation, Entry, Name, Resolution
from .normalize import fold
from .numbers import canonical_digits

ACCEPT = 70.0  # minimum score to accept a fuzzy match
TIE = 2.0  # two candidates closer than this are a tie


@dataclass
class _Seen:
    citation: Citation
    resolution: Resolution


_TITLE_DATES = re.compile(r"\s*\((?:\d{3,4}\s*[-–/]\s*\d{2,4}|\d{4})\)\s*")


def strip_title_dates(text: str) -> str:
    """Bracketed years ("(1920-1953)") come and go between notes; they are not the title."""
    return _TITLE_DATES.sub(" ", text) if "(" in text else text


# The scoring below runs for every candidate of every distinct citation, so the folded forms of
# titles and names are worked out once per string or name, not once per comparison.
@lru_cache(maxsize=1 << 14)
def _folded_title(text: str | None) -> str:
    return fold(strip_title_dates(text)) if text else ""


@lru_cache(maxsize=1 << 14)
def _word_set(folded: str) -> frozenset[str]:
    return frozenset(folded.split())


def title_similarity(cited: str, entry_title: str) -> float:
    a, b = _folded_title(cited), _folded_title(entry_title)
    if not a or not b:
        return 0.0
    if a == b:
        return 100.0
    full = fuzz.ratio(a, b)
    shorter, longer = (a, b) if len(a) <= len(b) else (b, a)
    # a short title is usually the head of the full one ("Russian Azerbaijan 1905-1920")
    head = fuzz.ratio(shorter, longer[: len(shorter)])
    best = max(full, head)
    if best >= 97.0:
        return float(best)  # neither the partial (x 0.97) nor the word coverage (x 0.9) can beat it
    partial = fuzz.partial_ratio(shorter, longer) if len(shorter) >= 12 else 0.0
    short_words = _word_set(shorter)
    common = len(_word_set(a) & _word_set(b))
    coverage = 100.0 * common / max(1, len(short_words))
    best = max(best, partial * 0.97, coverage * 0.9 if " " in shorter else 0.0)  # two words or more
    return float(best)


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
    people: tuple[tuple[str, str], ...]  # (folded surname, initials) of the authors and editors
    anonymous_hay: str  # no people: folded title, organization and institution, where the "author" may be
    year: int | None
    volume: str | None

    @classmethod
    def of(cls, entry: Entry) -> EntryForm:
        people = tuple((fold(p.family), p.initials()) for p in entry.people)
        hay = "" if people else fold(" ".join(filter(None, [entry.title, entry.get("organization"),
                                                            entry.get("institution")])))
        return cls(tuple(entry_titles(entry)), entry.get("booktitle"), people, hay, entry.year, entry.get("volume"))


def author_similarity(cited: tuple[Name, ...], entry: Entry) -> float | None:
    """100 when every cited surname matches an author or editor (and initials agree)."""
    return _author_match(cited, EntryForm.of(entry))[0]


def _author_match(cited: tuple[Name, ...], entry: EntryForm) -> tuple[float | None, bool]:
    """(author_similarity, initials conflict) in one pass over the entry's people. A conflict: a cited surname
    matches an author whose given names begin otherwise."""
    if not cited:
        return None, False
    if not entry.people:
        # institutional or anonymous works: the "author" may be in the title or publisher
        hay = entry.anonymous_hay
        hits = sum(1 for n in cited if fold(n.family) and fold(n.family) in hay)
        return (60.0 if hits else 0.0), False
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
            if score >= 80 and not agree:
                score -= 45
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
            title = max(title, title_similarity(citation.container, entry.booktitle) - 10)
    author, conflict = _author_match(citation.authors, entry)
    if conflict:
        return min(50.0, author or 0.0)  # "M. Karabekir" is not Kazım Karabekir, whatever the title
    if author is not None and cited_title:
        score = 0.45 * author + 0.55 * title
        if title < 60:
            score = min(score, title)  # the right author is not enough: another of their works
    elif cited_title:
        score = 0.9 * title
    elif author is not None:
        score = 0.9 * author
    else:
        return 0.0
    year = entry.year
    if citation.years and year:
        score += 3.0 if year in citation.years else -5.0
    if citation.volume and entry.volume:
        # two volumes of one work share author and title: the volume decides
        score += 3.0 if _same_number(citation.volume, entry.volume) else -6.0
    return min(score, 100.0)


def _same_number(a: str, b: str) -> bool:
    from .rules.metadata_mismatch import roman_to_int

    x, y = roman_to_int(a), roman_to_int(b)
    return x is not None and x == y


class Resolver:
    def __init__(self, bib: Bibliography, abbreviations: dict[str, str] | None = None) -> None:
        self.bib = bib
        self.abbreviations = abbreviations or {}
        self.history: list[_Seen] = []
        self.cited_keys: dict[str, None] = {}
        self._ranked_memo: dict[tuple[object, ...], tuple[list[tuple[float, str]], str]] = {}
        self._forms: dict[str, EntryForm] = {}

    # -- public -----------------------------------------------------------------------------
    def resolve(self, citation: Citation) -> Resolution:
        result = self._resolve(citation)
        self.history.append(_Seen(citation, result))
        if result.key:
            self.cited_keys.setdefault(result.key, None)  # ordered set of works cited so far
        return result

    def forget_last(self) -> None:
        """Drop the last citation from the history (it turned out not to be a citation)."""
        if self.history:
            dropped = self.history.pop()
            key = dropped.resolution.key
            if key and not any(s.resolution.key == key for s in self.history):
                self.cited_keys.pop(key, None)

    # -- dispatch ---------------------------------------------------------------------------
    def _resolve(self, c: Citation) -> Resolution:
        if c.key is not None:
            if c.key in self.bib.entries:
                return Resolution(c.key, 100.0, "cited by key")
            return Resolution(None, 0.0, f"no entry with key {c.key!r}")
        if c.kind == "ibid":
            return self._ibid(c)
        if c.xref_note is not None:
            return self._cross_reference(c)
        if c.kind == "archival":
            return self._archival(c)
        if c.marker_role == "same-author":
            return self._same_author(c)
        if c.marker_role == "earlier" and not c.title:
            return self._earlier(c)
        found = self._fuzzy(c)
        coauthors = _surname_list(c.title) if c.marker_role == "earlier" and found.key is None else ()
        if coauthors:
            # "Schäfer, Köhler, Weiß, a.g.e.": what stood before the marker was the co-authors, not a title
            return self._earlier(replace(c, authors=c.authors + coauthors, title=None))
        return found

    def _previous_keys(self, c: Citation) -> tuple[list[str | None], int | None]:
        """Keys of the citation just before: in the same note, else all of the previous note's (searched from
        the end, so a book of thousands of notes stays linear)."""
        keys: list[str | None] = []
        last_note = None
        for seen in reversed(self.history):
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

    def _ibid(self, c: Citation) -> Resolution:
        keys, note = self._previous_keys(c)
        if not keys:
            return Resolution(None, 0.0, f"“{c.marker}” with no earlier citation to refer to")
        if len(keys) > 1:
            known = tuple(k for k in keys if k)
            return Resolution(None, 0.0, f"“{c.marker}” follows note {note}, which cites several works", known)
        if keys[0] is None:
            return Resolution(None, 0.0, f"“{c.marker}” refers to note {note}, whose citation is unresolved",
                              cascade=True)
        return Resolution(keys[0], 100.0, f"“{c.marker}”: same work as note {note}")

    def _cross_reference(self, c: Citation) -> Resolution:
        cited = [s for s in self.history if s.citation.note == c.xref_note and s.resolution.key]
        keys = list(dict.fromkeys(s.resolution.key for s in cited))
        if c.authors and len(keys) > 1:
            keys = [k for k in keys if (author_similarity(c.authors, self.bib.entries[k]) or 0) >= 80] or keys
        if len(keys) > 1 and (c.title or c.authors):
            # "Batum’daki … raporu (Anm. 13)": the title names which of the note's works
            keys = [k for k in keys if score_entry(c, self.bib.entries[k]) >= ACCEPT] or keys
        if len(keys) == 1:
            return Resolution(keys[0], 100.0, f"cross-reference to note {c.xref_note}")
        if not keys:
            fallback = self._fuzzy(c)
            if fallback.key:
                return fallback
            return Resolution(None, 0.0, f"note {c.xref_note} cites no work this can refer to")
        return Resolution(None, 0.0, f"note {c.xref_note} cites several works", tuple(k for k in keys if k))

    def _author_keys(self, authors: tuple[Name, ...], keys: list[str]) -> list[str]:
        """Works by these authors; an edited volume counts for its editors, a chapter not for the book's."""
        found = []
        for k in keys:
            entry = self.bib.entries[k]
            own = replace(entry, editors=()) if entry.authors else entry
            if (author_similarity(authors, own) or 0) >= 85:
                found.append(k)
        return found

    def _earlier(self, c: Citation) -> Resolution:
        """"Surname, a.g.e." / "op. cit.": the author's work cited before."""
        earlier = list(self.cited_keys)
        mine = self._author_keys(c.authors, earlier)
        label = " ".join(n.family for n in c.authors) or "the author"
        previous, note = self._previous_keys(c)
        if len(previous) == 1 and previous[0] in mine:
            return Resolution(previous[0], 95.0, f"“{c.marker}”: {label}'s work cited just before, in note {note}")
        if len(mine) == 1:
            return Resolution(mine[0], 95.0, f"“{c.marker}”: the only work by {label} cited before")
        if len(mine) > 1 and c.volume:
            same_volume = [k for k in mine if _same_number(c.volume, self.bib.entries[k].get("volume") or "")]
            if len(same_volume) == 1:
                return Resolution(same_volume[0], 95.0, f"“{c.marker}”: {label}'s volume {c.volume} cited before")
        if len(mine) > 1:
            return Resolution(None, 0.0, f"“{c.marker}”: {label} has {len(mine)} works cited before", tuple(mine))
        if not mine and c.authors:
            # "Mütareke Dönemi Araştırmaları, dz. cyt.": the slot before the marker may be a title
            as_title = " ".join(f"{n.given} {n.family}".strip() for n in c.authors)
            titled = [k for k in earlier if title_similarity(as_title, self.bib.entries[k].title) >= 90]
            if len(titled) == 1:
                return Resolution(titled[0], 90.0, f"“{c.marker}”: the work titled so, cited before")
        in_bib = self._author_keys(c.authors, list(self._by_author(c.authors)))
        if len(in_bib) == 1:
            return Resolution(in_bib[0], 80.0, f"“{c.marker}”: the only work by {label} in the bibliography")
        if len(in_bib) > 1:
            return Resolution(None, 0.0, f"“{c.marker}”: {label} has {len(in_bib)} works in the bibliography and none cited before", tuple(in_bib))
        return Resolution(None, 0.0, f"no work by {label} in the bibliography")

    def _same_author(self, c: Citation) -> Resolution:
        if not self.history or not self.history[-1].resolution.key:
            return self._fuzzy(c)
        previous = self.bib.entries[self.history[-1].resolution.key]  # type: ignore[index]
        authors = previous.authors or previous.editors
        if not c.title:
            return Resolution(previous.key, 90.0, f"“{c.marker}”: same author as the previous citation")
        return self._fuzzy(replace(c, authors=authors))

    # -- fuzzy ------------------------------------------------------------------------------
    def _form(self, entry: Entry) -> EntryForm:
        form = self._forms.get(entry.key)
        if form is None:
            form = self._forms[entry.key] = EntryForm.of(entry)
        return form

    def _by_author(self, authors: tuple[Name, ...]) -> dict[str, Entry]:
        found: dict[str, Entry] = {}
        for name in authors:
            fam = fold(name.family)
            if not fam:
                continue
            hits = self.bib.by_family.get(fam)
            if not hits and self.bib.families:
                close = process.extract(fam, self.bib.families, scorer=fuzz.ratio, score_cutoff=80, limit=5)
                hits = [e for match, _, _ in close for e in self.bib.by_family[match]]
            for entry in hits or []:
                found[entry.key] = entry
        return found

    def _by_title(self, c: Citation) -> dict[str, Entry]:
        words = title_words([t for t in (c.title, c.container) if t])
        if not words and c.authors:
            # the "author" slot may really be a title ("Nutuk, s. 12")
            words = title_words([" ".join(n.given + " " + n.family for n in c.authors)])
        counts: dict[str, int] = {}
        entries: dict[str, Entry] = {}
        for word in words:
            for entry in self.bib.by_title_word.get(word, []):
                counts[entry.key] = counts.get(entry.key, 0) + 1
                entries[entry.key] = entry
        best = sorted(counts, key=counts.get, reverse=True)[:40]  # type: ignore[arg-type]
        return {k: entries[k] for k in best}

    def _ranked(self, c: Citation) -> tuple[list[tuple[float, str]], str]:
        """The candidates, scored best first, and how they were found. A pure function of the
        fields read here, so it is kept for the run: short forms repeat the same work note after note."""
        memo_key = (c.authors, c.title, c.container, c.years, c.volume)
        found = self._ranked_memo.get(memo_key)
        if found is not None:
            return found
        candidates = self._by_author(c.authors) if c.authors else {}
        via = "author"
        if not candidates:
            candidates = self._by_title(c)
            via = "title"
        scored = sorted(((score_entry(c, e, self._form(e)), e.key) for e in candidates.values()), reverse=True)
        if via == "author" and (not scored or scored[0][0] < ACCEPT) and (c.title or c.container):
            more = self._by_title(c)
            scored = sorted(((score_entry(c, e, self._form(e)), e.key) for e in {**candidates, **more}.values()),
                            reverse=True)
        self._ranked_memo[memo_key] = (scored, via)
        return scored, via

    def _just_before(self, c: Citation, keys: list[str]) -> str | None:
        """The one of these works the previous citation cites: consecutive notes repeat a work (Chicago 17
        writes "Author, page" where other styles write "Ibid.")."""
        previous, _ = self._previous_keys(c)
        found = [k for k in previous if k in keys]
        return found[0] if len(found) == 1 else None

    def _fuzzy(self, c: Citation) -> Resolution:
        scored, via = self._ranked(c)
        if not scored or scored[0][0] < ACCEPT:
            best = f" (closest: {scored[0][1]}, score {scored[0][0]:.0f})" if scored else ""
            return Resolution(None, scored[0][0] if scored else 0.0, f"no entry matches{best}")
        top_score, top_key = scored[0]
        ties = [k for s, k in scored[1:] if top_score - s < TIE and s >= ACCEPT]
        if ties:
            just_before = self._just_before(c, [top_key, *ties])
            if just_before:
                return Resolution(just_before, round(top_score, 1), "tie broken by the work cited just before")
            cited_before = self.cited_keys
            preferred = [k for k in [top_key, *ties] if k in cited_before]
            if len(preferred) == 1:
                return Resolution(preferred[0], round(top_score, 1), "tie broken by the work cited before")
            return Resolution(None, round(top_score, 1), "several entries match equally well", (top_key, *ties))
        if not c.title and not c.container:
            # author only ("McArthur, p. 62"): fine if the author has one work, else prefer the one cited before
            mine = [k for s, k in scored if s >= ACCEPT]
            if len(mine) > 1:
                just_before = self._just_before(c, mine)
                if just_before:
                    return Resolution(just_before, round(top_score, 1), "the author's work cited just before")
                cited_before = [k for k in self.cited_keys if k in mine]
                if len(cited_before) == 1:
                    return Resolution(cited_before[0], round(top_score, 1), "the author's only work cited before")
                return Resolution(None, round(top_score, 1), "the author has several works and no title is given", tuple(mine))
        return Resolution(top_key, round(top_score, 1), f"matched on {'author and title' if c.authors and c.title else via}")

    # -- archives ---------------------------------------------------------------------------
    def _archival(self, c: Citation) -> Resolution:
        cited_numbers = _numbers(c.text)
        cited_names = _archive_names(c.text, self.abbreviations)
        best: tuple[float, str] | None = None
        ranked = []
        for entry in self.bib.entries.values():
            if not is_archival(entry):
                continue
            entry_text = " ".join(
                v for k, v in entry.fields.items() if k not in ("year", "date", "url", "doi", "urldate", "pages")
            )
            number_score = _sequence_score(cited_numbers, _numbers(entry_text))
            title_score = title_similarity(c.title, entry.title) if c.title and entry.title else 0.0
            if number_score < 60 and title_score < 85:
                continue
            if number_score < 60:
                ranked.append((0.85 * title_score + 0.15 * _name_score(cited_names, entry, self.abbreviations), entry.key))
                continue
            name_score = _name_score(cited_names, entry, self.abbreviations)
            score = 0.7 * number_score + 0.3 * name_score
            if c.title and entry.title:
                score = max(score, 0.5 * number_score + 0.5 * title_similarity(c.title, entry.title))
            ranked.append((score, entry.key))
        ranked.sort(reverse=True)
        if ranked:
            best = ranked[0]
        if best is None or best[0] < ACCEPT:
            return Resolution(None, best[0] if best else 0.0, "no archival entry has these archive and file numbers")
        ties = [k for s, k in ranked[1:] if best[0] - s < TIE]
        if ties:
            return Resolution(None, round(best[0], 1), "several archival entries match", (best[1], *ties))
        return Resolution(best[1], round(best[0], 1), "matched on archive and file numbers")


_CONJUNCTIONS = re.compile(r"\s*(?:,|" + "|".join(rf"\b{re.escape(w)}\b" if w.isalpha() else re.escape(w)
                                                  for w in L.AND) + r")\s*")


def _surname_list(text: str | None) -> tuple[Name, ...]:
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


_MONTH_NAMES = "|".join(m for ms in L.MONTHS.values() for m in ms)
_DATES = re.compile(
    rf"\b\d{{1,2}}\.\d{{1,2}}\.\d{{2,4}}\b|\b\d{{1,2}}\s+(?:{_MONTH_NAMES})\s+\d{{3,4}}\b|\b(?:{_MONTH_NAMES})\s+\d{{4}}\b",
    re.IGNORECASE,
)


def _numbers(text: str) -> list[str]:
    """File numbers of an archive reference; dates ("14 mars 1891", "12.03.1920") are not file numbers."""
    return [canonical_digits(n) for n in re.findall(r"\d+", _DATES.sub(" ", text))]


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
    return 100.0 * (0.75 * common / len(a) + 0.25 * common / len(b))


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


def _name_score(names: set[str], entry: Entry, abbreviations: dict[str, str]) -> float:
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
