"""Reference managers' citation fields: what Zotero, Mendeley and EndNote store behind a citation.

The readers find the fields (Word: w:fldSimple and w:fldChar/w:instrText runs; LibreOffice:
reference marks and bookmarks) and hand their code here:

- Zotero: ``ADDIN ZOTERO_ITEM CSL_CITATION {json}`` (in LibreOffice the mark's name,
  ``ZOTERO_ITEM CSL_CITATION {json} RND…``). The JSON is a citeproc-js citation:
  ``citationItems`` (each with ``id``, ``uris``, ``itemData`` as CSL-JSON, ``locator``,
  ``label``) and ``properties`` (``plainCitation`` and ``formattedCitation``, the text the
  plug-in last rendered; ``dontUpdate`` when the user chose to keep a hand edit).
- Mendeley: ``ADDIN CSL_CITATION {json}``, the same citation object, with the rendered text
  under ``mendeley`` (``plainTextFormattedCitation``, ``formattedCitation``,
  ``previouslyFormattedCitation``; ``manualFormatting`` for an override made in Mendeley).
- EndNote: ``ADDIN EN.CITE <EndNote><Cite>…</Cite></EndNote>``, or the same XML base64-encoded
  in the field's w:fldData when it is long (with a nested ``ADDIN EN.CITE.DATA`` field).
  Each Cite holds a ``RecNum``, the cited ``Pages``, ``DisplayText`` and the whole ``record``.
Anything else (a page reference, a hyperlink, Zotero's bibliography field) is not a citation.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from typing import Any
from xml.etree import ElementTree as ET

from ..csl import entry_from_csl, rich_text
from ..errors import InputError
from ..model import CitationField, FieldItem

_CSL = re.compile(r"^(?:ADDIN\s+)?(?:ZOTERO_ITEM\s+(?:CSL_CITATION\s+)?|CSL_CITATION\s+)", re.I)
_ENDNOTE = re.compile(r"^(?:ADDIN\s+)?EN\.CITE(?!\.DATA)\b", re.I)
MAX_CODE = 4 * 1024 * 1024  # one field's code; a larger one is not a citation anyone inserted


def is_citation_code(code: str) -> bool:
    """Whether a field code is a reference manager's citation (cheap: the readers ask for every field)."""
    code = code.strip()
    return bool(_CSL.match(code) or _ENDNOTE.match(code))


def field_items(code: str, data: bytes | None, shown: str, number: int) -> list[FieldItem]:
    """The items of one citation field; [] when the code holds none or cannot be read."""
    code = code.strip()
    if len(code) > MAX_CODE:
        return []
    if _CSL.match(code):
        payload = _json_object(code[_CSL.match(code).end():])  # type: ignore[union-attr]
        return _csl_items(payload, shown, number) if payload is not None else []
    if _ENDNOTE.match(code):
        xml = code[_ENDNOTE.match(code).end():].strip()  # type: ignore[union-attr]
        if not xml.startswith("<") and data:
            xml = _decoded_data(data)
        return _endnote_items(xml, shown, number) if xml.startswith("<") else []
    return []


def _json_object(text: str) -> dict[str, Any] | None:
    start = text.find("{")
    if start < 0:
        return None
    try:
        value, _ = json.JSONDecoder().raw_decode(text, start)  # a LibreOffice mark's name goes on: " RNDab12…"
    except (json.JSONDecodeError, RecursionError):
        return None
    return value if isinstance(value, dict) else None


def _csl_items(payload: dict[str, Any], shown: str, number: int) -> list[FieldItem]:
    properties = payload.get("properties") if isinstance(payload.get("properties"), dict) else {}
    mendeley = payload.get("mendeley") if isinstance(payload.get("mendeley"), dict) else None
    if mendeley is not None:
        plugin = "mendeley"
        rendered = _first_text(mendeley, ("manualFormatting", "plainTextFormattedCitation", "formattedCitation",
                                          "previouslyFormattedCitation"))
        keep = bool(mendeley.get("manualFormatting"))
    else:
        plugin = "zotero"
        rendered = _first_text(properties, ("plainCitation", "formattedCitation"))
        keep = bool(properties.get("dontUpdate"))
    the_field = CitationField(plugin, number, shown, rendered, keep)
    items = payload.get("citationItems")
    found: list[FieldItem] = []
    for index, cited in enumerate(items if isinstance(items, list) else [], start=1):
        if not isinstance(cited, dict):
            continue
        data = cited.get("itemData") if isinstance(cited.get("itemData"), dict) else {}
        uris = cited.get("uris") or cited.get("uri") or []
        uris = tuple(str(u) for u in (uris if isinstance(uris, list) else [uris]) if u)
        item_id = str(cited.get("id") or data.get("id") or index)
        if not data and not uris:
            continue
        found.append(FieldItem(the_field, item_id, uris, entry_from_csl(data, key=item_id),
                               _scalar(cited.get("locator")), _scalar(cited.get("label"))))
    return found


