"""Suppressions: comments in the manuscript and note numbers in the configuration.

`<!-- srccheck: ignore[rule, ...] -->` (Markdown/HTML) and `% srccheck: ignore[rule]`
(LaTeX; an escaped `\\%` is not a comment) apply to the note whose lines contain
them, else to the note whose marker is on the same line, else to the note that
starts right after them (only blank lines or other comments between). Without
`[...]` a comment silences every rule for that note. Rules are named by name, code
or code prefix. A suppression that silenced nothing becomes an unused-suppression
finding, so stale ones do not hide future problems.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .config import specificity
from .model import Finding, Manuscript, Note

_COMMENT = re.compile(
    r"<!--\s*srccheck:\s*ignore(?:\[(?P<html>[^\]]*)\])?\s*-->"
    r"|(?<!\\)%\s*srccheck:\s*ignore(?:\[(?P<tex>[^\]]*)\])?"
)
_COMMENT_ONLY = re.compile(r"^\s*(?:<!--.*?-->\s*|%.*)*$")


@dataclass(frozen=True)
class Suppression:
    note: int | None  # None: the comment belongs to no note
    selectors: tuple[str, ...]  # empty: every rule
    line: int | None = None  # where it is written
    file: str | None = None  # set for suppressions from the configuration file
    origin: str = "comment"  # "comment" | "ignore-notes"


def _span(note: Note) -> tuple[int, int]:
    last = max([note.line, *(ln for _, ln in note.line_starts)])
    return note.line, last


def _owner(line: int, lines: list[str], manuscript: Manuscript) -> int | None:
    spans = [(_span(n), n.number) for n in manuscript.notes]
    inside = [(start, number) for (start, end), number in spans if start <= line <= end]
    if inside:
        return max(inside)[1]  # the innermost (latest-starting) note
    on_line = [m.number for m in manuscript.markers if m.line == line]
    if on_line:
        return on_line[0]
    after = sorted((start, number) for (start, _), number in spans if start > line)
    if after:
        start, number = after[0]
        between = lines[line:start - 1]  # lines after the comment, before the note (1-based -> slice)
        if all(_COMMENT_ONLY.match(text) for text in between):
            return number
    return None


def from_text(text: str, manuscript: Manuscript) -> list[Suppression]:
    """The suppression comments of a manuscript's raw text, each tied to its note."""
    lines = text.split("\n")
    found: list[Suppression] = []
    for number, line_text in enumerate(lines, 1):
        if "srccheck" not in line_text:
            continue
        for match in _COMMENT.finditer(line_text):
            raw = match.group("html") if match.group("html") is not None else match.group("tex")
            selectors = tuple(s.strip() for s in (raw or "").split(",") if s.strip())
            found.append(Suppression(_owner(number, lines, manuscript), selectors, number))
    return found


def from_config(ignore_notes: dict[int, list[str]], config_path: str | None) -> list[Suppression]:
    return [Suppression(number, tuple(sels), None, config_path, "ignore-notes")
            for number, sels in sorted(ignore_notes.items())]


def apply(findings: list[Finding], suppressions: list[Suppression], rules: list) -> tuple[list[Finding], list[Finding]]:  # type: ignore[type-arg]
    """(findings kept, unused-suppression findings). `rules` is the registry (code/name)."""
    from .rules import unused_suppression as unused

    by_name = {r.name: r for r in rules}
    used: set[tuple[int, str]] = set()  # (suppression index, selector) that silenced something
    kept: list[Finding] = []
    for finding in findings:
        rule = by_name.get(finding.rule)
        hit = False
        for i, s in enumerate(suppressions):
            if s.note is None or finding.note != s.note or finding.file is not None or rule is None:
                continue
            if not s.selectors:
                used.add((i, ""))
                hit = True
            for sel in s.selectors:
                if specificity(sel, rule) is not None:
                    used.add((i, sel))
                    hit = True
        if not hit:
            kept.append(finding)
    reports: list[Finding] = []
    for i, s in enumerate(suppressions):
        where = "in the configuration's ignore-notes" if s.origin == "ignore-notes" else "comment"
        if s.note is None:
            reports.append(Finding(unused.NAME, unused.SEVERITY,
                                   f"line {s.line}: suppression comment belongs to no note; put it inside the note "
                                   "or on the line before it", line=s.line, file=s.file,
                                   suggestion="move or delete the comment"))
            continue
        for sel in s.selectors or ("",):
            if (i, sel) in used:
                continue
            if sel and not _names_a_rule(sel, rules):
                why = f"names no rule ({sel!r})"
            else:
                why = f"silenced nothing ({sel or 'all rules'})"
            reports.append(Finding(unused.NAME, unused.SEVERITY,
                                   f"note {s.note}: suppression {where} {why}", note=s.note, line=s.line,
                                   file=s.file, suggestion="delete the suppression or correct the rule name"))
    return kept, reports


def _names_a_rule(sel: str, rules: list) -> bool:  # type: ignore[type-arg]
    return sel.strip().upper() == "ALL" or any(specificity(sel, r) is not None for r in rules)
