"""Hostile inputs: never a traceback, never a hang, never a write to an input.

Each case runs the real command line in a subprocess with a stated time bound (subprocess
timeout: a hang fails the test instead of blocking CI) and states its outcome:
- unreadable -> exit 2 and exactly one line on stderr naming the file and the problem;
- readable   -> findings (exit 0 or 1), JSON on stdout, nothing on stderr.

Size limits (srccheck/textio.py): a manuscript larger than 16 MB or a bibliography larger
than 32 MB is refused before it is read.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, every_finding

REFS = str(ROOT / "refs.bib")
ARTICLE = str(ROOT / "article.txt")
SEPARATOR = " " * 40
BIB = "@book{smith2001, author={Smith, John}, title={The History of Things}, publisher={Penguin}, year=2001}\n"


def srccheck(*args: str, timeout: float, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    cmd = [sys.executable, "-c", "from srccheck.cli import main; main()", *args]
    try:
        return subprocess.run(cmd, capture_output=True, timeout=timeout, input=stdin, cwd=ROOT,
                              stdin=None if stdin is not None else subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        pytest.fail(f"srccheck {' '.join(args)[:200]} did not finish within {timeout} s")


def refused(result: subprocess.CompletedProcess, path: str, *words: str) -> str:
    err = result.stderr.decode("utf-8", "replace")
    assert "Traceback" not in err, err
    assert result.returncode == 2, (result.returncode, err)
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert path in lines[0], lines[0]
    for word in words:
        assert word in lines[0], lines[0]
    return lines[0]


def findings(result: subprocess.CompletedProcess) -> dict:
    err = result.stderr.decode("utf-8", "replace")
    assert "Traceback" not in err and result.returncode in (0, 1), (result.returncode, err)
    assert len(err.strip().splitlines()) <= 2, err  # at most the summary lines: the manuscript's and its .bib's
    document = json.loads(result.stdout)
    (report,) = document["reports"]
    return {**report, "findings": every_finding(document)}  # the bibliography's findings too


def check(manuscript: str, bib: str = REFS, timeout: float = 20, *extra: str) -> subprocess.CompletedProcess:
    return srccheck("check", manuscript, "--bib", bib, "--format", "json", *extra, timeout=timeout)


# --- what cannot be read: exit 2, one line ------------------------------------------------------


def test_missing_file(tmp_path):
    path = str(tmp_path / "nope.txt")
    refused(check(path, timeout=10), path, "no such")


def test_missing_bib(tmp_path):
    path = str(tmp_path / "nope.bib")
    refused(check(ARTICLE, path, timeout=10), path, "no such")


def test_directory(tmp_path):
    for result in (check(str(tmp_path), timeout=10), check(ARTICLE, str(tmp_path), timeout=10)):
        err = result.stderr.decode()
        assert result.returncode == 2 and "Traceback" not in err and str(tmp_path) in err and "directory" in err


def test_directory_is_one_line(tmp_path):
    refused(check(str(tmp_path), timeout=10), str(tmp_path), "directory")


def test_binary_junk(tmp_path):
    path = tmp_path / "junk.txt"
    path.write_bytes(bytes((i * 7919 + 13) % 256 for i in range(200_000)))
    refused(check(str(path), timeout=10), str(path), "binary")
    refused(check(ARTICLE, str(path), timeout=10), str(path), "binary")


def test_fifo_does_not_block(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)  # nobody ever writes to it: opening it for reading must not wait
    refused(check(str(fifo), timeout=10), str(fifo), "not a regular file")
    refused(check(ARTICLE, str(fifo), timeout=10), str(fifo), "not a regular file")


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom", "/dev/null"])
def test_device(device):
    if not os.path.exists(device):
        pytest.skip(f"no {device}")
    refused(check(device, timeout=10), device, "not a regular file")


def test_50_mb_manuscript_is_refused_by_size_before_reading(tmp_path):
    path = tmp_path / "huge.txt"
    line = ("Türkiye ile Azerbaycan arasındaki ilişkiler bu dönemde gelişmiştir.1 " * 20 + "\n").encode()
    with open(path, "wb") as out:
        for _ in range(50 * 1024 * 1024 // len(line) + 1):
            out.write(line)
    assert path.stat().st_size > 50 * 1024 * 1024
    refused(check(str(path), timeout=10), str(path), "50 MB", "16 MB limit")


def test_manuscript_on_stdin_over_the_limit_is_refused(tmp_path):
    result = srccheck("check", "-", "--bib", REFS, timeout=20, stdin=b"a" * (16 * 1024 * 1024 + 10))
    refused(result, "<stdin>", "16 MB limit")


# --- what can be read: findings ------------------------------------------------------------------


def test_empty_file(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    report = findings(check(str(path), timeout=10))
    assert report["notes"] == []


def test_whitespace_only(tmp_path):
    path = tmp_path / "blank.txt"
    path.write_text(" \n\t\n\f\n   \r\n" * 1000, encoding="utf-8")
    assert findings(check(str(path), timeout=10))["notes"] == []


def test_empty_bib(tmp_path):
    bib = tmp_path / "empty.bib"
    bib.write_bytes(b"")
    report = findings(check(ARTICLE, str(bib), timeout=20))
    assert report["notes"] and all(c["key"] is None for n in report["notes"] for c in n["citations"])


def test_one_megabyte_single_line(tmp_path):
    path = tmp_path / "line.txt"
    path.write_text("Bu bir cümledir, s. 12. a.g.e.; “Başlık” (1919) 1.2.3-4 " * 18_000, encoding="utf-8")
    assert path.stat().st_size > 1024 * 1024
    findings(check(str(path), timeout=30))


SLOW = pytest.mark.skipif(not os.environ.get("SRCCHECK_SLOW"), reason="about a minute: run with SRCCHECK_SLOW=1")


@SLOW
def test_one_megabyte_single_note(tmp_path):
    path = tmp_path / "note.txt"
    note = "Smith, History of Things, s. 12. Ibid., 14. A. B. Jones, “Title” (London, 1999), 4–5; " * 12_000
    path.write_text(f"Body text.1\n\n{SEPARATOR}\n1 {note}\n", encoding="utf-8")
    assert path.stat().st_size > 1024 * 1024
    findings(check(str(path), timeout=120))


@SLOW
def test_100000_footnote_looking_lines(tmp_path):
    path = tmp_path / "lines.txt"
    lines = [f"{i} Smith, History of Things, s. {i % 300 + 1}." for i in range(1, 100_001)]
    path.write_text("Body text.1\n\n" + SEPARATOR + "\n" + "\n".join(lines) + "\n", encoding="utf-8")
    findings(check(str(path), timeout=120))


def test_10000_footnote_looking_lines(tmp_path):
    path = tmp_path / "lines.txt"
    lines = [f"{i} Smith, History of Things, s. {i % 300 + 1}." for i in range(1, 10_001)]
    path.write_text("Body text.1\n\n" + SEPARATOR + "\n" + "\n".join(lines) + "\n", encoding="utf-8")
    findings(check(str(path), timeout=30))


def test_deeply_nested_braces_in_bib(tmp_path):
    bib = tmp_path / "nested.bib"
    bib.write_text("@book{deep, title={" + "{" * 20_000 + "x" + "}" * 20_000 + "}, year=2001}\n" + BIB,
                   encoding="utf-8")
    findings(check(ARTICLE, str(bib), timeout=30))


def test_unterminated_bib_entry(tmp_path):
    bib = tmp_path / "open.bib"
    bib.write_text(BIB + "@book{broken, title={Never closed, year=2001,\n author={Nobody}\n", encoding="utf-8")
    report = findings(check(ARTICLE, str(bib), timeout=20))
    assert any(f["rule"] == "bib-parse-error" for f in report["findings"])


def test_bib_with_10000_duplicate_keys(tmp_path):
    bib = tmp_path / "dups.bib"
    bib.write_text("".join(f"@book{{same, title={{Book {i}}}, author={{Smith, John}}, year=2001}}\n"
                           for i in range(10_000)), encoding="utf-8")
    report = findings(check(ARTICLE, str(bib), timeout=30))
    assert sum(f["rule"] == "duplicate-entry" or "duplicate" in f["message"] for f in report["findings"]) >= 1


ODD_MARKERS = f"""Body.1 More.2 And more.3 Still.4 Yet.5 Again.6 Then.7 Last.8

