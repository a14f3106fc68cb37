"""A plan as a LaTeX + biblatex document, typeset with biber and a TeX engine."""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from docplan import Cite, DocPlan, NotePlan

BABEL = {"en": "english", "de": "ngerman", "fr": "french", "tr": "turkish", "ru": "russian", "it": "italian",
         "es": "spanish"}


@dataclass
class LatexDoc:
    style: str  # biblatex bibstyle/citestyle
    cls: str  # article | scrartcl | report | scrreprt | book | scrbook | memoir | article-twocolumn
    engine: str  # pdflatex | pdflatex-t1 | lualatex
    notes: str  # footnotes | endnotes | enotez | enotez-chapter


def _escape(text: str) -> str:
    text = text.replace("\\", r"\textbackslash{}")
    text = re.sub(r"([%$&#_{}])", r"\\\1", text)
    return text.replace("~", r"\textasciitilde{}").replace("\u00a0", "~")


def _postnote(c: Cite) -> str:
    return c.postnote


def _cite_args(c: Cite, signal: str) -> str:
    pre = signal if c.signal else ""
    if c.postnote and pre:
        return f"[{pre}][{c.postnote}]{{{c.key}}}"
    if c.postnote:
        return f"[{c.postnote}]{{{c.key}}}"
    if pre:
        return f"[{pre}][]{{{c.key}}}"
    return f"{{{c.key}}}"


def note_tex(n: NotePlan, signal: str, note_cmd: str) -> str:
    if not n.cites:
        return f"\\{note_cmd}{{{_escape(n.comment)}}}"
    if not n.comment:
        if len(n.cites) == 1:
            return "\\footcite" + _cite_args(n.cites[0], signal)
        return "\\footcites" + "".join(_cite_args(c, signal) for c in n.cites)
    inner = "; ".join("\\cite" + _cite_args(c, signal) for c in n.cites)
    return f"\\{note_cmd}{{{inner}. {_escape(n.comment)}}}"


def document(plan: DocPlan, doc: LatexDoc, bib_name: str, signal: str) -> str:
    lang = BABEL[plan.lang]
    cls, options = doc.cls, ["a5paper", "11pt"]
    if cls == "article-twocolumn":
        cls, options = "article", ["a4paper", "10pt", "twocolumn"]
    chaptered = cls in ("report", "scrbook", "memoir", "book", "scrreprt")
    lines = [f"\\documentclass[{','.join(options)}]{{{cls}}}"]
    if doc.engine == "lualatex":
        lines.append("\\usepackage{fontspec}")
        if plan.lang == "ru":
            lines.append("\\setmainfont{DejaVu Serif}")
    else:
        lines.append("\\usepackage[utf8]{inputenc}")
        if doc.engine == "pdflatex-t1":
            lines += ["\\usepackage[T1]{fontenc}", "\\usepackage{lmodern}"]
    # Turkish makes "=" a shorthand, which breaks biblatex's name data in notes printed later (endnotes)
    lines.append(f"\\usepackage[{lang}{',shorthands=off' if plan.lang == 'tr' else ''}]{{babel}}")
    lines.append("\\usepackage{csquotes}")
    opts = [f"style={doc.style}", "backend=biber"]
    if doc.notes not in ("footnotes", "para", "perpage"):
        opts.append("notetype=endonly")
    lines.append(f"\\usepackage[{','.join(opts)}]{{biblatex}}")
    if doc.notes == "para":
        lines.append("\\usepackage[para]{footmisc}")  # a page's footnotes run on in one paragraph
    elif doc.notes == "perpage":
        lines.append("\\usepackage[perpage]{footmisc}")  # numbered from 1 again on every page
    elif doc.notes == "endnotes":
        lines.append("\\usepackage{endnotes}")
    elif doc.notes.startswith("enotez"):
        lines.append("\\usepackage{enotez}")
        if doc.notes == "enotez-chapter":
            lines.append("\\setenotez{reset=true,split=chapter}")
    lines.append(f"\\addbibresource{{{bib_name}}}")
    lines.append("\\begin{document}")
    note_cmd = "footnote" if doc.notes in ("footnotes", "para", "perpage") else "endnote"
    index = 0
    for c, chapter in enumerate(plan.chapters):
        lines.append(f"\\{'chapter' if chaptered else 'section'}{{{_escape(chapter.title)}}}")
        for p_index, para in enumerate(chapter.paragraphs):
            out = ""
            for piece in para.pieces:
                if isinstance(piece, int):
                    note = plan.notes[piece]
                    out = out.rstrip()
                    out += note_tex(note, signal, note_cmd) + " "
                    index += 1
                else:
                    out += _escape(piece)
            lines.append(out.strip() + "\n")
            if p_index == 0 and chapter.items:
                lines.append("\\begin{enumerate}")
                lines += [f"\\item {_escape(item.split('. ', 1)[1])}" for item in chapter.items]
                lines.append("\\end{enumerate}\n")
    if doc.notes == "endnotes":
        lines.append("\\theendnotes")
    elif doc.notes.startswith("enotez"):
        lines.append("\\printendnotes")
    lines.append("\\end{document}")
    return "\n".join(lines) + "\n"


def typeset(tex: str, bib: str, work: Path, engine: str) -> Path:
    """Run engine, biber, engine, engine in `work`; return the PDF (or stop with the log's tail)."""
    work.mkdir(parents=True, exist_ok=True)
    (work / "paper.tex").write_text(tex, encoding="utf-8")
    (work / "refs.bib").write_text(bib, encoding="utf-8")
    exe = "lualatex" if engine == "lualatex" else "pdflatex"
    run = [exe, "-interaction=nonstopmode", "-halt-on-error", "paper.tex"]
    # endnotes are printed (and their citations seen) only on a later run: biber after two
    for step in (run, run, ["biber", "--quiet", "paper"], run, run, run):
        done = subprocess.run(step, cwd=work, capture_output=True, text=True, errors="replace")
        if done.returncode != 0:
            log = (work / "paper.log").read_text(errors="replace") if step[0] != "biber" else done.stdout + done.stderr
            raise SystemExit(f"{work}: {step[0]} failed:\n{log[-3000:]}")
    return work / "paper.pdf"


def footnote_pages(work: Path) -> list[int]:
    """The page of each footnote, in order, as footmisc's perpage option records them in the .aux file
    (\\pp@pagectr{footnote}{count}{page}{page}): the typesetter's own word on where numbering starts again."""
    aux = (work / "paper.aux").read_text(encoding="utf-8", errors="replace")
    found = {int(n): int(page) for n, page in re.findall(r"\\pp@pagectr\{footnote\}\{(\d+)\}\{(\d+)\}", aux)}
    return [found[k] for k in sorted(found)]


def have_tools() -> bool:
    return all(shutil.which(t) for t in ("pdflatex", "lualatex", "biber"))
