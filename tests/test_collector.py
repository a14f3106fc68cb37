"""The cyclic collector: paused only inside, and what lasts the run frozen."""

from __future__ import annotations

import gc

import pytest

from srccheck.collector import lasting, paused


def test_paused_only_inside_and_on_again_only_if_it_was_on():
    assert gc.isenabled()
    with paused():
        assert not gc.isenabled()
        with paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # an inner pause does not turn it back on
    assert gc.isenabled()
    with pytest.raises(KeyError):
        with paused():
            raise KeyError
    assert gc.isenabled()
    gc.disable()
    try:
        with paused():
            pass
        assert not gc.isenabled()  # it was off: it stays off
    finally:
        gc.enable()


def test_what_lasts_the_run_is_made_paused_and_frozen_after():
    seen = []

    def make():
        seen.append(gc.isenabled())
        return [[i] for i in range(1000)]  # lists: always tracked by the collector

    before = gc.get_freeze_count()
    try:
        value = lasting(make)
        assert value == [[i] for i in range(1000)]
        assert seen == [False]
        assert gc.isenabled()
        assert gc.get_freeze_count() >= before + 1000  # the new objects are out of the collector's sight
    finally:
        gc.unfreeze()
