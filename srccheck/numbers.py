"""Numbers read from input: ASCII digits only, and never more of them than a page, year or note needs.

`str.isdigit()` accepts superscripts ("²") and other scripts' digits that int() then refuses, and int()
refuses strings of more than 4,300 digits: either turns a stranger's file into a traceback. Readers and
parsers take numbers through here instead.
"""

from __future__ import annotations

import re

MAX_DIGITS = 9  # note numbers, pages, years, volumes and counters: a billion is past all of them
_ASCII_NUMBER = re.compile(r"[0-9]+")


def parse_int(text: str, max_digits: int = MAX_DIGITS) -> int | None:
    """The number `text` is (ASCII digits, spaces around allowed), or None: anything else, or too many digits."""
    text = text.strip()
    if not text or len(text) > max_digits or not _ASCII_NUMBER.fullmatch(text):
        return None
    return int(text)


def is_number(text: str, max_digits: int = MAX_DIGITS) -> bool:
    return parse_int(text, max_digits) is not None


def canonical_digits(digits: str) -> str:
    """A digit string without its leading zeros ("0089" -> "89"), whatever its length; the same file number
    written two ways compares equal. Other scripts' decimal digits become ASCII ones, as int() would read them."""
    if not digits.isascii():
        digits = "".join(str(int(ch)) if ch.isdecimal() else ch for ch in digits)
    return digits.lstrip("0") or "0"
