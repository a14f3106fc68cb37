"""Every corpus case, checked against answers written independently of the code.

The answers (expected.json) were written by hand, or produced by the generator from
what it asked a CSL processor to render; never from srccheck's output.
"""

from __future__ import annotations

import json

import pytest
from conftest import CORPUS
from score_corpus import score_case

# Sets that pass completely; a set is added here once srccheck meets its answers.
SETS = ["sample", "handmade", "rendered"]
CASES = sorted(p.parent for s in SETS for p in (CORPUS / s).rglob("expected.json"))
def _surfaces() -> tuple[str, ...]:
    from importlib.util import find_spec

    # the md surface joins once the Markdown reader exists
    return ("txt", "md") if find_spec("srccheck.manuscript.markdown") else ("txt",)


SURFACES = [(case, s) for case in CASES for s in _surfaces() if (case / f"manuscript.{s}").exists()]


@pytest.mark.parametrize("case,surface", SURFACES, ids=[f"{c.relative_to(CORPUS)}[{s}]" for c, s in SURFACES])
def test_case_matches_its_answers(case, surface):
    expected = json.loads((case / "expected.json").read_text(encoding="utf-8"))
    score = score_case(case / f"manuscript.{surface}", expected, case / "refs.bib")
    assert score.problems == []
    assert (score.fp, score.fn) == (0, 0)


def test_holdout_styles_stay_accurate():
    """The hold-out set (CSL note styles not used while writing the parser) is not perfect; keep it from sliding.

    Measured when these thresholds were set: R 0.998, pages 0.998, 155/156 faults, 10 false alarms; then
    4 false alarms (markers hidden in numbers no longer hide the spaced markers after them) and 156/156
    faults (archival document titles are spell-checked).
    """
    from score_corpus import Score

    total = Score()
    root = CORPUS / "holdout"
    for case in sorted(p.parent for p in root.rglob("expected.json")):
        expected = json.loads((case / "expected.json").read_text(encoding="utf-8"))
        for surface in ("txt", "md"):
            if (case / f"manuscript.{surface}").exists():
                total.add(score_case(case / f"manuscript.{surface}", expected, case / "refs.bib"))
    assert total.precision >= 0.999 and total.recall >= 0.99
    assert total.pages_ok / total.pages_total >= 0.99
    assert total.faults_found >= total.faults_total - 1
    assert total.false_alarms <= 6
