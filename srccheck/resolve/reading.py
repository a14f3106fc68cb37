"""Read a note again with the bibliography in hand.

The parser (citations.py) reads a note blind: it splits it at ";" and sentence ends and
guesses each citation's fields from punctuation. Here the bibliography's candidate
entries are aligned with the note (align.py), and where an entry's title or people are
found, that finding wins over the guess:

- a title found across two of the parser's pieces ("… Aleppo im 17. Jahrhundert, hier
  S. 218") or in a piece it took for prose: the note is split again with that title
  masked, so nothing splits or reads fields inside it;
- each citation gets, beside the parser's reading, one *aligned reading* per candidate
  entry found in it: the title and people as the spans give them, and the rest (what
  lies after the title: container, imprint, year, locator) read by the parser with the
  title masked. Text before the entry's people is signal words or commentary, and is
  left out ("The argument is developed further in Whitmore, …").

The resolver scores every reading against its entry and keeps the best.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Callable

from ..bibliography import Bibliography
from ..grammar import Grammar, et_al_pattern
from ..grammar import languages as L
from ..model import Citation, Entry, Kind, Locator, MarkerRole, Name, Note
from ..normalize import collapse_spaces, fold
from ..parse.text import OPEN_QUOTES
from .align import Mention, NoteWords, Weigher, mentions
from .scoring import title_similarity
from .weights import WEIGHTS as W

_FILL = "ꝗꝙꝛꝝꝟꝡꝣꝥꝧꝩꝫꝭꝯ"  # letters no text uses: the body of a masked title, one per title of a note
_OPENING = "".join(OPEN_QUOTES)
# a page, then a comma and a quoted title: "…», p. 206, « TEX82 Order Form », p. 69"
_TITLE_AFTER_PAGE = re.compile(r"\d\s*,\s*[" + re.escape(_OPENING) + r"]\s*[^\W\d_]")
_HEAD = "Ꝗ"  # a capital: a masked title starts like a new citation may
_ET_AL = re.compile(r"^\s*,?\s*(?:" + et_al_pattern() + ")", re.IGNORECASE)


@dataclass(frozen=True)
class Reading:
    """A citation read as citing one entry: its fields taken from where the entry was found."""

    key: str
    citation: Citation
    mention: Mention
    matched: tuple[tuple[str, str], ...]  # (field, text as written) of what was found: authors, title, year


def _matched(m: Mention, text: str) -> tuple[tuple[str, str], ...]:
    out = []
    if m.names:
        out.append(("authors", "; ".join(collapse_spaces(f"{n.given} {n.family}".strip()) for _, _, n in m.names)))
    if m.title:
        out.append(("title", collapse_spaces(text[m.title.start:m.title.end])))
    if m.container:
        out.append(("container", collapse_spaces(text[m.container[0]:m.container[1]])))
    if m.volume:
        out.append(("volume", text[m.volume[0]:m.volume[1]]))
    if m.year:
        out.append(("year", text[m.year[0]:m.year[1]]))
    return tuple(out)


def _mask(length: int, k: int) -> str:
    """A stand-in for a title of this length: the parser's title mark, then letters no text has."""
    from ..parse.text import TITLE_END, TITLE_MARK

    return TITLE_MARK + _HEAD + _FILL[k % len(_FILL)] * max(1, length - 3) + TITLE_END


def _unmask(value: object, originals: list[str]) -> object:
    if not isinstance(value, str) or _HEAD not in value:
        return value
    for k, original in enumerate(originals):
        # one fill letter at least: the head alone would match the start of another title's mask
        value = re.sub(f"\u2063?{_HEAD}{_FILL[k % len(_FILL)]}+\u2064?", lambda _m, o=original: o, value)
    return value


def _unmask_citation(c: Citation, originals: list[str]) -> Citation:
    changes = {}
    for name in ("text", "title", "container", "publisher", "place", "translator", "archive"):
        value = getattr(c, name)
        new = _unmask(value, originals)
        if new is not value:
            changes[name] = new
    if any(_HEAD in n.family or _HEAD in n.given for n in c.authors):
        changes["authors"] = tuple(Name(str(_unmask(n.family, originals)), str(_unmask(n.given, originals)))
                                   for n in c.authors)
    return replace(c, **changes) if changes else c


