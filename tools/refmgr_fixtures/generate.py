"""Word and LibreOffice manuscripts whose citations are reference managers' fields, with their answers.

    python tools/refmgr_fixtures/generate.py [OUT_DIR] [--csl STYLE.csl]   (default: tests/fixtures/refmgr, Chicago)

Needs pandoc (with --citeproc) and LibreOffice (soffice). What it does:

1. The plan below says, note by note, which works each citation field cites with which
   locator, plus the injected faults: a field whose text was edited by hand, a citation
   typed without a field, one work inserted from two library items, a page outside an
   article's range and a library item whose year disagrees with the .bib.
2. pandoc's citeproc renders every citation with a real CSL note style (Chicago), in
   document order, so first citations are full and later ones short, as a plug-in renders them.
3. pandoc writes the manuscript as .docx and .odt with a placeholder where each field goes;
   a small post-processing step puts the fields there, shaped as each plug-in writes them
   (Zotero's and Mendeley's CSL citation JSON, EndNote's Cite XML, in fldChar/instrText runs
   or base64 in w:fldData; Zotero's reference marks and bookmarks in .odt), with the items'
   CSL data from pandoc's CSL-JSON export of the same .bib.
4. LibreOffice opens each .odt and saves it again, so the fixtures are as a real writer
   leaves them (and show that the marks survive a save).
The answers (expected.json) come from the plan, never from srccheck.
"""

from __future__ import annotations

import base64
import copy
import json
import random
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
CSL = Path("/work/shared/csl/chicago-notes-bibliography.csl")
if not CSL.exists():
    CSL = ROOT.parent / "shared" / "csl" / "chicago-notes-bibliography.csl"

BIB = r"""@book{doe2001,
  author = {Doe, John},
  title = {A History of Small Things},
  publisher = {Oxford University Press},
  address = {Oxford},
  year = {2001},
  doi = {10.1093/acprof:oso/9780199000001.001.0001}
}

@article{roe2010,
  author = {Roe, Richard},
  title = {On the Weight of Archives},
  journal = {Journal of Archival Studies},
  volume = {3},
  number = {2},
  pages = {10--30},
  year = {2010},
  url = {https://example.org/jas/3/2/roe}
}

@book{kaya1998,
  author = {Kaya, Ali},
  title = {Osmanlı Taşrasında Kadı Sicilleri},
  publisher = {Türk Tarih Kurumu},
  address = {Ankara},
  year = {1998},
  isbn = {975-16-0123-4}
}

@incollection{smith2005,
  author = {Smith, Anna},
  title = {The Politics of Memory},
  booktitle = {Remembering Empires},
  editor = {Green, Paul},
  publisher = {Routledge},
  address = {London},
  pages = {190--230},
  year = {2005}
}

@book{brown2012,
  author = {Brown, Emily},
  title = {Harbours and Hinterlands},
  publisher = {Cambridge University Press},
  address = {Cambridge},
  year = {2012},
  isbn = {978-1-107-01234-5}
}

@article{lee2015,
  author = {Lee, Min-jun},
  title = {Ledger Books and Merchant Networks},
  journal = {Business History Review},
  volume = {89},
  pages = {401--425},
  year = {2015},
  doi = {10.1017/S0007680515000001}
}
"""

# Each note: a list of parts. ("text", s) prose; ("field", [(key, locator)...], options) one citation field;
# ("typed", [(key, locator)]) a citation typed by hand: rendered like the others but written as plain text.
PLAN: list[list[tuple]] = [
    [("field", [("doe2001", "45")], {})],
    [("field", [("roe2010", "12-14")], {})],
    [("field", [("doe2001", "46")], {})],
    [("text", "On the registers, see "), ("field", [("kaya1998", "112")], {})],
    [("field", [("roe2010", "15"), ("smith2005", "201")], {})],
    [("text", "Compare "), ("typed", [("kaya1998", "115")])],
    [("field", [("brown2012", "33")], {"edited": ("33", "35")})],
    [("field", [("doe2001", "50")], {"second_item": True})],
    [("field", [("roe2010", "45")], {})],
    [("field", [("lee2015", "407")], {"item_year": 2014})],
    [("field", [("smith2005", "205")], {})],
    [("field", [("brown2012", "40")], {})],
]
FINDINGS = [
    {"rule": "edited-citation", "note": 7, "key": "brown2012"},
    {"rule": "unlinked-citation", "note": 6, "key": "kaya1998"},
    {"rule": "duplicate-item", "note": 8, "key": "doe2001"},
    {"rule": "page-out-of-range", "note": 9, "key": "roe2010"},
    {"rule": "metadata-mismatch", "note": 10, "key": "lee2015"},
]
MARK = "ZZFIELD{}ZZ"  # the placeholder pandoc writes where field n goes