{SEPARATOR}
1 a.g.e.
2 Ibid.
3 Ibid., Ibid., Ibid.
4 Smith, “a.g.e. and Ibid. in a title, op. cit.”, Penguin, London, 2001, s. 4.
5 a.y.; a.g.m.; Ebd.; Там же; op. cit.; ibíd.; Ivi; a. a. O.; (wie Anm. 99); (n 77) 4.
6 Ders., a.a.O., S. 12 f.; Id., ibid., p. 4 sq.; Указ. соч. С. 5.
7 s. s. s. pp. p. S. С. 1-; -2; 45-39; 131–32; 2/143; 1335/1919.
8 Ibid.
"""


@pytest.mark.parametrize("language", ["auto", "tr", "en", "de", "fr", "it", "es", "ru"])
def test_marker_strings_in_odd_places(tmp_path, language):
    path = tmp_path / "odd.txt"
    path.write_text(ODD_MARKERS, encoding="utf-8")
    report = findings(check(str(path), REFS, 20, "--language", language))
    assert [n["number"] for n in report["notes"]] == list(range(1, 9))


# --- no writes to inputs -------------------------------------------------------------------------


def _snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in folder.iterdir()}


def test_no_command_writes_to_its_inputs_or_next_to_them(tmp_path):
    folder = tmp_path / "inputs"
    folder.mkdir()
    (folder / "article.txt").write_bytes(Path(ARTICLE).read_bytes())
    (folder / "refs.bib").write_bytes(Path(REFS).read_bytes())
    (folder / "broken.bib").write_text(BIB + "@book{x, title={open\n", encoding="utf-8")
    os.utime(folder / "article.txt", ns=(1_000_000_000, 1_000_000_000))  # an old mtime: any touch shows
    before = _snapshot(folder)
    ms, bib = str(folder / "article.txt"), str(folder / "refs.bib")
    commands = [
        ("check", ms, "--bib", bib),
        ("check", ms, "--bib", bib, "--format", "json"),
        ("check", ms, "--bib", bib, "--format", "text", "--no-sources", "--fail-on", "info"),
        ("check", ms, "--bib", str(folder / "broken.bib"), "--exit-zero"),
        ("check", ms, "--bib", bib, "--encoding", "utf-8", "--language", "tr", "--input-format", "text"),
        ("sources", ms, "--bib", bib),
        ("bib", "lint", bib),
        ("bib", "draft", ms),
        ("rules",),
        ("rule", "SC101"),
        ("rule", "no-such-rule"),
        ("--version",),
        ("--help",),
    ]
    help_text = srccheck("--help", timeout=20).stdout.decode()
    for name in ("baseline", "init", "fix", "cache"):  # commands others may add: run their help at least
        if f"\n  {name} " in help_text:
            commands.append((name, "--help"))
    for args in commands:
        result = srccheck(*args, timeout=30)
        assert "Traceback" not in result.stderr.decode("utf-8", "replace"), args
        assert _snapshot(folder) == before, f"srccheck {' '.join(args)} changed its inputs"
    assert sorted(p.name for p in folder.iterdir()) == ["article.txt", "broken.bib", "refs.bib"]


# --- binary formats (readers in srccheck/manuscript: docx, odt, pdf, latex) ----------------------

FORMATS = ROOT / "tests" / "fixtures" / "formats"
DOCX_MEMBERS = {
    "[Content_Types].xml": "<?xml version='1.0'?><Types xmlns='http://schemas.openxmlformats.org/package/2006/content-types'/>",
    "word/document.xml": "<?xml version='1.0'?><w:document xmlns:w='http://schemas.openxmlformats.org/"
                         "wordprocessingml/2006/main'><w:body><w:p><w:r><w:t>Text.</w:t></w:r></w:p></w:body></w:document>",
}


def _zip(path: Path, members: dict[str, bytes | str], compresslevel: int = 6) -> str:
    import zipfile

    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=compresslevel) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return str(path)


def test_renamed_non_zip_docx(tmp_path):
    path = tmp_path / "fake.docx"
    path.write_text("I am plain text, not a Word document.\n", encoding="utf-8")
    refused(check(str(path), timeout=20), str(path))


def test_docx_zip_bomb(tmp_path):
    bomb = "<?xml version='1.0'?><w:document xmlns:w='x'>" + " " * (200 * 1024 * 1024) + "</w:document>"
    path = _zip(tmp_path / "bomb.docx", {**DOCX_MEMBERS, "word/document.xml": bomb}, compresslevel=1)
    assert os.path.getsize(path) < 2 * 1024 * 1024
    refused(check(path, timeout=30), path)


def test_docx_with_too_many_members(tmp_path):
    members = {**DOCX_MEMBERS, **{f"word/media/m{i}.bin": b"" for i in range(10_001)}}
    path = _zip(tmp_path / "many.docx", members)
    refused(check(path, timeout=30), path, "members")


@pytest.mark.parametrize("suffix", ["docx", "odt"])
def test_path_traversal_member(tmp_path, suffix):
    members = dict(DOCX_MEMBERS) if suffix == "docx" else {
        "mimetype": "application/vnd.oasis.opendocument.text", "content.xml": "<office:document-content/>",
        "META-INF/manifest.xml": "<manifest/>"}
    members["../../evil.txt"] = "escape"
    path = _zip(tmp_path / f"trav.{suffix}", members)
    refused(check(path, timeout=20), path)
    assert not (tmp_path.parent / "evil.txt").exists() and not (tmp_path / "evil.txt").exists()


def test_encrypted_pdf():
    path = str(FORMATS / "encrypted.pdf")
    if not os.path.exists(path):
        pytest.skip("no encrypted.pdf fixture")
    refused(check(path, timeout=30), path)


def _blank_pdf() -> bytes:
    """One empty page, no text: what an image-only scan looks like to a text reader."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (i, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def test_image_only_pdf(tmp_path):
    path = tmp_path / "scan.pdf"
    path.write_bytes(_blank_pdf())
    refused(check(str(path), timeout=30), str(path))


def test_tex_with_unbalanced_braces(tmp_path):
    path = tmp_path / "open.tex"
    path.write_text("\\documentclass{article}\n\\begin{document}\nText.\\footnote{Smith, \\emph{History, p. 4.\n"
                    "\\end{document}\n", encoding="utf-8")
    refused(check(str(path), timeout=20), str(path))


def test_tex_with_deeply_nested_braces(tmp_path):
    path = tmp_path / "deep.tex"
    path.write_text("Text.\\footnote{" + "{" * 20_000 + "Smith, History, p. 4." + "}" * 20_000 + "}\n",
                    encoding="utf-8")
    result = check(str(path), timeout=30)
    assert "Traceback" not in result.stderr.decode() and result.returncode in (0, 1, 2)
