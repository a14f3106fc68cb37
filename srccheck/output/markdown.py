"""GitHub-flavoured Markdown: a summary, the findings and the sources as tables.

For $GITHUB_STEP_SUMMARY, pull-request comments and e-mail. Every piece of text from the
manuscript or the bibliography is escaped, so a note cannot open a link, an image, a tag
or a new table cell. A long sources table is folded in <details> (GitHub shows it closed).
"""

from __future__ import annotations

import os
import re
from typing import TextIO

from ..model import Finding, Report, Results, Severity, WorkReport
from ..sources import entry_author, entry_title, format_ranges, merge_ranges, short_title, sources
from . import RenderOptions, rule_codes
from .sanitize import visible

FOLD_SOURCES = 30  # more rows than this: the sources table is folded
# what can open inline syntax in a line or a table cell: emphasis, code, links and images ("![" needs "["),
# tags and autolinks, entities, strikethrough, math, the cell separator; CommonMark lets any of it be backslash-escaped
_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&$])")
_NOTE_PREFIX = re.compile(r"^note \d+: ")


def escape(text: str) -> str:
    """Plain text for a Markdown table cell or a line: one line, control characters shown escaped (sanitize.py),
    every special character escaped."""
    return _SPECIAL.sub(r"\\\1", " ".join(visible(text).split()))


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}"


def _counts(findings: list[Finding]) -> str:
    counts = {s: sum(1 for f in findings if f.severity is s) for s in Severity}
    return (f"{_plural(counts[Severity.ERROR], 'error')}, {_plural(counts[Severity.WARNING], 'warning')}, "
            f"{counts[Severity.INFO]:,} info")


def _where(report: Report | None, f: Finding) -> str:
    if f.file or report is None:
        return escape(os.path.basename(f.file or "")) + (f", line {f.line}" if f.line else "")
    kind = report.manuscript.position_kind
    parts = [f"note {f.note}"] if f.note is not None else []
    if f.line:
        parts.append(f"{kind} {f.line}")
    return ", ".join(parts)


def render(report: Report) -> str:
    from .. import __version__

    ms = report.manuscript
    resolved = sum(1 for _, r in report.citations if r.key)
    cited = sources(report)
    lines = [
        f"## srccheck: {escape(ms.path)}",
        "",
        f"**{_counts(report.findings)}** · {len(ms.notes):,} notes · {len(report.citations):,} citations, "
        f"{resolved:,} resolved to {len(cited):,} of {len(report.entries):,} entries"
        + (f" in {escape(report.bib_path)}" if report.bib_path else "") + f" · srccheck {escape(__version__)}",
        "",
        "### Findings",
        "",
    ]
    if report.findings:
        codes = rule_codes()
        lines += ["| severity | rule | where | message | suggestion |", "| --- | --- | --- | --- | --- |"]
        for f in report.findings:
            message = _NOTE_PREFIX.sub("", f.message) if f.note is not None and not f.file else f.message
            lines.append(f"| {f.severity.value} | {escape(codes.get(f.rule, ''))} {escape(f.rule)} | "
                         f"{_where(report, f)} | {escape(message)} | {escape(f.suggestion or '')} |")
    else:
        lines.append("No findings.")
    lines += ["", _sources_table(report, cited), ""]
    return "\n".join(lines)


def _sources_table(report: Report, cited: list) -> str:  # type: ignore[type-arg]
    if not cited:
        return "### Sources\n\nNo citation resolved to an entry."
    rows = ["| key | author | title | cited | notes | pages | first full |",
            "| --- | --- | --- | ---: | --- | --- | --- |"]
    for src in cited:
        entry = report.entries.get(src.key)
        author = escape(entry_author(entry)) if entry else ""
        title = escape(short_title(entry_title(entry), 8)) if entry else ""
        notes = format_ranges(merge_ranges([(n, n) for n in src.notes]))
        first = f"note {src.first_full}" if src.first_full is not None else ""
        rows.append(f"| {escape(src.key)} | {author} | {title} | {src.citations} | {notes} | "
                    f"{format_ranges(src.pages)} | {first} |")
    table = "\n".join(rows)
    heading = f"Sources ({len(cited):,} cited)"
    if len(cited) > FOLD_SOURCES:
        return f"<details><summary>{heading}</summary>\n\n{table}\n\n</details>"
    return f"### {heading}\n\n{table}"


def render_work(work: WorkReport) -> str:
    """A book's own findings (about its bibliography), once for all of its manuscripts."""
    codes = rule_codes()
    names = ", ".join(escape(p) for p in work.bib_paths) or "the bibliography"
    lines = [f"## srccheck: {names}", "",
             f"**{_counts(work.findings)}** · the bibliography of {_plural(len(work.manuscripts), 'manuscript')}", "",
             "| severity | rule | where | message | suggestion |", "| --- | --- | --- | --- | --- |"]
    for f in work.findings:
        lines.append(f"| {f.severity.value} | {escape(codes.get(f.rule, ''))} {escape(f.rule)} | {_where(None, f)} | "
                     f"{escape(f.message)} | {escape(f.suggestion or '')} |")
    return "\n".join(lines) + "\n"


def write(results: Results, out: TextIO, options: RenderOptions | None = None) -> None:
    parts = [render(r) for r in results.reports] + [render_work(w) for w in results.works if w.findings]
    if results.errors:
        parts.append("## Not checked\n\n" + "\n".join(f"- {escape(path)}: {escape(message)}"
                                                      for path, message in results.errors) + "\n")
    out.write("\n".join(parts))
