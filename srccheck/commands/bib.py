"""`srccheck bib draft` (a BibTeX draft from the notes) and `srccheck bib lint` (a .bib's own problems)."""

from __future__ import annotations

import click

from . import LANGUAGES, InputFailure, read_or_fail


@click.group("bib")
def bib() -> None:
    """Bibliography tools: draft a .bib from the notes, lint a .bib."""


@bib.command("draft")
@click.argument("manuscript", type=click.Path(dir_okay=False, allow_dash=True))
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None, metavar="FILE",
              help="Write the draft here (atomically) instead of to stdout ('-': stdout).")
@click.option("--force", is_flag=True, help="Overwrite an existing -o FILE (never the manuscript).")
@click.option("--ascii", "ascii_only", is_flag=True,
              help="LaTeX-escape non-ASCII letters (ş -> {\\c{s}}, ı -> {\\i}) instead of keeping Unicode.")
@click.option("--language", type=click.Choice(LANGUAGES), default="auto", show_default=True,
              help="Citation conventions of the notes.")
@click.option("--encoding", default=None, help="Manuscript encoding (default: detect).")
def draft(manuscript: str, output: str | None, force: bool, ascii_only: bool, language: str,
          encoding: str | None) -> None:
    """Write a BibTeX draft with one entry per work cited in MANUSCRIPT's notes.

    \b
    Each entry comes from the work's first full citation and is preceded by a comment
    naming that note and any field the parser was unsure of. Check it before use.
    \b
    Examples:
      srccheck bib draft article.txt > draft.bib
      srccheck bib draft article.txt -o refs.bib --ascii
    """
    from ..bibtex_write import render_bibtex
    from ..draft import draft_works

    if output == "-":
        output = None  # "-o -": standard output, as without -o
    if output:
        _refuse_target(output, manuscript, force)
    parsed = read_or_fail(manuscript, encoding)
    works = draft_works(parsed, None if language == "auto" else language)
    text = render_bibtex(works, ascii_only, source=manuscript)
    doubts = sum(1 for w in works if w.unsure)
    if output is None:
        click.echo(text, nl=False)
    else:
        write_atomically(output, text, manuscript, force)
    where = f" to {output}" if output else ""
    click.echo(f"srccheck: drafted {len(works)} entr{'y' if len(works) == 1 else 'ies'}{where}"
               f" ({doubts} with doubts noted in comments)", err=True)


def _refuse_target(output: str, manuscript: str, force: bool) -> None:
    from ..errors import InputError
    from ..safe_output import check_target

    try:
        check_target(output, [manuscript], force, None, "BibTeX draft")
    except InputError as exc:
        raise InputFailure(str(exc)) from None


def write_atomically(path: str, text: str, manuscript: str = "-", force: bool = True) -> None:
    """Through safe_output: never over an input, a link or a special file; atomic; the target's permissions kept."""
    from ..errors import InputError
    from ..safe_output import write_text

    try:
        write_text(path, text, inputs=[manuscript], force=force, what="BibTeX draft")
    except InputError as exc:
        raise InputFailure(str(exc)) from None


@bib.command("lint")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def lint(file: str, fmt: str) -> None:
    """Report FILE's own problems with line numbers.

    \b
    Duplicate works under different keys, keys clashing by case, duplicate keys,
    missing required fields per entry type, malformed pages or years, undefined
    @string macros, unparsable text. Exit 1 when there are problems, 2 when FILE
    cannot be read.
    """
    import sys

    from ..bib_lint import lint_file
    from ..errors import InputError

    try:
        problems = lint_file(file)
    except InputError as exc:
        raise InputFailure(str(exc)) from None
    if fmt == "json":
        import json

        click.echo(json.dumps({"path": file, "problems": [p.as_dict() for p in problems]}, ensure_ascii=False,
                              indent=2))
    else:
        for p in problems:
            click.echo(f"{file}:{p.line}: {p.kind}: {p.message}")
        count = len(problems)
        click.echo(f"{file}: {count} problem{'' if count == 1 else 's'}", err=True)
    sys.exit(1 if problems else 0)
