"""The adversarial pass of issue 18, case by case, through the real command line.

Every case runs `srccheck` in a subprocess with a time bound and a snapshot of the folder it reads from, and
states its outcome: a hang or a slow path fails on the bound, a traceback fails, and no file is altered or
removed. Unreadable input is exit 2 with one line on stderr; readable input is exit 0 or 1.
"""

from __future__ import annotations

import json
import os
import zipfile
from pathlib import Path

import pytest
from cli_harness import BIB, MANUSCRIPT, Snapshot, finished, make_project, one_line_error, run

SLOW = pytest.mark.skipif(not os.environ.get("SRCCHECK_SLOW"), reason="minutes: run with SRCCHECK_SLOW=1")
SEP = " " * 40
HUGE = "9" * 5000  # past int()'s 4,300-digit limit
W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
ODT_NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"')


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_project(tmp_path, lint_bib="@book{bare, title={A Title}}\n")  # three fields missing


def srccheck(project: Path, *args: str, timeout: float = 30, creates: tuple[str, ...] = (), **kw):  # type: ignore[no-untyped-def]
    """Run in the project folder and check that nothing in it was altered or removed (or made, but `creates`)."""
    snap = Snapshot(project)
    result = run(*args, cwd=project, timeout=timeout, **kw)
    snap.assert_untouched(tuple(str(project / c) for c in creates))
    return result


def check(project: Path, manuscript: str = "ms.txt", bib: str = "refs.bib", *extra: str, timeout: float = 30):  # type: ignore[no-untyped-def]
    return srccheck(project, "check", manuscript, "--bib", bib, "--format", "json", "--no-config", *extra,
                    timeout=timeout)


# --- FIFOs, devices and sparse files wherever a file is read -------------------------------------------


def _roles(project: Path, path: str) -> list[tuple[str, ...]]:
    return [
        ("check", path, "--bib", "refs.bib", "--no-config"),
        ("check", "ms.txt", "--bib", path, "--no-config"),
        ("check", "ms.txt", "--bib", "refs.bib", "--no-config", "--baseline", path),
        ("check", "ms.txt", "--bib", "refs.bib", "--config", path),
        ("sources", path, "--bib", "refs.bib"),
        ("bib", "lint", path),
        ("bib", "draft", path),
    ]


@pytest.mark.parametrize("role", range(7))
def test_a_fifo_in_any_role_is_refused_at_once(project: Path, role: int):
    os.mkfifo(project / "fifo")
    args = _roles(project, "fifo")[role]
    one_line_error(srccheck(project, *args, timeout=15), "fifo")


@pytest.mark.parametrize("role", range(7))
def test_dev_zero_in_any_role_is_refused_at_once(project: Path, role: int):
    args = _roles(project, "/dev/zero")[role]
    one_line_error(srccheck(project, *args, timeout=15), "/dev/zero")


@pytest.mark.parametrize("role", range(7))
def test_a_sparse_10_gb_file_in_any_role_is_refused_by_size(project: Path, role: int):
    with open(project / "sparse", "wb") as handle:
        handle.truncate(10 * 1024 ** 3)
    args = _roles(project, "sparse")[role]
    one_line_error(srccheck(project, *args, timeout=15), "sparse", "limit")


def test_a_baseline_over_the_size_limit_is_refused(project: Path):
    big = '{"tool": "srccheck", "version": 1, "findings": [' + " " * (40 * 1024 * 1024) + "]}"
    (project / "base.json").write_text(big, encoding="utf-8")
    one_line_error(check(project, "ms.txt", "refs.bib", "--baseline", "base.json", timeout=15), "base.json", "limit")


# --- shapes that were slow -------------------------------------------------------------------------


def _bib_with_one_title(entries: int) -> str:
    return "".join(f"@book{{k{i}, author={{Smith, John}}, title={{The History of Things}}, year={{2001}}, "
                   f"publisher={{P}}, volume={{{i}}}}}\n" for i in range(entries))


