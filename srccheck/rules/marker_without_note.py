"""marker-without-note: a note mark in the body with no footnote of that number.

What it finds: a number in the body that continues the sequence of note marks but
has no footnote text.

Why it matters: the reader follows the mark and finds nothing.

What to do: write the missing note or delete the mark.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Finding, Severity
from . import Context

CODE = "SC204"
NAME = "marker-without-note"
SEVERITY = Severity.WARNING


def check(ctx: Context) -> Iterator[Finding]:
    for marker in ctx.manuscript.unmatched_markers:
        yield Finding(
            NAME, SEVERITY, f"{marker.label}: marker in the body but no footnote {marker.shown}",
            note=marker.number, line=marker.line, suggestion="write the note or remove the marker",
        )
