"""Write drafted works as a BibTeX file: field order, LaTeX escapes for an ASCII file, and the comments
that say where each entry came from and what in it is unsure."""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING

from .model import Kind

if TYPE_CHECKING:
    from .draft import Work

# Field order in the written entry: people, titles, numbering, imprint.
FIELD_ORDER = ["author", "editor", "translator", "title", "booktitle", "journal", "edition", "volume", "number",
               "series", "pages", "type", "school", "institution", "publisher", "organization", "archive", "address",
               "year", "note"]

_LETTER_ACCENTS = {"\u0301": "'", "\u0300": "`", "\u0302": "^", "\u0308": '"', "\u0303": "~", "\u0304": "=",
                   "\u0307": "."}
_WORD_ACCENTS = {"\u0327": "c", "\u0306": "u", "\u030c": "v", "\u030b": "H", "\u0328": "k", "\u030a": "r",
                 "\u0323": "d", "\u0331": "b"}
_SPECIAL = {"ı": r"{\i}", "İ": r"{\.I}", "ß": r"{\ss}", "æ": r"{\ae}", "Æ": r"{\AE}", "œ": r"{\oe}", "Œ": r"{\OE}",
            "ø": r"{\o}", "Ø": r"{\O}", "ł": r"{\l}", "Ł": r"{\L}", "å": r"{\aa}", "Å": r"{\AA}",
            "–": "--", "—": "---", "‘": "`", "’": "'", "“": "``", "”": "''", "«": r"{\guillemotleft}",
            "»": r"{\guillemotright}", "\u00a0": "~", "…": r"{\ldots}"}
_LATEX_SPECIAL = {"&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_"}


def latex_escape(text: str) -> tuple[str, list[str]]:
    """ASCII LaTeX for a Unicode value: ş -> {\\c{s}}, ı -> {\\i}, ü -> {\\"u}. Returns (text, unmapped chars)."""
    out: list[str] = []
    unmapped: list[str] = []
    for ch in unicodedata.normalize("NFC", text):
        if ord(ch) < 128:
            out.append(ch)
        elif ch in _SPECIAL:
            out.append(_SPECIAL[ch])
        else:
            out.append(_accented(ch) or ch)
            if out[-1] == ch:
                unmapped.append(ch)
    return "".join(out), unmapped


def _accented(ch: str) -> str | None:
    decomposed = unicodedata.normalize("NFD", ch)
    base, marks = decomposed[0], decomposed[1:]
    if ord(base) >= 128 or len(marks) != 1:
        return None
    if base == "i" and marks in _LETTER_ACCENTS or base == "i" and marks in _WORD_ACCENTS:
        base = r"\i"  # î is an accent on a dotless i
    if marks in _LETTER_ACCENTS:
        return "{\\" + _LETTER_ACCENTS[marks] + (base if len(base) == 1 else "{" + base + "}") + "}"
    if marks in _WORD_ACCENTS:
        return "{\\" + _WORD_ACCENTS[marks] + "{" + base + "}}"
    return None


def _value(text: str, ascii_only: bool) -> tuple[str, list[str]]:
    text = re.sub(r"\s+", " ", text.replace("{", "").replace("}", "")).strip()
    text = text.replace("\\", "")  # a backslash in a note is never meant as a LaTeX command
    text = "".join(_LATEX_SPECIAL.get(ch, ch) for ch in text)
    if not ascii_only:
        return text, []
    return latex_escape(text)


def _comment_text(text: str) -> str:
    # "@" would open an entry for BibTeX, even inside a comment line
    text = re.sub(r"\s+", " ", text).replace("@", "(at)")
    return text if len(text) <= 160 else text[:159] + "…"


def render_entry(work: Work, ascii_only: bool = False) -> str:
    kind = "archival reference" if work.citation.kind == Kind.ARCHIVAL else "full citation"
    quoted = latex_escape(work.citation.text)[0] if ascii_only else work.citation.text  # an ASCII file throughout
    lines = [f"% note {work.note} ({kind}): {_comment_text(quoted)}"]
    if len(work.notes) > 1:
        lines.append(f"% also cited in full in note{'s' if len(work.notes) > 2 else ''} "
                     + ", ".join(map(str, work.notes[1:])))
    unsure = list(work.unsure)
    body = []
    width = max((len(k) for k in work.fields), default=4)
    for name in sorted(work.fields, key=lambda f: FIELD_ORDER.index(f) if f in FIELD_ORDER else len(FIELD_ORDER)):
        value, unmapped = _value(work.fields[name], ascii_only)
        if unmapped:
            unsure.append(f"{name}: no LaTeX for {''.join(dict.fromkeys(unmapped))}, kept as Unicode")
        body.append(f"  {name:<{width}} = {{{value}}}")
    for doubt in unsure:
        lines.append(f"% unsure: {_comment_text(doubt)}")
    lines.append(f"@{work.type}{{{work.key},")
    lines.append(",\n".join(body))
    lines.append("}")
    return "\n".join(lines) + "\n"


def render_bibtex(works: list[Work], ascii_only: bool = False, source: str = "") -> str:
    head = f"% BibTeX draft written by srccheck from the notes of {source}\n" if source else ""
    head += "% Check every entry: fields come from the first full citation of each work.\n"
    return head + "".join("\n" + render_entry(w, ascii_only) for w in works)
