"""Book mode: the manuscripts checked together, and what they share.

Which manuscripts a run checks: the ones named, a folder's manuscripts (in natural order: chapter2
before chapter10), or, with none named, the configuration's `manuscripts` list. A LaTeX file that
another one of them brings in (`\\input`, `\\include`, `\\subfile`) is read through that main file, not
a second time on its own.

The manuscripts checked against the same bibliography (and configuration) are one work: the rules
about the bibliography (unused-entry, duplicate-entry, bib-parse-error) run once over all of their
citations and report against the .bib, and short-before-full follows the book's order.
"""

from __future__ import annotations

import glob
import os
import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from .errors import InputError, UsageError

if TYPE_CHECKING:
    from .config import ConfigFile
    from .model import Report

# names in a folder that are not chapters of the book (compared without case and suffix)
_NOT_MANUSCRIPTS = {"readme", "license", "licence", "changelog", "changes", "contributing", "authors", "copying",
                    "notice", "todo", "history", "install", "code_of_conduct", "security", "requirements"}
_DIGITS = re.compile(r"(\d+)")


def natural_key(path: str) -> list[object]:
    """chapter2 before chapter10."""
    return [int(part) if part.isdigit() else part.casefold() for part in _DIGITS.split(path)]


def folder_manuscripts(folder: str) -> list[str]:
    """The manuscripts directly in a folder, by their suffix, in natural order (not its subfolders, hidden
    files, or README, LICENSE, CHANGELOG and the like)."""
    from .manuscript import MANUSCRIPT_SUFFIXES

    found = []
    try:
        names = os.listdir(folder)
    except OSError as exc:
        raise InputError(f"{folder}: cannot list the folder ({exc.strerror or exc})") from None
    for name in names:
        stem, suffix = os.path.splitext(name)
        full = os.path.join(folder, name)
        if name.startswith((".", "~")) or suffix.lower() not in MANUSCRIPT_SUFFIXES \
                or stem.casefold() in _NOT_MANUSCRIPTS or not os.path.isfile(full):
            continue
        found.append(full)
    if not found:
        raise InputError(f"{folder}: no manuscript in this folder (looked for {', '.join(sorted(MANUSCRIPT_SUFFIXES))})")
    return sorted(found, key=natural_key)


def configured_manuscripts(config: ConfigFile | None) -> list[str]:
    """The configuration's `manuscripts`: each glob relative to the configuration file, in the order given,
    each pattern's files in natural order."""
    if config is None or not config.values.get("manuscripts"):
        raise UsageError("no manuscript given: name the files (or a folder), or list them in the configuration "
                         "(manuscripts = [\"chapters/*.md\"] in srccheck.toml or [tool.srccheck])")
    found: list[str] = []
    for pattern in config.values["manuscripts"]:
        full = os.path.join(config.root, pattern)
        matches = sorted(glob.glob(full, recursive=True), key=natural_key) if glob.has_magic(pattern) else [full]
        matches = [m for m in matches if os.path.isfile(m) or os.path.isdir(m)] if glob.has_magic(pattern) else matches
        if not matches:
            raise UsageError(f"{config.path}: manuscripts: {pattern!r} matches no file")
        found.extend(_shown(m) for m in matches)
    return found


def _shown(path: str) -> str:
    relative = os.path.relpath(path)
    return path if relative.startswith("..") else relative


def manuscripts_to_check(paths: Sequence[str], config_for_folder: ConfigFile | None) -> list[str]:
    """The manuscripts of a run, in book order: folders opened, the configured list when none is named,
    each file once, a LaTeX file another one includes left to that one."""
    named = list(paths) or configured_manuscripts(config_for_folder)
    expanded: list[str] = []
    for path in named:
        if path != "-" and os.path.isdir(path):
            expanded.extend(folder_manuscripts(path))
        else:
            expanded.append(path)
    seen: set[str] = set()
    unique = []
    for path in expanded:
        real = path if path == "-" else os.path.realpath(path)
        if real not in seen:
            seen.add(real)
            unique.append(path)
    return _without_included(unique)


def _without_included(paths: list[str]) -> list[str]:
    """Leave out the LaTeX files another LaTeX file of the list brings in: they are read as part of it."""
    tex = [p for p in paths if p != "-" and os.path.splitext(p)[1].lower() in (".tex", ".ltx", ".latex")]
    if len(tex) < 2:
        return paths
    from .manuscript.latex_files import included_files
    from .textio import read_text

    included: set[str] = set()
    for path in tex:
        try:
            text = read_text(path, "manuscript")[0]
            files = included_files(text, path, lambda p: read_text(p, "manuscript")[0])
        except InputError:
            continue  # reported when the file is checked
        included.update(os.path.realpath(f) for f in files)
    return [p for p in paths if p == "-" or os.path.realpath(p) not in included]


def full_citation_places(reports: Sequence[Report]) -> list[tuple[dict[str, str], dict[str, str]]]:
    """For each manuscript of a book in order: (works cited in full in an earlier manuscript, works cited in full
    only in a later one), each key -> where its first full citation is ("ch1.md, note 3")."""
    from .model import Kind

    firsts: list[dict[str, str]] = []
    for report in reports:
        first: dict[str, str] = {}
        for cit, res in report.citations:
            if res.key and cit.kind == Kind.FULL and res.key not in first:
                first[res.key] = f"{report.manuscript.path}, {report.manuscript.note_label(cit.note)}"
        firsts.append(first)
    places = []
    for i in range(len(reports)):
        before: dict[str, str] = {}
        for earlier in firsts[:i]:
            for key, where in earlier.items():
                before.setdefault(key, where)
        after: dict[str, str] = {}
        for later in firsts[i + 1:]:
            for key, where in later.items():
                if key not in before and key not in firsts[i]:
                    after.setdefault(key, where)
        places.append((before, after))
    return places


def group_key(bib: Iterable[str], config_path: str | None, fallback: str) -> tuple[object, ...]:
    """Manuscripts checked against the same bibliography files under the same configuration are one work; a
    manuscript whose bibliography is its own reference-manager items is a work of its own."""
    files = tuple(os.path.realpath(b) if b != "-" else b for b in bib)
    return (files, config_path) if files else (("items", fallback), config_path)
