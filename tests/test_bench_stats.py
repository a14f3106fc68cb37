"""The arithmetic bench/scale.py judges the performance targets with (the runs themselves are not tested here)."""

from __future__ import annotations

import importlib.util
import sys

import pytest
from conftest import ROOT

_spec = importlib.util.spec_from_file_location("scale", ROOT / "bench" / "scale.py")
scale = importlib.util.module_from_spec(_spec)  # type: ignore[arg-type]
sys.modules["scale"] = scale  # its dataclasses look their module up
_spec.loader.exec_module(scale)  # type: ignore[union-attr]


def test_step_per_note_is_keyed_by_the_larger_size_in_ms() -> None:
    assert scale.step_per_note({100: 0.20, 1000: 0.29, 5000: 0.69}) == pytest.approx({1000: 0.1, 5000: 0.1})


def test_paired_steps_take_the_median_of_the_rounds_differences() -> None:
    # round 2 is a slow spell that shifts both sizes: it cancels within the round
    runs = {100: [0.20, 0.40, 0.21], 1000: [0.29, 0.49, 0.32]}
    assert scale.paired_step_per_note(runs) == pytest.approx({1000: 0.1})
    # one wild round moves the difference of the medians (0.094), not the median of the differences
    runs = {100: [0.20, 0.60, 0.21, 0.22], 1000: [0.29, 0.30, 0.30, 0.31]}
    assert scale.paired_step_per_note(runs)[1000] == pytest.approx(0.1)
    medians = {n: sorted(v)[1:3] for n, v in runs.items()}
    assert scale.step_per_note({n: sum(m) / 2 for n, m in medians.items()})[1000] == pytest.approx(0.0944, abs=1e-3)


def test_flatness_counts_both_directions_and_growth_only_the_rise() -> None:
    falling = {1000: 424.0, 5000: 346.0, 10000: 280.0}
    assert scale.flatness(falling) == pytest.approx(424 / 280)
    assert scale.growth(falling) == 1.0
    rising_then_falling = {1000: 300.0, 5000: 420.0, 10000: 400.0}
    assert scale.growth(rising_then_falling) == pytest.approx(1.4)
    assert scale.growth({1000: 300.0, 5000: 290.0, 10000: 480.0}) == pytest.approx(480 / 290)
    assert scale.flatness({1000: 0.05, 5000: -0.01}) is None and scale.growth({1000: 0.05, 5000: 0.0}) is None
