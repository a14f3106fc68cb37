"""note-without-marker: a footnote whose number appears nowhere in the body text.

What it finds: a footnote with no reference mark in the text above it.

Why it matters: the reader cannot tell which sentence the note supports; usually the
mark was deleted while editing.

What to do: put the note mark back after the sentence it belongs to. (Manuscripts
whose body shows no marks at all, such as a notes-only file, are not checked.)
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Finding, Severity
from . import Context

CODE = "SC203"
NAME = "note-without-marker"
SEVERITY = Severity.WARNING


def check(ctx: Context) -> Iterator[Finding]:
    ms = ctx.manuscript
    if not ms.has_body or not ms.markers:
        return
    for note in ms.notes:
        if note.marker_line is None:
            yield Finding(
                NAME, SEVERITY, f"{note.label}: no marker {note.shown} found in the body text",
                note=note.number, line=note.line, suggestion="add the note mark to the sentence the note supports",
            )
