"""One case: choose works from a pool, plan the notes, render them, check the truth, write the files.

The answers (expected.json) come from the plan: the keys and locators the generator
asked the processor to render, and the keys and pages of the author–year forms it
wrote. Before a case is written the generator checks that the rendered text bears
its answers out (every locator asked for is in the note, every hand-made form is
there verbatim, no two works share a short form, the Markdown reads back as the same
notes); a case that fails is drawn again with the next attempt number.
"""

from __future__ import annotations

import json
import random
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import phrases
import plan as planning
import pools
import render
from styles import EXTRA_CSL, SHARED_CSL, CaseSpec

HERE = Path(__file__).resolve().parent
sys.path.append(str(HERE.parent / "render_corpus"))  # after this folder: both have a plan.py

import bibtex  # noqa: E402  (tools/render_corpus: the Turkish pool's .bib writer)
from layout import Layout, Surface, build_body, layout_markdown  # noqa: E402

KEY_SCHEMES = ["surnameyear", "scholar", "zotero", "initials", "dashed", "unicode", "camel", "alpha", "dotted",
               "yearfirst", "prefixed", "numeric"]


class Redraw(Exception):
    """The drawn case cannot carry unambiguous answers; draw again."""


@dataclass
class Tools:
    pandoc: str
    node: str
    pandoc_version: str
    citeproc_version: str


@dataclass
class Case:
    spec: CaseSpec
    seed: str
    pool: pools.Pool
    works: dict[str, pools.Work]  # this case's works by bib key (cited, uncited, parents)
    cited: list[str]
    uncited: list[str]
    notes: list[planning.Note] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    md_texts: list[str] = field(default_factory=list)  # the notes as written in manuscript.md
    bib: str = ""
    processor_label: str = ""
    bib_maker: Callable[[set[str]], str] | None = None  # the .bib text for a set of keys

    def bib_without(self, key: str) -> str:
        assert self.bib_maker is not None
        return self.bib_maker(set(self.works) - {key})

    def rng(self, purpose: str) -> random.Random:
        return random.Random(f"{self.seed}:{purpose}")

    @property
    def items(self) -> list[dict]:
        return [w.csl for w in self.works.values()]


def _title_key(work: pools.Work) -> tuple[str, ...]:
    """The first words of the short title (or of the title before a colon): what a short form shows."""
    title = work.csl.get("title-short") or re.split(r"[:.?!]\s", work.csl.get("title", ""))[0]
    return tuple([w for w in re.findall(r"[a-z]+", pools.fold(title)) if len(w) > 3][:3])


def _surnames(work: pools.Work) -> set[str]:
    return {pools.fold(phrases.surname(p)) for p in work.names}


def choose_works(pool: pools.Pool, rng: random.Random) -> tuple[list[str], list[str], set[str]]:
    """(cited, uncited, every key in the bib). Crossref parents of chosen entries are cited too.
    No two entries share a short title and an author: their short forms could be the same (a
    column like "Neue Pakete auf CTAN" recurs under one title; "Grußwort" by Schaa and Höppner
    and by Höppner and Schaa; "Call for papers" and "Call for papers: SGML…" by Anonymous). The
    uncited ones are by authors nobody cites in the case."""
    eligible = list(pool.eligible)
    rng.shuffle(eligible)
    want = rng.randint(22, 30) if len(eligible) > 45 else len(eligible) - rng.randint(4, 8)
    taken: dict[tuple[str, ...], list[set[str]]] = {}

    def clashes(keys: list[str]) -> bool:
        seen = {t: list(v) for t, v in taken.items()}
        for key in keys:
            title, names = _title_key(pool.works[key]), _surnames(pool.works[key])
            if any(names & other for other in seen.get(title, [])):
                return True
            seen.setdefault(title, []).append(names)
        return False

    def take(keys: list[str]) -> None:
        for key in keys:
            taken.setdefault(_title_key(pool.works[key]), []).append(_surnames(pool.works[key]))

    cited: list[str] = []
    parents = {pool.works[k].parent for k in pool.works if pool.works[k].parent}
    for key in eligible:
        if len(cited) >= want:
            break
        group = [key] + ([pool.works[key].parent] if pool.works[key].parent else [])
        group = [k for k in group if k not in cited]
        if clashes(group):
            continue
        take(group)
        cited.extend(group)
    authors = set().union(*(_surnames(pool.works[k]) for k in cited))
    uncited: list[str] = []
    n_uncited = rng.randint(3, 5)
    for key in eligible:
        if len(uncited) >= n_uncited:
            break
        work = pool.works[key]
        if key in cited or work.parent or key in parents or _surnames(work) & authors or clashes([key]):
            continue
        take([key])
        authors |= _surnames(work)
        uncited.append(key)
    return cited, uncited, set(cited) | set(uncited)


