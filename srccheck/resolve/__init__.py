"""Resolve each citation to a bibliography entry (or to nothing, or to "ambiguous"), and say why.

- A key given directly (\\cite, [@key]) is looked up.
- "Ibid." / bare "a.g.e." / "Ebd." take the work of the citation just before: in the
  same note, else the previous note with citations; if that note cites several works,
  the marker is ambiguous and we say so rather than guess (backrefs.py).
- "Surname, a.g.e." / "op. cit." / "a.a.O." take that author's work cited earlier; if
  the author has several earlier works, it is ambiguous ("Schäfer, Köhler, Weiß, a.g.e.":
  co-authors count). "(n 3)" / "(wie Anm. 3)" take the work of that author cited in note 3.
- Archive references match on archive name and fond/file numbers (archival.py).
- Everything else is scored against candidates from the bibliography's index (candidates.py,
  scoring.py). Among equally good matches, or an author's works cited by name alone, the
  work the citation before cites wins.
Every number these decisions use is in weights.py.
"""

from __future__ import annotations

from .resolver import Resolver
from .scoring import EntryForm, author_match, author_similarity, score_entry, strip_title_dates, title_similarity
from .weights import WEIGHTS, Weights

__all__ = ["Resolver", "EntryForm", "author_match", "author_similarity", "score_entry", "strip_title_dates",
           "title_similarity", "WEIGHTS", "Weights"]
