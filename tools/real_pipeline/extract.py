"""Text from a PDF by each extractor a user might run. Each output is a fixture of its own."""

from __future__ import annotations

import subprocess
from pathlib import Path

EXTRACTORS = ("pdftotext", "pdftotext-layout", "pdftotext-raw", "pdfminer", "pypdf", "mutool")


def extract(pdf: Path, extractor: str) -> str:
    if extractor.startswith("pdftotext"):
        mode = extractor.partition("-")[2]
        args = ["pdftotext", "-enc", "UTF-8"] + ([f"-{mode}"] if mode else []) + [str(pdf), "-"]
        return subprocess.run(args, capture_output=True, text=True, check=True).stdout
    if extractor == "pdfminer":
        import pdfplumber  # pdfminer.six underneath; pages joined as a script would, by a line break

        with pdfplumber.open(pdf) as doc:
            return "\n".join(page.extract_text() or "" for page in doc.pages) + "\n"
    if extractor == "pypdf":
        import pypdf

        return "\n".join(page.extract_text() or "" for page in pypdf.PdfReader(pdf).pages) + "\n"
    if extractor == "mutool":
        return subprocess.run(["mutool", "draw", "-q", "-F", "txt", "-o", "-", str(pdf)],
                              capture_output=True, text=True, check=True).stdout
    raise ValueError(extractor)
