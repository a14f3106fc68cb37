"""How srccheck scales, measured against the targets of the performance issue, in one run.

Usage:
  python bench/scale.py [--notes 100 1000 5000 10000] [--entries 1000 20000] [--repeat 3] [--json PATH]
  python bench/scale.py --quick    # smoke test: --notes 100 1000 --entries 1000 --repeat 1 (explicit options win)

Generates (seeded, in a temp dir) PDF-text manuscripts whose notes cite a generated .bib with LaTeX escapes:
full first citations, short forms, a.g.e.; a fifth of the notes cite one of three core works (a book's
main archive or primary source, cited hundreds of times), the rest any of notes/3 works. Each file has its
own seed, so a given size is the same file whatever else is requested. Every command runs --repeat times, each as its own process;
every time is the median wall-clock time of the whole process (interpreter start-up included), in seconds
unless marked ms.
The runs of one bib's sizes (and its plain-parse baseline) are interleaved round by round, so a machine
that changes speed during the run shifts them all alike.

Per bib:
  plain, naive    bibtexparser.parse_file of the bib without middleware, and with LatexDecodingMiddleware
                  (the naive way to load it): the baselines, measured in the same run
  fixed           `srccheck check` of a 1-note manuscript: start-up plus bib load, the cost that does not
                  grow with the manuscript
Per manuscript size, `srccheck check M --bib B --format json --no-config`:
  cold            SRCCHECK_CACHE_DIR is a fresh empty directory for every run
  warm            SRCCHECK_CACHE_DIR is one directory, filled by an untimed run first; 10x --repeat runs up to
                  1,000 notes, 3x above (see warm_repeat), in rounds of one run of each size, the order
                  reversed every other round; marked ! when srccheck/
                  was edited meanwhile (its cache is keyed on its own sources, so they may be cache misses)
  ms/note         time / notes (cold and warm)
  step ms/note    warm ms per added note from the next smaller size to this one: what a note costs once
                  start-up and bib load cancel out. Taken round by round (this size's run minus the smaller
                  size's run of the same round), then the median over the rounds: this machine's speed swings
                  by up to 2x for seconds at a time, which a difference of two medians does not survive
  peak MB         max RSS, cold/warm (the highest of its runs; os.wait4 gives each run's own). When srccheck
                  parses a large bib in a helper process, this is the larger of the two processes, not their sum
  xplain xnaive   cold / plain parse and cold / naive parse of the same bib
  marginal        (t(largest) - t(smallest)) / (largest - smallest notes), ms per added note, cold and warm
  flatness        max / min of step ms/note over the sizes (1.0 = perfectly linear), warm (cold, from the
                  medians, for information)
With --instructions (needs valgrind): the warm runs once more under `valgrind --tool=cachegrind`, counting the
instructions each executes. The count does not depend on the machine's speed, so it shows how the work grows
with the notes without timing noise: instructions per added note, their flatness (max/min) and their growth
(the largest ratio of a step to a smaller size's step: what the time target guards against, without its noise;
a note that gets cheaper as a book runs out of new works to cite is flatness, not growth).

Targets, PASS/FAIL in a table at the end (skipped when their sizes were not requested):
  5000 notes x 20000 entries: cold <= 1.5 x plain parse, warm <= 1.0 s, peak memory (cold or warm) <= 400 MB
  flatness <= 1.5 from 100 to 10000 notes, warm, for each bib; with --instructions, growth <= 1.5 in instructions
  the bundled sample, `srccheck check article.txt --bib refs.bib --no-config` in the repo root, warm <= 0.3 s
  `srccheck --version` <= 0.1 s
The sample and --version run the venv's `srccheck` console script (what users run; it starts faster than
python -m), or python -m srccheck when there is none.
srccheck's bytecode is compiled before anything is timed, as an install does: with PYTHONDONTWRITEBYTECODE set
(some containers set it) every run would otherwise compile the whole package again, ~60 ms.

Exit status 0 whatever the targets say (benchmarks inform, they do not gate); 1 only when a run itself fails.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
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
    core = cited[:3]  # a book's main sources (its archive, its primary text): cited in a fifth of the notes
    seen: set[str] = set()
    body, foot = [], []
    lines = []
    for n in range(1, notes + 1):
        key, surname, title, year = rng.choice(core) if rng.random() < 0.2 else rng.choice(cited)
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


SEED = 20261123
REPO = Path(__file__).resolve().parent.parent
DEFAULTS = {"notes": [100, 1000, 5000, 10000], "entries": [1000, 20000], "repeat": 3}
QUICK = {"notes": [100, 1000], "entries": [1000], "repeat": 1}
BIG = (5000, 20000)  # (notes, entries) of the issue's cold, warm and memory targets
FLAT_RANGE = (100, 10000)  # the flatness target is stated over this span of notes
CHECK_OK = (0, 1)  # 1 only means findings


@dataclass
class Measured:
    """Wall times and peak memory (MB) of the timed runs of one command."""
    times: list[float]
    peaks: list[float]
    sources_changed: bool = False  # srccheck/ was edited while these runs were going on

    @classmethod
    def of(cls, runs: list[tuple[float, float]], sources_changed: bool = False) -> Measured:
        return cls([t for t, _ in runs], [p for _, p in runs], sources_changed)

    @property
    def median(self) -> float:
        return statistics.median(self.times)

    @property
    def peak(self) -> float:
        # the worst run, not the median: a memory ceiling is about the worst case
        return max(self.peaks)

    def as_json(self) -> dict:
        return {"median_s": self.median, "times_s": self.times, "peak_mb": self.peak,
                "sources_changed": self.sources_changed}


def rss_mb(maxrss: int) -> float:
    # ru_maxrss is in kilobytes on Linux, in bytes on macOS
    return maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024)


def run_once(cmd: list[str], env: dict[str, str] | None = None, ok: tuple[int, ...] = (0,)) -> tuple[float, float]:
    """Wall time and peak memory of one run of cmd, from the repo root.

    os.wait4 returns the rusage of exactly this child, so each run's max RSS is its own; getrusage(RUSAGE_CHILDREN)
    would be a running max over every child this script ever reaped. Output goes to /dev/null and a file, never
    a pipe: nothing reads a pipe while we block in wait4, so a big JSON report would stall the child.
    """
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err, env=env, cwd=REPO)
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here, so Popen must not wait for it again
        if proc.returncode not in ok:
            err.seek(0)
            raise SystemExit(f"failed (exit {proc.returncode}): {' '.join(cmd)}\n"
                             f"{err.read().decode(errors='replace')[-1500:]}")
    return elapsed, rss_mb(usage.ru_maxrss)


def source_stamp() -> frozenset[tuple[str, int, int]]:
    """Path, size and mtime of every srccheck source file. srccheck keys its cache on its own sources, so an
    edit during a warm measurement (others work in this tree) silently turns it into cache misses."""
    stamp = set()
    for path in (REPO / "srccheck").rglob("*.py"):
        try:
            info = path.stat()
        except OSError:  # deleted between listing and stat: an edit as well
            continue
        stamp.add((str(path), info.st_size, info.st_mtime_ns))
    return frozenset(stamp)


def cache_env(cache: str) -> dict[str, str]:
    return {**os.environ, "SRCCHECK_CACHE_DIR": cache}


def cold_rounds(cmds: dict[object, list[str]], repeat: int, ok: tuple[int, ...] = CHECK_OK) -> dict[object, Measured]:
    """Each command with a fresh empty cache for every run (a first run, or a CI job without a saved cache).
    Round by round, one run of each command per round: a machine that slows down or speeds up meanwhile
    shifts all of them alike, not the ones that happened to run last."""
    runs: dict[object, list[tuple[float, float]]] = {name: [] for name in cmds}
    for _ in range(repeat):
        for name, cmd in cmds.items():
            with tempfile.TemporaryDirectory(prefix="srccheck-cold-") as cache:
                runs[name].append(run_once(cmd, cache_env(cache), ok))
    return {name: Measured.of(r) for name, r in runs.items()}


def warm_rounds(cmds: dict[object, list[str]], repeats: dict[object, int],
                ok: tuple[int, ...] = CHECK_OK) -> dict[object, Measured]:
    """Each command with its own cache, filled by an untimed run and then reused (every later run on the
    same files); interleaved round by round like cold_rounds, each for its own number of runs."""
    with tempfile.TemporaryDirectory(prefix="srccheck-warm-") as top:
        envs = {name: cache_env(os.path.join(top, str(i))) for i, name in enumerate(cmds)}
        before = source_stamp()
        for name, cmd in cmds.items():
            run_once(cmd, envs[name], ok)
        runs: dict[object, list[tuple[float, float]]] = {name: [] for name in cmds}
        for round_ in range(max(repeats.values())):
            # every other round backwards: a machine speeding up or slowing down during a round
            # favours the first runs in one round and the last in the next
            order = list(cmds.items()) if round_ % 2 == 0 else list(cmds.items())[::-1]
            for name, cmd in order:
                if round_ < repeats[name]:
                    runs[name].append(run_once(cmd, envs[name], ok))
        changed = source_stamp() != before
    return {name: Measured.of(r, sources_changed=changed) for name, r in runs.items()}


def warm(cmd: list[str], repeat: int, ok: tuple[int, ...] = CHECK_OK) -> Measured:
    return warm_rounds({0: cmd}, {0: repeat}, ok)[0]


def cold(cmd: list[str], repeat: int, ok: tuple[int, ...] = CHECK_OK) -> Measured:
    return cold_rounds({0: cmd}, repeat, ok)[0]


def baseline_cmd(bib: Path, decode: bool) -> list[str]:
    code = ("import bibtexparser, sys\n"
            "from bibtexparser.middlewares import LatexDecodingMiddleware\n"
            f"lib = bibtexparser.parse_file(sys.argv[1]{', append_middleware=[LatexDecodingMiddleware()]' if decode else ''})\n")
    return [sys.executable, "-c", code, str(bib)]


def baseline(bib: Path, decode: bool, repeat: int) -> Measured:
    return Measured.of([run_once(baseline_cmd(bib, decode)) for _ in range(repeat)])


def srccheck_cmd() -> list[str]:
    # the console script next to this interpreter (not resolved: the venv's bin, not the base Python's)
    script = Path(sys.executable).parent / "srccheck"
    return [str(script)] if script.exists() else [sys.executable, "-m", "srccheck"]


def check_cmd(manuscript: Path, bib: Path) -> list[str]:
    return [*srccheck_cmd(), "check", str(manuscript), "--bib", str(bib), "--format", "json",
            "--no-config"]


def warm_repeat(repeat: int, notes: int) -> int:
    """Warm runs of a manuscript size. Warm runs are short, and a step is a difference: from 100 to 1,000 notes
    it is some 50 ms on top of runs of 0.2-0.5 s that this machine's noise moves by tens of ms, so the small
    sizes get many more rounds (the median of paired differences narrows with the square root of their number)."""
    return repeat * (10 if notes <= 1000 else 3)


def step_per_note(times: dict[int, float]) -> dict[int, float]:
    """ms per added note from each size to the next larger one, keyed by the larger size. Differences over
    hundreds or thousands of notes: start-up and bib load cancel out."""
    sizes = sorted(times)
    return {hi: 1000 * (times[hi] - times[lo]) / (hi - lo) for lo, hi in zip(sizes, sizes[1:])}


def paired_step_per_note(runs: dict[int, list[float]]) -> dict[int, float]:
    """ms per added note like step_per_note, but within each round (runs[size][i] come from round i), then the
    median over the rounds both sizes ran in. Two runs of one round are seconds apart, so a slow spell of the
    machine mostly shifts both."""
    sizes = sorted(runs)
    return {hi: statistics.median(step_per_note({lo: runs[lo][i], hi: runs[hi][i]})[hi]
                                  for i in range(min(len(runs[lo]), len(runs[hi]))))
            for lo, hi in zip(sizes, sizes[1:])}


def flatness(per_note: dict[int, float]) -> float | None:
    """max/min of the per-note costs; None when a cost is not positive (the size is lost in timing noise)."""
    values = list(per_note.values())
    if len(values) < 2 or min(values) <= 0:
        return None
    return max(values) / min(values)


def growth(per_note: dict[int, float]) -> float | None:
    """The largest ratio of a step's cost to that of any smaller size's step: how much more a note costs as
    the manuscript grows (1.0 when it never costs more). Unlike flatness it ignores notes getting cheaper,
    as they do once a book has cited most of a small bib (a work's first citation costs more than a repeat)."""
    values = [per_note[n] for n in sorted(per_note)]
    if len(values) < 2 or min(values) <= 0:
        return None
    return max(1.0, max(later / earlier for i, earlier in enumerate(values) for later in values[i + 1:]))


def marginal(times: dict[int, float]) -> float | None:
    """ms per added note between the smallest and the largest manuscript."""
    lo, hi = min(times), max(times)
    return 1000 * (times[hi] - times[lo]) / (hi - lo) if hi > lo else None


def fmt(value: float | None, spec: str = ".2f") -> str:
    return "n/a" if value is None else format(value, spec)


def bench_bib(entries: int, sizes: list[int], repeat: int, tmp: Path, count: bool = False) -> dict:
    """All numbers for one bib size; prints them as they come."""
    works = make_bib(entries, random.Random(f"{SEED}/bib/{entries}"))
    bib = tmp / f"refs{entries}.bib"
    write_bib(bib, works)
    naive = baseline(bib, True, max(1, repeat // 2))  # minutes on a big bib, and only a reference point

    def manuscript(notes: int) -> Path:
        path = tmp / f"m{entries}-{notes}.txt"
        write_manuscript(path, notes, works, random.Random(f"{SEED}/ms/{entries}/{notes}"))
        return path

    cmds: dict[object, list[str]] = {notes: check_cmd(manuscript(notes), bib) for notes in [1, *sizes]}
    # the plain-parse baseline runs in the same rounds as the cold checks it is the yardstick of
    cold_runs = cold_rounds({"plain": baseline_cmd(bib, False), **cmds}, repeat)
    warm_runs = warm_rounds(cmds, {notes: warm_repeat(repeat, notes) for notes in cmds})
    plain = cold_runs.pop("plain")
    print(f"\nbib {entries} entries: bibtexparser plain {plain.median:.2f} s, "
          f"with LatexDecodingMiddleware {naive.median:.2f} s")
    fixed = {"cold": cold_runs[1], "warm": warm_runs[1]}
    print(f"  fixed cost (1-note manuscript): cold {fixed['cold'].median:.2f} s, warm {fixed['warm'].median:.2f} s"
          f"{' !' if fixed['warm'].sources_changed else ''}")
    print(f"  {'notes':>6} {'cold s':>7} {'warm s':>7} {'cold ms/note':>12} {'warm ms/note':>12} "
          f"{'step ms/note':>12} {'peak MB c/w':>11} {'xplain':>6} {'xnaive':>6}")
    runs = {notes: {"cold": cold_runs[notes], "warm": warm_runs[notes]} for notes in sizes}
    per_note = {"cold": step_per_note({n: runs[n]["cold"].median for n in sizes}),
                "warm": paired_step_per_note({n: runs[n]["warm"].times for n in sizes})}
    for notes in sizes:
        run = runs[notes]
        c, w = run["cold"].median, run["warm"].median
        peaks = f"{run['cold'].peak:.0f}/{run['warm'].peak:.0f}"
        mark = "!" if run["warm"].sources_changed else " "
        step = fmt(per_note["warm"].get(notes), ".3f") if notes in per_note["warm"] else "-"
        print(f"  {notes:>6} {c:>7.2f} {w:>6.2f}{mark} {1000 * c / notes:>12.2f} {1000 * w / notes:>12.2f} "
              f"{step:>12} {peaks:>11} {c / plain.median:>6.2f} {c / naive.median:>6.2f}")

    slope = {kind: marginal({n: runs[n][kind].median for n in sizes}) for kind in ("cold", "warm")}
    flat = {kind: flatness(per_note[kind]) for kind in ("cold", "warm")}
    print(f"  marginal ms/note ({min(sizes)} -> {max(sizes)} notes): cold {fmt(slope['cold'], '.3f')}, "
          f"warm {fmt(slope['warm'], '.3f')}; flatness of step ms/note (max/min): warm {fmt(flat['warm'])}, "
          f"cold {fmt(flat['cold'])}")
    result = {"entries": entries, "plain": plain, "naive": naive, "fixed": fixed, "runs": runs,
              "step_ms_per_note": per_note, "marginal_ms_per_note": slope, "flatness": flat}
    if count:
        counted = instruction_counts({n: cmds[n] for n in sizes})
        steps = {hi: (counted[hi] - counted[lo]) / (hi - lo) for lo, hi in zip(sizes, sizes[1:])}
        flat_i, grow_i = flatness(steps), growth(steps)
        print("  instructions, warm (valgrind): " + ", ".join(f"{n} notes {counted[n] / 1e6:,.0f}M" for n in sizes))
        print("  instructions per added note: " + ", ".join(f"{hi} notes {v / 1000:,.0f}k" for hi, v in steps.items())
              + f"; flatness {fmt(flat_i)}, growth {fmt(grow_i)}")
        result["instructions"] = {"counts": counted, "per_added_note": steps, "flatness": flat_i, "growth": grow_i}
    return result


def instruction_counts(cmds: dict[int, list[str]]) -> dict[int, int]:
    """Instructions each command executes on a warm cache, counted by valgrind's cachegrind. Deterministic
    (hash seed fixed), so the runs go in parallel, one per CPU."""
    from concurrent.futures import ThreadPoolExecutor

    with tempfile.TemporaryDirectory(prefix="srccheck-instr-") as cache:
        env = {**cache_env(cache), "PYTHONHASHSEED": "0"}
        for cmd in cmds.values():
            run_once(cmd, env, CHECK_OK)  # fill the cache

        def count(cmd: list[str]) -> int:
            proc = subprocess.run(["valgrind", "--tool=cachegrind", "--cache-sim=no",
                                   "--cachegrind-out-file=/dev/null", *cmd],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env, cwd=REPO)
            found = re.search(r"I\s+refs:\s+([\d,]+)", proc.stderr)
            if proc.returncode not in CHECK_OK or not found:
                raise SystemExit(f"valgrind failed (exit {proc.returncode}): {' '.join(cmd)}\n{proc.stderr[-1500:]}")
            return int(found.group(1).replace(",", ""))

        with ThreadPoolExecutor(os.cpu_count() or 1) as pool:
            return dict(zip(cmds, pool.map(count, cmds.values())))


def target(name: str, measured: float | None, limit: float, unit: str, ran: bool, why_skipped: str = "") -> dict:
    if not ran:
        result = f"skipped ({why_skipped})"
    elif measured is None:
        result = "n/a (a per-note cost is not positive: lost in timing noise)"
    else:
        result = "PASS" if measured <= limit else "FAIL"
    return {"target": name, "measured": measured if ran else None, "limit": limit, "unit": unit, "result": result}


def targets(bibs: dict[int, dict], sample: Measured, version: Measured, sizes: list[int]) -> list[dict]:
    notes, entries = BIG
    big = bibs.get(entries, {}).get("runs", {}).get(notes)
    skip = f"needs --notes {notes} and --entries {entries}"
    rows = [
        target(f"{notes} notes x {entries} entries cold <= 1.5 x plain parse",
               big and big["cold"].median / bibs[entries]["plain"].median, 1.5, "x", bool(big), skip),
        target(f"{notes} notes x {entries} entries warm <= 1.0 s", big and big["warm"].median, 1.0, "s",
               bool(big), skip),
        target(f"{notes} notes x {entries} entries peak memory <= 400 MB",
               big and max(big["cold"].peak, big["warm"].peak), 400, "MB", bool(big), skip),
    ]
    covers = FLAT_RANGE[0] in sizes and FLAT_RANGE[1] in sizes
    for n, bib in bibs.items():
        rows.append(target(f"flatness {FLAT_RANGE[0]}->{FLAT_RANGE[1]} notes x {n} entries, warm <= 1.5",
                           bib["flatness"]["warm"], 1.5, "x", covers,
                           f"needs --notes {FLAT_RANGE[0]} and {FLAT_RANGE[1]}"))
    for n, bib in bibs.items():
        if "instructions" in bib:
            rows.append(target(f"growth {FLAT_RANGE[0]}->{FLAT_RANGE[1]} notes x {n} entries, instructions <= 1.5",
                               bib["instructions"]["growth"], 1.5, "x", covers,
                               f"needs --notes {FLAT_RANGE[0]} and {FLAT_RANGE[1]}"))
    rows.append(target("bundled sample warm <= 0.3 s", sample.median, 0.3, "s", True))
    rows.append(target("srccheck --version <= 0.1 s", version.median, 0.1, "s", True))
    return rows


def print_targets(rows: list[dict]) -> None:
    width = max(len(r["target"]) for r in rows)
    print(f"\n{'target':<{width}}  {'measured':>9}  {'limit':>6}  result")
    for r in rows:
        digits = 0 if r["unit"] == "MB" else 2
        measured = "-" if r["measured"] is None else f"{r['measured']:.{digits}f} {r['unit']}"
        limit = f"{r['limit']:g} {r['unit']}"
        print(f"{r['target']:<{width}}  {measured:>9}  {limit:>6}  {r['result']}")


def to_json(value):
    """Measured -> dict, int keys -> str, recursively, for json.dump."""
    if isinstance(value, Measured):
        return value.as_json()
    if isinstance(value, dict):
        return {str(k): to_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [to_json(v) for v in value]
    return value


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--notes", type=int, nargs="+", help=f"manuscript sizes [default: {DEFAULTS['notes']}]")
    parser.add_argument("--entries", type=int, nargs="+", help=f"bib sizes [default: {DEFAULTS['entries']}]")
    parser.add_argument("--repeat", type=int,
                        help=f"runs per measurement, median taken [default: {DEFAULTS['repeat']}]")
    parser.add_argument("--quick", action="store_true",
                        help="smoke test: --notes 100 1000 --entries 1000 --repeat 1 (explicit options win)")
    parser.add_argument("--json", type=Path, metavar="PATH", help="also write every number to this JSON file")
    parser.add_argument("--instructions", action="store_true",
                        help="also count the instructions of the warm runs with valgrind (deterministic flatness)")
    args = parser.parse_args()
    preset = QUICK if args.quick else DEFAULTS
    for key in ("notes", "entries", "repeat"):
        if getattr(args, key) is None:
            setattr(args, key, preset[key])
    args.notes, args.entries = sorted(set(args.notes)), sorted(set(args.entries))
    if args.instructions and shutil.which("valgrind") is None:
        parser.error("--instructions needs valgrind on the PATH")
    if args.repeat < 1 or min(args.notes) < 2 or min(args.entries) < 1:
        parser.error("--repeat and --entries must be at least 1, --notes at least 2 (1 note is the fixed-cost run)")
    return args


def main() -> None:
    args = parse_args()
    sys.stdout.reconfigure(line_buffering=True)  # a full run takes minutes: show each line when redirected too
    cli = srccheck_cmd()
    compileall.compile_dir(REPO / "srccheck", quiet=1)
    start_stamp = source_stamp()
    print(f"srccheck scale benchmark: notes {args.notes}, entries {args.entries}, repeat {args.repeat}, "
          f"{os.cpu_count()} CPUs; times are medians in seconds")
    sample_cmd = [*cli, "check", "article.txt", "--bib", "refs.bib", "--no-config"]
    sample = {"cold": cold(sample_cmd, args.repeat), "warm": warm(sample_cmd, args.repeat)}
    version = warm([*cli, "--version"], args.repeat, ok=(0,))
    print(f"bundled sample ({Path(cli[0]).name if len(cli) == 1 else 'python -m srccheck'}): "
          f"cold {sample['cold'].median:.3f} s, warm {sample['warm'].median:.3f} s"
          f"{' !' if sample['warm'].sources_changed else ''}, peak {sample['warm'].peak:.0f} MB; "
          f"--version {version.median:.3f} s")
    with tempfile.TemporaryDirectory(prefix="srccheck-scale-") as tmp:
        bibs = {entries: bench_bib(entries, args.notes, args.repeat, Path(tmp), args.instructions)
                for entries in args.entries}
    rows = targets(bibs, sample["warm"], version, args.notes)
    print_targets(rows)
    changed = source_stamp() != start_stamp
    if changed:
        print("\nWARNING: srccheck/ was edited during this run, so the numbers mix code versions, and warm ones"
              "\nmarked ! may have been cache misses (the cache is keyed on srccheck's sources)."
              "\nRe-run on a quiet tree.")
    if args.json:
        report = {"sources_changed": changed, "notes": args.notes, "entries": args.entries, "repeat": args.repeat,
                  "cpus": os.cpu_count(), "python": sys.version.split()[0], "sample": sample, "version": version,
                  "bibs": bibs, "targets": rows}
        args.json.write_text(json.dumps(to_json(report), indent=2) + "\n", encoding="utf-8")
        print(f"\nnumbers written to {args.json}")


if __name__ == "__main__":
    main()
