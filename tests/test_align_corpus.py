"""The align corpora (tools/align_corpus) are well formed, and the hold-out is never scored by accident.

These tests read only the committed files, never srccheck's output: they guard the answers
against a broken regeneration or a hand edit (a key that is not in refs.bib, a note number
that is not in the manuscript), not srccheck's accuracy, which tools/score_corpus.py measures.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import CORPUS

SETS = [CORPUS / "align", CORPUS / "align-holdout"]
CASES = sorted(p.parent for root in SETS for p in root.rglob("expected.json"))


def _bib_keys(text: str) -> set[str]:
    return set(re.findall(r"(?m)^\s*@\s*(?!string|preamble|comment)\w+\s*\{\s*([^,\s]+)\s*,", text, re.I))


def _note_numbers(case: Path) -> list[int]:
    md = case / "manuscript.md"
    if md.exists():
        return [int(n) for n in re.findall(r"(?m)^\[\^(\d+)\]: ", md.read_text(encoding="utf-8"))]
    tex = (case / "manuscript.tex").read_text(encoding="utf-8")
    return list(range(1, len(re.findall(r"\\foot(?:note|cite)\b", tex)) + 1))


def test_both_sets_exist_and_are_large_enough():
    dev = [c for c in CASES if CORPUS / "align-holdout" not in c.parents]
    held = [c for c in CASES if CORPUS / "align-holdout" in c.parents]
    assert len(dev) >= 60 and len(held) >= 25


@pytest.mark.parametrize("case", CASES, ids=[str(c.relative_to(CORPUS)) for c in CASES])
def test_answers_agree_with_the_files(case: Path):
    expected = json.loads((case / "expected.json").read_text(encoding="utf-8"))
    keys = _bib_keys((case / "refs.bib").read_text(encoding="utf-8"))
    assert [int(n) for n in expected["notes"]] == _note_numbers(case)
    cited = set()
    for note, cites in expected["notes"].items():
        for cite in cites:
            assert set(cite) == {"key", "pages"}
            assert all(len(r) == 2 and isinstance(r[0], int) for r in cite["pages"])
            if cite["key"] is None:
                assert {"rule": "unresolved-citation", "note": int(note), "injected": True} in expected["findings"]
            else:
                assert cite["key"] in keys, f"note {note}: {cite['key']} is not in refs.bib"
                cited.add(cite["key"])
    unused = {f["key"] for f in expected["findings"] if f["rule"] == "unused-entry"}
    assert unused <= keys and not unused & cited
    injected = [f for f in expected["findings"] if f.get("injected")]
    assert len(injected) == (1 if case.parent.name == "faults" else 0)
    assert expected["pool"] and expected["processor"] and expected["surface"] in ("md", "tex")


def test_the_holdout_is_marked():
    assert (CORPUS / "align-holdout" / "HOLDOUT").exists()
