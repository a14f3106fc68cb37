from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "corpus"
sys.path.insert(0, str(ROOT / "tools"))


@pytest.fixture
def write(tmp_path: Path):
    """Write a text file under tmp_path and return its path as a string."""

    def _write(name: str, text: str, encoding: str = "utf-8") -> str:
        path = tmp_path / name
        path.write_text(text, encoding=encoding)
        return str(path)

    return _write
