"""Legacy encodings and Unicode clean-up: the same manuscript in any encoding gives the same report.

The sample article is written in Windows-1254, ISO-8859-9, UTF-16 and UTF-8 with a BOM under
tmp_path and checked; the JSON reports must equal the UTF-8 original's. Every character of the
article exists in Windows-1254; ISO-8859-9 lacks the typographic quotes and the ellipsis
(’ “ ” ‘ …), so for that encoding both sides use ASCII stand-ins, the honest way to save the
article in ISO-8859-9.
"""

from __future__ import annotations

import codecs
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import CORPUS, ROOT

from srccheck.cli import main
from srccheck.normalize import clean
from srccheck.textio import decode, read_text

ARTICLE = ROOT / "article.txt"
REFS = str(ROOT / "refs.bib")
ISO_8859_9_STANDINS = {"’": "'", "‘": "'", "“": '"', "”": '"', "…": "..."}


def report(path: Path, *extra: str, bib: str = REFS) -> dict:
    result = CliRunner().invoke(main, ["check", str(path), "--bib", bib, "--format", "json", "--exit-zero", *extra])
    assert result.exit_code == 0, (result.output, result.exception)
    document = json.loads(result.stdout)
    for one in document["reports"]:  # the same report whatever the file's name and encoding
        del one["path"], one["encoding"]
        for f in one["findings"]:
            del f["path"]
    for work in document["works"]:
        del work["manuscripts"]
    return document


def save(tmp_path: Path, name: str, data: bytes, filename: str = "article.txt") -> Path:
    folder = tmp_path / name
    folder.mkdir()
    path = folder / filename  # same file name everywhere, so nothing path-dependent can differ
    path.write_bytes(data)
    return path


@pytest.fixture(scope="module")
def article() -> str:
    return ARTICLE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def original(article, tmp_path_factory) -> dict:
    """The report on the UTF-8 article, computed once."""
    return report(save(tmp_path_factory.mktemp("orig"), "utf-8", article.encode("utf-8")))


def test_the_article_fits_windows_1254_but_not_iso_8859_9(article):
    assert article.encode("cp1254").decode("cp1254") == article
    missing = {ch for ch in article if not ch.encode("iso-8859-9", "ignore")}
    assert missing == set(ISO_8859_9_STANDINS)  # if this changes, update the stand-ins


@pytest.mark.parametrize(
    "encoding, bom, detected",
    [
        ("cp1254", b"", "cp1254"),
        ("utf-16-le", codecs.BOM_UTF16_LE, "utf-16"),
        ("utf-16-be", codecs.BOM_UTF16_BE, "utf-16"),
        ("utf-8", codecs.BOM_UTF8, "utf-8-sig"),
        ("utf-16-le", b"", "utf-16-le"),  # no BOM: recognised by its zero bytes
    ],
)
def test_article_in_another_encoding_gives_the_same_report(tmp_path, article, original, encoding, bom, detected):
    copy = save(tmp_path, "copy", bom + article.encode(encoding))
    assert read_text(str(copy), "manuscript")[1] == detected
    assert report(copy) == original


def test_article_in_iso_8859_9_gives_the_same_report(tmp_path, article):
    plain = article.translate(str.maketrans({k: v for k, v in ISO_8859_9_STANDINS.items() if len(v) == 1}))
    plain = plain.replace("…", "...")
    data = plain.encode("iso-8859-9")
    assert not any(0x80 <= b < 0xA0 for b in data)  # where the two code pages differ: unused
    original = report(save(tmp_path, "utf-8", plain.encode("utf-8")))
    copy = save(tmp_path, "iso", data)
    assert report(copy) == original
    assert report(copy, "--encoding", "iso-8859-9") == original


def test_forced_encoding_matches_detection(tmp_path, article, original):
    copy = save(tmp_path, "copy", article.encode("cp1254"))
    assert report(copy, "--encoding", "cp1254") == original
    assert report(copy, "--encoding", "windows-1254") == original


def test_western_text_in_windows_1252_and_latin_1(tmp_path):
    case = CORPUS / "handmade" / "de-history"
    text = (case / "manuscript.txt").read_text(encoding="utf-8")
    bib = str(case / "refs.bib")
    original = report(save(tmp_path, "utf-8", text.encode("utf-8")), bib=bib)
    cp1252 = save(tmp_path, "cp1252", text.encode("cp1252"))
    assert read_text(str(cp1252), "manuscript")[1] == "cp1252"
    assert report(cp1252, bib=bib) == original
    # Latin-1 has no „ “ –: with stand-ins, forced and detected readings agree
    latin = text.translate(str.maketrans({"„": '"', "“": '"', "–": "-"}))
    latin_file = save(tmp_path, "latin-1", latin.encode("latin-1"))
    reference = report(save(tmp_path, "latin-utf8", latin.encode("utf-8")), bib=bib)
    assert report(latin_file, bib=bib) == reference
    assert report(latin_file, "--encoding", "latin-1", bib=bib) == reference


