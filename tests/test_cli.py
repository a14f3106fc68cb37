"""The command line: exit codes, the JSON contract, errors as one line (never a traceback)."""

from __future__ import annotations

import json
import os

from click.testing import CliRunner
from conftest import ROOT, every_finding, only_report

from srccheck.cli import main

ARTICLE = str(ROOT / "article.txt")
REFS = str(ROOT / "refs.bib")

MANUSCRIPT = """Some body text with a claim.1 Another claim follows here.2

                                        
1 John Smith, The History of Things, Penguin, London, 2001, p. 45.
2 Smith, History of Things, 47.
"""
BIB = """@book{smith2001, author={Smith, John}, title={The History of Things}, publisher={Penguin},
  address={London}, year=2001}
"""


def run(*args):
    return CliRunner().invoke(main, list(args))


def test_clean_manuscript_exits_zero_and_json_has_the_contract_shape(write):
    ms, bib = write("m.txt", MANUSCRIPT), write("r.bib", BIB)
    result = run("check", ms, "--bib", bib, "--format", "json")
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert set(document) == {"version", "reports", "works", "errors", "summary"}
    data = only_report(document)
    assert set(data) == {"path", "encoding", "position", "reading", "notes", "sources", "findings", "summary"}
    assert data["position"] == "line" and data["path"] == ms and data["encoding"] == "utf-8"
    assert [n["number"] for n in data["notes"]] == [1, 2]
    cit = data["notes"][0]["citations"][0]
    assert set(cit) == {"text", "kind", "key", "score", "confidence", "similarity", "pages", "locator", "reason",
                        "candidates"}
    assert cit["candidates"][0]["key"] == "smith2001" and cit["reason"]
    assert (cit["kind"], cit["key"], cit["pages"], cit["locator"]) == ("full", "smith2001", [[45, 45]], "p. 45")
    assert data["notes"][1]["citations"][0]["kind"] == "short"
    assert data["sources"] == [{"key": "smith2001", "notes": [1, 2], "pages": [[45, 45], [47, 47]]}]
    assert every_finding(document) == []


def test_error_findings_exit_one(write):
    ms = write("m.txt", MANUSCRIPT.replace("p. 45", "p. 45").replace("Smith, History", "Jones, Unknown Book"))
    result = run("check", ms, "--bib", write("r.bib", BIB), "--format", "json")
    assert result.exit_code == 1
    rules = [f["rule"] for f in every_finding(json.loads(result.stdout))]
    assert "unresolved-citation" in rules


def test_fail_on_and_exit_zero(write):
    bib = write("r.bib", BIB + "@book{unused, author={Doe, Jane}, title={Never Cited}, year=1990}\n")
    ms = write("m.txt", MANUSCRIPT)
    assert run("check", ms, "--bib", bib).exit_code == 0  # a warning does not fail by default
    assert run("check", ms, "--bib", bib, "--fail-on", "warning").exit_code == 1
    assert run("check", ms, "--bib", bib, "--fail-on", "warning", "--exit-zero").exit_code == 0


def test_missing_manuscript_is_one_line_and_exit_two(write):
    result = run("check", "/nonexistent/file.txt", "--bib", write("r.bib", BIB))
    assert result.exit_code == 2
    assert "no such manuscript" in result.stderr
    assert "Traceback" not in result.output + result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_without_any_bibliography_the_notes_are_still_read(write):
    # (tests/test_config.py: which rules run then)
    result = run("check", write("m.txt", MANUSCRIPT))
    assert result.exit_code == 0 and "no bibliography" in result.stderr
    assert "(2 notes, 2 citations, not matched: no bibliography)" in result.stdout


def test_text_report_shows_findings_and_sources(write):
    ms = write("m.txt", MANUSCRIPT)
    result = run("check", ms, "--bib", write("r.bib", BIB), "--format", "text")  # piped default is concise
    assert "smith2001" in result.stdout
    assert "45, 47" in result.stdout


def test_rules_and_rule_commands():
    listing = run("rules")
    assert listing.exit_code == 0 and "SC101" in listing.stdout and "unresolved-citation" in listing.stdout
    doc = run("rule", "page-out-of-range")
    assert doc.exit_code == 0 and "pagetotal" in doc.stdout
    assert run("rule", "SC402").exit_code == 0
    assert run("rule", "no-such-rule").exit_code == 2


