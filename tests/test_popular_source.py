"""A work cited in thousands of notes (a book's main archive or primary source) costs each note the same
as a work cited in a few: the per-source summaries and the spelling rule must not slow down with it."""

from __future__ import annotations

import time

from srccheck.model import Citation, Entry, Locator, Manuscript, Name, Report, Resolution
from srccheck.rules import Context
from srccheck.rules import inconsistent_spelling
from srccheck.sources import sources

ENTRY = Entry("kaya1990", "book", {"title": "Osmanlı Limanları ve Ticaret", "year": "1990"}, 1, (Name("Kaya", "Ali"),))


def report(notes: int) -> Report:
    pairs = []
    for n in range(1, notes + 1):
        cit = Citation(n, 0, f"Kaya, Osmanlı Limanları, s. {n % 300 + 1}.", n, "short", (Name("Kaya"),),
                       title="Osmanlı Limanları", locator=Locator(f"s. {n % 300 + 1}", ((n % 300 + 1,) * 2,)))
        pairs.append((cit, Resolution("kaya1990", 100.0, "short form")))
    return Report(Manuscript("m.txt", []), pairs, {"kaya1990": ENTRY})


def best_time(run, times: int = 3) -> float:  # type: ignore[no-untyped-def]
    best = float("inf")
    for _ in range(times):
        start = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - start)
    return best


def test_the_summary_of_a_source_cited_in_every_note_lists_each_note_once() -> None:
    [src] = sources(report(500))
    assert src.notes == list(range(1, 501)) and src.citations == 500
    assert src.pages == [(1, 300)]


def test_per_source_work_grows_linearly_with_the_notes_citing_it() -> None:
    small, large = report(2_000), report(20_000)
    ratio = best_time(lambda: sources(large)) / best_time(lambda: sources(small))
    assert ratio < 30, ratio  # 10x the notes: ~10x the time; a list scan per note made it ~100x

    def spelling(r: Report):  # type: ignore[no-untyped-def]
        return lambda: list(inconsistent_spelling.check(Context(r.manuscript, r.citations, r.entries)))

    ratio = best_time(spelling(large)) / best_time(spelling(small))
    assert ratio < 30, ratio