def prepare(spec: CaseSpec, pool: pools.Pool, seed: str) -> Case:
    rng = random.Random(f"{seed}:works")
    cited, uncited, keys = choose_works(pool, rng)
    if spec.pool == "ottoman":
        scheme = rng.choice(KEY_SCHEMES)
        items = [pool.works[k].csl for k in sorted(keys, key=lambda k: pool.works[k].order)]
        bib_keys = bibtex.make_keys(items, scheme, random.Random(f"{seed}:keys"))
        works = {}
        for item in items:
            csl = dict(item, id=bib_keys[item["id"]])
            works[bib_keys[item["id"]]] = pools.Work(bib_keys[item["id"]], csl, order=pool.works[item["id"]].order)
        dialect = rng.choice(["bibtex", "biblatex"])
        share = rng.choice([0.1, 0.3, 0.5])

        def make(wanted: set[str]) -> str:
            chosen = [it for it in items if bib_keys[it["id"]] in wanted]
            return bibtex.bibliography(chosen, bib_keys, dialect, f"{seed}:bib", share)

        case = Case(spec, seed, pool, works, [bib_keys[k] for k in cited], [bib_keys[k] for k in uncited])
    else:
        works = {k: pool.works[k] for k in sorted(keys, key=lambda k: pool.works[k].order)}
        case = Case(spec, seed, pool, works, cited, uncited)
        make = pool.bib_text
    case.bib_maker = make
    case.bib = make(set(case.works))
    return case


def plan_case(case: Case) -> None:
    lang = case.spec.style.language
    rng = case.rng("plan")
    order = list(case.cited)
    rng.shuffle(order)
    rate = rng.choice([0.15, 0.3]) if lang == "de" else rng.choice([0.0, 0.1, 0.2])
    ok = planning.authoryear_keys(case.works, list(case.works))
    n_notes = len(order) + rng.randint(6, 12)
    case.notes = planning.build_plan(rng, case.works, order, lang, n_notes, rate, ok)


def render_case(case: Case, tools: Tools) -> None:
    style = case.spec.style
    if case.spec.processor == "pandoc":
        case.texts = render.render_pandoc(tools.pandoc, case.notes, case.items, style.path, style.locale)
        case.processor_label = f"pandoc {tools.pandoc_version} --citeproc"
    else:
        case.texts, version = render.render_citeproc_js(tools.pandoc, tools.node, case.notes, case.items,
                                                        style.path, style.locale, [SHARED_CSL, EXTRA_CSL])
        case.processor_label = f"citeproc-js {version} (HTML output through pandoc {tools.pandoc_version} plain)"


# ---------------------------------------------------------------- answers and checks

def _norm(text: str) -> str:
    text = re.sub(r"<((?:https?|ftp)://[^<>\s]+)>", r"\1", text)  # a Markdown autolink reads as its URL
    text = text.replace("\u00a0", " ").replace("\u202f", " ").replace("\u2009", " ")
    return re.sub("[’‘'`]", "'", re.sub(r"\s+", " ", text))


def note_answers(note: planning.Note, text: str, where: str) -> list[dict]:
    """The citations of one note: keys and locators as asked, except a bare repeat whose
    locator the processor dropped (Ibid. / Ebd. / a.y. for the same page)."""
    out = []
    for cite in note.cites:
        pages = [list(r) for r in cite.pages]
        if cite.handmade:
            if _norm(cite.handmade) not in _norm(text):
                raise Redraw(f"{where}: hand-made form {cite.handmade!r} not in {text!r}")
        elif pages and not re.search(rf"(?<!\d){cite.pages[0][0]}(?!\d)", text):
            if len(note.cites) > 1:
                raise Redraw(f"{where}: locator {cite.locator()} missing from {text!r}")
            pages = []
        out.append({"key": cite.key, "pages": pages})
    return out


def check_short_forms(case: Case) -> None:
    """Two works must never come out as the same short form (the answer would be a guess)."""
    seen: dict[str, str] = {}
    for note, text in zip(case.notes, case.texts):
        if len(note.cites) != 1 or note.cites[0].handmade:
            continue
        key = note.cites[0].key
        work = case.works[key]
        name = pools.fold(phrases.surname(work.names[0])) if work.names else ""
        shape = re.sub(r"\d+", "#", pools.fold(text))
        if not name or name not in pools.fold(text):
            continue  # "Ibid." and its kin: resolved by position, not by text
        if shape in seen and seen[shape] != key:
            raise Redraw(f"{case.spec.name}: {seen[shape]} and {key} both render as {text!r}")
        seen[shape] = key


def markdown_notes(pandoc: str, md: str) -> list[str]:
    """The notes of a Markdown manuscript as pandoc reads them back (plain text)."""
    result = subprocess.run([pandoc, "--from", "markdown", "--to", "plain", "--wrap=none"], input=md,
                            capture_output=True, text=True, check=True)
    notes = {}
    for line in result.stdout.splitlines():
        found = re.match(r"^\[(\d+)\] (.*)$", line)
        if found:
            notes[int(found.group(1))] = found.group(2).strip()
    return [notes[i] for i in sorted(notes)]