class NoteReader:
    """Reads notes with one bibliography: the candidate lookup and word weights are kept for the run."""

    def __init__(self, bib: Bibliography, grammar: Grammar, sigla: set[str],
                 settled: Callable[[Citation], bool] = lambda c: False) -> None:
        """settled: whether the parser's reading of a citation already matches one entry beyond doubt (the
        resolver's scoring says so); a note whose citations are all settled or repeat markers is not aligned."""
        self.bib = bib
        self.grammar = grammar
        self.sigla = sigla
        self.weigh = Weigher(bib)
        self.settled = settled
        self._imprints: dict[str, frozenset[str]] = {}
        self.aligned = 0  # (note, candidate entry) pairs aligned this run, counted by the tests

    def _known(self, word: str) -> bool:
        """A folded word of the bibliography's titles or people."""
        return word in self.bib.by_title_word or word in self.bib.by_family

    def read(self, note: Note, citations: list[Citation]) -> list[tuple[Citation, tuple[Reading, ...]]]:
        """The note's citations (split again where a found title demands it), each with its aligned readings."""
        parsed = [c for c in citations if c.key is None]
        if not self.bib.entries or (parsed or len(citations)) and self._clear(note, parsed):
            return [(c, ()) for c in citations]  # a note of keyed citations only, or nothing to align
        words = NoteWords.of(note.text, self._known)
        found = mentions(self.bib, words, self.weigh, W.note_candidates)
        self.aligned += len({m.key for m in found})
        if not found:
            return [(c, ()) for c in citations]
        keyed = [c for c in citations if c.key is not None]
        strong = [m for m in found if _strong(m)]
        if any(not _inside_one(m, parsed) for m in strong):
            parsed = self._split_again(note, strong)
        parsed = self._join_tails(note, parsed, found)
        parsed = self._author_years(note, parsed, found)
        parsed = self._one_author_several_titles(note, parsed, found)
        parsed = self._names_alone(note, parsed, found)
        out: list[tuple[Citation, tuple[Reading, ...]]] = [(c, ()) for c in keyed]
        for c in parsed:
            out.append((c, self._readings(note, c, found)))
        return out

    def _clear(self, note: Note, parsed: list[Citation]) -> bool:
        """Nothing to align: every citation is a repeat marker or settled, and no stretch of the note that the
        parser left out (as prose) is long enough to hide a citation. Most notes of a book are so."""
        covered = 0
        for k, c in enumerate(parsed):
            if c.span is None:
                return False
            if c.kind == Kind.ARCHIVAL and k and parsed[k - 1].locator is None:
                return False  # perhaps the journal of the citation before it (_is_tail)
            covered += c.span[1] - c.span[0]
            if not _refers_back(c) and not self.settled(c):
                return False
            if _TITLE_AFTER_PAGE.search(c.text):
                return False  # perhaps a second work of the same author (_one_author_several_titles)
        left = len(note.text) - covered
        if left < W.hidden_citation_chars:
            return True
        outside = _outside(note.text, parsed)
        if sum(ch.isalpha() for ch in outside) < W.hidden_citation_chars:
            return True
        # a citation hidden in the prose names one of the bibliography's people ("… developed further in Whitmore")
        return not any(w in self.bib.by_family for w in fold(outside).split())

    # -- splitting again --------------------------------------------------------------------
    def _split_again(self, note: Note, strong: list[Mention]) -> list[Citation]:
        """Parse the note again with the strongly found titles masked; a piece the parser drops as prose
        that holds a found title with its author becomes a citation from the aligned reading."""
        from ..citations import parse_fragments

        titles = _disjoint([m.title for m in strong if m.title])
        text = note.text
        originals = []
        for k, (start, end) in enumerate(titles):
            originals.append(text[start:end])
            text = text[:start] + _mask(end - start, k) + text[end:]
        pieces = parse_fragments(replace(note, text=text), self.grammar, self.sigla)
        out = []
        for fragment, c in pieces:
            if c is not None:
                out.append(_unmask_citation(c, originals))
                continue
            lo, hi = fragment.offset, fragment.offset + len(fragment.text)
            inside = [m for m in strong if lo <= m.start and m.end <= hi and m.names and m.title]
            if inside:
                reading = self._aligned(note, lo, hi, inside[0], len(out))
                if reading is not None:
                    out.append(reading)
        return [replace(c, index=i) for i, c in enumerate(out)]

    # -- author-year short forms in a row -------------------------------------------------------
    def _author_years(self, note: Note, parsed: list[Citation], found: list[Mention]) -> list[Citation]:
        """Short forms of author-year styles run together with commas ("Behrendt/Ratajczak/Leidig 2013 19,
        Neugebauer 1996 45."): a parsed citation in which the names and year of two or more works are found, one
        after the other, is one citation per work."""
        if sum(1 for m in found if m.title is None and m.names and m.year) < 2:
            return parsed  # most notes: no two works found by their names and years alone
        return _recut(parsed, lambda c, index: self._cut_by_author_years(note, c, found, index))

    def _cut_by_author_years(self, note: Note, c: Citation, found: list[Mention], index: int) -> list[Citation] | None:
        lo, hi = c.span  # type: ignore[misc]
        at: dict[int, Mention] = {}
        for m in sorted((m for m in found if m.title is None and m.names and m.year and lo <= m.start < hi),
                        key=lambda m: (m.start, m.key)):
            # two works found at one place ("Voß 2020b": Voß's two works of 2020) cut the note once; which of them
            # it is, is for the resolver to tell or to call a tie
            at.setdefault(m.start, m)
        inside = list(at.values())
        starts = [m.start for m in inside]
        if len(inside) < 2 or any(a.end > b.start for a, b in zip(inside, inside[1:])):
            return None  # one work
        bounds = [lo] + starts[1:] + [hi]
        pieces = []
        for k, m in enumerate(inside):
            start, end = bounds[k], bounds[k + 1]
            end = start + len(note.text[start:end].rstrip(" ,;–—"))  # "Lammarsch 1993, 4 – Fenn 2022" (dguf)
            reading = self._aligned(note, start, end, m, index + k)
            if reading is None:
                return None
            pieces.append(reading)
        return pieces

    # -- one author, several titles ---------------------------------------------------------------
    def _one_author_several_titles(self, note: Note, parsed: list[Citation], found: list[Mention]) -> list[Citation]:
        """biblatex's compressed styles (authortitle-comp, -icomp) cite two works of one author in one citation:
        "Anonymous, « TEX consulting … », p. 206, « TEX82 Order Form », p. 69". A parsed citation in which the
        whole titles of two or more entries are found one after the other, a page between them, is one citation per
        title, the later ones with the first one's people."""
        whole = [(m.title.start, m.title.end, m) for m in found
                 if m.title is not None and m.title.whole and m.title.matched >= 2]
        if len({m.key for _, _, m in whole}) < 2:
            return parsed  # most notes
        return _recut(parsed, lambda c, index: self._cut_at_titles(note, c, whole, index))

    def _cut_at_titles(self, note: Note, c: Citation, whole: list[tuple[int, int, Mention]],
                       index: int) -> list[Citation] | None:
        from ..citations import parse_citation

        lo, hi = c.span  # type: ignore[misc]
        at: dict[int, tuple[int, int, Mention]] = {}
        for found in sorted((w for w in whole if lo <= w[0] and w[1] <= hi), key=lambda w: (w[0], w[2].key)):
            at.setdefault(found[0], found)  # two entries found at one place: one title
        inside = list(at.values())
        if len(inside) < 2 or not inside[0][2].names or len({m.key for _, _, m in inside}) < len(inside):
            return None
        text = note.text
        bounds = [lo]
        for (_, end, _), (start, _, _) in zip(inside, inside[1:]):
            between = text[end:start]
            if end > start or not re.search(r"\d", between) or not between.rstrip().endswith((*OPEN_QUOTES, ",")):
                return None  # no page between them, or not a new title after a comma: one work's title and subtitle
            bounds.append(end + len(between.rstrip(_OPENING + " ")))  # the second title's opening quote
        bounds.append(hi)
        ends = [start + len(text[start:end].rstrip(" ,;")) for start, end in zip(bounds, bounds[1:])]
        first = self._aligned(note, lo, ends[0], inside[0][2], index)
        if first is None or not first.authors:
            return None
        pieces = [first]
        for k, (start, end) in enumerate(zip(bounds[1:], ends[1:]), 1):
            later = parse_citation(text[start:end], note, index + k, note.line_at(start), self.grammar, self.sigla)
            if later is None or not later.title:
                return None
            pieces.append(replace(later, authors=first.authors, span=(start, end)))
        return pieces

    # -- names alone ----------------------------------------------------------------------------
    def _names_alone(self, note: Note, parsed: list[Citation], found: list[Mention]) -> list[Citation]:
        """A piece the parser dropped that is nothing but an entry's people (with "et al.", a signal word, a year
        or a page): an author-only citation ("Padhye, Firoiu, and Towsley.", "Cotton et al.", "Hofmann 186")."""
        from ..citations import split_note

        named = [m for m in found if m.title is None and m.names]
        if not named:
            return parsed
        taken = [c.span for c in parsed if c.span]
        added: list[Citation] = []
        for fragment in split_note(note.text, self.grammar):
            lo, hi = fragment.offset, fragment.offset + len(fragment.text)
            if any(a < hi and lo < b for a, b in taken):
                continue
            inside = [m for m in named if lo <= m.start and m.end <= hi]
            if inside and _only_names(note.text, lo, hi, inside[0], self.grammar):
                c = self._aligned(note, lo, hi, inside[0], 0)
                if c is not None:
                    added.append(c)
        if not added:
            return parsed
        ordered = sorted([*parsed, *added], key=lambda c: c.span[0] if c.span else -1)
        return [replace(c, index=i) for i, c in enumerate(ordered)]

    # -- joining a citation's tail ------------------------------------------------------------
    def _join_tails(self, note: Note, parsed: list[Citation], found: list[Mention]) -> list[Citation]:
        """A piece the parser cut off after a citation whose entry was found ("… Studies in medieval Jewish
        history. London, 2001, p. 66", "Phys. | Rev. Lett. 19 (1967), 1264") is that citation's imprint or
        container when its words are the entry's own: joined to it, and read again as one citation."""
        out: list[Citation] = []
        for c in parsed:
            prev = out[-1] if out else None
            if prev is not None and self._is_tail(note.text, prev, c, found):
                out[-1] = self._joined(note, prev, c, found)
            else:
                out.append(c)
        return out if len(out) == len(parsed) else [replace(c, index=i) for i, c in enumerate(out)]

    def _is_tail(self, text: str, prev: Citation, c: Citation, found: list[Mention]) -> bool:
        # (a piece read as an archive reference may be the entry's journal: "… 1914. Archiv für
        # Völkerrechtsgeschichte 31, 2004, 263"; its words decide, below)
        if prev.span is None or c.span is None or (_refers_back(c) and c.kind != Kind.ARCHIVAL) \
                or c.key is not None or prev.locator is not None:
            return False  # a citation that ends with its locator is complete
        if any(c.span[0] <= m.start < c.span[1] for m in found):
            return False  # another entry found in the piece: two citations
        entries = {m.key for m in found if prev.span[0] <= (m.title.start if m.title else m.start) < prev.span[1]}
        if not entries:
            return False
        gap = text[prev.span[1]:c.span[0]].strip(" .,:")
        if gap == ";":
            if not any(self._starts_with_place(text[c.span[0]:c.span[1]], k) for k in entries):
                return False  # a ";" between them is a new citation, unless the piece goes on with the entry's places
        elif gap and not any(self._only_own_people(gap, k) for k in entries):
            return False  # "Sous la dir. de Dilip Parameshwar Gaonkar." between them: the entry's editor, read over
        piece = text[c.span[0]:c.span[1]]
        if c.locator is not None:
            piece = piece.replace(c.locator.text, " ")
        for key in entries:
            own = self._imprint_words(key)
            # role words count for nothing: "Sous la dir. de Dilip Parameshwar Gaonkar" is the entry's editor
            words = [w for w in _words_of(_compounds_joined(piece, own)) if w not in _LOCATOR_WORDS
                     and w not in _ROLE_WORDS]
            if words and sum(1 for w in words if w in own) >= W.tail_share * len(words):
                return True
        return False

    def _only_own_people(self, gap: str, key: str) -> bool:
        """Whether a piece left between a citation and its tail holds only role words and the entry's people."""
        words = [w for w in _words_of(gap) if w not in _LOCATOR_WORDS and w not in _ROLE_WORDS]
        own = self._imprint_words(key)
        return bool(words) and all(w in own for w in words)

    def _starts_with_place(self, piece: str, key: str) -> bool:
        """"London, Duke University Press, 2001" after "…, Durham;": the entry's next place of publication; or its
        next publisher ("…, АН СССР, Зоол. ин-т; Наука, Ленинг. отд-ние, 1981": organization, then publisher)."""
        e = self.bib.entries[key]
        places = fold(" ".join(filter(None, [e.get(f) for f in ("address", "location", "publisher", "organization",
                                                                  "institution", "school")]))).split()
        first = fold(piece).split()[:1]
        return bool(first) and first[0] in places

    def _imprint_words(self, key: str) -> frozenset[str]:
        words = self._imprints.get(key)
        if words is None:
            e = self.bib.entries[key]
            values = [e.get(f) or "" for f in _IMPRINT_FIELDS]
            values += [f"{p.given} {p.family}" for p in (*e.authors, *e.editors)]
            values += [e.get(f) or "" for f in ("translator", "editor", "bookauthor", "afterword", "foreword")]
            if e.year:
                values.append(str(e.year))
            words = self._imprints[key] = frozenset(w for v in values for w in fold(v).split())
        return words

    def _joined(self, note: Note, prev: Citation, c: Citation, found: list[Mention]) -> Citation:
        from ..citations import parse_citation

        lo, hi = prev.span[0], c.span[1]  # type: ignore[index]
        titles = _disjoint([m.title for m in found if m.title and lo <= m.title.start and m.title.end <= hi])
        text, originals = note.text[lo:hi], []
        for k, (start, end) in enumerate(titles):
            originals.append(note.text[start:end])
            text = text[:start - lo] + _mask(end - start, k) + text[end - lo:]
        joined = parse_citation(text, note, prev.index, prev.line, self.grammar, self.sigla)
        if joined is None:
            return prev
        return replace(_unmask_citation(joined, originals), span=(lo, hi))

    # -- readings ---------------------------------------------------------------------------
    def _readings(self, note: Note, c: Citation, found: list[Mention]) -> tuple[Reading, ...]:
        if c.span is None or _refers_back(c):
            return ()
        lo, hi = c.span
        out = []
        for m in found:
            if not (lo <= m.start and m.end <= hi):
                continue
            if m.title is None and _titled(c, m, note.text):
                continue  # the author is found, but the note cites a title none of the author's works has
            if _agrees(c, m, note.text):
                out.append(Reading(m.key, c, m, _matched(m, note.text)))  # the parser read it as found
                continue
            aligned = self._aligned(note, lo, hi, m, c.index, c)
            if aligned is not None:
                out.append(Reading(m.key, aligned, m, _matched(m, note.text)))
        return self._without_containers(out)

    def _without_containers(self, readings: list[Reading]) -> tuple[Reading, ...]:
        """A chapter's citation names the book it is in ("…, in: Şimşek (Hrsg.), Mütareke Dönemi…"): the book
        found after the chapter's title is where the chapter is, not a work cited."""
        if len(readings) < 2:
            return tuple(readings)
        entries = self.bib.entries
        kept = []
        for r in readings:
            inner = [o for o in readings if o is not r and o.mention.title is not None
                     and o.mention.title.start < r.mention.start and _is_container(entries[r.key], entries[o.key])]
            if not inner:
                kept.append(r)
        return tuple(kept)

    def _aligned(self, note: Note, lo: int, hi: int, m: Mention, index: int,
                 blind: Citation | None = None) -> Citation | None:
        """The citation in note.text[lo:hi] read as citing m's entry."""
        from ..citations import locator_only, parse_citation

        text = note.text
        authors = tuple(n for _, _, n in m.names)
        start = m.start
        line = note.line_at(start)
        if m.title is not None:
            title = text[m.title.start:m.title.end]
            tail = _without_unopened_bracket(text[m.title.end:hi], text[start:hi])
            parsed = parse_citation(_mask(len(title), 0) + tail, note, index, line, self.grammar, self.sigla)
            if parsed is None or parsed.kind in (Kind.ARCHIVAL, Kind.IBID) or parsed.xref_note is not None:
                parsed = Citation(note.number, index, "", line, Kind.SHORT, locator=locator_only(tail, self.grammar))
            kind = parsed.kind if parsed.kind in (Kind.FULL, Kind.SHORT) else Kind.SHORT
            if m.year is not None or _journal_and_volume(tail, self.bib.entries[m.key]):
                # the entry's year after its title: an imprint, however the parser read the rest; or its journal and
                # volume, whatever became of the year ("TUGboat 24, no. 2(772003):221": issue and year glued)
                kind = Kind.FULL
            fields = _unmask_citation(parsed, [title])
            if m.year is not None and fields.locator is not None and _year_read_as_page(fields.locator, text, m.year):
                # "Journal … 12, 3, 2014, 315": volume, number and year read as pages; the page comes after the year
                after_year = locator_only(text[m.year[1]:hi].lstrip(" ,.:;)"), self.grammar)
                fields = replace(fields, locator=after_year or fields.locator)
            return replace(fields, text=text[start:hi].strip(), kind=kind, authors=authors,
                           title=collapse_spaces(title).strip(" ,.;:"), span=(start, hi),
                           marker=blind.marker if blind else fields.marker,
                           marker_role=blind.marker_role if blind else fields.marker_role).settled()
        if not authors:
            return None
        after = m.end
        tail = _ET_AL.sub("", text[after:hi], count=1)
        locator = None
        if m.year and m.container:
            tail = re.sub(r"^\s*[)\]]", "", tail)  # "DTK 27 (2015), 10 (13)": the year's bracket closes
        if tail.strip(" ,.;:"):
            # "Yoon et al. 2409", "Hofmann 186" (MLA): a bare page right after the names is the locator
            locator = locator_only(tail.lstrip(" ,.:;"), self.grammar)
        years = (int(text[m.year[0]:m.year[1]]),) if m.year else ()
        container = collapse_spaces(text[m.container[0]:m.container[1]]) if m.container else None
        volume = text[m.volume[0]:m.volume[1]] if m.volume else None
        # an article's people, journal, volume and year: all its citation gives, a full one in its style
        kind = Kind.FULL if container and years else Kind.SHORT
        return Citation(note.number, index, text[start:hi].strip(), line, kind, authors=authors, years=years,
                        container=container, volume=volume, locator=locator, span=(start, hi),
                        marker=blind.marker if blind else None, marker_role=blind.marker_role if blind else None)


