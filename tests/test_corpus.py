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
