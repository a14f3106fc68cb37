"""short-before-full: a short form that comes before the work's first full citation.

What it finds: "Surname, Short Title, p. 12" or "Surname, a.g.e." in a note earlier
than the note where the same work is first cited in full.

Why it matters: the first citation of a work must be complete; a short form before
it sends the reader looking for a full reference that has not appeared yet (often a
note was moved during revision). Works never cited in full (short-note styles such as
İSNAD's footnote variant) are not reported. When several manuscripts are checked as one
book, the order is the book's: a full citation in chapter 1 covers the short forms of
chapter 3, and a short form in chapter 1 before the full citation in chapter 3 is reported.
Styles that give the full citation again in each chapter: `full-citation = "chapter"`
(or `--full-citation chapter`) makes each manuscript, and each chapter whose note numbering
starts again, start afresh.

What to do: give the full citation at the first mention and shorten the later one.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Finding, Kind, Severity
from . import Context

CODE = "SC103"
NAME = "short-before-full"
SEVERITY = Severity.WARNING
NEEDS_BIB = True  # which citation is a work's first full one: known through its entry


def check(ctx: Context) -> Iterator[Finding]:
    # each numbering chapter starts afresh when the style restarts full citations per chapter
    chapter_of = {n.number: n.chapter for n in ctx.manuscript.notes} if ctx.full_per_chapter else {}
    first_full: dict[tuple[int, str], tuple[int, int]] = {}
    for cit, res in ctx.citations:
        if res.key and cit.kind == Kind.FULL:
            first_full.setdefault((chapter_of.get(cit.note, 0), res.key), (cit.note, cit.index))
    reported: set[tuple[int, str]] = set()
    for cit, res in ctx.citations:
        if not res.key or cit.kind != Kind.SHORT or res.key in ctx.full_before:
            continue  # cited in full in an earlier manuscript of the book
        scope = (chapter_of.get(cit.note, 0), res.key)
        full = first_full.get(scope)
        if scope in reported or (full is not None and (cit.note, cit.index) >= full):
            continue
        if full is not None:
            where = ctx.note(full[0])
        elif res.key in ctx.full_after:  # cited in full only in a later manuscript of the book
            where = ctx.full_after[res.key]
        else:
            continue  # never cited in full: a short-note style
        reported.add(scope)
        yield Finding(
            NAME, SEVERITY,
            f"{ctx.note(cit.note)}: short form “{ctx.excerpt(cit.text)}” comes before the full citation in {where}",
            note=cit.note, key=res.key, line=cit.line,
            suggestion=f"move the full citation from {where} to {ctx.note(cit.note)}",
        )
