"""reversed-page-range: a page range whose end comes before its start.

What it finds: "s. 45-39", "pp. 210–201". Abbreviated ends ("131–32", "63-6") are read
as 131–132 and 63–66 and are not reported.

Why it matters: one of the two numbers is wrong.

What to do: correct the range.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Finding, Severity
from . import Context

CODE = "SC402"
NAME = "reversed-page-range"
SEVERITY = Severity.ERROR


def check(ctx: Context) -> Iterator[Finding]:
    for cit, res in ctx.citations:
        for start, end in cit.written_ranges:
            if end < start:
                yield Finding(
                    NAME, SEVERITY, f"{ctx.note(cit.note)}: page range {start}–{end} runs backwards in “{ctx.excerpt(cit.text)}”",
                    note=cit.note, key=res.key, line=cit.line, suggestion=f"did you mean {end}–{start}?",
                )
