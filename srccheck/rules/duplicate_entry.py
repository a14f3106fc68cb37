"""duplicate-entry: the same work twice in the bibliography, or keys that differ only in case.

What it finds: two entries with the same key; keys such as `Smith2001` and
`smith2001` (BibTeX treats them as the same); two entries with the same first author,
title and year under different keys.

Why it matters: citations split between the two, and one copy is usually out of date.

What to do: merge the entries and keep one key.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Finding, Severity
from ..bibliography import Bibliography
from . import Context

CODE = "SC502"
NAME = "duplicate-entry"
SEVERITY = Severity.WARNING
SCOPE = "work"  # about the bibliography: checked once for all the manuscripts that share it


def check(ctx: Context) -> Iterator[Finding]:
    for problem in ctx.bib_problems:
        if problem.kind == "duplicate-key":
            yield Finding(NAME, SEVERITY, f"bibliography: {problem.message}", key=problem.key,
                          line=problem.line, file=problem.path or ctx.bib_path, suggestion="merge the two entries")
    duplicates = ctx.bib.duplicates if ctx.bib is not None else Bibliography(ctx.bib_path or "", ctx.entries).duplicates
    for kind, key, earlier in duplicates:
        line = ctx.entries[key].line
        if kind == "case":
            yield Finding(NAME, SEVERITY, f"bibliography: keys {earlier} and {key} differ only in case",
                          key=key, line=line, file=_file(ctx, key), suggestion="use one key for the work")
        else:
            yield Finding(NAME, SEVERITY, f"bibliography: {key} repeats {earlier} (same author, title and year)",
                          key=key, line=line, file=_file(ctx, key), suggestion="merge the two entries")


def _file(ctx: Context, key: str) -> str | None:
    """The .bib file the entry is in (several may have been merged)."""
    return ctx.bib.file_of(key) if ctx.bib is not None else ctx.bib_path
