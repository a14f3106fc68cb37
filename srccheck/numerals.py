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


def int_to_roman(n: int) -> str:
    """14 -> 'XIV' (1 to 3999)."""
    out = []
    for value, digits in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
                          (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out.append(digits)
            n -= value
    return "".join(out)


def strict_roman(text: str) -> int | None:
    """A Roman numeral written the usual way ('xiv' or 'XIV' -> 14), else None ('iiii', 'vx', '12')."""
    if not text or not text.isalpha():
        return None
    value = roman_to_int(text)
    return value if value and 0 < value < 4000 and int_to_roman(value) == text.upper() else None