def test_french_narrow_spaces_survive_windows_1252_as_no_break_spaces(tmp_path):
    case = CORPUS / "handmade" / "fr-annales"
    text = (case / "manuscript.txt").read_text(encoding="utf-8")
    assert "\u202f" in text
    bib = str(case / "refs.bib")
    original = report(save(tmp_path, "utf-8", text.encode("utf-8")), bib=bib)
    # Windows-1252 has no U+202F; its nearest character is U+00A0, which clean() treats the same
    copy = save(tmp_path, "cp1252", text.replace("\u202f", "\u00a0").encode("cp1252"))
    assert report(copy, bib=bib) == original


def test_undefined_windows_bytes_are_kept_not_replaced():
    data = "Çalışma 1919".encode("cp1254") + b" \x81\x8d"
    text, used = decode(data, "x.txt")
    assert used == "cp1254"
    assert "\ufffd" not in text and text.endswith("\x81\x8d")


def cli(*args: str):
    result = CliRunner().invoke(main, list(args))
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit), result.exception
    return result


@pytest.mark.parametrize(
    "data, encoding, message",
    [
        ("Çalışma".encode("cp1254"), "utf-8", "not valid utf-8 (byte 0)"),
        (b"text", "no-such-codec", "unknown encoding 'no-such-codec'"),
        (b"text", "base64", "is not a text encoding"),
        (b"abc", "utf-16", "not valid utf-16"),
    ],
)
def test_a_forced_encoding_that_does_not_fit_is_one_line_exit_2(tmp_path, data, encoding, message):
    path = save(tmp_path, "bad", data, "m.txt")
    result = cli("check", str(path), "--bib", REFS, "--encoding", encoding)
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and str(path) in lines[0] and message in lines[0], result.stderr


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4,
        b"%PDF-1.7\n" + bytes(range(1, 32)) * 100,  # no NUL bytes, but control characters throughout
        bytes(range(256)) * 64,
    ],
)
def test_binary_data_is_not_text(tmp_path, data):
    path = save(tmp_path, "bin", data, "m.txt")
    result = cli("check", str(path), "--bib", REFS)
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and str(path) in lines[0] and "binary" in lines[0], result.stderr


def test_clean_repairs_spacing_invisibles_and_pdf_damage_but_keeps_the_words():
    assert clean("I\u0307stanbul") == "İstanbul"  # decomposed İ: NFC
    assert clean("s.\u00a045\u202f;\u2009x") == "s. 45 ; x"
    assert clean("Tür\u200bkiye\u200d \u2060Dış\ufeff") == "Türkiye Dış"
    assert clean("\u200eİstanbul\u200f") == "İstanbul"
    assert clean("Politi\u00adkası") == "Politikası"  # a soft hyphen inside a line: gone
    assert clean("Politi\u00ad\nkası") == "Politi-\nkası"  # at a line end: a hyphen, the line kept
    assert clean("Türkiye’nin DıĢ Politikası, ĠSTANBUL, GiriĢ, ĢEHİR") == "Türkiye’nin Dış Politikası, İSTANBUL, Giriş, ŞEHİR"
    assert clean("Ģ in Latvian: Ģederts") == "Ģ in Latvian: Ģederts"  # no Turkish letters: not damage
    assert clean("line one\nline two\n") == "line one\nline two\n"


DAMAGED = """Body text that makes a claim.1

                                        
1 Kamuran Gürün, Türk- Sovyet\u00a0ĠliĢkileri (1920-1953), Türk Tarih Kurumu Yayınları, Ankara, 1991, s.\u202f21.
"""


def test_pdf_damage_resolves_and_the_report_quotes_readable_text(tmp_path):
    path = save(tmp_path, "damaged", DAMAGED.encode("utf-8"), "m.txt")
    cit = report(path)["reports"][0]["notes"][0]["citations"][0]
    assert cit["key"] == "gurun1991turk"
    assert cit["pages"] == [[21, 21]]
    assert "Türk- Sovyet İlişkileri (1920-1953)" in cit["text"]
    assert "\u00a0" not in cit["text"] and "\u202f" not in cit["text"]
