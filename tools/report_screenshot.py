"""The README's picture of the HTML report: article.txt checked against refs.bib, opened in headless
Chromium (Debian's /usr/bin/chromium, driven by Playwright), the top of the page as a PNG.

    .venv/bin/python tools/report_screenshot.py                 # writes docs/report-article.png
    .venv/bin/python tools/report_screenshot.py --note 22 out.png
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--no-first-run"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("output", nargs="?", type=Path, default=REPO / "docs" / "report-article.png")
    parser.add_argument("--note", type=int, help="scroll to this note, hover its first citation")
    parser.add_argument("--width", type=int, default=1200)
    parser.add_argument("--height", type=int, default=1300)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.html"
        env = {**os.environ, "SOURCE_DATE_EPOCH": os.environ.get("SOURCE_DATE_EPOCH", "1767225600")}
        subprocess.run([sys.executable, "-m", "srccheck", "check", "article.txt", "--bib", "refs.bib", "--no-config",
                        "--exit-zero", "--output-file", str(report)], cwd=REPO, env=env, check=True)
        with sync_playwright() as p:
            context = p.chromium.launch_persistent_context(
                str(Path(tmp) / "profile"), executable_path=os.environ.get("SRCCHECK_CHROMIUM", "/usr/bin/chromium"),
                headless=True, args=FLAGS, viewport={"width": args.width, "height": args.height})
            page = context.new_page()
            page.goto(report.as_uri(), wait_until="load")
            if args.note:
                page.goto(f"{report.as_uri()}#n{args.note}")
                page.hover(f"#n{args.note} .c")
            args.output.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(args.output))
            context.close()
    from PIL import Image  # Pillow comes with pdfplumber

    # 128 colours without dithering: a third of the bytes, and text looks the same
    Image.open(args.output).convert("RGB").quantize(colors=128, method=Image.Quantize.MEDIANCUT,
                                                    dither=Image.Dither.NONE).save(args.output, optimize=True)
    print(args.output)


if __name__ == "__main__":
    main()
