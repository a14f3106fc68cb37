"""The cyclic garbage collector, paused where srccheck makes many objects and no cycles to collect.

Reference counting frees what srccheck makes; the cyclic collector would only rescan it. Loading a
cached bibliography, checking a book's notes and writing its report each make hundreds of thousands
to millions of objects (a 5,000-note book against 20,000 entries leaves 311 objects of cyclic
garbage in all), and the collector's passes over them miss the processor's caches on every object.
Reading a PDF does make cycles, so the collector stays on around the manuscript readers.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

T = TypeVar("T")


@contextmanager
def paused() -> Iterator[None]:
    """No automatic collection inside; on again afterwards if it was on before."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def for_a_run() -> None:
    """Thresholds for a command-line run: at the defaults the collector rescans the run's hundreds of
    thousands of young objects over and over (a sixth of a large run)."""
    gc.set_threshold(100_000, 50, 100)


def settle() -> None:
    """Everything alive now lives until the run ends (the loaded inputs): out of the collector's sight."""
    gc.freeze()


def lasting(make: Callable[[], T]) -> T:
    """make(), paused, for a value that lives until the run ends (a loaded input, the report): what it
    made is then moved out of the collector's sight (gc.freeze: with everything else alive now), or the
    collector's first pass afterwards would scan all of it (35 ms for a 20,000-entry bibliography)."""
    with paused():
        value = make()
        settle()
    return value
