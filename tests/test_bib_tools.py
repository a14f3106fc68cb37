"""Bibliography tools: `bib draft` (entry types, names, keys, --ascii, safe writing), `bib lint`, `sources`."""

from __future__ import annotations

import csv
import io
import json
import os

import pytest
from click.testing import CliRunner
from conftest import ROOT

from srccheck.bib_lint import lint_text
from srccheck.bibliography import parse_bibliography
from srccheck.cli import main
from srccheck.bibtex_write import latex_escape, render_bibtex
from srccheck.draft import Work, draft_works, join_names, unique_key
from srccheck.manuscript import read_manuscript
from srccheck.model import Name

NOTES = """Body text with claims.1 More.2 Again.3 And.4 Also.5 Then.6 Next.7 Last.8 End.9 Fin.10 More.11

                                        
1 John Smith, The History of Things (London: Penguin, 2001), 45.
2 Jane Doe, "Trade and Empire," Journal of Modern History 12, no. 3 (2004): 39-60, 47.
3 Ali Rıza Öztürk, "Osmanlı Limanları," in Deniz Tarihi, ed. Nurcan Şimşek (İstanbul: Kitap Yayınevi, 2010), 112.
4 Mary Jones, "Port Cities," in Proceedings of the Fifth Conference on Maritime History (Oxford: Clarendon Press, 1999), 77.
5 Ayşe Kaya, Osmanlı'da Liman Şehirleri, Doktora Tezi, Ankara Üniversitesi, Ankara, 2015, s. 33.
6 Mehmet Yılmaz, İzmir Ticareti, Yüksek Lisans Tezi, Ege Üniversitesi, İzmir, 2012, s. 10.
7 BOA, HR. İM., Dosya No: 89, Gömlek No: 65.
8 Ludwig van Beethoven, Letters of a Composer (Vienna: Universal Verlag, 1990), 3.
9 Ahmad al-Hassan, Science in Islam (Cairo: Dar Press, 1985), 12.
10 Smith, History of Things, 46.
11 S.R. Sonyel, Türk Kurtuluş Savaşı ve Dış Politika, Türk Tarih Kurumu, Ankara, 2014, s. 183.
"""


def run(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, list(args))


@pytest.fixture
def works(write):  # type: ignore[no-untyped-def]
    return {w.note: w for w in draft_works(read_manuscript(write("m.txt", NOTES)))}


# -- entry types ---------------------------------------------------------------------------------


def test_book(works):  # type: ignore[no-untyped-def]
    w = works[1]
    assert (w.type, w.key) == ("book", "smith2001history")
    assert w.fields == {"author": "Smith, John", "title": "The History of Things", "publisher": "Penguin",
                        "address": "London", "year": "2001"}


def test_article_with_journal_volume_number_and_span(works):  # type: ignore[no-untyped-def]
    w = works[2]
    assert w.type == "article"
    assert {k: w.fields[k] for k in ("journal", "volume", "number", "pages", "year")} == {
        "journal": "Journal of Modern History", "volume": "12", "number": "3", "pages": "39--60", "year": "2004"}


def test_incollection_with_editor_and_inproceedings(works):  # type: ignore[no-untyped-def]
    chapter, paper = works[3], works[4]
    assert chapter.type == "incollection"
    assert (chapter.fields["booktitle"], chapter.fields["editor"]) == ("Deniz Tarihi", "Şimşek, Nurcan")
    assert any(u.startswith("pages:") for u in chapter.unsure)  # only the cited page is known
    assert paper.type == "inproceedings"
    assert paper.fields["booktitle"].startswith("Proceedings of the Fifth Conference")


def test_theses(works):  # type: ignore[no-untyped-def]
    assert (works[5].type, works[5].fields["school"]) == ("phdthesis", "Ankara Üniversitesi")
    assert (works[6].type, works[6].fields["school"]) == ("mastersthesis", "Ege Üniversitesi")
    assert "publisher" not in works[5].fields


def test_archival_reference_is_misc_with_archive_and_call_number(works):  # type: ignore[no-untyped-def]
    w = works[7]
    assert w.type == "misc"
    assert w.fields["archive"] == "BOA"
    assert w.fields["number"] == "HR. İM., Dosya No: 89, Gömlek No: 65"


def test_short_form_adds_no_entry(works):  # type: ignore[no-untyped-def]
    assert 10 not in works
    assert len(works) == 10


# -- names and keys ------------------------------------------------------------------------------


def test_names_with_particles_and_initials(works):  # type: ignore[no-untyped-def]
    assert works[8].fields["author"] == "van Beethoven, Ludwig"
    assert works[8].key == "beethoven1990letters"  # the particle is not the key's surname
    assert works[9].fields["author"] == "al-Hassan, Ahmad"
    assert works[9].fields["title"] == "Science in Islam"
    assert works[11].fields["author"] == "Sonyel, S. R."
    assert works[11].key == "sonyel2014turk"  # Turkish letters folded: ü -> u


