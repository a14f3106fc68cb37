"""Command line: parse options, run the pipeline, pick the renderer, set the exit code.

Exit codes: 0 no finding at or above the failing severity, 1 such findings, 2 usage
or unreadable input (one line on stderr, never a traceback).
"""

from __future__ import annotations

import sys

import click

from . import __version__
from .manuscript import FORMATS

EXIT_FINDINGS = 1
EXIT_INPUT = 2


class InputProblem(click.ClickException):
    """Unreadable input or bad usage: exit 2, unlike findings (exit 1)."""

    exit_code = EXIT_INPUT


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="srccheck")
def main() -> None:
    """Check a manuscript's footnote citations against a BibTeX bibliography.

    \b
    Example:
      srccheck check article.txt --bib refs.bib
      srccheck check article.txt --bib refs.bib --format json
    """


@main.command()
@click.argument("manuscript", type=click.Path(dir_okay=True, allow_dash=True))
@click.option("--bib", "bib_path", required=True, type=click.Path(allow_dash=False),
              help="The BibTeX file the citations should resolve to.")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="text: a readable report; json: the machine-readable report.")
@click.option("--language", type=click.Choice(["auto", "tr", "en", "de", "fr", "it", "es", "ru"]), default="auto",
              show_default=True, help="Language of the notes' citation conventions (auto: detect).")
@click.option("--input-format", type=click.Choice(["auto", *FORMATS]), default="auto", show_default=True,
              help="Manuscript format (auto: by file suffix and content).")
@click.option("--encoding", default=None, help="Manuscript encoding (default: detect UTF-8/16, Windows-1254/1252).")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info"]), default="error", show_default=True,
              help="Lowest severity that makes the exit code 1.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings.")
@click.option("--no-sources", is_flag=True, help="Text report: leave out the sources table.")
def check(manuscript: str, bib_path: str, output_format: str, language: str, input_format: str,
          encoding: str | None, fail_on: str, exit_zero: bool, no_sources: bool) -> None:
    """Check MANUSCRIPT's footnotes against the bibliography."""
    from .errors import InputError
    from .model import Severity
    from .pipeline import Options
    from .pipeline import check as run_check

    options = Options(
        language=None if language == "auto" else language,
        input_format=None if input_format == "auto" else input_format,
        encoding=encoding,
    )
    try:
        report = run_check(manuscript, bib_path, options)
    except InputError as exc:
        raise InputProblem(str(exc)) from None
    if output_format == "json":
        from .output.json_format import render

        sys.stdout.write(render(report))
    else:
        from rich.console import Console

        from .output.text import render as render_text

        console = Console(soft_wrap=not sys.stdout.isatty(), highlight=False)
        render_text(report, console, show_sources=not no_sources)
    threshold = Severity(fail_on)
    failing = [f for f in report.findings if f.severity.rank >= threshold.rank]
    if failing and not exit_zero:
        sys.exit(EXIT_FINDINGS)


@main.command()
def rules() -> None:
    """List the rules: code, name, default severity and what each finds."""
    from .rules import all_rules

    for rule in all_rules():
        click.echo(f"{rule.code}  {rule.name:<26} {rule.severity.value:<8} {rule.summary}")


@main.command()
@click.argument("name")
def rule(name: str) -> None:
    """Show the documentation of one rule (by name or code)."""
    from .rules import find_rule

    found = find_rule(name)
    if found is None:
        raise InputProblem(f"no rule named {name!r}; run 'srccheck rules' for the list")
    click.echo(f"{found.code} {found.name} (default severity: {found.severity.value})\n")
    click.echo(found.doc.strip())
