"""One JSON shape, whatever the run: a walk over the command line's flags, each output parsed as a document.

Every combination of the flags (-q, --statistics, --exit-zero, --no-sources, --verbose, --color always,
--force) is run on each shape of input (one manuscript, two, one of two unreadable, none
readable, standard input), and each valued option on its own; stdout must be one JSON document of the same
shape every time (or the --output-file must be), and nothing but JSON may reach stdout.
"""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ROOT

from srccheck import __version__
from srccheck.cli import main

FIXTURE = ROOT / "tests" / "fixtures" / "output"
FLAGS = ["-q", "--statistics", "--exit-zero", "--no-sources", "--verbose", "--color=always", "--force"]
FINDING_KEYS = {"code", "name", "severity", "path", "line", "column", "message", "suggestion"}


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[str]]:
    folder = tmp_path_factory.mktemp("walk")
    for name in ("manuscript.txt", "refs.bib"):
        (folder / name).write_text((FIXTURE / name).read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "clean.txt").write_text("A claim.1\n\n" + " " * 20 + "\n1 John Smith, The History of Things, Penguin, "
                                      "London, 2001, p. 45.\n", encoding="utf-8")
    bib = ["--bib", str(folder / "refs.bib")]
    return {
        "one": [str(folder / "manuscript.txt"), *bib],
        "two": [str(folder / "clean.txt"), str(folder / "manuscript.txt"), *bib],
        "one unreadable": [str(folder / "missing.txt"), str(folder / "manuscript.txt"), *bib],
        "none readable": [str(folder / "missing.txt"), *bib],
        "stdin": ["-", "--stdin-filename", "chapter.txt", *bib],
        "folder": [str(folder), *bib],
    }


def assert_document(text: str, shape: str) -> dict:
    document = json.loads(text)  # the whole of stdout: one document, nothing before or after it
    assert set(document) - {"statistics"} == {"version", "reports", "works", "errors", "summary"}, shape
    assert document["version"] == __version__
    for finding in [f for r in document["reports"] for f in r["findings"]] + \
            [f for w in document["works"] for f in w["findings"]]:
        assert FINDING_KEYS <= set(finding), finding
        assert finding["code"].startswith("SC") and finding["severity"] in ("error", "warning", "info")
    for report in document["reports"]:
        assert {"path", "encoding", "position", "reading", "notes", "sources", "findings"} <= set(report)
    # every summary says what was read, and the works' add up to the run's: no level reads as an empty clean check
    totals = {k: sum(w["summary"][k] for w in document["works"]) for k in document["summary"]}
    assert totals == document["summary"], shape
    return document


def test_every_flag_combination_prints_one_json_document(inputs: dict[str, list[str]]) -> None:
    runner = CliRunner()
    walked = 0
    for shape, args in inputs.items():
        for count in range(len(FLAGS) + 1):
            for flags in itertools.combinations(FLAGS, count):
                result = runner.invoke(main, ["check", *args, "--format", "json", "--no-config", *flags],
                                       input=(FIXTURE / "manuscript.txt").read_bytes() if shape == "stdin" else None)
                assert result.exit_code in (0, 1, 2), (shape, flags, result.output)
                assert "Traceback" not in result.stderr
                document = assert_document(result.stdout, f"{shape} {flags}")
                assert ("statistics" in document) == ("--statistics" in flags)
                readable = {"one": 1, "two": 2, "one unreadable": 1, "none readable": 0, "stdin": 1, "folder": 2}
                assert len(document["reports"]) == readable[shape], (shape, flags)
                assert len(document["errors"]) == (1 if "unreadable" in shape or "none" in shape else 0)
                walked += 1
    assert walked == len(inputs) * 2 ** len(FLAGS)


@pytest.mark.parametrize("option", [
    ["--fail-on", "info"], ["--select", "SC1"], ["--ignore", "SC5"], ["--extend-select", "SC403"],
    ["--unused-entries", "summary"], ["--unused-entries", "each"], ["--full-citation", "chapter"],
    ["--language", "en"], ["--input-format", "text"], ["--encoding", "utf-8"], ["--no-cache"],
])
def test_each_valued_option_keeps_the_shape(inputs: dict[str, list[str]], option: list[str]) -> None:
    for shape in ("one", "two", "one unreadable"):
        result = CliRunner().invoke(main, ["check", *inputs[shape], "--format", "json", "--no-config", *option])
        assert_document(result.stdout, f"{shape} {option}")