def run(*args: str, cwd: Path | None = None) -> str:
    return subprocess.run(args, check=True, capture_output=True, text=True, cwd=cwd).stdout


# -- rendering with citeproc -------------------------------------------------------------------


def rendered_clusters(work: Path) -> list[tuple[str, str]]:
    """(plain, formatted) text of every citation cluster (fields and typed ones) in document order."""
    clusters = [part[1] for note in PLAN for part in note if part[0] in ("field", "typed")]
    body = "\n\n".join(f"Paragraph {i}.[{'; '.join(f'@{k}, {loc}' for k, loc in c)}]"
                       for i, c in enumerate(clusters, start=1))
    (work / "render.md").write_text(body + "\n", encoding="utf-8")
    ast = json.loads(run("pandoc", "render.md", "--citeproc", "--bibliography", "refs.bib", "--csl", str(CSL),
                         "-t", "json", cwd=work))
    notes: list[tuple[str, str]] = []
    for block in ast["blocks"]:
        for inline in _walk_inlines(block):
            if inline.get("t") == "Note":
                plain = " ".join(_text(b, False) for b in inline["c"]).strip()
                formatted = " ".join(_text(b, True) for b in inline["c"]).strip()
                notes.append((" ".join(plain.split()), " ".join(formatted.split())))
    assert len(notes) == len(clusters), (len(notes), len(clusters))
    return notes


def _walk_inlines(node):  # type: ignore[no-untyped-def]
    if isinstance(node, dict):
        if node.get("t") == "Note":
            yield node
            return
        yield from _walk_inlines(node.get("c"))
    elif isinstance(node, list):
        for child in node:
            yield from _walk_inlines(child)


def _text(node, tags: bool) -> str:  # type: ignore[no-untyped-def]
    if isinstance(node, list):
        return "".join(_text(n, tags) for n in node)
    if not isinstance(node, dict):
        return ""
    kind, content = node.get("t"), node.get("c")
    if kind == "Str":
        return content
    if kind in ("Space", "SoftBreak", "LineBreak"):
        return " "
    if kind == "Emph":
        inner = _text(content, tags)
        return f"<i>{inner}</i>" if tags else inner
    if kind == "Quoted":
        return "“" + _text(content[1], tags) + "”"
    if kind in ("Link", "Span", "Cite"):
        return _text(content[-2] if kind == "Link" else content[-1] if kind == "Span" else content[1], tags)
    return _text(content, tags)


# -- the library's items -------------------------------------------------------------------


def library(work: Path) -> dict[str, dict]:
    items = json.loads(run("pandoc", "refs.bib", "-t", "csljson", cwd=work))
    return {item["id"]: item for item in items}


def item_uri(plugin: str, key: str, second: bool) -> str:
    seed = random.Random(f"{plugin}/{key}/{second}")
    if plugin == "zotero":
        return "http://zotero.org/users/4711/items/" + "".join(seed.choice("ABCDEFGHIJKLMNPQRSTUVWXYZ23456789")
                                                               for _ in range(8))
    return "http://www.mendeley.com/documents/?uuid=" + "%08x-%04x-4%03x-a%03x-%012x" % (
        seed.getrandbits(32), seed.getrandbits(16), seed.getrandbits(12), seed.getrandbits(12), seed.getrandbits(48))


def item_data(lib: dict[str, dict], key: str, options: dict, item_id: str) -> dict:
    data = copy.deepcopy(lib[key])
    data["id"] = item_id
    if options.get("item_year"):
        data["issued"] = {"date-parts": [[options["item_year"]]]}
    return data


# -- field codes as each plug-in writes them ---------------------------------------------------


