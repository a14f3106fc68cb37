"""How large the HTML report of a book is, and how long Chromium takes to open it.

Generates PDF-text books with bench/scale.py's generator (a fifth of the notes citing three core
works, LaTeX-escaped bib), writes `srccheck check --format html` for each, then opens each file
in headless Chromium (Debian's, driven by Playwright) --repeat times, each in a fresh browser
profile, and reports the median and worst time from navigation start to the load event having
run and a frame being painted after it; with --print, also the time to print it to PDF (once).

    .venv/bin/python bench/html_report.py                      # 300, 1,000 and 5,000 notes x 1,000 entries
    .venv/bin/python bench/html_report.py --notes 5000 --entries 20000 --repeat 7
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from scale import SEED, make_bib, write_bib, write_manuscript  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--no-first-run"]
LIMIT_SECONDS = 2.0
LIMIT_MB = 10.0


def render(notes: int, entries: int, folder: Path) -> Path:
    rng = random.Random(SEED)
    works = make_bib(entries, rng)
    bib, manuscript, report = folder / f"b{entries}.bib", folder / f"m{notes}.txt", folder / f"r{notes}x{entries}.html"
    write_bib(bib, works)
    write_manuscript(manuscript, notes, works, rng)
    cmd = [sys.executable, "-m", "srccheck", "check", str(manuscript), "--bib", str(bib), "--no-cache",
           "--exit-zero", "--output-file", str(report)]
    subprocess.run(cmd, check=True, capture_output=True)
    return report


def open_times(report: Path, repeat: int, print_it: bool) -> tuple[list[float], list[float], list[str]]:
    from playwright.sync_api import sync_playwright

    loads: list[float] = []
    prints: list[float] = []
    errors: list[str] = []
    with sync_playwright() as p:
        for run in range(repeat):
            with tempfile.TemporaryDirectory() as profile:
                context = p.chromium.launch_persistent_context(profile, executable_path=CHROMIUM, headless=True,
                                                               args=FLAGS, viewport={"width": 1280, "height": 900})
                page = context.new_page()
                page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
                page.on("pageerror", lambda e: errors.append(str(e)))
                page.goto(report.as_uri(), wait_until="load")
                # navigation start -> load event done, then one painted frame after it
                loads.append(page.evaluate("""() => new Promise(done => requestAnimationFrame(() =>
                    setTimeout(() => done(performance.now() / 1000), 0)))"""))
                if print_it and run == 0:
                    start = time.perf_counter()
                    page.pdf(path=str(report.with_suffix(".pdf")))
                    prints.append(time.perf_counter() - start)
                context.close()
    return loads, prints, errors


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--notes", type=int, nargs="+", default=[300, 1000, 5000])
    parser.add_argument("--entries", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--print", action="store_true", help="also print each report to PDF once, timed")
    args = parser.parse_args()
    print(f"{'notes':>6} {'entries':>7} {'MB':>6} {'open median':>11} {'open max':>8} {'print':>7}  errors")
    with tempfile.TemporaryDirectory() as tmp:
        for notes in args.notes:
            report = render(notes, args.entries, Path(tmp))
            size = report.stat().st_size / 1e6
            loads, prints, errors = open_times(report, args.repeat, args.print)
            ok = size < LIMIT_MB and statistics.median(loads) < LIMIT_SECONDS and not errors
            printed = f"{prints[0]:>6.1f}s" if prints else f"{'-':>7}"
            print(f"{notes:>6} {args.entries:>7} {size:>6.2f} {statistics.median(loads):>10.2f}s {max(loads):>7.2f}s "
                  f"{printed}  {len(errors)}  {'PASS' if ok else 'FAIL'}", flush=True)


if __name__ == "__main__":
    main()
