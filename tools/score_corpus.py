"""Score srccheck against corpora with hand-written or generated answers.

Usage: python tools/score_corpus.py [CORPUS_DIR ...] [--surface txt|md|all] [-v]

For every case folder holding expected.json (see tests/corpus/README.md) it checks
the manuscript and prints, per case and overall:
- resolution precision / recall / F1 over (note, key) pairs;
- page exactness: the share of expected citations found with exactly the expected pages;
- faults: the share of expected error/warning findings reported;
- false alarms: error/warning findings reported that the answers do not list.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
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
    problems: list[str] = field(default_factory=list)

    def add(self, other: "Score") -> None:
        for name in ("tp", "fp", "fn", "pages_ok", "pages_total", "faults_found", "faults_total", "false_alarms"):
            setattr(self, name, getattr(self, name) + getattr(other, name))

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
        return (f"{name:<58} P {self.precision:.3f}  R {self.recall:.3f}  F1 {self.f1:.3f}  "
                f"pages {pages:.3f}  faults {faults:>5}  false alarms {self.false_alarms}")


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
        by_note.setdefault(cit.note, []).append((res.key, [list(r) for r in cit.pages], cit.text))
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
    score.tp = sum((predicted & wanted).values())
    score.fp = sum((predicted - wanted).values())
    score.fn = sum((wanted - predicted).values())
    findings = [f for f in report.findings if f.severity.rank >= Severity.WARNING.rank]
    expected_findings = expected.get("findings", [])
    score.faults_total = len(expected_findings)
    for exp in expected_findings:
        if any(_matches(exp, f) for f in findings):
            score.faults_found += 1
        else:
            score.problems.append(f"missed finding {exp}")
    for f in findings:
        if not any(_matches(exp, f) for exp in expected_findings):
            score.false_alarms += 1
            score.problems.append(f"false alarm: {f.rule} note {f.note} key {f.key}: {f.message}")
    return score


def cases(roots: list[Path]) -> list[Path]:
    found = []
    for root in roots:
        found.extend(sorted(p.parent for p in root.rglob("expected.json")))
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("roots", nargs="*", type=Path, default=[Path("tests/corpus")])
    parser.add_argument("--surface", choices=["txt", "md", "all"], default="all")
    parser.add_argument("-v", "--verbose", action="store_true", help="list every miss and false alarm")
    args = parser.parse_args(argv)
    total = Score()
    for case in cases(args.roots):
        expected = json.loads((case / "expected.json").read_text(encoding="utf-8"))
        for surface in ("txt", "md"):
            if args.surface not in ("all", surface):
                continue
            manuscript = case / f"manuscript.{surface}"
            if not manuscript.exists():
                continue
            score = score_case(manuscript, expected, case / "refs.bib")
            total.add(score)
            print(score.row(f"{case.relative_to(case.parents[1])} [{surface}]"))
            if args.verbose:
                for problem in score.problems:
                    print("    " + problem)
    print(total.row("OVERALL"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
