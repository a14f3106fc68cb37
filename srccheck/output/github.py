"""GitHub Actions workflow commands: `::error file=…,line=…,title=…::message` annotations.

Escaping follows the runner's rules: in the message `%`, CR and LF are
percent-encoded; in property values `:` and `,` are too, since they separate properties.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from ..model import Report, Severity
from . import RenderOptions, location, rule_codes

_COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def write(reports: Sequence[Report], out: TextIO, options: RenderOptions) -> None:
    codes = rule_codes()
    for report in reports:
        for f in report.findings:
            path, line = location(report, f)
            props = [f"file={escape_property(path)}"]
            if line:
                props.append(f"line={line}")
            title = f"{codes.get(f.rule, 'SC000')} {f.rule}"
            props.append(f"title={escape_property(title)}")
            message = f.message + (f"\n→ {f.suggestion}" if f.suggestion else "")
            out.write(f"::{_COMMAND[f.severity]} {','.join(props)}::{escape_data(message)}\n")
