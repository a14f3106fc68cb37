"""Progress on stderr for long runs: which manuscript, which stage, how many done.

Shown only to a person watching: stderr and stdout both terminals (stdout piped means a
script or a file is collecting the report), a human-readable format, not --quiet, not CI,
and only once a run has taken longer than DELAY seconds, so quick runs never flicker. The
display is transient: it is erased when the run ends and never mixes into the report.
"""

from __future__ import annotations

import os
import sys
import threading
from typing import Any

DELAY = 1.0  # seconds before the display appears


def wanted(output_format: str, quiet: bool) -> bool:
    from .output import MACHINE

    if quiet or output_format in MACHINE or output_format == "github":
        return False
    if os.environ.get("CI") or os.environ.get("TERM") == "dumb":
        return False
    return sys.stdout.isatty() and sys.stderr.isatty()


class Progress:
    """Stages of a run (stage(), advance()); draws nothing unless started and DELAY has passed."""

    def __init__(self, total: int, enabled: bool, console: Any = None, delay: float = DELAY) -> None:
        self.total = total
        self.enabled = enabled
        self._console = console
        self._delay = delay
        self._display: Any = None
        self._task: Any = None
        self._text = ""
        self._done = 0
        self._lock = threading.Lock()
        self._timer: threading.Timer | None = None

    def __enter__(self) -> Progress:
        if self.enabled:
            self._timer = threading.Timer(self._delay, self._show)
            self._timer.daemon = True
            self._timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self._timer is not None:
            self._timer.cancel()
        with self._lock:
            if self._display is not None:
                self._display.stop()
                self._display = None
            self.enabled = False

    def stage(self, text: str) -> None:
        with self._lock:
            self._text = text
            if self._display is not None:
                self._display.update(self._task, description=_escape(text))

    def advance(self) -> None:
        with self._lock:
            self._done += 1
            if self._display is not None:
                self._display.update(self._task, completed=self._done)

    @property
    def shown(self) -> bool:
        return self._display is not None

    def _show(self) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress as Bar, SpinnerColumn, TextColumn
        from rich.progress import TimeElapsedColumn

        with self._lock:
            if not self.enabled or self._display is not None:
                return
            console = self._console or Console(stderr=True)
            columns = [SpinnerColumn(), TextColumn("{task.description}")]
            if self.total > 1:
                columns += [BarColumn(), MofNCompleteColumn()]
            self._display = Bar(*columns, TimeElapsedColumn(), console=console, transient=True)
            self._task = self._display.add_task(_escape(self._text), total=self.total, completed=self._done)
            self._display.start()


def _escape(text: str) -> str:
    from rich.markup import escape

    return escape(text)  # file names may hold [brackets]


class Silent:
    """The progress of a run nobody watches."""

    shown = False

    def stage(self, text: str) -> None:
        pass

    def advance(self) -> None:
        pass
