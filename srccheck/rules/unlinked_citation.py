"""unlinked-citation: a citation typed by hand in a document whose citations are reference manager fields.

What it finds: in a Word or LibreOffice document where most citations were inserted
by Zotero, Mendeley or EndNote, a full citation, short form or "ibid." written as
plain text, outside any field.

Why it matters: the plug-in does not know it: it will not follow a change of style or
of the item's data, its "ibid." and short forms will not be recomputed when notes
move, and the generated bibliography will leave the work out unless it is cited
elsewhere.

What to do: delete the typed text and insert the citation with the plug-in.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Finding, Severity
from . import Context

CODE = "SC602"
NAME = "unlinked-citation"
SEVERITY = Severity.WARNING
_TYPED_FORMS = ("full", "short", "ibid")


def check(ctx: Context) -> Iterator[Finding]:
    fields = sum(1 for cit, _ in ctx.citations if cit.item is not None)
    typed = [(cit, res) for cit, res in ctx.citations
             if cit.item is None and cit.key is None and cit.kind in _TYPED_FORMS]
    if fields < 2 or fields <= len(typed):
        return  # fields are not this document's way of citing
    plugins = sorted({cit.item.field.plugin.capitalize() for cit, _ in ctx.citations if cit.item is not None})
    name = " / ".join("EndNote" if p == "Endnote" else p for p in plugins)
    for cit, res in typed:
        yield Finding(
            NAME, SEVERITY,
            f"{ctx.note(cit.note)}: “{ctx.excerpt(cit.text)}” is typed text, not inserted by {name} like the "
            f"document's other {fields} citations",
            note=cit.note, key=res.key, line=cit.line,
            suggestion=f"replace it with a citation inserted by {name}",
        )
