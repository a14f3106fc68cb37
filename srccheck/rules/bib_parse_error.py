"""bib-parse-error: a part of the .bib file that cannot be read.

What it finds: BibTeX syntax errors (unbalanced braces, a missing comma) and
entries with the same field twice. The rest of the file is still checked.

Why it matters: the broken entry is invisible to LaTeX and to srccheck, so its
citations will look unresolved.

What to do: fix the entry at the given line.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Finding, Severity
from . import Context

CODE = "SC503"
NAME = "bib-parse-error"
SEVERITY = Severity.ERROR
SCOPE = "work"  # about the bibliography: checked once for all the manuscripts that share it


def check(ctx: Context) -> Iterator[Finding]:
    for problem in ctx.bib_problems:
        if problem.kind == "parse":
            yield Finding(NAME, SEVERITY, f"bibliography line {problem.line}: {problem.message}",
                          line=problem.line, file=problem.path or ctx.bib_path, suggestion="fix the BibTeX syntax of this entry")
