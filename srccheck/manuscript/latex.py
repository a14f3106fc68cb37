r"""LaTeX: \footnote{...}, \footnotemark/\footnotetext, and biblatex/natbib citations inside notes.

- Braces are matched by a linear scan (escaped braces and comments skipped); a note
  whose brace is never closed is an InputError naming its line, never a hang.
- Comments (% to the end of the line) are left out of a note's text; the note's raw
  text keeps them, so ``% srccheck: ignore[...]`` lines reach the suppression reader.
- The footnote counter follows LaTeX: \footnote and \footnotemark step it, \footnote[n]
  and \footnotemark[n] use n, \footnotetext attaches to the last mark, and
  \setcounter{footnote}{n} sets it.
- Every citation command of biblatex and natbib is read (latex_cites.py: capitalised and
  starred forms, multicites, \volcite): \footcite, \autocite, \smartcite… in the body make a
  note of their own (as biblatex typesets them in the note styles srccheck is for); \textcite,
  \parencite, \cite… in the body are citations of the text (note 0), and inside a note every
  one is a citation of that note, by key. The commands are cut out of the note text so the
  free-text parser does not read them again.
- Verbatim, listing and comment environments and \verb are blanked like comments: what they
  show is not read.
- \addbibresource{...} and \bibliography{a,b} name the bibliographies (relative to the file).
"""

from __future__ import annotations

import os
import re
import unicodedata

from ..errors import InputError
from ..grammar import alternation
from ..grammar import languages as L
from ..model import Manuscript, Marker
from ._common import FoundNote, KeyCite, blank_out, build_manuscript, line_of, line_offsets, tidy
from .latex_cites import NOTE_MAKING, command_name, is_citation, is_mention, read_citation

_COMMAND = re.compile(r"\\([A-Za-z@]+)(\*?)")
_DROP_WITH_ARG = {"label", "index", "hspace", "vspace", "ref", "pageref", "pagebreak", "linebreak", "nolinkurl"}
_FIRST_ARG_DROPPED = {"href", "foreignlanguage", "textcolor", "colorbox"}
_QUOTING = {"mkbibquote", "enquote", "textquote"}
_SYMBOLS = {
    "ldots": "…", "dots": "…", "textellipsis": "…", "S": "§", "textasciitilde": "~", "textquotesingle": "'",
    "textquotedbl": '"', "textendash": "–", "textemdash": "—", "textbackslash": "\\", "i": "ı", "ss": "ß",
    "o": "ø", "O": "Ø", "ae": "æ", "AE": "Æ", "oe": "œ", "l": "ł", "L": "Ł", "newline": " ", "linebreak": " ",
    "par": " ", "quad": " ", "qquad": " ", "noindent": "", "relax": "", "textsuperscript": "", "ignorespaces": "",
    "today": "", "frenchspacing": "", "nobreakspace": "\u00a0", "textdegree": "°", "texttimes": "×",
}
_ACCENTS = {'"': "\u0308", "'": "\u0301", "`": "\u0300", "^": "\u0302", "~": "\u0303", "=": "\u0304",
            ".": "\u0307", "u": "\u0306", "v": "\u030c", "c": "\u0327", "H": "\u030b", "k": "\u0328", "r": "\u030a"}
_ACCENT = re.compile(r"""\\([\"'`^~=.]|[uvcHkr](?![A-Za-z]))\s*(?:\{\s*(\\[ij]|[A-Za-z])\s*\}|(\\[ij](?![A-Za-z])|[A-Za-z]))""")


