#!/usr/bin/env python3
"""Build tests/corpus/align/ (development) and tests/corpus/align-holdout/ (hold-out).

    python3 tools/align_corpus/generate.py [--seed N] [--only TEXT] [--out DIR] [--holdout-out DIR]

Citations to real bibliographies (TeX Live's .bib files and the Turkish/archival pool),
rendered in CSL note styles by pandoc's citeproc and by citeproc-js, with the writer's own
signal phrases, commentary and author-year forms around them, as Markdown footnotes; a
LaTeX surface with \\cite commands; and fault variants. See README.md here.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import case as cases  # noqa: E402
import faults  # noqa: E402
import latex  # noqa: E402
import pools  # noqa: E402
import render  # noqa: E402
import styles  # noqa: E402
from render import find_pandoc  # noqa: E402

SEED = 20260901
WANTED_PANDOC = "3.9"
WANTED_CITEPROC = "2.4.63"
REPO = HERE.parent.parent
LATEX_DEV = [("de", "dtk"), ("fr", "biblatex-examples"), ("en", "tugboat"), ("tr", "ottoman"),
             ("de", "biblatex-examples")]
LATEX_HOLDOUT = [("en", "frankenstein"), ("de", "frankenstein")]
LOCALES = {"en": "en-GB", "de": "de-DE", "fr": "fr-FR", "tr": "tr-TR"}


def tools_from(args: argparse.Namespace) -> cases.Tools:
    pandoc = find_pandoc(args.pandoc)
    version = pools.pandoc_version_of(pandoc)
    if version != WANTED_PANDOC:
        print(f"warning: pandoc {version}; the committed corpus was made with {WANTED_PANDOC}", file=sys.stderr)
    if not (HERE / "node_modules" / "citeproc").exists():
        raise SystemExit(f"citeproc-js missing: (cd {HERE} && npm ci)")
    citeproc = render.citeproc_js_version()
    if citeproc != WANTED_CITEPROC:
        print(f"warning: citeproc-js {citeproc}; the committed corpus was made with {WANTED_CITEPROC}",
              file=sys.stderr)
    subprocess.run([args.node, "--version"], capture_output=True, check=True)
    return cases.Tools(pandoc, args.node, version, citeproc)


class Pools:
    def __init__(self, pandoc: str, cache: Path):
        self.pandoc, self.cache, self.loaded = pandoc, cache, {}

    def __getitem__(self, name: str) -> pools.Pool:
        if name not in self.loaded:
            self.loaded[name] = pools.load(name, self.pandoc, self.cache)
        return self.loaded[name]


def write_variant(case: cases.Case, variant: faults.Variant, folder: Path, tools: cases.Tools) -> None:
    md = cases.make_markdown(case, cases.markdown_texts(tools.pandoc, variant.texts))
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "manuscript.md").write_text(md, encoding="utf-8")
    (folder / "refs.bib").write_text(variant.bib, encoding="utf-8")
    data = cases.expected(case, variant.answers, cases.unused_findings(case) + [variant.finding])
    (folder / "expected.json").write_text(cases.dump_expected(data), encoding="utf-8")


def build_faults(built: list[cases.Case], tools: cases.Tools, out: Path, per_kind: int) -> list[str]:
    """per_kind variants of each fault, from different clean cases, processors alternating."""
    made = []
    for j, kind in enumerate(faults.KINDS):
        start = (j * 5) % len(built)
        order = built[start:] + built[:start]
        for n in range(per_kind):
            want = styles.PROCESSORS[(j + n) % 2]
            for case in order:
                name = f"{case.spec.name}--{kind}"
                if case.spec.processor != want or name in made:
                    continue
                try:
                    variant = faults.INJECT[kind](case, tools)
                except faults.NotApplicable:
                    continue
                try:
                    write_variant(case, variant, out / "faults" / name, tools)
                except cases.Redraw:
                    continue
                made.append(name)
                break
            else:
                print(f"warning: no {want} case takes the fault {kind}", file=sys.stderr)
    return made


def compile_check(folder: Path) -> None:
    """Typeset a LaTeX case (lualatex, biber, lualatex twice) and fail on an undefined citation."""
    with tempfile.TemporaryDirectory() as tmp:
        for name in ("manuscript.tex", "refs.bib"):
            shutil.copy(folder / name, tmp)
        for command in (["lualatex", "-interaction=nonstopmode", "manuscript.tex"], ["biber", "manuscript"],
                        ["lualatex", "-interaction=nonstopmode", "manuscript.tex"],
                        ["lualatex", "-interaction=nonstopmode", "manuscript.tex"]):
            subprocess.run(command, cwd=tmp, capture_output=True, timeout=600)
        log = Path(tmp, "manuscript.log").read_text(encoding="utf-8", errors="replace")
        if not Path(tmp, "manuscript.pdf").exists() or re.search(r"undefined (citation|references)", log, re.I):
            raise SystemExit(f"{folder.name}: does not typeset cleanly (see lualatex's log)")


def build_latex(specs: list[tuple[str, str]], source: Pools, seed: int, out: Path,
                check: bool = False) -> list[str]:
    made = []
    for lang, pool_name in specs:
        style = styles.Style(f"latex-{lang}", LOCALES[lang], False)
        spec = styles.CaseSpec(style, "latex", pool_name)
        case = cases.prepare(spec, source[pool_name], f"{seed}:{spec.name}:0")
        cases.plan_case(case)
        text, answers = latex.manuscript(case, case.rng("latex"))
        folder = out / "latex" / spec.name
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "manuscript.tex").write_text(text, encoding="utf-8")
        (folder / "refs.bib").write_text(case.bib, encoding="utf-8")
        case.processor_label = "the writer (LaTeX \\cite commands, biblatex verbose-ibid)"
        data = cases.expected(case, answers, cases.unused_findings(case), surface="tex")
        data["style"] = f"LaTeX manuscript, \\cite commands typed by the writer (babel {latex.BABEL[lang]})"
        (folder / "expected.json").write_text(cases.dump_expected(data), encoding="utf-8")
        if check:
            compile_check(folder)
        made.append(spec.name)
    return made


DEV_README = """# align: development set for citation resolution (issue 16)

