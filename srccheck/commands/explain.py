"""`srccheck explain`: why each citation of a note resolved as it did."""

from __future__ import annotations

import click

from ..manuscript import FORMATS as INPUT_FORMATS
from . import LANGUAGES, InputFailure


@click.command("explain")
@click.argument("manuscript", type=click.Path(allow_dash=True))
@click.option("--note", "notes", type=click.IntRange(min=0), multiple=True, required=True, metavar="N",
              help="The note to explain, by its running number (1, 2, 3… through the document, also where numbering "
                   "starts again per chapter or page, or runs i, ii, iii); repeatable.")
@click.option("--bib", "bib_paths", multiple=True, type=click.Path(), metavar="FILE",
              help="Bibliography (repeatable; default: 'bib' from the configuration, or the one the manuscript names).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--language", type=click.Choice(LANGUAGES), default=None,
              help="Citation conventions of the notes [default: detect].")
@click.option("--input-format", "input_format", type=click.Choice(["auto", *INPUT_FORMATS]), default=None,
              help="Manuscript format [default: detect].")
@click.option("--encoding", default=None, help="Manuscript encoding (default: detect).")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), default=None, metavar="FILE",
              help="Use this srccheck.toml / pyproject.toml instead of searching for one.")
@click.option("--no-config", is_flag=True, help="Ignore configuration files.")
def explain(manuscript: str, notes: tuple[int, ...], bib_paths: tuple[str, ...], fmt: str, language: str | None,
            input_format: str | None, encoding: str | None, config_path: str | None, no_config: bool) -> None:
    """Show how each citation of note N was read and resolved: the entries it was scored against, what of
    each was found in the note (authors, title, year), the score, and what was left over.

    \b
    Examples:
      srccheck explain article.txt --note 12
      srccheck explain thesis.md --bib refs.bib --note 3 --note 4 --format json
    """
    from ..config import Overrides
    from ..errors import InputError, UsageError
    from ..runner import check_files

    cli = Overrides(bib=bib_paths, language=language, input_format=input_format, encoding=encoding,
                    select=("ALL",), extend_select=(), ignore=())
    try:
        outcome = check_files([manuscript], cli, config_path, no_config, use_baseline=False).outcomes[0]
    except (InputError, UsageError) as exc:
        raise InputFailure(str(exc)) from None
    if outcome.error is not None or outcome.report is None:
        raise InputFailure(outcome.error or f"{manuscript}: nothing to explain")
    report = outcome.report
    known = {n.number for n in report.manuscript.notes}
    missing = [n for n in notes if n not in known]
    if missing:
        raise InputFailure(f"{manuscript}: no note {missing[0]} (the notes run from "
                           f"{min(known, default=0)} to {max(known, default=0)})" if known
                           else f"{manuscript}: no notes found")
    if fmt == "json":
        import json

        from ..output.json_format import citation_dict

        out = [{"number": n.number, "line": n.line, "text": n.text,
                "citations": [citation_dict(c, r) for c, r in report.citations if c.note == n.number],
                "findings": [{"rule": f.rule, "message": f.message} for f in report.findings if f.note == n.number]}
               for n in report.manuscript.notes if n.number in notes]
        click.echo(json.dumps(out, ensure_ascii=False, indent=2))
        return
    for number in notes:
        click.echo(explain_note(report, number))


def explain_note(report, number: int) -> str:  # type: ignore[no-untyped-def]
    from ..normalize import collapse_spaces

    lines = []
    for note in (n for n in report.manuscript.notes if n.number == number):
        where = f"{report.manuscript.position_kind} {note.line}"
        if note.label != f"note {note.number}":  # "note 3 of chapter 2", "note 2 on page 7", "note xiv"
            where = f"note {note.number} in running order, {where}"
        lines.append(f"{note.label} ({where}): {_safe(note.text)}")
        cited = [(c, r) for c, r in report.citations if c.note == note.number]
        if not cited:
            lines.append("  no citation found in this note")
        for k, (c, res) in enumerate(cited, 1):
            lines.append(f"  citation {k} [{c.kind}]: “{_safe(c.text)}”")
            target = _safe(res.key or ("ambiguous: " + ", ".join(res.ambiguous) if res.ambiguous else "unresolved"))
            lines.append(f"    -> {target} (score {res.score:.1f}): {_safe(res.reason)}")
            if c.locator is not None:
                pages = ", ".join(f"{a}" if a == b else f"{a}-{b}" for a, b in c.written_ranges) or "none"
                lines.append(f"    locator “{_safe(c.locator.text)}”: pages {pages}")
            for cand in res.candidates:
                found = ", ".join(f"{field} “{_safe(text)}”" for field, text in cand.matched) or "nothing"
                lines.append(f"    candidate {_safe(cand.key):<24} {cand.score:5.1f}  {cand.via:<9} found: {found}")
            if res.candidates and res.candidates[0].via == "alignment":
                rest = c.text
                for _, text in res.candidates[0].matched:
                    rest = rest.replace(text, "\0", 1)
                pieces = [collapse_spaces(p).strip(" ,.;:") for p in rest.split("\0")]
                pieces = [p for p in pieces if p]
                if pieces:
                    lines.append("    outside what was found: " + ", ".join(f"“{_safe(p)}”" for p in pieces))
        for f in (f for f in report.findings if f.note == note.number):
            lines.append(f"  finding {f.rule}: {_safe(f.message)}")
    return "\n".join(lines)


def _safe(text: str) -> str:
    """Manuscript (and bibliography) text on a terminal: control characters shown, never obeyed."""
    from ..output.sanitize import visible

    return visible(text)
