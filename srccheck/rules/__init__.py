"""The rules: one module each, declared here in the order they are documented.

Each module has CODE, NAME, SEVERITY, a docstring (its user documentation: what it
finds, why it matters, what to do) and ``check(ctx)`` yielding Findings. NEEDS_BIB = True marks
a rule that means nothing without a bibliography (it is off then). SCOPE = "work"
marks a rule about the bibliography: when several manuscripts are checked as one book it
runs once, over all of their citations, and reports against the .bib.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from types import ModuleType
from typing import Callable, Iterable

from ..bibliography import BibProblem, Bibliography
from ..model import Citation, Entry, Finding, Manuscript, Resolution, Severity
from ..normalize import collapse_spaces

_MODULES = [
    "unresolved_citation", "ambiguous_short_citation", "short_before_full",
    "note_number_gap", "duplicate_note_number", "note_without_marker", "marker_without_note", "no_notes_found", "garbled_text",
    "inconsistent_spelling", "metadata_mismatch",
    "page_out_of_range", "reversed_page_range", "missing_locator",
    "unused_entry", "duplicate_entry", "bib_parse_error",
    "edited_citation", "unlinked_citation", "duplicate_item",
    "unused_suppression",
]


@dataclass
class Context:
    manuscript: Manuscript
    citations: list[tuple[Citation, Resolution]]
    entries: dict[str, Entry]
    bib_problems: list[BibProblem] = field(default_factory=list)
    bib_path: str | None = None
    deliberately_uncited: set[str] = field(default_factory=set)
    bib: Bibliography | None = None  # for what the bibliography's index already holds
    unused_entries: str = "auto"  # unused-entry: auto | each | summary
    paths: list[str] = field(default_factory=list)  # a work's rules: every manuscript of the book, in order
    # short-before-full in a book: works whose first full citation is in an earlier manuscript (cited in full
    # already) or only in a later one (key -> where, as a message names it); empty when each chapter starts afresh
    full_before: dict[str, str] = field(default_factory=dict)
    full_after: dict[str, str] = field(default_factory=dict)
    full_per_chapter: bool = False  # a numbering chapter inside a file starts afresh too

    _labels: dict[int, str] | None = field(default=None, repr=False)

    def note(self, number: int) -> str:
        """How a message names a note: "note 12", or "note 3 of chapter 2" when numbering restarts per chapter."""
        if self._labels is None:
            restarted = self.manuscript.restarts
            self._labels = {n.number: n.label for n in self.manuscript.notes} if restarted else {}
        return self._labels.get(number) or (f"note {number}" if number else "the text")

    @staticmethod
    def excerpt(text: str, limit: int = 90) -> str:
        text = collapse_spaces(text)
        return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: Severity
    doc: str
    check: Callable[[Context], Iterable[Finding]]
    scope: str = "note"  # "work": about the bibliography, run once per book
    needs_bib: bool = False  # off when a manuscript is checked without any bibliography

    @property
    def about_work(self) -> bool:
        return self.scope == "work"

    @property
    def summary(self) -> str:
        first = self.doc.strip().splitlines()[0]
        return first.split(":", 1)[1].strip() if ":" in first else first


def _load(module: ModuleType) -> Rule:
    return Rule(module.CODE, module.NAME, module.SEVERITY, module.__doc__ or "", module.check,
                getattr(module, "SCOPE", "note"), getattr(module, "NEEDS_BIB", False))


def all_rules() -> list[Rule]:
    return [_load(importlib.import_module(f"{__name__}.{m}")) for m in _MODULES]


def find_rule(name_or_code: str) -> Rule | None:
    wanted = name_or_code.strip().lower()
    for rule in all_rules():
        if wanted in (rule.code.lower(), rule.name):
            return rule
    return None
