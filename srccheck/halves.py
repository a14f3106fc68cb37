"""A long list of independent jobs worked through by two processes: this one and a forked copy of it.

The note parser reads each note on its own (the same note gives the same citations wherever it stands), so a
book's notes can be parsed in two halves at once. A first check of a book runs the parser in a helper process
while the main one, its bibliography loaded, only waits (reuse.parse_aside): the second core is free.

The copy shares this process's memory until either writes to a page, which is then copied. Where that is dear (a
virtual machine: about 11 us a page) it eats the gain for a very large book, whose two halves touch many pages: 5,000
and 20,000 notes parsed in 0.8 and 0.6 of the time, 100,000 in 0.93. Splitting the PDF-text reader's per-line work
the same way did not pay at all, so it stays in one process.
"""

from __future__ import annotations

import os
import pickle
import sys
from collections.abc import Callable, Sequence
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

# Below this many jobs forking and pickling the copy's results cost more than its half saves
# (a note takes about 0.2 ms to parse; forking a process holding a book takes some 40 milliseconds)
MIN_JOBS = 1000


def fork_is_safe() -> bool:
    """Whether this process may be forked: only on Linux (elsewhere fork is missing or unsafe), and only
    with no other thread running (the progress display), whose locks a forked copy could inherit held."""
    import threading

    return sys.platform == "linux" and threading.active_count() == 1


def in_two(work: Callable[[Sequence[T]], list[R]], jobs: Sequence[T]) -> list[R]:
    """work(jobs), the same list, with its second half worked by a forked copy of this process meanwhile; at once
    by this process alone where forking is unsafe (fork_is_safe), or with one core, or few jobs.
    work must be a pure function of its jobs: its results are pickled from the copy."""
    if len(jobs) < max(2, MIN_JOBS) or (os.cpu_count() or 1) < 2 or not fork_is_safe():
        return work(jobs)
    half = len(jobs) // 2
    reading, writing = os.pipe()
    try:
        pid = os.fork()
    except OSError:
        os.close(reading)
        os.close(writing)
        return work(jobs)
    if pid == 0:  # the copy: the second half, pickled into the pipe, then leave at once (no atexit, no flushing)
        status = 1
        try:
            os.close(reading)
            payload = pickle.dumps(work(jobs[half:]), protocol=pickle.HIGHEST_PROTOCOL)
            with os.fdopen(writing, "wb") as out:
                out.write(payload)
            status = 0
        finally:
            os._exit(status)
    os.close(writing)
    try:
        first = work(jobs[:half])
    finally:
        with os.fdopen(reading, "rb") as pipe:
            payload = pipe.read()
        _, status = os.waitpid(pid, 0)
    if status != 0:  # the copy failed: its half is worked here (and raises here what it raised there)
        return first + work(jobs[half:])
    return first + pickle.loads(payload)
