"""Reference pools: bibliographies the project did not write, as verbatim .bib text and CSL-JSON.

A TeX Live pool is one .bib file shipped with TeX Live. Each entry keeps its text
exactly as in the file; pandoc's biblatex reader (what `pandoc --citeproc` uses for a
.bib) converts the same file to CSL-JSON for the processors, so both processors see
what a pandoc user would get from that file. The Turkish/archival pool is
tools/render_corpus/pool.json (CSL-JSON), written to .bib per case by
tools/render_corpus/bibtex.py.

Entries a case may cite are filtered only for the generator's own sake (the truth
must be determinable from the text): types a note style renders as a citation of a
work, a title, a year and names, and a title that pandoc's conversion keeps word for
word (a LaTeX macro pandoc drops, such as `\\dante{}` or `{\\TUB}`, would make the
note and the .bib disagree through no fault of the writer).
"""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import tempfile
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import bibsplit

TEXLIVE_BIB = Path("/usr/share/texlive/texmf-dist/bibtex/bib")
HERE = Path(__file__).resolve().parent
TURKISH_POOL = HERE.parent / "render_corpus" / "pool.json"


@dataclass(frozen=True)
class PoolSpec:
    name: str
    path: str  # relative to TEXLIVE_BIB, or "pool.json" for the Turkish pool
    language: str  # the language most entries are in (for the record only)


POOLS = {
    "biblatex-examples": PoolSpec("biblatex-examples", "biblatex/biblatex/biblatex-examples.bib", "en"),
    "dtk": PoolSpec("dtk", "dtk-bibliography/dtk-bibliography.bib", "de"),
    "tugboat": PoolSpec("tugboat", "beebe/tugboat.bib", "en"),
    "frankenstein": PoolSpec("frankenstein", "frankenstein/frankenstein.bib", "en"),
    "ottoman": PoolSpec("ottoman", "pool.json", "tr"),
}

ENTRY_TYPES = {"article", "book", "incollection", "inbook", "inproceedings", "collection", "thesis", "phdthesis",
               "mastersthesis", "report", "techreport", "mvbook", "mvcollection", "manual", "unpublished"}
CSL_TYPES = {"article-journal", "book", "chapter", "paper-conference", "thesis", "report", "manuscript",
             "article-magazine", "article-newspaper"}


@dataclass
class Work:
    key: str
    csl: dict  # the CSL-JSON item (id == key)
    raw: str = ""  # the entry's .bib text (TeX Live pools)
    parent: str | None = None  # crossref parent key
    order: int = 0  # position in the source file
    macros: set[str] = field(default_factory=set)

    @property
    def year(self) -> int | None:
        try:
            return int(self.csl["issued"]["date-parts"][0][0])
        except (KeyError, IndexError, TypeError, ValueError):
            return None

    @property
    def names(self) -> list[dict]:
        return self.csl.get("author") or self.csl.get("editor") or []


@dataclass
class Pool:
    spec: PoolSpec
    works: dict[str, Work]  # every entry, eligible or not (parents may be ineligible)
    eligible: list[str]  # keys a case may cite, in file order
    strings: dict[str, str] = field(default_factory=dict)  # @string name -> block text
    preambles: list[str] = field(default_factory=list)

    def bib_text(self, keys: set[str]) -> str:
        """The entries, in file order, with the @preamble and @string blocks they need."""
        entries = sorted((self.works[k] for k in keys), key=lambda w: w.order)
        needed = set().union(*(w.macros for w in entries)) if entries else set()
        strings = [text for name, text in self.strings.items() if name in needed]
        parts = self.preambles + strings + [w.raw for w in entries]
        return "\n\n".join(parts) + "\n"


def fold(text: str) -> str:
    text = re.sub("['’‘`]", "", text)
    text = re.sub("[-‐‑–—]", " ", text).replace("ı", "i").replace("İ", "I").replace("ß", "ss")
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


SYMBOL_ACCENT = re.compile(r"\\([\"'`^~=.])\s*\{?\s*(\\?[A-Za-z])\s*\}?")
LETTER_ACCENT = re.compile(r"\\([uvHckbdrt])(?:\s*\{\s*|\s+)(\\?[A-Za-z])\s*\}?")
LETTERS = {r"\i": "i", r"\j": "j", r"\ss": "ss", r"\o": "o", r"\O": "O", r"\aa": "a", r"\AA": "A",
           r"\ae": "ae", r"\AE": "AE", r"\oe": "oe", r"\OE": "OE", r"\l": "l", r"\L": "L"}
WRAPPERS = {"emph", "textit", "textbf", "textsc", "textsf", "texttt", "textrm", "mbox", "hbox", "text", "book",
            "article", "journal", "booktitle", "acro", "ensuremath", "textup", "textsl", "uppercase", "url",
            "path", "lowercase", "em", "it", "bf", "sc", "rm", "sf", "tt", "sl", "normalfont", "mkbibquote",
            "relax", "protect", "noopsort", "nocorr", "bibstring", "autocap", "ldots", "dots", "slash", "hyphen",
            "textendash", "textemdash", "nobreakdash", "space", "enspace", "thinspace", "quad", "allowbreak"}