def read_latex(text: str, path: str) -> Manuscript:
    work = blank_verbatim(_blank_comments(text), text)
    starts = line_offsets(text)
    bib_paths = _bibliographies(work, path)
    begin = work.find("\\begin{document}")
    position = begin + len("\\begin{document}") if begin >= 0 else 0
    end_doc = work.find("\\end{document}", position)
    limit = end_doc if end_doc >= 0 else len(work)

    numbering = _Numbering(work[:begin] if begin >= 0 else work[:position])
    notes: list[FoundNote] = []
    markers: list[Marker] = []
    pending_marks: list[int] = []  # \footnotemark numbers waiting for their \footnotetext
    mark_lines: dict[int, int] = {}
    mark_index: dict[tuple[int, int], int] = {}  # (chapter, printed number) of a mark -> its running index
    body_keys: list[KeyCite] = []
    while True:
        m = _COMMAND.search(work, position, limit)
        if m is None:
            break
        name = m.group(1)
        line = line_of(starts, m.start())
        position = m.end()
        if name == "chapter" and not m.group(2):
            numbering.new_chapter()
            continue
        if name == "setcounter":
            args, position = _arguments(work, position, path, starts, 0, 2)
            if len(args) == 2 and args[0][1].strip() in ("footnote", "endnote") and _int(args[1][1]) is not None:
                numbering.counter[args[0][1].strip()] = _int(args[1][1]) or 0
            continue
        if name in ("footnote", "endnote", "footnotetext", "endnotetext"):
            opts, position = _arguments(work, position, path, starts, 1, 0, optional_only=True)
            args, position = _arguments(work, position, path, starts, 0, 1, command=name)
            if not args:
                continue
            kind = "endnote" if name.startswith("end") else "footnote"
            explicit = _int(opts[0][1]) if opts else None
            if name.endswith("text"):
                printed = explicit or (pending_marks.pop(0) if pending_marks else numbering.counter[kind])
                marker_line = mark_lines.get(printed)
                index = mark_index.pop((numbering.chapter, printed), None) or numbering.new_index()
            else:
                printed = explicit if explicit is not None else numbering.counter[kind] + 1
                if explicit is None:
                    numbering.counter[kind] = printed
                marker_line = line
                index = numbering.new_index()
                markers.append(numbering.marker(index, line, printed))
            (start, _inner), end = args[0], position
            notes.append(numbering.number(_note(index, text, work, start, end - 1, line_of(starts, start),
                                                marker_line, starts, path), printed))
            continue
        if name == "footnotemark":
            opts, position = _arguments(work, position, path, starts, 1, 0, optional_only=True)
            printed = _int(opts[0][1]) if opts else None
            if printed is None:
                numbering.counter["footnote"] += 1
                printed = numbering.counter["footnote"]
            index = numbering.new_index()
            pending_marks.append(printed)
            mark_lines[printed] = line
            mark_index[(numbering.chapter, printed)] = index
            markers.append(numbering.marker(index, line, printed))
            continue
        if is_citation(name) and command_name(name) not in NOTE_MAKING:
            # \textcite, \parencite, \cite… in the body print where they stand: citations of the text, no note
            position, keys = _citation(work, m, path, starts)
            body_keys.extend(keys)
            continue
        if is_citation(name):
            cite_end, keys = _citation(work, m, path, starts)
            position = cite_end
            kind = numbering.cite_counter
            numbering.counter[kind] += 1
            printed = numbering.counter[kind]
            index = numbering.new_index()
            markers.append(numbering.marker(index, line, printed))
            notes.append(numbering.number(FoundNote(index, "", line, raw=text[m.start():cite_end], marker_line=line,
                                                    keys=keys), printed))
            continue
    if not numbering.restarted:  # one chapter, or none: the document numbers its notes once, as printed
        for note in notes:
            note.number, note.chapter, note.printed = note.printed or note.number, 0, None
        markers = [Marker(m.printed or m.number, m.line) for m in markers]
    return build_manuscript(path, notes, markers, bib_paths=bib_paths, body_keys=body_keys)


_BOOK_CLASSES = {"book", "report", "scrbook", "scrreprt", "memoir"}


