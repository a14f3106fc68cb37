"""On-disk cache of parsed inputs: a bibliography with its search index, a manuscript with its citations.

Parsing is a pure function of the input's bytes, a few options and srccheck's own code, so
a result is stored under a slot named by (what, path, options) and is valid only while the
stored digests match: the input's bytes (blake2b; size and mtime alone miss same-second
edits and are refreshed by a mere checkout) and a fingerprint of the Python version and of
srccheck's source files (a new release or a local edit invalidates everything). Each slot
holds one version, so editing a file replaces its entry instead of piling up new ones;
until then previous() offers that older version to the parse of the edited file, which
takes over what did not change (the manuscript's unchanged notes).

Safety: a slot is written to a temporary file in the same folder and moved into place with
os.replace, so concurrent runs see an old or a new entry, never half of one; the payload
carries its own checksum, so a truncated or damaged file is rebuilt rather than trusted.
Any failure to read or write the cache only costs the time of parsing again.

The cache lives in the user cache folder (platformdirs), or in $SRCCHECK_CACHE_DIR;
--no-cache or SRCCHECK_NO_CACHE=1 turns it off.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import TypeVar

from .collector import lasting, paused

T = TypeVar("T")

_MAGIC = b"srccheck-cache/1\n"
_DIGEST = 32  # bytes of blake2b
_HEADER = len(_MAGIC) + 3 * _DIGEST
_disabled = False


def set_enabled(enabled: bool) -> None:
    """--no-cache: parse everything afresh and leave the cache folder alone for this run."""
    global _disabled
    _disabled = not enabled


def enabled() -> bool:
    return not _disabled and os.environ.get("SRCCHECK_NO_CACHE", "").strip() in ("", "0")


def directory() -> Path:
    override = os.environ.get("SRCCHECK_CACHE_DIR", "").strip()
    if override:
        return Path(override).expanduser()
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("srccheck", appauthor=False))


def identity(path: str, *options: object) -> str:
    """The slot name of an input file: where it is (its absolute path, and the path as given, which
    the result quotes) and the options its parsed form depends on."""
    where = os.path.abspath(path) if path != "-" else path
    return "\0".join([where, path, *map(str, options)])


def fork_is_safe() -> bool:
    """Whether this process may be forked: only on Linux (elsewhere fork is missing or unsafe), and only
    with no other thread running (the progress display), whose locks a forked copy could inherit held."""
    import threading

    return sys.platform == "linux" and threading.active_count() == 1


def digest(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=_DIGEST).digest()


@lru_cache(maxsize=1)
def fingerprint() -> bytes:
    """The code that produced a cached value: Python's version and every source file of srccheck."""
    return sources_fingerprint(Path(__file__).resolve().parent)


def sources_fingerprint(package: Path) -> bytes:
    from . import __version__

    h = hashlib.blake2b(digest_size=_DIGEST)
    h.update(f"{__version__}\0{sys.version}\0{pickle.HIGHEST_PROTOCOL}\0".encode())
    for source in sorted(package.rglob("*.py")):
        h.update(source.relative_to(package).as_posix().encode() + b"\0")
        h.update(source.read_bytes())
    return h.digest()


def cached(kind: str, identity: str, data: bytes, build: Callable[[], T], background: bool = False) -> T:
    """build(), or its stored result for these bytes. identity names the slot: the input's
    absolute path and every option the result depends on. background: store the new result
    from a forked copy of this process, so that the caller goes on at once (see wait())."""
    if not enabled():
        return build()
    slot = _slot(kind, identity)
    content = digest(data)
    found = _load(slot, content)
    if found is not None:
        return found  # type: ignore[no-any-return]
    value = build()
    if background and fork_is_safe():
        _store_aside(slot, content, value)
    else:
        _store(slot, content, value)
    return value


_writers: list[int] = []  # forked processes still storing a result


def _store_aside(slot: Path, content: bytes, value: object) -> None:
    """Pickling a large bibliography takes a tenth of a second or more: a forked child, which shares the
    parsed value with this process page by page, writes it while the run goes on."""
    try:
        pid = os.fork()
    except OSError:
        _store(slot, content, value)
        return
    if pid == 0:  # the child: store, then leave at once (no atexit handlers, no flushing of inherited buffers)
        try:
            _store(slot, content, value)
        finally:
            os._exit(0)
    if not _writers:
        import atexit

        atexit.register(wait)
    _writers.append(pid)


def wait() -> None:
    """Wait for results still being stored, so that no process outlives the run."""
    while _writers:
        pid = _writers.pop()
        try:
            os.waitpid(pid, 0)
        except ChildProcessError:
            pass


def _slot(kind: str, identity: str) -> Path:
    name = hashlib.blake2b(identity.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()
    return directory() / kind / (name + ".pickle")


def holds(kind: str, identity: str, data: bytes) -> bool:
    """Whether cached() would find a stored result for these bytes (reads only the slot's header)."""
    if not enabled():
        return False
    try:
        with _slot(kind, identity).open("rb") as handle:
            head = handle.read(_HEADER - _DIGEST)
    except OSError:
        return False
    return head == _MAGIC + fingerprint() + digest(data)


def previous(kind: str, identity: str) -> object | None:
    """What the slot holds for whatever bytes the input had when it was last parsed (by this srccheck),
    or None: the parse of an earlier version of an edited file, for the parts of it that did not change."""
    if not enabled():
        return None
    return _load(_slot(kind, identity), None)


def _load(slot: Path, content: bytes | None) -> object | None:
    """The stored value when the slot is sound and holds these bytes' result (any bytes' when content is None)."""
    try:
        blob = slot.read_bytes()
    except OSError:
        return None
    stored = blob[len(_MAGIC) + _DIGEST:len(_MAGIC) + 2 * _DIGEST]  # the digest of the bytes it was built from
    header = _MAGIC + fingerprint() + (content if content is not None else stored)
    if not blob.startswith(header) or len(blob) < _HEADER:
        return None  # another input, another srccheck, or not ours at all
    payload = memoryview(blob)[_HEADER:]
    if digest(payload) != blob[len(header):_HEADER]:
        return None  # damaged: truncated, or overwritten by something else
    try:
        return lasting(lambda: pickle.loads(payload))  # noqa: S301 - our own file in the user's own cache folder
    except Exception:  # noqa: BLE001 - whatever a damaged pickle raises, parsing again is the answer
        return None


def _store(slot: Path, content: bytes, value: object) -> None:
    try:
        with paused():
            payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        slot.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(dir=slot.parent, prefix=slot.stem, suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(_MAGIC + fingerprint() + content + digest(payload))
                out.write(payload)
            os.replace(temp, slot)
        except BaseException:
            _unlink(temp)
            raise
    except (OSError, pickle.PicklingError, RecursionError, TypeError, AttributeError):
        pass  # a read-only or full disk, or a value that cannot be stored: the run goes on uncached


def _unlink(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass



def clear() -> tuple[int, int]:
    """Delete every cache file; (files, bytes) removed."""
    files = size = 0
    root = directory()
    if not root.is_dir():
        return 0, 0
    for path in root.rglob("*"):
        if path.is_file() and path.suffix in (".pickle", ".tmp"):
            try:
                size += path.stat().st_size
                path.unlink()
                files += 1
            except OSError:
                pass
    return files, size


def usage() -> tuple[int, int]:
    """(files, bytes) in the cache folder."""
    root = directory()
    entries = [p for p in root.rglob("*.pickle") if p.is_file()] if root.is_dir() else []
    return len(entries), sum(p.stat().st_size for p in entries)
