"""How srccheck copes with books of other shapes than scale.py's, each measured against its own baseline.

Usage:
  python bench/shapes.py                    # every shape at 5,000 notes x 20,000 entries, the 100,000-note book,
                                            # the 100,000-entry bib and the 30/300-page PDFs: about 20 minutes
  python bench/shapes.py --quick            # 1,000 notes x 5,000 entries, no big cases: a minute
  python bench/shapes.py --shapes archival typos --repeat 5 --json out.json

Shapes (bench/shapegen.py): plain, archival (a fifth of entries and citations archival), anonymous (a third of the
works without author, cited by title), typos (a third of the surnames misspelt), signals (citations inside
commentary), prolific (few authors with dozens of works each). For each, in one run and interleaved round by round:
  plain    bibtexparser.parse_file of the shape's bib without middleware: the baseline
  cold     `srccheck check` with an empty cache
  warm     the same with the cache a first run filled
and peak memory. PDFs: pages of the real-pipeline fixtures copied into PDFs of 30 and 300 pages (pypdfium2), checked
by srccheck against pypdfium2 alone extracting every page's text. Times are medians of whole processes.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import scale  # noqa: E402
import shapegen  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
TARGETS = {"cold_ratio": 1.5, "warm_s": 1.0, "spread": 2.0, "peak_mb": 400.0, "big_cold_s": 10.0, "pdf_ratio": 1.5}


def bench_shapes(shapes: list[str], notes: int, entries: int, repeat: int, tmp: Path) -> dict[str, dict]:
    files = {s: shapegen.make(s, entries, notes, tmp) for s in shapes}
    cold_cmds: dict[object, list[str]] = {}
    for s, (manuscript, bib) in files.items():
        cold_cmds[("plain", s)] = scale.baseline_cmd(bib, False)
        cold_cmds[("cold", s)] = scale.check_cmd(manuscript, bib)
    cold = scale.cold_rounds(cold_cmds, repeat, ok=(0, 1))
    warm = scale.warm_rounds({s: scale.check_cmd(*files[s]) for s in shapes}, {s: repeat * 2 for s in shapes})
    out = {}
    for s in shapes:
        plain, c, w = cold[("plain", s)], cold[("cold", s)], warm[s]
        out[s] = {"plain_s": plain.median, "cold_s": c.median, "warm_s": w.median, "ratio": c.median / plain.median,
                  "peak_mb": max(c.peak, w.peak)}
        print(f"  {s:<10} plain {plain.median:6.2f} s  cold {c.median:6.2f} s ({c.median / plain.median:4.2f}x)  "
              f"warm {w.median:5.2f} s  peak {max(c.peak, w.peak):4.0f} MB", flush=True)
    return out


def bench_big(notes: int, entries: int, repeat: int, tmp: Path) -> dict:
    manuscript, bib = shapegen.make("plain", entries, notes, tmp)
    cold = scale.cold_rounds({"plain": scale.baseline_cmd(bib, False), "cold": scale.check_cmd(manuscript, bib)},
                             repeat, ok=(0, 1))
    result = {"notes": notes, "entries": entries, "plain_s": cold["plain"].median, "cold_s": cold["cold"].median,
              "peak_mb": cold["cold"].peak}
    print(f"  {notes:,} notes x {entries:,} entries: cold {cold['cold'].median:.2f} s "
          f"(plain parse {cold['plain'].median:.2f} s), peak {cold['cold'].peak:.0f} MB", flush=True)
    return result


def make_pdf(pages: int, path: Path) -> Path:
    """A PDF of this many pages, copied from the real-pipeline fixtures' PDFs in turn."""
    import pypdfium2 as pdfium

    sources = sorted((REPO / "tests" / "realpipe" / "dev").glob("*/paper.pdf"))
    out = pdfium.PdfDocument.new()
    while len(out) < pages:
        for source in sources:
            doc = pdfium.PdfDocument(str(source))
            take = min(len(doc), pages - len(out))
            if take <= 0:
                break
            out.import_pages(doc, list(range(take)))
    out.save(str(path))
    return path


def extract_cmd(pdf: Path) -> list[str]:
    code = ("import pypdfium2 as pdfium, sys\n"
            "doc = pdfium.PdfDocument(sys.argv[1])\n"
            "for page in doc:\n"
            "    page.get_textpage().get_text_bounded()\n")
    return [sys.executable, "-c", code, str(pdf)]


