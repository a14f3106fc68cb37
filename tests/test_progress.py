"""Progress display: only for a person at a terminal, only for long runs, never in the report."""

from __future__ import annotations

import io
import sys
import time

import pytest
from click.testing import CliRunner
from rich.console import Console

from srccheck import progress as P
from srccheck.cli import main


class _Stream(io.StringIO):
    def __init__(self, tty: bool) -> None:
        super().__init__()
        self.tty = tty

    def isatty(self) -> bool:
        return self.tty


@pytest.mark.parametrize("fmt, quiet, out_tty, err_tty, ci, expected", [
    ("text", False, True, True, None, True),
    ("concise", False, True, True, None, True),
    ("json", False, True, True, None, False),  # machine-readable
    ("sarif", False, True, True, None, False),
    ("junit", False, True, True, None, False),
    ("github", False, True, True, None, False),
    ("text", True, True, True, None, False),  # --quiet
    ("text", False, False, True, None, False),  # stdout piped into a file or a program
    ("text", False, True, False, None, False),  # stderr redirected
    ("text", False, True, True, "true", False),  # CI logs
])
def test_wanted_only_by_a_person_at_a_terminal(monkeypatch, fmt, quiet, out_tty, err_tty, ci, expected):
    monkeypatch.setattr(sys, "stdout", _Stream(out_tty))
    monkeypatch.setattr(sys, "stderr", _Stream(err_tty))
    monkeypatch.delenv("TERM", raising=False)
    if ci:
        monkeypatch.setenv("CI", ci)
    else:
        monkeypatch.delenv("CI", raising=False)
    assert P.wanted(fmt, quiet) is expected


def _wait_until(condition, seconds: float = 5.0) -> bool:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if condition():
            return True
        time.sleep(0.01)
    return condition()


def test_a_long_run_shows_the_stage_and_erases_it_at_the_end():
    screen = io.StringIO()
    console = Console(file=screen, force_terminal=True, width=100)
    with P.Progress(3, True, console=console, delay=0.0) as bar:
        bar.stage("book [draft].txt: reading the notes")
        assert _wait_until(lambda: bar.shown)
        bar.advance()
        bar.stage("book [draft].txt: checking 12 citations")
        time.sleep(0.2)  # let the display refresh at least once
        assert bar.shown
    assert not bar.shown
    drawn = screen.getvalue()
    assert "book [draft].txt: checking 12 citations" in drawn  # brackets kept, not taken for rich markup
    assert "1/3" in drawn


def test_a_quick_run_draws_nothing():
    screen = io.StringIO()
    console = Console(file=screen, force_terminal=True)
    with P.Progress(1, True, console=console, delay=30.0) as bar:
        bar.stage("m.txt: reading the notes")
        bar.advance()
    assert not bar.shown and screen.getvalue() == ""


def test_disabled_draws_nothing_however_long():
    screen = io.StringIO()
    console = Console(file=screen, force_terminal=True)
    with P.Progress(1, False, console=console, delay=0.0) as bar:
        bar.stage("m.txt: reading the notes")
        time.sleep(0.1)
    assert not bar.shown and screen.getvalue() == ""


def test_piped_output_has_no_progress(write):
    bib = write("refs.bib", "@book{k, author={Kaya, Ali}, title={Liman Ticareti}, year={2001}}\n")
    text = write("m.txt", "Text.1\n\n" + " " * 40 + "\n1 Ali Kaya, Liman Ticareti, 2001, s. 12.\n")
    result = CliRunner().invoke(main, ["check", text, "--bib", bib, "--no-config"])
    assert result.exit_code == 0
    assert "\x1b" not in result.output and "reading the notes" not in result.output


def test_no_fork_while_the_display_thread_runs(monkeypatch):
    import multiprocessing
    import threading

    from srccheck import reuse

    asked = []

    class _Context:
        def Process(self, **kwargs):  # noqa: N802 - multiprocessing's name
            class _Helper:
                def start(self) -> None:
                    pass
            return _Helper()

    monkeypatch.setattr(multiprocessing, "get_context", lambda method: asked.append(method) or _Context())
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setattr(threading, "active_count", lambda: 2)
    reuse.start_helper("refs.bib")
    monkeypatch.setattr(threading, "active_count", lambda: 1)
    reuse.start_helper("refs.bib")
    assert asked == ["spawn", "fork"]
