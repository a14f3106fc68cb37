"""page-out-of-range: a cited page outside the pages the work occupies.

What it finds: a page cited for an article, chapter or paper that lies outside the
entry's `pages` span, or a page of a book beyond its `pagetotal`.

Why it matters: the page number is wrong (a typo, or a page of another work), so the
reader cannot check the claim.

What to do: correct the page in the note, or the span in the bibliography entry.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..bibliography import entry_pagetotal, entry_span
from ..model import Finding, Kind, Severity
from . import Context

CODE = "SC401"
NAME = "page-out-of-range"
SEVERITY = Severity.ERROR


def check(ctx: Context) -> Iterator[Finding]:
    for cit, res in ctx.citations:
        if not res.key or not cit.written_ranges or cit.kind == Kind.ARCHIVAL:
            continue
        entry = ctx.entries[res.key]
        span = entry_span(entry)
        total = entry_pagetotal(entry)
        for start, end in cit.locator.pages if cit.locator else ():
            if span and (start < span[0] or end > span[1]):
                yield Finding(
                    NAME, SEVERITY,
                    f"{ctx.note(cit.note)}: page {_show(start, end)} is outside {res.key}'s pages {span[0]}–{span[1]}",
                    note=cit.note, key=res.key, line=cit.line, suggestion="check the page number",
                )
                break
            if not span and total and end > total:
                yield Finding(
                    NAME, SEVERITY,
                    f"{ctx.note(cit.note)}: page {_show(start, end)} is beyond the {total} pages of {res.key}",
                    note=cit.note, key=res.key, line=cit.line, suggestion="check the page number",
                )
                break


def _show(start: int, end: int) -> str:
    return str(start) if start == end else f"{start}–{end}"