def test_bib_lint_of_20000_entries_sharing_one_title(project: Path):
    (project / "big.bib").write_text(_bib_with_one_title(20_000), encoding="utf-8")
    result = srccheck(project, "bib", "lint", "big.bib", timeout=60)
    finished(result)


@SLOW
def test_bib_lint_of_200000_entries_sharing_one_title(project: Path):
    (project / "big.bib").write_text(_bib_with_one_title(200_000), encoding="utf-8")
    finished(srccheck(project, "bib", "lint", "big.bib", timeout=300))


def test_bib_lint_still_finds_the_same_work_twice(project: Path):
    (project / "dup.bib").write_text(BIB + BIB.replace("smith2001", "smith2001b") + _bib_with_one_title(3),
                                     encoding="utf-8")
    result = srccheck(project, "bib", "lint", "dup.bib", "--format", "json")
    kinds = [(p["key"], p["kind"]) for p in json.loads(result.stdout)["problems"]]
    assert ("smith2001b", "duplicate-work") in kinds
    assert not any(kind == "duplicate-work" and key.startswith("k") for key, kind in kinds), kinds


MARKDOWN_SHAPES = {
    # a note of lines "<tab><NBSP>*a": every "*" opens emphasis that never closes
    "emphasis over tab and NBSP lines": "Text.[^1]\n\n[^1]: Note " + "\n\t".join("\u00a0*a" for _ in range(40_000)),
    # a run of alternating tabs and NBSPs inside a note: whitespace before punctuation searched from every point
    "tab NBSP run": "Text.[^1]\n\n[^1]: Smith, " + "\t\u00a0" * 100_000 + "History, s. 3" + "\t\u00a0" * 100_000 + ".",
    "NBSP lines as paragraph breaks": "Text.[^1]\n\n[^1]: **Smith " + "\n\u00a0\t\u00a0" * 50_000 + "\n",
}


@pytest.mark.parametrize("shape", MARKDOWN_SHAPES)
@pytest.mark.parametrize("command", ["check", "draft"])
def test_markdown_with_tabs_and_nbsp(project: Path, shape: str, command: str):
    (project / "notes.md").write_text(MARKDOWN_SHAPES[shape] + "\n", encoding="utf-8")
    if command == "check":
        finished(check(project, "notes.md", timeout=30))
    else:
        finished(srccheck(project, "bib", "draft", "notes.md", timeout=30))


def _zip(path: Path, members: dict[str, bytes | str]) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        for name, data in members.items():
            zf.writestr(name, data)


def _docx(path: Path, body: str, footnote: str, prolog: str = "") -> None:
    note = f'<w:footnote w:id="1"><w:p>{footnote}</w:p></w:footnote>'
    _zip(path, {"[Content_Types].xml": "<Types/>",
                "word/document.xml": f"{prolog}<w:document {W_NS}><w:body>{body}</w:body></w:document>",
                "word/footnotes.xml": f"{prolog}<w:footnotes {W_NS}>{note}</w:footnotes>"})


