"""The HTML report: one self-contained file an editor can open offline, print and forward.

Header (files, date, version, counts by severity and rule, which double as the filters),
the findings, every note with its citations marked and labelled with the entry each
resolved to, the sources table and two charts (html_sources.py). Styles and the little
script (report.css, report.js) are inlined, and a Content-Security-Policy allows only
those two, by hash: nothing is fetched, and markup that slipped into the text could not
run. All text from the manuscript and the bibliography is escaped.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import time
from functools import lru_cache
from html import escape as _html_escape
from importlib.resources import files
from typing import Any, TextIO

from ..model import Citation, Finding, Note, Report, Resolution, Results, Severity
from ..sources import Source, sources
from . import RenderOptions
from .sanitize import visible
from .html_sources import SourceRows, charts, sources_table

_NOTE_PREFIX = re.compile(r"^note \d+: ")
_CLASS_SAFE = re.compile(r"[^a-z0-9-]")
_SEVERITIES = (Severity.ERROR, Severity.WARNING, Severity.INFO)
_CANDIDATES_SHOWN = 4  # an ambiguous citation's label links this many candidates


def escape(text: str, quote: bool = True) -> str:
    """HTML-escaped, control characters shown escaped first (sanitize.py)."""
    return _html_escape(visible(text, lines=True), quote)


def _with_work_findings(results: Results) -> list[Report]:
    """The reports to show: a book's own findings (about its bibliography) shown with its first manuscript, where
    their entries' rows are."""
    from dataclasses import replace

    first = {}
    for work in results.works:
        if work.findings and work.manuscripts:
            first[work.manuscripts[0]] = work.findings
    return [replace(r, findings=[*r.findings, *first.pop(r.manuscript.path, [])]) for r in results.reports]


def write(results: Results, out: TextIO, options: RenderOptions | None = None) -> None:
    """The check report of one or more manuscripts, as one page."""
    reports = _with_work_findings(results)
    multiple = len(reports) > 1
    parts: list[str] = []
    data: list[dict[str, Any]] = []
    findings = [f for r in reports for f in r.findings]
    if not reports:
        parts.append("<h1>Citation report</h1><p>No manuscript could be checked: srccheck said why on stderr.</p>")
    if multiple:  # a list of the reports, and one set of filters for all of them, before them
        listed = "".join(f'<li><a href="#r{i + 1}-report">{escape(r.manuscript.path)}</a>: {_counts(r)}</li>'
                         for i, r in enumerate(reports))
        parts.append(f'<h1>Citation reports: {len(reports)} manuscripts</h1><ul class="reports">{listed}</ul>'
                     + _filters(findings, single=False))
    for i, report in enumerate(reports):
        rows = SourceRows.of(report, sources(report))
        data.append({"sources": rows.data()})
        filters = "" if multiple else _filters(findings, single=True)
        parts.append(_report(report, i, f"r{i + 1}-" if multiple else "", rows, filters))
    title = "srccheck: " + (os.path.basename(reports[0].manuscript.path) if len(reports) == 1
                            else f"{len(reports)} manuscripts" if reports else "nothing checked")
    first = "r1-" if multiple else ""
    sections = [(f"{first}{anchor}", name) for anchor, name in
                (("findings", "Findings"), ("notes", "Notes"), ("sources", "Sources"), ("charts", "Charts"))]
    _page(out, title, parts, data, _rule_css(findings), _nav(sections, jump=not multiple))


def write_sources(report: Report, ordered: list[Source], out: TextIO) -> None:
    """`srccheck sources --format html`: the header and the sources part alone, rows in the given order."""
    rows = SourceRows.of(report, ordered)
    parts = [f'<section class="report" data-report="0" id="sources-report">{_header(report, "Sources", False)}',
             sources_table(report, rows, "", None), charts(report, rows, "", None), "</section>"]
    _page(out, f"srccheck sources: {os.path.basename(report.manuscript.path)}", parts,
          [{"sources": rows.data()}], "", _nav([("sources", "Sources"), ("charts", "Charts")], jump=False))


