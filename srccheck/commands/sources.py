"""`srccheck sources`: one row per source the notes cite, with the notes and pages citing it.

Several manuscripts (or a folder) are one book: a row per source of the whole book, its citations and pages
summed over the chapters, its notes given per manuscript.
"""

from __future__ import annotations

from dataclasses import replace

import click

from . import LANGUAGES, InputFailure


@click.command("sources")
@click.argument("manuscripts", nargs=-1, required=True, type=click.Path(allow_dash=True))
@click.option("--bib", "bib_path", type=click.Path(dir_okay=False), default=None, metavar="FILE",
              help="Resolve citations to this bibliography's keys; without it, sources come from the notes alone.")
@click.option("--sort", "order", type=click.Choice(["first", "count", "author"]), default="first", show_default=True,
              help="first: by first appearance; count: most cited first; author: by author, then title.")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "csv", "html"]), default="text", show_default=True,
              help="html: one self-contained page with the sources table and charts.")
@click.option("--language", type=click.Choice(LANGUAGES), default="auto", show_default=True,
              help="Citation conventions of the notes.")
@click.option("--encoding", default=None, help="Manuscript encoding (default: detect).")
@click.option("--uncited", is_flag=True,
              help="List the --bib entries no note cites instead (key, author, title, line in the bib).")
@click.option("--no-cache", is_flag=True,
              help="Parse the manuscript and bibliography afresh and leave the cache alone.")
def sources(manuscripts: tuple[str, ...], bib_path: str | None, order: str, fmt: str, language: str,
            encoding: str | None, uncited: bool, no_cache: bool) -> None:
    """List the sources MANUSCRIPT cites: key, author, short title, citations, notes, pages, first full note.
    Several manuscripts, or a folder of them, are one book.

    \b
    Without --bib, each full citation in the notes defines a work (keyed as `bib draft`
    would key it), and short forms and "a.g.e."/"ibid." point to those works.
    \b
    Examples:
      srccheck sources article.txt
      srccheck sources article.txt --bib refs.bib --sort count
      srccheck sources article.txt --format csv > sources.csv
      srccheck sources article.txt --bib refs.bib --format html > sources.html
      srccheck sources article.txt --bib library.bib --uncited
      srccheck sources chapters/ --bib refs.bib          # the whole book
    """
    from .. import reuse
    from ..book import manuscripts_to_check
    from ..errors import InputError

    if uncited and not bib_path:
        raise click.UsageError("--uncited needs --bib FILE: the entries it lists come from the bibliography")
    if uncited and fmt == "html":
        raise click.UsageError("--uncited lists entries as text, json or csv; the html page folds them "
                               "under the sources table")
    reuse.set_enabled(not no_cache)
    try:
        paths = manuscripts_to_check(manuscripts, None)
    except InputError as exc:
        raise InputFailure(str(exc)) from None
    chosen = None if language == "auto" else language
    if len(paths) > 1:
        if not bib_path:
            raise click.UsageError("several manuscripts are one book: give its bibliography with --bib FILE")
        if fmt == "html":
            raise click.UsageError("--format html shows one manuscript's sources; for a book use text, json or csv")
    if fmt == "html":
        _print_html(paths[0], bib_path, chosen, encoding, order)
        return
    if uncited:
        rows, total = uncited_rows(paths, bib_path or "", chosen, encoding)
        _print(rows, UNCITED_HEADER, fmt, f"every one of the {total:,} entries is cited" if total
               else f"{bib_path} has no entries")
        return
    if len(paths) > 1:
        _print(sort_rows(book_rows(paths, bib_path or "", chosen, encoding), order), HEADER, fmt, "no sources found")
        return
    rows = source_rows(paths[0], bib_path, chosen, encoding)
    _print(sort_rows(rows, order), HEADER, fmt, "no sources found")


def _print(rows: list[dict[str, object]], header: list[str], fmt: str, empty: str) -> None:
    import sys

    if fmt == "json":
        import json

        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
    elif fmt == "csv":
        write_csv(rows, header, sys.stdout)
    else:
        click.echo(text_table(rows, header) if rows else empty)


def _print_html(manuscript_path: str, bib_path: str | None, language: str | None, encoding: str | None,
                order: str) -> None:
    import sys

    from ..output.html import write_sources
    from ..sources import sources as summarise

    bib, report = _resolved(manuscript_path, bib_path, language, encoding)
    if not bib_path:
        report = replace(report, bib_path=None)  # the works were drafted from the notes: there is no file to name
    by_key = {src.key: src for src in summarise(report)}
    write_sources(report, [by_key[str(row["key"])] for row in sort_rows(rows_of(bib, report), order)], sys.stdout)


def _resolved(manuscript_path: str, bib_path: str | None, language: str | None, encoding: str | None):  # type: ignore[no-untyped-def]
    """(bibliography, report without findings): the notes resolved against --bib, or against a draft of them.
    The parsed notes come from the cache as `check` leaves them."""
    from ..draft import draft_bibliography, draft_works
    from ..errors import InputError
    from ..pipeline import Options, check_loaded
    from ..reuse import load_bibliography, load_parsed, resolution

    try:
        parsed = load_parsed(manuscript_path, Options(language=language, encoding=encoding))
        bib = load_bibliography(bib_path) if bib_path else None
    except InputError as exc:
        raise InputFailure(str(exc)) from None
    if bib is None:
        bib = draft_bibliography(draft_works(parsed.manuscript, parsed.language), manuscript_path)
    return bib, check_loaded(parsed.manuscript, bib, Options(language=parsed.language, rules=frozenset()), parsed,
                             resolution(parsed, bib))


