"""missing-locator: a citation without a page (or other locator).

What it finds: a full or short citation of a work with no page, folio, column or
paragraph. Archive references, and repeat markers such as "a.y." / "ibid." that mean
"the same place", are not reported, nor citations standing in the running text (LaTeX's
`\\textcite` in the body), which name a work rather than cite a page.

Why it matters: a claim supported by a whole book cannot be checked; most styles
want the page.

What to do: add the page, or ignore this rule for citations of whole works.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Finding, Severity
from . import Context

CODE = "SC403"
NAME = "missing-locator"
SEVERITY = Severity.INFO


def check(ctx: Context) -> Iterator[Finding]:
    for cit, res in ctx.citations:
        if cit.kind in ("archival", "ibid") or cit.locator is not None or cit.note == 0:
            continue  # note 0: a citation in the running text ("as \textcite{key} shows") names a work, not a page
        yield Finding(
            NAME, SEVERITY, f"{ctx.note(cit.note)}: no page given in “{ctx.excerpt(cit.text)}”",
            note=cit.note, key=res.key, line=cit.line, suggestion="add the page cited",
        )