def _page(out: TextIO, title: str, parts: list[str], data: list[dict[str, Any]], extra_css: str, nav: str) -> None:
    style = _asset("report.css") + extra_css
    script = _asset("report.js")
    policy = (f"default-src 'none'; style-src '{_sha256(style)}'; script-src '{_sha256(script)}'; img-src data:; "
              "base-uri 'none'; form-action 'none'")
    out.write(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{policy}">\n'
        f'<meta name="generator" content="srccheck {_version()}">\n'
        f"<title>{escape(title)}</title>\n<style>{style}</style>\n</head>\n<body>\n"
    )
    out.write(nav)
    out.write("<main>\n")
    for part in parts:
        out.write(part)
    out.write("</main>\n")
    out.write(f'<script type="application/json" id="srccheck-data">{_json({"reports": data})}</script>\n')
    out.write(f"<script>{script}</script>\n</body>\n</html>\n")


@lru_cache(maxsize=None)
def _asset(name: str) -> str:
    return files(__package__).joinpath(name).read_text(encoding="utf-8")


def _sha256(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


def _json(value: Any) -> str:
    """JSON that cannot end its <script> element: '<', '>' and '&' as \\u escapes."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _version() -> str:
    from .. import __version__

    return __version__


def _date() -> str:
    """Now, or SOURCE_DATE_EPOCH (the reproducible-builds convention) so a report can be rebuilt byte for byte."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    stamp = int(epoch) if re.fullmatch(r"[0-9]{1,11}", epoch) else time.time()  # else not a date gmtime takes
    return time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime(stamp))


def _nav(sections: list[tuple[str, str]], jump: bool) -> str:
    links = " ".join(f'<a href="#{anchor}">{name}</a>' for anchor, name in sections)
    form = ('<form id="jump" role="search"><label for="jump-note">Note</label>'
            '<input id="jump-note" name="note" inputmode="numeric" autocomplete="off"><button>Go</button></form>'
            if jump else "")
    return (f'<nav class="toc" aria-label="Sections"><div class="in"><strong>srccheck</strong> {links}{form}'
            "</div></nav>\n")


def _rule_class(rule: str) -> str:
    return "r-" + _CLASS_SAFE.sub("-", rule.lower())


def _rule_css(findings: list[Finding]) -> str:
    names = sorted({_rule_class(f.rule) for f in findings})
    if not names:
        return ""
    return "\n" + ", ".join(f".hide-{n} .f.{n}" for n in names) + " { display: none; }\n"


def _codes() -> dict[str, tuple[str, str]]:
    from ..rules import all_rules

    return {r.name: (r.code, r.summary) for r in all_rules()}


def _filters(findings: list[Finding], single: bool) -> str:
    """Counts by severity and by rule, each a checkbox that shows or hides those findings."""
    if not findings:
        return ""
    codes = _codes()
    by_severity = {s: 0 for s in _SEVERITIES}
    by_rule: dict[str, int] = {}
    for f in findings:
        by_severity[f.severity] += 1
        by_rule[f.rule] = by_rule.get(f.rule, 0) + 1
    severity = "".join(
        f'<label><input type="checkbox" checked data-hide="hide-sev-{s.value}">'
        f'<span class="sev sev-{s.value}">{s.value}</span><span class="n">{by_severity[s]}</span></label>'
        for s in _SEVERITIES if by_severity[s])
    rules = "".join(
        f'<label title="{escape(codes.get(name, ("", ""))[1])}"><input type="checkbox" checked '
        f'data-hide="hide-{_rule_class(name)}"><span><code>{escape(codes.get(name, ("", ""))[0])}</code> '
        f'{escape(name)}</span><span class="n">{count}</span></label>'
        for name, count in sorted(by_rule.items(), key=lambda item: (codes.get(item[0], ("~",))[0], item[0])))
    notes = ('<fieldset><legend>Notes</legend><label><input type="checkbox" id="only-flagged">'
             "only notes with a finding shown</label>"
             f'<p class="muted"><span id="shown-count">{len(findings)}</span> of {len(findings)} findings shown</p>'
             "</fieldset>")
    where = "in this report" if single else "in these reports"
    return (f'<section class="filters" aria-label="Filters: findings {where} by severity and rule">'
            f"<fieldset><legend>Severity</legend>{severity}</fieldset>"
            f"<fieldset><legend>Rule</legend>{rules}</fieldset>{notes}</section>\n")