def _year_read_as_page(locator: Locator, text: str, year: tuple[int, int]) -> bool:
    """Whether the locator read the entry's year, found there in the note, as one of its pages."""
    value = int(text[year[0]:year[1]])
    return any(a <= value <= b for a, b in locator.ranges) and text[year[0]:year[1]] in locator.text


_CLOSING_BRACKET = re.compile(r"\)\s*\.?\s*$")


def _without_unopened_bracket(tail: str, citation: str) -> str:
    """A citation in brackets of its own ("(Team, L. P.: Modifying LaTeX [1995], 8–9)."), read from its first name
    on: the bracket closing it is not part of its locator."""
    if citation.count(")") > citation.count("(") and _CLOSING_BRACKET.search(tail):
        return _CLOSING_BRACKET.sub(".", tail)
    return tail


def _is_container(book: Entry, part: Entry) -> bool:
    """Whether `book` is the book or journal `part` appeared in."""
    if part.get("crossref") == book.key:
        return True
    where = part.get("booktitle") or part.get("journaltitle") or part.get("journal")
    return bool(where) and book.key != part.key and title_similarity(where, book.title) >= W.container_title


_IMPRINT_FIELDS = ("publisher", "address", "location", "journal", "journaltitle", "booktitle", "booksubtitle",
                   "maintitle", "mainsubtitle", "series", "eventtitle", "organization", "institution", "school",
                   "volume", "number", "issue", "edition", "title", "subtitle", "titleaddon", "booktitleaddon",
                   "maintitleaddon", "venue", "pubstate", "pages", "type", "url", "doi", "isbn", "issn",
                   "note", "addendum")  # printed by biblatex's standard styles in a full citation
