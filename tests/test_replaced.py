"""model.replaced, the hot loops' dataclasses.replace, gives what replace gives, or hands over to it."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import cached_property

import pytest

from srccheck.model import Citation, Kind, Locator, Name, Note, TentativeCitation, replaced


def records():
    note = Note(3, "Smith, Title, 12.", 40, page=7, line_starts=((0, 40), (9, 41)))
    cit = Citation(3, 0, "Smith, Title, 12", 40, Kind.SHORT, authors=(Name("Smith", "J."),), title="Title",
                   locator=Locator("12", ranges=((12, 12),)))
    tentative = TentativeCitation(3, 1, "Kars vilayetinde yazısı", 41, Kind.SHORT, title="Kars vilayetinde yazısı")
    return [(note, {"marker_line": 12}), (cit, {"span": (0, 16), "line": 2}), (cit, {"note": 9, "line": 80}),
            (tentative, {"index": 0})]


@pytest.mark.parametrize("record, changes", records())
def test_as_replace(record, changes):
    mine, theirs = replaced(record, **changes), replace(record, **changes)
    assert type(mine) is type(theirs)
    assert mine == theirs and hash(mine) == hash(theirs)
    assert vars(mine) == vars(theirs)
    assert record == records()[[r for r, _ in records()].index(record)][0]  # the original is left as it was


def test_unknown_field_fails_as_replace_does():
    with pytest.raises(TypeError):
        replaced(records()[0][0], colour="red")


@dataclass
class _Derived:
    a: int
    b: int = field(init=False, default=0)

    def __post_init__(self) -> None:
        self.b = self.a * 2


@dataclass(frozen=True)
class _Cached:
    a: int

    @cached_property
    def double(self) -> int:
        return self.a * 2


def test_records_replace_alone_can_copy():
    assert replaced(_Derived(2), a=5).b == 10  # __post_init__ runs again
    kept = _Cached(2)
    assert kept.double == 4
    assert replaced(kept, a=5).double == 10  # no cached value carried over
