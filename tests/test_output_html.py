"""The HTML report without a browser: structure, self-containment and escaping, read with an HTML tokenizer.

Expected notes and keys come from the hand-written answers of the sample (tests/corpus/sample) and from
the pandoc source of the multi-format fixture (tests/fixtures/formats/article-source.md); what a browser
does with the page is tests/test_browser.py.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ROOT
from htmltree import Element, parse

from srccheck.cli import main
from srccheck.manuscript import read_manuscript

SAMPLE = ROOT / "tests" / "corpus" / "sample"
FORMATS = ROOT / "tests" / "fixtures" / "formats"
# the work each citation of tests/fixtures/formats/article-source.md cites, read from that file by hand
FORMATS_KEYS = {1: ["ataturk1970nutuk"], 2: ["karabekir1960istiklal"], 3: ["karabekir1960istiklal"],
                4: ["aslan2004turkiye"], 5: ["aslan2004turkiye"], 6: ["cebesoy1953moskova"],
                7: ["cebesoy1953moskova", "aslan2004turkiye"], 8: ["hovannisian1971republic"],
                9: ["asker2018esirler"], 10: ["karabekir1960istiklal"], 11: ["swietochowski1985russian"],
                12: ["asker2018esirler"]}

HOSTILE_NOTES = [
    '<script>window.pwned=1</script> John Smith, The History of <b>Things</b>, Penguin, London 2001, p. 12.',
    '"><img src=x onerror="window.pwned=2"> </script><!-- & &amp; Ann Jones, Other Things, Penguin, 1999, p. 3.',
    "Smith, History, p. 14 | *not emphasis* [a link](javascript:alert(1)) ![img](x.png) <iframe src=x>.",
    "<svg onload=window.pwned=3><style>body{display:none}</style> Smith, History, p. 15.",
]
HOSTILE_BIB = """@book{smith2001, author={Smith, John}, title={The History of <b>Things</b>}, publisher={Penguin}, year=2001}
@book{jones1999, author={Jones, Ann}, title={Other Things </script><script>window.pwned=4</script>}, year=1999}
@book{unused<i>, author={Nobody, <img src=x onerror=alert(5)>}, title={Never & cited}, year=2000}
"""


def render(*args: str, command: str = "check") -> str:
    extra = ["--no-config", "--exit-zero"] if command == "check" else []
    result = CliRunner().invoke(main, [command, *args, "--format", "html", *extra])
    assert result.exit_code == 0, result.output
    return result.stdout


def hostile_manuscript(tmp_path: Path) -> tuple[str, str]:
    body = "Body text." + "".join(f" Sentence.{i}" for i in range(1, len(HOSTILE_NOTES) + 1))
    notes = "\n".join(f"{i} {text}" for i, text in enumerate(HOSTILE_NOTES, 1))
    (tmp_path / "ms.txt").write_text(f"{body}\n\n{'_' * 32}\n{notes}\n", encoding="utf-8")
    (tmp_path / "refs.bib").write_text(HOSTILE_BIB, encoding="utf-8")
    return str(tmp_path / "ms.txt"), str(tmp_path / "refs.bib")


def citation_keys(note: Element, ids: dict[str, Element]) -> list[str | None]:
    """The entry each citation element of a note links to (its source row's data-key), None when unresolved."""
    keys: list[str | None] = []
    for c in note.find_all(cls="c"):
        href = c.attrs.get("href")
        keys.append(ids[href[1:]].attrs["data-key"] if href else None)
    return keys


def test_the_sample_report_has_every_note_and_each_citation_links_to_its_entry() -> None:
    expected = json.loads((SAMPLE / "expected.json").read_text(encoding="utf-8"))["notes"]
    page = parse(render(str(SAMPLE / "manuscript.txt"), "--bib", str(SAMPLE / "refs.bib")))
    ids = page.by_id()
    notes = page.find_all("article", "note")
    assert [n.attrs["id"] for n in notes] == [f"n{k}" for k in expected]
    for number, citations in expected.items():
        assert citation_keys(ids[f"n{number}"], ids) == [c["key"] for c in citations], number
    rows = [e for e in page.find_all("tr") if e.attrs.get("data-key")]
    assert all(ids[e.attrs["id"]] is e for e in rows)  # every row has its own id
    assert {e.attrs["data-key"] for e in rows} == {c["key"] for cs in expected.values() for c in cs}


def test_the_text_of_each_note_is_shown_whole_and_unchanged() -> None:
    manuscript = read_manuscript(str(SAMPLE / "manuscript.txt"))
    page = parse(render(str(SAMPLE / "manuscript.txt"), "--bib", str(SAMPLE / "refs.bib")))
    ids = page.by_id()
    for note in manuscript.notes:
        assert ids[f"n{note.number}"].find_all("p")[0].text(skip="lab") == note.text


def test_several_manuscripts_make_one_page_with_a_report_each() -> None:
    paths = [str(FORMATS / f"article.{suffix}") for suffix in ("md", "tex", "docx", "odt", "pdf")]
    page = parse(render(*paths, "--bib", str(FORMATS / "article.bib")))
    ids = page.by_id()
    reports = page.find_all("section", "report")
    assert len(reports) == 5
    for i, report in enumerate(reports, 1):
        notes = report.find_all("article", "note")
        assert [n.attrs["id"] for n in notes] == [f"r{i}-n{k}" for k in FORMATS_KEYS]
        for number, keys in FORMATS_KEYS.items():
            assert citation_keys(ids[f"r{i}-n{number}"], ids) == keys
            for c in ids[f"r{i}-n{number}"].find_all(cls="c"):
                assert c.attrs["href"].startswith(f"#r{i}-s")  # its own report's table, not another's
    assert len(ids) == sum(1 for e in page.iter() if e.attrs.get("id"))  # no id used twice
    listed = page.find_all("ul", "reports")[0].find_all("a")
    assert [ids[a.attrs["href"][1:]] for a in listed] == reports
    assert [a.text() for a in listed] == paths


def test_the_page_is_self_contained_and_its_policy_allows_only_its_own_style_and_script() -> None:
    text = render(str(SAMPLE / "manuscript.txt"), "--bib", str(SAMPLE / "refs.bib"))
    page = parse(text)
    for element in page.iter():
        assert "src" not in element.attrs, element.tag
        href = element.attrs.get("href")
        assert href is None or href.startswith("#"), href
        assert element.tag not in {"link", "iframe", "object", "embed", "img"}
    policy = next(e.attrs["content"] for e in page.find_all("meta")
                  if e.attrs.get("http-equiv") == "Content-Security-Policy")
    assert "default-src 'none'" in policy
    style = page.find_all("style")
    scripts = [e for e in page.find_all("script") if e.attrs.get("type") != "application/json"]
    assert len(style) == 1 and len(scripts) == 1
    for element, directive in ((style[0], "style-src"), (scripts[0], "script-src")):
        digest = base64.b64encode(hashlib.sha256(element.text().encode("utf-8")).digest()).decode()
        assert f"{directive} 'sha256-{digest}'" in policy


def test_hostile_manuscript_and_bibliography_stay_text(tmp_path: Path) -> None:
    ms, bib = hostile_manuscript(tmp_path)
    text = render(ms, "--bib", bib)
    page = parse(text)
    assert [e.tag for e in page.find_all("script")] == ["script", "script"]  # the data block and the report's own
    assert not page.find_all("img") and not page.find_all("iframe") and len(page.find_all("style")) == 1
    for element in page.iter():
        assert not any(name.startswith("on") for name in element.attrs), (element.tag, element.attrs)
        assert element.tag != "b" and element.tag != "i"
    notes = page.find_all("article", "note")
    assert [n.find_all("p")[0].text(skip="lab") for n in notes] == HOSTILE_NOTES
    data = json.loads(page.by_id()["srccheck-data"].text())
    titles = [row[2] for row in data["reports"][0]["sources"]]
    assert "The History of <b>Things</b>" in titles and "Never & cited" in titles
    assert "</script" not in text.split('id="srccheck-data">', 1)[1].split("</script>", 1)[0]
    keys = {e.attrs.get("data-key") for e in page.find_all("tr")}
    assert "unused<i>" in keys  # the uncited entry with markup in its key is listed, as text


def test_a_citation_given_by_key_is_shown_after_the_note_text(tmp_path: Path) -> None:
    (tmp_path / "ms.md").write_text("Body.[^1] Direct [@smith2001, p. 33].\n\n[^1]: See [@smith2001, p. 12]. "
                                    "Also Smith, History of Things, 4.\n", encoding="utf-8")
    (tmp_path / "refs.bib").write_text(HOSTILE_BIB.splitlines()[0] + "\n", encoding="utf-8")
    page = parse(render(str(tmp_path / "ms.md"), "--bib", str(tmp_path / "refs.bib")))
    ids = page.by_id()
    first = ids["n1"]
    assert first.find_all("p")[0].text(skip="lab") == "See. Also Smith, History of Things, 4."
    by_key = first.find_all("div", "bykey")[0]
    assert [c.text() for c in by_key.find_all(cls="c")] == ["@smith2001, p. 12"]
    assert citation_keys(first, ids) == ["smith2001", "smith2001"]


def test_findings_sit_under_their_note_and_link_to_it(tmp_path: Path) -> None:
    ms, bib = hostile_manuscript(tmp_path)
    page = parse(render(ms, "--bib", bib))
    ids = page.by_id()
    table = page.find_all("table", "findings")[0]
    for row in table.find_all("tr", "f"):
        links = [a.attrs["href"][1:] for a in row.find_all("a")]
        assert links and all(link in ids for link in links)
        note_links = [link for link in links if re.fullmatch(r"n\d+", link)]
        if note_links:  # the same finding, in full, under the note it links to
            under = [f for f in ids[note_links[0]].find_all("div", "f") if f.classes == row.classes]
            assert under and under[0].find_all("a", "back")[0].attrs["href"] == "#" + row.attrs["id"]


def test_sources_command_gives_the_sources_part_alone_in_the_order_asked() -> None:
    args = [str(SAMPLE / "manuscript.txt"), "--bib", str(SAMPLE / "refs.bib")]
    page = parse(render(*args, "--sort", "count", command="sources"))
    assert not page.find_all("article", "note") and not page.find_all("table", "findings")
    rows = [e for e in page.find_all("table", "sources")[0].find_all("tr") if e.attrs.get("data-key")]
    counts = [int(r.find_all("td")[2].text()) for r in rows]
    assert counts == sorted(counts, reverse=True) and len(rows) == 28
    assert all(a.attrs["href"][1:] in page.by_id() for a in page.find_all("a"))  # no link to a note not shown


def test_sources_html_refuses_uncited() -> None:
    result = CliRunner().invoke(main, ["sources", str(SAMPLE / "manuscript.txt"), "--bib", str(SAMPLE / "refs.bib"),
                                       "--format", "html", "--uncited"])
    assert result.exit_code == 2 and "--uncited" in result.output


@pytest.mark.parametrize("suffix,fmt", [(".html", "html"), (".md", "markdown"), (".json", "json")])
def test_output_file_takes_the_report_and_its_format_from_the_suffix(tmp_path: Path, suffix: str, fmt: str) -> None:
    target = tmp_path / f"report{suffix}"
    result = CliRunner().invoke(main, ["check", str(SAMPLE / "manuscript.txt"), "--bib", str(SAMPLE / "refs.bib"),
                                       "--no-config", "--output-file", str(target)])
    assert result.exit_code == 0, result.output
    # the sample's expected.json: 41 notes, 58 citations, each with its entry
    assert result.stdout.strip() == "manuscript.txt: 0 errors, 4 warnings, 0 info (41 notes, 58 citations, 0 unresolved)".replace(
        "manuscript.txt", str(SAMPLE / "manuscript.txt"))
    written = target.read_text(encoding="utf-8")
    starts = {"html": "<!DOCTYPE html>", "markdown": "## srccheck:", "json": "{"}
    assert written.startswith(starts[fmt])
    assert [p.name for p in tmp_path.iterdir()] == [target.name]  # no temporary file left behind


def test_output_file_never_replaces_an_input_or_a_folder(tmp_path: Path) -> None:
    ms, bib = hostile_manuscript(tmp_path)
    before = Path(bib).read_bytes()
    for target, words in ((bib, "input"), (ms, "input"), (str(tmp_path), "directory"),
                          (str(tmp_path / "missing" / "r.html"), "does not exist")):
        result = CliRunner().invoke(main, ["check", ms, "--bib", bib, "--format", "html", "--output-file", target])
        assert result.exit_code == 2, result.output
        assert words in result.stderr and len(result.stderr.strip().splitlines()) == 1
        assert "Traceback" not in result.output
    assert Path(bib).read_bytes() == before


def test_output_file_is_left_alone_when_nothing_could_be_checked(tmp_path: Path) -> None:
    target = tmp_path / "report.html"
    target.write_text("an earlier report", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(tmp_path / "missing.txt"), "--no-config", "--output-file",
                                       str(target)])
    assert result.exit_code == 2 and "missing.txt" in result.stderr
    assert target.read_text(encoding="utf-8") == "an earlier report"