def csl_code(plugin: str, n: int, cluster: list[tuple[str, str]], options: dict, lib: dict[str, dict],
             plain: str, formatted: str, note: int) -> str:
    items = []
    for index, (key, locator) in enumerate(cluster):
        second = bool(options.get("second_item"))
        item_id = f"ITEM-{index + 1}" if plugin == "mendeley" else str(1000 + sorted(lib).index(key) + (50 if second else 0))
        uri = item_uri(plugin, key, second)
        cited = {"id": item_id, "uris": [uri], "itemData": item_data(lib, key, options, item_id),
                 "locator": locator, "label": "page"}
        if plugin == "zotero":
            cited["uri"] = [uri]
        items.append(cited)
    payload: dict = {"citationID": f"c{n:07d}", "citationItems": items}
    if plugin == "zotero":
        payload["properties"] = {"formattedCitation": formatted, "plainCitation": plain, "noteIndex": note}
        payload["schema"] = "https://github.com/citation-style-language/schema/raw/master/csl-citation.json"
        return "ADDIN ZOTERO_ITEM CSL_CITATION " + json.dumps(payload, ensure_ascii=False)
    payload["properties"] = {"noteIndex": note}
    payload["mendeley"] = {"formattedCitation": formatted, "plainTextFormattedCitation": plain,
                           "previouslyFormattedCitation": formatted}
    payload["schema"] = "https://github.com/citation-style-language/schema/raw/master/csl-citation.json"
    return "ADDIN CSL_CITATION " + json.dumps(payload, ensure_ascii=False)


_EN_TYPES = {"book": ("Book", 6), "article-journal": ("Journal Article", 17), "chapter": ("Book Section", 5)}


def endnote_xml(cluster: list[tuple[str, str]], options: dict, lib: dict[str, dict], plain: str) -> str:
    cites = []
    for index, (key, locator) in enumerate(cluster):
        data = item_data(lib, key, options, key)
        recnum = str(10 + sorted(lib).index(key) + (50 if options.get("second_item") else 0))
        name, number = _EN_TYPES[data["type"]]
        authors = "".join(f"<author>{escape(a['family'])}, {escape(a.get('given', ''))}</author>"
                          for a in data.get("author", []))
        editors = "".join(f"<author>{escape(a['family'])}, {escape(a.get('given', ''))}</author>"
                          for a in data.get("editor", []))
        year = str(data["issued"]["date-parts"][0][0])
        record = [f"<rec-number>{recnum}</rec-number>",
                  f'<foreign-keys><key app="EN" db-id="x9s2v0aa1w">{recnum}</key></foreign-keys>',
                  f'<ref-type name="{name}">{number}</ref-type>',
                  f"<contributors><authors>{authors}</authors>"
                  + (f"<secondary-authors>{editors}</secondary-authors>" if editors else "") + "</contributors>",
                  f"<titles><title>{escape(data['title'])}</title>"
                  + (f"<secondary-title>{escape(data['container-title'])}</secondary-title>"
                     if data.get("container-title") else "") + "</titles>"]
        for tag, field in (("pages", "page"), ("volume", "volume"), ("number", "issue"), ("pub-location",
                           "publisher-place"), ("publisher", "publisher"), ("isbn", "ISBN"),
                           ("electronic-resource-num", "DOI")):
            if data.get(field):
                record.append(f"<{tag}>{escape(str(data[field]))}</{tag}>")
        record.append(f"<dates><year>{year}</year></dates>")
        if data.get("URL"):
            record.append(f"<urls><related-urls><url>{escape(data['URL'])}</url></related-urls></urls>")
        display = f"<DisplayText>{escape(plain)}</DisplayText>" if index == 0 else ""
        family = data["author"][0]["family"] if data.get("author") else ""
        cites.append(f"<Cite><Author>{escape(family)}</Author><Year>{year}</Year><RecNum>{recnum}</RecNum>"
                     f"<Pages>{escape(locator)}</Pages>{display}<record>{''.join(record)}</record></Cite>")
    return "<EndNote>" + "".join(cites) + "</EndNote>"


# -- Word ----------------------------------------------------------------------------------


def _run(inner: str) -> str:
    return f"<w:r>{inner}</w:r>"


def _instr(code: str) -> str:
    # Word splits a long code over several instrText runs
    return "".join(_run(f'<w:instrText xml:space="preserve">{escape(code[i:i + 240])}</w:instrText>')
                   for i in range(0, len(code), 240))


