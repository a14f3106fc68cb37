"""The terminal report: findings first, then the sources table (rich)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..model import Report, Severity
from ..sources import format_ranges, sources
from . import RenderOptions

_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def render(report: Report, console: Console, show_sources: bool = True, min_severity: Severity = Severity.INFO) -> None:
    ms = report.manuscript
    findings = [f for f in report.findings if f.severity.rank >= min_severity.rank]
    cited = sum(1 for _ in report.citations)
    resolved = sum(1 for _, r in report.citations if r.key)
    console.print(
        Text.assemble(
            (ms.path, "bold"),
            f": {len(ms.notes)} notes, {cited} citations, {resolved} resolved to {len(sources(report))} of "
            f"{len(report.entries)} bibliography entries (language: {report.language})",
        )
    )
    if findings:
        table = Table(title="Findings", title_justify="left", show_lines=False, expand=False)
        table.add_column("note", justify="right")
        table.add_column("line", justify="right")
        table.add_column("severity")
        table.add_column("rule")
        table.add_column("message")
        for f in findings:
            message = Text(f.message)
            if f.suggestion:
                message.append(f"\n→ {f.suggestion}", style="dim")
            table.add_row(
                "" if f.note is None else str(f.note),
                "" if f.line is None else (f"bib:{f.line}" if f.file else str(f.line)),
                Text(f.severity.value, style=_STYLE[f.severity]),
                Text(f.rule),
                message,
            )
        console.print(table)
    else:
        console.print(Text("No findings.", style="green"))
    if show_sources:
        table = Table(title="Sources", title_justify="left")
        table.add_column("key")
        table.add_column("cited as")
        table.add_column("n", justify="right")
        table.add_column("notes")
        table.add_column("pages")
        for src in sources(report):
            kinds = ", ".join(f"{k} {v}" if v > 1 else k for k, v in src.kinds.items())
            table.add_row(Text(src.key), kinds, str(src.citations), ", ".join(map(str, src.notes)),
                          format_ranges(src.pages))
        console.print(table)


def write(reports: Sequence[Report], out: TextIO, options: RenderOptions) -> None:
    # soft_wrap when piped: rich would otherwise hard-wrap at 80 columns.
    tty = out.isatty()
    console = Console(file=out, soft_wrap=not tty, highlight=False, force_terminal=options.color or None,
                      no_color=not options.color, color_system="auto" if options.color else None)
    for i, report in enumerate(reports):
        if i:
            console.print()
        render(report, console, show_sources=options.show_sources)
