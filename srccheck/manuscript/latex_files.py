r"""A LaTeX document read whole: the files a main file brings in with \input, \include, \subfile and \import.

LaTeX reads an included file where the command stands, so the notes of a thesis whose chapters are
``\include{chapters/one}`` are the notes of the main file. The text is put together the same way, and a
line map remembers which file and line each part came from, so that findings name the chapter file.

- ``\input{f}`` / ``\input f`` / ``\include{f}``: ``f.tex`` (or ``f`` as written), relative to the main
  file's folder as LaTeX looks it up, else to the including file's folder; ``\includeonly{a,b}`` in the
  preamble leaves the other ``\include`` files out, as LaTeX does.
- ``\subfile{f}``, and any included file with a ``\documentclass`` of its own (subfiles, standalone):
  only its document body.
- ``\import{dir}{f}`` / ``\subimport{dir}{f}`` (and their ``…from`` forms): ``f`` in ``dir``, relative to
  the main file's folder / to the including file's folder; what that file includes is looked up there.
- Commands inside comments and verbatim environments are not followed.

Limits, each an InputError naming the file and line: an included file that is missing, or that includes
itself through others (LaTeX would loop until its capacity is exceeded); more than 15 files open at once
(TeX's own limit); more text in all than a manuscript may hold.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field

from ..errors import InputError
from ._common import line_of, line_offsets

MAX_DEPTH = 15  # TeX Live's max_in_open: files open at once
_INCLUDE = re.compile(
    r"\\(?P<cmd>input|include|subfile|import|subimport|inputfrom|includefrom|subinputfrom|subincludefrom)"
    r"(?![A-Za-z@])\s*(?:\{(?P<first>[^{}\n]*)\}|(?P<bare>[^\s{}\\%]+))"
)
_SECOND = re.compile(r"\s*\{([^{}\n]*)\}")
_TWO_ARGUMENTS = {"import", "subimport", "inputfrom", "includefrom", "subinputfrom", "subincludefrom"}
_RELATIVE = {"subimport", "subinputfrom", "subincludefrom"}  # the folder is relative to the including file's
_DOCUMENT_CLASS = re.compile(r"\\documentclass\b")
_BEGIN = "\\begin{document}"
_END = "\\end{document}"


@dataclass
class Piece:
    text: str
    path: str
    line: int  # the line of `path` the text starts on


@dataclass
class _Walk:
    main_dir: str
    limit: int
    only: set[str] | None  # \includeonly names, or None
    pieces: list[Piece] = field(default_factory=list)
    files: list[str] = field(default_factory=list)  # every file read, in order, the main one first
    size: int = 0


def is_main_candidate(text: str) -> bool:
    """Whether a text brings in other files at all (cheap: most manuscripts do not)."""
    return _INCLUDE.search(text) is not None


def read_whole(text: str, path: str, decode: callable) -> tuple[str, list[tuple[int, str, int, int]], list[str]]:  # type: ignore[valid-type]
    """(the document's text with its included files put in, the line map, the files read: main file first).
    decode(path) -> the text of an included file. A text without includes comes back as it is, with no map."""
    from ..textio import limit_for
    from .latex import _blank_comments, blank_verbatim

    if path in ("-", "") or not is_main_candidate(blank_verbatim(_blank_comments(text), text)):
        return text, [], [path]
    only = _include_only(blank_verbatim(_blank_comments(text), text))
    walk = _Walk(os.path.dirname(os.path.abspath(path)), limit_for("manuscript"), only)
    _read(text, path, 1, walk.main_dir, [os.path.realpath(path)], walk, decode)
    flat, line_map = _join(walk.pieces)
    return flat, line_map, walk.files


def included_files(text: str, path: str, decode: callable) -> list[str]:  # type: ignore[valid-type]
    """The files a LaTeX main file brings in (not itself), in order."""
    return read_whole(text, path, decode)[2][1:]


def _include_only(work: str) -> set[str] | None:
    begin = work.find(_BEGIN)
    m = re.search(r"\\includeonly\s*\{([^{}]*)\}", work[:begin] if begin >= 0 else work)
    return None if m is None else {name.strip() for name in m.group(1).split(",") if name.strip()}


def _read(text: str, path: str, first_line: int, base: str, stack: list[str], walk: _Walk, decode) -> None:  # type: ignore[no-untyped-def]
    from .latex import _blank_comments, blank_verbatim

    walk.files.append(path)
    walk.size += len(text)
    if walk.size > walk.limit:
        raise InputError(f"{walk.files[0]}: the document with its included files holds more than "
                         f"{walk.limit // (1024 * 1024)} MB of text, the limit for a manuscript")
    work = blank_verbatim(_blank_comments(text), text)
    starts = line_offsets(text)
    position = 0
    for m in _INCLUDE.finditer(work):
        command = m.group("cmd")
        name = (m.group("first") if m.group("first") is not None else m.group("bare")).strip()
        end = m.end()
        folder = None
        if command in _TWO_ARGUMENTS:  # \import{folder}{file}
            second = _SECOND.match(work, end) if m.group("first") is not None else None
            if second is None:
                continue
            folder, name, end = name, second.group(1).strip(), second.end()
        if not name or (command == "include" and walk.only is not None and name not in walk.only):
            continue
        where = f"{path}:{_line_at(starts, m.start(), first_line)}"
        target, target_base = _target(command, name, folder, base, path, walk, where)
        walk.pieces.append(Piece(text[position:m.start()], path, _line_at(starts, position, first_line)))
        position = end
        if len(stack) >= MAX_DEPTH:
            raise InputError(f"{where}: \\{command} nests files more than {MAX_DEPTH} deep (TeX's own limit)")
        real = os.path.realpath(target)
        if real in stack:
            chain = " -> ".join(os.path.basename(p) for p in [*stack[stack.index(real):], real])
            raise InputError(f"{where}: \\{command}{{{name}}} includes a file that includes it ({chain}); "
                             "LaTeX would never finish")
        included = decode(target)
        own_document = command == "subfile" or _has_own_class(included)
        body, body_line = _document_body(included) if own_document else (included, 1)
        _read(body, target, body_line, target_base, [*stack, real], walk, decode)
    walk.pieces.append(Piece(text[position:], path, _line_at(starts, position, first_line)))


def _line_at(starts: list[int], offset: int, first_line: int) -> int:
    return first_line + line_of(starts, offset) - 1


def _target(command: str, name: str, folder: str | None, base: str, path: str, walk: _Walk,
            where: str) -> tuple[str, str]:
    """The file an include command names, and the folder what that file includes is looked up in."""
    here = os.path.dirname(os.path.abspath(path))
    if folder is not None:  # \import: the file's own folder becomes where its includes are looked up
        base = os.path.normpath(os.path.join(here if command in _RELATIVE else walk.main_dir, folder))
        folders = [base]
    else:
        folders = [base, here]  # as LaTeX looks it up (the main file's folder), else beside the including file
    names = [name + ".tex"] if command == "include" else \
        ([name] if name.endswith(".tex") else [name + ".tex", name])
    for root in dict.fromkeys(folders):
        for candidate in names:
            full = os.path.join(root, candidate)
            if os.path.isfile(full):
                return _shown(full), base
    raise InputError(f"{where}: \\{command}{{{name}}}: no such file ({' or '.join(names)} in "
                     f"{_shown(folders[0]) or '.'})")


def _shown(path: str) -> str:
    relative = os.path.relpath(path)
    return path if relative.startswith("..") else relative


def _has_own_class(text: str) -> bool:
    from .latex import _blank_comments

    return _DOCUMENT_CLASS.search(_blank_comments(text[:20000])) is not None and _BEGIN in text


def _document_body(text: str) -> tuple[str, int]:
    """The text between \\begin{document} and \\end{document} (the whole text when there is none), and the line
    it starts on."""
    from .latex import _blank_comments

    work = _blank_comments(text)
    begin = work.find(_BEGIN)
    if begin < 0:
        return text, 1
    start = begin + len(_BEGIN)
    end = work.find(_END, start)
    return text[start:end if end >= 0 else len(text)], text.count("\n", 0, start) + 1


def _join(pieces: list[Piece]) -> tuple[str, list[tuple[int, str, int, int]]]:
    """The pieces one after another, each starting on a line of its own, and the line map."""
    parts: list[str] = []
    line_map: list[tuple[int, str, int, int]] = []
    line = 1
    for piece in pieces:
        count = piece.text.count("\n") + 1
        line_map.append((line, piece.path, piece.line, count))
        parts.append(piece.text)
        line += count
    return "\n".join(parts), line_map
