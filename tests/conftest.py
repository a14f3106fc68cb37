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
os.environ["SRCCHECK_CACHE_KEY"] = os.urandom(16).hex()  # nor make a key file in the user's configuration folder
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


_NOT_THE_REPOSITORY = {".venv", ".git", ".hypothesis", ".pytest_cache", "__pycache__"}


def _repository_files() -> dict[str, tuple[bytes, int]]:
    import hashlib

    found = {}
    for folder, dirnames, filenames in os.walk(ROOT):
        dirnames[:] = [d for d in dirnames if d not in _NOT_THE_REPOSITORY and not d.endswith(".egg-info")]
        for name in filenames:
            path = os.path.join(folder, name)
            if os.path.isfile(path) and not os.path.islink(path):
                with open(path, "rb") as handle:
                    found[path] = (hashlib.blake2b(handle.read()).digest(), os.stat(path).st_mode)
    return found


@pytest.fixture(scope="session", autouse=True)
def the_suite_alters_no_file_of_the_repository():
    """No test (nor the srccheck runs it makes) alters or removes a file of the repository."""
    before = _repository_files()
    yield
    after = _repository_files()
    damaged = sorted(p for p in before if after.get(p) != before[p])
    assert not damaged, f"the test suite altered or removed {damaged[:10]}"
