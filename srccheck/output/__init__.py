"""Renderers: one module per format, each with `write(results, out, options)`.

They only present findings; which findings exist and what the exit code is are
decided before (srccheck.runner). JSON, SARIF and JUnit never pass through rich.
Every piece of text from an input goes through sanitize.visible() on its way to a
terminal, an annotation or an XML document.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:  # not imported at run time: `srccheck --version` loads this module for the format names
    from ..model import Finding, Report, Results

FORMATS = ("text", "concise", "json", "sarif", "github", "junit", "html", "markdown")
MACHINE = ("json", "sarif", "junit", "html", "markdown")  # stdout holds one document: summaries go to stderr
_MODULES = {"text": "text", "concise": "concise", "json": "json_format", "sarif": "sarif",
            "github": "github", "junit": "junit", "html": "html", "markdown": "markdown"}


@dataclass(frozen=True)
class RenderOptions:
    color: bool = False
    show_sources: bool = True
    statistics: bool = False  # json: the count of findings per rule goes into the document


Writer = Callable[["Results", TextIO, "RenderOptions"], None]


def writer(name: str) -> Writer:
    module = importlib.import_module(f"{__name__}.{_MODULES[name]}")
    return module.write  # type: ignore[no-any-return]


def location(report: Report | None, finding: Finding) -> tuple[str, int | None]:
    """Where a finding points: the bib file for bib findings (or a chapter a LaTeX main file includes), else the
    manuscript."""
    return (finding.file or (report.manuscript.path if report is not None else "")), finding.line


def position(report: Report | None, finding: Finding) -> tuple[str, str, int | None]:
    """(file, what the number counts: "line", "paragraph" or "page", the number): a .docx finding is on a
    paragraph and a .pdf one on a page, never a "line"."""
    path, number = location(report, finding)
    kind = "line" if finding.file or report is None else report.manuscript.position_kind
    return path, kind, number


def position_label(report: Report | None, finding: Finding) -> str:
    """"line 12", "page 3", "paragraph 40" ("" when the finding has no position)."""
    _, kind, number = position(report, finding)
    return f"{kind} {number}" if number else ""


def statistics(results: Results) -> list[dict[str, object]]:
    """How many findings each rule has, most first: count, code, name, default severity."""
    from collections import Counter

    from ..rules import all_rules

    counted = Counter(f.rule for _, f in results.findings)
    rules = sorted(all_rules(), key=lambda r: (-counted[r.name], r.code))
    return [{"count": counted[r.name], "code": r.code, "name": r.name, "severity": r.severity.value}
            for r in rules if counted[r.name]]


def ordered(results: Results) -> list[tuple[Report | None, Finding]]:
    """Every finding once, errors first, then warnings, then info, each in report order."""
    return sorted(results.findings, key=lambda pair: -pair[1].severity.rank)


def rule_codes() -> dict[str, str]:
    from ..rules import all_rules

    return {r.name: r.code for r in all_rules()}