# what a tail holds besides the entry's words: locator labels and pinpoint words, numbers being pages, and the
# "in" before a container ("En: Organometallics 25.10 (2006), págs. 2409-2411"), as _words_of folds them
_LOCATOR_WORDS = frozenset(L.LOCATOR_WORDS) | frozenset(
    fold(w).strip(".") for w in [*L.IN_WORDS, *(label for labels in L.LOCATOR_LABELS.values() for label in labels),
                                 *(label for labels in L.VOLUME_LABELS.values() for label in labels)]) \
    | frozenset({"issn", "isbn", "url", "doi"}) \
    | frozenset(w for months in L.MONTHS.values() for m in months for w in (fold(m), fold(m)[:3], fold(m)[:4])) \
    | frozenset(fold(w).strip(".") for genre in L.GENRES for w in genre.split())
# (the labels biblatex prints before an identifier field; a month or its abbreviation: "(38 apr. 1993)", "4 февр.
# 2002"; a thesis's type, which styles print from the entry type: "Дис. … док.", "PhD thesis")


_ROLE_WORDS = frozenset(w for roles in L.ROLES.values() for role in roles for w in fold(role).split())


def _journal_and_volume(tail: str, entry: Entry) -> bool:
    """Whether the text after a found title writes the entry's journal and then its volume ("TUGboat 24")."""
    journal, volume = entry.get("journaltitle") or entry.get("journal"), entry.get("volume")
    if not journal or not volume:
        return False
    text, journal = fold(tail), fold(journal)
    at = text.find(journal)
    return at >= 0 and bool(re.match(r"\W{0,3}" + re.escape(fold(volume)) + r"\b", text[at + len(journal):]))


