#!/usr/bin/env python3
"""Build tests/corpus/rendered/: one manuscript per CSL note style, rendered by pandoc's citeproc.

    python3 tools/render_corpus/generate.py [--pandoc PATH] [--out DIR]

For each style: a seeded citation plan over the reference pool (pool.json),
pandoc renders the notes, the generator lays them out as PDF-like text and as
Markdown, writes the pool as BibTeX under the case's key scheme, and writes
expected.json from the plan (the keys and locators it asked pandoc to render).
Fault variants go to rendered/faults/<style>-<fault>/.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import bibtex  # noqa: E402
import faults  # noqa: E402
from layout import Layout, Surface, build_body, layout_markdown, layout_text  # noqa: E402
from plan import NotePlan, build_plan  # noqa: E402
from render import WANTED_PANDOC, find_pandoc, pandoc_version, render_notes  # noqa: E402

SEED = 20240917
REPO = HERE.parent.parent
CSL_DIR = REPO.parent / "shared" / "csl"


@dataclass(frozen=True)
class Style:
    name: str  # CSL file name without .csl, and the case folder's name
    locale: str  # pandoc's lang metadata
    scheme: str  # bib key scheme (see bibtex.base_key)
    dialect: str  # bibtex | biblatex field names
    latex_share: float  # share of entries written with LaTeX escapes
    faults: tuple[str, ...] = ()

    @property
    def language(self) -> str:
        return self.locale[:2]


STYLES = [
    Style("chicago-notes-bibliography", "en-US", "surnameyear", "bibtex", 0.3, ("short-before-full",)),
    Style("chicago-notes-bibliography-subsequent-ibid-17th-edition", "en-US", "scholar", "bibtex", 0.5,
          ("note-number-gap",)),
    Style("chicago-shortened-notes-bibliography-17th-edition", "en-US", "zotero", "biblatex", 0.2),
    Style("chicago-shortened-notes-bibliography-subsequent-ibid", "en-US", "initials", "bibtex", 0.4),
    Style("mhra-notes", "en-GB", "dashed", "biblatex", 0.3, ("page-out-of-range",)),
    Style("mhra-notes-subsequent-ibid", "en-GB", "numeric", "bibtex", 0.5, ("unused-entry",)),
    Style("isnad", "tr-TR", "unicode", "biblatex", 0.1, ("metadata-mismatch",)),
    Style("isnad-dipnotlu", "tr-TR", "camel", "bibtex", 0.6, ("inconsistent-spelling",)),
    Style("istanbul-universitesi-sosyal-bilimler-enstitusu", "tr-TR", "alpha", "bibtex", 0.4,
          ("note-without-marker",)),
    Style("uludag-universitesi-sosyal-bilimler-enstitusu-full-note-with-ibid", "tr-TR", "yearfirst",
          "biblatex", 0.3, ("duplicate-note-number",)),
    Style("geistes-und-kulturwissenschaften-heilmann", "de-DE", "dotted", "biblatex", 0.5,
          ("unresolved-citation",)),
    Style("annales", "fr-FR", "prefixed", "bibtex", 0.4, ("reversed-page-range",)),
]


def rng_for(style: Style, purpose: str) -> random.Random:
    return random.Random(f"{SEED}:{style.name}:{purpose}")


def expected_citations(note: NotePlan, text: str, keys: dict[str, str | None], where: str) -> list[dict]:
    """The answers for one note: keys and locators as asked, except where the processor dropped
    the locator (a bare "Ibid." / "a.y." for the same page has no pages)."""
    out = []
    for cite in note.cites:
        pages = [list(r) for r in cite.pages]
        if pages and not re.search(rf"(?<!\d){cite.pages[0][0]}(?!\d)", text):
            if len(note.cites) > 1:
                raise RuntimeError(f"{where}: locator {cite.locator()} missing from {text!r}")
            pages = []
        out.append({"key": keys[cite.item], "pages": pages})
    return out


def dump_expected(expected: dict) -> str:
    """JSON with one line per note and per finding, so diffs stay readable."""
    def one(value) -> str:
        return json.dumps(value, ensure_ascii=False)

    notes = ",\n".join(f"    {one(n)}: {one(c)}" for n, c in expected["notes"].items())
    findings = ",\n".join(f"    {one(f)}" for f in expected["findings"])
    return (
        "{\n"
        f'  "style": {one(expected["style"])},\n'
        f'  "language": {one(expected["language"])},\n'
        f'  "notes": {{\n{notes}\n  }},\n'
        f'  "findings": [\n{findings}\n  ]\n'
        "}\n"
    )


def write_case(folder: Path, style: Style, variant: faults.Variant, pandoc_label: str,
               blocks, layout: Layout, with_markdown: bool, uncited: list[str]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    surface = Surface(
        notes=list(zip(variant.numbers, variant.texts)),
        markers=dict(variant.markers),
        omitted=set(variant.omitted),
    )
    text = layout_text(blocks, surface, layout, rng_for(style, "layout-accidents"))
    (folder / "manuscript.txt").write_text(text, encoding="utf-8")
    if with_markdown:
        (folder / "manuscript.md").write_text(layout_markdown(blocks, surface), encoding="utf-8")
    else:
        (folder / "manuscript.md").unlink(missing_ok=True)

    bib = bibtex.bibliography(variant.bib_items, variant.keys, style.dialect, f"{SEED}:{style.name}:bib",
                              style.latex_share)
    (folder / "refs.bib").write_text(bib, encoding="utf-8")

    notes: dict[str, list] = {}
    for index, (note, rendered) in enumerate(zip(variant.plan, variant.texts), 1):
        if index in variant.omitted:
            continue
        number = str(variant.numbers[index - 1])
        notes.setdefault(number, []).extend(
            expected_citations(note, rendered, variant.keys, f"{folder.name} note {index}"))
    findings = [{"rule": "unused-entry", "key": variant.keys[i]} for i in uncited]
    expected = {
        "style": f"{style.name}.csl, rendered by {pandoc_label} --citeproc (lang {style.locale})",
        "language": style.language,
        "notes": notes,
        "findings": findings + variant.findings,
    }
    (folder / "expected.json").write_text(dump_expected(expected), encoding="utf-8")


def localise(pool: list[dict], style: Style) -> list[dict]:
    """Data as a user of the style would enter it: the Turkish styles add "Tezi" to a thesis genre."""
    if style.language != "tr":
        return pool
    genres = {"Doktora Tezi": "Doktora", "PhD diss.": "Doktora"}
    return [dict(item, genre=genres[item["genre"]]) if "genre" in item else item for item in pool]


def build_style(style: Style, pool: list[dict], pandoc: str, pandoc_label: str, out: Path) -> None:
    by_id = {item["id"]: item for item in pool}
    rng = rng_for(style, "plan")
    order = [item["id"] for item in pool]
    rng.shuffle(order)
    n_uncited = rng.randint(3, 5)
    uncited, cited = order[:n_uncited], order[n_uncited:]
    plan = build_plan(rng, by_id, cited, style.language, rng.randint(34, 40))
    csl = CSL_DIR / f"{style.name}.csl"
    pool = localise(pool, style)
    texts = render_notes(pandoc, plan, pool, csl, style.locale)

    keys = bibtex.make_keys(pool + [faults.DECOY], style.scheme, rng_for(style, "keys"))
    decoy_key = keys.pop(faults.DECOY["id"])
    layout = Layout.choose(rng_for(style, "layout"))
    blocks = build_body(rng_for(style, "body"), style.language, len(plan), layout)

    clean = faults.Variant(
        plan=plan, texts=texts, numbers=list(range(1, len(plan) + 1)),
        markers={i: str(i) for i in range(1, len(plan) + 1)}, omitted=set(),
        bib_items=list(pool), keys=keys,
    )
    write_case(out / style.name, style, clean, pandoc_label, blocks, layout, True, uncited)

    for fault in style.faults:
        if fault == "note-number-gap":
            variant = faults.note_number_gap(clean)
        elif fault == "duplicate-note-number":
            variant = faults.duplicate_note_number(clean)
        elif fault == "note-without-marker":
            variant = faults.note_without_marker(clean)
        elif fault == "unresolved-citation":
            variant = faults.unresolved_citation(clean)
        elif fault == "unused-entry":
            variant = faults.unused_entry(clean, decoy_key)
        elif fault == "short-before-full":
            variant = faults.short_before_full(clean)
        elif fault == "inconsistent-spelling":
            variant = faults.inconsistent_spelling(clean, by_id)
        elif fault == "page-out-of-range":
            variant = faults.page_out_of_range(clean, by_id)
        elif fault == "reversed-page-range":
            variant = faults.reversed_page_range(clean)
        elif fault == "metadata-mismatch":
            variant = faults.metadata_mismatch(clean, by_id)
        else:
            raise ValueError(fault)
        if variant.rerender:
            variant.texts = render_notes(pandoc, variant.plan, pool, csl, style.locale)
            changed = [i for i, (a, b) in enumerate(zip(texts, variant.texts), 1) if a != b]
            noted = {f["note"] for f in variant.findings}
            if not set(changed) <= noted:
                raise RuntimeError(f"{style.name}/{fault}: re-rendering changed notes {changed}")
        write_case(out / "faults" / f"{style.name}-{fault}", style, variant, pandoc_label, blocks,
                   layout, False, uncited)


def main() -> int:
    global CSL_DIR, SEED
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pandoc", help="pandoc executable (default: $PANDOC, pypandoc-binary, PATH)")
    parser.add_argument("--out", type=Path, default=REPO / "tests" / "corpus" / "rendered")
    parser.add_argument("--only", help="build just this style")
    parser.add_argument("--csl-dir", type=Path, default=CSL_DIR)
    parser.add_argument("--seed", type=int, default=SEED,
                        help="another seed gives other plans, layouts and keys: a fresh corpus to score (with --out)")
    args = parser.parse_args()
    CSL_DIR = args.csl_dir
    SEED = args.seed
    pandoc = find_pandoc(args.pandoc)
    version = pandoc_version(pandoc)
    if version != WANTED_PANDOC:
        print(f"warning: pandoc {version}; the committed corpus was made with {WANTED_PANDOC}",
              file=sys.stderr)
    pool = json.loads((HERE / "pool.json").read_text(encoding="utf-8"))
    styles = [s for s in STYLES if not args.only or s.name == args.only]
    if not args.only and args.out.exists():
        shutil.rmtree(args.out)
    for style in styles:
        build_style(style, pool, pandoc, f"pandoc {version}", args.out)
        print(f"{style.name}: done")
    return 0


if __name__ == "__main__":
    sys.exit(main())