class _Numbering:
    """LaTeX's note counters: book classes reset the footnote counter at each \\chapter; enotez (reset=true) or
    \\counterwithin{endnote}{chapter} the endnote counter; \\counterwithout undoes it. A note is then known by its
    running index (Note.number) and, when numbering restarts, its chapter and printed number."""

    def __init__(self, preamble: str) -> None:
        cls = re.search(r"\\documentclass\s*(?:\[[^\]]*\])?\s*\{\s*([A-Za-z]+)\s*\}", preamble)
        book = bool(cls) and cls.group(1) in _BOOK_CLASSES
        self.resets = {
            "footnote": (book or _within(preamble, "footnote")) and not _without(preamble, "footnote"),
            "endnote": (re.search(r"\\setenotez\s*\{[^}]*reset\s*=\s*true", preamble) is not None
                        or _within(preamble, "endnote")) and not _without(preamble, "endnote"),
        }
        endonly = re.search(r"\\usepackage\s*\[[^\]]*notetype\s*=\s*endonly", preamble)
        self.cite_counter = "endnote" if endonly else "footnote"
        self.counter = {"footnote": 0, "endnote": 0}
        self.chapter = 1
        self.index = 0
        self.in_chapter = 0  # notes numbered in the current chapter
        self.restarted = False

    def new_chapter(self) -> None:
        # numbering restarts only where the chapter's notes used a counter that resets (a report's \endnote of the
        # endnotes package counts on through the chapters while its footnote counter resets)
        restarts = any(resets and self.counter[kind] for kind, resets in self.resets.items())
        for kind, resets in self.resets.items():
            if resets:
                self.counter[kind] = 0
        if self.in_chapter and restarts:
            self.chapter += 1
            self.in_chapter = 0
            self.restarted = True

    def new_index(self) -> int:
        self.index += 1
        self.in_chapter += 1
        return self.index

    def marker(self, index: int, line: int, printed: int) -> Marker:
        return Marker(index, line, self.chapter, printed)

    def number(self, note: FoundNote, printed: int) -> FoundNote:
        note.chapter, note.printed = self.chapter, printed
        return note


def _within(preamble: str, counter: str) -> bool:
    return re.search(r"\\counterwithin\*?\s*\{" + counter + r"\}\s*\{chapter\}", preamble) is not None


def _without(preamble: str, counter: str) -> bool:
    return re.search(r"\\counterwithout\*?\s*\{" + counter + r"\}\s*\{chapter\}", preamble) is not None


def _int(value: str) -> int | None:
    from ..numbers import parse_int

    return parse_int(value, 6)


def _blank_comments(text: str) -> str:
    """Comments become spaces (offsets and lines stay put); an escaped \\% is text."""
    return re.sub(r"(?<!\\)((?:\\\\)*)%[^\n]*", lambda m: m.group(1) + " " * (len(m.group()) - len(m.group(1))), text)


# Environments whose content LaTeX prints as it is (or not at all): a \cite there is no citation.
_VERBATIM = re.compile(r"\\begin\s*\{(verbatim\*?|Verbatim\*?|BVerbatim|lstlisting|minted|comment|filecontents\*?)\}")
_INLINE_VERBATIM = re.compile(r"\\(?:verb\*?|lstinline|mintinline\s*\{[^{}\n]*\})\s*([^\sA-Za-z{])")


def blank_verbatim(work: str, raw: str | None = None) -> str:
    """Verbatim environments, listings, comment environments and \\verb|…| become spaces (lines kept), so that
    what they show is not read as notes or citations. An environment never closed runs to the end, as in LaTeX.
    `raw`: the text before comments were blanked, where a % inside the environment is no comment."""
    out = []
    position = 0
    for m in _VERBATIM.finditer(work):
        if m.start() < position:
            continue
        end_tag = f"\\end{{{m.group(1)}}}"
        close = (raw or work).find(end_tag, m.end())
        stop = len(work) if close < 0 else close + len(end_tag)
        out.append(work[position:m.start()])
        out.append(re.sub(r"[^\n]", " ", work[m.start():stop]))
        position = stop
    out.append(work[position:])
    work = "".join(out)

    pieces = []
    position = 0
    for m in _INLINE_VERBATIM.finditer(work):
        if m.start() < position:
            continue
        line_end = work.find("\n", m.end())
        close = work.find(m.group(1), m.end(), len(work) if line_end < 0 else line_end)
        if close < 0:
            continue
        pieces.append(work[position:m.start()])
        pieces.append(" " * (close + 1 - m.start()))
        position = close + 1
    pieces.append(work[position:])
    return "".join(pieces)


