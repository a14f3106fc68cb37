"""edited-citation: a reference manager's citation whose text was edited by hand.

What it finds: a citation inserted by Zotero, Mendeley or EndNote whose text in the
document is no longer the text the plug-in rendered for it (Zotero's `plainCitation`,
Mendeley's `plainTextFormattedCitation`, EndNote's `DisplayText`, all kept inside the field).

Why it matters: the next "Refresh" (or a change of citation style) silently puts the
plug-in's text back and the edit is lost; or the edit hides a changed page number
that the field itself still does not know (the field's locator is what srccheck checks).
Zotero asks before overwriting an edit and can be told to keep it; the message then says so,
but the field still cites what it cited before the edit.

What to do: make the change in the plug-in's citation dialog (page, prefix, suffix), or
in the library item, and refresh; do not type inside the field.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Finding, Severity
from ..normalize import clean, collapse_spaces
from . import Context

CODE = "SC601"
NAME = "edited-citation"
SEVERITY = Severity.WARNING
PLUGINS = {"zotero": "Zotero", "mendeley": "Mendeley", "endnote": "EndNote"}


def same_text(shown: str, rendered: str) -> bool:
    """Equal but for spacing and the forms of a character Word and LibreOffice may change (NFC, no-break spaces)."""
    return collapse_spaces(clean(shown)) == collapse_spaces(clean(rendered))


def check(ctx: Context) -> Iterator[Finding]:
    seen: set[int] = set()
    for cit, res in ctx.citations:
        if cit.item is None or cit.item.field.number in seen:
            continue
        the_field = cit.item.field
        seen.add(the_field.number)
        if not the_field.rendered or not the_field.shown or same_text(the_field.shown, the_field.rendered):
            continue
        plugin = PLUGINS.get(the_field.plugin, the_field.plugin)
        kept = f" ({plugin} was told to keep the edit)" if the_field.keep_edit else ""
        yield Finding(
            NAME, SEVERITY,
            f"{ctx.note(cit.note)}: the {plugin} citation shows “{ctx.excerpt(the_field.shown)}” but {plugin} rendered "
            f"“{ctx.excerpt(the_field.rendered)}”: edited by hand{kept}",
            note=cit.note, key=res.key, line=cit.line,
            suggestion=f"edit the citation in {plugin}'s dialog (page, prefix, suffix) and refresh, "
                       "or the next refresh undoes the edit",
        )