def _counts(report: Report) -> str:
    counts = {s: sum(1 for f in report.findings if f.severity is s) for s in _SEVERITIES}
    return ", ".join(f"{counts[s]:,} {s.value}{'s' if counts[s] != 1 and s is not Severity.INFO else ''}"
                     for s in _SEVERITIES)


def _header(report: Report, heading: str, with_findings: bool) -> str:
    ms = report.manuscript
    resolved = sum(1 for _, r in report.citations if r.key)
    ambiguous = sum(1 for _, r in report.citations if not r.key and r.ambiguous)
    unresolved = len(report.citations) - resolved - ambiguous
    cited = len({r.key for _, r in report.citations if r.key})
    stats = [f"{len(ms.notes):,} notes", f"{len(report.citations):,} citations", f"{resolved:,} resolved",
             f"{ambiguous:,} ambiguous", f"{unresolved:,} unresolved",
             f"{cited:,} of {len(report.entries):,} entries cited"]
    if with_findings:
        stats.append(_counts(report))
    bib = (f"{escape(report.bib_path)} ({len(report.entries):,} entries)" if report.bib_path
           else f"none: {len(report.entries):,} works drafted from the notes")
    return (f"<header><h1>{heading}: {escape(os.path.basename(ms.path) or ms.path)}</h1>"
            '<dl class="meta">'
            f"<dt>Manuscript</dt><dd>{escape(ms.path)}</dd>"
            f"<dt>Bibliography</dt><dd>{bib}</dd>"
            f"<dt>Checked</dt><dd>{_date()}</dd>"
            f"<dt>srccheck</dt><dd>{escape(_version())}</dd>"
            f"<dt>Language</dt><dd>{escape(report.language)}</dd></dl>"
            '<ul class="stats">' + "".join(f"<li>{s}</li>" for s in stats) + "</ul></header>\n")


def _report(report: Report, index: int, prefix: str, rows: SourceRows, filters: str) -> str:
    notes = _NoteIds(report.manuscript.notes, prefix)
    return "".join([
        f'<section class="report" data-report="{index}" id="{prefix}report">',
        _header(report, "Citation report", True),
        filters,
        _findings(report, notes, rows, prefix),
        _notes(report, notes, rows, prefix),
        sources_table(report, rows, prefix, notes.first),
        charts(report, rows, prefix, notes.first),
        "</section>\n",
    ])


class _NoteIds:
    """Anchor of each note: n<number>, and n<number>-2… for a number used again (restarted numbering)."""

    def __init__(self, notes: list[Note], prefix: str) -> None:
        self.ids: list[str] = []
        self.first: dict[int, str] = {}
        seen: dict[int, int] = {}
        for note in notes:
            k = seen[note.number] = seen.get(note.number, 0) + 1
            anchor = f"{prefix}n{note.number}" + (f"-{k}" if k > 1 else "")
            self.ids.append(anchor)
            self.first.setdefault(note.number, anchor)


def _where(report: Report, f: Finding, notes: _NoteIds, rows: SourceRows, prefix: str) -> str:
    kind = report.manuscript.position_kind  # what a line number counts: line, paragraph or page
    if f.file:
        line = f" line {f.line}" if f.line else ""
        place = f'{escape(os.path.basename(f.file))}{line}'
        if f.key and f.key in rows.number:
            return f'<a href="#{prefix}s{rows.number[f.key]}">{place}</a>'
        return place
    if f.note is not None and f.note in notes.first:
        line = f' <span class="muted">{kind} {f.line}</span>' if f.line else ""
        return f'<a href="#{notes.first[f.note]}">note {f.note}</a>{line}'
    return f"{kind} {f.line}" if f.line else ""


