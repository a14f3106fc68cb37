"""Command line: parse options, run the pipeline, pick the renderer, set the exit code.

Exit codes: 0 no finding at or above the failing severity, 1 such findings, 2 usage
or unreadable input (one line on stderr, never a traceback).
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

import click

from . import __version__
from .grammar import LANGUAGES
from .manuscript import FORMATS as INPUT_FORMATS
from .output import FORMATS
from .output_guard import GuardedGroup

if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import TextIO

    from .config import Overrides
    from .model import Results
    from .runner import Run

EXIT_FINDINGS = 1
EXIT_INPUT = 2


class InputProblem(click.ClickException):
    """Unreadable input or bad usage: exit 2, unlike findings (exit 1)."""

    exit_code = EXIT_INPUT


@click.group(cls=GuardedGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="srccheck")
def main() -> None:
    """Check a manuscript's footnote citations against a BibTeX bibliography.

    \b
    Example:
      srccheck check article.txt --bib refs.bib
      srccheck check article.txt --bib refs.bib --format json
      srccheck check chapters/*.md            # bib and rules from srccheck.toml
    """
    from .collector import for_a_run

    for_a_run()  # the cyclic collector's settings: see collector.py


def _selectors(ctx: click.Context, param: click.Parameter, value: tuple[str, ...]) -> tuple[str, ...] | None:
    """--select SC1,missing-locator --select SC4: comma-separated and repeatable."""
    items = tuple(s.strip() for v in value for s in v.split(",") if s.strip())
    if param.name == "select":
        return items or None  # None: not given, keep the configuration's
    return items


def _use_color(choice: str) -> bool:
    # An explicit --color always/never beats NO_COLOR (no-color.org); auto honours it.
    if choice != "auto":
        return choice == "always"
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR")


@main.command()
# no dir_okay=False: a directory gets srccheck's own one-line message ("is a directory, not a manuscript")
@click.argument("manuscripts", nargs=-1, required=False, type=click.Path(allow_dash=True))
@click.option("--bib", "bib_paths", multiple=True, type=click.Path(), metavar="FILE",
              help="BibTeX file the citations should resolve to (repeatable; default: 'bib' from the configuration).")
@click.option("--format", "output_format", type=click.Choice(FORMATS), default=None,
              help="Output: text (rich report, default on a terminal), concise (path:line:col: CODE [rule] message, "
                   "default when piped), json, sarif, github (Actions annotations), junit, html (one self-contained "
                   "page: notes, sources, charts), markdown (GitHub-flavoured: findings and sources).")
@click.option("--output-file", type=click.Path(allow_dash=False), default=None, metavar="FILE",
              help="Write the report to FILE instead of stdout (replaced whole, never half-written). Without "
                   "--format, the format comes from its suffix (.html, .md, .json, .sarif, .xml).")
@click.option("--language", type=click.Choice(["auto", *LANGUAGES]), default=None,
              help="Language of the notes' citation conventions [default: auto, detect].")
@click.option("--input-format", "--stdin-format", "input_format", type=click.Choice(["auto", *INPUT_FORMATS]),
              default=None,
              help="Manuscript format, e.g. for '-' (standard input) [default: auto, by file suffix and content].")
@click.option("--encoding", default=None, help="Manuscript encoding (default: detect UTF-8/16, Windows-1254/1252).")
@click.option("--select", callback=_selectors, multiple=True, metavar="RULES",
              help="Check only these rules: codes, code prefixes or names, comma-separated (replaces the configuration's).")
@click.option("--extend-select", callback=_selectors, multiple=True, metavar="RULES",
              help="Check these rules in addition to the selected ones.")
@click.option("--ignore", callback=_selectors, multiple=True, metavar="RULES",
              help="Do not check these rules (codes, prefixes or names, comma-separated).")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info"]), default=None,
              help="Lowest severity that makes the exit code 1 [default: error].")
@click.option("--unused-entries", type=click.Choice(["auto", "each", "summary"]), default=None,
              help="Uncited bib entries: one finding each, or one per .bib file counting them "
                   "[default: auto, count them when most of a file is uncited, as in a whole library].")
@click.option("--full-citation", type=click.Choice(["book", "chapter"]), default=None,
              help="Where a work's first citation must be full for short-before-full: once in the book (default: "
                   "the manuscripts in the order given), or again in each chapter (each manuscript, and each "
                   "chapter whose note numbering starts again).")
@click.option("--stdin-filename", default=None, metavar="NAME",
              help="The name standard input ('-') stands for: shown in the report, and its suffix, folder and "
                   "configuration apply as to that file.")
@click.option("-v", "--verbose", is_flag=True,
              help="Say on stderr how each manuscript was read: encoding, notes found, files included.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings (2 still means unreadable input).")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), default=None, metavar="FILE",
              help="Use this srccheck.toml / pyproject.toml instead of searching upwards from the manuscript.")
@click.option("--no-config", is_flag=True, help="Ignore configuration files.")
@click.option("--baseline", "baseline_path", type=click.Path(dir_okay=False), default=None, metavar="FILE",
              help="Report only findings not recorded in this baseline file.")
@click.option("--write-baseline", is_flag=True,
              help="Record the current findings in the --baseline file (written atomically) and exit 0.")
@click.option("--force", is_flag=True,
              help="Overwrite the --baseline file (with --write-baseline) or the --output-file even when it is not "
                   "srccheck's (never an input, a link or a special file).")
@click.option("--statistics", is_flag=True, help="Show how many findings each rule has instead of the findings.")
@click.option("-q", "--quiet", is_flag=True, help="Print only the summary line of each file.")
@click.option("--color", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True,
              help="Colour the text and concise output (auto: on a terminal unless NO_COLOR is set).")
@click.option("--no-sources", is_flag=True, help="Text report: leave out the sources table.")
@click.option("--no-cache", is_flag=True,
              help="Parse the manuscript and bibliography afresh and leave the cache alone (also SRCCHECK_NO_CACHE=1).")
def check(manuscripts: tuple[str, ...], bib_paths: tuple[str, ...], output_format: str | None,
          output_file: str | None, language: str | None,
          input_format: str | None, encoding: str | None, select: tuple[str, ...] | None,
          extend_select: tuple[str, ...], ignore: tuple[str, ...], fail_on: str | None,
          unused_entries: str | None, full_citation: str | None, stdin_filename: str | None, verbose: bool,
          exit_zero: bool,
          config_path: str | None, no_config: bool, baseline_path: str | None, write_baseline: bool, force: bool,
          statistics: bool, quiet: bool, color: str, no_sources: bool, no_cache: bool) -> None:
    """Check the MANUSCRIPTs' footnotes against the bibliography, as one book.

    MANUSCRIPT may be a file, a folder (its manuscripts, in natural order) or '-' (standard
    input); with none, the configuration's `manuscripts` list. Manuscripts sharing a
    bibliography are one book: its unused and duplicate entries are reported once.

    \b
    Examples:
      srccheck check article.txt --bib refs.bib
      srccheck check chapters/ --bib refs.bib          # a book, chapter by chapter
      srccheck check thesis.tex                        # \\include'd chapters read with it
      srccheck check chapters/*.md --format concise
      srccheck check thesis.md --format sarif > srccheck.sarif
      srccheck check thesis.md --baseline .srccheck-baseline.json --write-baseline
    """
    from . import reuse
    from .config import Overrides
    from .errors import InputError, UsageError
    from .output import MACHINE, RenderOptions, writer
    from .progress import Progress
    from .progress import wanted as progress_wanted
    from .runner import check_files, exit_code, summary

    reuse.set_enabled(not no_cache)
    # "srccheck check article.txt refs.bib": a BibTeX file beside the manuscripts is the bibliography meant (alone,
    # it stays a manuscript, and no-notes-found says to give it with --bib)
    given_bibs = [p for p in manuscripts if p != "-" and p.lower().endswith(".bib")]
    if given_bibs and len(given_bibs) < len(manuscripts):
        manuscripts = tuple(p for p in manuscripts if p not in given_bibs)
        bib_paths = (*bib_paths, *given_bibs)
    else:
        given_bibs = []
    cli = Overrides(bib=bib_paths, language=language, input_format=input_format, encoding=encoding, fail_on=fail_on,
                    select=select, extend_select=extend_select, ignore=ignore, baseline=baseline_path,
                    unused_entries=unused_entries, full_citation=full_citation)
    paths = list(manuscripts)
    if stdin_filename is not None:
        if paths not in ([], ["-"]):
            raise InputProblem("--stdin-filename names standard input: give '-' (or no file) as the manuscript")
        if not stdin_filename.strip() or stdin_filename == "-":
            raise InputProblem("--stdin-filename needs a file name, such as chapters/one.md")
        paths = ["-"]
    fmt = output_format or _format_for(output_file) or ("text" if sys.stdout.isatty() else "concise")
    try:
        if write_baseline:
            _write_baselines(paths, cli, config_path, no_config, fmt, stdin_filename, force)
            return
        with Progress(len(paths), progress_wanted(fmt, quiet)) as progress:
            run = check_files(paths, cli, config_path, no_config, progress=progress, stdin_name=stdin_filename)
    except (InputError, UsageError) as exc:
        raise InputProblem(str(exc)) from None
    if given_bibs:  # said once the run stands (an unreadable .bib is the one-line error alone)
        click.echo(f"srccheck: {_visible(', '.join(given_bibs))}: taken as the bibliography (--bib)", err=True)

    results = run.results()
    machine = fmt in MACHINE
    options = RenderOptions(color=_use_color(color) and not output_file, show_sources=not no_sources,
                            statistics=statistics and fmt == "json")
    if verbose:
        _print_reading(run)
    if output_file and (results.reports or results.works):  # nothing checked: an earlier report stays as it was
        _write_report_file(output_file, lambda out: writer(fmt)(results, out, options), run, force)
    # stdout holds exactly one document with a machine format, whatever -q and --statistics say
    if not output_file and (machine or (not quiet and not statistics)):
        from .collector import paused

        with paused():
            writer(fmt)(results, sys.stdout, options)
    if statistics and not options.statistics:  # a table: on stdout unless a document is there
        _print_statistics(results, err=machine and not output_file)
    show = not (quiet and machine and not output_file)  # -q with a document on stdout: the document alone
    to_stderr = machine and not output_file  # summaries never mix into a document on stdout
    for outcome in run.outcomes:
        if outcome.notice is not None:
            click.echo(f"srccheck: {_visible(outcome.notice)}", err=True)
        if outcome.error is not None:
            click.echo(f"srccheck: {_visible(outcome.error)}", err=True)
        elif show:
            click.echo(_visible(summary(outcome)), err=to_stderr)
    for work in run.works:
        if show and (work.findings or work.baselined):
            click.echo(_visible(summary(work)), err=to_stderr)
    sys.exit(exit_code(run, exit_zero))


def _visible(text: str) -> str:
    from .output.sanitize import visible

    return visible(text)


def _print_reading(run: "Run") -> None:
    """--verbose: how each manuscript was read, on stderr."""
    for outcome in run.outcomes:
        if outcome.report is None:
            continue
        ms = outcome.report.manuscript
        encoding = ms.encoding or "none (a Word, ODT or PDF file)"
        numbered = {"per-chapter": "per chapter", "per-page": "on every page"}.get(ms.numbering, "once")
        layout = f"{ms.layout or 'notes'}, numbered {numbered}"
        line = (f"srccheck: {outcome.path}: encoding {encoding}; {len(ms.notes):,} notes ({layout}); "
                f"positions are {ms.position_kind}s; bibliography {', '.join(outcome.bib) or 'from the document'}")
        included = list(dict.fromkeys(path for _, path, _, _ in ms.line_map if path != ms.path))
        if included:
            line += f"; includes {', '.join(included)}"
        click.echo(_visible(line), err=True)


_SUFFIX_FORMATS = {".html": "html", ".htm": "html", ".md": "markdown", ".markdown": "markdown", ".json": "json",
                   ".sarif": "sarif", ".xml": "junit", ".txt": "text"}


def _format_for(output_file: str | None) -> str | None:
    return _SUFFIX_FORMATS.get(os.path.splitext(output_file)[1].lower()) if output_file else None


def _write_report_file(path: str, render: "Callable[[TextIO], None]", run: "Run", force: bool = False) -> None:
    from .collector import paused
    from .errors import InputError
    from .output.destination import write_report_file

    outcomes = run.outcomes
    inputs = [*(o.path for o in outcomes), *(b for o in outcomes for b in o.bib),
              *(o.config_path for o in outcomes if o.config_path),
              *(p for o in outcomes if o.report for _, p, _, _ in o.report.manuscript.line_map)]
    try:
        with paused():
            write_report_file(path, render, inputs, force)
    except InputError as exc:
        raise InputProblem(str(exc)) from None


def _write_baselines(paths: list[str], cli: "Overrides", config_path: str | None, no_config: bool, fmt: str,
                     stdin_name: str | None, force: bool) -> None:
    from . import baseline
    from .errors import InputError
    from .runner import baseline_targets, check_files
    from .safe_output import check_target

    targets = baseline_targets(paths, cli, config_path, no_config, stdin_name)
    if not targets:
        raise InputProblem("--write-baseline needs --baseline FILE (or baseline in the configuration)")
    written = []
    for target, members in targets.items():  # refused before the check runs, and again when written
        check_target(target, [*members, *cli.bib, *([config_path] if config_path else [])], force, baseline.is_baseline,
                     "srccheck baseline")
    for target, members in targets.items():
        run = check_files(members, cli, config_path, no_config, use_baseline=False, stdin_name=stdin_name)
        bad = [o for o in run.outcomes if o.error is not None]
        if bad:
            raise InputError(bad[0].error or "")
        outcomes = run.outcomes
        inputs = [*members, *{b for o in outcomes for b in o.bib}, *{o.config_path for o in outcomes if o.config_path}]
        # a book's own findings are kept under its .bib file
        work_findings: dict[str, list] = {}
        for work in run.works:
            for f in work.findings:
                work_findings.setdefault(f.file or work.report.manuscripts[0], []).append(f)
        count = baseline.write([*((o.path, o.findings) for o in outcomes), *work_findings.items()], target, inputs, force)
        written.append({"path": target, "findings": count})
        click.echo(f"srccheck: wrote {count} finding{'' if count == 1 else 's'} to {target}", err=True)
    if fmt == "json":  # stdout stays JSON: what was written
        import json

        from . import __version__

        click.echo(json.dumps({"version": __version__, "baselines": written}, ensure_ascii=False, indent=2))


def _print_statistics(results: "Results", err: bool = False) -> None:
    from .output import statistics

    for row in statistics(results):
        click.echo(f"{row['count']:>5}  {row['code']}  {row['name']:<26} {row['severity']}", err=err)


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


# Other commands register here, one line each: main.add_command(...)
main.add_command(__import__("srccheck.commands.sources", fromlist=["sources"]).sources)
main.add_command(__import__("srccheck.commands.bib", fromlist=["bib"]).bib)
main.add_command(__import__("srccheck.commands.cache", fromlist=["cache"]).cache)
main.add_command(__import__("srccheck.commands.explain", fromlist=["explain"]).explain)
