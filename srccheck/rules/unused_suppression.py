"""unused-suppression: a suppression that silenced nothing.

What it finds: an in-manuscript comment such as `<!-- srccheck: ignore[missing-locator] -->`
(Markdown) or `% srccheck: ignore[missing-locator]` (LaTeX), or an `ignore-notes`
entry in the configuration, that did not suppress any finding; also a suppression
naming a rule that does not exist.

Why it matters: a stale suppression hides nothing today but will silently hide a
real problem that appears there later; a misspelt rule name suppresses nothing.

What to do: delete the suppression, or correct the rule name or note number.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Finding, Severity
from . import Context

CODE = "SC901"
NAME = "unused-suppression"
SEVERITY = Severity.INFO


def check(ctx: Context) -> Iterator[Finding]:
    # Its findings need every other rule's findings first, so srccheck.suppress
    # produces them after the rules have run; as a rule it only supplies code, name and doc.
    return iter(())