def _message(f: Finding) -> str:
    """The message without its leading "note N: ": the note is named beside it already."""
    return _NOTE_PREFIX.sub("", f.message) if f.note is not None and not f.file else f.message


def _finding_classes(f: Finding) -> str:
    return f"f sev-{f.severity.value} {_rule_class(f.rule)}"


def _findings(report: Report, notes: _NoteIds, rows: SourceRows, prefix: str) -> str:
    if not report.findings:
        return f'<h2 id="{prefix}findings">Findings</h2><p>No findings.</p>\n'
    codes = _codes()
    out = [f'<h2 id="{prefix}findings">Findings ({len(report.findings):,})</h2>',
           '<div class="scroll"><table class="findings"><thead><tr><th>severity</th><th>rule</th><th>where</th>'
           "<th>message</th></tr></thead><tbody>"]
    for i, f in enumerate(report.findings):
        code = codes.get(f.rule, ("", ""))[0]
        on_note = f.note is not None and f.note in notes.first and not f.file
        suggestion = "" if on_note or not f.suggestion else f'<div class="muted">→ {escape(f.suggestion)}</div>'
        out.append(f'<tr class="{_finding_classes(f)}" id="{prefix}f{i}">'
                   f'<td><span class="sev">{f.severity.value}</span>'
                   f'</td><td class="nowrap"><code>{escape(code)}</code> {escape(f.rule)}</td>'
                   f"<td>{_where(report, f, notes, rows, prefix)}</td><td>{escape(_message(f))}{suggestion}</td></tr>")
    out.append("</tbody></table></div>\n")
    return "".join(out)


def _notes(report: Report, ids: _NoteIds, rows: SourceRows, prefix: str) -> str:
    by_note: dict[int, list[tuple[Citation, Resolution]]] = {}
    for cit, res in report.citations:
        by_note.setdefault(cit.note, []).append((cit, res))
    findings: dict[int, list[tuple[int, Finding]]] = {}
    for i, f in enumerate(report.findings):
        if f.note is not None and not f.file:
            findings.setdefault(f.note, []).append((i, f))
    last = {note.number: k for k, note in enumerate(report.manuscript.notes)}
    kind = report.manuscript.position_kind  # what a line number counts: line, paragraph or page
    out = [f'<h2 id="{prefix}notes">Notes ({len(report.manuscript.notes):,})</h2>'
           '<div class="notes">']
    # the notes' own language on their text only: the report's labels stay English (uppercase "warning"
    # under lang="tr" would become "WARNİNG")
    lang = escape(report.language)
    for k, note in enumerate(report.manuscript.notes):
        anchor = ids.ids[k]
        first = ids.first[note.number] == anchor
        pending = by_note.get(note.number, [])
        text, pending = _marked_text(note.text, pending, rows, prefix, lang, last_of_number=last[note.number] == k)
        by_note[note.number] = pending
        own = findings.get(note.number, []) if first else []
        classes = "note" + (" flagged" if own else "") + (
            " has-error" if any(f.severity is Severity.ERROR for _, f in own) else "")
        position = f'<span class="muted">{kind} {note.line}</span>' if note.line else ""
        out.append(f'<article class="{classes}" id="{anchor}"><h3><a href="#{anchor}">Note {note.number}</a>{position}'
                   f"</h3>{text}")
        for i, f in own:
            suggestion = f'<div class="sug">→ {escape(f.suggestion)}</div>' if f.suggestion else ""
            out.append(f'<div class="{_finding_classes(f)}"><a class="back" href="#{prefix}f{i}">findings ↑</a>'
                       f'<span class="sev">{f.severity.value}</span> <span class="rule">{escape(f.rule)}</span> '
                       f"{escape(_message(f))}{suggestion}</div>")
        out.append("</article>\n")
    out.append("</div>\n")
    return "".join(out)


