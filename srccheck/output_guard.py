"""A standard output that cannot be written (a full disk, a closed pipe, a closed descriptor) ends the run with
one line on stderr and exit code 2, never a traceback, whatever the command.

Output is buffered, so a write error may surface at any later write or only at the flush when Python exits,
outside every handler. The command group below therefore flushes stdout itself when parsing the command line
(--help, --version) and when a command finishes, and turns an output error raised anywhere in between into
OutputFailed. Afterwards standard output points at the null device, so nothing fails again at exit.
"""

from __future__ import annotations

import errno
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import click

# what writing to a full, closed or vanished output raises
OUTPUT_ERRORS = {errno.EPIPE, errno.ENOSPC, errno.EIO, errno.EFBIG, errno.EBADF, getattr(errno, "EDQUOT", -1)}


class OutputFailed(click.ClickException):
    """Standard output cannot be written: exit 2 (findings are exit 1)."""

    exit_code = 2

    def show(self, file: Any = None) -> None:
        try:
            sys.stderr.write(f"srccheck: {self.message}\n")
            sys.stderr.flush()
        except (OSError, ValueError, AttributeError):
            pass  # stderr is gone too: the exit code is all that is left


def _silence_stdout() -> None:
    """Point file descriptor 1 at the null device, so that what is still buffered can be flushed there."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, 1)
        os.close(null)
    except OSError:
        pass
    if sys.stdout is None or sys.stdout.closed:
        sys.stdout = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - lives as long as the process
    try:
        sys.stdout.flush()
    except (OSError, ValueError):
        pass


@contextmanager
def guarded() -> Iterator[None]:
    if sys.stdout is None:  # started with standard output closed (`srccheck ... >&-`)
        _silence_stdout()
        raise OutputFailed("cannot write the output: standard output is closed")
    try:
        try:
            yield
        finally:
            sys.stdout.flush()  # an error still buffered surfaces here, not at exit
    except OSError as exc:
        if exc.errno not in OUTPUT_ERRORS:
            raise
        _silence_stdout()
        raise OutputFailed(f"cannot write the output: {exc.strerror or exc}") from None


class GuardedGroup(click.Group):
    """click.Group whose option parsing and commands run under guarded()."""

    def make_context(self, *args: Any, **kwargs: Any) -> click.Context:
        with guarded():
            return super().make_context(*args, **kwargs)

    def invoke(self, ctx: click.Context) -> Any:
        with guarded():
            return super().invoke(ctx)
