"""no-notes-found: the manuscript was read, but not a single note was found in it.

What it finds: a file in which the reader found no footnote or endnote at all, so nothing
was checked. It names the layout the reader looked for.

Why it matters: a check that finds nothing to check must not pass silently. Usually the text
is laid out in a way the reader did not recognise (notes extracted without their numbers, an
image-only page), or the wrong file or format was given.

What to do: check that the file holds the notes and that --input-format is right; for text
extracted from a PDF, make sure each note starts with its number at the start of a line.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

from ..model import Finding, Severity
from . import Context

CODE = "SC205"
NAME = "no-notes-found"
SEVERITY = Severity.ERROR

_EXPECTED = {
    ".md": "pandoc footnotes ([^1] with a [^1]: definition, or ^[inline notes]) or citations [@key]",
    ".tex": "\\footnote, \\endnote, \\footcite or \\autocite commands",
    ".docx": "Word footnotes or endnotes", ".odt": "OpenDocument footnotes or endnotes",
    ".pdf": "footnotes at the foot of the pages or endnotes, each starting with its number",
}


def check(ctx: Context) -> Iterator[Finding]:
    ms = ctx.manuscript
    if ms.notes or any(ms.direct_citations.values()):
        return
    expected = ms.expected_layout or _EXPECTED.get(os.path.splitext(ms.path)[1].lower(),
                                                   "footnotes or endnotes, each starting with its number")
    hint = f"; {ms.no_notes_hint}" if ms.no_notes_hint else ""
    yield Finding(NAME, SEVERITY, f"no notes found: nothing was checked (expected {expected}){hint}",
                  suggestion="check the file and --input-format")
