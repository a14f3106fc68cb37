"""Running the real command line against hostile input: a time bound and a file-system snapshot per run.

`run()` starts `srccheck` in a subprocess with a timeout (a hang fails the test instead of blocking the
suite) and returns the result. `Snapshot` records every file under some folders (type, bytes, mode, inode,
link target) without following links or opening FIFOs and devices, so a test can state that a run altered or
removed nothing it did not create. `one_line_error()` states the outcome of a refused run: exit 2, exactly one
line on stderr, no traceback.
"""

from __future__ import annotations

import hashlib
import os
import stat
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
ENTRY = "from srccheck.cli import main; main()"


@dataclass
class Result:
    args: tuple[str, ...]
    returncode: int
    stdout: bytes
    stderr: bytes
    seconds: float

    @property
    def err(self) -> str:
        return self.stderr.decode("utf-8", "replace")

    @property
    def out(self) -> str:
        return self.stdout.decode("utf-8", "replace")


def run(*args: str, timeout: float = 30, cwd: Path | str | None = None, stdin: bytes | int | None = None,
        stdout: int | None = None, env: dict[str, str] | None = None) -> Result:
    """srccheck ARGS in a subprocess; stdin: bytes to send, a file descriptor, or None for no input at all.
    stdout: a file descriptor to write to instead of a pipe (e.g. /dev/full)."""
    cmd = [sys.executable, "-c", ENTRY, *args]
    full_env = {**os.environ, **(env or {})}
    feed = stdin if isinstance(stdin, bytes) else None
    start = time.monotonic()
    try:
        done = subprocess.run(cmd, input=feed, stdin=stdin if isinstance(stdin, int) else
                              (None if feed is not None else subprocess.DEVNULL),
                              stdout=stdout if stdout is not None else subprocess.PIPE, stderr=subprocess.PIPE,
                              timeout=timeout, cwd=cwd or ROOT, env=full_env)
    except subprocess.TimeoutExpired:
        pytest.fail(f"srccheck {' '.join(args)[:300]} did not finish within {timeout} s")
    return Result(tuple(args), done.returncode, done.stdout or b"", done.stderr, time.monotonic() - start)


def no_traceback(result: Result) -> None:
    assert "Traceback" not in result.err, (result.args, result.err)


def one_line_error(result: Result, *words: str) -> str:
    """Exit 2 and exactly one line on stderr holding each of `words` (case-insensitive)."""
    no_traceback(result)
    assert result.returncode == 2, (result.args, result.returncode, result.err)
    lines = result.err.strip().splitlines()
    assert len(lines) == 1, (result.args, result.err)
    for word in words:
        assert word.lower() in lines[0].lower(), (word, lines[0])
    return lines[0]


def finished(result: Result) -> None:
    """A run that read its input: findings or none (exit 0/1), or a one-line refusal (exit 2); never a trace."""
    no_traceback(result)
    assert result.returncode in (0, 1, 2), (result.args, result.returncode, result.err)
    if result.returncode == 2:
        assert len(result.err.strip().splitlines()) == 1, (result.args, result.err)


LARGE = 256 * 1024 * 1024  # files larger than this are compared by size and modification time
Entry = tuple[str, str, int, int]  # (kind, content digest or link target, mode, inode)


class Snapshot:
    """Every entry under the given folders, links and special files included but never followed or opened."""

    def __init__(self, *folders: Path | str) -> None:
        self.folders = [Path(f) for f in folders]
        self.entries = self._take()

    def _take(self) -> dict[str, Entry]:
        entries: dict[str, Entry] = {}
        for folder in self.folders:
            for dirpath, dirnames, filenames in os.walk(folder, followlinks=False):
                for name in dirnames + filenames:
                    path = os.path.join(dirpath, name)
                    st = os.lstat(path)
                    if stat.S_ISLNK(st.st_mode):
                        content = "->" + os.readlink(path)
                        kind = "link"
                    elif stat.S_ISREG(st.st_mode) and st.st_size > LARGE:  # a sparse giant: not read
                        content, kind = f"{st.st_size} bytes, modified {st.st_mtime_ns}", "file"
                    elif stat.S_ISREG(st.st_mode):
                        with open(path, "rb") as handle:
                            content = hashlib.blake2b(handle.read()).hexdigest()
                        kind = "file"
                    elif stat.S_ISDIR(st.st_mode):
                        content, kind = "", "dir"
                    else:
                        content, kind = "", "special"
                    entries[path] = (kind, content, stat.S_IMODE(st.st_mode), st.st_ino)
        return entries

    def changes(self) -> dict[str, str]:
        """What happened to each entry since the snapshot: 'removed', 'altered' or 'created'."""
        now = self._take()
        found = {p: "removed" for p in self.entries if p not in now}
        found.update({p: "altered" for p in self.entries if p in now and now[p] != self.entries[p]})
        found.update({p: "created" for p in now if p not in self.entries})
        return found

    def assert_untouched(self, allowed_new: tuple[str, ...] = ()) -> None:
        """Nothing removed or altered; new entries only at the given paths (or under them)."""
        changes = self.changes()
        bad = {p: what for p, what in changes.items()
               if not (what == "created" and any(p == a or p.startswith(a.rstrip("/") + "/") for a in allowed_new))}
        assert not bad, bad


# The smallest project a CLI test needs: a PDF-text manuscript with one note citing the one entry of refs.bib.
BIB = "@book{smith2001, author={Smith, John}, title={The History of Things}, publisher={Penguin}, year=2001}\n"
MANUSCRIPT = "Body text.1\n\n" + " " * 40 + "\n1 John Smith, The History of Things (London: Penguin, 2001), s. 12.\n"


def make_project(tmp_path: Path, **more: str) -> Path:
    """tmp_path/project holding ms.txt and refs.bib, and any more files given as name=text."""
    folder = tmp_path / "project"
    folder.mkdir()
    files = {"ms.txt": MANUSCRIPT, "refs.bib": BIB, **{name.replace("_", "."): text for name, text in more.items()}}
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder
