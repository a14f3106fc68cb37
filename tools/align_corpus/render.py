"""Render a plan's notes with a real CSL processor: pandoc's citeproc or citeproc-js.

pandoc: the notes are written as a pandoc user writes them, every citation group in
the running text (`Text [Vgl. @{key}, 33; ferner @{key2}, 12-14. Comment].`), so
pandoc makes each a footnote, numbers it, assigns positions (first, subsequent,
ibid) and renders it; a note without citations is an explicit footnote.

citeproc-js: the same citation groups go to citeproc-js one after another with
their note numbers, as a word-processor plugin sends them (earlier citations the
processor rewrites are updated); its HTML output is turned into text by pandoc's
plain writer, as for pandoc's own output (italics dropped, small caps upper-cased,
superscripts kept as superscript characters).

Hand-made author–year citations are text inside a rendered citation's suffix; a
note made only of them is sent to the processor as a citation (so that the
processor knows the work was cited there, as the reader does) and its rendered
text is replaced by the writer's.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from plan import Cite, Note, handmade_text

HERE = Path(__file__).resolve().parent


def find_pandoc(explicit: str | None = None) -> str:
    """--pandoc, then $PANDOC, then the pandoc shipped in pypandoc-binary, then PATH."""
    if explicit:
        return explicit
    if os.environ.get("PANDOC"):
        return os.environ["PANDOC"]
    try:
        import pypandoc  # type: ignore

        return pypandoc.get_pandoc_path()
    except Exception:
        pass
    found = shutil.which("pandoc")
    if not found:
        raise SystemExit("pandoc not found: pip install pypandoc-binary==1.17 (pandoc 3.9) or set PANDOC")
    return found


def _suffix(note: Note, index: int) -> str:
    """A rendered citation's suffix: its own, then the hand-made citations that follow it."""
    cite = note.cites[index]
    text = cite.suffix
    for later in note.cites[index + 1:]:
        if not later.handmade:
            break
        text += later.join + later.handmade
    return text


def _groups(note: Note) -> list[tuple[Cite, str]]:
    """(citation, suffix) for each citation the processor renders."""
    if note.handmade_only:
        return [(c, "") for c in note.cites]
    return [(c, _suffix(note, i)) for i, c in enumerate(note.cites) if not c.handmade]


def _md(text: str) -> str:
    """Writer text inside a pandoc citation group: ";" would split the group, "@" start a citation."""
    return re.sub(r"([\\;\[\]@*_`<>])", r"\\\1", text)


def markdown_group(note: Note) -> str:
    parts = []
    for cite, suffix in _groups(note):
        text = f"@{{{cite.key}}}"
        if cite.prefix and not note.handmade_only:
            text = f"{_md(cite.prefix)} {text}"
        if cite.pages:
            text += f", {cite.locator()}"
        parts.append(text + _md(suffix))
    return "[" + "; ".join(parts) + "]"


def render_pandoc(pandoc: str, notes: list[Note], items: list[dict], csl: Path, lang: str) -> list[str]:
    body = []
    for i, note in enumerate(notes, 1):
        body.append(f"Note {i}^[{note.comment}]." if not note.cites else f"Note {i} {markdown_group(note)}.")
    with tempfile.TemporaryDirectory() as tmp:
        refs = Path(tmp, "refs.json")
        refs.write_text(json.dumps(items, ensure_ascii=False), encoding="utf-8")
        src = Path(tmp, "in.md")
        src.write_text("\n\n".join(body) + "\n", encoding="utf-8")
        result = subprocess.run(
            [pandoc, str(src), "--from", "markdown", "--to", "plain", "--wrap=none", "--citeproc",
             "--csl", str(csl), "--bibliography", str(refs), "--metadata", f"lang={lang}",
             "--metadata", "suppress-bibliography=true"],
            capture_output=True, text=True, check=True)
    if result.stderr.strip():
        raise RuntimeError(f"pandoc warned for {csl.name}:\n{result.stderr[:500]}")
    found: dict[int, str] = {}
    bodies = [line for line in result.stdout.splitlines() if line.startswith("Note ")]
    wanted = [f"Note {i}[{i}]." if not n.cites else f"Note {i}.[{i}]" for i, n in enumerate(notes, 1)]
    if bodies != wanted:
        wrong = next(b for b, w in zip(bodies + [""] * len(wanted), wanted) if b != w)
        raise RuntimeError(f"pandoc did not read a citation group as one note: {wrong!r}")
    for line in result.stdout.splitlines():
        m = re.match(r"^\[(\d+)\] (.*)$", line)
        if m:
            found[int(m.group(1))] = m.group(2).strip()
    if sorted(found) != list(range(1, len(notes) + 1)):
        raise RuntimeError(f"pandoc gave notes {sorted(found)[:5]}… for {len(notes)} planned")
    return _with_handmade(notes, [found[i] for i in range(1, len(notes) + 1)])


SUPERSCRIPTS = dict(zip("0123456789aeiorstnd", "⁰¹²³⁴⁵⁶⁷⁸⁹ᵃᵉⁱᵒʳˢᵗⁿᵈ"))


def _superscript(found: re.Match) -> str:
    """citeproc-js writes the locale's "nᵒ", "2ᵉ" as <sup>o</sup>, <sup>e</sup>: give the characters back
    (pandoc's plain writer would print "n^(o)", which no writer's text contains)."""
    inner = found.group(1)
    return "".join(SUPERSCRIPTS[c] for c in inner) if inner and all(c in SUPERSCRIPTS for c in inner) else inner


def html_to_plain(pandoc: str, fragments: dict[str, str]) -> dict[str, str]:
    """citeproc-js HTML fragments as pandoc's plain writer gives them, one paragraph each."""
    fragments = {k: re.sub(r"<sup>([^<]*)</sup>", _superscript, v) for k, v in fragments.items()}
    doc = "".join(f"<p>CLUSTER{name}XX {frag}</p>\n" for name, frag in fragments.items())
    result = subprocess.run([pandoc, "--from", "html", "--to", "plain", "--wrap=none"], input=doc,
                            capture_output=True, text=True, check=True)
    out = {}
    for line in result.stdout.splitlines():
        m = re.match(r"^CLUSTER(\w+)XX (.*)$", line)
        if m:
            out[m.group(1)] = m.group(2).strip()
    if set(out) != set(fragments):
        raise RuntimeError("pandoc lost a citeproc-js cluster in the HTML conversion")
    return out


def render_citeproc_js(pandoc: str, node: str, notes: list[Note], items: list[dict], csl: Path, lang: str,
                       locales: list[Path]) -> tuple[list[str], str]:
    clusters = []
    for i, note in enumerate(notes, 1):
        if not note.cites:
            continue
        cluster_items = []
        for cite, suffix in _groups(note):
            entry: dict = {"id": cite.key}
            if cite.pages:
                entry.update(locator=cite.locator(), label="page")
            if cite.prefix and not note.handmade_only:
                entry["prefix"] = html.escape(cite.prefix, quote=False) + " "
            if suffix:
                entry["suffix"] = html.escape(suffix, quote=False)
            cluster_items.append(entry)
        clusters.append({"id": f"n{i}", "note": i, "items": cluster_items})
    request = {"style": str(csl), "lang": lang, "locales": [str(p) for p in locales], "items": items, "clusters": clusters,
               "format": "html"}
    result = subprocess.run([node, str(HERE / "citeproc_run.js")], input=json.dumps(request, ensure_ascii=False),
                            capture_output=True, text=True, cwd=HERE)
    if result.returncode or result.stderr.strip():
        raise RuntimeError(f"citeproc-js failed for {csl.name}: {result.stderr[:500]}")
    answer = json.loads(result.stdout)
    texts = html_to_plain(pandoc, {k[1:]: v for k, v in answer["texts"].items()})
    rendered = []
    for i, note in enumerate(notes, 1):
        rendered.append(note.comment if not note.cites else texts[str(i)])
    return _with_handmade(notes, rendered), answer["version"]


def _with_handmade(notes: list[Note], texts: list[str]) -> list[str]:
    return [handmade_text(n) if n.handmade_only else t for n, t in zip(notes, texts)]


def citeproc_js_version() -> str:
    package = json.loads((HERE / "node_modules" / "citeproc" / "package.json").read_text(encoding="utf-8"))
    return package["version"]