REF = '<w:p><w:r><w:t>Claim.</w:t></w:r><w:r><w:footnoteReference w:id="1"/></w:r></w:p>'
CITE = "<w:r><w:t>John Smith, The History of Things (London: Penguin, 2001), s. 12.</w:t></w:r>"
MB30 = 30 * 1024 * 1024
DOCX_PADDING = {
    "whitespace between elements": (REF, CITE + " " * MB30),
    "a comment": (REF, CITE + "<!--" + "x" * MB30 + "-->"),
    "empty elements": (REF, CITE + '<w:proofErr w:type="spellStart"/>' * (MB30 // 34)),
    "empty runs": (REF, CITE + "<w:r><w:t xml:space='preserve'> </w:t></w:r>" * (MB30 // 44)),
    "NBSP text": (REF, CITE + "<w:r><w:t xml:space='preserve'>" + "\u00a0 " * (MB30 // 3) + "</w:t></w:r>"),
    "body paragraphs": (REF + "<w:p><w:r><w:t>Body.</w:t></w:r></w:p>" * (MB30 // 38), CITE),
}


@pytest.mark.parametrize("padding", DOCX_PADDING)
def test_docx_padded_to_30_mb_of_xml(project: Path, padding: str):
    body, footnote = DOCX_PADDING[padding]
    _docx(project / "padded.docx", body, footnote)
    finished(check(project, "padded.docx", timeout=60))


def test_docx_whose_notes_hold_more_text_than_a_manuscript_may(project: Path):
    text = "Smith, History. " * (MB30 // 16)
    _docx(project / "padded.docx", REF, f"<w:r><w:t>{text}</w:t></w:r>")
    one_line_error(check(project, "padded.docx", timeout=60), "padded.docx", "limit")


# --- digits that int() refuses ---------------------------------------------------------------------


SUPERSCRIPT_CASES = {
    "markdown label": ("notes.md", "Text.[^²]\n\n[^²]: John Smith, The History of Things, s. 12.\n"),
    "latex footnote option": ("notes.tex", "Text.\\footnote[²]{John Smith, The History of Things, s. 12.}\n"),
    "latex counter": ("notes.tex", "\\setcounter{footnote}{²}Text.\\footnote{John Smith, History, s. 12.}\n"),
    "markdown label of Arabic-Indic digits": ("notes.md", "Text.[^١٢]\n\n[^١٢]: John Smith, History, s. 12.\n"),
}


@pytest.mark.parametrize("case", SUPERSCRIPT_CASES)
def test_superscript_digits_in_a_note_label(project: Path, case: str):
    name, text = SUPERSCRIPT_CASES[case]
    (project / name).write_text(text, encoding="utf-8")
    finished(check(project, name))


def _odt(path: Path, body: str, prolog: str = "") -> None:
    content = (f"{prolog}<office:document-content {ODT_NS}><office:body><office:text>{body}</office:text>"
               "</office:body></office:document-content>")
    _zip(path, {"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": content,
                "META-INF/manifest.xml": "<manifest/>"})


def _odt_note(citation: str, text: str) -> str:
    return (f'<text:p>Claim.<text:note text:note-class="footnote"><text:note-citation>{citation}'
            f"</text:note-citation><text:note-body><text:p>{text}</text:p></text:note-body></text:note></text:p>")


@pytest.mark.parametrize("citation", ["²", "٣", HUGE])
def test_odt_note_citation_that_is_no_ascii_number(project: Path, citation: str):
    _odt(project / "notes.odt", _odt_note(citation, "John Smith, The History of Things, s. 12."))
    finished(check(project, "notes.odt"))


HUGE_BIB = {
    "pages": BIB.replace("year=2001", f"year=2001, pages={{{HUGE}}}").replace("@book", "@article"),
    "page range": BIB.replace("year=2001", f"year=2001, pages={{1--{HUGE}}}").replace("@book", "@article"),
    "pagetotal": BIB.replace("year=2001", f"year=2001, pagetotal={{{HUGE}}}"),
    "volume": BIB.replace("year=2001", f"year=2001, volume={{{HUGE}}}"),
    "year": BIB.replace("year=2001", f"year={{{HUGE}}}"),
    "number": BIB.replace("year=2001", f"year=2001, number={{{HUGE}}}"),
}


@pytest.mark.parametrize("field", HUGE_BIB)
@pytest.mark.parametrize("command", ["check", "lint", "sources"])
def test_a_5000_digit_number_in_the_bib(project: Path, field: str, command: str):
    (project / "huge.bib").write_text(HUGE_BIB[field], encoding="utf-8")
    (project / "ms2.txt").write_text(MANUSCRIPT.replace("s. 12", f"s. 12; Smith, History, C. 3, s. {HUGE}"),
                                     encoding="utf-8")
    if command == "check":
        finished(check(project, "ms2.txt", "huge.bib"))
    elif command == "lint":
        finished(srccheck(project, "bib", "lint", "huge.bib"))
    else:
        finished(srccheck(project, "sources", "ms2.txt", "--bib", "huge.bib"))


HUGE_NOTES = {
    "page": f"John Smith, The History of Things, s. {HUGE}.",
    "page range": f"John Smith, The History of Things, s. 12-{HUGE}.",
    "volume": f"John Smith, The History of Things, C. {HUGE}, s. 3.",
    "volume and page": f"John Smith, The History of Things, {HUGE}/{HUGE}.",
    "archive number": f"BOA, HR. İM., Dosya No: {HUGE}, Gömlek No: {HUGE}.",
    "cross-reference": f"Smith (n {HUGE}) 15.",
    "German cross-reference": f"Smith, History (wie Anm. {HUGE}), S. 4.",
    "year": f"John Smith, The History of Things (London: Penguin, {HUGE}), 4.",
    "note number": "",
}


@pytest.mark.parametrize("case", HUGE_NOTES)
@pytest.mark.parametrize("command", ["check", "draft"])
def test_a_5000_digit_number_in_a_note(project: Path, case: str, command: str):
    note = HUGE_NOTES[case]
    text = (f"Body.{HUGE}\n\n{SEP}\n{HUGE} John Smith, History, s. 3.\n" if case == "note number" else
            f"Body text.1 More.2\n\n{SEP}\n1 John Smith, The History of Things (London: Penguin, 2001), 3.\n2 {note}\n")
    (project / "ms2.txt").write_text(text, encoding="utf-8")
    if command == "check":
        finished(check(project, "ms2.txt"))
    else:
        finished(srccheck(project, "bib", "draft", "ms2.txt"))


@pytest.mark.parametrize("config", [
    f'[ignore-notes]\n{HUGE} = ["SC403"]\n',
    '[ignore-notes]\n"²" = ["SC403"]\n',
    f"fail-on = {HUGE}\n",
    f"language = {HUGE}\n",
])
def test_odd_numbers_in_the_configuration(project: Path, config: str):
    (project / "srccheck.toml").write_text(config, encoding="utf-8")
    result = srccheck(project, "check", "ms.txt", "--bib", "refs.bib", "--format", "json")
    one_line_error(result, "srccheck.toml")


def test_a_5000_digit_number_in_the_baseline(project: Path):
    (project / "base.json").write_text('{"tool": "srccheck", "version": ' + HUGE + ', "findings": []}',
                                       encoding="utf-8")
    one_line_error(check(project, "ms.txt", "refs.bib", "--baseline", "base.json"), "base.json")


# --- XML encodings and deep nesting ------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["idna", "rot13", "utf-7", "cp932", "punycode", "no-such-codec", "hex",
                                      "latin-1"])
@pytest.mark.parametrize("fmt", ["docx", "odt"])
def test_an_xml_part_that_declares_an_odd_encoding(project: Path, encoding: str, fmt: str):
    prolog = f'<?xml version="1.0" encoding="{encoding}"?>'
    if fmt == "docx":
        _docx(project / "odd.docx", REF, CITE, prolog)
    else:
        _odt(project / "odd.odt", _odt_note("1", "John Smith, The History of Things, s. 12."), prolog)
    one_line_error(check(project, f"odd.{fmt}"), f"odd.{fmt}", "encoding")


@pytest.mark.parametrize("encoding", ["UTF-8", "utf-16", "UTF-16LE"])
def test_xml_parts_in_utf8_and_utf16_are_read(project: Path, encoding: str):
    codec = encoding.lower()
    bom = "\ufeff" if codec == "utf-16le" else ""
    content = (f'{bom}<?xml version="1.0" encoding="{encoding}"?><office:document-content {ODT_NS}><office:body>'
               f'<office:text>{_odt_note("1", "John Smith, The History of Things, s. 12.")}</office:text>'
               "</office:body></office:document-content>")
    _zip(project / "ok.odt", {"mimetype": "application/vnd.oasis.opendocument.text",
                               "content.xml": content.encode(codec), "META-INF/manifest.xml": "<manifest/>"})
    result = check(project, "ok.odt")
    finished(result)
    assert result.returncode in (0, 1) and '"smith2001"' in result.out


def test_deeply_nested_spans_in_an_odt(project: Path):
    spans = "<text:span>" * 50_000 + "John Smith, History, s. 12." + "</text:span>" * 50_000
    _odt(project / "deep.odt", _odt_note("1", spans))
    finished(check(project, "deep.odt"))


def test_deeply_nested_runs_in_a_docx(project: Path):
    nested = "<w:smartTag>" * 50_000 + CITE + "</w:smartTag>" * 50_000
    _docx(project / "deep.docx", REF, nested)
    finished(check(project, "deep.docx"))


def test_a_deeply_nested_baseline(project: Path):
    (project / "base.json").write_text('{"tool": "srccheck", "findings": ' + "[" * 100_000 + "]" * 100_000 + "}",
                                       encoding="utf-8")
    one_line_error(check(project, "ms.txt", "refs.bib", "--baseline", "base.json"), "base.json")


def test_a_deeply_nested_configuration(project: Path):
    (project / "srccheck.toml").write_text("bib = " + "[" * 100_000 + "]" * 100_000 + "\n", encoding="utf-8")
    one_line_error(srccheck(project, "check", "ms.txt", "--format", "json"), "srccheck.toml")


def test_deeply_nested_json_keeps_the_baseline_readable_when_sane(project: Path):
    written = srccheck(project, "check", "ms.txt", "--bib", "refs.bib", "--no-config", "--baseline", "base.json",
                       "--write-baseline", creates=("base.json",))
    assert written.returncode == 0, written.err
    finished(check(project, "ms.txt", "refs.bib", "--baseline", "base.json"))


@pytest.mark.parametrize("encoding", ["punycode", "idna", "utf-7", "rot13"])
def test_a_forced_encoding_that_fails_its_own_way(project: Path, encoding: str):
    (project / "puny.txt").write_bytes(b"xn--zz\n" + b"x" * 100 + b".\n")
    finished(check(project, "puny.txt", "refs.bib", "--encoding", encoding))


def test_a_symlink_loop_as_manuscript_bib_and_baseline(project: Path):
    (project / "loop.bib").symlink_to("loop.bib")
    for args in (("loop.bib",), ("ms.txt", "loop.bib"), ("ms.txt", "refs.bib", "--baseline", "loop.bib")):
        one_line_error(check(project, *args), "loop.bib")
    # with the configuration searched from the manuscript's folder (the loop once made that a traceback)
    one_line_error(srccheck(project, "check", "loop.bib", "--bib", "refs.bib"), "loop.bib")


# --- a broken or full standard output ------------------------------------------------------------------


STDOUT_COMMANDS = [
    ("check", "ms.txt", "--bib", "refs.bib", "--no-config", "--format", "json"),
    ("check", "ms.txt", "--bib", "refs.bib", "--no-config", "--format", "text"),
    ("check", "ms.txt", "--bib", "refs.bib", "--no-config", "--format", "concise"),
    ("check", "ms.txt", "--bib", "refs.bib", "--no-config", "--format", "sarif"),
    ("check", "ms.txt", "--bib", "refs.bib", "--no-config", "--statistics"),
    ("sources", "ms.txt", "--bib", "refs.bib"),
    ("sources", "ms.txt", "--bib", "refs.bib", "--format", "json"),
    ("bib", "draft", "ms.txt"),
    ("bib", "lint", "lint.bib"),
    ("rules",),
    ("rule", "SC101"),
    ("cache", "dir"),
    ("--version",),
    ("--help",),
    ("check", "--help"),
]


@pytest.mark.parametrize("args", STDOUT_COMMANDS, ids=" ".join)
def test_a_full_stdout_is_one_line_and_exit_2(project: Path, args: tuple[str, ...]):
    with open("/dev/full", "wb") as full:
        result = srccheck(project, *args, stdout=full.fileno(), timeout=30)
    one_line_error(result, "output")


@pytest.mark.parametrize("args", STDOUT_COMMANDS[:8], ids=" ".join)
def test_a_closed_stdout_is_one_line_and_exit_2(project: Path, args: tuple[str, ...]):
    read, write = os.pipe()
    os.close(read)  # whoever was to read the output is gone
    try:
        result = srccheck(project, *args, stdout=write, timeout=30)
    finally:
        os.close(write)
    one_line_error(result, "output")