def _bibliographies(work: str, path: str) -> list[str]:
    base = os.path.dirname(path) if path not in ("-", "") else ""
    found: list[str] = []
    for m in re.finditer(r"\\addbibresource\s*(?:\[[^\]]*\])?\s*\{([^{}]+)\}", work):
        found.append(m.group(1).strip())
    for m in re.finditer(r"\\bibliography\s*\{([^{}]+)\}", work):
        for name in m.group(1).split(","):
            name = name.strip()
            if name:
                found.append(name if name.endswith(".bib") else name + ".bib")
    return [os.path.normpath(os.path.join(base, f)) for f in found]


def _arguments(work: str, position: int, path: str, starts: list[int], optional: int, mandatory: int,
               optional_only: bool = False, command: str = "") -> tuple[list[tuple[int, str]], int]:
    """Read up to `optional` [..] then `mandatory` {..} arguments: ([(start, inner)], position after)."""
    args: list[tuple[int, str]] = []
    for _ in range(optional):
        p = _skip_space(work, position)
        if p < len(work) and work[p] == "[":
            end = _match(work, p, "[", "]")
            if end is None:
                break
            args.append((p + 1, work[p + 1 : end]))
            position = end + 1
        else:
            break
    if optional_only:
        return args, position
    for _ in range(mandatory):
        p = _skip_space(work, position)
        if p >= len(work) or work[p] != "{":
            break
        end = _match(work, p, "{", "}")
        if end is None:
            raise InputError(f"{path}:{line_of(starts, p)}: unbalanced braces: the {{ of "
                             f"\\{command or 'command'} here is never closed")
        args.append((p + 1, work[p + 1 : end]))
        position = end + 1
    return args, position


def _skip_space(work: str, position: int) -> int:
    while position < len(work) and work[position] in " \t\n":
        position += 1
    return position


def _match(work: str, start: int, open_: str, close: str) -> int | None:
    """Index of the bracket closing the one at `start` (nested braces counted), or None."""
    depth = 0
    brace = 0  # inside [..], a ] within braces does not close: [p.~{3]}]
    i = start
    n = len(work)
    while i < n:
        ch = work[i]
        if ch == "\\":
            i += 2
            continue
        if open_ == "[":
            if ch == "{":
                brace += 1
            elif ch == "}":
                brace -= 1
            elif ch == "]" and brace <= 0:
                return i
            elif ch == "\n" and work[i + 1 : i + 2] == "\n":
                return None  # an optional argument does not run over a paragraph
        else:
            if ch == "{":
                depth += 1
            elif ch == "}":
                depth -= 1
                if depth == 0:
                    return i
        i += 1
    return None


def _citation(work: str, m: re.Match[str], path: str, starts: list[int]) -> tuple[int, list[KeyCite]]:
    """One citation command (multicite forms included) -> (end, keys with the postnote as locator)."""
    return read_citation(work, m, path, starts, _arguments, _latex_to_text)


# A locator alone after a citation command, up to the note's end, a ";" or the next command: a label (or none)
# and page numbers. Labels are those of any language: the reader does not know the notes' language yet.
_LOCATOR_AFTER = re.compile(
    r"[ \t\n]*[,.:]?[ \t\n]*(?P<loc>(?:(?:hier|at|ici|qui)[ \t]+)?"
    r"(?:" + alternation(L.AFTER_COMMAND_LABELS) + r"\.|§)?[ \t~]*"
    r"(?:[0-9]{1,5}[ab]?|[ivxlcdm]{1,6})(?:[ \t]*(?:-{1,3}|–|—|\\textendash\{\})[ \t]*(?:[0-9]{1,5}[ab]?|[ivxlcdm]{1,6}))?"
    r"(?:[ \t]*" + alternation(L.AFTER_COMMAND_FOLLOWING) + r"\.)?"
    r"(?:[ \t]*,[ \t]*[0-9]{1,5}(?:[ \t]*(?:-{1,3}|–|—)[ \t]*[0-9]{1,5})?)*)"
    r"(?:[ \t\n]*\.(?=[ \t\n]+[A-ZÀ-ÞĀ-ſ])|[ \t\n]*\.?[ \t\n]*(?=$|;|\\))"  # then the end, a command, or a sentence
)