Generated by `tools/align_corpus/generate.py` (seed {seed}; {pandoc}; citeproc-js {citeproc});
how and why: `tools/align_corpus/README.md`. Do not edit by hand: regenerate.

- {n_clean} clean cases `POOL--PROCESSOR--STYLE/` (Markdown surface): pools {pools}; the {n_styles}
  development note styles, each once with pandoc's citeproc and once with citeproc-js, on two
  different pools; {n_cit} expected citations.
- `faults/`: {n_faults} variants with one injected fault each (`"injected": true` in expected.json).
- `latex/`: {n_latex} LaTeX manuscripts with `\\cite` commands and locators typed after them.

Score: `.venv/bin/python tools/score_corpus.py tests/corpus/align -q --by csl --by pool --by processor --kinds 12`

Not in `tests/test_corpus.py`'s SETS (srccheck does not meet these answers yet).
"""

HOLDOUT_README = """# align-holdout: hold-out set for citation resolution (issue 16)

**Measure once, at the end.** Generated with the development set `../align/` by
`tools/align_corpus/generate.py` (seed {seed}; {pandoc}; citeproc-js {citeproc}), from material
set aside before anything was generated:

- the pool **frankenstein** (`frankenstein.bib` from TeX Live: literary studies, crossref
  children and parents, `@string` macros), in both hold-out styles and in eight development
  styles (two per language);
- the styles **cambridge-university-press-note** (en-GB) and
  **uludag-universitesi-sosyal-bilimler-enstitusu-ilahiyat-fakultesi-full-note-with-ibid**
  (tr-TR; a sibling of the development style uludag-…-full-note-with-ibid, so its figure is
  the optimistic one), on every pool.

{n_clean} clean cases ({n_cit} expected citations), {n_faults} fault variants, {n_latex} LaTeX
manuscripts. The file `HOLDOUT` here makes `tools/score_corpus.py tests/corpus` skip this folder;
score it by naming it:

    .venv/bin/python tools/score_corpus.py tests/corpus/align-holdout -q --by csl --by pool --kinds 12

Not part of any CI test set.
"""


def write_readme(out: Path, holdout: bool, built: list[cases.Case], made: list[str], tools: cases.Tools,
                 seed: int) -> None:
    answers = [json.loads((out / c.spec.name / "expected.json").read_text(encoding="utf-8")) for c in built]
    text = (HOLDOUT_README if holdout else DEV_README).format(
        seed=seed, pandoc=f"pandoc {tools.pandoc_version}", citeproc=tools.citeproc_version,
        n_clean=len(built), pools=", ".join(sorted({c.spec.pool for c in built})),
        n_styles=len({c.spec.style.name for c in built}),
        n_cit=sum(len(cites) for a in answers for cites in a["notes"].values()),
        n_faults=sum("--latex--" not in m for m in made), n_latex=sum("--latex--" in m for m in made))
    (out / "README.md").write_text(text, encoding="utf-8")
    if holdout:
        (out / "HOLDOUT").write_text("Hold-out set: tools/score_corpus.py skips this folder unless it is named.\n",
                                     encoding="utf-8")


def build_set(specs: list[styles.CaseSpec], source: Pools, tools: cases.Tools, seed: int, out: Path,
              only: str | None) -> list[cases.Case]:
    built = []
    for spec in specs:
        if only and only not in spec.name:
            continue
        case = cases.build(spec, source[spec.pool], seed, tools)
        cases.write_clean(case, out / spec.name, tools)
        built.append(case)
        print(f"{spec.name}: {len(case.notes)} notes", flush=True)
    return built


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=REPO / "tests" / "corpus" / "align")
    parser.add_argument("--holdout-out", type=Path, default=REPO / "tests" / "corpus" / "align-holdout")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--only", help="build just the cases whose name contains this (no faults, no LaTeX)")
    parser.add_argument("--pandoc", help="pandoc executable (default: $PANDOC, pypandoc-binary, PATH)")
    parser.add_argument("--node", default="node")
    parser.add_argument("--cache", type=Path, default=Path("/tmp/align_corpus_cache"),
                        help="where pandoc's CSL-JSON of each pool is kept between runs")
    parser.add_argument("--no-holdout", action="store_true", help="leave the hold-out folder alone")
    parser.add_argument("--check-latex", action="store_true",
                        help="typeset each LaTeX case with lualatex and biber (slow) and stop on undefined citations")
    args = parser.parse_args()
    tools = tools_from(args)
    source = Pools(tools.pandoc, args.cache)
    targets = [(args.out, styles.dev_cases(), LATEX_DEV, 2, False)]
    if not args.no_holdout:
        targets.append((args.holdout_out, styles.holdout_cases(), LATEX_HOLDOUT, 1, True))
    for out, specs, latex_specs, per_kind, holdout in targets:
        if not args.only:
            for child in out.glob("*"):
                if child.is_dir():
                    shutil.rmtree(child)
        built = build_set(specs, source, tools, args.seed, out, args.only)
        if not args.only:
            made = build_faults(built, tools, out, per_kind)
            made += build_latex(latex_specs, source, args.seed, out, args.check_latex)
            write_readme(out, holdout, built, made, tools, args.seed)
            print(f"{out.name}: {len(built)} cases, {len(made)} fault and LaTeX cases")
    return 0


if __name__ == "__main__":
    sys.exit(main())
