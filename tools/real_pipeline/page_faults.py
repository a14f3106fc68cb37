"""Faults the plan puts in a document without meaning to: a page asked beyond what the work has.

The plan draws a book's pages from 1 to a few hundred, whatever its `pagetotal`; an article's
or chapter's from its own `pages`. So a citation can ask page 370 of a 338-page book. That is
a real inconsistency between the `\\cite` command and the bibliography, and srccheck must
report it (page-out-of-range): it belongs in the answers. Worked out here from the plan's
citations and the bib text alone (bibtexparser, no srccheck code).

Usage: python tools/real_pipeline/page_faults.py [--write] DIR ...
  prints the page faults of every fixture under DIR that expected.json does not list;
  --write adds them to expected.json.
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

import bibtexparser


def _int(value: str | None) -> int | None:
    m = re.fullmatch(r"\s*\{?(\d{1,6})\}?\s*", value or "")
    return int(m.group(1)) if m else None


def _bounds(fields: dict[str, str]) -> tuple[int, int] | None:
    span = re.fullmatch(r"\s*(\d{1,6})\s*-{1,3}\s*(\d{1,6})\s*", fields.get("pages", ""))
    if span:
        return int(span.group(1)), int(span.group(2))
    total = _int(fields.get("pagetotal"))
    return (1, total) if total else None


def page_faults(notes: dict[str, list[dict]], bib_text: str) -> list[dict]:
    """page-out-of-range findings: one per note and work whose asked pages leave the work's bounds."""
    library = bibtexparser.parse_string(bib_text)
    bounds = {e.key: _bounds({f.key.lower(): str(f.value) for f in e.fields}) for e in library.entries}
    out = []
    for note, cites in notes.items():
        for key in dict.fromkeys(c["key"] for c in cites if c["key"]):
            limit = bounds.get(key)
            pages = [r for c in cites if c["key"] == key for r in c["pages"]]
            if limit and any(lo < limit[0] or hi > limit[1] for lo, hi in pages):
                out.append({"rule": "page-out-of-range", "note": int(note), "key": key})
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("roots", nargs="+", type=Path)
    ap.add_argument("--write", action="store_true")
    args = ap.parse_args()
    for root in args.roots:
        for path in sorted(root.rglob("expected.json")):
            expected = json.loads(path.read_text(encoding="utf-8"))
            listed = expected.setdefault("findings", [])
            new = [f for f in page_faults(expected["notes"], (path.parent / "refs.bib").read_text(encoding="utf-8"))
                   if f not in listed]
            for f in new:
                print(f"{path.parent.name}: note {f['note']}: {f['key']}")
            if new and args.write:
                listed.extend(new)
                path.write_text(json.dumps(expected, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
