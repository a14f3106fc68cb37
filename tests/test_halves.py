"""A book's notes parsed in two processes (halves.in_two): exactly the citations one process gives."""

from __future__ import annotations

import pytest
from conftest import ROOT

from srccheck import halves
from srccheck.manuscript import parse_bytes_with_text
from srccheck.pipeline import parse

pytestmark = pytest.mark.skipif(not halves.fork_is_safe(), reason="the copy is forked: Linux only")

MANUSCRIPTS = [
    ROOT / "article.txt",
    ROOT / "tests" / "corpus" / "handmade" / "de-history" / "manuscript.txt",
    ROOT / "tests" / "corpus" / "rendered" / "chicago-notes-bibliography" / "manuscript.md",
]


@pytest.mark.parametrize("path", MANUSCRIPTS, ids=lambda p: p.parent.name)
def test_two_processes_parse_as_one(path, monkeypatch):
    monkeypatch.setattr(halves, "MIN_JOBS", 10**9)
    read = parse_bytes_with_text(path.read_bytes(), str(path))
    alone = parse(*read, None)
    forked = []
    real_fork = halves.os.fork

    def fork():  # count the copies made, so the test knows the notes were split
        forked.append(1)
        return real_fork()

    monkeypatch.setattr(halves, "MIN_JOBS", 2)
    monkeypatch.setattr(halves.os, "fork", fork)
    read_split = parse_bytes_with_text(path.read_bytes(), str(path))
    assert read_split == read
    split = parse(*read_split, None)
    assert forked, "the notes were not split"
    assert split.citations == alone.citations
    assert split.parsed_per_note == alone.parsed_per_note


def test_in_two_keeps_the_order_and_the_failures(monkeypatch):
    monkeypatch.setattr(halves, "MIN_JOBS", 2)
    assert halves.in_two(lambda jobs: [j * j for j in jobs], list(range(11))) == [j * j for j in range(11)]

    def fails_late(jobs):
        if 9 in jobs:
            raise ValueError("job 9")
        return list(jobs)

    with pytest.raises(ValueError, match="job 9"):
        halves.in_two(fails_late, list(range(11)))
