"""How good is `srccheck bib draft`? A round trip and a field-by-field comparison.

Usage: python tools/draft_agreement.py [MANUSCRIPT BIB | CASE_DIR | CORPUS_DIR ...] [-v]

With no arguments: the sample article (article.txt against refs.bib), then every case
under tests/corpus/. For each manuscript:

- round trip: check the manuscript against its hand-written bib and against the draft;
  each drafted key is mapped to the hand-written key cited at the note it was drafted
  from, and every citation the hand-written bib resolves must resolve, through that
  map, to the same work in the draft;
- field agreement: for each drafted entry mapped to a hand-written one, each field the
  hand-written entry has is "same" (equal after Turkish-aware folding), "close"
  (similarity >= 90, e.g. a subtitle's punctuation), "differs", or "missing" in the draft.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from srccheck.bibliography import Bibliography, load_bibliography  # noqa: E402
from srccheck.draft import Work, draft_bibliography, draft_works  # noqa: E402
from srccheck.grammar import detect_language  # noqa: E402
from srccheck.manuscript import read_manuscript  # noqa: E402
from srccheck.model import Entry  # noqa: E402
from srccheck.normalize import fold  # noqa: E402
from srccheck.pipeline import Options, check_loaded  # noqa: E402

FIELDS = ["type", "author", "editor", "translator", "title", "booktitle", "journal", "volume", "number", "pages",
          "edition", "publisher", "school", "address", "year"]
OUTCOMES = ["same", "close", "differs", "missing"]


@dataclass
class RoundTrip:
    name: str
    citations: int = 0  # citations the hand-written bib resolves
    agree: int = 0  # ... that the draft resolves to the mapped entry
    unresolved: int = 0  # ... that the draft leaves unresolved
    wrong: int = 0  # ... that the draft resolves to another work
    works: int = 0  # drafted entries
    mapped: int = 0  # drafted entries mapped to a hand-written key
    split: int = 0  # hand-written keys that more than one drafted entry maps to
    not_drafted: int = 0  # cited hand-written keys with no drafted entry
    fields: dict[str, Counter] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    @property
    def rate(self) -> float:
        return self.agree / self.citations if self.citations else 1.0


def _where(c) -> tuple[int, object]:  # type: ignore[no-untyped-def]
    """A citation's place: its note and where it ends there. Not its text: the resolver leaves a signal phrase
    out of a citation's text when the bibliography shows where the citation starts, and bibs differ."""
    return c.note, c.span[1] if c.span else c.text


def _quiet(language: str) -> Options:
    return Options(language=language, rules=frozenset())  # resolution only, no rules


def round_trip(manuscript_path: str, bib_path: str, name: str = "", language: str | None = None) -> RoundTrip:
    manuscript = read_manuscript(manuscript_path)
    language = language or detect_language([n.text for n in manuscript.notes])
    works = draft_works(manuscript, language)
    draft = draft_bibliography(works)
    reference = load_bibliography(bib_path)
    ref_report = check_loaded(manuscript, reference, _quiet(language))
    draft_report = check_loaded(manuscript, draft, _quiet(language))
    result = RoundTrip(name or manuscript_path, works=len(works))

    truth = {_where(c): r.key for c, r in ref_report.citations}
    mapping: dict[str, str | None] = {}
    for work in works:
        mapping[work.key] = truth.get(_where(work.citation))
    result.mapped = sum(1 for v in mapping.values() if v)
    counts = Counter(v for v in mapping.values() if v)
    result.split = sum(1 for n in counts.values() if n > 1)
    result.not_drafted = len({k for k in truth.values() if k} - set(counts))

    drafted = {_where(c): r.key for c, r in draft_report.citations}
    texts = {_where(c): c.text for c, _ in ref_report.citations}
    for (note, end), ref_key in truth.items():
        text = texts[(note, end)]
        if not ref_key:
            continue
        result.citations += 1
        got = drafted.get((note, end))
        if got is None:
            result.unresolved += 1
            result.problems.append(f"note {note}: {ref_key} unresolved in the draft: {text[:70]}")
        elif mapping.get(got) == ref_key:
            result.agree += 1
        else:
            result.wrong += 1
            result.problems.append(f"note {note}: {ref_key} resolved to draft {got} ({mapping.get(got)}): {text[:60]}")

    result.fields = {f: Counter() for f in FIELDS}
    for work in works:
        ref_key = mapping.get(work.key)
        if ref_key and ref_key in reference.entries and work.key in draft.entries:
            compare_entries(draft.entries[work.key], reference.entries[ref_key], result.fields)
    return result


