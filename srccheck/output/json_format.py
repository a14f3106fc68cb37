"""The JSON contract: one document per run, a report per manuscript (notes with their citations, sources,
findings), each book's own findings, the inputs that could not be read. Never through rich."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TextIO

from ..model import Citation, Finding, Kind, Manuscript, Report, Resolution, Results, Severity, WorkReport
from ..sources import sources
from . import RenderOptions, position, rule_codes, statistics
from .pretty_json import dump


def citation_dict(cit: Citation, res: Resolution) -> dict[str, Any]:
    return {
        "text": cit.text,
        "kind": cit.kind.value if isinstance(cit.kind, Kind) else cit.kind,
        "key": res.key,
        "score": round(float(res.score), 1),
        # how sure the resolution is (score, again), and how alike the note and the entry it names are: the
        # two differ for a resolution by rule (a key, "ibid", a cross-reference), which has no similarity
        "confidence": round(float(res.score), 1),
        "similarity": _similarity(res),
        "pages": [list(r) for r in cit.written_ranges],
        "locator": cit.locator.text if cit.locator else None,
        "reason": res.reason,
        # the entries it was scored against, best first, and what of each was found in the note
        "candidates": [{"key": c.key, "score": c.score, "via": c.via, "matched": dict(c.matched)}
                       for c in res.candidates],
    }


def _similarity(res: Resolution) -> float | None:
    """The similarity score of the entry the citation resolved to, when it was scored against it."""
    best = res.candidates[0] if res.candidates else None
    return round(float(best.score), 1) if best is not None and res.key and best.key == res.key else None


def finding_dict(report: Report | None, f: Finding, codes: dict[str, str]) -> dict[str, Any]:
    """One finding, whole: what a tool needs without reading anything else."""
    path, kind, number = position(report, f)
    return {
        "code": codes.get(f.rule),
        "name": f.rule,
        "rule": f.rule,  # the name again, as earlier versions wrote it
        "severity": f.severity.value,
        "path": path,  # the file the line is in: the manuscript, its .bib, or a chapter a LaTeX main file includes
        "line": number,  # what it counts: "position" (line, paragraph or page)
        "column": 1 if number and kind == "line" else None,  # lines are known, not columns
        "position": kind,
        "note": f.note,
        "key": f.key,
        "file": f.file,  # null: the manuscript's own line
        "message": f.message,
        "suggestion": f.suggestion,
    }


def to_dict(report: Report, codes: dict[str, str] | None = None) -> dict[str, Any]:
    codes = codes if codes is not None else rule_codes()
    ms = report.manuscript
    by_note: dict[int, list[dict[str, Any]]] = {}
    for cit, res in report.citations:
        by_note.setdefault(cit.note, []).append(citation_dict(cit, res))
    notes = []
    if 0 in by_note:  # citations standing in the text, not in a note (LaTeX's \textcite in the body)
        line = next(c.line for c, _ in report.citations if c.note == 0)
        notes.append(_note_dict(ms, 0, 0, None, line, by_note[0]))
    notes += [_note_dict(ms, n.printed if n.printed is not None else n.number, n.number, n.chapter or None, n.line,
                         by_note.get(n.number, [])) for n in ms.notes]
    return {
        "path": ms.path,
        "encoding": ms.encoding,  # what its text was decoded from; null for Word, ODT and PDF files
        # what "line" counts in this report: text lines, or paragraphs (Word, ODT) or pages (PDF)
        "position": ms.position_kind,
        # how the notes were found: footnotes or endnotes, numbered once or per chapter
        "reading": {"layout": ms.layout or None, "numbering": ms.numbering},
        # "number" as printed; "index" runs through the document (what "note" in sources and findings means);
        # "chapter" is the numbering block when numbering restarts, else null
        "notes": notes,
        "sources": [
            {"key": s.key, "notes": s.notes, "pages": [list(r) for r in s.pages]} for s in sources(report)
        ],
        "findings": [finding_dict(report, f, codes) for f in report.findings],
        "summary": {**counts(report.findings), **report.read()},
    }


def _note_dict(ms: Manuscript, number: int, index: int, chapter: int | None, line: int,
               citations: list[dict[str, Any]]) -> dict[str, Any]:
    path, line = ms.origin(line)
    return {"number": number, "index": index, "chapter": chapter, "line": line,
            "file": path if path != ms.path else None, "citations": citations}


def to_document(results: Results, options: RenderOptions | None = None) -> dict[str, Any]:
    """The one shape of the JSON report, whatever the number of manuscripts."""
    from .. import __version__

    codes = rule_codes()
    document: dict[str, Any] = {
        "version": __version__,
        "reports": [to_dict(r, codes) for r in results.reports],
        # each book's own findings (about its bibliography), once for all of its manuscripts; its summary is the
        # whole book's (its manuscripts' findings and reading too): a book read whole is not a clean empty one
        "works": [_work_dict(w, results.reports, codes) for w in results.works],
        "errors": [{"path": path, "message": message} for path, message in results.errors],
        "summary": {**counts([f for _, f in results.findings]), **_read_in_all(results.reports)},
    }
    if options is not None and options.statistics:
        document["statistics"] = statistics(results)
    return document


def _work_dict(work: WorkReport, reports: Sequence[Report], codes: dict[str, str]) -> dict[str, Any]:
    members = [r for r in reports if r.manuscript.path in work.manuscripts]
    findings = [f for r in members for f in r.findings] + list(work.findings)
    return {"manuscripts": work.manuscripts, "bibliographies": work.bib_paths,
            "findings": [finding_dict(None, f, codes) for f in work.findings],
            "summary": {**counts(findings), **_read_in_all(members)}}


def _read_in_all(reports: Sequence[Report]) -> dict[str, int]:
    total = {"notes": 0, "citations": 0, "unresolved": 0}
    for report in reports:
        for key, n in report.read().items():
            total[key] += n
    return total


def counts(findings: Sequence[Finding]) -> dict[str, int]:
    return {s.value: sum(1 for f in findings if f.severity is s) for s in (Severity.ERROR, Severity.WARNING,
                                                                           Severity.INFO)}


def write(results: Results, out: TextIO, options: RenderOptions | None = None) -> None:
    """One document: {"version", "reports": [...], "works": [...], "errors": [...], "summary"}."""
    dump(to_document(results, options), out)
    out.write("\n")
