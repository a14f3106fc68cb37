"""Writing an output file without harming anything: the one place every file srccheck writes goes through.

The rules, in the order they are checked (each refusal is an InputError: one line, exit 2):
- the target must be a regular file or not exist: a symbolic link is refused (writing through it would
  change the file it points to, a shared library .bib say), and so are FIFOs, devices, sockets and folders;
- the target must not be an input of the same run, compared by device and inode, so a hard link, another
  spelling of the path or the file fed on standard input is recognised too;
- an existing file is replaced only when it is of the writer's own kind (own_kind says so from its first
  bytes: a srccheck baseline for --write-baseline), or with force;
- the folder must exist.
The text goes to a temporary file beside the target, is flushed to disk and given the target's permission
bits and, where allowed, owner and group (a new file gets the usual 0666 less the umask; mkstemp alone would
leave 0600), then renamed over the
target: readers see the old file or the new one, never half of one, and an interrupted write leaves the old
file whole. Just before the rename the target is looked at again, so one swapped for a link or a FIFO in the
meantime is refused too.
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Callable, Iterable
from typing import TextIO

from .errors import InputError

OwnKind = Callable[[bytes], bool]
SNIFF_BYTES = 4096  # how much of an existing file own_kind sees


def input_identities(paths: Iterable[str]) -> set[tuple[int, int]]:
    """(device, inode) of each input that exists; "-" is standard input, and standard input is always counted
    when it is a regular file, so that `srccheck ... -o FILE < FILE` cannot replace what it read."""
    found: set[tuple[int, int]] = set()
    for path in paths:
        if path == "-":
            continue
        try:
            st = os.stat(path)
        except (OSError, ValueError):
            continue
        found.add((st.st_dev, st.st_ino))
    try:
        st = os.fstat(0)
        if stat.S_ISREG(st.st_mode):
            found.add((st.st_dev, st.st_ino))
    except OSError:
        pass
    return found


def check_target(path: str, inputs: Iterable[str], force: bool, own_kind: OwnKind | None, what: str) -> os.stat_result | None:
    """Refuse a target that must not be written (see the module's rules); its lstat when it exists."""
    if path == "-":
        raise InputError(f"'-' (standard output) is not a file srccheck can write the {what} to atomically; "
                         "give a file name")
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise InputError(f"{path}: cannot write the {what} ({exc.strerror or exc})") from None
    if st is not None:
        _refuse_kind(path, st, what)
        if (st.st_dev, st.st_ino) in input_identities(inputs):
            raise InputError(f"{path}: is an input of this run; choose another file for the {what}")
        if not force and not (own_kind is not None and own_kind(_head(path))):
            raise InputError(f"{path}: exists and is not a {what}; pass --force to overwrite it")
    folder = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(folder):
        raise InputError(f"{path}: folder {folder} does not exist")
    return st


def _refuse_kind(path: str, st: os.stat_result, what: str) -> None:
    if stat.S_ISLNK(st.st_mode):
        raise InputError(f"{path}: is a symbolic link; srccheck does not write the {what} through links "
                         "(give the real path)")
    if stat.S_ISDIR(st.st_mode):
        raise InputError(f"{path}: is a directory, not a file for the {what}")
    if not stat.S_ISREG(st.st_mode):
        raise InputError(f"{path}: not a regular file (a device, pipe or socket); srccheck writes the {what} "
                         "only to regular files")


def _head(path: str) -> bytes:
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return b""
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return b""
        return os.read(fd, SNIFF_BYTES)
    except OSError:
        return b""
    finally:
        os.close(fd)


def write_text(path: str, text: str, *, inputs: Iterable[str], force: bool = False, own_kind: OwnKind | None = None,
               what: str = "output") -> None:
    """Write text (UTF-8, "\\n" line ends) to path under the module's rules."""
    write_with(path, lambda handle: handle.write(text), inputs=inputs, force=force, own_kind=own_kind, what=what)


def write_with(path: str, render: Callable[[TextIO], object], *, inputs: Iterable[str], force: bool = False,
               own_kind: OwnKind | None = None, what: str = "output") -> None:
    """Let render write (UTF-8, "\\n" line ends) into path under the module's rules: a large report streams."""
    inputs = list(inputs)
    before = check_target(path, inputs, force, own_kind, what)
    folder = os.path.dirname(os.path.abspath(path))
    try:
        fd, temp = tempfile.mkstemp(prefix=".srccheck-", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise InputError(f"{path}: cannot write the {what} ({exc.strerror or exc})") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            render(handle)
            handle.flush()
            if hasattr(os, "fchmod"):  # not on Windows before Python 3.13: the mode stays mkstemp's there
                os.fchmod(handle.fileno(), _mode(before))
            _keep_owner(handle.fileno(), before)
            os.fsync(handle.fileno())
        _still_the_same(path, before, what)
        os.replace(temp, path)
    except BaseException as exc:
        try:
            os.unlink(temp)
        except OSError:
            pass
        if isinstance(exc, OSError):
            raise InputError(f"{path}: cannot write the {what} ({exc.strerror or exc})") from None
        raise


def append_text(path: str, text: str, *, inputs: Iterable[str], what: str = "output") -> None:
    """Add text at the end of path (created if missing), for files other tools own and expect to grow, such as
    GitHub's job summary: never through a link, never to a FIFO, device or folder, never to an input of the run.
    Opened without following a link and without blocking, then checked by what was opened."""
    flags = os.O_WRONLY | os.O_APPEND | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags, 0o666)
    except OSError as exc:
        raise InputError(f"{path}: cannot write the {what} ({exc.strerror or exc})") from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise InputError(f"{path}: not a regular file, cannot write the {what} to it")
        if (st.st_dev, st.st_ino) in input_identities(inputs):
            raise InputError(f"{path}: is an input of this run; the {what} is not written to it")
        os.write(fd, text.encode("utf-8"))
    except OSError as exc:
        raise InputError(f"{path}: cannot write the {what} ({exc.strerror or exc})") from None
    finally:
        os.close(fd)


def _mode(before: os.stat_result | None) -> int:
    if before is not None:
        return stat.S_IMODE(before.st_mode)
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o666 & ~umask


def _keep_owner(fd: int, before: os.stat_result | None) -> None:
    """The replaced file's owner and group, where this user may give them (root, or a group of one's own)."""
    if before is None or not hasattr(os, "fchown"):
        return
    try:
        os.fchown(fd, before.st_uid, before.st_gid)
    except OSError:
        pass


def _still_the_same(path: str, before: os.stat_result | None, what: str) -> None:
    """The target as checked: still absent, or still the same regular file (not swapped for a link or FIFO)."""
    try:
        now = os.lstat(path)
    except FileNotFoundError:
        now = None
    if now is None and before is None:
        return
    if now is None or before is None or (now.st_dev, now.st_ino) != (before.st_dev, before.st_ino):
        raise InputError(f"{path}: changed while srccheck was writing the {what}; nothing written")
    _refuse_kind(path, now, what)
