"""What a run takes over from earlier runs, decided in one place, around a pipeline that knows nothing of it.

pipeline.py and bibliography.py are pure: bytes in, a parse, a resolution, findings out. This module wraps them:
- a bibliography is taken from the on-disk cache while its bytes are unchanged (load_bibliography);
- a manuscript's parse likewise, and after an edit the earlier parse is handed to the parser, which takes over the
  notes that did not change (load_parsed);
- a resolution likewise, keyed by the manuscript's and the bibliography's bytes; after an edit the earlier one
  is handed to the resolver, which takes over the notes whose text and history did not change (resolution);
- a helper process parses a large manuscript into the cache while this one parses a large bibliography
  (parse_aside): both are first runs, and independent.
cache.py keeps the entries (format, MAC, atomic writes); this module chooses what is kept and when it is used.
"""

from __future__ import annotations

import os
from contextlib import nullcontext
from typing import TYPE_CHECKING, Any

from . import cache
from .errors import InputError

if TYPE_CHECKING:
    from collections.abc import Callable

    from .bibliography import Bibliography
    from .model import Citation, Resolution
    from .pipeline import Options, Parsed


def set_enabled(enabled: bool) -> None:
    """--no-cache: nothing is taken from earlier runs, nothing kept for later ones."""
    cache.set_enabled(enabled)


def wait() -> None:
    """Until the cache entries written in the background are complete (a run's end)."""
    cache.wait()


# -- the bibliography --------------------------------------------------------------------------------------------

def load_bibliography(path: str, encoding: str | None = None, background: bool = False) -> Bibliography:
    """The parsed, indexed bibliography; from the cache when this file was loaded before. background: a newly
    parsed one is written to the cache by a forked process (see cache.cached)."""
    from .bibliography import indexed_bibliography, read_bytes
    from .collector import lasting

    data = read_bytes(path, "bibliography")
    # parsing makes hundreds of thousands of objects and no cycles (see collector)
    bib = cache.cached("bib", cache.identity(path, encoding), data,
                       lambda: lasting(lambda: indexed_bibliography(data, path, encoding)), background)
    bib.digest = cache.digest(data)
    return bib


def bib_is_cached(path: str, encoding: str | None = None) -> bool:
    from .bibliography import read_bytes

    return cache.holds("bib", cache.identity(path, encoding), read_bytes(path, "bibliography"))


# -- the manuscript ----------------------------------------------------------------------------------------------

def load_parsed(path: str, options: Options, background: bool = False, source: str | None = None,
                bib_paths: tuple[str, ...] = ()) -> Parsed:
    """Read and parse a manuscript file, or take the result from the cache when the file is unchanged.
    source: where its bytes are read from when that is not `path` ("-" for standard input named `path`).
    bib_paths: the bibliographies it is checked against, whose words may cut lines a PDF extractor glued."""
    from .collector import paused
    from .manuscript import manuscript_bytes, parse_bytes_with_text, sniff_package
    from .pipeline import Parsed, parse

    data = manuscript_bytes(source or path, options.input_format)
    key, lent = _manuscript_key(data, path, options, bib_paths)
    identity = manuscript_identity(path, options)

    def build() -> Parsed:
        # an edited file: its earlier version's parse is still in the slot, and its unchanged notes need no parsing
        earlier = cache.previous("manuscript", identity)
        borrowed = lent[1]() if lent is not None else ()
        # the text readers and the note parser make many objects and no cycles (see collector): a 100,000-note
        # text spent 2 s of 32 in the collector's passes; the PDF and package readers do make cycles
        with (paused() if sniff_package(data) is None else nullcontext()):
            return parse(*parse_bytes_with_text(data, path, options.input_format, options.encoding, borrowed),
                         options.language, earlier if isinstance(earlier, Parsed) else None)

    parsed = cache.cached("manuscript", identity, key, build, background)
    parsed.digest = cache.digest(key)
    return parsed


def is_parsed(path: str, options: Options, bib_paths: tuple[str, ...] = ()) -> bool:
    """Whether load_parsed would take this manuscript from the cache."""
    from .manuscript import manuscript_bytes

    data = manuscript_bytes(path, options.input_format)
    return cache.holds("manuscript", manuscript_identity(path, options),
                       _manuscript_key(data, path, options, bib_paths)[0])


Lent = tuple[bytes, "Callable[[], set[str]]"]


def _manuscript_key(data: bytes, path: str, options: Options, bib_paths: tuple[str, ...]) -> tuple[bytes, Lent | None]:
    """What a manuscript's parse depends on: its bytes; a LaTeX main file's \\input chapters (the cache entry holds
    while none of them changes); the bibliographies' bytes when they lend words to its reading (lent_words)."""
    from .manuscript import included_bytes

    key = data + included_bytes(data, path, options.input_format, options.encoding)
    lent = lent_words(data, path, options.input_format, bib_paths)
    return (key + b"\0" + lent[0] if lent is not None else key), lent


