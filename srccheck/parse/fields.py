"""Reading a citation's parts into fields (authors, title, container, place, publisher, years)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .. import names as N
from ..grammar import Grammar
from ..grammar import languages as L
from .authors import (
    AUTHOR_YEAR, IMPRINT, INITIALS_AFTER, INITIALS_FIRST, NUMBER_LABEL, OSCOLA_JOURNAL, SERIAL,
    imprint_follows, is_editor_role, joins_names, names_end_before,
)
from .parts import (
    BARE_ROLE, GENRE, LEADING_IN, ROLE_PART, ROLE_SUFFIX, is_publisher, read_issue, pub_block, short_name,
    strip_conjunction, unquote, read_volume, year_part,
)
from .split import LANGUAGE_QUALIFIER, is_edition
from .text import TITLE_END, TITLE_MARK, YEAR

@dataclass
class Fields:
    authors: tuple = ()
    title: str | None = None
    container: str | None = None
    publisher: str | None = None
    place: str | None = None
    volume: str | None = None
    issue: str | None = None
    translator: str | None = None
    years: list[int] | None = None
    author_year: bool = False  # "Nietzel 2009": a short form of author-year styles


def _split_masked(part: str) -> list[str]:
    """"<masked title><TITLE_END> (Berlin 1999)" -> the title, then the rest as a part of its own."""
    if not part.startswith(TITLE_MARK) or TITLE_END not in part:
        return [part]
    end = part.index(TITLE_END)
    rest = part[end + 1:].strip(" ,")
    return [part[:end], rest] if rest else [part[:end]]


def _joined(part: str, letters: tuple[str, ...]) -> bool:
    """Whether a part starts with a conjunction joining names: "and", "ve", "&", "und", "et" in any case; the
    one-letter ones (Spanish "y", Italian "e", Polish "i") only in lower case, since "E Yayınları" is a name."""
    return part.lower().startswith(("and ", "ve ", "& ", "und ", "et ")) or part.startswith(tuple(f"{w} " for w in letters))


def read_parts(parts: list[str], grammar: Grammar, authors: tuple | None = None) -> Fields:
    f = Fields(years=[])
    assert f.years is not None
    i = 0
    if any(TITLE_END in p for p in parts):
        parts = [piece for part in parts for piece in _split_masked(part)]
    if authors:
        f.authors = authors
    elif parts and not N.looks_like_names(parts[0]) and parts[0][:1].islower():
        tail = re.sub(r"^(?:[^\W\d_][\w’'-]*\s+){1,3}?(?=[A-ZÀ-ÖØ-ÞĀ-ſ])", "", parts[0])
        if tail != parts[0] and N.looks_like_names(tail):
            parts = [tail, *parts[1:]]
    author_year = AUTHOR_YEAR.match(parts[0]) if not authors and parts else None
    if author_year and N.looks_like_names(author_year.group(1)):
        # "Vgl. Nietzel 2009, S. 565": author and year name the work (a short form in author-year styles)
        f.authors = N.parse_names(author_year.group(1))
        f.years.append(int(author_year.group(2)))
        f.author_year = True
        return f
    if not authors and parts and N.looks_like_names(parts[0]):
        author_parts = [parts[0]]
        i = 1
        # "John Smith, Jane Doe, and Bob Lee, Title"
        while i < len(parts) and N.looks_like_names(strip_conjunction(parts[i])) and (
            _joined(parts[i], ("y", "e", "i"))
            or (i + 1 < len(parts) and _joined(parts[i + 1], ("y", "e")))
            or (joins_names(parts[i]) and names_end_before(parts, i + 1))  # "Tomasz NOWAK y Leyla ŞAHIN, «…»"
            or INITIALS_FIRST.match(parts[i])  # "S. Kingsley, T. Nowak, L. Şahin": a title never starts so
            or INITIALS_AFTER.match(parts[i])  # "Şimşek (N.), Öztürk (A. R.)"
        ):
            author_parts.append(re.sub(r"^(?:(?i:and|ve|&|und|et)|y|e|i)\s+", "", parts[i]))
            i += 1
        f.authors = tuple(n for p in author_parts for n in N.parse_names(p))
        if i < len(parts) and BARE_ROLE.match(parts[i]):
            i += 1  # "Selin Aydın, ed., Osmanlı Liman Kentleri": the names before a bare role are its editors
        elif len(author_parts) == 1 and i < len(parts) and is_editor_role(parts[i]):
            # "Mütareke Dönemi Araştırmaları, a cura di N. Şimşek…": an edited volume cited by its title
            f.authors, i = (), 0
            parts = [TITLE_MARK + parts[0], *parts[1:]]
    title_parts: list[str] = []
    title_done = False
    rest_parts = parts[i:]
    in_role = False
    for pos, part in enumerate(rest_parts):
        if not part:
            continue
        if part.startswith(TITLE_MARK):
            title_parts.append(part[1:])
            continue
        if ROLE_SUFFIX.search(part) and N.looks_like_names(ROLE_SUFFIX.sub("", part)):
            continue  # "Ali Rıza Öztürk (ed.)": another editor
        if BARE_ROLE.match(part):
            continue  # "Şimşek (N.), Öztürk (A. R.), dir., Mütareke…": the names before were editors
        if in_role and N.looks_like_names(part):
            continue  # "ed. Nurcan Şimşek, Ali Rıza Öztürk": the next name of the same role
        in_role = False
        if GENRE.search(part) and len(part.split()) <= 5:
            title_done = title_done or bool(title_parts)
            continue  # "Doktora Tezi", "PhD diss."
        if is_edition(part, grammar):
            title_done = title_done or bool(title_parts) or f.title is not None
            continue  # "2. Aufl.", "3rd edn"
        role = ROLE_PART.match(part)
        if role and (part.startswith("(") or role.group(2)):
            names_part, info = pub_block(part)
            _take_block(f, info)
            role = ROLE_PART.match(names_part) or role
            label = role.group(1).lower()
            if any(label == r.lower() for r in L.ROLES["translator"]):
                named = LANGUAGE_QUALIFIER.sub("", role.group(2).strip(" )"))  # "fr. Ayşe Gül Ertuğrul"
                f.translator = named or f.translator
            title_done = title_done or bool(title_parts)
            # "…, ed. Nurcan Şimşek, Ali Rıza Öztürk": more names of the role follow; not after "(Çev. X)"
            in_role = not part.startswith("(") and bool(title_parts or f.title)
            continue
        quoted, rest = unquote(part)
        if quoted is not None:
            if f.title is None and not title_parts:
                f.title = quoted
                if rest:
                    rest, info = pub_block(LEADING_IN.sub("", rest))
                    _take_block(f, info)
                    oscola = OSCOLA_JOURNAL.match(rest)
                    volume = re.match(r"^(.*\S)\s+(\d{1,4})$", rest)  # "Journal of Modern History 12"
                    if oscola:  # "(2004) 31 Archiv für Völkerrechtsgeschichte 245": year, volume, journal, first page
                        f.years.append(int(oscola.group(1)))
                        rest, f.volume = oscola.group(3), f.volume or oscola.group(2)
                    elif volume:
                        rest, f.volume = volume.group(1), f.volume or volume.group(2)
                    f.container = rest or None
                continue
            title_parts.append(part)
            continue
        part, info = pub_block(part)
        if info:
            _take_block(f, info)
        if not part:
            title_done = True
            continue
        imprint = IMPRINT.match(part) if (title_parts or f.title) and not title_done or f.years == [] else None
        if imprint and LEADING_IN.match(part):
            imprint = None  # "In : Alternative Modernities": French spacing before the colon of "In:", a container
        if imprint and NUMBER_LABEL.search(imprint.group(1)):
            imprint = None  # "Dosya No: 12", "Fon No: HR. İM.": archive numbers, not "Place: Publisher"
        if imprint and short_name(imprint.group(1)) and (title_parts or f.title):
            # "Berlin: Verlag 1999" outside brackets
            f.place = _add(f.place, imprint.group(1).strip())
            publisher = imprint.group(2).strip()
            years = YEAR.findall(publisher)
            if years:
                f.years.extend(int(y) for y in years)
                publisher = YEAR.sub("", publisher).strip(" ,")
            if publisher:
                f.publisher = f"{f.publisher}, {publisher}" if f.publisher else publisher
            title_done = True
            continue
        vol = read_volume(part, grammar)
        iss = read_issue(part, grammar)
        yp = year_part(part, grammar)
        if vol:
            f.volume = vol
            title_done = title_done or bool(title_parts) or f.title is not None
        elif iss:
            f.issue = iss
            title_done = True
        elif yp:
            f.years.extend(yp[0])
            if yp[1]:
                f.place = f.place or yp[1]
            title_done = True
        elif not title_done and title_parts and SERIAL.match(part) and len(part.split()) > 2:
            title_parts.append(part)  # "Grain, Credit, and Society in the Late Ottoman Balkans": a list in a title
            title_done = bool(info)  # the imprint in brackets ends it
        elif is_publisher(part) and (title_parts or f.title):
            f.publisher = f"{f.publisher}, {part}" if f.publisher else part
            title_done = True
        elif not title_done and title_parts and short_name(part) and imprint_follows(rest_parts[pos + 1 :], grammar):
            f.place = _add(f.place, part)  # "Bakı, Elm, 2005": place, then a publisher we have no word for
            title_done = True
        elif not title_done:
            title_parts.append(LEADING_IN.sub("", part))
        elif short_name(part):
            # after the title, short parts are imprint: place or a publisher we have no word for
            f.place = _add(f.place, part)
    if title_parts:
        joined = ", ".join(title_parts)
        # "Journal 12" / "Title I": a trailing volume number belongs to the container
        m = re.match(r"^(.*\S)\s+(\d{1,4}|[IVX]{1,4})$", joined)
        if m and (f.title is not None or m.group(2).isalpha()):
            joined, f.volume = m.group(1), f.volume or m.group(2)
        if f.title is None:
            f.title = joined
        else:
            f.container = f.container or joined
    return f


def _add(joined: str | None, part: str) -> str:
    return f"{joined}; {part}" if joined else part


def _take_block(f: Fields, info: dict[str, object]) -> None:
    f.years.extend(info.get("years", []))  # type: ignore[union-attr, arg-type]
    f.place = f.place or info.get("place")  # type: ignore[assignment]
    f.publisher = f.publisher or info.get("publisher")  # type: ignore[assignment]