def bench_pdf(pages: list[int], repeat: int, tmp: Path) -> dict[int, dict]:
    bib = sorted((REPO / "tests" / "realpipe" / "dev").glob("*/refs.bib"))[0]
    out = {}
    for n in pages:
        pdf = make_pdf(n, tmp / f"book{n}.pdf")
        cold = scale.cold_rounds({"pdfium": extract_cmd(pdf), "check": scale.check_cmd(pdf, bib)}, repeat, ok=(0, 1))
        ratio = cold["check"].median / cold["pdfium"].median
        out[n] = {"pdfium_s": cold["pdfium"].median, "check_s": cold["check"].median, "ratio": ratio,
                  "peak_mb": cold["check"].peak}
        print(f"  {n}-page PDF: check {cold['check'].median:.2f} s, pypdfium2 alone {cold['pdfium'].median:.2f} s "
              f"({ratio:.2f}x), peak {cold['check'].peak:.0f} MB", flush=True)
    return out


def verdicts(result: dict) -> list[tuple[str, float, float, bool]]:
    rows = []
    shapes = result["shapes"]
    for s, r in shapes.items():
        rows.append((f"{s}: cold / plain parse", r["ratio"], TARGETS["cold_ratio"], r["ratio"] <= TARGETS["cold_ratio"]))
        rows.append((f"{s}: warm s", r["warm_s"], TARGETS["warm_s"], r["warm_s"] <= TARGETS["warm_s"]))
        rows.append((f"{s}: peak MB", r["peak_mb"], TARGETS["peak_mb"], r["peak_mb"] <= TARGETS["peak_mb"]))
    if len(shapes) > 1:
        colds = [r["cold_s"] for r in shapes.values()]
        spread = max(colds) / min(colds)
        rows.append(("slowest / fastest shape, cold", spread, TARGETS["spread"], spread <= TARGETS["spread"]))
    big = result.get("big")
    if big:
        rows.append((f"{big['notes']:,} notes cold s", big["cold_s"], TARGETS["big_cold_s"],
                     big["cold_s"] <= TARGETS["big_cold_s"]))
    for n, r in result.get("pdf", {}).items():
        rows.append((f"{n}-page PDF / pypdfium2 alone", r["ratio"], TARGETS["pdf_ratio"], r["ratio"] <= TARGETS["pdf_ratio"]))
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shapes", nargs="+", default=list(shapegen.SHAPES), choices=shapegen.SHAPES)
    parser.add_argument("--notes", type=int, default=5000)
    parser.add_argument("--entries", type=int, default=20000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--quick", action="store_true", help="1,000 notes x 5,000 entries, no big cases, 1 round")
    parser.add_argument("--json", type=Path, help="write every number here")
    parser.add_argument("--no-big", action="store_true", help="leave out the 100,000-note book, the 100,000-entry bib and the PDFs")
    args = parser.parse_args()
    if args.quick:
        args.notes, args.entries, args.repeat = 1000, 5000, 1
    scale.compileall.compile_dir(str(REPO / "srccheck"), quiet=1)
    random.seed(0)
    result: dict = {}
    with tempfile.TemporaryDirectory(prefix="srccheck-shapes-") as folder:
        tmp = Path(folder)
        print(f"shapes at {args.notes:,} notes x {args.entries:,} entries, {args.repeat} rounds", flush=True)
        result["shapes"] = bench_shapes(args.shapes, args.notes, args.entries, args.repeat, tmp)
        if not args.quick and not args.no_big:
            print("big inputs", flush=True)
            result["big"] = bench_big(100_000, 20_000, max(1, args.repeat // 2), tmp)
            result["big_bib"] = bench_big(5_000, 100_000, max(1, args.repeat // 2), tmp)
            print("PDFs", flush=True)
            result["pdf"] = bench_pdf([30, 300], args.repeat, tmp)
    print(f"\n{'target':<44} {'measured':>9} {'limit':>7}  result")
    failed = 0
    for name, measured, limit, ok in verdicts(result):
        failed += not ok
        print(f"{name:<44} {measured:9.2f} {limit:7.2f}  {'PASS' if ok else 'FAIL'}")
    if args.json:
        args.json.write_text(json.dumps(result, indent=2), encoding="utf-8")
    print(f"medians of {args.repeat} runs; spread of the cold times {statistics.pstdev([r['cold_s'] for r in result['shapes'].values()]):.2f} s")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
