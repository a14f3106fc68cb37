"""Numbers as citations write them: Roman volume numbers, ASCII digits only."""

from __future__ import annotations

_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}


def roman_to_int(text: str) -> int | None:
    """'IV' -> 4, '12' -> 12; None for anything else. Used for volumes: 'C. IV' and 'vol. 4' agree."""
    text = text.strip().upper()
    if text.isascii() and text.isdigit():
        return int(text) if len(text) <= 9 else None
    if not text or len(text) > 12 or any(ch not in _ROMAN for ch in text):
        return None
    total = 0
    for ch, nxt in zip(text, text[1:] + " "):
        value = _ROMAN[ch]
        total += -value if nxt in _ROMAN and _ROMAN[nxt] > value else value
    return total


def same_number(a: str, b: str) -> bool:
    """Whether two volume or issue numbers are the same number ('III' and '3')."""
    x, y = roman_to_int(a), roman_to_int(b)
    return x is not None and x == y
