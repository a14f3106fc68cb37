"""Render a citation plan to footnote texts with pandoc's citeproc.

Every citation goes in the running text (`Sentence [@key, 33].`), so pandoc
turns each into a footnote of its own, numbers the notes, gives each citation
its position (first, subsequent, ibid, ibid-with-locator) and capitalises the
start of the note, as it does for a real manuscript in a note style. The plain
writer then gives the notes as text: emphasis dropped, small caps upper-cased,
quotation marks and non-breaking spaces as the locale sets them.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from plan import NotePlan

WANTED_PANDOC = "3.9"


def find_pandoc(explicit: str | None = None) -> str:
    """--pandoc, then $PANDOC, then the pandoc shipped in pypandoc-binary, then PATH."""
    if explicit:
        return explicit
    if os.environ.get("PANDOC"):
        return os.environ["PANDOC"]
    try:
        import pypandoc  # type: ignore

        return pypandoc.get_pandoc_path()
    except Exception:
        pass
    found = shutil.which("pandoc")
    if not found:
        raise SystemExit("pandoc not found: pip install pypandoc-binary==1.17 (pandoc 3.9) or set PANDOC")
    return found


def pandoc_version(pandoc: str) -> str:
    out = subprocess.run([pandoc, "--version"], capture_output=True, text=True, check=True).stdout
    return out.split()[1]


def render_notes(pandoc: str, plan: list[NotePlan], items: list[dict], csl: Path,
                 lang: str) -> list[str]:
    """The text of each note, in order, as the CSL processor renders it."""
    body = "\n\n".join(f"Note {i} {note.markdown()}." for i, note in enumerate(plan, 1))
    with tempfile.TemporaryDirectory() as tmp:
        refs = Path(tmp, "refs.json")
        refs.write_text(json.dumps(items, ensure_ascii=False), encoding="utf-8")
        src = Path(tmp, "in.md")
        src.write_text(body + "\n", encoding="utf-8")
        result = subprocess.run(
            [pandoc, str(src), "--from", "markdown", "--to", "plain", "--wrap=none",
             "--citeproc", "--csl", str(csl), "--bibliography", str(refs),
             "--metadata", f"lang={lang}", "--metadata", "suppress-bibliography=true"],
            capture_output=True, text=True, check=True,
        )
    if result.stderr.strip():
        raise RuntimeError(f"pandoc warned for {csl.name}:\n{result.stderr}")
    notes: dict[int, str] = {}
    for line in result.stdout.splitlines():
        found = re.match(r"^\[(\d+)\] (.*)$", line)
        if found:
            notes[int(found.group(1))] = found.group(2).strip()
    if sorted(notes) != list(range(1, len(plan) + 1)):
        raise RuntimeError(f"pandoc gave notes {sorted(notes)} for {len(plan)} planned")
    return [notes[i] for i in range(1, len(plan) + 1)]