def uncited_rows(manuscript_paths: list[str], bib_path: str, language: str | None,
                 encoding: str | None = None) -> tuple[list[dict[str, object]], int]:
    """(a row for each entry no note of the book cites, in bib order; how many entries the bib has)."""
    from ..rules.unused_entry import uncited_entries
    from ..sources import entry_author, entry_title, short_title

    resolved = [_resolved(path, bib_path, language, encoding) for path in manuscript_paths]
    bib = resolved[0][0]
    citations = [pair for _, report in resolved for pair in report.citations]
    rows = [{"key": e.key, "author": entry_author(e), "title": short_title(entry_title(e)), "line": e.line}
            for e in uncited_entries(citations, bib.entries)]
    return rows, len(bib.entries)


def book_rows(manuscript_paths: list[str], bib_path: str, language: str | None,
              encoding: str | None = None) -> list[dict[str, object]]:
    """The rows of a book: each source's citations and pages summed over the manuscripts, its notes (and its first
    full citation) given per manuscript, the rows in the order of first citation through the book."""
    from ..sources import merge_ranges

    merged: dict[str, dict[str, object]] = {}
    for position, path in enumerate(manuscript_paths):
        for row in rows_of(*_resolved(path, bib_path, language, encoding)):
            book_row = merged.get(str(row["key"]))
            if book_row is None:
                book_row = merged[str(row["key"])] = {**row, "citations": 0, "pages": [], "notes": [],
                                                      "first_full": None, "first_note": (position, row["first_note"])}
            book_row["citations"] = int(book_row["citations"]) + int(row["citations"])  # type: ignore[call-overload]
            book_row["pages"] = [list(r) for r in merge_ranges([tuple(p) for p in [*book_row["pages"], *row["pages"]]])]  # type: ignore[misc]
            book_row["notes"].append({"path": path, "notes": row["notes"]})  # type: ignore[attr-defined]
            if book_row["first_full"] is None and row["first_full"] is not None:
                book_row["first_full"] = {"path": path, "note": row["first_full"]}
    return list(merged.values())


def source_rows(manuscript_path: str, bib_path: str | None, language: str | None,
                encoding: str | None = None) -> list[dict[str, object]]:
    return rows_of(*_resolved(manuscript_path, bib_path, language, encoding))


def rows_of(bib, report) -> list[dict[str, object]]:  # type: ignore[no-untyped-def]
    from ..sources import entry_author, entry_title, short_title
    from ..sources import sources as summarise

    rows = []
    for src in summarise(report):
        entry = bib.entries[src.key]
        rows.append({
            "key": src.key,
            "author": entry_author(entry),
            "title": short_title(entry_title(entry)),
            "citations": src.citations,
            "notes": src.notes,
            "pages": [list(r) for r in src.pages],
            "first_full": src.first_full,
            "first_note": src.notes[0],  # the notes are in order of first citation
        })
    return rows


def sort_rows(rows: list[dict[str, object]], order: str) -> list[dict[str, object]]:
    from ..normalize import fold

    def first(row: dict[str, object]) -> tuple[int, int]:  # a book's rows: (manuscript, note)
        value = row["first_note"]
        return value if isinstance(value, tuple) else (0, int(value))  # type: ignore[call-overload]

    if order == "count":
        ordered = sorted(rows, key=lambda r: (-int(r["citations"]), first(r)))  # type: ignore[call-overload]
    elif order == "author":
        ordered = sorted(rows, key=lambda r: (fold(str(r["author"])) or "\uffff", fold(str(r["title"])), first(r)))
    else:
        ordered = sorted(rows, key=first)
    for row in ordered:
        if isinstance(row["first_note"], tuple):  # said as a place, not as a sort key
            row["first_note"] = {"path": row["notes"][0]["path"], "note": row["first_note"][1]}  # type: ignore[index]
    return ordered


def _notes(notes: list[int]) -> str:
    """1, 2, 3, 5 -> "1–3, 5"."""
    from ..sources import format_ranges, merge_ranges

    return format_ranges(merge_ranges([(n, n) for n in notes]))


def _cells(row: dict[str, object], header: list[str]) -> list[str]:
    from ..sources import format_ranges

    cells = []
    for name in header:
        value = row[name]
        if name == "pages":
            cells.append(format_ranges([tuple(p) for p in value]))  # type: ignore[attr-defined, misc]
        elif name == "notes" and value and isinstance(value[0], dict):  # type: ignore[index]
            cells.append("; ".join(f"{part['path']} {_notes(part['notes'])}" for part in value))  # type: ignore[attr-defined]
        elif name == "notes":
            cells.append(_notes(value))  # type: ignore[arg-type]
        elif isinstance(value, dict):  # a book's first full citation: where it is
            cells.append(f"{value['path']} {value['note']}")
        else:
            cells.append("" if value is None else str(value))
    return cells


HEADER = ["key", "author", "title", "citations", "notes", "pages", "first_full"]
UNCITED_HEADER = ["key", "author", "title", "line"]
_TEXT_HEAD = {"citations": "CITES", "first_full": "FIRST"}


def write_csv(rows: list[dict[str, object]], header: list[str], stream) -> None:  # type: ignore[no-untyped-def]
    import csv

    out = csv.writer(stream, lineterminator="\n")
    out.writerow(header)
    for row in rows:
        out.writerow(_cells(row, header))


def text_table(rows: list[dict[str, object]], header: list[str]) -> str:
    head = [_TEXT_HEAD.get(name, name.upper()) for name in header]
    body = [_cells(r, header) for r in rows]
    widths = [min(40, max(len(line[i]) for line in [head, *body])) for i in range(len(head))]

    def fit(cell: str, width: int) -> str:
        return cell if len(cell) <= width else cell[: width - 1] + "…"

    lines = ["  ".join(fit(c, w).ljust(w) for c, w in zip(line, widths)).rstrip() for line in [head, *body]]
    return "\n".join(lines)
