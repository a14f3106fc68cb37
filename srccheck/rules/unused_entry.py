"""unused-entry: a bibliography entry that no note cites.

What it finds: an entry of the .bib file that no citation resolved to.

Why it matters: journals expect the bibliography to list exactly the works cited;
an uncited entry is often a work whose citation was deleted, or one cited under a
spelling srccheck could not match (look for an unresolved-citation nearby).

What to do: cite it, or delete it from the bibliography (or list it under
`uncited` in the configuration when it is deliberate).
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Finding, Severity
from . import Context

CODE = "SC501"
NAME = "unused-entry"
SEVERITY = Severity.WARNING


def check(ctx: Context) -> Iterator[Finding]:
    used = {res.key for _, res in ctx.citations if res.key}
    maybe = {k for _, res in ctx.citations for k in res.ambiguous}
    for key, entry in ctx.entries.items():
        if key in used or key in maybe or key in ctx.deliberately_uncited:
            continue
        yield Finding(
            NAME, SEVERITY, f"bibliography entry {key} (“{ctx.excerpt(entry.title, 60)}”) is never cited",
            key=key, line=entry.line, file=ctx.bib_path,
            suggestion="cite it or remove it from the bibliography",
        )
