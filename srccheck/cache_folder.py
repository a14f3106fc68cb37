"""The cache folder: where it is, whether it is safe to use, and deleting only what srccheck wrote there.

srccheck marks a folder as its cache with a CACHEDIR.TAG (the cache-directory tag that backup tools know)
whose second line names srccheck, and keeps its entries as <kind>/<32 hex digits>.pickle, written through
temporary files <32 hex digits><8 characters>.tmp. It uses a folder only when
- it is new or empty (then it is made, mode 0700, and marked), or already marked, or holds nothing but
  srccheck's own kind folders (a cache from before the tag: it is marked then);
- it and its kind folders are owned by the user and writable by no one else (anyone who can write the
  folder can plant or swap entries; the keyed checksum stops forged ones, this stops the rest).
Otherwise the run goes on without a cache, with one warning on stderr. `clear()` refuses a folder that is
not marked as srccheck's, and there deletes only regular files named as srccheck names them, never
following a link.
"""

from __future__ import annotations

import os
import re
import stat
import sys
from pathlib import Path

from .errors import InputError

KINDS = ("bib", "manuscript")
TAG_NAME = "CACHEDIR.TAG"
TAG = (b"Signature: 8a477f597d28d172789f06886806bc55\n"
       b"# This file is a cache directory tag created by srccheck (parsed inputs; safe to delete).\n"
       b"# See the Cache Directory Tagging Specification.\n")
_ENTRY = re.compile(r"[0-9a-f]{32}(?:\.pickle|[a-z0-9_]{8}\.tmp)")
_warned: set[str] = set()
_checked: dict[str, Path | None] = {}  # folder -> itself when safe, None when not (checked once per process)


def directory() -> Path:
    override = os.environ.get("SRCCHECK_CACHE_DIR", "").strip()
    if override:
        return Path(override).expanduser()
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("srccheck", appauthor=False))


def warn_once(message: str) -> None:
    if message not in _warned:
        _warned.add(message)
        try:
            sys.stderr.write(f"srccheck: warning: {message}\n")
            sys.stderr.flush()
        except (OSError, ValueError):
            pass


def kind_folder(kind: str) -> Path | None:
    """The folder for entries of this kind, made if need be, or None when the cache must not be used."""
    root = _root()
    if root is None:
        return None
    folder = root / kind
    where = str(folder)
    if where not in _checked:
        _checked[where] = folder if _safe_folder(folder, create=True) else None
    return _checked[where]


def _root() -> Path | None:
    root = directory()
    where = str(root)
    if where not in _checked:
        _checked[where] = root if _safe_root(root) else None
    return _checked[where]


def _safe_root(root: Path) -> bool:
    if not _safe_folder(root, create=True):
        return False
    if is_marked(root):
        return True
    if not _only_ours(root):
        warn_once(f"{root} is not a srccheck cache (it holds other files and no {TAG_NAME} from srccheck); "
                  "not using it: point SRCCHECK_CACHE_DIR at a folder of its own")
        return False
    try:
        _write_tag(root)
    except OSError:
        return False  # a read-only folder: no cache, silently, as with any other failure to write it
    return True


def _safe_folder(folder: Path, create: bool) -> bool:
    try:
        st = os.stat(folder)
    except FileNotFoundError:
        if not create:
            return False
        try:
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            st = os.stat(folder)
        except OSError:
            return False  # cannot be made (a file in the way, a read-only parent): no cache
    except OSError:
        return False
    if not stat.S_ISDIR(st.st_mode):
        return False
    if hasattr(os, "getuid") and st.st_uid != os.getuid():
        warn_once(f"cache folder {folder} is owned by another user; not using it")
        return False
    if st.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        warn_once(f"cache folder {folder} is writable by other users; not using it "
                  f"(chmod go-w {folder}, or point SRCCHECK_CACHE_DIR elsewhere)")
        return False
    return True


def is_marked(root: Path) -> bool:
    try:
        fd = os.open(root / TAG_NAME, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return False
    try:
        return stat.S_ISREG(os.fstat(fd).st_mode) and os.read(fd, len(TAG) + 1) == TAG
    except OSError:
        return False
    finally:
        os.close(fd)


def _only_ours(root: Path) -> bool:
    """Nothing in the folder but srccheck's kind folders (empty, or a cache from before the tag)."""
    try:
        names = os.listdir(root)
    except OSError:
        return False
    return all(name in KINDS and _only_entries(root / name) for name in names)


def _only_entries(folder: Path) -> bool:
    try:
        return stat.S_ISDIR(os.lstat(folder).st_mode) and all(_ENTRY.fullmatch(n) for n in os.listdir(folder))
    except OSError:
        return False


def _write_tag(root: Path) -> None:
    fd = os.open(root / TAG_NAME, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o644)
    with os.fdopen(fd, "wb") as handle:
        handle.write(TAG)


def _entries(root: Path) -> list[tuple[str, int]]:
    """(path, size) of every regular file in the kind folders named as srccheck names them; links not followed."""
    found = []
    for kind in KINDS:
        folder = root / kind
        try:
            if not stat.S_ISDIR(os.lstat(folder).st_mode):
                continue
            with os.scandir(folder) as listing:
                for item in listing:
                    if _ENTRY.fullmatch(item.name) and item.is_file(follow_symlinks=False):
                        found.append((item.path, item.stat(follow_symlinks=False).st_size))
        except OSError:
            continue
    return found


def clear() -> tuple[int, int]:
    root = directory()
    if not os.path.lexists(root):
        return 0, 0
    if not os.path.isdir(root):
        raise InputError(f"{root}: not a folder, not a srccheck cache; nothing removed")
    if not is_marked(root) and not _only_ours(root):
        raise InputError(f"{root}: not a srccheck cache (no {TAG_NAME} written by srccheck); nothing removed")
    files = size = 0
    for path, length in _entries(root):
        try:
            os.unlink(path)
        except OSError:
            continue
        files += 1
        size += length
    return files, size


def usage() -> tuple[int, int]:
    root = directory()
    entries = [(p, n) for p, n in _entries(root) if p.endswith(".pickle")] if os.path.isdir(root) else []
    return len(entries), sum(n for _, n in entries)
