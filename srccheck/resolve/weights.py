"""Every number resolution decides by, in one frozen object, each with the reason it has its value.

Scores are on a 0-100 scale. A fuzzy score ("similarity") measures how well a citation's
text matches an entry; a fixed "confidence" is what a rule-based resolution (a key, a
repeat marker, a cross-reference) is worth. Both are compared with ``accept``.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Weights:
    # -- accepting and tying ---------------------------------------------------------------
    accept: float = 70.0
    """Below this a fuzzy match is no match: an author's other work, or a title sharing a few words, stays under it."""
    tie: float = 2.0
    """Two candidates closer than this are equally good: we say "ambiguous" rather than guess."""
    tentative_accept: float = 85.0
    """A title-only fragment (which may be a quotation, not a citation) must match this well to count."""

    # -- combining title and author ---------------------------------------------------------
    author_share: float = 0.45
    """An author's share of the score when a title is cited too: authors write several works, so the title decides more."""
    title_share: float = 0.55
    """The title's share (author_share + title_share = 1)."""
    weak_title: float = 60.0
    """With a title this dissimilar, the right author is not enough: the citation names another of their works."""
    single_field: float = 0.9
    """A citation that gives only a title, or only an author, scores at most this fraction of that field's match."""
    container_penalty: float = 10.0
    """A book title matched against a chapter's booktitle counts this much less than the work's own title."""

    # -- names ------------------------------------------------------------------------------
    initials_penalty: float = 45.0
    """A surname match whose given names begin otherwise loses this much: "M. Karabekir" is not Kazım Karabekir."""
    initials_conflict_cap: float = 50.0
    """A citation whose cited surname matches only a person with other initials scores at most this, whatever the title."""
    close_surname: float = 80.0
    """Two surnames this similar (rapidfuzz ratio) are one name misspelt; also the cut-off of the surname lookup."""
    anonymous_author: float = 60.0
    """An author found in the title or organisation of a work with no people ("World Bank") matches this well."""
    same_author: float = 85.0
    """An author similarity from which "Surname, op. cit." counts a work as the author's."""
    xref_author: float = 80.0
    """"Surname (n 3)": an author similarity from which a work of note 3 counts as that author's."""

    # -- year and volume --------------------------------------------------------------------
    year_bonus: float = 3.0
    """The cited year is the entry's: small, so it breaks ties between an author's works without outweighing titles."""
    year_penalty: float = 5.0
    """The cited year is not the entry's: a reprint or a typo, so only a little, but more than the bonus."""
    volume_bonus: float = 3.0
    """The cited volume is the entry's: two volumes of one work share author and title, the volume decides."""
    volume_penalty: float = 6.0
    """The cited volume is another."""

    # -- title similarity -------------------------------------------------------------------
    whole_title_enough: float = 97.0
    """A whole-title or head match this good cannot be beaten by the partial or word measures, so they are skipped."""
    partial_factor: float = 0.97
    """The best substring alignment counts a little less than a whole-title match."""
    partial_min_length: int = 12
    """Shorter titles are not aligned as substrings: short strings align somewhere in any long title."""
    coverage_factor: float = 0.9
    """Words of the shorter title found in the longer one, in any order, count for this fraction."""
    glued_word: int = 15
    """A cited word this long may be words an extractor glued together ("цифровойсетиинтегрального"): the titles
    are then also compared without their spaces."""

    # -- candidates -------------------------------------------------------------------------
    title_candidates: int = 40
    """Without an author, the entries sharing most title words are scored, at most this many."""
    author_works: int = 8
    """An author with more works than this in the bib: only those sharing a word with the cited title are scored."""
    title_share_of_best: float = 0.5
    """...and of those, the ones sharing at least this share of the best one's (rarity-weighted) words."""
    title_lookups: int = 2000
    """Entries visited looking up a citation's title words, rarest words first: common words stop there."""
    note_candidates: int = 12
    """Entries aligned with a note: a note cites a few works, and the index ranks them near the top."""
    candidate_surname: float = 4.0
    """A surname shared with an entry counts as much as a rare title word: names are what notes repeat."""
    candidate_word_df: int = 200
    """A word found in more entries than this is too common to look up: weak evidence, and a walk of the bib."""
    candidate_lookups: int = 600
    """At most this many (word, entry) pairs are looked up per note, rarest words first."""

    # -- alignment --------------------------------------------------------------------------
    names_before_title: int = 40
    """Words before a found title searched for its people: long author lists with initials run to thirty."""
    container_after_names: int = 10
    """Words after a work's people searched for its journal or book when no title of it is found ("Meyer, DTK 27")."""
    title_gap_note: int = 2
    """Words of the note that may stand between two title words found in order (a misspelt or added word)."""
    title_gap_title: int = 3
    """Title words that may be missing between two found in order ("The Difficult Road Western Integration")."""
    hidden_citation_chars: int = 20
    """Letters of a note outside its parsed citations from which a citation may hide there (prose the parser
    dropped, "The argument is developed further in …"): such a note is always aligned."""
    settled: float = 97.0
    """The parser's reading matching one entry this well, with the title as the entry has it, needs no alignment..."""
    settled_lead: float = 5.0
    """...and with the next candidate at least this far behind."""
    tail_share: float = 0.6
    """A piece cut off after a found citation is its tail (imprint, container) when this share of its words are
    the entry's own (publisher, place, journal, book, year...)."""
    container_title: float = 90.0
    """A chapter's booktitle this similar to a book's title makes the book the chapter's container."""
    title_coverage: float = 0.6
    """Share of a title's head (its words up to the last one found, weighted by rarity) that must be found."""

    # -- fixed confidences of rule-based resolutions ------------------------------------------
    by_key: float = 100.0
    """A key written in the manuscript (\\cite, [@key])."""
    repeat: float = 100.0
    """"Ibid." and its kin, or a cross-reference ("n 3"), to a note that cites one work."""
    earlier_by_author: float = 95.0
    """"Surname, op. cit." with one earlier work by that author."""
    same_author_marker: float = 90.0
    """"Idem" with no title: the previous citation's author; the work is a guess on the author alone."""
    earlier_by_title: float = 90.0
    """"Title, op. cit.": the one earlier work with this title."""
    titled_earlier_min: float = 90.0
    """"Title, op. cit.": how similar the text before the marker must be to an earlier work's title."""
    only_work_in_bib: float = 80.0
    """"Surname, op. cit." before any work of that author was cited, and the bibliography has one."""

    # -- archives ---------------------------------------------------------------------------
    archive_numbers_min: float = 60.0
    """An archival entry whose fond/file numbers match the cited ones less than this is not a candidate by numbers."""
    archive_title_min: float = 85.0
    """...unless its document title matches this well."""
    archive_title_share: float = 0.85
    """A document found by its title: the title's share; the archive's name has the rest."""
    archive_numbers_share: float = 0.7
    """A document found by its numbers: the numbers' share; the archive's name has the rest."""
    archive_numbers_vs_title: float = 0.5
    """Numbers and a document title both cited: each counts half."""
    archive_candidates: int = 60
    """Archival entries scored for one citation at most, found by its rarest numbers first."""
    sequence_cited_share: float = 0.75
    """How much of the cited numbers appear in the entry counts more than how much of the entry's appear in the note."""

    # -- the rules' similarity thresholds (rapidfuzz ratios, 0-100) --------------------------
    misspelt_word: float = 70.0
    """inconsistent-spelling: a cited title's word this close to the entry's word at its place is that word
    misspelt, when at least two words of the title agree around it."""
    misspelt_word_alone: float = 80.0
    """...when only one word agrees, the alignment is weak: only a closer word is called a misspelling."""
    misspelt_surname: float = 75.0
    """inconsistent-spelling: a cited surname this close to one of the entry's people is that name misspelt (below
    it, another person)."""
    same_imprint: float = 60.0
    """metadata-mismatch: a publisher or place this close (token set ratio: extra words such as "Yayınları" or
    "Press" do not count) is the entry's, written another way."""
    drafted_same_work: float = 85.0
    """bib draft: a later full citation scoring this well against an entry already drafted is the same work."""


WEIGHTS = Weights()