def tex_words(raw: str) -> set[str]:
    """The words of a raw .bib title as a reader would see them (crude, for the fidelity check)."""
    text = bibsplit.unquote(raw)
    text = SYMBOL_ACCENT.sub(lambda m: m.group(2).lstrip("\\"), text)
    text = LETTER_ACCENT.sub(lambda m: m.group(2).lstrip("\\"), text)
    for macro, letter in LETTERS.items():
        text = re.sub(re.escape(macro) + r"(?![A-Za-z])\s?", letter, text)
    # a control word swallows the space after it, as in TeX ("\TeX book" is "TeXbook")
    text = re.sub(r"\\([A-Za-z]+)\*?\s?", lambda m: " " if m.group(1) in WRAPPERS else m.group(1), text)
    text = text.replace("~", " ").replace("{", "").replace("}", "")
    return set(re.findall(r"[a-z]{2,}", fold(text)))


def csl_words(text: str) -> set[str]:
    return set(re.findall(r"[a-z]{2,}", fold(text)))


def convert(pandoc: str, text: str, cache: Path) -> list[dict]:
    """pandoc's CSL-JSON for a .bib text (biblatex reader, as for a .bib given to --citeproc); cached."""
    digest = hashlib.sha256((pandoc_version_of(pandoc) + "\0" + text).encode()).hexdigest()[:20]
    cached = cache / f"{digest}.json"
    if cached.exists():
        return json.loads(cached.read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp, "in.bib")
        src.write_text(text, encoding="utf-8")
        result = subprocess.run([pandoc, str(src), "--from", "biblatex", "--to", "csljson"],
                                capture_output=True, text=True)
    if result.returncode:
        raise RuntimeError(f"pandoc could not convert the pool: {result.stderr.strip()[:300]}")
    items = json.loads(result.stdout)
    cache.mkdir(parents=True, exist_ok=True)
    cached.write_text(json.dumps(items, ensure_ascii=False), encoding="utf-8")
    return items


_VERSIONS: dict[str, str] = {}


def pandoc_version_of(pandoc: str) -> str:
    if pandoc not in _VERSIONS:
        out = subprocess.run([pandoc, "--version"], capture_output=True, text=True, check=True).stdout
        _VERSIONS[pandoc] = out.split()[1]
    return _VERSIONS[pandoc]


def _eligible(work: Work, kind: str, raw_title: str) -> bool:
    csl = work.csl
    if kind not in ENTRY_TYPES or csl.get("type") not in CSL_TYPES:
        return False
    if not csl.get("title") or work.year is None or not work.names:
        return False
    if not all(p.get("family") or p.get("literal") for p in work.names):
        return False
    if "$" in raw_title or "entryset" in work.csl:
        return False
    return tex_words(raw_title) == csl_words(csl["title"])


def load_texlive(spec: PoolSpec, pandoc: str, cache: Path) -> Pool:
    path = TEXLIVE_BIB / spec.path
    text = path.read_text(encoding="utf-8")
    blocks = bibsplit.split(text)
    # pandoc rejects a file with a broken block, so it converts the file without them
    usable = "\n\n".join(b.text for b in blocks if b.kind != "broken" and b.kind != "comment")
    items = {item["id"]: item for item in convert(pandoc, usable, cache)}
    pool = Pool(spec, {}, [])
    kinds: dict[str, str] = {}
    titles: dict[str, str] = {}
    for order, block in enumerate(blocks):
        if block.kind == "string":
            pool.strings[block.key] = block.text
        elif block.kind == "preamble":
            pool.preambles.append(block.text)
        elif block.is_entry and block.key in items:
            parent = bibsplit.unquote(block.fields.get("crossref", "")) or None
            pool.works[block.key] = Work(block.key, items[block.key], block.text, parent, order,
                                         bibsplit.macros_used(block))
            kinds[block.key] = "repeated-field" if block.repeated else block.kind
            # the processors print title, subtitle and title addition together
            titles[block.key] = " ".join(block.fields.get(f, "") for f in ("title", "subtitle", "titleaddon"))
    # kinds: an entry with a field given twice gets the kind "repeated-field", so it is never cited
    for key, work in pool.works.items():
        if work.parent and work.parent not in pool.works:
            continue
        if not titles[key].strip() and work.parent:
            continue
        if _eligible(work, kinds[key], titles[key]):
            if work.parent and not _eligible(pool.works[work.parent], kinds[work.parent], titles[work.parent]):
                continue
            pool.eligible.append(key)
    return pool


def load_turkish() -> Pool:
    items = json.loads(TURKISH_POOL.read_text(encoding="utf-8"))
    spec = POOLS["ottoman"]
    works = {item["id"]: Work(item["id"], item, order=n) for n, item in enumerate(items)}
    return Pool(spec, works, [item["id"] for item in items])


def load(name: str, pandoc: str, cache: Path) -> Pool:
    spec = POOLS[name]
    return load_turkish() if spec.path == "pool.json" else load_texlive(spec, pandoc, cache)


def page_bounds(work: Work) -> tuple[int, int] | None:
    """The first and last page of an article or chapter (abbreviated ends expanded), if numeric."""
    page = str(work.csl.get("page", "")).strip()
    found = re.fullmatch(r"(\d+)\s*[-–—]+\s*(\d+)", page)
    if found:
        first, last = found.group(1), found.group(2)
        if len(last) < len(first):
            last = first[: len(first) - len(last)] + last
        return (int(first), int(last)) if int(last) >= int(first) else None
    if re.fullmatch(r"\d+", page):
        return int(page), int(page)
    return None


def book_pages(work: Work) -> int | None:
    total = str(work.csl.get("number-of-pages", "")).strip()
    return int(total) if total.isdigit() else None
