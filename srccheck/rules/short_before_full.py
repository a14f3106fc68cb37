"""short-before-full: a short form that comes before the work's first full citation.

What it finds: "Surname, Short Title, p. 12" or "Surname, a.g.e." in a note earlier
than the note where the same work is first cited in full.

Why it matters: the first citation of a work must be complete; a short form before
it sends the reader looking for a full reference that has not appeared yet (often a
note was moved during revision). Works never cited in full (short-note styles such as
İSNAD's footnote variant) are not reported.

What to do: give the full citation at the first mention and shorten the later one.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Finding, Severity
from . import Context

CODE = "SC103"
NAME = "short-before-full"
SEVERITY = Severity.WARNING


def check(ctx: Context) -> Iterator[Finding]:
    first_full: dict[str, tuple[int, int]] = {}
    for cit, res in ctx.citations:
        if res.key and cit.kind == "full" and res.key not in first_full:
            first_full[res.key] = (cit.note, cit.index)
    reported: set[str] = set()
    for cit, res in ctx.citations:
        if not res.key or cit.kind != "short" or res.key not in first_full or res.key in reported:
            continue
        if (cit.note, cit.index) < first_full[res.key]:
            reported.add(res.key)
            full_note = first_full[res.key][0]
            yield Finding(
                NAME, SEVERITY,
                f"{ctx.note(cit.note)}: short form “{ctx.excerpt(cit.text)}” comes before the full citation in {ctx.note(full_note)}",
                note=cit.note, key=res.key, line=cit.line,
                suggestion=f"move the full citation from {ctx.note(full_note)} to {ctx.note(cit.note)}",
            )
