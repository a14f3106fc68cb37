"""Pandoc Markdown: footnotes, inline notes, pandoc citations, the YAML front matter's bibliography.

- ``text.[^12]`` marks a note; ``[^12]: text`` defines it. A definition goes on over
  lines indented by 4 spaces or a tab (blank lines between its paragraphs allowed) and
  over unindented lines straight after it (pandoc's lazy continuation).
- ``^[text]`` is a note written in place.
- ``[@key, p. 33]``, ``[see @a; @b 12-14]`` and ``@key [p. 4]`` are citations by key.
  Inside a note they belong to that note; in the body each is a note of its own, as
  pandoc renders them with a note style (the styles whose footnotes srccheck checks).
- Notes are numbered in the order pandoc prints them; a numeric label keeps its own
  number, so "[^7]" after "[^5]" is still reported as a gap.
- ``<!-- ... -->`` comments are left out of a note's text but kept in its raw text.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field

from ..model import Manuscript, Marker
from ..numbers import parse_int
from ._common import FoundNote, KeyCite, blank_out, build_manuscript, join_lines, line_of, line_offsets

_DEFINITION = re.compile(r"^ {0,3}\[\^([^\]\s]+)\]:[ \t]?(.*)$")
_REFERENCE = re.compile(r"(?<!\\)\[\^([^\]\s]+)\](?!:)")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_INDENT = re.compile(r"^(?: {4}|\t)")
_COMMENT = re.compile(r"<!--.*?-->", re.S)
# A citation key: starts with a letter, digit or _, may hold internal punctuation, or is braced.
_KEY = r"(?:\{[^{}\n]+\}|[\w](?:[\w:.#$%&+?<>~/-]*[\w])?)"
_KEY_IN_ITEM = re.compile(rf"(?:^|(?<=[\s(\[]))-?@({_KEY})")
_BRACKETED = re.compile(r"(?<![\\!\]])\[([^\[\]]*@[^\[\]]*)\](?![(\[{:])")
_IN_TEXT = re.compile(rf"(?<![\w@.\\])-?@({_KEY})(?:[ \t]?\[([^\[\]\n]*)\])?")


@dataclass
class _Definition:
    label: str
    line: int
    pieces: list[tuple[int, str]] = field(default_factory=list)


@dataclass
class _Event:
    offset: int
    kind: str  # "ref" | "inline" | "cite"
    label: str = ""
    end: int = 0
    keys: list[KeyCite] = field(default_factory=list)


def read_markdown(text: str, path: str) -> Manuscript:
    lines = text.split("\n")
    bib_paths, body_from = _front_matter(lines, path)
    definitions, body_lines = _split_definitions(lines, body_from)
    body = "\n".join(body_lines)
    starts = line_offsets(body)
    events = _body_events(body, starts)

    numbers: dict[str, int] = {}
    first_ref: dict[str, int] = {}  # label -> index of its first reference among the events
    position = 0
    markers: list[Marker] = []
    placed: list[tuple[int, FoundNote]] = []  # (event index, note) for notes written in place
    for index, ev in enumerate(events):
        line = line_of(starts, ev.offset)
        if ev.kind == "ref":
            if ev.label not in numbers:
                position += 1
                numbers[ev.label] = _label_number(ev.label, position)
                first_ref[ev.label] = index
            markers.append(Marker(numbers[ev.label], line))
            continue
        position += 1
        markers.append(Marker(position, line))
        if ev.kind == "inline":
            inner = body[ev.offset + 2 : ev.end - 1]
            note = _note_from_text(position, inner, line, starts, ev.offset + 2)
        else:
            note = FoundNote(position, "", line, raw=body[ev.offset : ev.end], keys=ev.keys)
        note.marker_line = line
        placed.append((index, note))

    ordered: list[tuple[tuple[int, int], FoundNote]] = [((i, 0), n) for i, n in placed]
    for d_index, d in enumerate(definitions):
        if d.label not in numbers:
            position += 1
            numbers[d.label] = _label_number(d.label, position)
        note = _note_from_definition(numbers[d.label], d)
        if d.label in first_ref:
            note.marker_line = line_of(starts, events[first_ref[d.label]].offset)
        # printed where first referenced; unreferenced definitions after all the rest
        ordered.append(((first_ref.get(d.label, len(events) + d_index), 1), note))
    ordered.sort(key=lambda item: item[0])
    notes = [n for _, n in ordered]
    defined = {n.number for n in notes}
    unmatched = [m for m in markers if m.number not in defined]
    matched = [m for m in markers if m.number in defined]
    return build_manuscript(path, notes, matched, unmatched, bib_paths=bib_paths)


def _label_number(label: str, position: int) -> int:
    number = parse_int(label, 5)
    return number if number is not None else position


def _front_matter(lines: list[str], path: str) -> tuple[list[str], int]:
    """YAML front matter: return the bibliography paths (relative to the file) and where the body starts."""
    if not lines or lines[0].rstrip() != "---":
        return [], 0
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")), None)
    if end is None:
        return [], 0
    found: list[str] = []
    i = 1
    while i < end:
        m = re.match(r"^bibliography:\s*(.*)$", lines[i])
        if m:
            value = m.group(1).strip()
            if value.startswith("["):
                found += [v for v in (_unquote(x) for x in value.strip("[]").split(",")) if v]
            elif value and not value.startswith(("|", ">")):
                found.append(_unquote(value))
            else:
                while i + 1 < end and re.match(r"^\s+-\s+", lines[i + 1]):
                    i += 1
                    found.append(_unquote(re.sub(r"^\s+-\s+", "", lines[i])))
        i += 1
    base = os.path.dirname(path) if path not in ("-", "") else ""
    return [os.path.normpath(os.path.join(base, f)) for f in found if f], end + 1


def _unquote(value: str) -> str:
    value = value.split(" #", 1)[0].strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        value = value[1:-1]
    return value.strip()


def _split_definitions(lines: list[str], body_from: int) -> tuple[list[_Definition], list[str]]:
    """Take the note definitions out; the body keeps its line count (removed lines become empty)."""
    body = [""] * len(lines)
    definitions: list[_Definition] = []
    current: _Definition | None = None
    pending_blank: list[int] = []
    fence: str | None = None
    for index in range(body_from, len(lines)):
        line = lines[index]
        number = index + 1
        if fence is not None:
            if line.lstrip().startswith(fence):
                fence = None
            continue  # code is neither body text nor note
        match = _DEFINITION.match(line)
        if match:
            current = _Definition(match.group(1), number, [(number, match.group(2))])
            definitions.append(current)
            pending_blank = []
            continue
        if current is not None:
            if not line.strip():
                pending_blank.append(number)
                continue
            if _INDENT.match(line):
                current.pieces.extend((n, "") for n in pending_blank)
                current.pieces.append((number, _INDENT.sub("", line, count=1)))
                pending_blank = []
                continue
            if not pending_blank and not line.lstrip().startswith("#") and not _FENCE.match(line):
                current.pieces.append((number, line))  # lazy continuation of the note's paragraph
                continue
            current = None
            pending_blank = []
        fenced = _FENCE.match(line)
        if fenced:
            fence = fenced.group(1)
            continue
        body[index] = line
    return definitions, body


def _body_events(body: str, starts: list[int]) -> list[_Event]:
    events: list[_Event] = []
    scan = _COMMENT.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), body)
    scan = re.sub(r"`[^`\n]+`", lambda m: " " * len(m.group()), scan)
    # inline notes first: what is inside them belongs to them, not to the body
    for start, end in _inline_spans(scan):
        events.append(_Event(start, "inline", end=end))
        scan = blank_out(scan, start, end)
    for m in _REFERENCE.finditer(scan):
        events.append(_Event(m.start(), "ref", label=m.group(1)))
        scan = blank_out(scan, m.start(), m.end())
    for start, end, keys in _citations(scan, starts):
        events.append(_Event(start, "cite", end=end, keys=keys))
    events.sort(key=lambda e: e.offset)
    return events


def _inline_spans(text: str) -> list[tuple[int, int]]:
    """``^[...]`` with nested brackets, within one paragraph (a blank line ends the search)."""
    spans = []
    i = text.find("^[")
    while i != -1:
        if i > 0 and text[i - 1] == "\\":
            i = text.find("^[", i + 2)
            continue
        depth = 0
        j = i + 1
        end = None
        while j < len(text):
            ch = text[j]
            if ch == "\\":
                j += 2
                continue
            if ch == "[":
                depth += 1
            elif ch == "]":
                depth -= 1
                if depth == 0:
                    end = j + 1
                    break
            elif ch == "\n" and text[j + 1 : j + 2] == "\n":
                break
            j += 1
        if end is None:
            i = text.find("^[", i + 2)
            continue
        spans.append((i, end))
        i = text.find("^[", end)
    return spans


def _citations(text: str, starts: list[int]) -> list[tuple[int, int, list[KeyCite]]]:
    """Pandoc citations in text: bracketed groups, then author-in-text ``@key [locator]``."""
    found: list[tuple[int, int, list[KeyCite]]] = []
    for m in _BRACKETED.finditer(text):
        keys = _bracketed_group(m.group(1), line_of(starts, m.start()))
        if keys:
            found.append((m.start(), m.end(), keys))
    for start, end, _ in found:
        text = blank_out(text, start, end)
    for m in _IN_TEXT.finditer(text):
        key = m.group(1).strip("{}")
        found.append((m.start(), m.end(), [KeyCite(key, m.group().strip(), m.group(2) or "", line_of(starts, m.start()))]))
    found.sort(key=lambda f: f[0])
    return found


def _bracketed_group(inner: str, line: int) -> list[KeyCite]:
    """``see @a, p. 4; @b 12-14`` -> keys with their locators; [] unless every item has a key (as pandoc)."""
    keys = []
    for item in inner.split(";"):
        m = _KEY_IN_ITEM.search(item)
        if not m:
            return []
        suffix = item[m.end():].strip()
        suffix = suffix[1:].strip() if suffix.startswith(",") else suffix
        written = re.sub(r"\s+", " ", item.strip())
        keys.append(KeyCite(m.group(1).strip("{}"), written, suffix, line))
    return keys


def _note_from_definition(number: int, d: _Definition) -> FoundNote:
    first_line = d.pieces[0][0]
    joined = "\n".join(p for _, p in d.pieces)
    offset_lines = [0] + [m.end() for m in re.finditer("\n", joined)]
    line_map = [n for n, _ in d.pieces]
    note = _note_from_text(number, joined, first_line, offset_lines, 0, line_map)
    note.line = d.line
    return note


def _note_from_text(number: int, raw: str, first_line: int, starts: list[int], base: int,
                    line_map: list[int] | None = None) -> FoundNote:
    """Markdown note text -> plain text, with key citations taken out (blanked, so lines stay put)."""
    work = _COMMENT.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), raw)
    local_starts = line_offsets(work)

    def line_at(offset: int) -> int:
        index = line_of(local_starts, offset)
        if line_map is not None:
            return line_map[min(index - 1, len(line_map) - 1)]
        return line_of(starts, base + offset)

    keys: list[KeyCite] = []
    for start, end, found in _citations(work, local_starts):
        for k in found:
            k.line = line_at(start)
        keys.extend(found)
        work = blank_out(work, start, end)
    # markup may run over a line break; the substitutions keep every line break, so lines stay put
    pieces = [(line_at(local_starts[i]), piece) for i, piece in enumerate(_plain(work).split("\n"))]
    text, line_starts = join_lines(pieces)
    return FoundNote(number, _tidy_removed(text), first_line, raw=raw, line_starts=line_starts, keys=keys)


def _tidy_removed(text: str) -> str:
    from ._common import tidy

    return tidy(text)


_SPAN = r"(?:(?!\n[ \t]*\n)[\s\S])"  # any character, line breaks included, but no blank line
# An emphasis spans at most _LONGEST characters: an opening "*" with no closing one is then given up after
# that many, instead of at the end of the paragraph (which made a note full of them quadratic).
_LONGEST = 1000
_SPANS = rf"{_SPAN}{{1,{_LONGEST}}}?"
_INLINE = [
    (re.compile(r"!?\[([^\[\]]*)\]\([^()\s]*(?:\s+\"[^\"]*\")?\)"), r"\1"),  # links and images
    (re.compile(r"\[([^\[\]]*)\]\{[^{}]*\}"), r"\1"),  # [text]{.smallcaps}
    (re.compile(r"<((?:https?|ftp|mailto):[^>\s]+)>"), r"\1"),
    (re.compile(r"`([^`]+)`"), r"\1"),
    (re.compile(rf"(\*\*|__)(?=\S)({_SPANS})(?<=\S)\1"), r"\2"),
    (re.compile(rf"\*(?=\S)({_SPANS})(?<=\S)\*"), r"\1"),
    (re.compile(rf"(?<![\w\\])_(?=\S)({_SPANS})(?<=\S)_(?!\w)"), r"\1"),
    (re.compile(rf"~~({_SPANS})~~"), r"\1"),
    (re.compile(r"\\$", re.M), ""),  # hard line break
    (re.compile(r"\\([\\`*_{}\[\]()#+\-.!'\"$@^~|<>&])"), r"\1"),
    (re.compile(r"\\ "), "\u00a0"),
]


def _plain(text: str) -> str:
    for pattern, repl in _INLINE:
        text = pattern.sub(repl, text)
    return text