def word_field(code: str, shown: str, data: str | None = None, nested: str | None = None) -> str:
    begin = (f'<w:fldChar w:fldCharType="begin"><w:fldData xml:space="preserve">{data}</w:fldData></w:fldChar>'
             if data else '<w:fldChar w:fldCharType="begin"/>')
    inner = ""
    if nested is not None:  # EndNote: EN.CITE.DATA inside the code, carrying the base64 record
        inner = (_run(f'<w:fldChar w:fldCharType="begin"><w:fldData xml:space="preserve">{nested}</w:fldData>'
                      "</w:fldChar>") + _instr(" ADDIN EN.CITE.DATA ") + _run('<w:fldChar w:fldCharType="end"/>'))
    return (_run(begin) + _instr(code) + inner + _run('<w:fldChar w:fldCharType="separate"/>')
            + _run(f'<w:t xml:space="preserve">{escape(shown)}</w:t>') + _run('<w:fldChar w:fldCharType="end"/>'))


def patch_docx(source: Path, target: Path, fields: dict[int, str]) -> None:
    """Replace each placeholder run in the footnotes with its field's runs."""
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "word/footnotes.xml":
                text = data.decode("utf-8")
                for n, runs in fields.items():
                    # the placeholder shares its run with the prose around it: cut the run in two around the field
                    pattern = re.compile(r"(<w:r>(?:(?!</w:r>).)*?<w:t[^>]*>)([^<]*?)" + MARK.format(n)
                                         + r"([^<]*)</w:t></w:r>", re.S)
                    text, count = pattern.subn(
                        lambda m: m.group(1) + m.group(2) + "</w:t></w:r>" + runs
                        + f'<w:r><w:t xml:space="preserve">{m.group(3)}</w:t></w:r>', text)
                    assert count == 1, (n, count)
                data = text.encode("utf-8")
            zout.writestr(info, data)


# -- LibreOffice ---------------------------------------------------------------------------


def patch_odt(source: Path, target: Path, marks: dict[int, tuple[str, str]], bookmarks: bool) -> None:
    """Replace each placeholder with a Zotero reference mark (or bookmark + document properties)."""
    props = []
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "content.xml":
                text = data.decode("utf-8")
                for n, (code, shown) in marks.items():
                    seed = random.Random(n)
                    tail = "".join(seed.choice("abcdefghijklmnopqrstuvwxyz0123456789") for _ in range(10))
                    if bookmarks:
                        name = f"ZOTERO_BREF_{tail}"
                        value = code.replace("ADDIN ", "", 1)
                        props.extend((f"{name}_{i // 255 + 1}", value[i:i + 255]) for i in range(0, len(value), 255))
                        start, end = f"<text:bookmark-start text:name={quoteattr(name)}/>", \
                            f"<text:bookmark-end text:name={quoteattr(name)}/>"
                    else:
                        name = code.replace("ADDIN ", "", 1) + f" RND{tail}"
                        start = f"<text:reference-mark-start text:name={quoteattr(name)}/>"
                        end = f"<text:reference-mark-end text:name={quoteattr(name)}/>"
                    text, count = re.subn(MARK.format(n), lambda m: start + escape(shown) + end, text)
                    assert count == 1, (n, count)
                data = text.encode("utf-8")
            elif info.filename == "meta.xml" and bookmarks:
                pass  # written below, once the properties are known
            zout.writestr(info, data)
    if bookmarks:
        _add_properties(target, props)


def _add_properties(path: Path, props: list[tuple[str, str]]) -> None:
    tmp = path.with_suffix(".tmp")
    user = "".join(f'<meta:user-defined meta:name={quoteattr(k)} meta:value-type="string">{escape(v)}'
                   "</meta:user-defined>" for k, v in props)
    with zipfile.ZipFile(path) as zin, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "meta.xml":
                text = data.decode("utf-8")
                text = text.replace("</office:meta>", user + "</office:meta>", 1)
                data = text.encode("utf-8")
            zout.writestr(info, data)
    tmp.replace(path)


def resave_with_libreoffice(path: Path, work: Path) -> None:
    out = work / "lo"
    out.mkdir(exist_ok=True)
    run("soffice", "--headless", f"-env:UserInstallation=file://{work}/lo-profile", "--convert-to",
        path.suffix[1:], "--outdir", str(out), str(path))
    shutil.copy(out / path.name, path)


# -- the manuscript --------------------------------------------------------------------------


