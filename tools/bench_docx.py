"""Benchmark: a Word document with N footnotes (default 300), checked end to end by the CLI.

    .venv/bin/python tools/bench_docx.py [--notes 300] [--runs 7]

Writes the .docx (with the real package layout: footnotes.xml with separator notes,
references in document.xml) to a temporary folder, runs `srccheck check` on it as a
separate process several times, and prints the median and the spread. The goal (issue 4)
is under 2 s for 300 footnotes.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parents[1]
BIB = ROOT / "tests" / "fixtures" / "formats" / "article.bib"
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'

CYCLE = [
    "Kâzım Karabekir, <i>İstiklal Harbimiz</i>, Türkiye Yayınevi, İstanbul 1960, s. {p}.",
    "Karabekir, a.g.e., s. {p}.",
    "a.y.",
    "Betül Aslan, <i>Türkiye-Azerbaycan İlişkileri ve İbrahim Abilov (1920-1923)</i>, Kaynak Yayınları, "
    "İstanbul 2004, s. {p}.",
    "Ali Fuat Cebesoy, <i>Moskova Hatıraları</i>, Vatan Neşriyatı, İstanbul 1953, s. {p}.",
    "Cebesoy, <i>Moskova Hatıraları</i>, s. {p}; Aslan, <i>Türkiye-Azerbaycan İlişkileri</i>, s. {p}.",
    "Ali Asker, “Rusya'daki Türk Esirlerinin Kaderi”, <i>Türkiyat Araştırmaları Dergisi</i>, C. 12, S. 2, 2018, "
    "s. {q}.",
    "Tadeusz Swietochowski, <i>Russian Azerbaijan, 1905-1920</i>, Cambridge University Press, Cambridge 1985, "
    "s. {p}.",
    "Richard G. Hovannisian, <i>The Republic of Armenia</i>, University of California Press, Berkeley 1971, s. {p}.",
    "Mustafa Kemal Atatürk, <i>Nutuk</i>, Türk Devrim Tarihi Enstitüsü, İstanbul 1970, s. {p}.",
]


def _runs(text: str) -> str:
    """Plain and italic runs, as Word writes them."""
    out = []
    for i, part in enumerate(text.replace("</i>", "<i>").split("<i>")):
        if part:
            rpr = "<w:rPr><w:i/></w:rPr>" if i % 2 else ""
            out.append(f'<w:r>{rpr}<w:t xml:space="preserve">{escape(part)}</w:t></w:r>')
    return "".join(out)


def make_docx(path: Path, notes: int) -> None:
    body, foot = [], []
    for n in range(1, notes + 1):
        text = CYCLE[(n - 1) % len(CYCLE)].format(p=10 + n, q=121 + n % 17)
        body.append(f"<w:p>{_runs(f'Paragraf {n}: bu cümle bir kaynağa dayanır.')}"
                    f'<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="{n}"/>'
                    f"</w:r>{_runs(' Metin devam eder.')}</w:p>")
        foot.append(f'<w:footnote w:id="{n}"><w:p><w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr>'
                    f'<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteRef/></w:r>'
                    f'<w:r><w:t xml:space="preserve"> </w:t></w:r>{_runs(text)}</w:p></w:footnote>')
    separators = ('<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
                  '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r>'
                  "</w:p></w:footnote>")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", '<?xml version="1.0" encoding="UTF-8"?><Types/>')
        zf.writestr("word/document.xml", f'<?xml version="1.0" encoding="UTF-8"?><w:document {W}><w:body>'
                    + "".join(body) + "</w:body></w:document>")
        zf.writestr("word/footnotes.xml", f'<?xml version="1.0" encoding="UTF-8"?><w:footnotes {W}>'
                    + separators + "".join(foot) + "</w:footnotes>")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--notes", type=int, default=300)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    srccheck = Path(sys.executable).with_name("srccheck")
    with tempfile.TemporaryDirectory() as tmp:
        doc = Path(tmp) / "bench.docx"
        make_docx(doc, args.notes)
        command = [str(srccheck), "check", str(doc), "--bib", str(BIB), "--format", "json", "--exit-zero"]
        env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
        first = subprocess.run(command, capture_output=True, text=True, env=env)
        if first.returncode != 0:
            print(first.stderr, file=sys.stderr)
            return 1
        times = []
        for _ in range(args.runs):
            started = time.perf_counter()
            subprocess.run(command, capture_output=True, env=env, check=True)
            times.append(time.perf_counter() - started)
    print(f"{args.notes} footnotes, {args.runs} runs of `srccheck check` (a new process each): "
          f"median {statistics.median(times):.2f} s, min {min(times):.2f} s, max {max(times):.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
