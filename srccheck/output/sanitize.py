"""Text from a manuscript, a bibliography or a file name, made safe to show.

A note can hold anything its author (or a stranger) typed: an escape sequence that clears
a terminal or sets its title, a carriage return that overwrites the line shown, a byte XML
cannot hold, a bidirectional override that makes text read differently from what it is.
Every renderer that writes to a terminal, an XML document or an annotation passes the text
through visible(): such characters are shown escaped (ESC as \\x1b, U+202E as \\u202e),
so the reader sees them and nothing acts on them. JSON and SARIF escape them by themselves.
"""

from __future__ import annotations

import re

# C0 controls but tab and newline, DEL and the C1 controls, bidirectional embeddings, overrides and isolates,
# zero-width and line/paragraph separators, BOM, interlinear annotation marks, lone surrogates (undecodable
# bytes in a file name), noncharacters XML refuses
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff"
                     "\ufff9-\ufffb\ufffe\uffff\ud800-\udfff]")
_NEWLINES = re.compile("[\n\t]")


def _escaped(m: re.Match[str]) -> str:
    code = ord(m.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str, lines: bool = False) -> str:
    """The text with every character that could act on a terminal or break a document shown escaped; newlines
    and tabs kept when `lines`, else made spaces (one finding, one line)."""
    text = _UNSAFE.sub(_escaped, text)
    return text if lines else _NEWLINES.sub(" ", text)


def is_visible(text: str) -> bool:
    return _UNSAFE.search(text) is None
