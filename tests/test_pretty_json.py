"""The fast JSON writer writes exactly what json.dumps(indent=2, ensure_ascii=False) writes."""

from __future__ import annotations

import json
from enum import Enum

import pytest
from hypothesis import given
from hypothesis import strategies as st

from srccheck.output.pretty_json import dumps

SCALARS = st.none() | st.booleans() | st.integers() | st.floats() | st.text()
VALUES = st.recursive(SCALARS, lambda inner: st.lists(inner) | st.dictionaries(st.text(), inner)
                      | st.lists(inner).map(tuple), max_leaves=40)


def reference(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2)


@given(VALUES)
def test_same_text_as_the_standard_library(value):
    assert dumps(value) == reference(value)


class Colour(str, Enum):
    RED = "red"


def test_values_it_does_not_write_itself_are_written_by_the_standard_library():
    unusual = {"keys": {1: "a", True: "b", None: "c", 2.5: "d"}, "enum": Colour.RED, "nested": [[[]], {}]}
    assert dumps(unusual) == reference(unusual)
    deep: list = []
    for _ in range(100):
        deep = [{"k": deep}]
    assert dumps(deep) == reference(deep)


def test_a_cycle_is_refused_as_the_standard_library_refuses_it():
    cycle: list = []
    cycle.append(cycle)
    with pytest.raises(ValueError, match="Circular"):
        dumps(cycle)


def test_escapes_and_non_ascii():
    value = {"t\u00fcrk\u00e7e": "İstiklal \"Harbimiz\"\n\t\u0000\u2028 \U0001f600", "n": [-0.0, 1e300, 10**30]}
    assert dumps(value) == reference(value)


@given(VALUES)
def test_dump_writes_what_dumps_returns_whatever_the_chunk_size(value):
    import io

    from srccheck.output import pretty_json

    for chunk in (0, 3, 4096):
        out = io.StringIO()
        previous, pretty_json._CHUNK = pretty_json._CHUNK, chunk
        try:
            pretty_json.dump(value, out)
        finally:
            pretty_json._CHUNK = previous
        assert out.getvalue() == reference(value)


def test_dump_refuses_what_it_cannot_write_itself_rather_than_write_half_of_it():
    import io

    from srccheck.output.pretty_json import dump

    with pytest.raises(TypeError, match="plain JSON"):
        dump({"enum": Colour.RED}, io.StringIO())