_HYPHENATED = re.compile(r"([^\W\d_]+)-([^\W\d_]+)")


def _compounds_joined(text: str, own: frozenset[str]) -> str:
    """The text with a word a line break hyphenated joined up where the entry spells it whole ("(ЛОК-СЕТЬ 88)"
    printed across two lines, "(ЛОКСЕТЬ 88)" in the entry)."""
    if "-" not in text:
        return text
    return _HYPHENATED.sub(lambda m: m.group(1) + m.group(2) if fold(m.group(1) + m.group(2)) in own else m.group(),
                           text)


def _words_of(text: str) -> list[str]:
    """A tail's words worth comparing: its words and years, not its other numbers (pages, volumes)."""
    return [w for w in fold(text).split() if not w.isdigit() or (len(w) == 4 and 1400 <= int(w) <= 2100)]


def _only_names(text: str, lo: int, hi: int, m: Mention, grammar: Grammar) -> bool:
    """Whether text[lo:hi] holds nothing but m's people, conjunctions, "et al.", a signal word, a year or a page."""
    rest = text[lo:hi]
    for start, end, _ in sorted(m.names, reverse=True):
        rest = rest[:start - lo] + " " + rest[end - lo:]
    rest = _ET_AL_ANYWHERE.sub(" ", rest)
    low = " " + fold(rest) + " "
    for signal in grammar.signals:
        low = low.replace(" " + fold(signal) + " ", " ")
    leftover = [w for w in low.split() if not w.isdigit() and w not in _LOCATOR_WORDS and w not in _JOINERS]
    return not leftover


