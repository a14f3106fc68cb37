"""Readers: one per manuscript format, each returning a Manuscript.

The format is chosen by content first for packages (a PDF, a zip holding a Word or
OpenDocument text), then by suffix, then by content for plain text (LaTeX commands,
Markdown note definitions). A file whose suffix promises a package it is not gets a
clear error rather than being read as text.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import replace

from typing import TYPE_CHECKING

from ..errors import InputError

if TYPE_CHECKING:  # imported where used: `srccheck --version` loads this module only for FORMATS
    from ..model import Manuscript

FORMATS = ("text", "markdown", "latex", "docx", "odt", "pdf")
BINARY_FORMATS = ("docx", "odt", "pdf")

_SUFFIXES = {
    ".md": "markdown", ".markdown": "markdown", ".mdown": "markdown", ".qmd": "markdown", ".rmd": "markdown",
    ".tex": "latex", ".ltx": "latex", ".latex": "latex",
    ".docx": "docx", ".docm": "docx", ".dotx": "docx",
    ".odt": "odt", ".ott": "odt", ".fodt": "odt",
    ".pdf": "pdf",
    ".txt": "text",
}
MANUSCRIPT_SUFFIXES = frozenset(_SUFFIXES)
_NAMES = {"docx": "a Word (.docx) document", "odt": "an OpenDocument text (.odt)", "pdf": "a PDF"}
_LATEX_HINT = re.compile(r"\\(?:documentclass|begin\{document\}|footnote\{|footcite|addbibresource|section\{)")
_MD_DEFINITION = re.compile(r"^ {0,3}\[\^[^\]\s]+\]:", re.M)


def sniff_package(data: bytes) -> str | None:
    """"pdf", "docx", "odt", "zip" (some other zip) or None, from the bytes alone."""
    if data[:1024].lstrip(b"\x00\t\r\n \xef\xbb\xbf").startswith(b"%PDF-"):
        return "pdf"
    if data[:4] != b"PK\x03\x04":
        return None
    from .package import package_kind

    return package_kind(data)


def detect_format(path: str, text: str) -> str:
    """The format of a text manuscript (a package is recognised from its bytes by sniff_package)."""
    suffix = _SUFFIXES.get(os.path.splitext(path)[1].lower())
    if suffix in ("markdown", "latex", "text"):
        return suffix
    if _LATEX_HINT.search(text[:200000]):
        return "latex"
    if _MD_DEFINITION.search(text) or "^[" in text:
        return "markdown"
    return "text"


def read_manuscript(path: str, fmt: str | None = None, encoding: str | None = None) -> Manuscript:
    return load_manuscript(path, fmt, encoding)[0]


def load_manuscript(path: str, fmt: str | None = None, encoding: str | None = None) -> tuple[Manuscript, str]:
    """The manuscript and its source text ("" for a package or PDF, whose notes keep their text in Note.raw)."""
    return parse_bytes_with_text(manuscript_bytes(path, fmt), path, fmt, encoding)


def manuscript_bytes(path: str, fmt: str | None = None) -> bytes:
    # Word files and PDFs carry images and fonts: they get the larger limit of a document
    from ..textio import read_bytes

    binary = (fmt or _SUFFIXES.get(os.path.splitext(path)[1].lower())) in BINARY_FORMATS
    return read_bytes(path, "document" if binary else "manuscript")


def parse_bytes(data: bytes, path: str, fmt: str | None = None, encoding: str | None = None,
                borrowed: Iterable[str] = ()) -> Manuscript:
    return parse_bytes_with_text(data, path, fmt, encoding, borrowed)[0]


def parse_bytes_with_text(data: bytes, path: str, fmt: str | None = None, encoding: str | None = None,
                          borrowed: Iterable[str] = ()) -> tuple[Manuscript, str]:
    """borrowed: words that may cut lines a PDF extractor glued (see respace), for text read from a PDF."""
    sniffed = sniff_package(data)
    claimed = _SUFFIXES.get(os.path.splitext(path)[1].lower())
    wanted = fmt or (sniffed if sniffed in BINARY_FORMATS else None) or claimed
    if wanted in BINARY_FORMATS:
        if sniffed != wanted:
            raise InputError(f"{path}: not {_NAMES[wanted]} ({_what_it_is(sniffed)})")
        return _read_binary(data, path, wanted), ""
    if sniffed is not None and sniffed != "zip" and fmt is None:
        return _read_binary(data, path, sniffed), ""
    if sniffed == "zip":
        raise InputError(f"{path}: a zip archive, but not a Word (.docx) or OpenDocument (.odt) document")
    from ..textio import decode_lines

    text, used = decode_lines(data, path, encoding)
    fmt = fmt or detect_format(path, text)
    line_map: list[tuple[int, str, int, int]] = []
    if fmt == "latex":  # read whole: the chapters a main file \input's are part of it
        from .latex_files import read_whole

        text, line_map, _ = read_whole(text, path, lambda included: _included_text(included, encoding))
    manuscript = parse_manuscript(text, path, fmt, borrowed)
    garbled, better = _garbled(data, text, used)
    hint = "" if manuscript.notes or any(manuscript.direct_citations.values()) else _what_it_is_instead(text)
    return replace(manuscript, encoding=used, line_map=line_map, garbled=garbled, better_encoding=better,
                   no_notes_hint=hint or manuscript.no_notes_hint), text


def _garbled(data: bytes, text: str, used: str) -> tuple[list[str], str]:
    """Words of the decoded text that read as no language writes, and a code page reading the bytes better."""
    from ..encodings import guess_code_page, reads_as_garbage

    examples = reads_as_garbage(text)
    if not examples:
        return [], ""
    try:
        data.decode("utf-8")
        return examples, ""  # valid UTF-8 that reads as garbage: written wrongly, not read wrongly
    except UnicodeDecodeError:
        pass
    other = guess_code_page(data)
    better = other if other != used and not reads_as_garbage(data.decode(other, "replace")) else ""
    return examples, better


_BIBTEX_ENTRY = re.compile(r"^\s*@[A-Za-z]+\s*[{(]", re.M)
_BRACKET_NOTE = re.compile(r"^\s*\[\d{1,4}\]\s+\S", re.M)


def _what_it_is_instead(text: str) -> str:
    """Why a text may hold no notes: it is empty, a BibTeX file, or a numbered reference list ([1] …)."""
    if not text.strip():
        return "the file is empty"
    lines = [line for line in text.splitlines() if line.strip()]
    if len(_BIBTEX_ENTRY.findall(text)) >= max(1, len(lines) // 20) and lines[0].lstrip().startswith(("@", "%")):
        return "it looks like a BibTeX bibliography, not a manuscript: give it with --bib"
    if len(_BRACKET_NOTE.findall(text)) >= 2:
        return ("its numbers in brackets ([1], [2]…) make a numbered reference list, not notes: srccheck checks "
                "footnotes and endnotes")
    return ""


def _included_text(path: str, encoding: str | None) -> str:
    from ..textio import read_text

    return read_text(path, "manuscript", encoding)[0]


def included_bytes(data: bytes, path: str, fmt: str | None = None, encoding: str | None = None) -> bytes:
    """For a LaTeX main file, the names and bytes of the files it brings in (what its notes also depend on,
    for the cache); b"" for anything else."""
    if path == "-" or (fmt or _SUFFIXES.get(os.path.splitext(path)[1].lower(), "latex")) != "latex" \
            or sniff_package(data) is not None:
        return b""
    from ..textio import decode_lines, read_bytes
    from .latex_files import included_files

    try:
        text = decode_lines(data, path, encoding)[0]
    except InputError:
        return b""  # reported when the file itself is read
    if fmt is None and detect_format(path, text) != "latex":
        return b""
    files = included_files(text, path, lambda included: _included_text(included, encoding))
    return b"".join(b"\0" + f.encode("utf-8", "surrogateescape") + b"\0" + read_bytes(f, "manuscript") for f in files)


def _what_it_is(sniffed: str | None) -> str:
    return {None: "not a zip package", "zip": "a zip archive without a document in it",
            "pdf": "it is a PDF", "docx": "it is a Word document", "odt": "it is an OpenDocument text"}[sniffed]


def _read_binary(data: bytes, path: str, fmt: str) -> Manuscript:
    if fmt not in FORMATS:
        raise InputError(f"{path}: {_NAMES[fmt]}; this format is not supported yet")
    if fmt == "docx":
        from .docx import read_docx

        return read_docx(data, path)
    if fmt == "odt":
        from .odt import read_odt

        return read_odt(data, path)
    from .pdf import read_pdf

    return read_pdf(data, path)


def parse_manuscript(text: str, path: str, fmt: str | None = None, borrowed: Iterable[str] = ()) -> Manuscript:
    """Read a manuscript given as text (Markdown, LaTeX, or text extracted from a PDF). borrowed: see
    parse_bytes_with_text."""
    fmt = fmt or detect_format(path, text)
    if fmt in BINARY_FORMATS:
        raise InputError(f"{path}: {fmt} is a binary format; read it with read_manuscript")
    if fmt == "markdown":
        from .markdown import read_markdown

        return read_markdown(text, path)
    if fmt == "latex":
        from .latex import read_latex

        return read_latex(text, path)
    from .pdftext import read_pdf_text

    return read_pdf_text(text, path, borrowed)


def bibliography_paths(manuscript: Manuscript) -> list[str]:
    """The .bib files a manuscript names (YAML ``bibliography:``, ``\\addbibresource``), for when
    --bib is not given: in the order named, each once, relative paths already joined to the
    manuscript's folder. A missing one is left for the bibliography loader to report."""
    return list(dict.fromkeys(manuscript.bib_paths))
