"""Commands beyond `check`, one module each; cli.py registers them with main.add_command.

Modules here import only click (and grammar's tables, read from its data files by the standard library) at
load time, so `srccheck --help` stays fast.
"""

from __future__ import annotations

import click

from ..grammar import LANGUAGES as _GRAMMAR_LANGUAGES


class InputFailure(click.ClickException):
    """Unreadable input or a refused write: one line on stderr, exit 2 (findings are exit 1)."""

    exit_code = 2


# every command offers the languages grammar/ knows, so `check` and `sources` never disagree
LANGUAGES = ["auto", *_GRAMMAR_LANGUAGES]


def read_or_fail(path: str, encoding: str | None = None):  # type: ignore[no-untyped-def]
    """The manuscript, or InputFailure with the reader's one-line reason."""
    from ..errors import InputError
    from ..manuscript import read_manuscript

    try:
        return read_manuscript(path, None, encoding)
    except InputError as exc:
        raise InputFailure(str(exc)) from None
