"""`srccheck cache dir` and `srccheck cache clear`: where parsed inputs are kept between runs, and emptying it."""

from __future__ import annotations

import click

from . import InputFailure


@click.group("cache")
def cache() -> None:
    """The cache of parsed bibliographies and manuscripts (makes repeated runs fast)."""


@cache.command("dir")
def cache_dir() -> None:
    """Print the cache folder, with how many files it holds and their size."""
    from .. import cache as store

    files, size = store.usage()
    click.echo(str(store.directory()))
    state = "" if store.enabled() else " (disabled by SRCCHECK_NO_CACHE)"
    click.echo(f"{files} file{'' if files == 1 else 's'}, {size / 1e6:.1f} MB{state}", err=True)


@cache.command("clear")
def cache_clear() -> None:
    """Delete every file srccheck cached; the next run parses its inputs afresh.

    Only in a folder srccheck marked as its cache (CACHEDIR.TAG), and only the files it names
    as its own there: a folder that is not a srccheck cache is refused (exit 2).
    """
    from .. import cache as store
    from ..errors import InputError

    try:
        files, size = store.clear()
    except InputError as exc:
        raise InputFailure(str(exc)) from None
    click.echo(f"srccheck: removed {files} file{'' if files == 1 else 's'} ({size / 1e6:.1f} MB) "
               f"from {store.directory()}", err=True)
