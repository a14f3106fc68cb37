"""A fast reader for plain, well-formed BibTeX, with bibtexparser as the reference.

bibtexparser 2 walks a .bib file mark by mark in Python (about 80 ms per 1,000 entries),
which is most of the time srccheck spends on a large personal library. Most files are
nothing but ``@type{key, field = {value}, ...}`` entries, and for those one regular
expression per field gives the same blocks several times faster.

The contract: ``scan`` returns exactly what ``bibtexparser.parse_string`` followed by its
default middlewares (string references resolved, enclosing braces/quotes removed) would
give for the entries, or None. It returns None for anything outside the plain subset:
@string/@preamble/@comment blocks, "(...)" entries, "#" concatenation, double
backslashes, escaped braces or quotes that bibtexparser counts differently, duplicate
entry or field keys, unbalanced or too deeply nested braces, stray text inside an entry.
Then the caller uses bibtexparser, which also reports the problems. tests/test_bibtex_fast.py
checks the two agree on every .bib in the test corpora and on generated files.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A block starts where bibtexparser starts one: "@" + letters + optional blanks + "{" or "(".
_BLOCK = re.compile(r"@(\w*)[ \t]*([{(])")
_KEY = re.compile(r"([^{}\",=@\\]*)([,}])")


def _braced(depth: int) -> str:
    """Balanced braces nested up to `depth` levels; "\\x" pairs never count as braces."""
    # possessive: a run of plain characters is taken whole and never given back, so a value
    # that does not match fails in linear time
    inner = r"(?:[^{}\\]++|\\.)"
    for _ in range(depth):
        inner = r"(?:[^{}\\]++|\\.|\{" + inner + r"*+\})"
    return inner + "*+"


_FIELD = re.compile(
    r"\s*([^\s=,{}\"#@\\]+)\s*=\s*"  # field name
    r"(?:\{(" + _braced(6) + r")\}"  # {value}
    r"|\"((?:[^\"\\]++|\\.)*+)\""  # "value" (braces inside quotes are not counted, as in bibtexparser)
    r"|(\d+|[A-Za-z][\w.:+/-]*))"  # 1999, or a bare word (a month macro)
    r"\s*([,}])",
    re.DOTALL,
)
_END = re.compile(r"\s*\}")


@dataclass(frozen=True)
class RawField:
    key: str
    value: str


@dataclass(frozen=True)
class RawEntry:
    """The shape of a bibtexparser Entry, as far as bibliography.py reads it."""

    key: str
    entry_type: str
    fields: tuple[RawField, ...]
    start_line: int


class _NotPlain(Exception):
    pass


def scan(text: str) -> list[RawEntry] | None:
    """The entries of a plain .bib file, or None when bibtexparser must read it."""
    if "\\\\" in text or '{"}' in text or "\\{" in text or "\\}" in text or "\\\n" in text:
        return None  # bibtexparser counts braces, quotes and even line ends after a backslash differently
    try:
        return _scan(text)
    except _NotPlain:
        return None


def _scan(text: str) -> list[RawEntry]:
    entries: list[RawEntry] = []
    keys: set[str] = set()
    pos, line, counted = 0, 0, 0
    while True:
        block = _BLOCK.search(text, pos)
        if block is None:
            return entries
        kind = block.group(1).lower()
        if not kind or kind in ("comment", "preamble", "string") or block.group(2) != "{":
            raise _NotPlain
        line += text.count("\n", counted, block.start())
        counted = block.start()
        head = _KEY.match(text, block.end())
        if head is None:
            raise _NotPlain
        key = head.group(1).strip()
        if not key or "\n" in key or key in keys:
            raise _NotPlain  # bibtexparser reports these; let it
        keys.add(key)
        fields: list[RawField] = []
        names: set[str] = set()
        at = head.end()
        closed = head.group(2) == "}"
        while not closed:
            m = _FIELD.match(text, at)
            if m is None:
                end = _END.match(text, at)
                if end is None:
                    raise _NotPlain
                at = end.end()
                break
            if m.group(1) in names:
                raise _NotPlain
            names.add(m.group(1))
            name, braced, quoted, bare, end = m.groups()
            fields.append(RawField(name, braced if braced is not None else quoted if quoted is not None else bare))
            at = m.end()
            closed = end == "}"
        # a block start at the beginning of a line inside the entry is where bibtexparser would
        # cut it ("x@y{" elsewhere is just text)
        inner = _BLOCK.search(text, block.end(), at)
        while inner is not None:
            if not text[text.rfind("\n", 0, inner.start()) + 1 : inner.start()].strip():
                raise _NotPlain
            inner = _BLOCK.search(text, inner.end(), at)
        entries.append(RawEntry(key, kind, tuple(fields), line))
        pos = at
