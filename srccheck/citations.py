"""Split a note into citations and read each citation's fields: the note parser's entry points.

A note may hold several citations (";", or a sentence boundary where one citation
ends with its locator and the next begins with an author), discursive sentences
and signal words ("bkz.", "see", "vgl."). Parsing is deliberately forgiving: the
resolver matches on what it finds, so a field we cannot place is simply left out.

The parser's parts live in parse/: text (quotes, brackets, markers' case), parts (what one
comma-separated part is), split (where citations end), authors (the rarer shapes of names) and fields
(a citation's parts read into fields). This module decides what a fragment is and builds the Citation.
"""

from __future__ import annotations

import re
from functools import lru_cache
from . import names as N
from .grammar import Grammar, alternation
from .grammar import languages as L
from .locator import split_locator
from .model import Citation, Kind, Locator, MarkerRole, Note, TentativeCitation, replaced
from .normalize import LINK_FILE_TYPE, collapse_spaces, fold
from .numbers import parse_int
from .parse.authors import authors_before_colon, initials_after_family, inverted_author, split_stops
from .parse.fields import Fields, read_parts
from .parse.parts import (
    TRAILING_PARENS, after_inner_signal, leading_marker, role_of_marker, strip_conjunction, strip_signal,
    unquote,
)
from .parse.split import Fragment, is_marker, split_note
from .parse.text import OPEN_QUOTES, TITLE_MARK, marker_set, quote_spans, split_parts

def _archival(text: str, sigla: set[str], has_publisher: bool, has_page_label: bool) -> str | None:
    """The archive named at the start of an archival reference, or None."""
    parts = split_parts(text)
    first = parts[0]
    for part in parts:
        # "…yazısı, 21 Temmuz 1926, BCA (030.10…)", "FO 371/4158": the siglum may follow the document's title
        lead = re.split(r"[\s,.(]", part.strip(), maxsplit=1)[0]
        if lead in sigla or part.strip() in sigla:
            if part is first or re.search(r"\d", part) or "(" in part or part.strip() in sigla:
                return part.strip()
    if has_publisher or has_page_label:
        return None
    if N.looks_like_names(first) and not re.search(r"ar[sş]iv|archiv", fold(first)):
        return None  # a personal author ("Rüdiger, „…“, Archiv für …") is not an archive
    unquoted = text
    for s, e in reversed(quote_spans(text)):
        unquoted = unquoted[:s] + unquoted[e + 1 :]
    low = fold(unquoted)
    padded = f" {low} "  # fold gives words between single spaces: a word boundary is a space
    hits = sum(1 for word in _archive_words() if word in padded)
    has_numbers = bool(re.search(r"\d", unquoted))
    if hits and has_numbers and (hits >= 2 or re.search(r"\b(ar[sş]iv|archiv)", low)):
        return first.strip()
    if re.search(r"\b(ar[sş]iv|archiv)", fold(first)) and len(parts) >= 2:
        return first.strip()  # "ARCHIVES DIPLOMATIQUES, LA COURNEUVE, Télégramme…": the archive leads
    return None


@lru_cache(maxsize=1)
def _archive_words() -> tuple[str, ...]:
    return tuple(f" {fold(w)} " for w in L.ARCHIVE_WORDS if fold(w))


def _unresolved_too(pattern: str) -> str:
    """A cross-reference's note number, or the "??" LaTeX prints for a reference it could not resolve ("Voß, see
    n. ??, p. 87": biblatex's inote styles after \\footcites)."""
    return pattern.replace(r"(\d+)\b", r"(\d+\b|\?\?)").replace(r"(\d+)", r"(\d+|\?\?)")


_XREFS = [re.compile(_unresolved_too(p), re.IGNORECASE) for p in L.NOTE_XREF]
UNKNOWN_NOTE = -1  # the note a cross-reference means, when its number is "??"
# any of them, in one pass: most citations refer to no earlier note, and one search tells so (the patterns have no
# back-references, so the alternation matches somewhere exactly when one of them does)
_ANY_XREF = re.compile("|".join(f"(?:{_unresolved_too(p)})" for p in L.NOTE_XREF), re.IGNORECASE)


# a URL or DOI ending a citation (Chicago, MHRA, OSCOLA put it after the pages), with an access date: the
# locator stands before it
# (biblatex breaks a long one with spaces: "https : / / tug . org / TUGboat / tb15 - 3 / tb44mackay.pdf", or before
# its file type: "…/tb72chest. pdf")
_LINK_TAIL = re.compile(
    r"(?:(?:https?:?//|doi:\s*|www\.)\S+(?:\s+" + LINK_FILE_TYPE + r")?(?:\s*[>\]])?|https?\s*:\s*/\s*/[^,;()]*?)"
    r"(?:[,.]?\s*\(?" + alternation(L.ACCESSED) + r"[^()]{0,40}\)?)?[.\s]*",
    re.IGNORECASE)


