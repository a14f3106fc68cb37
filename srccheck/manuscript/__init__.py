"""Readers: one per manuscript format, each returning a Manuscript."""

from __future__ import annotations

import os

from ..model import Manuscript
from ..textio import read_text

FORMATS = ("text", "markdown")


def detect_format(path: str, text: str) -> str:
    suffix = os.path.splitext(path)[1].lower()
    if suffix in (".md", ".markdown", ".mdown", ".qmd", ".rmd"):
        return "markdown"
    if "[^" in text and "]:" in text:
        import re

        if re.search(r"^\[\^[^\]]+\]:", text, re.M):
            return "markdown"
    return "text"


def read_manuscript(path: str, fmt: str | None = None, encoding: str | None = None) -> Manuscript:
    text, _ = read_text(path, what="manuscript", encoding=encoding)
    return parse_manuscript(text, path, fmt)


def parse_manuscript(text: str, path: str, fmt: str | None = None) -> Manuscript:
    fmt = fmt or detect_format(path, text)
    if fmt == "markdown":
        from .markdown import read_markdown

        return read_markdown(text, path)
    from .pdftext import read_pdf_text

    return read_pdf_text(text, path)
