"""The Resolver: one citation at a time, in manuscript order, each to an entry, to nothing, or to "ambiguous"."""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from rapidfuzz import fuzz

from ..bibliography import Bibliography, entry_span
from ..grammar import et_al_pattern
from ..grammar import languages as L
from ..model import Candidate, Citation, Entry, Kind, MarkerRole, Resolution
from ..normalize import fold
from . import backrefs
from .align import WORD_THEN_NUMBER
from .archival import ArchiveIndex, resolve_archival
from .candidates import Candidates
from .reading import Reading
from .scoring import EntryForm, score_entry, spells_surnames
from .weights import WEIGHTS as W

def _title_read_whole(c: Citation, entry: Entry) -> bool:
    """The cited title is the entry's title word for word, or its head where the note's title stops (a short
    title) — not a head cut off by a colon or comma the parser took for the end of the title."""
    cited = fold(c.title or "").split()
    for title in (entry.get("title"), entry.get("shorttitle")):
        words = fold(title or "").split()
        if not cited or words[: len(cited)] != cited:
            continue
        if len(cited) == len(words):
            return True
        at = c.text.find(c.title or "")
        following = fold(c.text[at + len(c.title or ""):][:60]).split() if at >= 0 else []
        if not following or following[0] != words[len(cited)]:
            return True
    return False


@lru_cache(maxsize=1 << 14)
def _fields_read(c: Citation) -> tuple[tuple[str, str], ...]:
    """What the parser read of a citation, as a candidate's "matched" (cached: the same citation's candidates)."""
    fields = (("authors", "; ".join(f"{n.given} {n.family}".strip() for n in c.authors)),
              ("title", c.title or c.container or ""), ("year", "/".join(map(str, c.years))))
    return tuple((f, v) for f, v in fields if v)


_MONTH_NUMBER = {fold(m): i % 12 + 1 for names in L.MONTHS.values() for i, m in enumerate(names)}
_MONTH_NUMBER.update({fold(m)[:3]: n for m, n in list(_MONTH_NUMBER.items())})  # "sep", BibTeX's month macros


def _cited_month(text: str) -> int | None:
    found = [_MONTH_NUMBER[w] for w in fold(text).split() if len(w) >= 3 and w in _MONTH_NUMBER]
    return found[0] if len(set(found)) == 1 else None


def _entry_month(entry: Entry) -> int | None:
    value = fold(entry.get("month") or "")
    if value.isdigit():
        return int(value) if 1 <= int(value) <= 12 else None
    if value in _MONTH_NUMBER:
        return _MONTH_NUMBER[value]
    date = entry.get("date") or ""
    return int(date[5:7]) if len(date) >= 7 and date[4] == "-" and date[5:7].isdigit() else None


def _holds_pages(entry: Entry, pages: tuple[tuple[int, int], ...]) -> bool:
    span = entry_span(entry)
    return bool(pages) and span is not None and all(span[0] <= a <= b <= span[1] for a, b in pages)


def _names_only(c: Citation) -> bool:
    text = c.text.replace(c.locator.text, " ") if c.locator else c.text
    words = set(fold(text).split())
    for name in c.authors:
        words -= set(fold(f"{name.given} {name.family}").split())
    return all(len(w) <= 2 or w.isdigit() or w in _SMALL_WORDS for w in words)


_SMALL_WORDS = frozenset(L.NAME_LIST_WORDS)
_ET_AL = re.compile(et_al_pattern(), re.IGNORECASE)

SHOWN_CANDIDATES = 3  # how many candidates a resolution lists (the JSON report, `srccheck explain`)