def test_the_report_file_and_the_baseline_stay_json(inputs: dict[str, list[str]], tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    result = CliRunner().invoke(main, ["check", *inputs["two"], "--no-config", "--output-file", str(out)])
    assert_document(out.read_text(encoding="utf-8"), "output file")
    assert "manuscript.txt: 1 error" in result.stdout  # the summaries, where the document is not
    baseline = tmp_path / "baseline.json"
    wrote = CliRunner().invoke(main, ["check", *inputs["two"], "--no-config", "--format", "json",
                                      "--baseline", str(baseline), "--write-baseline"])
    assert wrote.exit_code == 0 and json.loads(wrote.stdout)["baselines"][0]["findings"] == 3
    after = CliRunner().invoke(main, ["check", *inputs["two"], "--no-config", "--format", "json",
                                      "--baseline", str(baseline)])
    summary = assert_document(after.stdout, "baseline")["summary"]
    assert {k: summary[k] for k in ("error", "warning", "info")} == {"error": 0, "warning": 0, "info": 0}


def test_statistics_are_json_with_json_and_stderr_beside_other_documents(inputs: dict[str, list[str]]) -> None:
    import xml.etree.ElementTree as ET

    result = CliRunner().invoke(main, ["check", *inputs["one"], "--no-config", "--format", "json", "--statistics"])
    rows = json.loads(result.stdout)["statistics"]
    assert {(r["code"], r["name"], r["count"]) for r in rows} == {("SC101", "unresolved-citation", 1),
                                                                  ("SC403", "missing-locator", 1),
                                                                  ("SC501", "unused-entry", 1)}
    for fmt, parse in (("sarif", json.loads), ("junit", ET.fromstring)):
        for extra in (["--statistics"], ["-q"], ["--statistics", "-q"]):
            result = CliRunner().invoke(main, ["check", *inputs["one"], "--no-config", "--format", fmt, *extra])
            parse(result.stdout)
            if "--statistics" in extra:
                assert "SC101  unresolved-citation" in result.stderr


def test_sarif_fingerprints_and_notifications(inputs: dict[str, list[str]]) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((ROOT / "tests" / "fixtures" / "sarif-2.1.0.json").read_text(encoding="utf-8"))
    result = CliRunner().invoke(main, ["check", *inputs["one unreadable"], "--no-config", "--format", "sarif"])
    document = json.loads(result.stdout)
    jsonschema.validate(document, schema)
    run = document["runs"][0]
    (invocation,) = run["invocations"]
    assert invocation["executionSuccessful"] is False
    (notice,) = invocation["toolExecutionNotifications"]
    assert notice["level"] == "error" and "no such manuscript" in notice["message"]["text"]
    assert notice["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].endswith("missing.txt")
    prints = [r["partialFingerprints"]["srccheckFinding/v1"] for r in run["results"]]
    assert len(prints) == len(set(prints)) == 3


def test_a_finding_that_moves_keeps_its_fingerprint(tmp_path: Path) -> None:
    # the fingerprint is the baseline's: rule, key and message without numbers, so a note added before it does
    # not make an old finding new for code scanning
    bib = str(FIXTURE / "refs.bib")
    text = (FIXTURE / "manuscript.txt").read_text(encoding="utf-8")
    moved = tmp_path / "manuscript.txt"
    moved.write_text("\n\n\n" + text, encoding="utf-8")  # every finding three lines further down

    def prints(path: str) -> set[str]:
        result = CliRunner().invoke(main, ["check", path, "--bib", bib, "--no-config", "--format", "sarif"])
        results = json.loads(result.stdout)["runs"][0]["results"]
        return {r["partialFingerprints"]["srccheckFinding/v1"].split(":")[-1] for r in results}

    assert len(prints(str(moved))) == 3 and prints(str(moved)) == prints(str(FIXTURE / "manuscript.txt"))


def test_the_summary_says_what_was_read(tmp_path: Path) -> None:
    # a check that read nothing must not look like a clean one: the summaries count the notes, citations and
    # unresolved citations (here from the manuscript written below: 3 notes, 4 citations, one not in the .bib)
    (tmp_path / "refs.bib").write_text("@book{smith2001, author={Smith, John}, title={The History of Things}, "
                                       "publisher={Penguin}, address={London}, year=2001}\n", encoding="utf-8")
    (tmp_path / "m.md").write_text(
        "One.[^1] Two.[^2] Three.[^3]\n\n[^1]: John Smith, The History of Things, London, 2001, p. 4.\n"
        "[^2]: Smith, History of Things, p. 5; Jane Roe, A Book Nobody Listed, Oxford, 1999, p. 12.\n"
        "[^3]: Smith, History of Things, p. 6.\n", encoding="utf-8")
    args = ["check", str(tmp_path / "m.md"), "--bib", str(tmp_path / "refs.bib"), "--no-config", "--no-cache"]
    document = json.loads(CliRunner().invoke(main, [*args, "--format", "json"]).stdout)
    read = {k: document["summary"][k] for k in ("notes", "citations", "unresolved")}
    assert read == {"notes": 3, "citations": 4, "unresolved": 1} == \
        {k: document["reports"][0]["summary"][k] for k in read}
    assert "(3 notes, 4 citations, 1 unresolved)" in CliRunner().invoke(main, args).stdout
    empty = tmp_path / "empty.md"
    empty.write_text("No notes here.\n", encoding="utf-8")
    assert "(0 notes, 0 citations, 0 unresolved)" in CliRunner().invoke(
        main, ["check", str(empty), "--bib", str(tmp_path / "refs.bib"), "--no-config", "--no-cache"]).stdout
