"""One line per finding, `path:line:col: CODE [rule-name] message`, as editors and grep expect.

We know lines, not columns, so the column is always 1; a finding without a line
points at line 1. A Word or PDF manuscript has paragraphs and pages, not lines: its
findings read `path: paragraph 12: CODE [rule-name] message` (no editor opens it at a line).
Text from the manuscript is shown with its control characters escaped.
"""

from __future__ import annotations

from typing import TextIO

from ..model import Results
from . import RenderOptions, position, rule_codes
from .sanitize import visible


def write(results: Results, out: TextIO, options: RenderOptions) -> None:
    import click

    codes = rule_codes()
    for report, f in results.findings:
        path, kind, number = position(report, f)
        code = codes.get(f.rule, "SC000")
        head = f"{visible(path)}:{number or 1}:1:" if kind == "line" else \
            f"{visible(path)}:" + (f" {kind} {number}:" if number else "")
        rule = f"{code} [{f.rule}]"
        message = " ".join(visible(f.message).split())  # one finding, one line
        if options.color:
            head = click.style(head, bold=True)
            rule = click.style(rule, fg={"error": "red", "warning": "yellow"}.get(f.severity.value, "cyan"))
        out.write(f"{head} {rule} {message}\n")
