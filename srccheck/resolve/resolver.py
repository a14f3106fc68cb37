"""The Resolver: one citation at a time, in manuscript order, each to an entry, to nothing, or to "ambiguous"."""

from __future__ import annotations

from dataclasses import replace

from ..bibliography import Bibliography
from ..model import Citation, Entry, Resolution
from . import backrefs
from .archival import archival_entries, resolve_archival
from .candidates import by_author, by_title
from .scoring import EntryForm, score_entry
from .weights import WEIGHTS as W


class Resolver:
    def __init__(self, bib: Bibliography, abbreviations: dict[str, str] | None = None) -> None:
        self.bib = bib
        self.abbreviations = abbreviations or {}
        self.history = backrefs.History()
        self._ranked_memo: dict[tuple[object, ...], tuple[list[tuple[float, str]], str]] = {}
        self._forms: dict[str, EntryForm] = {}
        self._archival: list[Entry] | None = None

    @property
    def cited_keys(self) -> dict[str, None]:
        return self.history.cited_keys

    # -- public -----------------------------------------------------------------------------
    def resolve(self, citation: Citation) -> Resolution:
        result = self._resolve(citation)
        self.history.add(citation, result)
        return result

    def forget_last(self) -> None:
        """Drop the last citation from the history (it turned out not to be a citation)."""
        self.history.forget_last()

    # -- dispatch ---------------------------------------------------------------------------
    def _resolve(self, c: Citation) -> Resolution:
        if c.key is not None:
            if c.key in self.bib.entries:
                return Resolution(c.key, W.by_key, "cited by key")
            return Resolution(None, 0.0, f"no entry with key {c.key!r}")
        if c.kind == "ibid":
            return backrefs.ibid(c, self.history)
        if c.xref_note is not None:
            return backrefs.cross_reference(c, self.history, self.bib, self._fuzzy)
        if c.kind == "archival":
            if self._archival is None:
                self._archival = archival_entries(self.bib.entries)
            return resolve_archival(c, self._archival, self.abbreviations)
        if c.marker_role == "same-author":
            return backrefs.same_author(c, self.history, self.bib, self._fuzzy)
        if c.marker_role == "earlier" and not c.title:
            return backrefs.earlier(c, self.history, self.bib)
        found = self._fuzzy(c)
        coauthors = backrefs.surname_list(c.title) if c.marker_role == "earlier" and found.key is None else ()
        if coauthors:
            # "Schäfer, Köhler, Weiß, a.g.e.": what stood before the marker was the co-authors, not a title
            return backrefs.earlier(replace(c, authors=c.authors + coauthors, title=None), self.history, self.bib)
        return found

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
        candidates = by_author(self.bib, c.authors) if c.authors else {}
        via = "author"
        if not candidates:
            candidates = by_title(self.bib, c)
            via = "title"
        scored = sorted(((score_entry(c, e, self._form(e)), e.key) for e in candidates.values()), reverse=True)
        if via == "author" and (not scored or scored[0][0] < W.accept) and (c.title or c.container):
            more = by_title(self.bib, c)
            scored = sorted(((score_entry(c, e, self._form(e)), e.key) for e in {**candidates, **more}.values()),
                            reverse=True)
        self._ranked_memo[memo_key] = (scored, via)
        return scored, via

    def _fuzzy(self, c: Citation) -> Resolution:
        scored, via = self._ranked(c)
        if not scored or scored[0][0] < W.accept:
            best = f" (closest: {scored[0][1]}, score {scored[0][0]:.0f})" if scored else ""
            return Resolution(None, scored[0][0] if scored else 0.0, f"no entry matches{best}")
        top_score, top_key = scored[0]
        ties = [k for s, k in scored[1:] if top_score - s < W.tie and s >= W.accept]
        history = self.history
        if ties:
            just_before = history.just_before(c, [top_key, *ties])
            if just_before:
                return Resolution(just_before, round(top_score, 1), "tie broken by the work cited just before")
            preferred = [k for k in [top_key, *ties] if k in history.cited_keys]
            if len(preferred) == 1:
                return Resolution(preferred[0], round(top_score, 1), "tie broken by the work cited before")
            return Resolution(None, round(top_score, 1), "several entries match equally well", (top_key, *ties))
        if not c.title and not c.container:
            # author only ("McArthur, p. 62"): fine if the author has one work, else prefer the one cited before
            mine = [k for s, k in scored if s >= W.accept]
            if len(mine) > 1:
                just_before = history.just_before(c, mine)
                if just_before:
                    return Resolution(just_before, round(top_score, 1), "the author's work cited just before")
                cited_before = [k for k in history.cited_keys if k in mine]
                if len(cited_before) == 1:
                    return Resolution(cited_before[0], round(top_score, 1), "the author's only work cited before")
                return Resolution(None, round(top_score, 1), "the author has several works and no title is given",
                                  tuple(mine))
        how = "author and title" if c.authors and c.title else via
        return Resolution(top_key, round(top_score, 1), f"matched on {how}")
