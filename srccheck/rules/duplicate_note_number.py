"""duplicate-note-number: two footnotes with the same number.

What it finds: a note number used twice.

Why it matters: one of the two is unreachable from its marker, and every later
cross-reference ("see n. 12") becomes doubtful.

What to do: renumber the notes.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Finding, Severity
from . import Context

CODE = "SC202"
NAME = "duplicate-note-number"
SEVERITY = Severity.ERROR


def check(ctx: Context) -> Iterator[Finding]:
    first_line: dict[tuple[int, int], int] = {}
    for note in ctx.manuscript.notes:
        ident = (note.chapter, note.printed if note.printed is not None else note.number)
        if ident in first_line:
            yield Finding(
                NAME, SEVERITY,
                f"{note.label}: number used twice (first at line {first_line[ident]})",
                note=note.number, line=note.line, suggestion="renumber the notes",
            )
        else:
            first_line[ident] = note.line
