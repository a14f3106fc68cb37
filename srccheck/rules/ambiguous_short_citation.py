"""ambiguous-short-citation: a repeat marker or short form that could mean several works.

What it finds: "Surname, a.g.e." / "op. cit." when that author has several works cited
before; a bare "a.g.e." / "ibid." after a note that cites several works; a short form
that matches two entries equally well.

Why it matters: the reader cannot tell which work is meant, and srccheck does not
guess.

What to do: give the short title ("Surname, Short Title, p. 12") instead of the marker.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Finding, Severity
from . import Context

CODE = "SC102"
NAME = "ambiguous-short-citation"
SEVERITY = Severity.ERROR


def check(ctx: Context) -> Iterator[Finding]:
    for cit, res in ctx.citations:
        if res.key or not res.ambiguous:
            continue
        yield Finding(
            NAME, SEVERITY,
            f"{ctx.note(cit.note)}: “{ctx.excerpt(cit.text)}” is ambiguous: {res.reason} ({', '.join(res.ambiguous)})",
            note=cit.note, line=cit.line,
            suggestion="name the work with a short title instead of a repeat marker",
        )
