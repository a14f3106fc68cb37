"""What the structured readers share: a note as found, keyed citations, building the Manuscript."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import Citation, FieldItem, Kind, Manuscript, Marker, Note
from ..normalize import clean


@dataclass
class KeyCite:
    """A citation given by key (pandoc @key, LaTeX \\cite): resolved directly, never re-parsed; or one item
    of a reference manager's citation field (key "", item set): resolved by the item's identity."""

    key: str
    written: str  # as written, for the report
    locator: str = ""  # postnote / suffix: "p. 33", "45"
    line: int = 0
    item: FieldItem | None = None


def field_cites(fields: list[list[FieldItem]]) -> list[KeyCite]:
    """The items of a note's citation fields as citations, in order."""
    return [KeyCite("", items[0].field.shown, item.locator, item=item) for items in fields for item in items]


@dataclass
class FoundNote:
    number: int
    text: str  # plain text, joined; key citations removed
    line: int  # where the note's text starts (line, paragraph or page: see Manuscript.position_kind)
    raw: str = ""
    page: int | None = None
    marker_line: int | None = None
    line_starts: tuple[tuple[int, int], ...] = ()
    keys: list[KeyCite] = field(default_factory=list)
    chapter: int = 0  # numbering restarted per chapter: its block (1, 2…), `number` then the running index
    printed: int | None = None


# (?<!\s): tried only where a run of spaces starts, so a long run (tabs and no-break spaces) costs its length once
_SPACE_BEFORE_PUNCT = re.compile(r"(?<!\s)\s+([,.;:!?)\]])")
_WS = re.compile(r"[ \t\r\n\f\v]+")
_EMPTY_PARENS = re.compile(r"\(\s*[,;]?\s*\)")
_DOUBLE_PUNCT = re.compile(r"([,;])\s*(?=[,;.])")


def tidy(text: str) -> str:
    """Collapse whitespace and the punctuation left behind where a keyed citation was cut out."""
    text = _WS.sub(" ", text)
    text = _EMPTY_PARENS.sub("", text)
    text = _SPACE_BEFORE_PUNCT.sub(r"\1", text)
    text = _DOUBLE_PUNCT.sub("", text)
    if not any(ch.isalnum() for ch in text):
        return ""  # only the punctuation around a removed citation was left
    return text.strip(" ;,")


def build_manuscript(
    path: str,
    notes: list[FoundNote],
    markers: list[Marker],
    unmatched: list[Marker] | None = None,
    *,
    position_kind: str = "line",
    has_body: bool = True,
    bib_paths: list[str] | None = None,
    body_keys: list[KeyCite] | None = None,
) -> Manuscript:
    """body_keys: citations by key standing in the body text, not in a note (LaTeX's \\textcite, \\parencite…):
    they are the citations of note 0, "the text"."""
    _refuse_too_much_text(path, notes)
    by_number: dict[int, int] = {}
    for m in markers:
        by_number.setdefault(m.number, m.line)
    out: list[Note] = []
    direct: dict[int, list[Citation]] = {}
    grammar = _grammar([n.text for n in notes]) if any(n.keys for n in notes) or body_keys else None
    if body_keys:
        body = FoundNote(0, "", body_keys[0].line)
        direct[0] = [_key_citation(body, k, i, grammar) for i, k in enumerate(body_keys)]
    for n in notes:
        text = clean(n.text)
        marker_line = n.marker_line if n.marker_line is not None else by_number.get(n.number)
        out.append(Note(n.number, text, n.line, n.page, marker_line, n.line_starts, raw=n.raw or n.text,
                        chapter=n.chapter, printed=n.printed))
        if n.keys and grammar is not None:
            direct.setdefault(n.number, []).extend(_key_citation(n, k, i, grammar) for i, k in enumerate(n.keys))
            if any(k.item for k in n.keys):
                from .fieldcite import classify

                direct[n.number] = classify(direct[n.number], n.number, grammar)
    return Manuscript(
        path=path, notes=out, markers=markers, unmatched_markers=unmatched or [], has_body=has_body,
        position_kind=position_kind, direct_citations=direct, bib_paths=bib_paths or [],
        numbering="per-chapter" if any(n.chapter for n in notes) else "continuous",
    )


def _refuse_too_much_text(path: str, notes: list[FoundNote]) -> None:
    """Notes unpacked from a package (or a PDF) hold no more text than a text manuscript may: the limit that
    keeps the parse's time bounded applies to what is parsed, not only to the file's bytes."""
    from ..errors import InputError
    from ..textio import MB, limit_for

    limit = limit_for("manuscript")
    total = sum(len(n.text) for n in notes)
    if total > limit:
        raise InputError(f"{path}: its notes hold {total / MB:.0f} MB of text, more than the {limit // MB} MB "
                         "limit for a manuscript")


def _grammar(texts: list[str]):  # type: ignore[no-untyped-def]
    # The reader does not know --language; the notes' own apparatus decides the one ambiguous
    # label ("S." is a page only in German), as it does for the pipeline's default.
    from ..grammar import detect_language, grammar_for

    return grammar_for(detect_language(texts))


def _key_citation(note: FoundNote, k: KeyCite, index: int, grammar) -> Citation:  # type: ignore[no-untyped-def]
    from ..locator import parse_locator

    if k.item is not None:
        from .fieldcite import item_citation

        return item_citation(k.item, note.number, index, k.line or note.line, grammar)
    locator = parse_locator(clean(k.locator), grammar) if k.locator.strip() else None
    return Citation(note=note.number, index=index, text=clean(k.written), line=k.line or note.line, kind=Kind.FULL,
                    key=k.key, locator=locator)


def line_of(starts: list[int], offset: int) -> int:
    """1-based line of an offset, given the offsets where lines start."""
    from bisect import bisect_right

    return bisect_right(starts, offset)


def line_offsets(text: str) -> list[int]:
    return [0] + [m.end() for m in re.finditer("\n", text)]


def blank_out(text: str, start: int, end: int) -> str:
    """Replace a span by spaces, keeping its line breaks, so offsets and lines stay valid."""
    return text[:start] + re.sub(r"[^\n]", " ", text[start:end]) + text[end:]


def join_lines(pieces: list[tuple[int, str]]) -> tuple[str, tuple[tuple[int, int], ...]]:
    """Join (line, text) pieces with single spaces, recording where each line starts in the result."""
    text = ""
    starts: list[tuple[int, int]] = []
    for line, piece in pieces:
        piece = _WS.sub(" ", piece).strip()
        if not piece:
            continue
        if text:
            text += " "
        starts.append((len(text), line))
        text += piece
    return text, tuple(starts)
