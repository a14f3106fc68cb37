"""Authors written in the less common shapes: inverted, before a colon, family name then initials, joined
by a conjunction."""

from __future__ import annotations

import re
from .. import names as N
from ..grammar import Grammar, alternation, conjunctions
from ..grammar import languages as L
from .parts import ROLE_PART, is_publisher, short_name, year_part
from .split import is_abbreviation, role_qualifier
from .text import OPEN_QUOTES, TOKEN_BEFORE, depth_map

AUTHOR_YEAR = re.compile(r"^(\D{2,80}?)\s+\(?((?:1[4-9]|20)[0-9]{2})[a-z]?\)?$")


_FAMILY_INITIALS = re.compile(r"^([^\W\d_][\w’'-]+)\s+((?:[^\W\d_]\.\s?){1,3})\s*([^\W\d_].*)$")


def initials_after_family(parts: list[str]) -> tuple[tuple | None, list[str]]:
    """GOST and similar: "Иванов И. И. История России. М.: Наука" — family, initials, then the title."""
    m = _FAMILY_INITIALS.match(parts[0]) if parts else None
    if not m or not m.group(1)[0].isupper() or not m.group(3)[0].isupper():
        return None, parts
    if ". " not in m.group(3):
        return None, parts  # "David R. Ellison et Peter Marsh": given, initial, family — no title follows
    return (N.Name(m.group(1), m.group(2).strip()),), [m.group(3), *parts[1:]]


def inverted_author(parts: list[str], grammar: Grammar) -> tuple[tuple | None, list[str]]:
    """"Smith, John. The History…" (bibliography-like notes): the given name ends at a full stop."""
    if len(parts) < 2 or len(parts[0].split()) != 1 or not N.looks_like_names(parts[0]):
        return None, parts
    pieces = split_stops(parts[1], grammar)
    if len(pieces) < 2 or len(pieces[0].split()) > 3 or not N.looks_like_names(pieces[0]):
        return None, parts
    return (N.Name(parts[0], pieces[0]),), [". ".join(pieces[1:]), *parts[2:]]


def split_stops(part: str, grammar: Grammar) -> list[str]:
    """Some styles separate elements with full stops ("Die Geschichte. Berlin: Verlag 1999"): split there,
    but not after an initial or abbreviation ("Salâhi R. Sonyel", "Çev. Ali") nor inside quotes."""
    if ". " not in part:
        return [part]
    inside = depth_map(part)
    pieces, start = [], 0
    for m in re.finditer(r"\. (?=[^\W\d_]|[«“„\"])", part):
        k = m.start()
        if inside[k]:
            continue
        token = TOKEN_BEFORE.search(part[: k + 1])
        if token and (is_abbreviation(token.group(1), grammar) or token.group(1)[:-1].isdigit()):
            continue  # "Çev. Ali", "100. Yılında"
        if role_qualifier(part, k):
            continue  # "trad. fr. Ayşe"
        if part[m.end()] in OPEN_QUOTES:
            if not N.looks_like_names(part[start:k]):
                continue  # "Dilip Parameshwar Gaonkar. « On … »": names, then the quoted title (biblatex's French)
        elif not part[m.end()].isupper():
            continue
        pieces.append(part[start:k])
        start = m.end()
    pieces.append(part[start:])
    return [p.strip() for p in pieces if p.strip()]


INITIALS_AFTER = re.compile(r"^[^\W\d_][\w’'-]+\s*\((?:[^\W\d_]{1,2}\.\s?)+\)$")


INITIALS_FIRST = re.compile(r"^(?:[^\W\d_]{1,2}\.[\s-]?)+[^\W\d_][\w’'-]+$")


OSCOLA_JOURNAL = re.compile(r"^[(\[](1[4-9]\d\d|20\d\d)[)\]]\s+(\d{1,4})\s+(\D+?)(?:\s+\d+)?$")


NUMBER_LABEL = re.compile(r"(?:^|\s)" + alternation(L.ARCHIVE_NUMBER_LABELS) + r"\.?$",
                           re.IGNORECASE)


IMPRINT = re.compile(r"^([^\W\d_][\w .’'-]{1,40}?):\s+(\S.*)$")


def imprint_follows(parts: list[str], grammar: Grammar) -> bool:
    """Do the remaining parts read as publisher / place / year only (and end with a year)?"""
    if not parts or not year_part(parts[-1], grammar):
        return False
    return all(short_name(p) or is_publisher(p) or year_part(p, grammar) for p in parts)


SERIAL = re.compile(r"^" + alternation([w for w in (*L.AND, *L.OR) if w.isalpha()]) + r"\s+(?=\S)", re.IGNORECASE)


_COLON_JOIN = re.compile(r"\s+" + conjunctions(letters_only=True) + r"\s+|\s*/\s*|\s*;\s*")


def authors_before_colon(text: str) -> tuple[tuple, str] | None:
    """German notes put the author first, inverted, then a colon: "Schäfer, Birgit und Martin Köhler: Quellen…",
    "Petrakis: „Greek Merchants“", "Schäfer/Köhler/Weiß: Quellen". Returns (names, rest)."""
    inside = depth_map(text)
    colon = next((k for k, ch in enumerate(text[:160]) if ch == ":" and not inside[k]), None)
    if colon is None or not text[colon + 1 : colon + 2].isspace():
        return None
    prefix, rest = text[:colon].strip(), text[colon + 1 :].strip()
    if not prefix or re.search(r"\d", prefix) or not rest:
        return None
    first_part = prefix.split(",")[0].strip()
    if len(first_part.split()) != 1:
        if "," not in prefix and rest[:1] in OPEN_QUOTES and N.looks_like_names(prefix):
            return N.parse_names(prefix), rest  # "Kemal AYDOĞDU: «Mondros…»"
        return None  # "John Smith, Title: Subtitle" is Chicago, not an inverted author
    names = []
    for k, piece in enumerate(_COLON_JOIN.split(prefix)):
        bits = [b.strip() for b in piece.split(",") if b.strip()]
        if not bits:
            continue
        if k == 0 and len(bits) >= 2:
            if len(bits[1].split()) > 3 or not N.looks_like_names(bits[1]):
                return None
            names.append(N.Name(bits[0], bits[1]))  # "Schäfer, Birgit"
            bits = bits[2:]
        elif k == 0:
            names.append(N.Name(bits[0]))
            bits = bits[1:]
        for bit in bits:
            if not N.looks_like_names(bit):
                return None
            names.extend(N.parse_names(bit))
    check = " ".join(n.given + " " + n.family for n in names)
    if not names or not N.looks_like_names(check.strip()) and not all(N.looks_like_names(n.family) for n in names):
        return None
    return tuple(names), rest




def is_editor_role(part: str) -> bool:
    role = ROLE_PART.match(part)
    return bool(role) and any(role.group(1).lower() == r.lower() for r in L.ROLES["editor"]) and not part.startswith("(")


_JOINED = re.compile(r"\s" + conjunctions() + r"\s")


def joins_names(part: str) -> bool:
    return bool(_JOINED.search(part))


def names_end_before(parts: list[str], k: int) -> bool:
    """A part joined by "and" is more authors (not a title like "Pilgrims and Rails") only when the names
    are set in small capitals ("Tomasz NOWAK y Leyla ŞAHIN") or as initials ("T. Nowak y L. Şahin")."""
    names = parts[k - 1]
    return bool(re.search(r"\b[A-ZÇĞİÖŞÜ]{3,}\b", names)) or all(
        INITIALS_FIRST.match(n.strip()) for n in _JOINED.split(names))
