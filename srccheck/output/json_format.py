"""The JSON contract: notes with their citations, sources, findings. Never through rich."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TextIO

from ..model import Citation, Kind, Report, Resolution
from ..sources import sources
from .pretty_json import dump


def citation_dict(cit: Citation, res: Resolution) -> dict[str, Any]:
    return {
        "text": cit.text,
        "kind": cit.kind.value if isinstance(cit.kind, Kind) else cit.kind,
        "key": res.key,
        "score": round(float(res.score), 1),
        "pages": [list(r) for r in cit.pages],
        "locator": cit.locator.text if cit.locator else None,
        "reason": res.reason,
        # the entries it was scored against, best first, and what of each was found in the note
        "candidates": [{"key": c.key, "score": c.score, "via": c.via, "matched": dict(c.matched)}
                       for c in res.candidates],
    }


def to_dict(report: Report) -> dict[str, Any]:
    by_note: dict[int, list[dict[str, Any]]] = {}
    for cit, res in report.citations:
        by_note.setdefault(cit.note, []).append(citation_dict(cit, res))
    return {
        # what "line" counts in this report: text lines, or paragraphs (Word, ODT) or pages (PDF)
        "position": report.manuscript.position_kind,
        # how the notes were found: footnotes or endnotes, numbered once or per chapter
        "reading": {"layout": report.manuscript.layout or None, "numbering": report.manuscript.numbering},
        # "number" as printed; "index" runs through the document (what "note" in sources and findings means);
        # "chapter" is the numbering block when numbering restarts, else null
        "notes": [
            {"number": n.printed if n.printed is not None else n.number, "index": n.number,
             "chapter": n.chapter or None, "line": n.line, "citations": by_note.get(n.number, [])}
            for n in report.manuscript.notes
        ],
        "sources": [
            {"key": s.key, "notes": s.notes, "pages": [list(r) for r in s.pages]} for s in sources(report)
        ],
        "findings": [
            {
                "rule": f.rule,
                "severity": f.severity.value,
                "note": f.note,
                "key": f.key,
                "line": f.line,
                "file": f.file,  # null: the line is the manuscript's; else the .bib file it is in
                "message": f.message,
            }
            for f in report.findings
        ],
    }


def write(reports: Sequence[Report], out: TextIO, options: object = None) -> None:
    """One manuscript: the contract above, unchanged. Several: a list of them, each with its "path"."""
    if len(reports) == 1:
        dump(to_dict(reports[0]), out)
    else:
        dump([{"path": r.manuscript.path, **to_dict(r)} for r in reports], out)
    out.write("\n")
