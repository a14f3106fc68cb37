"""inconsistent-spelling: a title or author written differently from the bibliography.

What it finds: a word of a cited title (a work's, or an archival document's) that is
misspelt ("Kurutuluş" for "Kurtuluş"), a word missing from inside a title ("The
Difficult Road Western Integration"), or an author's surname spelt differently,
compared with the matched bibliography entry.
Differences of case, diacritics, punctuation and abbreviation ("Devr." for
"Devrimi") are not reported, nor a short title that stops early.

Why it matters: inconsistent spellings look careless to reviewers and make the work
harder to find in catalogues.

What to do: copy the title and name from the bibliography entry.
"""

from __future__ import annotations

from collections.abc import Iterator
from difflib import SequenceMatcher
from functools import lru_cache

from rapidfuzz import fuzz

from ..grammar import languages as L
from ..model import Finding, Name, Severity
from ..normalize import fold, folded_words
from ..resolve import WEIGHTS as W
from ..resolve import strip_title_dates
from . import Context

CODE = "SC301"
NAME = "inconsistent-spelling"
SEVERITY = Severity.WARNING
# what an extractor may glue to a surname when it drops a space: a conjunction, the first word of "et al.", a year
_GLUE_WORDS = frozenset(fold(w.split()[0]).strip(".") for w in [*L.AND, *L.ET_AL])


def _glued_to(cited: str, person: Name) -> bool:
    """Whether a cited surname is the person's surname with a neighbour glued on, the space between dropped: the
    given name or initials before it, a conjunction, "et" or a year after it."""
    family = fold(person.family).replace(" ", "")
    if len(family) < 3 or family not in cited or family == cited:
        return False
    before, _, after = cited.partition(family)
    given = fold(person.given).replace(".", "").replace(" ", "").replace("-", "")
    initials = "".join(w[:1] for w in fold(person.given).replace(".", " ").replace("-", " ").split())
    lead_ok = not before or given.endswith(before) or initials.endswith(before)  # the "S" of "Herbert S."
    tail_ok = not after or after in _GLUE_WORDS or after.isdigit()
    return lead_ok and tail_ok


_TITLED = ("full", "short", "archival")  # kinds that may write a title: a work's, or an archival document's


@lru_cache(maxsize=1 << 14)
def _words(text: str) -> tuple[tuple[str, str], ...]:
    return tuple(folded_words(strip_title_dates(text)))


def _unjoined(name: str) -> str:
    return name.replace("-", "").replace(" ", "")


def _abbreviates(short: str, long: str) -> bool:
    return len(short) >= 2 and long.startswith(short)


def title_differences(cited: str, entry_title: str) -> list[str]:
    """Human-readable differences between a cited title and the entry's title."""
    return [text for text, _ in _differences(cited, entry_title)]


@lru_cache(maxsize=1 << 14)
def _differences(cited: str, entry_title: str) -> tuple[tuple[str, str], ...]:
    """(message, the bibliography's word) for each difference. Cached: short forms repeat a title note after note."""
    pa, pb = _words(cited), _words(entry_title)
    a, b = [w for w, _ in pa], [w for w, _ in pb]
    if len(a) < 2 or len(b) < 2 or a == b[: len(a)]:
        return ()  # too short to align, or the entry's title word for word (a short title: its head)
    matcher = SequenceMatcher(a=a, b=b, autojunk=False)
    blocks = [blk for blk in matcher.get_matching_blocks() if blk.size]
    agreeing = sum(blk.size for blk in blocks)
    if agreeing < (1 if len(a) <= 3 else 2):
        return ()  # too little in common to align word by word
    similar = W.misspelt_word if agreeing >= 2 else W.misspelt_word_alone
    first_b = blocks[0].b
    last_b = blocks[-1].b + blocks[-1].size
    out = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "replace" and (i2 - i1 == j2 - j1 or (i2 == len(a) and j2 - j1 > i2 - i1)):
            # word for word; or the last words of a short title, against the entry title's words at that place
            for (x, xo), (y, yo) in zip(pa[i1:i2], pb[j1:j1 + i2 - i1]):
                # a word the entry's with letters run on ("Cephesicit." for "Cephesi, cit.") is not misspelt
                if x != y and fuzz.ratio(x, y) >= similar and not _abbreviates(x, y) and not x.isdigit() \
                        and not x.startswith(y):
                    out.append((f"“{xo}” where the bibliography has “{yo}”", y))
        elif tag == "delete" and j1 == j2:
            pass
        elif tag == "insert" and first_b < j1 and j2 < last_b + 1 and i1 == i2 and j2 <= last_b:
            missing = " ".join(original for _, original in pb[j1:j2])
            if j2 - j1 <= 3 and not missing.isdigit():
                out.append((f"“{missing}” is missing", " ".join(b[j1:j2])))
    return tuple(out)


def check(ctx: Context) -> Iterator[Finding]:
    reported: set[tuple[int, str, str]] = set()
    # which notes write each of an entry's title words as the bibliography does
    # (a dict of notes: a set that keeps their order, and stays fast for a work cited in hundreds of notes)
    right: dict[tuple[str, str], dict[int, None]] = {}
    for cit, res in ctx.citations:
        if res.key and cit.title and cit.kind in _TITLED:
            for word in {w for w, _ in _words(cit.title)}:
                right.setdefault((res.key, word), {})[cit.note] = None
    for cit, res in ctx.citations:
        if not res.key or cit.kind not in _TITLED:
            continue
        entry = ctx.entries[res.key]
        if cit.title and entry.title:
            for diff, word in _differences(cit.title, entry.title):
                if (cit.note, res.key, diff) in reported:
                    continue
                reported.add((cit.note, res.key, diff))
                others = [n for n in right.get((res.key, word), ()) if n != cit.note]
                elsewhere = f"; notes {', '.join(map(str, others[:6]))} write it as the bibliography does" if others else ""
                yield Finding(
                    NAME, SEVERITY,
                    f"{ctx.note(cit.note)}: title of {res.key}: {diff}{elsewhere} (“{ctx.excerpt(entry.title, 140)}”)",
                    note=cit.note, key=res.key, line=cit.line, suggestion="copy the title from the bibliography entry",
                )
        for name in cit.authors:
            cited = fold(name.family)
            people = [fold(p.family) for p in entry.people]
            if not cited or not people or cited in people or any(cited in p.split() for p in people):
                continue
            if _unjoined(cited) in {_unjoined(p) for p in people}:
                continue  # "FrieslandKöpke": pdftotext drops the hyphen of a name broken at a line's end
            if any(_glued_to(cited, person) for person in entry.people):
                continue  # "MimiBurbank", "Yoonet", "Буадзе1976": pdfminer drops the space beside the surname
            close = max(people, key=lambda p: fuzz.ratio(cited, p))
            if fuzz.ratio(cited, close) >= W.misspelt_surname and (cit.note, res.key, cited) not in reported:
                reported.add((cit.note, res.key, cited))
                yield Finding(
                    NAME, SEVERITY,
                    f"{ctx.note(cit.note)}: author “{name.family}” is spelt differently in the bibliography entry {res.key}",
                    note=cit.note, key=res.key, line=cit.line, suggestion="use the spelling of the bibliography entry",
                )
