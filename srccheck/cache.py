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
os.replace, so concurrent runs see an old or a new entry, never half of one. The payload is a
pickle, and unpickling runs code, so every file carries a MAC (keyed BLAKE2b) over its header,
its slot's identity and its payload, and nothing is unpickled before the MAC checks: a file
planted or altered by anyone without the key (a truncated, damaged, foreign or forged file) is
rebuilt rather than trusted. The key (see cache_keys.py) is the user's own, kept outside the cache
folder, or $SRCCHECK_CACHE_KEY. Any failure to read or write the cache only costs the time of
parsing again.

The cache lives in the user cache folder (platformdirs), or in $SRCCHECK_CACHE_DIR;
--no-cache or SRCCHECK_NO_CACHE=1 turns it off. srccheck marks the folder as its own with a
CACHEDIR.TAG and names its files <kind>/<32 hex digits>.pickle (temporary ones ...tmp); it
uses only a folder that is its own (or empty, or new), owned by the user and writable by no
one else, and clear() deletes only files so named in a folder so marked (see cache_folder.py).
A slot is read only when it is a regular file (not a link, FIFO or device put in its place).
"""

from __future__ import annotations

import hashlib
import hmac
import os
import pickle
import stat
import sys
import tempfile
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import TypeVar

from .collector import lasting, paused
from .halves import fork_is_safe  # also asked by reuse.py: whether a helper or a writer may be forked

T = TypeVar("T")

_MAGIC = b"srccheck-cache/2\n"
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
    from .cache_folder import directory as folder

    return folder()


def identity(path: str, *options: object) -> str:
    """The slot name of an input file: where it is (its absolute path, and the path as given, which
    the result quotes) and the options its parsed form depends on."""
    where = os.path.abspath(path) if path != "-" else path
    return "\0".join([where, path, *map(str, options)])


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
    if slot is None:
        return build()
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


def _slot(kind: str, identity: str) -> Path | None:
    """Where this input's entry is kept, or None when there is no safe folder for it (warned once)."""
    from .cache_folder import kind_folder

    folder = kind_folder(kind)
    if folder is None:
        return None
    name = hashlib.blake2b(identity.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()
    return folder / (name + ".pickle")


def _mac(slot: Path, header: bytes, payload: bytes | memoryview) -> bytes | None:
    """The keyed checksum of an entry: its slot (kind and identity), its header and its payload; None without a key."""
    from .cache_keys import key

    secret = key()
    if secret is None:
        return None
    h = hashlib.blake2b(key=secret, digest_size=_DIGEST)
    h.update(slot.parent.name.encode() + b"/" + slot.name.encode() + b"\0" + header)
    h.update(payload)
    return h.digest()


def holds(kind: str, identity: str, data: bytes) -> bool:
    """Whether cached() would find a stored result for these bytes (reads only the slot's header)."""
    slot = _slot(kind, identity) if enabled() else None
    if slot is None:
        return False
    head = _read_slot(slot, _HEADER - _DIGEST)
    if head is None:
        return False
    return head == _MAGIC + fingerprint() + digest(data)


def previous(kind: str, identity: str) -> object | None:
    """What the slot holds for whatever bytes the input had when it was last parsed (by this srccheck),
    or None: the parse of an earlier version of an edited file, for the parts of it that did not change."""
    slot = _slot(kind, identity) if enabled() else None
    return _load(slot, None) if slot is not None else None


def _load(slot: Path, content: bytes | None) -> object | None:
    """The stored value when the slot is sound and holds these bytes' result (any bytes' when content is None)."""
    blob = _read_slot(slot)
    if blob is None:
        return None
    stored = blob[len(_MAGIC) + _DIGEST:len(_MAGIC) + 2 * _DIGEST]  # the digest of the bytes it was built from
    header = _MAGIC + fingerprint() + (content if content is not None else stored)
    if not blob.startswith(header) or len(blob) < _HEADER:
        return None  # another input, another srccheck, or not ours at all
    payload = memoryview(blob)[_HEADER:]
    mac = _mac(slot, header, payload)
    if mac is None or not hmac.compare_digest(mac, blob[len(header):_HEADER]):
        return None  # damaged, truncated, or written by someone without the key: never unpickled
    try:
        return lasting(lambda: pickle.loads(payload))  # noqa: S301 - authenticated by the user's own key above
    except Exception:  # noqa: BLE001 - whatever an unreadable pickle raises, parsing again is the answer
        return None


def _read_slot(slot: Path, size: int = -1) -> bytes | None:
    """The slot's bytes (the first `size` of them), or None: missing, unreadable, or not a regular file."""
    try:
        fd = os.open(slot, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None
        with os.fdopen(os.dup(fd), "rb") as handle:
            return handle.read(size)
    except OSError:
        return None
    finally:
        os.close(fd)


def _store(slot: Path, content: bytes, value: object) -> None:
    try:
        with paused():
            payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        header = _MAGIC + fingerprint() + content
        mac = _mac(slot, header, payload)
        if mac is None:
            return  # no key, no cache
        fd, temp = tempfile.mkstemp(dir=slot.parent, prefix=slot.stem, suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(header + mac)
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
    """Delete every cache file srccheck wrote; (files, bytes) removed. InputError when the folder is not a srccheck cache."""
    from .cache_folder import clear as clear_folder

    return clear_folder()


def usage() -> tuple[int, int]:
    """(files, bytes) of srccheck's entries in the cache folder."""
    from .cache_folder import usage as folder_usage

    return folder_usage()