# (citeproc-js prints "[https//doi.org/…]" for a DOI in some styles: the colon lost, the link in brackets)
_LINK_START = re.compile(r"https?\s*:?\s*/\s*/|doi:|www\.")


def _without_trailing_link(text: str) -> str:
    """The citation without the link that ends it, and without the ISSN or ISBN before or instead of it
    ("…: 221, issn: 0896-3207, https://…": the page is the citation's last part). The link is found from the last
    "http", "doi:" or "www." (a pattern searched from every position was quadratic on a long run of spaces)."""
    return _TRAILING_IDENTIFIER.sub("", _without_link(text))


# an ISSN or ISBN ending a citation, as biblatex-chicago prints them after the page
_TRAILING_IDENTIFIER = re.compile(r"(?:[,.]\s*(?:issn|isbn)\s*:?\s*[\dXx][\dXx\s-]{6,20})+[.\s]*$", re.IGNORECASE)


def _without_link(text: str) -> str:
    low = text.lower()
    if "http" not in low and "doi:" not in low and "www." not in low:
        return text
    for m in _LINK_START.finditer(low):  # the first link that runs to the end ("https://doi.org/https://…")
        if _LINK_TAIL.fullmatch(text, m.start()):
            # and the words that introduce it ("pp. 11, 16. En ligne: <https://…>")
            return _LINK_LABEL.sub("", text[:m.start()].rstrip(" \t,.<["))
    return text


_LINK_LABEL = re.compile(r"[.,;]?\s*(?:" + alternation(L.LINK_LABELS) + r")\s*:?$", re.IGNORECASE)


def _without_back_reference(text: str) -> tuple[int | None, str]:
    """(the earlier note a citation refers to, the citation without that reference)."""
    if not _ANY_XREF.search(text):
        return None, text
    for pattern in _XREFS:
        m = pattern.search(text)
        if m:
            text = (text[: m.start()] + ", " + text[m.end():].lstrip(" ,")).strip(" ,")
            number = UNKNOWN_NOTE if m.group(1) == "??" else parse_int(m.group(1))
            return number, re.sub(r"\s+,", ",", text)  # "Whitfield (n 5) 98–99" -> "Whitfield, 98–99"
    return None, text


def _head_and_locator(text: str, grammar: Grammar) -> tuple[str, Locator | None]:
    """The citation without its link, and its locator: mostly the one before the link, but a labelled pinpoint
    after it is the one cited ("TUGboat, 2/3 (1981), 37–8, https://…/tb04murbub.pdf at 37": oxnotes-trad1 prints
    the article's span, its link, then the page)."""
    unlinked = _without_trailing_link(text)
    head, locator = split_locator(unlinked, grammar)
    if unlinked == text:
        return head, locator  # no link: most citations
    after_head, after = split_locator(text, grammar)
    if after is not None and after.text[:1].isalpha() and text[len(after_head):len(after_head) + 1].isspace():
        without = _without_trailing_link(after_head)
        if without != after_head:  # the link ends right before the pinpoint
            return without, after
    return head, locator


_MARKER_COLON = re.compile(r"^(\S+)\s*:(?=\s)")


def _unbracketed(text: str) -> str:
    """A citation in brackets of its own, as some styles set one inside a note ("(Team, L. P.: Modifying LaTeX
    [1995], 8–9)."): without them, so that its locator is the last thing in it."""
    if not text.startswith("(") or not text.rstrip(".").endswith(")"):
        return text
    inner = text.rstrip(".")[1:-1]
    depth = 0
    for ch in inner:
        depth += (ch == "(") - (ch == ")")
        if depth < 0:
            return text  # "(1990) 25(3) Journal 12": the first bracket closes early
    return inner.strip() + "." if depth == 0 and inner.strip() else text


# the pinpoint alone in brackets after a repeat marker, as styles that print "first page (pinpoint)" write it:
# "Ebd. (24)." (biblatex-jura2)
_BRACKETED = re.compile(r"^\(\s*([^()]*?)\s*\)\s*\.?$")