def _people(value: str | None) -> str:
    from srccheck.names import parse_bib_names

    return " | ".join(fold(n.family) for n in parse_bib_names(value or ""))


def _number(value: str) -> str:
    from srccheck.numerals import roman_to_int

    n = roman_to_int(value.strip())
    return str(n) if n is not None else fold(value)


def _normal(name: str, entry: Entry) -> str:
    if name == "type":
        return entry.type
    value = entry.get(name) or ""
    if name in ("author", "editor", "translator"):
        return _people(value)
    if name in ("volume", "number", "edition"):
        return _number(value) if value else ""
    if name == "pages":
        return re.sub(r"\s*[-–—]+\s*", "-", value)
    if name == "year":
        found = re.search(r"\d{4}", value)
        return found.group() if found else ""
    return fold(value)


def compare_entries(draft: Entry, reference: Entry, table: dict[str, Counter]) -> None:
    from rapidfuzz import fuzz

    for name in FIELDS:
        want = _normal(name, reference)
        if not want:
            continue
        got = _normal(name, draft)
        if not got:
            table[name]["missing"] += 1
        elif got == want:
            table[name]["same"] += 1
        elif fuzz.ratio(got, want) >= 90 or (name == "author" and got.split(" | ")[0] == want.split(" | ")[0]):
            table[name]["close"] += 1
        else:
            table[name]["differs"] += 1


def field_table(fields: dict[str, Counter]) -> str:
    rows = [f"{'field':<11}" + "".join(f"{o:>9}" for o in OUTCOMES) + f"{'agree':>9}"]
    for name in FIELDS:
        c = fields.get(name, Counter())
        total = sum(c[o] for o in OUTCOMES)
        if not total:
            continue
        agree = (c["same"] + c["close"]) / total
        rows.append(f"{name:<11}" + "".join(f"{c[o]:>9}" for o in OUTCOMES) + f"{agree:>9.0%}")
    return "\n".join(rows)


def summary(r: RoundTrip) -> str:
    same = sum(c["same"] + c["close"] for c in r.fields.values())
    total = sum(sum(c[o] for o in OUTCOMES) for c in r.fields.values())
    agree = same / total if total else 1.0
    return (f"{r.name:<62} round trip {r.agree:>3}/{r.citations:<3} ({r.rate:6.1%})  works {r.works:>3} "
            f"mapped {r.mapped:>3} split {r.split} not drafted {r.not_drafted}  fields {agree:6.1%}")


def _cases(args: list[str]) -> list[tuple[str, str, str, str | None]]:
    """(name, manuscript, bib, language) for each case named on the command line (or the defaults)."""
    if not args:
        args = [str(ROOT / "article.txt"), str(ROOT / "refs.bib"), str(ROOT / "tests" / "corpus")]
    cases = []
    i = 0
    while i < len(args):
        path = Path(args[i])
        if path.is_file() and i + 1 < len(args) and args[i + 1].endswith(".bib"):
            cases.append((path.name, str(path), args[i + 1], None))
            i += 2
            continue
        for expected in sorted(path.rglob("expected.json")) if path.is_dir() else []:
            case = expected.parent
            manuscript = case / "manuscript.txt"
            if not manuscript.exists() or not (case / "refs.bib").exists():
                continue
            language = json.loads(expected.read_text(encoding="utf-8")).get("language")
            name = str(case.relative_to(path.parent if path.name != "corpus" else path))
            cases.append((name, str(manuscript), str(case / "refs.bib"), language))
        i += 1
    return cases


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*")
    parser.add_argument("-v", "--verbose", action="store_true", help="list each round-trip miss and every table")
    args = parser.parse_args(argv)
    total = {f: Counter() for f in FIELDS}
    all_results = []
    for name, manuscript, bib, language in _cases(args.paths):
        result = round_trip(manuscript, bib, name, language)
        all_results.append(result)
        for f, c in result.fields.items():
            total[f].update(c)
        print(summary(result))
        if args.verbose:
            for problem in result.problems:
                print("    " + problem)
            print("    " + field_table(result.fields).replace("\n", "\n    "))
    if all_results:
        cit = sum(r.citations for r in all_results)
        agree = sum(r.agree for r in all_results)
        print(f"\nall cases: round trip {agree}/{cit} ({agree / cit if cit else 1:.1%}); field agreement:")
        print(field_table(total))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
