"""The terminal report: findings first, then the sources table (rich)."""

from __future__ import annotations

import re
from typing import TextIO

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..model import Finding, Report, Results, Severity, WorkReport
from ..sources import format_ranges, sources
from . import RenderOptions, position
from .sanitize import visible

_NOTE_PREFIX = re.compile(r"^note \d+: ")
_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def _codes() -> dict[str, str]:
    from ..rules import all_rules

    return {rule.name: rule.code for rule in all_rules()}


def render(report: Report, console: Console, show_sources: bool = True, min_severity: Severity = Severity.INFO) -> None:
    ms = report.manuscript
    findings = [f for f in report.findings if f.severity.rank >= min_severity.rank]
    cited = len(report.citations)
    resolved = sum(1 for _, r in report.citations if r.key)
    cited_sources = sources(report)  # counted in the header, listed in the table
    console.print(
        Text.assemble(
            (visible(ms.path), "bold"),
            f": {len(ms.notes)} notes, {cited} citations, {resolved} resolved to {len(cited_sources)} of "
            f"{len(report.entries)} bibliography entries (language: {report.language})",
        )
    )
    if findings:
        console.print(Text("\nFindings", style="bold"))
        console.print(_findings(report, findings))
    else:
        console.print(Text("No findings.", style="green"))
    if show_sources:
        table = Table(title="Sources", title_justify="left", title_style="bold")
        table.add_column("key", no_wrap=True)
        table.add_column("cited as")
        table.add_column("n", justify="right")
        table.add_column("notes")
        table.add_column("pages")
        for src in cited_sources:
            kinds = ", ".join(f"{k} {v}" if v > 1 else k for k, v in src.kinds.items())
            table.add_row(Text(visible(src.key)), kinds, str(src.citations), ", ".join(map(str, src.notes)),
                          format_ranges(src.pages))
        console.print()
        console.print(table)


def _findings(report: Report | None, findings: list[Finding], named: str | None = None) -> Text:
    """named: the one file the heading already names (a book's .bib): its findings say "line 9" alone."""
    codes = _codes()
    lines = []
    for f in findings:
        where = []
        if f.note is not None:
            where.append(f"note {f.note}")
        path, kind, number = position(report, f)
        if number is not None:  # a line, or a paragraph (Word, ODT) or a page (PDF) as they are
            shown = visible(path) + " " if f.file and f.file != named else ""
            where.append(f"{shown}{kind} {number}")
        lines.append(Text.assemble(
            (f"{f.severity.value:<8}", _STYLE[f.severity]), " ", (" · ".join(where), "bold"),
            f"  {codes.get(f.rule, '')} {f.rule}",
        ))
        # the header names the note already; the message keeps it for the other formats
        lines.append(Text("         " + visible(_NOTE_PREFIX.sub("", f.message))))
        if f.suggestion:
            lines.append(Text(f"         → {visible(f.suggestion)}", style="dim"))
    # one print for all of them: rich's cost is per print (a book's thousands of findings took seconds)
    return Text("\n").join(lines)


def render_work(work: WorkReport, console: Console) -> None:
    """A book's own findings: about its bibliography, once for all of its manuscripts."""
    names = ", ".join(visible(p) for p in work.bib_paths) or "the bibliography"
    of = f" (the bibliography of {len(work.manuscripts)} manuscripts)" if len(work.manuscripts) > 1 else ""
    console.print(Text.assemble((names, "bold"), of))
    console.print(_findings(None, work.findings, work.bib_paths[0] if len(work.bib_paths) == 1 else None))


def broken_pipe() -> None:
    """Rich's own answer to a closed pipe is a silent exit 1 (the findings' code): leave it to output_guard."""
    import errno

    raise BrokenPipeError(errno.EPIPE, "Broken pipe")


def write(results: Results, out: TextIO, options: RenderOptions) -> None:
    # soft_wrap when piped: rich would otherwise hard-wrap at 80 columns.
    tty = out.isatty()
    # piped: no terminal width to respect, so let lines and tables run (a pager or editor wraps them)
    console = Console(file=out, soft_wrap=not tty, highlight=False, force_terminal=options.color or None,
                      width=None if tty else 160,
                      no_color=not options.color, color_system="auto" if options.color else None)
    console.on_broken_pipe = broken_pipe  # type: ignore[method-assign] # rich would exit 1 on its own
    for i, report in enumerate(results.reports):
        if i:
            console.print()
        render(report, console, show_sources=options.show_sources)
    for work in results.works:
        if work.findings:
            console.print()
            render_work(work, console)
