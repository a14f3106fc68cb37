"""Renderers: one module per format, each with `write(reports, out, options)`.

They only present findings; which findings exist and what the exit code is are
decided before (srccheck.runner). JSON, SARIF and JUnit never pass through rich.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:  # not imported at run time: `srccheck --version` loads this module for the format names
    from ..model import Finding, Report

FORMATS = ("text", "concise", "json", "sarif", "github", "junit", "html", "markdown")
MACHINE = ("json", "sarif", "junit", "html", "markdown")  # stdout holds one document: summaries go to stderr
_MODULES = {"text": "text", "concise": "concise", "json": "json_format", "sarif": "sarif",
            "github": "github", "junit": "junit", "html": "html", "markdown": "markdown"}


@dataclass(frozen=True)
class RenderOptions:
    color: bool = False
    show_sources: bool = True


Writer = Callable[[Sequence["Report"], TextIO, "RenderOptions"], None]


def writer(name: str) -> Writer:
    module = importlib.import_module(f"{__name__}.{_MODULES[name]}")
    return module.write  # type: ignore[no-any-return]


def location(report: Report, finding: Finding) -> tuple[str, int | None]:
    """Where a finding points: the bib file for bib findings, else the manuscript."""
    return (finding.file or report.manuscript.path), finding.line


def rule_codes() -> dict[str, str]:
    from ..rules import all_rules

    return {r.name: r.code for r in all_rules()}
