"""The LaTeX surface: the same kind of plan written as a LaTeX manuscript with \\cite commands.

Here the writer types the notes and biblatex would render the citations, so there is
no CSL processor: what is measured is how a checker reads what writers put around
the commands, above all a locator written after the command instead of in its
optional argument, as French and German theses often do:

    \\footnote{\\cite{key}, p.~8.}     \\footnote{\\cite{key}. S.~8.}
    \\footnote{Vgl. \\cite[S.~8]{key}.}  \\footnote{\\cite[vgl.][8]{key}.}  \\footcite[8]{key}

plus typed repeats ("Ebd., S.~9.", "Ibid., p.~9.", "a.g.e., s.~9.") after a note that cites
one work, and typed author–year forms ("Vgl. Nietzel 2009, S.~565."). The answers are
the keys of the commands (and of the typed forms) and the pages as typed.
"""

from __future__ import annotations

import random
import re
from dataclasses import replace

from case import Case  # first: it puts tools/render_corpus on the path
from layout import GLUE, Layout, build_body, sentence_text  # tools/render_corpus
from plan import Cite, Note

BABEL = {"en": "british", "de": "ngerman", "fr": "french", "tr": "turkish"}
LABEL = {"en": ("p.~", "pp.~"), "de": ("S.~", "S.~"), "fr": ("p.~", "p.~"), "tr": ("s.~", "ss.~")}
IBID = {"en": ["Ibid.", "Ibid.,"], "de": ["Ebd.", "Ebd.,"], "fr": ["Ibid.", "Ibid.,"], "tr": ["A.g.e.", "A.g.e.,"]}
AFTER = ("comma", "period", "postnote", "pre-postnote", "bare")


def escape(text: str) -> str:
    """Writer text made safe for LaTeX."""
    return re.sub(r"([%&#_$])", r"\\\1", text)


def pages_tex(pages: list[tuple[int, int]], lang: str, rng: random.Random, label: bool = True) -> str:
    many = len(pages) > 1 or pages[0][0] != pages[0][1]
    body = ", ".join(str(a) if a == b else f"{a}--{b}" for a, b in pages)
    if not label or (lang == "en" and rng.random() < 0.3):
        return body
    return LABEL[lang][1 if many else 0] + body


class Writer:
    def __init__(self, case: Case, rng: random.Random):
        self.case, self.rng = case, rng
        self.lang = case.spec.style.language
        self.after_mix = rng.choice([(4, 3, 2, 1, 1), (2, 4, 2, 1, 1), (3, 2, 3, 1, 1)])

    def cite(self, cite: Cite) -> str:
        """One citation as typed: a command and its locator, or a typed author-year form."""
        rng, lang = self.rng, self.lang
        if cite.handmade:
            return escape(cite.handmade.replace("–", "--"))
        key = cite.key
        if not cite.pages:
            return f"\\cite{{{key}}}"
        how = rng.choices(AFTER, self.after_mix)[0]
        if how == "pre-postnote" and cite.prefix:
            how = "postnote"  # the signal is already typed before the command
        if how == "comma":
            return f"\\cite{{{key}}}, {pages_tex(cite.pages, lang, rng)}"
        if how == "period":
            return f"\\cite{{{key}}}. {pages_tex(cite.pages, lang, rng)}"
        if how == "pre-postnote":
            pre = {"en": "see", "de": "vgl.", "fr": "voir", "tr": "bkz."}[lang]
            return f"\\cite[{pre}][{pages_tex(cite.pages, lang, rng)}]{{{key}}}"
        if how == "bare":
            return f"\\cite[{pages_tex(cite.pages, lang, rng, label=False)}]{{{key}}}"
        return f"\\cite[{pages_tex(cite.pages, lang, rng)}]{{{key}}}"

    def note(self, note: Note, prev: Note | None) -> tuple[str, list[dict]]:
        """(the footnote command, the answers for it)."""
        rng, lang = self.rng, self.lang
        if not note.cites:
            return f"\\footnote{{{escape(note.comment)}}}", []
        answers = [{"key": c.key, "pages": [list(r) for r in c.pages]} for c in note.cites]
        repeat = prev is not None and len(prev.cites) == 1 and len(note.cites) == 1 \
            and prev.cites[0].key == note.cites[0].key
        if repeat and rng.random() < 0.6:
            cite = note.cites[0]
            if cite.pages == prev.cites[0].pages or not cite.pages:
                answers[0]["pages"] = []
                return f"\\footnote{{{IBID[lang][0]}}}", answers
            return f"\\footnote{{{IBID[lang][1]} {pages_tex(cite.pages, lang, rng)}.}}", answers
        one = note.cites[0]
        if len(note.cites) == 1 and not one.handmade and one.pages and not one.prefix and not one.suffix \
                and rng.random() < 0.25:
            return f"\\footcite[{pages_tex(one.pages, lang, rng)}]{{{one.key}}}", answers
        text = escape(note.opener) if note.handmade_only else ""
        for i, cite in enumerate(note.cites):
            if i:
                text += escape(cite.join) if cite.handmade and cite.join else "; "
            if cite.prefix and not cite.handmade:
                text += escape(cite.prefix) + " "
            text += self.cite(cite) + escape(cite.suffix)
        text = text[0].upper() + text[1:] if text[0].islower() else text
        return f"\\footnote{{{text}{'' if text.endswith('.') else '.'}}}", answers


def manuscript(case: Case, rng: random.Random) -> tuple[str, dict[str, list]]:
    """The .tex text and the answers, note by note."""
    lang = case.spec.style.language
    writer = Writer(case, rng)
    commands, answers = [], {}
    prev = None
    for i, note in enumerate(case.notes, 1):
        command, found = writer.note(note, prev)
        commands.append(command)
        answers[str(i)] = found
        prev = note
    blocks = build_body(case.rng("body"), lang, len(case.notes), Layout.choose(case.rng("layout")))
    out = ["\\documentclass{article}", "\\usepackage[T1]{fontenc}",
           f"\\usepackage[{BABEL[lang]}]{{babel}}",
           "\\usepackage[style=verbose-ibid,backend=biber]{biblatex}", "\\addbibresource{refs.bib}", "",
           "\\begin{document}", ""]
    for block in blocks:
        if block.kind == "heading":
            out += [f"\\section*{{{escape(block.text)}}}", ""]
        elif block.kind == "list":
            items = [re.sub(r"^\d+\.\s*", "", item) for item in block.items]
            out += ["\\begin{enumerate}"] + [f"  \\item {escape(item)}" for item in items] + ["\\end{enumerate}", ""]
        else:
            parts = []
            for s in block.sentences:
                label = commands[s.note - 1] if s.note else None
                parts.append(sentence_text(replace(s, text=escape(s.text)), label).replace(GLUE, ""))
            out += [" ".join(parts), ""]
    out += ["\\printbibliography", "", "\\end{document}", ""]
    return "\n".join(out), answers