def test_sample_article_is_fully_resolved():
    result = run("check", ARTICLE, "--bib", REFS, "--format", "json")
    data = only_report(json.loads(result.stdout))
    assert len(data["notes"]) == 41
    cits = [c for n in data["notes"] for c in n["citations"]]
    assert cits and all(c["key"] for c in cits)
    assert not [f for f in data["findings"] if f["severity"] == "error"]
    assert result.exit_code == 0


def test_inputs_are_not_modified(write):
    ms, bib = write("m.txt", MANUSCRIPT), write("r.bib", BIB)
    before = [(open(p, "rb").read(), os.stat(p).st_mtime_ns) for p in (ms, bib)]
    run("check", ms, "--bib", bib, "--format", "json")
    run("check", ms, "--bib", bib)
    assert [(open(p, "rb").read(), os.stat(p).st_mtime_ns) for p in (ms, bib)] == before



def test_a_check_leaves_the_cyclic_collector_as_it_was():
    import gc

    assert gc.isenabled()
    result = CliRunner().invoke(main, ["check", str(ROOT / "article.txt"), "--bib", str(ROOT / "refs.bib"),
                                       "--format", "json", "--no-config"])
    assert result.exit_code in (0, 1), result.output
    assert gc.isenabled()


def test_without_bib_the_bibliography_beside_the_manuscript_is_taken_and_named(tmp_path, monkeypatch):
    # `srccheck check article.txt` beside refs.bib found no bibliography and read nothing (exit 2, an empty stdout)
    (tmp_path / "m.txt").write_text(MANUSCRIPT, encoding="utf-8")
    (tmp_path / "refs.bib").write_text(BIB, encoding="utf-8")
    result = run("check", str(tmp_path / "m.txt"), "--format", "json")
    assert result.exit_code == 0, result.output
    assert [n["number"] for n in only_report(json.loads(result.stdout))["notes"]] == [1, 2]
    assert f"using {tmp_path / 'refs.bib'}" in result.stderr
    # several .bib files: the one named as the manuscript is, else an error naming them all
    (tmp_path / "other.bib").write_text("@book{x, title={X}, year=1990}\n", encoding="utf-8")
    result = run("check", str(tmp_path / "m.txt"))
    assert result.exit_code == 2 and "other.bib" in result.stderr and "refs.bib" in result.stderr
    (tmp_path / "m.bib").write_text(BIB, encoding="utf-8")
    result = run("check", str(tmp_path / "m.txt"), "--format", "json")
    assert result.exit_code == 0 and f"using {tmp_path / 'm.bib'}" in result.stderr
    # standard input: the working folder's
    monkeypatch.chdir(tmp_path)
    (tmp_path / "other.bib").unlink()
    (tmp_path / "m.bib").unlink()
    result = CliRunner().invoke(main, ["check", "-", "--format", "json"], input=MANUSCRIPT)
    assert result.exit_code == 0 and "using refs.bib" in result.stderr


def test_a_bib_given_among_the_manuscripts_is_the_bibliography(tmp_path):
    # `srccheck check m.txt refs.bib` (the bibliography given the way a newcomer types it) checked refs.bib as a
    # second manuscript: a no-notes-found error and a run summary with a report of 0 notes
    (tmp_path / "m.txt").write_text(MANUSCRIPT, encoding="utf-8")
    (tmp_path / "mine.bib").write_text(BIB, encoding="utf-8")
    (tmp_path / "other.bib").write_text("@book{x, title={X}, year=1990}\n", encoding="utf-8")  # not the one meant
    result = run("check", str(tmp_path / "m.txt"), str(tmp_path / "mine.bib"), "--format", "json", "--no-config")
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert [r["path"] for r in document["reports"]] == [str(tmp_path / "m.txt")]
    assert document["works"][0]["bibliographies"] == [str(tmp_path / "mine.bib")]
    assert document["summary"]["notes"] == 2 and document["summary"]["unresolved"] == 0
    assert "mine.bib" in result.stderr and "bibliography" in result.stderr
    # a .bib alone stays what was asked for, and the error says to give it with --bib
    result = run("check", str(tmp_path / "mine.bib"), "--no-config")
    assert result.exit_code == 1 and "--bib" in result.stdout
