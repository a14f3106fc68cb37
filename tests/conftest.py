from __future__ import annotations

import atexit
import os
import shutil
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import settings

# Property tests: hypothesis's defaults in CI; HYPOTHESIS_PROFILE=fuzz for the long run outside CI.
settings.register_profile("ci", deadline=None)  # no timing flakes on a busy CI machine
settings.register_profile("fuzz", max_examples=100_000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "corpus"
sys.path.insert(0, str(ROOT / "tools"))


# Tests never read or fill the user's own cache (set at import, before any test module loads
# anything); subprocesses inherit the variable.
_CACHE = tempfile.mkdtemp(prefix="srccheck-test-cache-")
os.environ["SRCCHECK_CACHE_DIR"] = _CACHE
os.environ.pop("SRCCHECK_NO_CACHE", None)
atexit.register(shutil.rmtree, _CACHE, ignore_errors=True)


@pytest.fixture
def write(tmp_path: Path):
    """Write a text file under tmp_path and return its path as a string."""

    def _write(name: str, text: str, encoding: str = "utf-8") -> str:
        path = tmp_path / name
        path.write_text(text, encoding=encoding)
        return str(path)

    return _write


def only_report(document: dict) -> dict:
    """The report of a run's one manuscript, from the JSON document ({"version", "reports": [...], ...})."""
    assert len(document["reports"]) == 1, [r["path"] for r in document["reports"]]
    return document["reports"][0]


def every_finding(document: dict) -> list[dict]:
    """Every finding of a JSON document: each manuscript's, then each book's own (about its bibliography)."""
    return [f for r in document["reports"] for f in r["findings"]] + [f for w in document["works"] for f in w["findings"]]