_ET_AL_ANYWHERE = re.compile(r"\b(?:" + et_al_pattern() + ")", re.IGNORECASE)
_JOINERS = frozenset(L.JOINERS)


def _titled(c: Citation, m: Mention, text: str) -> bool:
    """Whether the parser read a title after the names m found: "Kemal Aydoğdu, İttihat ve Terakki’nin Taşra
    Teşkilatı (1908-1918)…" cites a work by its title, and if no title of the author's is found in the note, it is
    not their work in the bibliography. (A "title" standing before or around the names is prose or the names.)"""
    if not c.title:
        return False
    at = text.find(c.title, c.span[0] if c.span else 0)
    names_end = max(b for _, b, _ in m.names)
    if at < 0 or at + len(c.title) <= names_end:
        return False
    after = text[max(at, names_end):at + len(c.title)]
    return len([w for w in re.findall(r"[^\W\d_]+", after) if len(w) > 2]) >= 2


def _recut(parsed: list[Citation], cut: Callable[[Citation, int], list[Citation] | None]) -> list[Citation]:
    """Each parsed citation that reads titles, cut into the pieces `cut` gives (None: left whole), numbered again."""
    out: list[Citation] = []
    for c in parsed:
        pieces = cut(c, len(out)) if c.span and not _refers_back(c) else None
        out.extend(pieces or [c])
    return out if len(out) == len(parsed) else [replace(c, index=i) for i, c in enumerate(out)]


