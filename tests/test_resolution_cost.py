"""What resolution costs, counted in (citation, entry) pairs scored, not in seconds: on books of every shape the
benchmark knows (bench/shapegen.py), no citation is scored against more than a handful of entries, and no note is
aligned with more than a few candidates, however large the bibliography (issue 17: no pass over the bibliography)."""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest
from conftest import ROOT

from srccheck.bibliography import load_bibliography
from srccheck.grammar import grammar_for
from srccheck.grammar import languages as L
from srccheck.manuscript import read_manuscript
from srccheck.pipeline import parse, resolve_all
from srccheck.resolve import WEIGHTS, Resolver
from srccheck.resolve.reading import NoteReader

sys.path.insert(0, str(ROOT / "bench"))
import shapegen  # noqa: E402

PAIRS_PER_CITATION = 25  # measured 0.9-6 on these books (400 notes, 4,000 entries); a pass over the bib is thousands
ALIGNED_PER_NOTE = WEIGHTS.note_candidates


@pytest.mark.parametrize("shape", shapegen.SHAPES)
def test_scored_pairs_per_citation_stay_few_on_every_shape(shape: str, tmp_path: Path) -> None:
    manuscript, bib_path = shapegen.make(shape, 4000, 400, tmp_path)
    parsed = parse(read_manuscript(str(manuscript)), "", None)
    bib = load_bibliography(str(bib_path))
    resolver = Resolver(bib, parsed.abbreviations)
    reader = NoteReader(bib, grammar_for(parsed.language), set(L.ARCHIVE_SIGLA) | set(parsed.abbreviations),
                        resolver.settled)
    pairs = resolve_all(parsed.citations, bib, parsed.manuscript, parsed.abbreviations, parsed.language,
                        parsed.parsed_per_note, resolver, reader)
    resolved = sum(1 for _, r in pairs if r.key)
    assert resolved >= 0.9 * len(pairs)  # the books cite works of their bib: the bound is about real work
    assert resolver.pairs / len(pairs) <= PAIRS_PER_CITATION, resolver.pairs / len(pairs)
    assert reader.aligned / len(parsed.manuscript.notes) <= ALIGNED_PER_NOTE


def test_the_bound_would_catch_a_pass_over_the_bibliography(tmp_path: Path) -> None:
    """The counter counts: scoring every archival entry per archival citation (the old way) breaks the bound."""
    manuscript, bib_path = shapegen.make("archival", 4000, 400, tmp_path)
    parsed = parse(read_manuscript(str(manuscript)), "", None)
    bib = load_bibliography(str(bib_path))
    resolver = Resolver(bib, parsed.abbreviations)
    resolve_all(parsed.citations, bib, parsed.manuscript, parsed.abbreviations, parsed.language,
                parsed.parsed_per_note, resolver)
    archival = [e for e in bib.entries.values() if e.key.startswith("a")]
    assert resolver._archival is not None  # noqa: SLF001 - the index the resolver built
    resolver._archival.candidates = lambda c: archival  # type: ignore[method-assign]  # noqa: SLF001
    before = resolver.pairs
    resolve_all(parsed.citations, bib, parsed.manuscript, parsed.abbreviations, parsed.language,
                parsed.parsed_per_note, resolver)
    assert (resolver.pairs - before) / len(parsed.citations) > PAIRS_PER_CITATION