def parse_citation(
    fragment: str, note: Note, index: int, line: int, grammar: Grammar, sigla: set[str]
) -> Citation | None:
    """Read one fragment; None if it is discursive text rather than a citation."""
    original = fragment.strip()
    markers = marker_set(grammar)
    # the reference to an earlier note first: "siehe" in "Fenn, siehe Anmerkung 5, S. 56" is not a signal
    xref, text = _without_back_reference(strip_conjunction(original))
    # a reference to a note LaTeX could not number: the author's work cited before, as "op. cit." says
    unnumbered = xref == UNKNOWN_NOTE
    if unnumbered:
        xref = None
    text = _unbracketed(strip_signal(after_inner_signal(text, grammar), grammar))
    if not text:
        return None
    lead = leading_marker(text, grammar, markers)
    if lead is not None:
        rest = text[len(lead):].lstrip(" ,.")
        role = role_of_marker(lead, grammar, has_author=False)
        if role == "ibid" or not rest:
            locator = None
            if rest:
                _, locator = split_locator(", " + _BRACKETED.sub(r"\1", rest), grammar)
            return Citation(note.number, index, original, line, Kind.IBID, marker=lead, marker_role=MarkerRole.IBID,
                            locator=locator, xref_note=xref)
    head, locator = _head_and_locator(text, grammar)
    if locator is None and (after := _TRAILING_TRANSLATOR.search(text)) is not None:
        # "…, İstanbul 2013, S. 246, übers. von Ayşe Gül Ertuğrul." (a CSL style puts the translator last)
        head, locator = split_locator(_without_trailing_link(text[:after.start()]), grammar)
        head = head if locator is not None else text
    if locator is None and head.endswith(".") and not re.search(r"(?:^|[\s.])[^\W\d_]\.$", head):
        head = head[:-1].rstrip()  # the note's full stop, not an abbreviation or initial
    # "Ders.: Lucida-Schriften …" (biblatex-dw): the marker stands where the author would, before the colon
    head = _MARKER_COLON.sub(lambda m: m.group(1) + "," if is_marker(m.group(1), markers) else m.group(), head)
    colon = authors_before_colon(head) if ":" in head[:160] and not _archival(head, sigla, False, False) else None
    if colon is not None:
        colon_authors, head = colon
    else:
        colon_authors = None
    comma_parts = split_parts(head)
    if colon_authors is None:
        colon_authors, comma_parts = inverted_author(comma_parts, grammar)
    if colon_authors is None:
        colon_authors, comma_parts = initials_after_family(comma_parts)
    parts = [piece for part in comma_parts for piece in split_stops(part, grammar)]
    marker = None
    marker_role = None
    for k, part in enumerate(parts):
        if is_marker(part, markers):
            marker = part
            marker_role = role_of_marker(part, grammar, has_author=k > 0)
            parts = parts[:k] + parts[k + 1 :]
            break
    if marker_role == MarkerRole.SAME_AUTHOR:
        # "Idem, Information Theory and Statistics, op. cit., p. 54": the marker stands for the author, so what
        # follows is the title (capitalised words joined by "and" are not more names), and an "op. cit." after
        # it only says the work was cited before
        parts = [p for p in parts if not is_marker(p, markers)]
        if parts and not parts[0].startswith(TITLE_MARK) and unquote(parts[0])[0] is None:
            parts[0] = TITLE_MARK + parts[0]
    if unnumbered and marker is None:
        marker, marker_role = "??", MarkerRole.EARLIER
    fields = read_parts([p for p in parts if p], grammar, colon_authors)
    has_page_label = bool(locator and locator.label and re.match(r"^\D", locator.text))
    archive = _archival(head, sigla, bool(fields.publisher), has_page_label)
    if archive:
        quoted = [q for q in (unquote(p)[0] for p in parts) if q]
        plain = [p for p in parts if p.strip() != archive and not re.search(r"\d", p)
                 and not re.search(r"\b(ar[sş]iv|archiv)", fold(p)) and len(p.split()) >= 3]
        doc_title = quoted[0] if quoted else (max(plain, key=len) if plain else None)
        return Citation(note.number, index, original, line, Kind.ARCHIVAL, archive=archive, xref_note=xref,
                        locator=None, title=_tidy(doc_title))
    years = tuple(dict.fromkeys(fields.years or []))
    if marker_role == MarkerRole.SAME_AUTHOR or fields.author_year or _names_and_year_only(fields):
        kind = Kind.SHORT
    elif years or fields.publisher or (fields.container and (fields.volume or fields.issue)):
        kind = Kind.FULL
    elif fields.authors or fields.title:
        kind = Kind.SHORT
    else:
        kind = Kind.OTHER
    made = Citation
    if not _is_citation(fields, locator, marker, xref, kind):
        # A document cited by its title alone ("Kars vilayetinde … yazısı.", "“Télégramme …”") reads like a
        # sentence: a TentativeCitation, which the resolver keeps only if it matches an entry's title closely.
        bare = TRAILING_PARENS.sub("", head).strip(" .,;")
        if fields.authors or not bare or len(bare) > 250 or len(bare.split()) < 2:
            return None
        made = TentativeCitation
        fields.title = bare if text.lstrip()[:1] not in OPEN_QUOTES else (fields.title or bare)
    return made(
        note=note.number, index=index, text=original, line=line, kind=kind, authors=fields.authors,
        title=_tidy(fields.title), container=_tidy(fields.container), publisher=fields.publisher,
        place=fields.place, years=years, volume=fields.volume or (locator.volume if locator else None),
        issue=fields.issue, translator=fields.translator, marker=marker, marker_role=marker_role,
        xref_note=xref, locator=locator,
    )