def test_an_ambiguous_citation_links_each_candidate_even_one_cited_nowhere_else(tmp_path: Path) -> None:
    (tmp_path / "ms.md").write_text("Text.[^1]\n\n[^1]: Smith, a.g.e., s. 5.\n", encoding="utf-8")
    (tmp_path / "refs.bib").write_text(
        "@book{smith2001, author={Smith, John}, title={The History of Things}, year=2001}\n"
        "@book{smith2005, author={Smith, John}, title={Another Book Entirely}, year=2005}\n"
        "@book{roe1999, author={Roe, Jane}, title={Never Cited}, year=1999}\n", encoding="utf-8")
    page = parse(render(str(tmp_path / "ms.md"), "--bib", str(tmp_path / "refs.bib"), "--language", "tr"))
    ids = page.by_id()
    (citation,) = ids["n1"].find_all(cls="c")
    assert "amb" in citation.classes
    label = citation.parent.children[citation.parent.children.index(citation) + 1]
    assert isinstance(label, Element) and "lab" in label.classes
    targets = [ids[a.attrs["href"][1:]].attrs["data-key"] for a in label.find_all("a")]
    assert sorted(targets) == ["smith2001", "smith2005"]
    folded = page.find_all("details", "uncited")[0]
    assert [r.attrs["data-key"] for r in folded.find_all("tr") if "data-key" in r.attrs] == [
        *targets, "roe1999"]
