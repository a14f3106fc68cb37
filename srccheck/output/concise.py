"""One line per finding, `path:line:col: CODE [rule-name] message`, as editors and grep expect.

We know lines, not columns, so the column is always 1; a finding without a line
points at line 1.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from ..model import Report
from . import RenderOptions, location, rule_codes


def write(reports: Sequence[Report], out: TextIO, options: RenderOptions) -> None:
    import click

    codes = rule_codes()
    for report in reports:
        for f in report.findings:
            path, line = location(report, f)
            code = codes.get(f.rule, "SC000")
            head = f"{path}:{line or 1}:1:"
            rule = f"{code} [{f.rule}]"
            message = " ".join(f.message.split())  # one finding, one line
            if options.color:
                head = click.style(head, bold=True)
                rule = click.style(rule, fg={"error": "red", "warning": "yellow"}.get(f.severity.value, "cyan"))
            out.write(f"{head} {rule} {message}\n")
