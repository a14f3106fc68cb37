"""Resolutions kept between runs, note by note: a re-check resolves only what changed.

A note's resolution depends on its text and citations as parsed, on the bibliography, and on the history
before it: the works cited so far and the last note's keys (History.state()). A memo keeps each note's
citations and resolutions under (the note's shape, that state); the next run, against the same bibliography
and with the same language and archive abbreviations, takes a note from the memo when both match, and
resolves it otherwise. An unchanged manuscript is then all taken; an edited note is resolved again, and so
is whatever its new resolution changes downstream (a note after it whose state differs), nothing more.

A note with a cross-reference ("(n 3)") is always resolved again: it reads an arbitrary earlier note.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Citation, Note, Resolution, replaced

Pair = tuple[Citation, Resolution]
NoteShape = tuple[object, ...]


@dataclass
class Memo:
    bib_digest: bytes
    language: str
    abbreviations: dict[str, str]
    pairs: list[Pair] = field(default_factory=list)  # the run's result, in order
    notes: dict[tuple[NoteShape, object], list[Pair]] = field(default_factory=dict)  # lines relative to the note

    def usable_by(self, bib_digest: bytes, language: str, abbreviations: dict[str, str]) -> bool:
        return (self.bib_digest, self.language, self.abbreviations) == (bib_digest, language, abbreviations)


def shape(note: Note, citations: list[Citation]) -> NoteShape:
    """What a note's resolution reads of the note: its text, where its lines start, its parsed citations."""
    return (note.text, tuple((offset, line - note.line) for offset, line in note.line_starts),
            tuple((c.text, c.key, c.kind, c.span, c.tentative, c.xref_note) for c in citations))


def reusable(citations: list[Citation]) -> bool:
    return all(c.xref_note is None for c in citations)


def taken(pairs: list[Pair], note: Note) -> list[Pair]:
    """A memo's pairs for this note where it now stands: its number and lines."""
    return [(replaced(c, note=note.number, line=note.line + c.line), r) for c, r in pairs]


def kept(pairs: list[Pair], note: Note) -> list[Pair]:
    """Pairs as the memo keeps them: lines relative to the note's first line."""
    return [(replaced(c, line=c.line - note.line), r) for c, r in pairs]