def manuscript_markdown() -> str:
    lines = ["---", "title: Archives and their readers", "lang: en-US", "---", ""]
    n = 0
    for number, note in enumerate(PLAN, start=1):
        parts = []
        for part in note:
            if part[0] == "text":
                parts.append(part[1])
            else:
                n += 1
                parts.append(MARK.format(n))
        lines.append(f"Sentence {number} of the argument.^[{''.join(parts)}]")
        lines.append("")
    return "\n".join(lines)


def expected() -> dict:
    notes = {}
    for number, note in enumerate(PLAN, start=1):
        cites = []
        for part in note:
            if part[0] in ("field", "typed"):
                for key, locator in part[1]:
                    a, _, b = locator.partition("-")
                    cites.append({"key": key, "pages": [[int(a), int(b or a)]], "field": part[0] == "field"})
        notes[str(number)] = cites
    return {"style": "Chicago notes-bibliography (pandoc citeproc)", "language": "en", "notes": notes,
            "findings": FINDINGS}


def main(argv: list[str]) -> int:
    global CSL
    if "--csl" in argv:  # another note style: the same plan rendered otherwise (a hold-out for the reader)
        at = argv.index("--csl")
        CSL = Path(argv[at + 1]).resolve()
        argv = argv[:at] + argv[at + 2:]
    out = Path(argv[1]) if len(argv) > 1 else ROOT / "tests" / "fixtures" / "refmgr"
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        (work / "refs.bib").write_text(BIB, encoding="utf-8")
        lib = library(work)
        rendered = rendered_clusters(work)
        (work / "manuscript.md").write_text(manuscript_markdown(), encoding="utf-8")
        run("pandoc", "manuscript.md", "-o", "base.docx", cwd=work)
        run("pandoc", "manuscript.md", "-o", "base.odt", cwd=work)
        word: dict[str, dict[int, str]] = {"zotero": {}, "mendeley": {}, "endnote": {}}
        odt: dict[int, tuple[str, str]] = {}
        typed: dict[int, str] = {}
        n = 0
        for number, note in enumerate(PLAN, start=1):
            for part in note:
                if part[0] == "text":
                    continue
                n += 1
                plain, formatted = rendered[n - 1]
                if part[0] == "typed":
                    typed[n] = plain
                    continue
                cluster, options = part[1], part[2]
                shown = plain.replace(*options["edited"]) if "edited" in options else plain
                for plugin in ("zotero", "mendeley"):
                    code = csl_code(plugin, n, cluster, options, lib, plain, formatted, number)
                    word[plugin][n] = word_field(code, shown)
                    if plugin == "zotero":
                        odt[n] = (code, shown)
                xml = endnote_xml(cluster, options, lib, plain)
                if n % 2:  # long records go to w:fldData, as EndNote writes them; short ones stay in the code
                    data = base64.b64encode(xml.encode("utf-8")).decode("ascii")
                    word["endnote"][n] = word_field(" ADDIN EN.CITE ", shown, nested=data)
                else:
                    word["endnote"][n] = word_field(" ADDIN EN.CITE " + xml, shown)
        for plugin, fields in word.items():
            for k, text in typed.items():
                fields[k] = _run(f'<w:t xml:space="preserve">{escape(text)}</w:t>')
            patch_docx(work / "base.docx", out / f"{plugin}.docx", fields)
        for name, bookmarks in (("zotero-refmarks.odt", False), ("zotero-bookmarks.odt", True)):
            marks = dict(odt)
            patch_odt(work / "base.odt", work / name, marks, bookmarks)
            _fill_typed(work / name, typed)
            resave_with_libreoffice(work / name, work)
            shutil.copy(work / name, out / name)
        shutil.copy(work / "refs.bib", out / "refs.bib")
        (out / "refs.json").write_text(json.dumps(list(lib.values()), ensure_ascii=False, indent=2) + "\n",
                                       encoding="utf-8")
    (out / "expected.json").write_text(json.dumps(expected(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {out}")
    return 0


def _fill_typed(path: Path, typed: dict[int, str]) -> None:
    tmp = path.with_suffix(".tmp")
    with zipfile.ZipFile(path) as zin, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "content.xml":
                text = data.decode("utf-8")
                for n, shown in typed.items():
                    text = text.replace(MARK.format(n), escape(shown))
                data = text.encode("utf-8")
            zout.writestr(info, data)
    tmp.replace(path)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
