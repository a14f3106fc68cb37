"""Every output format on one small fixture with an error, a warning (in the .bib) and an info finding.

The goldens under tests/golden/ were reviewed by eye. To regenerate them deliberately:
SRCCHECK_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_output_formats.py, then read the diff.
"""

from __future__ import annotations

import json
import os
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ROOT, every_finding

from srccheck import __version__
from srccheck.cli import main
from srccheck.output.github import escape_data, escape_property

FIXTURE = ROOT / "tests" / "fixtures" / "output"
GOLDEN = ROOT / "tests" / "golden"
SCHEMA = ROOT / "tests" / "fixtures" / "sarif-2.1.0.json"
SUFFIX = {"text": "txt", "concise": "txt", "json": "json", "sarif": "sarif", "github": "txt", "junit": "xml",
          "markdown": "md"}


@pytest.fixture
def in_fixture(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(FIXTURE)  # relative paths in the output, as a user in that folder would see
    monkeypatch.setenv("COLUMNS", "120")
    monkeypatch.delenv("NO_COLOR", raising=False)


def run(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, ["check", "manuscript.txt", "--bib", "refs.bib", "--no-config", *args])


@pytest.mark.parametrize("fmt", list(SUFFIX))
def test_golden(fmt: str, in_fixture: None) -> None:
    result = run("--format", fmt, "--color", "never")
    assert result.exit_code == 1, result.output  # the fixture has an error
    golden = GOLDEN / f"formats.{fmt}.{SUFFIX[fmt]}"
    output = _stable_sarif(result.stdout) if fmt == "sarif" else result.stdout
    if fmt == "markdown":  # the version changes with other work
        output = output.replace(f"srccheck {__version__}", "srccheck <version>")
    if os.environ.get("SRCCHECK_UPDATE_GOLDEN"):
        golden.write_text(output, encoding="utf-8")
    assert output == golden.read_text(encoding="utf-8")


def _stable_sarif(text: str) -> str:
    """Rule docs and the version change with other work; the golden keeps the shape, the schema test the rest."""
    document = json.loads(text)
    driver = document["runs"][0]["tool"]["driver"]
    driver["version"] = "<version>"
    driver["rules"] = [{"id": r["id"], "name": r["name"], "level": r["defaultConfiguration"]["level"]}
                       for r in driver["rules"]]
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def test_fixture_has_each_severity(in_fixture: None) -> None:
    data = json.loads(run("--format", "json").stdout)
    assert {f["severity"] for f in every_finding(data)} == {"error", "warning", "info"}


def test_sarif_validates_against_the_schema(in_fixture: None) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    document = json.loads(run("--format", "sarif").stdout)
    jsonschema.validate(document, json.loads(SCHEMA.read_text(encoding="utf-8")))
    run_ = document["runs"][0]
    rules = run_["tool"]["driver"]["rules"]
    assert {r["id"] for r in rules} >= {"SC101", "SC403", "SC501", "SC901"}
    assert all(r["fullDescription"]["text"] and r["help"]["text"] for r in rules)
    levels = {r["ruleId"]: r["level"] for r in run_["results"]}
    assert levels == {"SC101": "error", "SC501": "warning", "SC403": "note"}
    bib_result = next(r for r in run_["results"] if r["ruleId"] == "SC501")
    assert bib_result["locations"][0]["physicalLocation"] == {"artifactLocation": {"uri": "refs.bib"},
                                                              "region": {"startLine": 9}}
    for r in run_["results"]:  # ruleIndex must point at the rule it names
        assert rules[r["ruleIndex"]]["id"] == r["ruleId"]


def test_machine_formats_keep_stdout_a_single_document(in_fixture: None) -> None:
    for fmt, parse in (("json", json.loads), ("sarif", json.loads), ("junit", ET.fromstring)):
        result = run("--format", fmt)
        parse(result.stdout)
        assert "manuscript.txt: 1 error, 0 warnings, 1 info" in result.stderr
        assert "refs.bib: 0 errors, 1 warning, 0 info" in result.stderr  # the bibliography's own finding


def test_junit_has_one_testcase_per_finding(in_fixture: None) -> None:
    root = ET.fromstring(run("--format", "junit").stdout)
    cases = root.findall(".//testcase")
    assert len(cases) == 3 and all(c.find("failure") is not None for c in cases)
    assert {c.find("failure").get("type") for c in cases} == {"error", "warning", "info"}  # type: ignore[union-attr]


@pytest.mark.parametrize("raw, data, prop", [
    ("plain", "plain", "plain"),
    ("100%", "100%25", "100%25"),
    ("a:b,c", "a:b,c", "a%3Ab%2Cc"),
    ("line1\nline2\r\n", "line1%0Aline2%0D%0A", "line1%0Aline2%0D%0A"),
    ("%0A literal", "%250A literal", "%250A literal"),  # % first, or an escape would be double-read
])
def test_github_escaping(raw: str, data: str, prop: str) -> None:
    assert escape_data(raw) == data
    assert escape_property(raw) == prop


def test_github_annotation_escapes_properties_and_message(in_fixture: None, tmp_path: Path) -> None:
    out = run("--format", "github").stdout
    line = next(ln for ln in out.splitlines() if "SC501" in ln)
    assert line.startswith("::warning file=refs.bib,line=9,title=SC501 unused-entry::")
    assert "100%25 Sure, or Not" in line and "%0A→ cite it" in line
    assert "::notice " in out and "::error " in out


def test_concise_is_the_default_when_piped_and_text_can_be_forced(in_fixture: None) -> None:
    assert run().stdout.startswith("manuscript.txt:6:1: SC403 [missing-locator] ")
    assert "Sources" in run("--format", "text").stdout


def test_color(in_fixture: None, monkeypatch: pytest.MonkeyPatch) -> None:
    assert "\x1b[" in run("--color", "always").stdout
    assert "\x1b[" not in run("--color", "never").stdout
    monkeypatch.setenv("NO_COLOR", "1")
    assert "\x1b[" not in run("--color", "auto").stdout
    assert "\x1b[" in run("--color", "always", "--format", "text").stdout  # an explicit flag beats NO_COLOR


def test_statistics_and_quiet(in_fixture: None) -> None:
    stats = run("--statistics").stdout.splitlines()
    assert stats[0].split() == ["1", "SC101", "unresolved-citation", "error"]
    assert len([s for s in stats if "SC" in s]) == 3
    quiet = run("--quiet")
    assert quiet.stdout == ("manuscript.txt: 1 error, 0 warnings, 1 info (3 notes, 3 citations, 1 unresolved)\n"
                            "refs.bib: 0 errors, 1 warning, 0 info\n")
    assert quiet.exit_code == 1
    quiet_json = run("--quiet", "--format", "json")  # stdout stays the document: -q silences the rest
    assert len(every_finding(json.loads(quiet_json.stdout))) == 3 and quiet_json.stderr == ""
    assert quiet_json.exit_code == 1


def test_several_manuscripts_summary_and_combined_exit_code(in_fixture: None, tmp_path: Path) -> None:
    clean = tmp_path / "clean.txt"
    clean.write_text("A claim.1\n\n                    \n1 John Smith, The History of Things, Penguin, London, "
                     "2001, p. 45.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(clean), "manuscript.txt", "--bib", "refs.bib", "--no-config",
                                       "--ignore", "unused-entry", "--format", "concise"])
    assert result.exit_code == 1
    assert f"{clean}: 0 errors, 0 warnings, 0 info (1 note, 1 citation, 0 unresolved)" in result.stdout
    assert "manuscript.txt: 1 error, 0 warnings, 1 info" in result.stdout
    assert "refs.bib" not in result.stdout  # unused-entry ignored: the bibliography has nothing to say
    ok = CliRunner().invoke(main, ["check", str(clean), "--bib", "refs.bib", "--no-config", "--ignore", "SC5"])
    assert ok.exit_code == 0
    missing = CliRunner().invoke(main, ["check", str(clean), "nope.txt", "--bib", "refs.bib", "--no-config"])
    assert missing.exit_code == 2 and "nope.txt: no such manuscript" in missing.stderr
    assert "Traceback" not in missing.output
    several_json = CliRunner().invoke(main, ["check", str(clean), "manuscript.txt", "--bib", "refs.bib",
                                             "--no-config", "--format", "json"])
    assert [d["path"] for d in json.loads(several_json.stdout)["reports"]] == [str(clean), "manuscript.txt"]


@pytest.mark.parametrize("args", [["check", "--help"], ["--help"], ["--version"], ["cache", "--help"]])
def test_help_does_not_import_heavy_libraries(args: list[str]) -> None:
    import subprocess
    import sys

    code = ("import sys; from click.testing import CliRunner; from srccheck.cli import main; "
            f"CliRunner().invoke(main, {args!r}); "
            "print(sorted({m.split('.')[0] for m in sys.modules} & {'bibtexparser', 'rapidfuzz', 'rich'}))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.strip() == "[]"