# is_parsed and load_parsed ask it of the same file in one run: (size, hash, path, format) -> whether it borrows
_GLUED_SEEN: dict[tuple[int, int, str, str | None], bool] = {}


def lent_words(data: bytes, path: str, fmt: str | None, bib_paths: tuple[str, ...]) -> Lent | None:
    """When a manuscript is PDF text with lines an extractor glued ("DavidR.EllisonvePeterMarsh"), its
    bibliographies lend their words to the respacing (names and titles the text spells nowhere else): the digest
    of their bytes (which the parse then depends on) and the words. None for any other manuscript (Markdown,
    LaTeX and packages are never respaced)."""
    from .manuscript import detect_format, sniff_package
    from .manuscript.respace import bibliography_words, looks_glued

    if not bib_paths or fmt not in (None, "text") or sniff_package(data) is not None:
        return None
    seen = (len(data), hash(data), path, fmt)
    if seen not in _GLUED_SEEN:
        _GLUED_SEEN.clear()
        text = data.decode("utf-8", "replace")
        _GLUED_SEEN[seen] = looks_glued(text) and (fmt or detect_format(path, text)) == "text"
    if not _GLUED_SEEN[seen]:
        return None
    from .bibliography import read_bytes

    try:
        contents = [read_bytes(p, "bibliography") for p in bib_paths]
    except InputError:
        return None  # reported when the bibliography is loaded
    return cache.digest(b"\0".join(contents)), lambda: set().union(*map(bibliography_words, contents))


def manuscript_identity(path: str, options: Options) -> str:
    return cache.identity(path, options.input_format, options.encoding, options.language)


# -- the resolution ----------------------------------------------------------------------------------------------

def resolution(parsed: Parsed, bib: Bibliography) -> list[tuple[Citation, Resolution]]:
    """The parsed citations resolved against bib: from the cache when this manuscript was checked against these
    bytes of the bibliography before (the run then costs reading the cache), else note by note, taking the
    notes an earlier check of the same file left unchanged (resolve/memo.py)."""
    from .pipeline import resolve_parsed
    from .resolve.memo import Memo

    bib_digest = getattr(bib, "digest", b"")
    if not (parsed.digest and bib_digest and cache.enabled()):
        return resolve_parsed(parsed, bib).pairs
    identity = cache.identity(parsed.manuscript.path, bib.path, parsed.language)
    data = b"\0".join([parsed.digest, bib_digest, parsed.language.encode(), repr(sorted(parsed.abbreviations.items()))
                       .encode("utf-8", "surrogatepass")])

    def build() -> Memo:
        earlier = cache.previous("resolution", identity)
        return resolve_parsed(parsed, bib, earlier if isinstance(earlier, Memo) else None)

    return cache.cached("resolution", identity, data, build, background=True).pairs


# -- the helper process ------------------------------------------------------------------------------------------

# Below these sizes a file parses in less time than a helper process takes to start: a forked one
# at once, a spawned one (macOS, Windows, or with the progress display running) after importing srccheck.
ASIDE_MANUSCRIPT_BYTES = 64 * 1024
ASIDE_MANUSCRIPT_BYTES_SPAWNED = 256 * 1024
ASIDE_BIB_BYTES = 512 * 1024


def parse_aside(path: str, options: Options, bib_bytes_to_parse: Any, bib_paths: tuple[str, ...] = ()) -> Any:
    """A helper process parsing the manuscript into the cache while this one parses the bibliography, or
    None. Worth it only when both are large and neither is cached (a book against a large library, first
    run): the two jobs are independent and take about as long. Needs the cache and a second core.
    bib_bytes_to_parse: a callable giving the bytes of the run's bibliographies found in no cache."""
    if path == "-" or not cache.enabled() or (os.cpu_count() or 1) < 2:
        return None
    try:
        smallest = ASIDE_MANUSCRIPT_BYTES if cache.fork_is_safe() else ASIDE_MANUSCRIPT_BYTES_SPAWNED
        if os.path.getsize(path) < smallest or is_parsed(path, options, bib_paths):
            return None
    except (OSError, InputError):
        return None  # reported when the file is read
    if bib_bytes_to_parse() < ASIDE_BIB_BYTES:
        return None
    return start_helper(_parse_into_cache, path, options, bib_paths)


def start_helper(target, *args):  # type: ignore[no-untyped-def]
    import multiprocessing

    # fork shares the imported modules and starts at once; spawn starts a fresh interpreter
    context = multiprocessing.get_context("fork" if cache.fork_is_safe() else "spawn")
    helper = context.Process(target=target, args=args, daemon=True)
    helper.start()
    return helper


def _parse_into_cache(path: str, options: Options, bib_paths: tuple[str, ...] = ()) -> None:
    try:
        load_parsed(path, options, bib_paths=bib_paths)
    except BaseException:  # noqa: BLE001 - the main process reads the file again and reports any problem
        pass
