"""The sources part of the HTML report: the table (from srccheck.sources' summary) and two inline SVG charts.

Rows are numbered: a citation links to "#s<n>", the popup reads entry n from the page's data
block. Cited entries come first, in the summary's (or --sort's) order; uncited ones follow in a
folded list (after any entry only an ambiguous citation names, so that every link has its row),
cut at UNCITED_SHOWN for a whole library.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape as _html_escape

from ..bibliography import entry_pagetotal, entry_span
from ..model import Entry, PageRange, Report
from ..sources import Source, entry_author, entry_title, format_ranges, merge_ranges, short_title
from .sanitize import visible

UNCITED_SHOWN = 500  # uncited entries listed in the folded table; `srccheck sources --uncited` lists them all
CHART_ROWS = 60  # sources drawn in a chart: the most cited, when there are more
_KIND_RANK = {"full": 0, "archival": 1, "short": 2, "ibid": 3}  # the strongest kind colours a cell


def escape(text: str, quote: bool = True) -> str:
    """HTML-escaped, control characters shown escaped first (sanitize.py)."""
    return _html_escape(visible(text, lines=True), quote)


@dataclass
class SourceRows:
    cited: list[Source]
    candidates: list[Entry]  # entries only an ambiguous citation names (so neither cited nor "never cited")
    uncited: list[Entry]
    uncited_total: int
    entries: dict[str, Entry]
    number: dict[str, int] = field(default_factory=dict)  # key -> row number (the "s<n>" anchor)

    @classmethod
    def of(cls, report: Report, ordered: list[Source]) -> SourceRows:
        from ..rules.unused_entry import uncited_entries

        uncited = uncited_entries(report.citations, report.entries)
        cited = {s.key for s in ordered}
        named = dict.fromkeys(k for _, res in report.citations if not res.key for k in res.ambiguous)
        candidates = [report.entries[k] for k in named if k not in cited and k in report.entries]
        rows = cls(ordered, candidates, uncited[:UNCITED_SHOWN], len(uncited), report.entries)
        keys = [s.key for s in ordered] + [e.key for e in candidates] + [e.key for e in rows.uncited]
        rows.number = {key: i for i, key in enumerate(keys)}
        return rows

    def data(self) -> list[list[object]]:
        """[key, author, title, year] per row, for the citation popups."""
        out: list[list[object]] = []
        for key in self.number:
            entry = self.entries.get(key)
            if entry is None:
                out.append([key, "", "", None])
            else:
                out.append([key, entry_author(entry), entry_title(entry), entry.year])
        return out


NoteIds = dict[int, str]  # note number -> its anchor in the page; None where the page has no notes


MARKED_RANGES = 40  # ranges of notes or pages given their own element in a cell; the rest are one text


def _note_links(notes: list[int], note_ids: NoteIds | None) -> str:
    """1, 2, 3, 5 -> "1–3, 5", each range linked to its first note: the first MARKED_RANGES of them (a work
    cited in a thousand notes would otherwise cost thousands of elements; the chart shows where)."""
    ranges = merge_ranges([(n, n) for n in notes])
    parts = [_note_link(a, format_ranges([(a, b)]), note_ids) for a, b in ranges[:MARKED_RANGES]]
    if len(ranges) > MARKED_RANGES:
        parts.append(format_ranges(ranges[MARKED_RANGES:]))
    return ", ".join(parts)


def _note_link(number: int, shown: str, note_ids: NoteIds | None) -> str:
    if note_ids is None or number not in note_ids:
        return f'<span class="nowrap">{shown}</span>'
    return f'<a class="nowrap" href="#{note_ids[number]}">{shown}</a>'


def _ranges(pages: list[PageRange]) -> str:
    """Merged page ranges, none broken across lines at its dash (the first MARKED_RANGES)."""
    parts = [f'<span class="nowrap">{a}–{b}</span>' if a != b else str(a) for a, b in pages[:MARKED_RANGES]]
    if len(pages) > MARKED_RANGES:
        parts.append(format_ranges(pages[MARKED_RANGES:]))
    return ", ".join(parts)


def _kinds(src: Source) -> str:
    return ", ".join(f"{k} {v}" if v > 1 else k for k, v in src.kinds.items())


def _entry_pages(entry: Entry | None) -> str:
    if entry is None:
        return ""
    span = entry_span(entry)
    if span:
        return f'<span class="nowrap">{span[0]}–{span[1]}</span>' if span[0] != span[1] else str(span[0])
    total = entry_pagetotal(entry)
    return f'<span class="nowrap">{total} pp.</span>' if total else ""


def _work(entry: Entry | None) -> str:
    if entry is None:
        return ""
    author = entry_author(entry)
    title = entry_title(entry)
    year = f" ({entry.year})" if entry.year else ""
    lead = f"<strong>{escape(author)}</strong>, " if author else ""
    return f'{lead}<span class="title" title="{escape(title)}">{escape(short_title(title, 12))}</span>{year}'


def sources_table(report: Report, rows: SourceRows, prefix: str, note_ids: NoteIds | None) -> str:
    out = [f'<h2 class="part" id="{prefix}sources">Sources ({len(rows.cited):,} cited)</h2>']
    if rows.cited:
        out.append('<div class="scroll"><table class="sources"><thead><tr><th>key</th><th>work</th>'
                   '<th class="num">cited</th><th>notes</th><th>pages cited</th><th>entry pages</th>'
                   "<th>first full citation</th></tr></thead><tbody>")
        for src in rows.cited:
            entry = rows.entries.get(src.key)
            first = ""
            if src.first_full is not None:
                first = (_note_link(src.first_full, f"note {src.first_full}", note_ids)
                         + f' <span class="first" lang="{escape(report.language)}">'
                         f"{escape(src.first_full_text)}</span>")
            out.append(
                f'<tr id="{prefix}s{rows.number[src.key]}" data-key="{escape(src.key)}">'
                f'<td><span class="key">{escape(src.key)}</span></td><td>{_work(entry)}</td>'
                f'<td class="num" title="{escape(_kinds(src))}">{src.citations}</td>'
                f"<td>{_note_links(src.notes, note_ids)}</td><td>{_ranges(src.pages)}</td>"
                f"<td>{_entry_pages(entry)}</td><td>{first}</td></tr>")
        out.append("</tbody></table></div>\n")
    else:
        out.append("<p>No citation resolved to an entry.</p>\n")
    if rows.uncited_total or rows.candidates:
        out.append(_folded(rows, prefix))
    return "".join(out)


def _folded(rows: SourceRows, prefix: str) -> str:
    """The entries no citation resolved to, folded: those an ambiguous citation names, then those never cited."""
    what = []
    if rows.candidates:
        what.append(f"{len(rows.candidates):,} named only by an ambiguous citation")
    if rows.uncited_total:
        what.append(f'{rows.uncited_total:,} {"entry" if rows.uncited_total == 1 else "entries"} never cited')
    more = rows.uncited_total - len(rows.uncited)
    note = (f'<p class="muted">{len(rows.uncited):,} of those never cited are listed; '
            f"<code>srccheck sources MANUSCRIPT --bib FILE --uncited</code> lists all {rows.uncited_total:,}.</p>"
            if more > 0 else "")
    out = [f'<details class="uncited"><summary>{"; ".join(what)}</summary>{note}'
           '<div class="scroll"><table class="sources"><thead><tr><th>key</th><th>work</th>'
           '<th>entry pages</th><th class="num">bib line</th></tr></thead><tbody>']
    for entry in rows.candidates + rows.uncited:
        candidate = ' <span class="muted">(an ambiguous citation names it)</span>' if entry in rows.candidates else ""
        out.append(f'<tr id="{prefix}s{rows.number[entry.key]}" data-key="{escape(entry.key)}">'
                   f'<td><span class="key">{escape(entry.key)}</span></td><td>{_work(entry)}{candidate}</td>'
                   f'<td>{_entry_pages(entry)}</td><td class="num">{entry.line}</td></tr>')
    out.append("</tbody></table></div></details>\n")
    return "".join(out)


def charts(report: Report, rows: SourceRows, prefix: str, note_ids: NoteIds | None) -> str:
    return (f'<h2 id="{prefix}charts">Charts</h2>' + _where_cited(report, rows, prefix, note_ids)
            + _page_bars(report, rows, prefix))


def _chosen(rows: SourceRows) -> tuple[list[Source], str]:
    """The sources a chart draws, in table order: all, or the CHART_ROWS most cited."""
    if len(rows.cited) <= CHART_ROWS:
        return rows.cited, ""
    top = sorted(rows.cited, key=lambda s: -s.citations)[:CHART_ROWS]
    keep = {s.key for s in top}
    return [s for s in rows.cited if s.key in keep], f" (the {CHART_ROWS} most cited of {len(rows.cited):,} sources)"


_LABEL_W = 190  # the sources' keys, left of the plot
_PLOT_W = 760
_ROW_H = 15


def _label(key: str, n: int, y: float, prefix: str) -> str:
    shown = key if len(key) <= 26 else key[:25] + "…"
    return (f'<a href="#{prefix}s{n}"><text x="{_LABEL_W - 8}" y="{y + _ROW_H - 4}" text-anchor="end">'
            f"<title>{escape(key)}</title>{escape(shown)}</text></a>")


def _ticks(count: int) -> int:
    """A step for at most a dozen ticks: 1, 2, 5, 10, 20, 50…"""
    step, factors = 1, [2.0, 2.5, 2.0]
    while count / step > 12:
        step = int(step * factors[0])
        factors = factors[1:] + factors[:1]
    return step


def _where_cited(report: Report, rows: SourceRows, prefix: str, note_ids: NoteIds | None) -> str:
    """Sources × notes: a cell where a note cites a source, coloured by the strongest kind of citation."""
    notes = report.manuscript.notes
    chosen, caption = _chosen(rows)
    if not chosen or not notes:
        return ""
    column: dict[int, int] = {}  # note number -> its place in the manuscript
    for i, note in enumerate(notes):
        column.setdefault(note.number, i)
    row_of = {s.key: r for r, s in enumerate(chosen)}
    cells: dict[tuple[int, int], str] = {}
    for cit, res in report.citations:
        if res.key in row_of and cit.note in column:
            at = (row_of[res.key], column[cit.note])
            kind = str(getattr(cit.kind, "value", cit.kind))
            if at not in cells or _KIND_RANK.get(kind, 9) < _KIND_RANK.get(cells[at], 9):
                cells[at] = kind
    plot_w = min(_PLOT_W, max(240, 18 * len(notes)))  # a short manuscript gets narrow columns, not wide bars
    width = plot_w / len(notes)
    cell_w = max(2.0, width - (1 if width > 4 else 0))
    top = 22
    height = top + len(chosen) * _ROW_H + 6
    total_w = _LABEL_W + plot_w + 24
    # a cell is a bare rect (a book has thousands); the script finds its note from its column when clicked
    anchors = ""
    if note_ids is not None:
        columns = " ".join(note_ids[n.number] for n in notes)
        anchors = f' data-x="{_LABEL_W}" data-w="{width:.4f}" data-notes="{columns}"'
    out = [f'<h3>Where each source is cited{caption}</h3>'
           '<ul class="legend">' + "".join(f'<li><span class="{k}"></span>{k}</li>'
                                           for k in ("full", "short", "ibid", "archival", "other")) + "</ul>"
           f'<div class="chart"><svg class="where" xmlns="http://www.w3.org/2000/svg" width="{total_w}" '
           f'height="{height}" viewBox="0 0 {total_w} {height}" role="img" aria-label="Sources by note"{anchors}>']
    step = _ticks(len(notes))
    for i in sorted({0, *range(step - 1, len(notes), step)}):  # the first note, then every step-th
        x = _LABEL_W + i * width
        out.append(f'<line class="grid" x1="{x:.1f}" y1="{top - 4}" x2="{x:.1f}" y2="{height - 4}"/>'
                   f'<text class="tick" x="{x:.1f}" y="{top - 8}" text-anchor="middle">{notes[i].number}</text>')
    by_row: dict[int, list[str]] = {}
    for (r, i), kind in sorted(cells.items()):
        x, y = _LABEL_W + i * width, top + r * _ROW_H + 2
        by_row.setdefault(r, []).append(f'<rect class="{kind}" x="{x:.1f}" y="{y}" width="{cell_w:.1f}" '
                                        f'height="{_ROW_H - 4}"/>')
    hint = ": click a cell to go to its note" if note_ids is not None else ""
    for r, src in enumerate(chosen):
        y = top + r * _ROW_H
        out.append(f'<g class="row"><title>{escape(src.key)}{hint}</title><rect class="band" x="{_LABEL_W}" y="{y}" '
                   f'width="{plot_w}" height="{_ROW_H}" fill="none"/>{_label(src.key, rows.number[src.key], y, prefix)}'
                   + "".join(by_row.get(r, ())) + "</g>")
    out.append("</svg></div>\n")
    return "".join(out)


def _page_bars(report: Report, rows: SourceRows, prefix: str) -> str:
    """For each source whose entry has a page span (pages, or 1 to pagetotal): the span as a bar, the
    pages cited on it, and in red those outside it."""
    chosen, caption = _chosen(rows)
    bars: list[tuple[Source, PageRange]] = []
    for src in chosen:
        entry = rows.entries.get(src.key)
        if entry is None:
            continue
        span = entry_span(entry)
        if span is None:
            total = entry_pagetotal(entry)
            span = (1, total) if total else None
        if span is not None:
            bars.append((src, span))
    if not bars:
        return ('<h3>Pages cited per source</h3><p class="muted">No cited entry gives its page span '
                "(<code>pages</code> or <code>pagetotal</code>).</p>\n")
    top = 4
    height = top + len(bars) * (_ROW_H + 3) + 4
    total_w = _LABEL_W + _PLOT_W + 70
    out = [f"<h3>Pages cited per source{caption}</h3>"
           '<ul class="legend"><li><span class="span"></span>the entry\'s pages</li>'
           '<li><span class="cited"></span>cited</li><li><span class="outside"></span>cited outside them</li></ul>'
           f'<div class="chart"><svg xmlns="http://www.w3.org/2000/svg" width="{total_w}" height="{height}" '
           f'viewBox="0 0 {total_w} {height}" role="img" aria-label="Pages cited per source">']
    for r, (src, span) in enumerate(bars):
        y = top + r * (_ROW_H + 3)
        low = min([span[0], *(a for a, _ in src.pages)])
        high = max([span[1], *(b for _, b in src.pages)])
        scale = _PLOT_W / max(1, high - low + 1)

        def x(page: int) -> float:
            return _LABEL_W + (page - low) * scale

        out.append(_label(src.key, rows.number[src.key], y, prefix))
        out.append(f'<rect class="span" x="{x(span[0]):.1f}" y="{y + 2}" width="{(span[1] - span[0] + 1) * scale:.1f}" '
                   f'height="{_ROW_H - 4}"><title>pages {span[0]}–{span[1]}</title></rect>')
        for a, b in src.pages:
            inside = span[0] <= a and b <= span[1]
            shown = str(a) if a == b else f"{a}–{b}"
            out.append(f'<rect class="{"cited" if inside else "outside"}" x="{x(a):.1f}" y="{y + 2}" '
                       f'width="{max(2.0, (b - a + 1) * scale):.1f}" height="{_ROW_H - 4}">'
                       f"<title>cited: {shown}</title></rect>")
        out.append(f'<text class="tick" x="{_LABEL_W + _PLOT_W + 6}" y="{y + _ROW_H - 4}">{low}–{high}</text>')
    out.append("</svg></div>\n")
    return "".join(out)
