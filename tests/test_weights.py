"""Every number resolution and the rules decide by is a documented field of resolve.weights.Weights."""

from __future__ import annotations

import ast
import dataclasses
from pathlib import Path

import pytest

from srccheck.resolve.weights import WEIGHTS, Weights

SRC = Path(__file__).resolve().parents[1] / "srccheck"


def test_every_weight_says_why():
    tree = ast.parse((SRC / "resolve" / "weights.py").read_text(encoding="utf-8"))
    body = next(n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == "Weights").body
    undocumented = []
    for i, node in enumerate(body):
        if isinstance(node, ast.AnnAssign):
            after = body[i + 1] if i + 1 < len(body) else None
            documented = isinstance(after, ast.Expr) and isinstance(after.value, ast.Constant)
            if not documented:
                undocumented.append(node.target.id)
    assert undocumented == []


def test_the_weights_are_frozen():
    with pytest.raises(dataclasses.FrozenInstanceError):
        WEIGHTS.accept = 0  # type: ignore[misc]
    assert dataclasses.is_dataclass(Weights)


def _similarity_call(node: ast.AST) -> bool:
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and \
        isinstance(node.func.value, ast.Name) and node.func.value.id == "fuzz"


def test_no_similarity_threshold_is_a_number_in_the_code():
    # "fuzz.ratio(a, b) >= 75" in a rule: the threshold belongs in Weights, with its reason
    inline = []
    for path in sorted(SRC.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Compare) and (_similarity_call(node.left) or any(map(_similarity_call, node.comparators))):
                if any(isinstance(x, ast.Constant) and isinstance(x.value, (int, float)) for x in (node.left, *node.comparators)):
                    inline.append((path.relative_to(SRC).as_posix(), node.lineno))
    assert inline == []
