"""Which entries a citation is scored against (srccheck/resolve/candidates.py)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from srccheck.bibliography import parse_bibliography
from srccheck.model import Citation, Kind
from srccheck.resolve.candidates import Candidates
from srccheck.resolve.weights import WEIGHTS as W

ROOT = Path(__file__).resolve().parent.parent


def _tied_bib(n: int) -> str:
    return "\n".join(f"@book{{k{i:03d}, author = {{Author{i}, A.}}, title = {{Ottoman Trade Studies}}, year = {{1990}}}}"
                     for i in range(n))


def test_entries_that_tie_on_title_words_are_chosen_by_key_not_by_hash_order():
    # more entries share every cited word than are kept: the ones kept were those a set happened to list first,
    # so the same manuscript gave other candidates (and other "candidates" in the JSON) from run to run
    keys = sorted(parse_bibliography(_tied_bib(W.title_candidates + 30)).entries)
    assert _chosen() == keys[:W.title_candidates]


def test_the_same_candidates_whatever_the_hash_seed():
    code = "import sys; sys.path.insert(0, sys.argv[1]); from tests.test_candidates import _chosen; print(_chosen())"
    seen = set()
    for seed in ("1", "2", "3"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        seen.add(subprocess.run([sys.executable, "-c", code, str(ROOT)], env=env, capture_output=True, text=True,
                                check=True).stdout)
    assert len(seen) == 1


def _chosen() -> list[str]:
    """The title candidates of a citation that every entry of a tied bibliography matches equally."""
    bib = parse_bibliography(_tied_bib(W.title_candidates + 30))
    c = Citation(text="Ottoman Trade Studies, 12.", note=1, index=0, line=1, kind=Kind.FULL,
                 title="Ottoman Trade Studies")
    return list(Candidates(bib).by_title(c))
