"""ambiguous-short-citation: a repeat marker or short form that could mean several works.

What it finds: "Surname, a.g.e." / "op. cit." when that author has several works cited
before; a short form that matches two entries equally well. A bare "a.g.e." / "ibid."
after a note that cites several works is read as the last of them (the citation just
before it, as biblatex's ibid tracker means it) and reported at info level.

Why it matters: the reader cannot tell which work is meant, and srccheck does not
guess; after several works, "ibid." is readable but unclear (Chicago 14.34 advises
against it).

What to do: give the short title ("Surname, Short Title, p. 12") instead of the marker.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Finding, Severity
from . import Context

CODE = "SC102"
NAME = "ambiguous-short-citation"
SEVERITY = Severity.ERROR
NEEDS_BIB = True  # which works a short form may mean: the bibliography's


def check(ctx: Context) -> Iterator[Finding]:
    for cit, res in ctx.citations:
        if res.key and len(res.ambiguous) > 1:
            # read as the work cited just before it ("ibid." after a note citing several works), yet worth naming
            others = ", ".join(k for k in res.ambiguous if k != res.key)
            yield Finding(
                NAME, Severity.INFO,
                f"{ctx.note(cit.note)}: “{ctx.excerpt(cit.text)}”: {res.reason}, {res.key} (the others: {others})",
                note=cit.note, key=res.key, line=cit.line,
                suggestion="name the work with a short title: a repeat marker after several works is unclear to "
                           "a reader",
            )
            continue
        if res.key or not res.ambiguous:
            continue
        yield Finding(
            NAME, SEVERITY,
            f"{ctx.note(cit.note)}: “{ctx.excerpt(cit.text)}” is ambiguous: {res.reason} ({', '.join(res.ambiguous)})",
            note=cit.note, line=cit.line,
            suggestion="name the work with a short title instead of a repeat marker",
        )