# the role, a short word after it ("von", "by"), the names
_TRAILING_TRANSLATOR = re.compile(r",\s*(?:" + alternation(L.ROLES["translator"]) + r")(?:\s+[^\W\d_]{2,3})?"
                                  r"\s+[^\W\d_][^,;()\d]{1,60}\.?\s*$")


def _names_and_year_only(fields: Fields) -> bool:
    """"Maggi, 2022, pp. 18, 22": names and a year, no title nor imprint, is an author-year short form, however
    punctuated (a full citation names its work)."""
    return bool(fields.authors and fields.years) and not (fields.title or fields.publisher or fields.container)


def _tidy(text: str | None) -> str | None:
    if text is None:
        return None
    text = collapse_spaces(text).strip(" ,.;:")
    return text or None


def _is_citation(fields: Fields, locator: Locator | None, marker: str | None, xref: int | None, kind: str) -> bool:
    """Discursive sentences carry none of a citation's marks."""
    if marker or xref is not None or kind == Kind.FULL or fields.author_year or _names_and_year_only(fields):
        return True  # "Vgl. Öztürk (2015).": author and year are a citation
    if locator is not None and (locator.ranges or locator.passim or locator.label):
        return bool(fields.authors or fields.title)
    if fields.authors and fields.title:
        # "Smith, Title" with no locator: a citation if the author slot is short and the title not a sentence
        return len(fields.title.split()) <= 25
    return False


# (?<![\w’'.-]): start at a word's start; starting inside every long run of letters, dots or
# digits made finditer quadratic, and a match starting inside a word is found from its start too
_DEFINITION = re.compile(r"(?<![\w’'.-])((?:[\w’'.-]+[ \t]+){0,7}[\w’'.-]+)\s*\(\s*([A-ZÇĞİÖŞÜ][A-Za-zÇĞİÖŞÜçğıöşü.]{1,9})\s*\)")


def archive_definitions(notes: list[Note]) -> dict[str, str]:
    """Abbreviations defined at first use: "Başbakanlık Cumhuriyet Arşivi (BCA)" -> {"BCA": ...}."""
    found: dict[str, str] = {}
    for note in notes:
        for m in _DEFINITION.finditer(note.text):
            abbr = m.group(2).rstrip(".")
            if sum(ch.isupper() for ch in abbr) < 2:
                continue
            words = m.group(1).split()
            # the name starts at the last capitalised word that begins like the abbreviation
            starts = [i for i, w in enumerate(words) if w[:1].isupper() and fold(w[:1]) == fold(abbr[:1])]
            if starts:
                found.setdefault(abbr, " ".join(words[starts[-1]:]))
    return found


def parse_note(note: Note, grammar: Grammar, sigla: set[str]) -> list[Citation]:
    return [c for _, c in parse_fragments(note, grammar, sigla) if c is not None]


def parse_fragments(note: Note, grammar: Grammar, sigla: set[str]) -> list[tuple[Fragment, Citation | None]]:
    """Each piece of the note, and the citation read from it (None: discursive text)."""
    out: list[tuple[Fragment, Citation | None]] = []
    index = 0
    for fragment in split_note(note.text, grammar):
        cit = parse_citation(fragment.text, note, index, note.line_at(fragment.offset), grammar, sigla)
        if cit is not None:
            cit = replaced(cit, span=(fragment.offset, fragment.offset + len(fragment.text)))
            index += 1
        out.append((fragment, cit))
    return out


def locator_only(text: str, grammar: Grammar) -> Locator | None:
    return split_locator(", " + text, grammar)[1]
