r"""The citation commands of biblatex and natbib, and how their arguments give keys and locators.

A command is known by its lower-cased name (``\Cite`` and ``\cite``, ``\Autocite*`` and ``\autocite`` read
alike; the star changes only how the citation is printed). Multicite forms (``\cites``, ``\footcites``…) take
global ``(pre)(post)`` notes and then ``[pre][post]{keys}`` groups; ``\volcite`` forms take
``[pre]{volume}[pages]{key}``. The postnote is the locator of the command's last key.

Which commands make a note of their own when they stand in the body: the footnote forms, ``\autocite`` (the
note styles srccheck is for set ``autocite=footnote``) and ``\smartcite`` (a footnote in the body, a
parenthesis inside a note). The others print where they stand: in the body they are citations of the text.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ._common import KeyCite, line_of

_SINGLE = {
    # biblatex
    "cite", "parencite", "footcite", "footcitetext", "textcite", "smartcite", "supercite", "autocite",
    "fullcite", "footfullcite", "notecite", "pnotecite", "fnotecite",
    # natbib
    "citet", "citep", "citealt", "citealp", "citenum",
}
_MULTI = {"cites", "parencites", "footcites", "footcitetexts", "textcites", "smartcites", "supercites",
          "autocites"}
_VOLUME = {"volcite", "pvolcite", "fvolcite", "ftvolcite", "svolcite", "tvolcite", "avolcite",
           "volcites", "pvolcites", "fvolcites", "ftvolcites", "svolcites", "tvolcites", "avolcites"}
CITATION_COMMANDS = frozenset(_SINGLE | _MULTI | _VOLUME)
NOTE_MAKING = frozenset({"footcite", "footcitetext", "footfullcite", "autocite", "smartcite", "fnotecite",
                         "fvolcite", "ftvolcite", "svolcite", "footcites", "footcitetexts", "autocites",
                         "smartcites", "fvolcites", "ftvolcites", "svolcites"})
# commands that print part of an entry (its author, title, year…) without citing it in a note's sense
_MENTIONS = re.compile(r"^(?:cite(?:author|title|year|yearpar|date|url|field|list|name|alias|alp\*?)|nocite)$")


def command_name(name: str) -> str:
    """The name a command is known by: biblatex's capitalised forms are the lower-case ones."""
    return name[:1].lower() + name[1:]


def is_citation(name: str) -> bool:
    return command_name(name) in CITATION_COMMANDS


def is_mention(name: str) -> bool:
    return _MENTIONS.match(command_name(name)) is not None


Arguments = Callable[..., tuple[list[tuple[int, str]], int]]


def read_citation(work: str, m: re.Match[str], path: str, starts: list[int], arguments: Arguments,
                  to_text: Callable[[str], str]) -> tuple[int, list[KeyCite]]:
    """One citation command at m -> (where it ends, its keys with the postnote as the last key's locator)."""
    name = command_name(m.group(1))
    position = m.end()
    line = line_of(starts, m.start())
    keys: list[KeyCite] = []
    multi = name.endswith("s")  # \cites, \autocites, \footcites, \volcites ...
    global_post = ""
    if multi:  # \cites(pre)(post)[pre][post]{a}[pre][post]{b}: one (…) is the global postnote, two are pre and post
        parens: list[str] = []
        while True:
            p = _skip_space(work, position)
            close = work.find(")", p) if p < len(work) and work[p] == "(" else -1
            if close < 0 or "\n\n" in work[p:close]:
                break
            parens.append(work[p + 1:close])
            position = close + 1
        global_post = parens[-1] if parens else ""
    while True:
        if name in _VOLUME:
            pre, after = arguments(work, position, path, starts, 1, 0, optional_only=True)
            volume, after = arguments(work, after, path, starts, 0, 1, command=m.group(1))
            post, after = arguments(work, after, path, starts, 1, 0, optional_only=True)
            args, after = arguments(work, after, path, starts, 0, 1, command=m.group(1))
            locator = ", ".join(part for part in (volume[0][1].strip() if volume else "",
                                                  post[0][1].strip() if post else "") if part)
        else:
            opts, after = arguments(work, position, path, starts, 2, 0, optional_only=True)
            args, after = arguments(work, after, path, starts, 0, 1, command=m.group(1))
            locator = opts[-1][1] if opts else ""  # [post] alone, or [pre][post]: biblatex and natbib agree
        if not args:
            break
        position = after
        written = re.sub(r"\s+", " ", work[m.start():position])
        # an empty key list is still a citation: of no entry, which unresolved-citation reports
        names = [k.strip() for k in args[0][1].split(",") if k.strip()] or [""]
        for i, key in enumerate(names):
            keys.append(KeyCite(key, written, to_text(locator) if i == len(names) - 1 else "", line))
        if not multi:
            break
    if keys and global_post.strip() and not keys[-1].locator and re.search(r"\d", global_post):
        keys[-1].locator = to_text(global_post)  # printed after the last key, as its postnote would be
    return position, keys


def _skip_space(work: str, position: int) -> int:
    while position < len(work) and work[position] in " \t\n":
        position += 1
    return position