def _marked_text(text: str, citations: list[tuple[Citation, Resolution]], rows: SourceRows, prefix: str, lang: str,
                 last_of_number: bool) -> tuple[str, list[tuple[Citation, Resolution]]]:
    """The note's text with each citation found in it marked, in order; citations given by key (\\cite,
    [@key]) have left the text and are listed after it. Returns (html, the citations not placed) so that
    a number used by two notes hands the rest to the next one."""
    placed: list[tuple[int, int, Citation, Resolution]] = []
    missing: list[tuple[Citation, Resolution]] = []
    at = 0
    for cit, res in citations:
        start = text.find(cit.text, at) if cit.text else -1
        if start < 0:
            missing.append((cit, res))
            continue
        placed.append((start, start + len(cit.text), cit, res))
        at = start + len(cit.text)
    pieces = [f'<p lang="{lang}">']
    at = 0
    for start, end, cit, res in placed:
        pieces.append(escape(text[at:start]))
        pieces.append(_citation(text[start:end], cit, res, rows, prefix))
        at = end
    pieces.append(escape(text[at:]) + "</p>")
    if missing and last_of_number:
        pieces.append(f'<div class="bykey" lang="{lang}"><span class="muted" lang="en">cited by key:</span> ')
        pieces.append(" · ".join(_citation(c.text or c.key or "?", c, r, rows, prefix) for c, r in missing))
        pieces.append("</div>")
        missing = []
    return "".join(pieces), missing


def details(cit: Citation, res: Resolution) -> list[tuple[str, str]]:
    """What the popup of a citation lists beside its entry, as (label, value) rows. Any detail the
    resolver comes to give (candidates, a score breakdown) is one more row here."""
    kind = str(getattr(cit.kind, "value", cit.kind))
    rows = [("cited as", kind + (f" ({cit.marker})" if cit.marker else ""))]
    if cit.locator is not None:
        rows.append(("locator", cit.locator.text))
    if res.score:
        rows.append(("score", f"{float(res.score):.1f}"))
    if res.reason:
        rows.append(("why", res.reason))
    if res.ambiguous:
        rows.append(("candidates", ", ".join(res.ambiguous)))
    return rows


def _details_attribute(rows: list[tuple[str, str]]) -> str:
    return escape("\n".join(f"{label}\t{' '.join(value.split())}" for label, value in rows))


def _citation(shown: str, cit: Citation, res: Resolution, rows: SourceRows, prefix: str) -> str:
    data = _details_attribute(details(cit, res))
    kind = _CLASS_SAFE.sub("-", str(getattr(cit.kind, "value", cit.kind)))
    if res.key and res.key in rows.number:
        n = rows.number[res.key]
        return (f'<a class="c ok k-{kind}" href="#{prefix}s{n}" data-s="{n}" data-d="{data}">{escape(shown)}</a>'
                f'<span class="lab" data-k="{escape(res.key)}"></span>')
    if res.ambiguous:
        links = " | ".join(f'<a href="#{prefix}s{rows.number[k]}">{escape(k)}</a>' if k in rows.number else escape(k)
                           for k in res.ambiguous[:_CANDIDATES_SHOWN])
        if len(res.ambiguous) > _CANDIDATES_SHOWN:  # all of them are in the popup
            links += f" | {len(res.ambiguous) - _CANDIDATES_SHOWN} more"
        return (f'<span class="c amb k-{kind}" tabindex="0" data-d="{data}">{escape(shown)}</span>'
                f'<span class="lab amb">ambiguous: {links}</span>')
    cascade = " cascade" if getattr(res, "cascade", False) else ""
    return (f'<span class="c un{cascade} k-{kind}" tabindex="0" data-d="{data}">{escape(shown)}</span>'
            '<span class="lab un" data-k="unresolved"></span>')