class Resolver:
    def __init__(self, bib: Bibliography, abbreviations: dict[str, str] | None = None) -> None:
        self.bib = bib
        self.abbreviations = abbreviations or {}
        self.history = backrefs.History()
        self._ranked_memo: dict[tuple[object, ...], tuple[list[tuple[float, str]], str]] = {}
        self._forms: dict[str, EntryForm] = {}
        self._archival: ArchiveIndex | None = None
        self.candidates = Candidates(bib)
        self._readings: tuple[Reading, ...] = ()  # the aligned readings of the citation being resolved
        self._chosen: Citation | None = None  # the reading that won
        self.pairs = 0  # (citation, entry) pairs scored this run: what the resolution costs, counted by the tests
        # numbering restarted per chapter: printed number -> the running numbers of the notes printed so; "(wie
        # Anm. 6)" may be note 6 of this chapter or of an earlier one. Empty when the numbering runs on
        self.running: dict[int, list[int]] = {}

    @property
    def cited_keys(self) -> dict[str, None]:
        return self.history.cited_keys

    # -- public -----------------------------------------------------------------------------
    def resolve_read(self, citation: Citation, readings: tuple[Reading, ...] = ()) -> tuple[Citation, Resolution] | None:
        """Resolve a citation given the parser's reading and the aligned readings of its candidate entries
        (reading.py); the citation returned is the reading that won, with the fields the rules check. None: the
        reading that won is a TentativeCitation that no entry's title matches well enough, i.e. prose."""
        self._readings = readings
        self._chosen = citation
        result = self._resolve(citation)
        chosen = self._chosen or citation
        self._readings, self._chosen = (), None
        if chosen.tentative and (not result.key or result.score < W.tentative_accept):
            return None
        self.history.add(chosen, result)
        return chosen, result

    # -- dispatch ---------------------------------------------------------------------------
    def _resolve(self, c: Citation) -> Resolution:
        if c.key is not None:
            if c.key in self.bib.entries:
                return Resolution(c.key, W.by_key, "cited by key")
            return Resolution(None, 0.0, f"no entry with key {c.key!r}")
        if c.kind == Kind.IBID:
            return backrefs.ibid(c, self.history)
        if c.xref_note is not None:
            # the notes it may mean, nearest first
            targets = [n for n in reversed(self.running.get(c.xref_note, ())) if n < c.note] or [c.xref_note]
            return backrefs.cross_reference(c, self.history, self.bib, self._fuzzy, targets)
        if c.kind == Kind.ARCHIVAL:
            if self._archival is None:
                self._archival = ArchiveIndex(self.bib, self.candidates)
            found = resolve_archival(c, self._archival, self.abbreviations)
            self.pairs += self._archival.scored
            return found
        if c.marker_role == MarkerRole.SAME_AUTHOR:
            return backrefs.same_author(c, self.history, self.bib, self._fuzzy)
        if c.marker_role == MarkerRole.EARLIER and not c.title:
            return backrefs.earlier(c, self.history, self.bib, self.candidates)
        found = self._fuzzy(c)
        coauthors = backrefs.surname_list(c.title) if c.marker_role == MarkerRole.EARLIER and found.key is None else ()
        if coauthors:
            # "Schäfer, Köhler, Weiß, a.g.e.": what stood before the marker was the co-authors, not a title
            return backrefs.earlier(replace(c, authors=c.authors + coauthors, title=None), self.history, self.bib,
                                    self.candidates)
        return found

    def settled(self, c: Citation) -> bool:
        """Whether the parser's reading of c matches one entry beyond doubt, so that aligning the note with the
        bibliography cannot change the result: one candidate in play, matched on its whole title (or a short
        title that the note ends there) and on its people's surnames as the entry writes them."""
        scored, _ = self._ranked(c)
        if not scored or (len(scored) > 1 and scored[1][0] >= max(W.accept, scored[0][0] - W.settled_lead)):
            return False
        entry = self.bib.entries[scored[0][1]]
        families = {fold(p.family) for p in entry.people}
        misspelt = [n for n in c.authors if fold(n.family) not in families]
        if any(max((fuzz.ratio(fold(n.family), f) for f in families), default=0) < W.close_surname for n in misspelt):
            return False  # a surname that is not the entry's, nor the entry's misspelt
        if c.title is None:
            # an author-only form ("Aslan, 49"), if the citation is nothing else: a piece whose names the parser
            # found after other words ("Über das Wesen…, hrsg. v. Ursula Blank-Sangmeister") is not settled
            return bool(c.authors) and c.container is None and scored[0][0] >= W.single_field * 100 \
                and _names_only(c)
        # a title alone scores at most W.single_field of a title and an author: settled at the same share
        needed = W.settled if c.authors else W.settled * W.single_field
        if misspelt:  # a misspelt surname costs its share of the author score, and inconsistent-spelling says so
            needed -= (100 - W.close_surname) * W.author_share
        return scored[0][0] >= needed and _title_read_whole(c, entry)

    def _told_apart(self, c: Citation, keys: list[str], parsed: Citation | None = None) -> tuple[str, str] | None:
        """(key, reason) when what the citation gives besides names and title tells one of these works apart:
        its year ("Nietzel 2009"), the month with the year ("Raichle (September 1994)"), pages that only one
        of the works holds ("Knuth 233-34"), or the full list of its authors ("Пономаренко 1976", written alone)."""
        entries = self.bib.entries
        of_year = [k for k in keys if c.years and entries[k].year in c.years]
        if len(of_year) == 1:
            return of_year[0], f"the work of {entries[of_year[0]].year}"
        month = _cited_month(c.text) if len(of_year) > 1 else None
        of_month = [k for k in of_year if month and _entry_month(entries[k]) == month]
        if len(of_month) == 1:
            return of_month[0], "the work of that month and year"
        pool = of_year or keys
        if all(entry_span(entries[k]) for k in pool):  # a book without its pages may hold any page
            holding = [k for k in pool if _holds_pages(entries[k], c.written_ranges)]
            if len(holding) == 1:
                return holding[0], "the work on the pages cited"
        # the names as the parser read them, when it read the same stretch: an aligned reading keeps only the names
        # its own entry has
        cited_names = parsed if parsed is not None and parsed.span == c.span else c
        named = self._by_names_cited(cited_names, pool)
        if named:
            return named, "the work whose authors the note names"
        # "Ellmann" against works of Ellmann and of Ellmanna: the surnames written as one entry spells them
        exact = [k for k in pool if spells_surnames(cited_names.authors, entries[k])]
        if len(exact) == 1:
            return exact[0], "the work whose authors' names the note spells as the entry does"
        part = self._part_named(parsed if parsed is not None else c, pool)
        if part:
            return part, "the chapter whose title the note gives, not the book that holds it"
        return None

    def _part_named(self, c: Citation, keys: list[str]) -> str | None:
        """A chapter tied with the book it is in (its crossref, or the book whose title is its booktitle): a note
        that writes the chapter's own title cites the chapter ("Read, 'The modern epoch in art', The philosophy of
        modern art, …"); the book's citation would not name the chapter."""
        entries = self.bib.entries
        written = set(fold(c.text).split())

        def part_of(k: str, whole: str) -> bool:
            e, w = entries[k], entries[whole]
            if (e.get("crossref") or "").strip() == whole:
                return True
            book = fold(e.get("booktitle") or "")
            return bool(book) and book == fold(w.title)

        parts = [k for k in keys if any(part_of(k, other) for other in keys if other != k)]
        if len(parts) != 1:
            return None
        own = [w for w in fold(entries[parts[0]].title).split() if w not in _SMALL_WORDS]
        return parts[0] if own and all(w in written for w in own) else None

    def _by_names_cited(self, c: Citation, keys: list[str]) -> str | None:
        """The one work whose people are the names the citation writes: "Пономаренко 1976" is the work Пономаренко
        wrote alone, not the one with Буадзе, which an author-year style cites as "Пономаренко и Буадзе 1976";
        "Пономаренко, Адамович и др. 1986" the one with Адамович. None when the names do not single one out, or
        when the works tied are not all of the first name's author."""
        if not c.authors:
            return None
        first = fold(c.authors[0].family)
        # (a year glued to the last name, the space dropped by the extractor, leaves the name: "Буадзе1976")
        written = set(WORD_THEN_NUMBER.sub(r"\1 \2", fold(c.text)).split())
        people = {k: [fold(p.family) for p in self.bib.entries[k].people] for k in keys}
        if any(first not in people[k] for k in keys):
            return None  # works of other authors tie: not a question of which of one author's works
        named = {k: sum(1 for name in people[k] if name and all(w in written for w in name.split())) for k in keys}
        most = max(named.values())
        best = [k for k in keys if named[k] == most]
        if len(best) == 1:
            return best[0]
        if _ET_AL.search(c.text):
            return None
        whole = [k for k in best if len(people[k]) == most]  # every one of its people written, and no one else's
        return whole[0] if len(whole) == 1 else None

    # -- fuzzy ------------------------------------------------------------------------------
    def _form(self, entry: Entry) -> EntryForm:
        form = self._forms.get(entry.key)
        if form is None:
            form = self._forms[entry.key] = EntryForm.of(entry)
        return form

    def _ranked(self, c: Citation) -> tuple[list[tuple[float, str]], str]:
        """The candidates, scored best first, and how they were found. A pure function of the
        fields read here, so it is kept for the run: short forms repeat the same work note after note."""
        memo_key = (c.authors, c.title, c.container, c.years, c.volume)
        found = self._ranked_memo.get(memo_key)
        if found is not None:
            return found
        candidates = self.candidates.by_author(c.authors) if c.authors else {}
        via = "author"
        if len(candidates) > W.author_works and (c.title or c.container):
            # a prolific author: their works sharing a word with the cited title (all of them if none does)
            candidates = self.candidates.sharing_title_words(c, candidates) or candidates
        if not candidates:
            candidates = self.candidates.by_title(c)
            via = "title"
        scored = sorted(((score_entry(c, e, self._form(e)), e.key) for e in candidates.values()), reverse=True)
        self.pairs += len(candidates)
        if via == "author" and (not scored or scored[0][0] < W.accept) and (c.title or c.container):
            more = self.candidates.by_title(c)
            scored = sorted(((score_entry(c, e, self._form(e)), e.key) for e in {**candidates, **more}.values()),
                            reverse=True)
            self.pairs += len({**candidates, **more})
        self._ranked_memo[memo_key] = (scored, via)
        return scored, via

    def _options(self, c: Citation) -> tuple[list[tuple[float, str]], dict[str, tuple[Citation, Reading | None]], str]:
        """Every candidate's best score, best first, with the reading that gave it: the parser's fields scored
        against the index's candidates, and each aligned reading against its own entry."""
        scored, via = self._ranked(c)
        readings = [r for r in self._readings if r.citation.note == c.note]
        if not readings:
            return scored, {k: (c, None) for _, k in scored}, via
        best = {k: (s, c, None) for s, k in scored}
        for r in readings:
            entry = self.bib.entries[r.key]
            s = score_entry(r.citation, entry, self._form(entry))
            self.pairs += 1
            if r.key not in best or s >= best[r.key][0]:
                best[r.key] = (s, r.citation, r)
        ranked = sorted(((s, k) for k, (s, _, _) in best.items()), reverse=True)
        return ranked, {k: (cit, r) for k, (_, cit, r) in best.items()}, via

    def _candidates(self, ranked: list[tuple[float, str]], chosen: dict[str, tuple[Citation, Reading | None]]
                    ) -> tuple[Candidate, ...]:
        out = []
        for s, k in ranked[:SHOWN_CANDIDATES]:
            cit, reading = chosen[k]
            if reading is not None:
                out.append(Candidate(k, round(s, 1), reading.matched, "alignment"))
            else:
                out.append(Candidate(k, round(s, 1), _fields_read(cit), "fields"))
        return tuple(out)

    def _fuzzy(self, c: Citation) -> Resolution:
        scored, chosen, via = self._options(c)
        shown = self._candidates(scored, chosen)
        if not scored or scored[0][0] < W.accept:
            best = f" (closest: {scored[0][1]}, score {scored[0][0]:.0f})" if scored else ""
            return Resolution(None, scored[0][0] if scored else 0.0, f"no entry matches{best}", candidates=shown)
        top_score, top_key = scored[0]
        ties = [k for s, k in scored[1:] if top_score - s < W.tie and s >= W.accept]
        history = self.history
        score = round(top_score, 1)

        def pick(key: str, reason: str) -> Resolution:
            cit, reading = chosen[key]
            self._chosen = cit
            if reading is not None and reading.citation is not c:
                reason += " (found in the note: " + ", ".join(field for field, _ in reading.matched) + ")"
            return Resolution(key, score, reason, candidates=shown)

        if ties:
            told = self._told_apart(chosen[top_key][0], [top_key, *ties], c)
            if told:
                return pick(*told)
            just_before = history.just_before(c, [top_key, *ties])
            if just_before:
                return pick(just_before, "tie broken by the work cited just before")
            preferred = [k for k in [top_key, *ties] if k in history.cited_keys]
            if len(preferred) == 1:
                return pick(preferred[0], "tie broken by the work cited before")
            return Resolution(None, score, "several entries match equally well", (top_key, *ties), candidates=shown)
        top = chosen[top_key][0]
        if not top.title and not top.container:
            # author only ("McArthur, p. 62"): fine if the author has one work, else prefer the one cited before
            mine = [k for s, k in scored if s >= W.accept]
            if len(mine) > 1:
                told = self._told_apart(top, mine, c)
                if told:
                    return pick(*told)
                just_before = history.just_before(c, mine)
                if just_before:
                    return pick(just_before, "the author's work cited just before")
                cited_before = [k for k in history.cited_keys if k in mine]
                if len(cited_before) == 1:
                    return pick(cited_before[0], "the author's only work cited before")
                return Resolution(None, score, "the author has several works and no title is given", tuple(mine),
                                  candidates=shown)
        how = "author and title" if top.authors and top.title else \
            "author and journal" if top.authors and top.container else via
        return pick(top_key, f"matched on {how}")