def _note(number: int, text: str, work: str, start: int, end: int, line: int, marker_line: int | None,
          starts: list[int], path: str) -> FoundNote:
    """The note between start and end: citation commands taken out, the rest made plain text."""
    inner = work[start:end]
    keys: list[KeyCite] = []
    offset = 0
    while True:
        m = _COMMAND.search(inner, offset)
        if m is None:
            break
        if is_citation(m.group(1)):
            full = _COMMAND.match(work, start + m.start())
            assert full is not None  # the same text, seen from the whole file
            cite_end, found = _citation(work, full, path, starts)
            after = _LOCATOR_AFTER.match(inner, cite_end - start)
            if after and found and not found[-1].locator:
                # "\footnote{\cite{key}, p. 8.}", "\footnote{\cite{key}. S. 8.}": the locator written after the
                # command belongs to it, as a postnote would
                found[-1].locator = _latex_to_text(after.group("loc"))
                cite_end = start + after.end("loc")
            keys.extend(found)
            inner = blank_out(inner, m.start(), cite_end - start)
            offset = cite_end - start
        else:
            offset = m.end()
    plain = tidy(_latex_to_text(inner))
    return FoundNote(number, plain, line, raw=text[start:end], marker_line=marker_line, keys=keys)


def _latex_to_text(value: str) -> str:
    if "\\" not in value and "{" not in value and "~" not in value and "-" not in value and "`" not in value:
        return value
    value = _ACCENT.sub(_accent, value)
    value = re.sub(r"\\([&%$#_{}])", r"\1", value)
    value = re.sub(r"\\(?:[,;: @/]|\\\*?)", " ", value)
    value = value.replace("\\-", "")
    value = _replace_commands(value)
    value = value.replace("---", "—").replace("--", "–").replace("``", "“").replace("''", "”").replace("`", "‘")
    value = value.replace("~", "\u00a0").replace("{", "").replace("}", "")
    return unicodedata.normalize("NFC", value)


def _accent(m: re.Match[str]) -> str:
    base = m.group(2) or m.group(3)
    base = {"\\i": "i", "\\j": "j"}.get(base, base)
    if m.group(1) == "." and base == "I":
        return "İ"
    if base == "i" and m.group(1) in "\"'`^~=u":
        base = "ı"  # the dot gives way to the accent
    return unicodedata.normalize("NFC", base + _ACCENTS[m.group(1)])


def _replace_commands(value: str) -> str:
    out: list[str] = []
    position = 0
    for m in _COMMAND.finditer(value):
        if m.start() < position:
            continue
        out.append(value[position : m.start()])
        name = m.group(1)
        position = m.end()
        if name in _SYMBOLS:
            out.append(_SYMBOLS[name])
            if value[position : position + 2] == "{}":
                position += 2
            elif name.isalpha() and value[position : position + 1] == " " and _SYMBOLS[name] == "":
                position += 1
            continue
        if name in _DROP_WITH_ARG or name in _FIRST_ARG_DROPPED or is_mention(name):
            p = _skip_space(value, position)
            while p < len(value) and value[p] == "[":
                close = _match(value, p, "[", "]")
                p = (close + 1) if close is not None else p + 1
                p = _skip_space(value, p)
            if p < len(value) and value[p] == "{":
                close = _match(value, p, "{", "}")
                position = (close + 1) if close is not None else len(value)
            continue
        if name in _QUOTING:
            p = _skip_space(value, position)
            if p < len(value) and value[p] == "{":
                close = _match(value, p, "{", "}")
                if close is not None:
                    out.append("“" + _replace_commands(value[p + 1 : close]) + "”")
                    position = close + 1
            continue
        # formatting and unknown commands: the command goes, its argument's text stays
    out.append(value[position:])
    return "".join(out)