def md_escape(text: str) -> str:
    """Backslash-escape what Markdown would read as markup ("$…$" math, "^…^" superscript)."""
    return re.sub(r"([\\`*_\[\]<>@^~$#|])", r"\\\1", text)


def markdown_texts(pandoc: str, texts: list[str]) -> list[str]:
    """The notes as written in the Markdown file: as rendered, escaped only where Markdown would
    otherwise read a different text (an MHRA "<https://…>" stays: an autolink reads as its URL);
    raises Redraw if even that fails."""
    def read_back(notes: list[str]) -> list[str]:
        md = "\n\n".join(f"Text.[^{i}]" for i in range(1, len(notes) + 1)) + "\n\n"
        md += "\n".join(f"[^{i}]: {t}" for i, t in enumerate(notes, 1)) + "\n"
        return markdown_notes(pandoc, md)

    out = list(texts)
    back = read_back(out)
    for i, (a, b) in enumerate(zip(texts, back)):
        if _norm(a) != _norm(b):
            out[i] = md_escape(a)
    back = read_back(out)
    if len(back) != len(texts):
        raise Redraw(f"the Markdown reads back as {len(back)} notes, not {len(texts)}")
    for i, (a, b) in enumerate(zip(texts, back), 1):
        if _norm(a) != _norm(b):
            raise Redraw(f"note {i}: the Markdown reads back as {b!r}, not {a!r}")
    return out


def make_markdown(case: Case, texts: list[str], numbers: list[int] | None = None,
                  markers: dict[int, str | None] | None = None) -> str:
    """The manuscript: filler prose in the style's language with one marker per note, then the notes
    (texts as returned by markdown_texts)."""
    numbers = numbers or list(range(1, len(texts) + 1))
    layout = Layout.choose(case.rng("layout"))
    blocks = build_body(case.rng("body"), case.spec.style.language, len(texts), layout)
    surface = Surface(notes=list(zip(numbers, texts)),
                      markers=markers or {i: str(n) for i, n in enumerate(numbers, 1)})
    return layout_markdown(blocks, surface)


def expected(case: Case, notes: dict[str, list], findings: list[dict], surface: str = "md") -> dict:
    style = case.spec.style
    return {
        "style": f"{style.name}.csl, rendered by {case.processor_label} (lang {style.locale})",
        "language": style.language,
        "pool": case.spec.pool,
        "processor": case.spec.processor,
        "csl": style.name,
        "surface": surface,
        "notes": notes,
        "findings": findings,
    }


def dump_expected(data: dict) -> str:
    """JSON with one line per note and per finding, so diffs stay readable."""
    def one(value) -> str:
        return json.dumps(value, ensure_ascii=False)

    head = ",\n".join(f"  {one(k)}: {one(v)}" for k, v in data.items() if k not in ("notes", "findings"))
    notes = ",\n".join(f"    {one(n)}: {one(c)}" for n, c in data["notes"].items())
    findings = ",\n".join(f"    {one(f)}" for f in data["findings"])
    return "{\n" + head + f',\n  "notes": {{\n{notes}\n  }},\n  "findings": [\n{findings}\n  ]\n}}\n'


def answers(case: Case, texts: list[str] | None = None, notes: list[planning.Note] | None = None) -> dict[str, list]:
    texts = texts if texts is not None else case.texts
    notes = notes if notes is not None else case.notes
    out = {}
    for i, (note, text) in enumerate(zip(notes, texts), 1):
        out[str(i)] = note_answers(note, text, f"{case.spec.name} note {i}")
    return out


def unused_findings(case: Case) -> list[dict]:
    return [{"rule": "unused-entry", "key": k} for k in case.uncited]


def build(spec: CaseSpec, pool: pools.Pool, seed: int, tools: Tools, attempts: int = 12) -> Case:
    """A checked case: redrawn (seed, attempt) until its answers are unambiguous."""
    problems = []
    for attempt in range(attempts):
        case = prepare(spec, pool, f"{seed}:{spec.name}:{attempt}")
        try:
            plan_case(case)
            render_case(case, tools)
            answers(case)
            check_short_forms(case)
            case.md_texts = markdown_texts(tools.pandoc, case.texts)
            return case
        except Redraw as why:
            problems.append(str(why))
    raise RuntimeError(f"{spec.name}: no clean draw in {attempts} attempts:\n  " + "\n  ".join(problems))


def write_clean(case: Case, folder: Path, tools: Tools) -> dict:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "manuscript.md").write_text(make_markdown(case, case.md_texts), encoding="utf-8")
    (folder / "refs.bib").write_text(case.bib, encoding="utf-8")
    data = expected(case, answers(case), unused_findings(case))
    (folder / "expected.json").write_text(dump_expected(data), encoding="utf-8")
    return data