def test_join_names_roles_and_capitalised_particles():
    from srccheck.draft import _tidy_name

    assert join_names([_tidy_name(Name("Buren", "Martin Van")), Name("de Gaulle", "Charles")]) == \
        "Van Buren, Martin and de Gaulle, Charles"
    assert join_names([_tidy_name(Name("Bagirov", "Y.A."))]) == "Bagirov, Y. A."


def test_translator_role_and_title_recovered_from_the_sample():
    drafted = {w.key: w for w in draft_works(read_manuscript(str(ROOT / "article.txt")))}
    qafarov = drafted["qafarov2018turkiye"]
    assert qafarov.fields["translator"] == "Recebov, Eldeniz"
    assert qafarov.fields["title"].startswith("Türkiye- Rusya İlişkilerinde Azerbaycan Meselesi")
    assert drafted["karabekir2008istiklal"].fields["volume"] == "1"  # Roman "I" as a number


def test_keys_made_unique_case_insensitively():
    taken = {"smith2001history", "smith2001historya"}
    assert unique_key("Smith2001history", taken) == "Smith2001historyb"
    assert unique_key("doe2004trade", taken) == "doe2004trade"


# -- rendering -----------------------------------------------------------------------------------


def test_ascii_escaping():
    text, unmapped = latex_escape("Şişli ığdır İzmir Müller Gönlübol Salâhi façade naïve")
    assert text == (r"{\c{S}}i{\c{s}}li {\i}{\u{g}}d{\i}r {\.I}zmir M{\"u}ller G{\"o}nl{\"u}bol "
                    r"Sal{\^a}hi fa{\c{c}}ade na{\"{\i}}ve")
    assert unmapped == []
    assert latex_escape("Иванов")[1] == list("Иванов")


def test_rendered_draft_comments_and_round_trip_through_the_bib_parser(works):  # type: ignore[no-untyped-def]
    ordered = sorted(works.values(), key=lambda w: w.note)
    text = render_bibtex(ordered, ascii_only=True)
    assert "% note 1 (full citation): John Smith, The History of Things" in text
    assert "% unsure: pages:" in text
    assert "ş" not in text and r"{\c{s}}" in text
    bib = parse_bibliography(text)
    assert not bib.problems
    assert bib.entries["ozturk2010osmanli"].fields["editor"] == "Şimşek, Nurcan"  # decoded back to Unicode
    assert bib.entries["ozturk2010osmanli"].authors == (Name("Öztürk", "Ali Rıza"),)


# -- writing -------------------------------------------------------------------------------------


def test_draft_to_stdout_and_to_a_file_atomically(write, tmp_path):  # type: ignore[no-untyped-def]
    ms = write("m.txt", NOTES)
    result = run("bib", "draft", ms)
    assert result.exit_code == 0, result.output
    assert result.stdout.count("\n@") == 10
    out = tmp_path / "draft.bib"
    assert run("bib", "draft", ms, "-o", str(out)).exit_code == 0
    assert out.read_text(encoding="utf-8") == result.stdout
    assert sorted(os.listdir(tmp_path)) == ["draft.bib", "m.txt"]  # no temporary file left behind


def test_draft_never_overwrites_without_force_nor_the_manuscript(write, tmp_path):  # type: ignore[no-untyped-def]
    ms = write("m.txt", NOTES)
    old = write("old.bib", "% mine\n")
    refused = run("bib", "draft", ms, "-o", old)
    assert refused.exit_code == 2
    assert "--force" in refused.stderr and "Traceback" not in refused.output
    assert open(old, encoding="utf-8").read() == "% mine\n"
    assert run("bib", "draft", ms, "-o", old, "--force").exit_code == 0
    assert "@book{smith2001history," in open(old, encoding="utf-8").read()
    over_input = run("bib", "draft", ms, "-o", ms, "--force")
    assert over_input.exit_code == 2 and "input" in over_input.stderr
    assert open(ms, encoding="utf-8").read() == NOTES


def test_draft_of_an_unreadable_manuscript_is_one_line(tmp_path):  # type: ignore[no-untyped-def]
    result = run("bib", "draft", str(tmp_path / "missing.txt"))
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.output


# -- lint ----------------------------------------------------------------------------------------

LINT_BIB = """@string{tth = {Türk Tarih Kurumu}}

@book{gurun1991,
  author = {Gürün, Kamuran},
  title = {Türk-Sovyet İlişkileri},
  publisher = tth,
  year = {1991}
}

@book{Gurun1991,
  author = {Gürün, Kamuran},
  title = {Türk-Sovyet İlişkileri},
  publisher = tth,
  year = {1991}
}

@book{gurunAgain,
  author = {Gürün, K.},
  title = {Türk–Sovyet İlişkileri.},
  publisher = {TTK},
  year = {1991}
}

@article{doe2004,
  author = {Doe, Jane},
  title = {Trade},
  year = {2004},
  pages = {60--39}
}

@book{roe,
  author = {Roe, Richard},
  title = {A Book},
  publisher = penguin,
  year = {circa 1900},
  pages = {12 to 14}
}

@incollection{chapter,
  author = {Poe, Ed},
  booktitle = {Collected},
  publisher = {P},
  year = 1999
}
"""


