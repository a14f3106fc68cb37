"""The pipeline is pure: what earlier runs left is handed to it by reuse.py, the one module that decides it."""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "srccheck"
# the modules allowed to import the cache: reuse.py decides what is reused; `srccheck cache` shows and clears it
CACHE_USERS = {"reuse.py", "commands/cache.py"}


def _imports_cache(path: Path) -> bool:
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module in ("cache", "srccheck.cache"):
            return True
        if isinstance(node, ast.ImportFrom) and any(a.name == "cache" for a in node.names):
            return True
    return False


def test_only_reuse_and_the_commands_touch_the_cache():
    users = {p.relative_to(SRC).as_posix() for p in SRC.rglob("*.py") if _imports_cache(p)}
    users -= {"cache.py", "cache_folder.py", "cache_keys.py"}
    assert users <= CACHE_USERS, users - CACHE_USERS
    assert "reuse.py" in users
    for pure in ("pipeline.py", "bibliography.py", "manuscript/__init__.py", "resolve/resolver.py"):
        assert pure not in users
