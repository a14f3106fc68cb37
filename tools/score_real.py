"""Score srccheck on the real-pipeline fixtures (tests/realpipe, see its README).

Usage: python tools/score_real.py [ROOT ...] [--only DOC] [--reader text|pdf|all] [-v]

Every <extractor>.txt of a document is read as PDF text, and its paper.pdf (if present) by
the PDF reader. A note is identified by (chapter, printed number) when the document restarts
its numbering per chapter, else by its number. Per fixture it prints:
- notes: the share of expected notes the reader found (by identity);
- resolution precision / recall / F1 over (note, key) pairs;
- pages: the share of expected citations found with exactly the expected pages;
- FA/1k: error/warning findings the answers do not list, per 1,000 expected citations;
then tables per extractor, typesetter, style, class and layout, and overall.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from score_corpus import Score, _matches  # noqa: E402

from srccheck.bibliography import load_bibliography  # noqa: E402
from srccheck.manuscript import parse_bytes  # noqa: E402
from srccheck.model import Severity  # noqa: E402
from srccheck.pipeline import check_loaded  # noqa: E402
from srccheck.reuse import lent_words  # noqa: E402


@dataclass
class Result(Score):
    notes_found: int = 0
    notes_total: int = 0
    citations: int = 0
    problems: list[str] = field(default_factory=list)
    texts: dict[tuple[int, int], str] = field(default_factory=dict)  # each note's text as read
    misses: list[tuple[tuple[int, int], dict, list]] = field(default_factory=list)  # (note, expected, got)

    def add(self, other: Score) -> None:  # type: ignore[override]
        super().add(other)
        if isinstance(other, Result):
            self.notes_found += other.notes_found
            self.notes_total += other.notes_total
            self.citations += other.citations

    @property
    def fa_per_1k(self) -> float:
        return 1000 * self.false_alarms / self.citations if self.citations else 0.0

    def line(self, name: str, width: int = 58) -> str:
        notes = self.notes_found / self.notes_total if self.notes_total else 1.0
        pages = self.pages_ok / self.pages_total if self.pages_total else 1.0
        return (f"{name:<{width}} notes {100 * notes:5.1f}%  P {self.precision:.3f}  R {self.recall:.3f}  "
                f"F1 {self.f1:.3f}  pages {pages:.3f}  FA/1k {self.fa_per_1k:5.1f}")


def identity_of_expected(expected: dict) -> dict[int, tuple[int, int]]:
    """Running index -> (chapter, printed number); chapter 0 when the numbering never restarts."""
    count = len(expected["notes"])
    starts = expected.get("chapter_starts")
    if not starts:
        return {i: (0, i) for i in range(1, count + 1)}
    out = {}
    for i in range(1, count + 1):
        chapter = max(c for c, s in enumerate(starts, 1) if s <= i)
        out[i] = (chapter, i - starts[chapter - 1] + 1)
    return out


def identity_of_note(note) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    chapter = getattr(note, "chapter", 0) or 0
    printed = getattr(note, "printed", None)
    return (chapter, printed if printed is not None else note.number)


def score_fixture(path: Path, expected: dict, bib_path: Path, fmt: str) -> Result:
    data = path.read_bytes()
    lent = lent_words(data, str(path), fmt, (str(bib_path),))  # as the command does: the bib's words for glued lines
    manuscript = parse_bytes(data, str(path), fmt, borrowed=lent[1]() if lent else ())
    report = check_loaded(manuscript, load_bibliography(str(bib_path)))
    ids = identity_of_expected(expected)
    if expected.get("chapter_starts") is None and any(getattr(n, "chapter", 0) for n in manuscript.notes):
        ids = {i: (1, i) for i in ids}  # continuous numbering read as one chapter
    note_id = {n.number: identity_of_note(n) for n in manuscript.notes}
    found_ids = {identity_of_note(n) for n in manuscript.notes if n.text.strip()}
    texts = {identity_of_note(n): " ".join(n.text.split()) for n in manuscript.notes}
    score = Result()
    score.texts = texts
    score.notes_total = len(ids)
    score.notes_found = sum(1 for i in ids.values() if i in found_ids)
    predicted: Counter = Counter()
    by_note: dict[tuple[int, int], list] = defaultdict(list)
    for cit, res in report.citations:
        ident = note_id.get(cit.note, (-1, cit.note))
        by_note[ident].append((res.key, [list(r) for r in cit.written_ranges]))
        if res.key:
            predicted[(ident, res.key)] += 1
    wanted: Counter = Counter()
    for index, cits in expected["notes"].items():
        ident = ids[int(index)]
        available = list(by_note.get(ident, []))
        for cit in cits:
            score.citations += 1
            if cit["key"]:
                wanted[(ident, cit["key"])] += 1
            score.pages_total += 1
            hit = next((p for p in available if p[0] == cit["key"] and p[1] == cit["pages"]), None)
            if hit:
                score.pages_ok += 1
                available.remove(hit)
            else:
                score.misses.append((ident, cit, by_note.get(ident, [])))
                score.problems.append(f"note {index} {ident}: expected {cit['key']} {cit['pages']}, "
                                      f"got {by_note.get(ident, [])}")
    score.tp = sum((predicted & wanted).values())
    score.fp = sum((predicted - wanted).values())
    score.fn = sum((wanted - predicted).values())
    findings = [f for f in report.findings if f.severity.rank >= Severity.WARNING.rank]
    listed = expected.get("findings", [])
    score.faults_total = len(listed)
    score.faults_found = sum(1 for exp in listed if any(_matches(exp, f) for f in findings))
    for f in findings:
        if not any(_matches(exp, f) for exp in listed):
            score.false_alarms += 1
            score.problems.append(f"false alarm: {f.rule} note {f.note}: {f.message}")
    return score


def classify(scored: list[tuple[str, str, Result]]) -> None:
    """Sort the misses into reading problems (the note was not found, or its text is not what most readings of
    the same document give) and resolution problems (the note was read as most readings read it, the citation
    still resolved or parsed wrongly); print the counts and examples of the second kind."""
    by_doc: dict[str, list[tuple[str, Result]]] = defaultdict(list)
    for doc, source, score in scored:
        by_doc[doc].append((source, score))
    kinds: Counter = Counter()
    examples: dict[tuple, tuple] = {}
    for doc, runs in by_doc.items():
        for source, score in runs:
            for ident, cit, got in score.misses:
                readings = Counter(r.texts[ident] for _, r in runs if ident in r.texts)
                text = score.texts.get(ident)
                if not text:
                    kind = "reading: note not found"
                elif readings and text != readings.most_common(1)[0][0]:
                    kind = "reading: note text differs from most readings"
                elif cit["key"] in [k for k, _ in got]:
                    kind = "resolution: pages or locator"
                else:
                    kind = "resolution: key"
                kinds[kind] += 1
                if kind.startswith("resolution"):
                    examples.setdefault((doc, ident, cit["key"]), (kind, source, text, cit, got))
    print("\nmisses by kind (an expected citation not found with its key and pages)")
    for kind, count in kinds.most_common():
        print(f"  {count:5}  {kind}")
    print("\nresolution problems (one line per document, note and key; the first reading that shows it)")
    for (doc, ident, key), (kind, source, text, cit, got) in sorted(examples.items()):
        print(f"  {doc} {ident} [{source}] {kind}: expected {key} {cit['pages']}, got {got}\n      {text[:300]}")


def fixtures(roots: list[Path], only: list[str] | None, reader: str) -> list[tuple[Path, Path, str, dict]]:
    out = []
    for root in roots:
        for exp_path in sorted(root.rglob("expected.json")):
            folder = exp_path.parent
            if only and folder.name not in only:
                continue
            expected = json.loads(exp_path.read_text(encoding="utf-8"))
            if reader in ("all", "text"):
                out += [(folder, txt, "text", expected) for txt in sorted(folder.glob("*.txt"))]
            if reader in ("all", "pdf") and (folder / "paper.pdf").exists():
                out.append((folder, folder / "paper.pdf", "pdf", expected))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("roots", nargs="*", type=Path, default=[Path("tests/realpipe/dev")])
    parser.add_argument("--only", action="append", help="document name (repeatable)")
    parser.add_argument("--reader", choices=["text", "pdf", "all"], default="all")
    parser.add_argument("-v", "--verbose", action="store_true", help="list every miss and false alarm")
    parser.add_argument("--json", type=Path, help="also write the per-fixture figures here")
    parser.add_argument("--classify", action="store_true", help="sort the misses into reading and resolution "
                        "problems, with examples of the latter")
    args = parser.parse_args(argv)
    total = Result()
    groups: dict[str, dict[str, Result]] = defaultdict(lambda: defaultdict(Result))
    rows = []
    scored: list[tuple[str, str, Result]] = []
    for folder, path, fmt, expected in fixtures(args.roots, args.only, args.reader):
        source = "pdf-reader" if fmt == "pdf" else path.stem
        score = score_fixture(path, expected, folder / "refs.bib", fmt)
        scored.append((folder.name, source, score))
        total.add(score)
        for group, value in (("extractor", source), ("typesetter", expected.get("typesetter", "?")),
                             ("style", expected.get("style", "?")), ("class", expected.get("class", "?")),
                             ("layout", f"{expected.get('layout')}/{expected.get('numbering')}")):
            groups[group][value].add(score)
        print(score.line(f"{folder.name} [{source}]"))
        rows.append({"document": folder.name, "source": source, "notes": score.notes_found / max(1, score.notes_total),
                     "f1": round(score.f1, 4), "fa_per_1k": round(score.fa_per_1k, 2)})
        if args.verbose:
            for problem in score.problems:
                print("    " + problem)
    for group, table in groups.items():
        print(f"\nby {group}")
        for value, score in sorted(table.items()):
            print(score.line("  " + value))
    print()
    print(total.line("OVERALL"))
    if args.classify:
        classify(scored)
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
