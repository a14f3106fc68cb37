"""note-number-gap: a note number missing from the sequence, or a note out of order.

What it finds: footnotes numbered 1, 2, 4 (3 is missing), or a number lower than the
one before it. Where numbering starts again at each chapter (book classes, Word sections), each
chapter's notes are checked on their own: chapter 2 starting again at 1 is no gap.

Why it matters: a missing note usually means a note was deleted while its marker
stayed in the text, or the numbering was typed by hand.

What to do: restore the note or renumber the notes.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Finding, Severity
from . import Context

CODE = "SC201"
NAME = "note-number-gap"
SEVERITY = Severity.ERROR


def check(ctx: Context) -> Iterator[Finding]:
    previous = 0
    chapter = 0
    seen: set[int] = set()
    for note in ctx.manuscript.notes:
        n = note.printed if note.printed is not None else note.number
        if note.chapter != chapter:
            chapter, previous, seen = note.chapter, 0, set()
        if n in seen:
            continue  # duplicate-note-number reports it
        where = f" of chapter {chapter}" if chapter and note.printed is not None else ""
        if n > previous + 1:
            missing = f"{previous + 1}" if n == previous + 2 else f"{previous + 1}–{n - 1}"
            yield Finding(
                NAME, SEVERITY,
                f"note{'s' if n > previous + 2 else ''} {missing}{where} missing (the notes jump from {previous} to {n})",
                # a missing note of a restarted chapter has no running number: point at the note after the gap
                note=note.number if where else previous + 1, line=note.line,
                suggestion="restore the missing note or renumber the notes",
            )
        elif n < previous:
            yield Finding(
                NAME, SEVERITY, f"note {n}{where}: out of order (comes after note {previous})",
                note=note.number, line=note.line, suggestion="renumber the notes",
            )
        seen.add(n)
        previous = max(previous, n)