_PLAIN = {"plainCitation", "plainTextFormattedCitation", "manualFormatting"}


def _first_text(source: dict[str, Any], names: tuple[str, ...]) -> str:
    """The first of these texts the field has; the formatted ones are HTML, the plain ones plain text
    (where "<https://…>" is a URL in brackets, not a tag)."""
    for name in names:
        value = source.get(name)
        if isinstance(value, str) and value.strip():
            return " ".join(value.split()) if name in _PLAIN else rich_text(value)
    return ""


def _scalar(value: object) -> str:
    return str(value).strip() if isinstance(value, (str, int, float)) else ""


# -- EndNote ----------------------------------------------------------------------------------


def _decoded_data(data: bytes) -> str:
    try:
        raw = base64.b64decode(b"".join(data.split()), validate=False)
    except (binascii.Error, ValueError):
        return ""
    for encoding in ("utf-8", "utf-16"):
        try:
            text = raw.decode(encoding).strip("\x00 \r\n\t")
        except UnicodeDecodeError:
            continue
        if text.startswith("<"):
            return text
    return ""


_EN_TYPES = {
    "journal article": "article-journal", "magazine article": "article-magazine", "newspaper article":
    "article-newspaper", "book": "book", "edited book": "book", "book section": "chapter", "thesis": "thesis",
    "report": "report", "conference paper": "paper-conference", "conference proceedings": "paper-conference",
    "manuscript": "manuscript", "unpublished work": "manuscript", "web page": "webpage",
    "encyclopedia": "entry-encyclopedia", "dictionary": "entry-dictionary",
}


def _endnote_items(xml: str, shown: str, number: int) -> list[FieldItem]:
    from .package import parse_xml

    try:
        root = parse_xml(xml.encode("utf-8"), "EndNote field")
    except InputError:
        return []
    cites = root.findall("Cite") if root.tag == "EndNote" else [root] if root.tag == "Cite" else []
    display = next((_text(c.find("DisplayText")) for c in cites if c.find("DisplayText") is not None), "")
    the_field = CitationField("endnote", number, shown, display, False)
    found = []
    for cite in cites:
        record = cite.find("record")
        recnum = _text(cite.find("RecNum")) or (_text(record.find("rec-number")) if record is not None else "")
        if record is None and not recnum:
            continue
        csl = _endnote_csl(record) if record is not None else {}
        db = record.find("foreign-keys/key") if record is not None else None
        uris = (f"endnote://{db.get('db-id')}/{recnum}",) if db is not None and db.get("db-id") else ()
        pages = _text(cite.find("Pages")).replace("`", "")  # EndNote escapes some characters with a backquote
        found.append(FieldItem(the_field, recnum, uris, entry_from_csl(csl, key=recnum or ""), pages, ""))
    return found


def _text(element: ET.Element | None) -> str:
    return " ".join("".join(element.itertext()).split()) if element is not None else ""


def _endnote_csl(record: ET.Element) -> dict[str, Any]:
    """An EndNote record in CSL terms, so that one mapping (csl.entry_from_csl) reads both."""
    ref_type = record.find("ref-type")
    kind = _EN_TYPES.get((ref_type.get("name") or "").lower(), "document") if ref_type is not None else "document"
    csl: dict[str, Any] = {"type": kind}
    for role, path in (("author", "contributors/authors/author"), ("editor", "contributors/secondary-authors/author"),
                       ("translator", "contributors/translated-authors/author")):
        people = [_endnote_name(_text(a)) for a in record.findall(path)]
        if people:
            csl[role] = people
    container = _text(record.find("titles/secondary-title")) or _text(record.find("periodical/full-title"))
    simple = {"title": "titles/title", "title-short": "titles/short-title", "page": "pages", "volume": "volume",
              "issue": "number", "publisher": "publisher", "publisher-place": "pub-location", "ISBN": "isbn",
              "DOI": "electronic-resource-num", "URL": "urls/related-urls/url", "edition": "edition"}
    for name, path in simple.items():
        value = _text(record.find(path))
        if value:
            csl[name] = value
    if kind == "book" and "page" in csl:
        csl["number-of-pages"] = csl.pop("page")  # a book's "pages" in EndNote is its page count
    if container:
        csl["container-title"] = container
    year = _text(record.find("dates/year"))
    if year:
        csl["issued"] = {"raw": year}
    return csl


def _endnote_name(text: str) -> dict[str, str]:
    family, comma, given = text.partition(",")
    if comma:
        return {"family": family.strip(), "given": given.strip()}
    words = text.split()
    return {"family": words[-1], "given": " ".join(words[:-1])} if len(words) > 1 else {"literal": text.strip()}
