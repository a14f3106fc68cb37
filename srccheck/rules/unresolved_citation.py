"""unresolved-citation: a citation that matches no bibliography entry.

What it finds: a citation in a note (full, short form, archive reference or cited key)
that srccheck could not match to any entry of the .bib file.

Why it matters: the reader cannot find the source in the bibliography; often the
entry is missing, or the note misspells the author or title beyond recognition.

What to do: add the entry to the .bib file, or correct the note. A repeat marker
("a.g.e.", "ibid.") that points at an unresolved citation is not reported again.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Finding, Severity
from . import Context

CODE = "SC101"
NAME = "unresolved-citation"
SEVERITY = Severity.ERROR
NEEDS_BIB = True  # every citation is unresolved without a bibliography


def check(ctx: Context) -> Iterator[Finding]:
    for cit, res in ctx.citations:
        if res.key or res.ambiguous or res.cascade:
            continue
        what = {"archival": "archive reference", "ibid": "repeat marker"}.get(cit.kind, "citation")
        yield Finding(
            NAME, SEVERITY,
            f"{ctx.note(cit.note)}: {what} “{ctx.excerpt(cit.text)}” matches no bibliography entry ({res.reason})",
            note=cit.note, line=cit.line,
            suggestion="add the work to the bibliography or correct the citation",
        )
