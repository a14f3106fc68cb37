"""read -> split + parse -> load bib -> resolve -> rules: the whole check, as pure functions over plain data.

Nothing here reads or writes the cache: reuse.py wraps these functions and hands them what earlier runs left
(an earlier parse, an earlier resolution), which they take as plain arguments."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from .bibliography import Bibliography, entry_page_ranges, entry_pagetotal, entry_span, is_archival, load_bibliography
from .grammar import detect_language, grammar_for
from .grammar import languages as L
from .manuscript import read_manuscript
from .model import Citation, Entry, Finding, Kind, Locator, Manuscript, Note, Report, Resolution, Resolved, Severity
from .resolve import Resolver
from .rules import Context, all_rules

if TYPE_CHECKING:
    from .resolve.memo import Memo
    from .resolve.reading import NoteReader



@dataclass
class Options:
    language: str | None = None  # None: detect
    input_format: str | None = None
    encoding: str | None = None
    uncited: set[str] = field(default_factory=set)
    unused_entries: str = "auto"  # list uncited entries one by one, or count them (see rules/unused_entry.py)
    rules: frozenset[str] | None = None  # names of the rules to run; None: all
    severity: dict[str, Severity] = field(default_factory=dict)  # rule name -> overriding severity
    full_citation: str = "book"  # short-before-full: "book" (once in the book) or "chapter" (again per chapter)


def parse_citations(manuscript: Manuscript, language: str, abbreviations: dict[str, str] | None = None) -> list[Citation]:
    return _parse_notes(manuscript, language, abbreviations)[0]


def _parse_notes(manuscript: Manuscript, language: str, abbreviations: dict[str, str] | None = None,
                 earlier: Parsed | None = None, chosen: bool = False) -> tuple[list[Citation], list[int]]:
    """(the citations of every note, how many of each note's the parser found). `earlier`: a parse of an
    earlier version of the same file, whose citations are taken over for the notes that did not change.
    chosen: the language was given (--language), not detected: the locators of citations by key ("[@key, S. 12]",
    which the reader read with the language it detected) are read again in it."""
    from .citations import archive_definitions, parse_note  # the parser: not needed when the notes come from the cache
    from .halves import in_two

    grammar = grammar_for(language)
    if abbreviations is None:
        abbreviations = archive_definitions(manuscript.notes)
    sigla = set(L.ARCHIVE_SIGLA) | set(abbreviations)
    direct = manuscript.direct_citations or {}
    if chosen:
        direct = {n: [_relocated(c, grammar) for c in cits] for n, cits in direct.items()}
    known = {}
    if earlier is not None and (earlier.language, earlier.abbreviations) == (language, abbreviations):
        known = _parsed_notes(earlier)
    citations: list[Citation] = list(direct.get(0, []))  # the body text's own (LaTeX \textcite…): note 0
    counts: list[int] = []
    shapes = [_note_shape(note) for note in manuscript.notes] if known else [None] * len(manuscript.notes)
    # each note is parsed on its own: a book's notes in two processes at once (halves.py)
    new = [note for note, shape in zip(manuscript.notes, shapes) if shape not in known]
    fresh = iter(in_two(lambda notes: [parse_note(note, grammar, sigla) for note in notes], new))
    for note, shape in zip(manuscript.notes, shapes):
        citations.extend(direct.get(note.number, []))
        same = known.get(shape)
        if same is not None:
            old_line, old_citations = same
            parsed = [replace(c, note=note.number, line=c.line - old_line + note.line) for c in old_citations]
        else:
            parsed = next(fresh)
        citations.extend(parsed)
        counts.append(len(parsed))
    return citations, counts


def _relocated(c: Citation, grammar) -> Citation:  # type: ignore[no-untyped-def]
    """A citation by key with its locator read in this grammar ("S. 12" is a page in German only)."""
    from .locator import parse_locator

    if c.locator is None or c.item is not None:  # a reference manager's locator comes with its own label
        return c
    return replace(c, locator=parse_locator(c.locator.text, grammar))


NoteShape = tuple[str, tuple[tuple[int, int], ...]]


def _note_shape(note: Note) -> NoteShape:
    """What a note's parse depends on: its text, and where its lines start relative to its first line
    (a citation's line). Not its number or where it is in the file."""
    return note.text, tuple((offset, line - note.line) for offset, line in note.line_starts)


def _parsed_notes(earlier: Parsed) -> dict[NoteShape, tuple[int, list[Citation]]]:
    """shape -> (the note's first line, the citations the parser found in it), walking the earlier parse's
    citations as _parse_notes laid them out: each note's direct citations, then the parser's."""
    if len(earlier.parsed_per_note) != len(earlier.manuscript.notes):
        return {}
    direct = earlier.manuscript.direct_citations or {}
    known = {}
    at = len(direct.get(0, []))
    for note, count in zip(earlier.manuscript.notes, earlier.parsed_per_note):
        at += len(direct.get(note.number, []))
        known[_note_shape(note)] = (note.line, earlier.citations[at:at + count])
        at += count
    return known


def resolve_all(citations: list[Citation], bib: Bibliography, manuscript: Manuscript,
                abbreviations: dict[str, str] | None = None, language: str | None = None,
                counts: list[int] | None = None, resolver: Resolver | None = None,
                reader: "NoteReader | None" = None) -> list[tuple[Citation, Resolution]]:
    """Each citation with its resolution, note by note: the bibliography reads each note again (resolve.reading),
    and the resolver keeps the reading that matches best. counts: how many parsed citations each note has
    (Parsed.parsed_per_note), to tell a note's citations apart when note numbers repeat."""
    return resolve_notes(citations, bib, manuscript, abbreviations, language, counts, resolver, reader).pairs


def resolve_notes(citations: list[Citation], bib: Bibliography, manuscript: Manuscript,
                  abbreviations: dict[str, str] | None = None, language: str | None = None,
                  counts: list[int] | None = None, resolver: Resolver | None = None,
                  reader: "NoteReader | None" = None, earlier: "Memo | None" = None) -> "Memo":
    """resolve_all, keeping each note's result in a Memo; a note found in `earlier` (an earlier run's memo, same
    bibliography, same history before the note) is taken from it instead of being resolved again."""
    from .citations import archive_definitions
    from .fieldmatch import explained, prepare
    from .resolve import memo as M
    from .resolve.reading import NoteReader

    if abbreviations is None:
        abbreviations = archive_definitions(manuscript.notes)
    language = language or detect_language([n.text for n in manuscript.notes])
    citations, exact = prepare(citations, bib)  # reference managers' items and ids aliases: exact, never fuzzy
    exact_reason = {id(citations[position]): reason for position, reason in exact.items()}
    resolver = resolver or Resolver(bib, abbreviations)
    if manuscript.restarts:
        for n in manuscript.notes:
            if n.printed is not None:
                resolver.running.setdefault(n.printed, []).append(n.number)
    reader = reader or NoteReader(bib, grammar_for(language), set(L.ARCHIVE_SIGLA) | set(abbreviations),
                                  resolver.settled)
    bib_digest = getattr(bib, "digest", b"")
    if earlier is not None and not (bib_digest and earlier.usable_by(bib_digest, language, abbreviations)):
        earlier = None
    memo = M.Memo(bib_digest, language, abbreviations)
    for note, note_citations in _by_note(citations, manuscript, counts):
        key = None
        if note is not None and M.reusable(note_citations):
            key = (M.shape(note, note_citations), resolver.history.state())
            found = earlier.notes.get(key) if earlier is not None else None
            if found is not None:
                for c, res in M.taken(found, note):
                    resolver.history.add(c, res)
                    memo.pairs.append((c, res))
                memo.notes[key] = found
                continue
        start = len(memo.pairs)
        read = reader.read(note, note_citations) if note is not None else [(c, ()) for c in note_citations]
        for c, readings in read:
            original = c
            resolved = resolver.resolve_read(c, readings)
            if resolved is None:
                continue  # a tentative citation that was prose
            c, res = resolved
            res = explained(res, exact_reason.get(id(original)))
            memo.pairs.append((_settle_kind_and_pages(c, res, bib), res))
        if key is not None and note is not None:
            memo.notes[key] = M.kept(memo.pairs[start:], note)
    return memo


def _settle_kind_and_pages(c: Citation, res: Resolution, bib: Bibliography) -> Citation:
    """What the entry a citation resolved to says of its kind and pages."""
    if res.key and not c.authors and c.kind in ("full", "short") and is_archival(bib.entries[res.key]):
        c = replace(c, kind=Kind.ARCHIVAL)  # a document cited by its title: no imprint to compare
    if res.key and c.locator is not None and len(c.locator.ranges) > 1 and \
            c.locator.ranges == entry_page_ranges(bib.entries[res.key]):
        # "Revue … 97 (2002), S. 431–456, 791–823": an article in parts, its own pages given in full, not
        # pages cited (one range could be both: an article of one page, or pages cited that happen to match)
        c = replace(c, locator=replace(c.locator, ranges=(), span=c.locator.ranges[0]))
    elif res.key and c.locator is not None and len(c.locator.ranges) > 1 and c.locator.span is None and \
            c.locator.ranges[0] == entry_span(bib.entries[res.key]) and \
            all(c.locator.ranges[0][0] <= a <= b <= c.locator.ranges[0][1] for a, b in c.locator.ranges[1:]):
        # "…, 1979), pp. 82–109, 102" (Cambridge, Oxford): the chapter's own span, then the page cited in it
        c = replace(c, locator=replace(c.locator, ranges=c.locator.ranges[1:], span=c.locator.ranges[0]))
    if res.key and c.locator is not None and _volume_read_as_page(c.locator, bib.entries[res.key]):
        # "Osmanlı Maliye Tarihi, …, 1997, c. 3" ("c." is a folio in Italian, cilt in Turkish), "Krapp's Last Tape,
        # 3" (CSL's short form of a volume in a series, no page cited): the entry's own volume, no page
        c = replace(c, locator=replace(c.locator, ranges=(), volume=c.locator.volume or bib.entries[res.key].get("volume")))
    if res.key and c.locator is not None and any(a == b and a >= 100 for a, b in c.locator.ranges):
        entry = bib.entries[res.key]
        span, total = entry_span(entry), entry_pagetotal(entry)
        ranges = tuple(_run_together(a, span, total) or (a, b) if a == b else (a, b) for a, b in c.locator.ranges)
        if ranges != c.locator.ranges:
            c = replace(c, locator=replace(c.locator, ranges=ranges))
    return c


def _volume_read_as_page(locator: Locator, entry: Entry) -> bool:
    """A single number, bare or after a label that may name a volume, that is the entry's volume: a book in
    several volumes (or one of a series), cited without a page."""
    volume = entry.get("volume")
    if not volume or not volume.isdigit() or entry_span(entry) or locator.volume or len(locator.ranges) != 1:
        return False
    a, b = locator.ranges[0]
    label = locator.text.split()[0] if len(locator.text.split()) == 2 else ""
    # compared as text: a volume field may hold any string of digits (int() refuses thousands of them)
    return a == b and str(a) == volume.lstrip("0") and (locator.text.strip(" .") == volume or label in _VOLUME_LABELS)


_VOLUME_LABELS = frozenset(label for labels in L.VOLUME_LABELS.values() for label in labels)


def _run_together(page: int, span: tuple[int, int] | None, total: int | None) -> tuple[int, int] | None:
    """A range an extractor ran together: pdftotext joins "52-" at a line's end with the "53" that begins the
    next line into "52" + "53" = 5253. Taken only for a page outside the work's pages whose two parts, read as a
    range, lie inside them: an article's or chapter's span ("123" + "25" as 123–125 too); for a book known only
    by its page count, halves of a number of four digits or more, a short range ("4147" as 41–47, not "313" as
    31–33: that is more likely a wrong page than a range)."""
    from .locator import expand_range

    digits = str(page)
    if span is not None:
        if span[0] <= page <= span[1]:
            return None
        splits = range((len(digits) + 1) // 2, len(digits))
        fits = lambda a, b: span[0] <= a < b <= span[1]  # noqa: E731
    elif total and page > total and len(digits) >= 4 and len(digits) % 2 == 0:
        splits = range(len(digits) // 2, len(digits) // 2 + 1)
        fits = lambda a, b: 0 < a < b <= min(total, a + _SHORT_RANGE)  # noqa: E731
    else:
        return None
    for k in splits:
        if digits[k] == "0":
            continue
        found = expand_range(digits[:k], digits[k:])
        if found and fits(*found):
            return found
    return None


_SHORT_RANGE = 30  # pages a range run together in a book may span


def _by_note(citations: list[Citation], manuscript: Manuscript,
             counts: list[int] | None) -> list[tuple[Note | None, list[Citation]]]:
    """Every note with its citations, in order, laid out as _parse_notes made them (direct ones, then parsed);
    a note without any is there too (the bibliography may find one the parser did not)."""
    direct = manuscript.direct_citations or {}
    notes = manuscript.notes
    body = len(direct.get(0, []))  # citations of the text itself come first (note 0)
    if counts is None or len(counts) != len(notes) or \
            body + sum(counts) + sum(len(direct.get(n.number, [])) for n in notes) != len(citations):
        by_number: dict[int, list[Citation]] = {}
        for c in citations:
            by_number.setdefault(c.note, []).append(c)
        out = [(n, by_number.pop(n.number, [])) for n in notes]
        out += [(None, cs) for cs in by_number.values()]  # citations of no note read (should not happen)
        return out
    out: list[tuple[Note | None, list[Citation]]] = [(None, citations[:body])] if body else []
    at = body
    for note, count in zip(notes, counts):
        size = len(direct.get(note.number, [])) + count
        out.append((note, citations[at:at + size]))
        at += size
    return out


def run_rules(report: Resolved, bib: Bibliography, options: Options, scope: str = "all",
              context: dict[str, object] | None = None) -> list[Finding]:
    """The selected rules over one report. scope: "all", "note" (a manuscript's own rules) or "work" (the rules
    about the bibliography, run once per book over all of its citations); context: more Context fields."""
    ctx = Context(report.manuscript, report.citations, report.entries, bib.problems, bib.path, options.uncited, bib,
                  options.unused_entries, **(context or {}))  # type: ignore[arg-type]
    findings: list[Finding] = []
    for rule in all_rules():
        if scope != "all" and rule.about_work != (scope == "work"):
            continue
        if options.rules is None or rule.name in options.rules:
            findings.extend(rule.check(ctx))
    findings = apply_severity(findings, options.severity)
    # a citation of the text itself (note 0) is in no note
    findings = [replace(f, note=None) if f.note == 0 else f for f in findings]
    findings.sort(key=lambda f: (f.file is not None, f.note if f.note is not None else 10**9, f.line or 0))
    return findings


def apply_severity(findings: list[Finding], overrides: dict[str, Severity]) -> list[Finding]:
    """The one place a configured severity replaces a rule's default."""
    return [replace(f, severity=overrides[f.rule]) if f.rule in overrides else f for f in findings]


def check(manuscript_path: str, bib_path: str, options: Options | None = None) -> Report:
    options = options or Options()
    manuscript = read_manuscript(manuscript_path, options.input_format, options.encoding)
    bib = load_bibliography(bib_path)
    return check_loaded(manuscript, bib, options)


@dataclass
class Parsed:
    """Everything that depends on the manuscript alone: what the cache keeps between runs."""

    manuscript: Manuscript
    text: str  # the source text, for suppression comments ("" for a package or PDF)
    language: str
    citations: list[Citation]
    abbreviations: dict[str, str]  # archive abbreviations the notes define ("... Arşivi (BCA)")
    parsed_per_note: list[int] = field(default_factory=list)  # how many citations the parser found in each note
    digest: bytes = field(default=b"", compare=False)  # of the file's bytes, when read from one: the resolution cache key


def parse(manuscript: Manuscript, text: str, language: str | None, earlier: Parsed | None = None) -> Parsed:
    from .citations import archive_definitions

    chosen = language is not None
    language = language or detect_language([n.text for n in manuscript.notes])
    abbreviations = archive_definitions(manuscript.notes)
    citations, counts = _parse_notes(manuscript, language, abbreviations, earlier, chosen)
    return Parsed(manuscript, text, language, citations, abbreviations, counts)


def check_loaded(manuscript: Manuscript, bib: Bibliography, options: Options | None = None,
                 parsed: Parsed | None = None, pairs: list[tuple[Citation, Resolution]] | None = None) -> Report:
    """One manuscript checked on its own: every rule, those about the bibliography included."""
    options = options or Options()
    resolved = resolve_manuscript(manuscript, bib, options, parsed, pairs)
    return Report.of(resolved, run_rules(resolved, bib, options))


def resolve_manuscript(manuscript: Manuscript, bib: Bibliography, options: Options | None = None,
                       parsed: Parsed | None = None, pairs: list[tuple[Citation, Resolution]] | None = None) -> Resolved:
    """The manuscript's citations resolved, before any rule runs. pairs: the resolution, when the caller has it
    (reuse.resolution: from the cache)."""
    options = options or Options()
    parsed = parsed or parse(manuscript, "", options.language)
    if pairs is None:
        pairs = resolve_parsed(parsed, bib).pairs
    return Resolved(manuscript, pairs, bib.entries, bib_path=bib.path, language=parsed.language)


def resolve_parsed(parsed: Parsed, bib: Bibliography, earlier: Memo | None = None) -> Memo:
    """The parsed citations resolved against bib, note by note; `earlier` (an earlier run's Memo, handed over by
    reuse.py) lends its result for the notes whose text and history did not change."""
    return resolve_notes(parsed.citations, bib, parsed.manuscript, parsed.abbreviations, parsed.language,
                         parsed.parsed_per_note, earlier=earlier)


def worst_severity(findings: list[Finding]) -> Severity | None:
    if not findings:
        return None
    return max((f.severity for f in findings), key=lambda s: s.rank)
