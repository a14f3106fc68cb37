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
from ..bibliography import work_key
from . import Context

CODE = "SC502"
NAME = "duplicate-entry"
SEVERITY = Severity.WARNING


def check(ctx: Context) -> Iterator[Finding]:
    for problem in ctx.bib_problems:
        if problem.kind == "duplicate-key":
            yield Finding(NAME, SEVERITY, f"bibliography: {problem.message}", key=problem.key,
                          line=problem.line, file=ctx.bib_path, suggestion="merge the two entries")
    by_case: dict[str, str] = {}
    by_work: dict[tuple[str, str, str, str], str] = {}
    works = ctx.bib.work_keys if ctx.bib is not None else {key: work_key(e) for key, e in ctx.entries.items()}
    for key, entry in ctx.entries.items():
        lower = key.lower()
        if lower in by_case:
            yield Finding(NAME, SEVERITY, f"bibliography: keys {by_case[lower]} and {key} differ only in case",
                          key=key, line=entry.line, file=ctx.bib_path, suggestion="use one key for the work")
        else:
            by_case[lower] = key
        work = works[key]
        if work[1] and (work[0] or work[2]):
            if work in by_work and by_work[work].lower() != lower:
                yield Finding(NAME, SEVERITY, f"bibliography: {key} repeats {by_work[work]} (same author, title and year)",
                              key=key, line=entry.line, file=ctx.bib_path, suggestion="merge the two entries")
            else:
                by_work.setdefault(work, key)
