"""unused-entry: a bibliography entry that no note cites.

What it finds: an entry of the .bib file that no citation resolved to. When most of a
.bib file is uncited (more than half of its entries, and at least 50 of them) the file
is a library rather than this manuscript's reference list: the entries are then counted
in one finding per file instead of listed one by one. `unused-entries = "each"` in the
configuration (or `--unused-entries each`) always lists them, `"summary"` always counts
them; `srccheck sources MANUSCRIPT --bib FILE --uncited` lists them on demand.

Why it matters: journals expect the bibliography to list exactly the works cited;
an uncited entry is often a work whose citation was deleted, or one cited under a
spelling srccheck could not match (look for an unresolved-citation nearby).

An entry a cited entry inherits from (BibLaTeX `crossref`, `xdata`) counts as cited:
citing a chapter cites its book.

What to do: cite it, or delete it from the bibliography (or list it under
`uncited` in the configuration when it is deliberate).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator

from ..inheritance import data_only, with_parents
from ..model import Citation, Entry, Finding, Resolution, Severity
from . import Context

CODE = "SC501"
NAME = "unused-entry"
SEVERITY = Severity.WARNING
SCOPE = "work"  # about the bibliography: checked once for all the manuscripts that share it

MODES = ("auto", "each", "summary")
LIBRARY_MIN_UNCITED = 50  # fewer uncited entries than this are always listed


def cited_keys(citations: Iterable[tuple[Citation, Resolution]], deliberate: Collection[str] = (),
               entries: dict[str, Entry] | None = None) -> set[str]:
    """Keys a citation resolved to or might have (ambiguous ones count as cited), and those uncited on purpose;
    with the entries, also what the cited ones inherit from (a chapter's crossref book, its xdata) and the
    data-only @xdata entries, which are never cited themselves."""
    cited = set(deliberate)
    for _, res in citations:
        if res.key:
            cited.add(res.key)
        cited.update(res.ambiguous)
    if entries:
        cited = with_parents(cited, entries)
        cited.update(key for key, entry in entries.items() if data_only(entry))
    return cited


def uncited_entries(citations: Iterable[tuple[Citation, Resolution]], entries: dict[str, Entry],
                    deliberate: Collection[str] = ()) -> list[Entry]:
    """Entries no citation resolved to, in bib order."""
    cited = cited_keys(citations, deliberate, entries)
    return [entry for key, entry in entries.items() if key not in cited]


def is_library(uncited: int, total: int) -> bool:
    return uncited >= LIBRARY_MIN_UNCITED and 2 * uncited > total


def check(ctx: Context) -> Iterator[Finding]:
    cited = cited_keys(ctx.citations, ctx.deliberately_uncited, ctx.entries)
    for where, entries in _by_file(ctx):
        # counted from the few cited keys, so a library of 20,000 entries is not walked to be summarised
        uncited = len(entries) - sum(1 for key in cited if key in entries)
        if not uncited:
            continue
        if ctx.unused_entries == "summary" or (ctx.unused_entries == "auto" and is_library(uncited, len(entries))):
            first = next(entry for key, entry in entries.items() if key not in cited)
            yield _summary(uncited, len(entries), first.line, where, ctx)
        else:
            yield from (_one(entry, where, ctx) for key, entry in entries.items() if key not in cited)


def _by_file(ctx: Context) -> list[tuple[str | None, dict[str, Entry]]]:
    origin = ctx.bib.origin if ctx.bib is not None else None  # several .bib files merged: key -> file
    if not origin:
        return [(ctx.bib_path, ctx.entries)]
    files: dict[str | None, dict[str, Entry]] = {}
    for key, entry in ctx.entries.items():
        files.setdefault(origin.get(key, ctx.bib_path), {})[key] = entry
    return list(files.items())


def _one(entry: Entry, where: str | None, ctx: Context) -> Finding:
    return Finding(
        NAME, SEVERITY, f"bibliography entry {entry.key} (“{ctx.excerpt(entry.title, 60)}”) is never cited",
        key=entry.key, line=entry.line, file=where,
        suggestion="cite it or remove it from the bibliography",
    )


def _summary(uncited: int, total: int, line: int, where: str | None, ctx: Context) -> Finding:
    from shlex import quote

    listing = f"srccheck sources {quote(ctx.manuscript.path)} --bib {quote(where or 'FILE')} --uncited"
    return Finding(
        NAME, SEVERITY, f"{uncited:,} of the {total:,} entries in {where or 'the bibliography'} are never cited",
        line=line, file=where,  # no keys in the message: a baseline must survive citing one more
        suggestion=f"a library rather than this manuscript's reference list? `{listing}` lists them; "
                   "--unused-entries each reports each one",
    )
