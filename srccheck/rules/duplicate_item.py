"""duplicate-item: one work cited from two different items of the reference manager's library.

What it finds: two citation fields that cite two different library items (different
Zotero or Mendeley URIs, different EndNote records) holding the same work: the same
DOI, or the same title, year and first author.

Why it matters: the plug-in treats them as two works: the bibliography lists the
work twice, a later citation of one is not shortened after a full citation of the
other, and "ibid." is not used between them; corrections made to one item do not
reach the citations of the other.

What to do: merge the two items in the library (Zotero: "Merge items"; Mendeley:
"Merge documents"), then refresh the document.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..fieldmatch import doi_form, work_form
from ..model import Citation, Finding, Severity
from . import Context

CODE = "SC603"
NAME = "duplicate-item"
SEVERITY = Severity.WARNING


def check(ctx: Context) -> Iterator[Finding]:
    first: dict[str, Citation] = {}  # item identity -> its first citation
    by_work: dict[tuple[str, object], str] = {}  # ("doi", …) / ("work", …) -> the first identity holding it
    for cit, res in ctx.citations:
        item = cit.item
        if item is None or item.identity in first:
            continue
        first[item.identity] = cit
        marks = []
        if doi_form(item.data.get("doi")):
            marks.append((("doi", doi_form(item.data.get("doi"))), f"DOI {item.data.get('doi')}"))
        work = work_form(item.data)
        if work:
            marks.append((("work", work), "title, year and author"))
        for mark, what in marks:
            other = by_work.get(mark)
            if other is not None and other != item.identity:
                earlier = first[other]
                yield Finding(
                    NAME, SEVERITY,
                    f"{ctx.note(cit.note)}: “{ctx.excerpt(item.data.title, 60)}” is cited from another library item than "
                    f"in {ctx.note(earlier.note)} ({item.identity} and {other}: same {what})",
                    note=cit.note, key=res.key, line=cit.line,
                    suggestion="merge the two items in the reference manager, then refresh the document",
                )
                break
        for mark, _ in marks:
            by_work.setdefault(mark, item.identity)
