"""Score srccheck against corpora with hand-written or generated answers.

Usage: python tools/score_corpus.py [CORPUS_DIR ...] [--surface txt|md|tex|all] [-v] [-q]
                                    [--by csl|pool|processor|surface] [--kinds N]

For every case folder holding expected.json (see tests/corpus/README.md) it checks
the manuscript and prints, per case and overall:
- resolution precision / recall / F1 over (note, key) pairs;
- page exactness: the share of expected citations found with exactly the expected pages;
- faults: the share of expected error/warning findings reported (and of the injected ones,
  marked "injected" in expected.json, when there are any);
- false alarms: error/warning findings reported that the answers do not list, also per
  1,000 expected citations.
--by adds a table per value of that expected.json field (cases without it count as "-");
--kinds N lists the N commonest kinds of miss and false alarm, with examples.
A folder holding a file named HOLDOUT is skipped unless it (or a folder inside it) is
given as CORPUS_DIR: hold-out sets are measured on purpose, once.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from srccheck.bibliography import load_bibliography  # noqa: E402
from srccheck.manuscript import read_manuscript  # noqa: E402
from srccheck.model import Severity  # noqa: E402
from srccheck.pipeline import check_loaded  # noqa: E402


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    pages_ok: int = 0
    pages_total: int = 0
    faults_found: int = 0
    faults_total: int = 0
    false_alarms: int = 0
    injected_found: int = 0
    injected_total: int = 0
    problems: list[str] = field(default_factory=list)
    kinds: list[tuple[str, str]] = field(default_factory=list)  # (kind of problem, example)

    def add(self, other: "Score") -> None:
        for name in ("tp", "fp", "fn", "pages_ok", "pages_total", "faults_found", "faults_total", "false_alarms",
                     "injected_found", "injected_total"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.kinds.extend(other.kinds)

    @property
    def alarms_per_1000(self) -> float:
        return 1000 * self.false_alarms / self.pages_total if self.pages_total else 0.0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def row(self, name: str) -> str:
        pages = self.pages_ok / self.pages_total if self.pages_total else 1.0
        faults = f"{self.faults_found}/{self.faults_total}" if self.faults_total else "-"
        injected = f"  injected {self.injected_found}/{self.injected_total}" if self.injected_total else ""
        return (f"{name:<58} P {self.precision:.3f}  R {self.recall:.3f}  F1 {self.f1:.3f}  "
                f"pages {pages:.3f}  faults {faults:>5}  false alarms {self.false_alarms}"
                f" ({self.alarms_per_1000:.1f}/1k cit.){injected}")


def _matches(expected: dict, finding) -> bool:  # type: ignore[no-untyped-def]
    if expected["rule"] != finding.rule:
        return False
    if "note" in expected and expected["note"] != finding.note:
        return False
    if "key" in expected and expected["key"] is not None and expected["key"] != finding.key:
        return False
    return True


def score_case(manuscript: Path, expected: dict, bib: Path) -> Score:
    report = check_loaded(read_manuscript(str(manuscript)), load_bibliography(str(bib)))
    score = Score()
    predicted: Counter = Counter()
    by_note: dict[int, list] = {}
    for cit, res in report.citations:
        by_note.setdefault(cit.note, []).append((res.key, [list(r) for r in cit.written_ranges], cit.text))
        if res.key:
            predicted[(cit.note, res.key)] += 1
    wanted: Counter = Counter()
    for note, cits in expected["notes"].items():
        n = int(note)
        available = list(by_note.get(n, []))
        for cit in cits:
            if cit["key"]:
                wanted[(n, cit["key"])] += 1
            score.pages_total += 1
            hit = next((p for p in available if p[0] == cit["key"] and p[1] == cit["pages"]), None)
            if hit:
                score.pages_ok += 1
                available.remove(hit)
            else:
                got = [(p[0], p[1]) for p in by_note.get(n, [])]
                score.problems.append(f"note {n}: expected {cit['key']} {cit['pages']}, got {got}")
                score.kinds.append((_miss_kind(cit, by_note.get(n, [])),
                                    f"{manuscript.parent.name} note {n}: expected {cit['key']} {cit['pages']}, "
                                    f"got {got}; read {[p[2] for p in by_note.get(n, [])]}"))
    score.tp = sum((predicted & wanted).values())
    score.fp = sum((predicted - wanted).values())
    score.fn = sum((wanted - predicted).values())
    findings = [f for f in report.findings if f.severity.rank >= Severity.WARNING.rank]
    expected_findings = expected.get("findings", [])
    score.faults_total = len(expected_findings)
    for exp in expected_findings:
        found = any(_matches(exp, f) for f in findings)
        score.faults_found += found
        if exp.get("injected"):
            score.injected_total += 1
            score.injected_found += found
        if not found:
            score.problems.append(f"missed finding {exp}")
            score.kinds.append((f"missed finding: {exp['rule']}", f"{manuscript.parent.name}: {exp}"))
    for f in findings:
        if not any(_matches(exp, f) for exp in expected_findings):
            score.false_alarms += 1
            score.problems.append(f"false alarm: {f.rule} note {f.note} key {f.key}: {f.message}")
            score.kinds.append((f"false alarm: {f.rule}",
                                f"{manuscript.parent.name} note {f.note} key {f.key}: {f.message}"))
    return score


def _miss_kind(cit: dict, got: list) -> str:
    """What went wrong with one expected citation."""
    keys = [p[0] for p in got]
    if cit["key"] in keys:
        return "pages wrong"
    if cit["key"] is None:
        return "missing work resolved to an entry"
    if not got:
        return "no citation read in the note"
    if None in keys:
        return "not resolved (unresolved citation)"
    return "resolved to another entry or not read"


HOLDOUT_MARKER = "HOLDOUT"


def _held_out(case: Path, root: Path) -> bool:
    """A case inside a folder marked HOLDOUT, below the root asked for: a hold-out set is scored
    only when it is named (or a folder inside it is), never as part of a wider run."""
    folder = case
    while folder != root and root in folder.parents:
        if (folder / HOLDOUT_MARKER).exists():
            return True
        folder = folder.parent
    return False


def cases(roots: list[Path]) -> list[Path]:
    found = []
    for root in roots:
        found.extend(sorted(p.parent for p in root.rglob("expected.json") if not _held_out(p.parent, root)))
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("roots", nargs="*", type=Path, default=[Path("tests/corpus")])
    parser.add_argument("--surface", choices=["txt", "md", "tex", "all"], default="all")
    parser.add_argument("-v", "--verbose", action="store_true", help="list every miss and false alarm")
    parser.add_argument("-q", "--quiet", action="store_true", help="no per-case rows")
    parser.add_argument("--by", action="append", default=[], choices=["csl", "pool", "processor", "surface"],
                        help="a table per value of this expected.json field (repeatable)")
    parser.add_argument("--kinds", type=int, default=0, metavar="N",
                        help="the N commonest kinds of problem, with examples")
    args = parser.parse_args(argv)
    total = Score()
    groups: dict[str, dict[str, Score]] = {field: defaultdict(Score) for field in args.by}
    for case in cases(args.roots):
        expected = json.loads((case / "expected.json").read_text(encoding="utf-8"))
        for surface in ("txt", "md", "tex"):
            if args.surface not in ("all", surface):
                continue
            manuscript = case / f"manuscript.{surface}"
            if not manuscript.exists():
                continue
            score = score_case(manuscript, expected, case / "refs.bib")
            total.add(score)
            for field_name, table in groups.items():
                value = surface if field_name == "surface" else str(expected.get(field_name, "-"))
                table[value].add(score)
            if not args.quiet:
                print(score.row(f"{case.relative_to(case.parents[1])} [{surface}]"))
            if args.verbose:
                for problem in score.problems:
                    print("    " + problem)
    for field_name, table in groups.items():
        print(f"\nby {field_name}:")
        for value in sorted(table):
            print(table[value].row(f"  {value} ({table[value].pages_total} cit.)"))
    if args.kinds:
        print("\ncommonest problems:")
        counted = Counter(kind for kind, _ in total.kinds)
        for kind, count in counted.most_common(args.kinds):
            print(f"  {count:5d}  {kind}")
            for example in [e for k, e in total.kinds if k == kind][:3]:
                print(f"           {example[:300]}")
    print(total.row(f"OVERALL ({total.pages_total} cit.)"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
