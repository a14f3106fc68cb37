"""A plan as pandoc Markdown, made into .docx/.odt by pandoc (citeproc, a CSL note style) and into PDF by
LibreOffice. Endnotes: pandoc writes footnotes, and the ODT's notes are switched to endnotes in its XML
(LibreOffice's own endnote layout: all notes after the text, on a page of their own).

Or made into PDF by pandoc itself through LaTeX (container "latex"): citeproc's notes become LaTeX footnotes, typeset
by LuaLaTeX with pandoc's own template, the way Markdown writers make their PDFs."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from dataclasses import dataclass
from pathlib import Path

from docplan import Cite, DocPlan, NotePlan

LOCALE = {"en": "en-US", "de": "de-DE", "fr": "fr-FR", "tr": "tr-TR", "ru": "ru-RU", "it": "it-IT", "es": "es-ES"}


@dataclass
class OfficeDoc:
    csl: Path
    container: str  # docx | odt | latex (a PDF made by pandoc through LuaLaTeX)
    notes: str  # footnotes | endnotes | endnotes-roman (numbered i, ii, iii)


def _locator(c: Cite) -> str:
    if not c.postnote:
        return ""
    pages = c.postnote.replace("--", "-")
    return f", pp. {pages}" if "," in pages else f", p. {pages}"


def _cites(cites: list[Cite], signal: str) -> str:
    return "; ".join(f"{signal + ' ' if c.signal else ''}@{c.key}{_locator(c)}" for c in cites)


def _escape(text: str) -> str:
    return re.sub(r"([\\*_\[\]@^`#<>$~])", r"\\\1", text)


def note_md(n: NotePlan, signal: str) -> str:
    if not n.cites:
        return f"^[{_escape(n.comment)}]"
    if not n.comment:
        return f"[{_cites(n.cites, signal)}]"
    return f"^[[{_cites(n.cites, signal)}]. {_escape(n.comment)}]"


def markdown(plan: DocPlan, signal: str) -> str:
    out = []
    for chapter in plan.chapters:
        out.append(f"# {_escape(chapter.title)}\n")
        for p_index, para in enumerate(chapter.paragraphs):
            text = ""
            for piece in para.pieces:
                if isinstance(piece, int):
                    text = text.rstrip() + note_md(plan.notes[piece], signal) + " "
                else:
                    text += _escape(piece)
            out.append(text.strip() + "\n")
            if p_index == 0 and chapter.items:
                out.append("\n".join(f"{i}. {_escape(item.split('. ', 1)[1])}"
                                     for i, item in enumerate(chapter.items, 1)) + "\n")
    return "\n".join(out)


def typeset(md: str, bib: str, doc: OfficeDoc, lang: str, work: Path) -> Path:
    work.mkdir(parents=True, exist_ok=True)
    (work / "paper.md").write_text(md, encoding="utf-8")
    (work / "refs.bib").write_text(bib, encoding="utf-8")
    shutil.copy(doc.csl, work / "style.csl")
    if doc.container == "latex":
        _run(["pandoc", "paper.md", "--citeproc", "--bibliography=refs.bib", "--csl=style.csl",
              "-M", f"lang={LOCALE[lang]}", "-M", "suppress-bibliography=true", "--pdf-engine=lualatex",
              "-V", "documentclass=article", "-V", "geometry=a4paper,margin=3cm", "-o", "paper.pdf"], work)
        return work / "paper.pdf"
    out = work / f"paper.{doc.container}"
    _run(["pandoc", "paper.md", "--citeproc", "--bibliography=refs.bib", "--csl=style.csl",
          "-M", f"lang={LOCALE[lang]}", "-M", "suppress-bibliography=true", "-o", out.name], work)
    if doc.notes in ("endnotes", "endnotes-roman"):
        if doc.container != "odt":
            raise SystemExit("endnotes are made from an .odt")
        _to_endnotes(out, decimal=doc.notes == "endnotes")
    _run(["soffice", "--headless", f"-env:UserInstallation=file://{work.resolve()}/lo-profile",
          "--convert-to", "pdf", out.name], work)
    shutil.rmtree(work / "lo-profile", ignore_errors=True)
    return work / "paper.pdf"


def _to_endnotes(odt: Path, decimal: bool = True) -> None:
    """The ODT's footnotes made endnotes; numbered 1, 2, 3 (decimal) or as LibreOffice numbers endnotes unless told
    otherwise, i, ii, iii (Word's default for endnotes too)."""
    with zipfile.ZipFile(odt) as z:
        members = [(i, z.read(i.filename)) for i in z.infolist()]
    with zipfile.ZipFile(odt, "w") as z:
        for info, data in members:
            if info.filename == "content.xml":
                data = data.replace(b'text:note-class="footnote"', b'text:note-class="endnote"')
            if info.filename == "styles.xml" and decimal:
                # LibreOffice numbers endnotes i, ii, iii unless told otherwise
                data = re.sub(rb'<text:notes-configuration[^>]*text:note-class="endnote"[^>]*>', _decimal, data)
                if b'text:note-class="endnote"' not in data:
                    data = data.replace(b"</office:styles>", b'<text:notes-configuration text:note-class="endnote" '
                                        b'style:num-format="1" text:start-value="0"/></office:styles>')
            z.writestr(info, data, compress_type=zipfile.ZIP_STORED if info.filename == "mimetype"
                       else zipfile.ZIP_DEFLATED)


def _decimal(m: re.Match[bytes]) -> bytes:
    return re.sub(rb'style:num-format="[^"]*"', b'style:num-format="1"', m.group())


def _run(cmd: list[str], cwd: Path) -> None:
    done = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, errors="replace", timeout=300)
    if done.returncode != 0:
        raise SystemExit(f"{cwd}: {cmd[0]} failed:\n{(done.stdout + done.stderr)[-3000:]}")
