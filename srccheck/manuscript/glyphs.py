"""Glyph damage that PDF text extraction leaves: ligatures, accents set as separate glyphs, soft hyphens.

pdfTeX with the old OT1 fonts builds "é" from "e" and a spacing acute, and extractors that
read glyph by glyph give "attach´e" or "S¸ahin"; LaTeX's ligatures come out as "ﬁ", "ﬂ".
"""

from __future__ import annotations

import re
import unicodedata

LIGATURES = str.maketrans({"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"})
# spacing accent -> combining accent; these stand before the letter they belong to
_BEFORE = {"´": "\u0301", "`": "\u0300", "¨": "\u0308", "ˆ": "\u0302", "˜": "\u0303", "˘": "\u0306",
           "ˇ": "\u030c", "˝": "\u030b", "˙": "\u0307", "¯": "\u0304", "˚": "\u030a"}
# these stand after it (the accent hangs below the letter)
_AFTER = {"¸": "\u0327", "˛": "\u0328"}
ACCENTS_ABOVE = _BEFORE
ACCENTS_BELOW = _AFTER
_ACCENT_BEFORE = re.compile("([^\\W\\d_]?)([" + "".join(_BEFORE) + "])[ \u00a0]?([^\\W\\d_])")
_ACCENT_AFTER = re.compile("([^\\W\\d_])[ \u00a0]?([" + "".join(_AFTER) + "])([^\\W\\d_]?)")
_ANY = re.compile("[" + "".join(_BEFORE) + "".join(_AFTER) + "ﬀﬁﬂﬃﬄﬅﬆ]")


def _compose(letter: str, accent: str) -> str | None:
    base = "i" if letter == "ı" and accent != "\u0307" else letter
    composed = unicodedata.normalize("NFC", base + accent)
    return composed if len(composed) == 1 else None


def _before(m: re.Match[str]) -> str:
    previous, accent, letter = m.groups()
    if accent == "`" and not previous:
        return m.group()  # an opening quote written as a backtick
    composed = _compose(letter, _BEFORE[accent])
    if composed:
        return previous + composed
    # pdfminer orders glyphs by position and may put the accent after its letter ("Scho¨pf": no "p̈")
    composed = _compose(previous, _BEFORE[accent]) if previous else None
    return composed + letter if composed else m.group()


def _after(m: re.Match[str]) -> str:
    accent = _AFTER[m.group(2)]
    composed = _compose(m.group(1), accent)
    if composed:
        return composed + m.group(3)
    following = _compose(m.group(3), accent) if m.group(3) else None  # "Ba¸sbakanlık": set before its letter
    return m.group(1) + following if following else m.group()


# pdfLaTeX with OT1 fonts has no low opening quote: German „Titel“ comes out as ” Titel“ (the opener read as a
# closing quote), and a splitter pairing quotes would read everything from that “ to the next ” as one title
_GERMAN_OPENER_MISREAD = re.compile("(?<![^\\s(\\[])\u201d(?=\\s*[^\\W\\d_][^\u201c\u201d\u201e]{0,300}\u201c)")


# extractors may set that low quote on a line of its own, a line away from its word, even beside a note's number
# ("6        ”"): there it is dropped ("Serienbriefe“" then closes a title that no quote opens, see parse.text)
_LONE_LOW_QUOTE = re.compile("^([ \\t]*\\d{0,4})[ \\t]*\u201d[ \\t]*$", re.MULTILINE)


def repair(text: str) -> str:
    """Ligatures split into letters; a spacing accent next to its letter composed with it ("S¸ahin" -> "Şahin");
    a German opening quote read as a closing one put back ("” Serienbriefe“" -> "„ Serienbriefe“"), or dropped
    where it stands on a line of its own."""
    if "\u201d" in text and "\u201c" in text:
        text = _LONE_LOW_QUOTE.sub(lambda m: m.group(1), text)  # the line stays, so line numbers do
        text = _GERMAN_OPENER_MISREAD.sub("\u201e", text)
    if not _ANY.search(text):
        return text
    text = text.translate(LIGATURES)
    text = _ACCENT_BEFORE.sub(_before, text)
    return _ACCENT_AFTER.sub(_after, text)
