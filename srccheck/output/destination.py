"""Where a report goes when it is not stdout: `check --output-file FILE`, through safe_output's rules.

A report file is replaced whole (a reader sees the old report or the new one, a failed run leaves the old one),
never over an input of the run, a link, a FIFO or a device, and an existing file that is not a srccheck
report only with --force.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TextIO

from ..safe_output import write_with


def is_report(head: bytes) -> bool:
    """A report srccheck wrote (every format names srccheck near its start), or an empty file."""
    return not head.strip() or b"srccheck" in head


def write_report_file(path: str, render: Callable[[TextIO], None], inputs: Iterable[str] = (),
                      force: bool = False) -> None:
    write_with(path, render, inputs=inputs, force=force, own_kind=is_report, what="report")
