"""The key of the cache's checksums: only someone holding it can write an entry that srccheck will unpickle.

By default each user has a random key of their own, made on first use in the user configuration folder
(platformdirs; never in the cache folder, which is the thing it protects), in a file only the user can
read. A key file that others can read or write, or that is not the user's, is not used (a warning, and
no cache). $SRCCHECK_CACHE_KEY, when set, is the key instead: jobs that share a cache folder (CI) share
the key as a secret, so a job without the secret (a pull request from a fork) cannot write entries that
later jobs would trust.
"""

from __future__ import annotations

import hashlib
import os
import secrets
import stat
from functools import lru_cache
from pathlib import Path

KEY_FILE = "cache.key"
_KEY_HEX = 64  # a 32-byte key, written in hex


def key() -> bytes | None:
    """32 bytes, or None when there is no usable key (then nothing is read from or written to the cache)."""
    given = os.environ.get("SRCCHECK_CACHE_KEY", "")
    if given:
        return hashlib.blake2b(given.encode("utf-8", "surrogatepass"), digest_size=32,
                               person=b"srccheck-key").digest()
    return _file_key(str(key_path()))


def key_path() -> Path:
    from platformdirs import user_config_dir

    return Path(user_config_dir("srccheck", appauthor=False)) / KEY_FILE


@lru_cache(maxsize=4)
def _file_key(path: str) -> bytes | None:
    found = _read(path)
    if found is None and not os.path.lexists(path):
        _make(path)
        found = _read(path)
    return found


def _read(path: str) -> bytes | None:
    from .cache_folder import warn_once

    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        if os.path.islink(path):
            warn_once(f"cache key {path} is a symbolic link; not using the cache")
        return None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            return None
        if hasattr(os, "getuid") and st.st_uid != os.getuid():
            warn_once(f"cache key {path} is owned by another user; not using the cache")
            return None
        if st.st_mode & 0o077:
            warn_once(f"cache key {path} can be read or written by other users; not using the cache "
                      f"(chmod 600 {path}, or delete it for a new key)")
            return None
        text = os.read(fd, _KEY_HEX + 2).strip()
    except OSError:
        return None
    finally:
        os.close(fd)
    try:
        return bytes.fromhex(text.decode("ascii")) if len(text) == _KEY_HEX else None
    except ValueError:
        return None


def _make(path: str) -> None:
    """A new random key, created whole or not at all (a temporary file, then a hard link that fails if another
    run made the key first, whose key then wins)."""
    folder = os.path.dirname(path)
    try:
        os.makedirs(folder, mode=0o700, exist_ok=True)
        temp = f"{path}.{os.getpid()}.tmp"
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
        try:
            with os.fdopen(fd, "w", encoding="ascii") as handle:
                handle.write(secrets.token_hex(32) + "\n")
            os.link(temp, path)
        finally:
            os.unlink(temp)
    except OSError:
        pass  # a read-only home, or another run's key: read (or not) by the caller
