"""How srccheck scales: end-to-end time per note and against bibtexparser's own load time, measured in one run.

Usage: python bench/scale.py [--notes 100 1000 5000] [--entries 1000 20000] [--repeat 3]

Generates (seeded, in a temp dir) PDF-text manuscripts whose notes cite a generated .bib with LaTeX escapes:
full first citations, short forms, a.g.e., several citations per note. Prints medians (seconds), time per note,
peak memory of the whole process, and the ratio to two baselines measured in the same run: bibtexparser.parse_file
of the same bib plain, and with LatexDecodingMiddleware (the naive way to load it).
"""

from __future__ import annotations

import argparse
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SURNAMES = ["Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Öztürk", "Aydın", "Arslan", "Doğan", "Kılıç", "Müller",
            "Schmidt", "Dubois", "Smith", "Jones", "Rossi", "García", "Nowak", "Hasanlı", "Güneş"]
LATEX = {"ı": "{\\i}", "ş": "{\\c{s}}", "Ş": "{\\c{S}}", "ç": "{\\c{c}}", "Ç": "{\\c{C}}", "ğ": "{\\u{g}}",
         "ö": '{\\"o}', "Ö": '{\\"O}', "ü": '{\\"u}', "İ": "{\\.I}", "í": "{\\'i}", "é": "{\\'e}"}
WORDS = ["Tarih", "Devlet", "Savaş", "Ticaret", "Liman", "Göç", "Osmanlı", "Cumhuriyet", "Empire", "Trade", "Archive",
         "Geschichte", "Politik", "Histoire", "Société", "Ekonomi", "Diplomasi", "Kafkasya", "Azerbaycan", "Meclis"]


def latex(text: str) -> str:
    return "".join(LATEX.get(ch, ch) for ch in text)


def make_bib(n: int, rng: random.Random) -> list[tuple[str, str, str, int]]:
    works = []
    for i in range(n):
        surname = rng.choice(SURNAMES) + (str(i // len(SURNAMES)) if i >= len(SURNAMES) * 3 else "")
        title = " ".join(rng.sample(WORDS, 4))
        works.append((f"w{i}", surname, title, 1900 + i % 120))
    return works


def write_bib(path: Path, works: list[tuple[str, str, str, int]]) -> None:
    with path.open("w", encoding="utf-8") as out:
        for key, surname, title, year in works:
            out.write(f"@book{{{key},\n  author = {{{latex(surname)}, Ali}},\n  title = {{{latex(title)}}},\n"
                      f"  publisher = {{Tarih Yay{{\\i}}nlar{{\\i}}}},\n  address = {{Ankara}},\n  year = {{{year}}}\n}}\n\n")


def write_manuscript(path: Path, notes: int, works: list[tuple[str, str, str, int]], rng: random.Random) -> None:
    cited = rng.sample(works, min(len(works), max(1, notes // 3)))
    seen: set[str] = set()
    body, foot = [], []
    lines = []
    for n in range(1, notes + 1):
        key, surname, title, year = rng.choice(cited)
        page = rng.randint(1, 400)
        if key not in seen:
            note = f"Ali {surname}, {title}, Tarih Yayınları, Ankara, {year}, s. {page}-{page + 2}."
            seen.add(key)
        elif rng.random() < 0.15:
            note = f"a.g.e., s. {page}."
        else:
            note = f"A. {surname}, {' '.join(title.split()[:2])}, s. {page}."
        body.append(f"Bu konuda {year} yılında {rng.randint(2, 900)} kişi etkilenmiştir.{n}")
        foot.append(f"{n} {note}")
        if n % 4 == 0 or n == notes:
            lines += body + ["", " " * 40] + foot + ["", str(n // 4 + 1), "\f"]
            body, foot = [], []
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def median_time(cmd: list[str], repeat: int) -> tuple[float, int]:
    times, peak = [], 0
    for _ in range(repeat):
        start = time.perf_counter()
        proc = subprocess.run(cmd, capture_output=True)
        times.append(time.perf_counter() - start)
        if proc.returncode not in (0, 1):
            raise SystemExit(f"failed: {' '.join(cmd)}\n{proc.stderr.decode()[:500]}")
        peak = max(peak, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    return statistics.median(times), peak


def baseline(bib: Path, decode: bool, repeat: int) -> float:
    code = ("import bibtexparser, sys\n"
            "from bibtexparser.middlewares import LatexDecodingMiddleware\n"
            f"lib = bibtexparser.parse_file(sys.argv[1]{', append_middleware=[LatexDecodingMiddleware()]' if decode else ''})\n")
    return median_time([sys.executable, "-c", code, str(bib)], repeat)[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--notes", type=int, nargs="+", default=[100, 1000, 5000])
    parser.add_argument("--entries", type=int, nargs="+", default=[1000, 20000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    rng = random.Random(20261123)
    exe = [sys.executable, "-m", "srccheck", "check"]
    with tempfile.TemporaryDirectory() as tmp:
        for entries in args.entries:
            works = make_bib(entries, rng)
            bib = Path(tmp) / f"refs{entries}.bib"
            write_bib(bib, works)
            plain = baseline(bib, False, args.repeat)
            naive = baseline(bib, True, max(1, args.repeat // 2))
            print(f"bib {entries} entries: bibtexparser plain {plain:.2f} s, with LatexDecodingMiddleware {naive:.2f} s")
            for notes in args.notes:
                ms = Path(tmp) / f"m{notes}.txt"
                write_manuscript(ms, notes, works, rng)
                took, peak = median_time([*exe, str(ms), "--bib", str(bib), "--format", "json", "--no-config"],
                                         args.repeat)
                print(f"  {notes:>6} notes: {took:6.2f} s median  {1000 * took / notes:6.2f} ms/note  "
                      f"peak {peak // 1024} MB  x{took / plain:.2f} plain parse  x{took / naive:.2f} naive parse")


if __name__ == "__main__":
    main()
