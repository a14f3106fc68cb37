"""Reference pools: subsets of real bibliographies that ship with TeX Live, plus our Turkish/archival pool.

Each pool is a list of entries copied verbatim (their own LaTeX escapes, field names and
punctuation) from a bibliography we did not write. An entry is usable when it has an
author or editor, a title and a year, and no cross-reference (crossref, xref, xdata,
related), so the same text is all a style needs.
"""

from __future__ import annotations

import json
import random
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import bibtexparser

HERE = Path(__file__).resolve().parent
sys.path.append(str(HERE.parent / "render_corpus"))

import bibtex as csl_bibtex  # noqa: E402  (tools/render_corpus/bibtex.py: CSL-JSON -> BibTeX)

USABLE_TYPES = {"book", "article", "incollection", "inbook", "collection", "thesis", "phdthesis",
                "mastersthesis", "inproceedings", "report", "mvbook", "misc"}
GOST_DIR = Path("/usr/share/doc/texlive-doc/bibtex/gost/examples/utf8/bib")


@dataclass
class Work:
    key: str
    type: str
    raw: str  # the entry as written in its source file
    span: tuple[int, int] | None  # the pages field of an article or chapter, for pinpoints inside it
    archival: bool = False
    strings: tuple[str, ...] = ()  # the @string definitions it uses, as written


def kpsewhich(name: str) -> Path:
    out = subprocess.run(["kpsewhich", name], capture_output=True, text=True).stdout.strip()
    if not out:
        raise SystemExit(f"{name}: not found by kpsewhich (install the TeX Live package that ships it)")
    return Path(out)


def _span(pages: str) -> tuple[int, int] | None:
    m = re.fullmatch(r"\s*(\d+)\s*-+\s*(\d+)\s*", pages or "")
    if m and int(m.group(1)) < int(m.group(2)):
        return int(m.group(1)), int(m.group(2))
    return None


_KNOWN_MACROS = {"ss", "o", "O", "aa", "AA", "ae", "AE", "oe", "OE", "l", "L", "i", "j", "c", "v", "u", "H", "d", "b",
                 "r", "k", "t", "TeX", "LaTeX", "LaTeXe", "textendash", "textemdash", "emph", "textit",
                 "textbf", "mkbibquote", "url", "space", "slash", "textsc", "relax"}


def _unknown_macro(raw: str) -> bool:
    """An entry using a command of its own journal's macros (tugboat.bib's \\acro, \\Dash): it needs their preamble."""
    return any(name not in _KNOWN_MACROS for name in re.findall(r"\\([A-Za-z]+)", raw))


def _works(text: str, where: str) -> list[Work]:
    library = bibtexparser.parse_string(text)
    strings = {s.key.lower(): s.raw.strip() for s in library.strings}
    works = []
    for e in library.entries:
        fields = {f.key.lower(): str(f.value) for f in e.fields}
        kind = e.entry_type.lower()
        if kind not in USABLE_TYPES or any(k in fields for k in ("crossref", "xref", "xdata", "related", "entryset")):
            continue
        if not (fields.get("author") or fields.get("editor")) or not fields.get("title"):
            continue
        if not re.search(r"\d{4}", fields.get("year", "") + fields.get("date", "")):
            continue
        span = _span(fields.get("pages", ""))
        if kind in ("article", "incollection", "inbook", "inproceedings") and span is None:
            continue  # a part of a larger work: we cite pages inside its own span
        if kind == "misc" or _unknown_macro(e.raw):
            continue
        bare = re.findall(r"=\s*([A-Za-z][\w:.-]*)\s*(?:[,}#]|$)", e.raw, re.M)  # @string macros used
        used = list(dict.fromkeys(strings[b.lower()] for b in bare if b.lower() in strings))
        works.append(Work(e.key, kind, e.raw.strip() + "\n", span, strings=tuple(used)))
    if not works:
        raise SystemExit(f"{where}: no usable entries")
    return works


def texlive_pool(name: str, count: int, rng: random.Random, *, need_parts: int = 4) -> list[Work]:
    """`count` works from a TeX Live bibliography, at least `need_parts` of them articles or chapters."""
    works = _works(kpsewhich(name).read_text(encoding="utf-8", errors="replace"), name)
    return _pick(works, count, rng, need_parts)


def gost_pool(count: int, rng: random.Random) -> list[Work]:
    """Russian works from biblatex-gost's own examples (Debian: texlive-doc)."""
    text = "\n".join(p.read_text(encoding="utf-8") for p in sorted(GOST_DIR.glob("*.bib")))
    works = [w for w in _works(text, str(GOST_DIR)) if re.search("[а-яА-Я]", w.raw)]
    return _pick(works, count, rng, 3)


def turkish_pool(count: int, rng: random.Random) -> list[Work]:
    """Our Turkish/archival pool (tools/render_corpus/pool.json) written as biblatex entries."""
    items = json.loads((HERE.parent / "render_corpus" / "pool.json").read_text(encoding="utf-8"))
    keys = csl_bibtex.make_keys(items, "zotero", rng)
    works = []
    for item in items:
        raw = csl_bibtex.entry(item, keys[item["id"]], "biblatex", "unicode", random.Random(item["id"]))
        kind = item["type"]
        span = _span(item.get("page", ""))
        if kind in ("article-journal", "chapter") and span is None:
            continue
        works.append(Work(keys[item["id"]], kind, raw, span, archival=kind == "manuscript"))
    return _pick(works, count, rng, 4)


def _pick(works: list[Work], count: int, rng: random.Random, need_parts: int) -> list[Work]:
    parts = [w for w in works if w.span]
    wholes = [w for w in works if not w.span]
    n_parts = min(len(parts), max(need_parts, count // 3))
    n_wholes = min(len(wholes), count - n_parts)
    n_parts = min(len(parts), count - n_wholes)  # a journal's bibliography is all articles
    chosen = rng.sample(parts, n_parts) + rng.sample(wholes, n_wholes)
    seen: set[str] = set()
    unique = []
    for w in chosen:
        # BibTeX keys clash case-insensitively; two works of one title (a yearly listing) no citation can tell apart
        title = re.search(r"title\s*=\s*[{\"](.*)", w.raw, re.IGNORECASE)
        same = re.sub(r"\W+", "", title.group(1).lower()) if title else w.key
        if w.key.lower() not in seen and same not in seen:
            seen |= {w.key.lower(), same}
            unique.append(w)
    rng.shuffle(unique)
    return unique


def pool(name: str, count: int, rng: random.Random) -> list[Work]:
    if name == "gost":
        return gost_pool(count, rng)
    if name == "turkish":
        return turkish_pool(count, rng)
    return texlive_pool(name, count, rng)


def bib_text(works: list[Work]) -> str:
    """The entries sorted by key, each @string macro they use defined once, at the top."""
    strings = list(dict.fromkeys(s for w in works for s in w.strings))
    head = "".join(s + "\n" for s in strings)
    return head + ("\n" if head else "") + "\n".join(w.raw for w in sorted(works, key=lambda w: w.key.lower()))
