"""Cut a .bib file into its blocks, keeping each entry's text exactly as written.

The generator copies entries verbatim from bibliographies it did not write, so a
case's refs.bib is a subset of a real file: LaTeX escapes, @string macros, crossref
children and parents, odd keys and all. Only the few facts needed to choose and
copy entries are read here (type, key, crossref parent, macros used); the fields a
CSL processor needs come from pandoc's own conversion of the same file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# BibTeX's predefined month macros
MONTHS = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"}


@dataclass
class Block:
    kind: str  # the word after "@", lower-cased: article, book, string, preamble, comment, ...
    text: str  # the block exactly as written, from "@" to the closing delimiter
    line: int  # 1-based line of the "@"
    key: str = ""  # entries only
    fields: dict[str, str] = field(default_factory=dict)  # name (lower-cased) -> raw value text
    repeated: bool = False  # a field name occurs twice (BibTeX and biber warn; a checker may too)

    @property
    def is_entry(self) -> bool:
        return self.kind not in ("string", "preamble", "comment", "broken")


def _closing(text: str, start: int) -> int:
    """Index just past the delimiter that closes the one at text[start] ("{" or "(")."""
    opener = text[start]
    closer = "}" if opener == "{" else ")"
    depth = 0
    i = start
    while i < len(text):
        ch = text[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "{" or (opener == "(" and ch == "("):
            depth += 1
        elif ch == "}" or (opener == "(" and ch == ")"):
            depth -= 1
            if depth == 0 and ch == closer:
                return i + 1
        i += 1
    raise ValueError(f"unbalanced block at offset {start}")


def _value_end(body: str, i: int) -> int:
    """End of one field value (a braced, quoted or bare part, possibly joined with #)."""
    depth = 0
    quoted = False
    while i < len(body):
        ch = body[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
        elif ch == '"' and depth == 0:
            quoted = not quoted
        elif ch == "," and depth == 0 and not quoted:
            return i
        i += 1
    return i


def _fields(body: str) -> tuple[dict[str, str], bool]:
    """The fields, and whether a field name occurs twice."""
    out: dict[str, str] = {}
    repeated = False
    i = 0
    while i < len(body):
        found = re.compile(r"\s*,?\s*([A-Za-z][\w:.+-]*)\s*=\s*").match(body, i)
        if not found:
            break
        end = _value_end(body, found.end())
        name = found.group(1).lower()
        repeated = repeated or name in out
        out[name] = body[found.end():end].strip()
        i = end + 1
    return out, repeated


def split(text: str) -> list[Block]:
    """Every @-block of a .bib file, in file order. Text between blocks is dropped."""
    blocks = []
    heads = list(re.finditer(r"(?m)^[ \t]*@[ \t]*([A-Za-z]+)[ \t]*([{(])", text))
    for n, found in enumerate(heads):
        start = found.start()
        if blocks and start < blocks[-1][1]:
            continue  # an "@" inside the previous block
        following = heads[n + 1].start() if n + 1 < len(heads) else len(text)
        try:
            end = _closing(text, found.start(2))
        except ValueError:
            end = len(text) + 1
        kind = found.group(1).lower()
        if end > following and re.match(r"\s*[A-Za-z]+\s*\{\s*[^\s,={}]+\s*,", text[following + 1:following + 200].lstrip("@")):
            kind, end = "broken", following  # unbalanced braces: the block runs into the next entry
        blocks.append((start, end, kind, found.start(2)))
    out = []
    for start, end, kind, open_at in blocks:
        raw = text[start:end].strip()
        line = text.count("\n", 0, start) + 1
        block = Block(kind, raw, line)
        if block.is_entry:
            inner = text[open_at + 1:end - 1]
            key, _, body = inner.partition(",")
            block.key = key.strip()
            block.fields, block.repeated = _fields(body)
        elif kind == "string":
            inner = text[open_at + 1:end - 1]
            block.key = inner.split("=", 1)[0].strip()
        out.append(block)
    return out


def macros_used(entry: Block) -> set[str]:
    """The @string names an entry's fields refer to (bare words outside braces and quotes)."""
    names: set[str] = set()
    for value in entry.fields.values():
        for part in _top_level_parts(value):
            part = part.strip()
            if re.fullmatch(r"[A-Za-z][\w:.+-]*", part) and part.lower() not in MONTHS:
                names.add(part)
    return names


def _top_level_parts(value: str) -> list[str]:
    parts, depth, quoted, current = [], 0, False, ""
    for ch in value:
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
        elif ch == '"' and depth == 0:
            quoted = not quoted
        if ch == "#" and depth == 0 and not quoted:
            parts.append(current)
            current = ""
        else:
            current += ch
    parts.append(current)
    return parts


def unquote(value: str) -> str:
    """A simple field value without its outer braces or quotes (for keys and numbers)."""
    value = value.strip()
    if len(value) >= 2 and (value[0], value[-1]) in (("{", "}"), ('"', '"')):
        return value[1:-1].strip()
    return value
