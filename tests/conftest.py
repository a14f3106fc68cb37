from __future__ import annotations

import os
import sys
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


@pytest.fixture(autouse=True, scope="session")
def _private_cache(tmp_path_factory: pytest.TempPathFactory):
    """Tests never read or fill the user's own cache; subprocesses inherit the variable."""
    os.environ["SRCCHECK_CACHE_DIR"] = str(tmp_path_factory.mktemp("srccheck-cache"))
    os.environ.pop("SRCCHECK_NO_CACHE", None)
    yield


@pytest.fixture
def write(tmp_path: Path):
    """Write a text file under tmp_path and return its path as a string."""

    def _write(name: str, text: str, encoding: str = "utf-8") -> str:
        path = tmp_path / name
        path.write_text(text, encoding=encoding)
        return str(path)

    return _write