def test_lint_findings_with_line_numbers():
    found = {(p.kind, p.key, p.line) for p in lint_text(LINT_BIB)}
    assert ("case-clash", "Gurun1991", 10) in found
    assert ("duplicate-work", "gurunAgain", 17) in found
    assert ("missing-field", "doe2004", 24) in found  # no journal
    assert ("malformed-pages", "doe2004", 28) in found  # backwards
    assert ("undefined-string", "roe", 34) in found
    assert ("malformed-year", "roe", 35) in found
    assert ("malformed-pages", "roe", 36) in found
    assert ("missing-field", "chapter", 39) in found  # title (bibliography.py would borrow booktitle)
    assert not any(p.kind == "undefined-string" and p.key in ("gurun1991", "Gurun1991") for p in lint_text(LINT_BIB))


def test_lint_exit_codes_and_json(write, tmp_path):  # type: ignore[no-untyped-def]
    bad = write("bad.bib", LINT_BIB)
    text = run("bib", "lint", bad)
    assert text.exit_code == 1
    assert f"{bad}:10: case-clash:" in text.stdout
    data = json.loads(run("bib", "lint", bad, "--format", "json").stdout)
    assert {"line", "kind", "message", "key"} <= set(data["problems"][0])
    good = write("good.bib", "@book{a, author={A, B}, title={T}, publisher={P}, year={2000}}\n")
    assert run("bib", "lint", good).exit_code == 0
    missing = run("bib", "lint", str(tmp_path / "nope.bib"))
    assert missing.exit_code == 2 and "Traceback" not in missing.output


def test_lint_duplicate_keys_and_syntax_errors():
    found = {(p.kind, p.line) for p in lint_text("@misc{a, title={T}}\n@misc{a, title={U}}\n@misc{b, title={x\n")}
    assert {("duplicate-key", 2), ("parse-error", 3)} <= found
    twice = lint_text("@misc{c, title={x}, title={y}}\n")
    assert [p.kind for p in twice] == ["parse-error"]


# -- sources -------------------------------------------------------------------------------------


def test_sources_without_bib_orders_and_csv(write):  # type: ignore[no-untyped-def]
    ms = write("m.txt", NOTES.replace("10 Smith, History of Things, 46.", "10 Smith, History of Things, 46-47."))
    first = run("sources", ms, "--format", "json")
    assert first.exit_code == 0, first.output
    rows = json.loads(first.stdout)
    assert [r["first_note"] for r in rows] == sorted(r["first_note"] for r in rows)
    smith = rows[0]
    assert (smith["key"], smith["citations"], smith["notes"], smith["pages"], smith["first_full"]) == \
        ("smith2001history", 2, [1, 10], [[45, 47]], 1)
    by_count = json.loads(run("sources", ms, "--format", "json", "--sort", "count").stdout)
    assert by_count[0]["key"] == "smith2001history"
    by_author = [r["author"] for r in json.loads(run("sources", ms, "--format", "json", "--sort", "author").stdout)]
    assert by_author[:3] == ["al-Hassan", "Doe", "Jones"]
    assert by_author[-1] == ""  # the archive has no author
    table = list(csv.reader(io.StringIO(run("sources", ms, "--format", "csv").stdout)))
    assert table[0] == ["key", "author", "title", "citations", "notes", "pages", "first_full"]
    assert table[1] == ["smith2001history", "Smith", "The History of Things", "2", "1, 10", "45–47", "1"]


@pytest.mark.parametrize("name", ["notes.json", "notes.yaml", "base.json"])
def test_sources_without_bib_of_a_manuscript_named_like_a_csl_file(write, name):  # type: ignore[no-untyped-def]
    # the draft made from the notes was read as CSL-JSON/YAML because it carried the manuscript's name (the fuzzer
    # found the traceback on a baseline file given as the manuscript)
    ms = write(name, NOTES if name != "base.json" else '{"tool": "srccheck", "version": 1, "findings": []}')
    result = run("sources", ms, "--format", "json")
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code == 0, result.output
    keys = [r["key"] for r in json.loads(result.stdout)] if result.stdout.strip().startswith("[") else []
    assert ("smith2001history" in keys) == (name != "base.json")


def test_sources_with_bib_uses_its_keys():
    result = run("sources", str(ROOT / "article.txt"), "--bib", str(ROOT / "refs.bib"), "--sort", "count")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[1].startswith("hasanli2016foreign")


# -- round trip on the sample --------------------------------------------------------------------


def test_round_trip_sample_resolves_every_citation_to_the_right_drafted_entry():
    from draft_agreement import round_trip

    result = round_trip(str(ROOT / "article.txt"), str(ROOT / "refs.bib"))
    assert result.citations >= 50
    assert result.agree == result.citations, result.problems
    assert result.mapped == result.works and result.split == 0 and result.not_drafted == 0
    same = sum(c["same"] + c["close"] for c in result.fields.values())
    total = sum(sum(c.values()) for c in result.fields.values())
    assert same / total >= 0.85
    for name in ("type", "author", "year"):
        assert result.fields[name]["same"] + result.fields[name]["close"] == sum(result.fields[name].values())