def _refers_back(c: Citation) -> bool:
    """Repeat markers, cross-references and archive references: resolved without reading titles."""
    return c.kind in (Kind.IBID, Kind.ARCHIVAL) or c.xref_note is not None or \
        c.marker_role == MarkerRole.SAME_AUTHOR or (c.marker_role == MarkerRole.EARLIER and not c.title)


def _outside(text: str, citations: list[Citation]) -> str:
    """The note's text outside its citations."""
    spans = sorted(c.span for c in citations if c.span)
    pieces, at = [], 0
    for start, end in spans:
        pieces.append(text[at:start])
        at = max(at, end)
    pieces.append(text[at:])
    return " ".join(pieces)


def _strong(m: Mention) -> bool:
    """A finding sure enough to split a note by: a title with its author, or a long title found whole."""
    return m.title is not None and (bool(m.names) or (m.title.whole and m.title.matched >= 3))


def _inside_one(m: Mention, citations: list[Citation]) -> bool:
    """Whether the entry's title and the names before it stand in one of the parser's citations."""
    return any(c.span and c.span[0] <= m.start and m.title.end <= c.span[1]  # type: ignore[union-attr]
               for c in citations)


def _disjoint(spans: list[object]) -> list[tuple[int, int]]:
    """Title spans, merged where they overlap (two volumes of one title), in order."""
    ordered = sorted((s.start, s.end) for s in spans)  # type: ignore[attr-defined]
    out: list[tuple[int, int]] = []
    for start, end in ordered:
        if out and start < out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def _agrees(c: Citation, m: Mention, text: str) -> bool:
    """Whether the parser's fields already say what the alignment found (then there is nothing to re-read)."""
    if m.title is not None and fold(c.title or "") != fold(text[m.title.start:m.title.end]):
        return False
    if m.container is not None and fold(c.container or "") != fold(text[m.container[0]:m.container[1]]):
        return False
    cited = {fold(n.family): fold(n.given) for n in c.authors}
    # the same people, with the given names the entry has ("Similarly Beccari": "Similarly" is no given name)
    return all(cited.get(fold(n.family)) == fold(n.given) for _, _, n in m.names) and \
        (m.year is None or int(text[m.year[0]:m.year[1]]) in c.years)
