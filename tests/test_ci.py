"""CI plumbing through the command line and the repository's own files: the documented release exists, the
pre-commit hook runs on the configured book, GitHub annotations are ranked and counted, positions are called
what they are, standard input can be named."""

from __future__ import annotations

import json
import re
import subprocess
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from conftest import ROOT, only_report

from srccheck.cli import main
from srccheck.output.github import SHOWN_PER_LEVEL

FORMATS = ROOT / "tests" / "fixtures" / "formats"


def test_the_documented_rev_is_this_version_and_a_tag_of_the_repository() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    revs = set(re.findall(r"^\s*rev:\s*(\S+)", readme, re.M))
    version = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    assert revs == {f"v{version}"}
    if not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    tags = subprocess.run(["git", "tag", "--list"], cwd=ROOT, capture_output=True, text=True).stdout.split()
    if not tags:
        pytest.skip("the clone has no tags (a shallow CI clone)")
    assert f"v{version}" in tags


def test_the_pre_commit_hook_checks_the_configured_book() -> None:
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["pass_filenames"] is False and hook["entry"].startswith("srccheck check")
    files, exclude = re.compile(hook["files"]), re.compile(hook["exclude"])

    def runs_for(path: str) -> bool:  # as pre-commit decides: files matches, exclude does not
        return bool(files.search(path)) and not exclude.search(path)

    for path in ("chapters/One.MD", "thesis.Rmd", "book/ch1.DOCX", "ch2.odt", "paper.TEX", "refs.bib",
                 "srccheck.toml", "pyproject.toml", "extracted/ch3.txt", "scans/ch4.PDF"):
        assert runs_for(path), path
    for path in ("requirements.txt", "requirements-dev.txt", "README.md", "docs/LICENSE.txt", "src/app.py",
                 "package.json", "CHANGELOG.md"):
        assert not runs_for(path), path


def test_the_hook_command_checks_the_book_and_nothing_else(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "refs.bib").write_text("@book{smith2001, author={Smith, John}, title={The History of Things}, "
                                       "publisher={Penguin}, address={London}, year=2001}\n", encoding="utf-8")
    (tmp_path / "chapters").mkdir()
    (tmp_path / "chapters" / "one.md").write_text("Claim.[^1]\n\n[^1]: [@smith2001, p. 4]\n", encoding="utf-8")
    (tmp_path / "requirements.txt").write_text("click>=8\n", encoding="utf-8")  # no bibliography, no notes
    (tmp_path / "srccheck.toml").write_text('bib = "refs.bib"\nmanuscripts = ["chapters/*.md"]\n', encoding="utf-8")
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    result = CliRunner().invoke(main, hook["entry"].split()[1:])
    assert result.exit_code == 0, result.output
    assert result.stdout == "chapters/one.md: 0 errors, 0 warnings, 0 info (1 note, 1 citation, 0 unresolved)\n"


def many_findings(tmp_path: Path) -> tuple[str, str]:
    """A manuscript with 12 unresolved citations (errors) and 12 missing pages (info), and 12 uncited entries."""
    bib = "".join(f"@book{{work{i}, author={{Author{i}, Ann}}, title={{Book Number {i}}}, year=2000}}\n"
                  for i in range(12))
    notes = [f"Nobody{i}, Unknown Title {i}, Oxford, 1999, p. {i + 1}." for i in range(12)]
    notes += [f"[@missing{i}]" for i in range(12)]
    body = "".join(f"Claim.[^{n}] " for n in range(1, len(notes) + 1))
    text = body + "\n\n" + "".join(f"[^{n}]: {note}\n" for n, note in enumerate(notes, 1))
    (tmp_path / "ms.md").write_text(text, encoding="utf-8")
    (tmp_path / "refs.bib").write_text(bib, encoding="utf-8")
    return str(tmp_path / "ms.md"), str(tmp_path / "refs.bib")


def test_github_ranks_errors_first_and_says_how_many_were_not_annotated(tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    summary = tmp_path / "summary.md"
    summary.write_text("# earlier step\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    manuscript, bib = many_findings(tmp_path)
    result = CliRunner().invoke(main, ["check", manuscript, "--bib", bib, "--format", "github", "--no-config",
                                       "--select", "SC101,SC403,SC501"])
    lines = result.stdout.splitlines()
    annotations = [line for line in lines if line.startswith("::")]
    levels = [line[2:].split(" ")[0] for line in annotations]
    assert levels == sorted(levels, key=["error", "warning", "notice"].index)  # errors first
    assert levels.count("error") == levels.count("warning") == levels.count("notice") == SHOWN_PER_LEVEL
    data = json.loads(CliRunner().invoke(main, ["check", manuscript, "--bib", bib, "--format", "json", "--no-config",
                                                "--select", "SC101,SC403,SC501"]).stdout)
    total = data["summary"]["error"] + data["summary"]["warning"] + data["summary"]["info"]
    not_shown = total - len(annotations)
    assert f"{not_shown} more findings not shown as annotations" in result.stdout
    assert lines.index(next(line for line in lines if "more findings not shown" in line)) == len(lines) - 3
    markdown = summary.read_text(encoding="utf-8")
    assert markdown.startswith("# earlier step\n")  # appended, as GitHub expects of each step
    assert "## srccheck: " in markdown and "| error | SC101 unresolved-citation |" in markdown


@pytest.mark.parametrize("suffix, kind", [("docx", "paragraph"), ("odt", "paragraph"), ("pdf", "page"),
                                          ("md", "line")])
def test_positions_are_called_what_they_are(suffix: str, kind: str) -> None:
    pytest.importorskip("pypdfium2")
    args = ["check", str(FORMATS / f"article.{suffix}"), "--bib", str(FORMATS / "article.bib"), "--no-config",
            "--select", "SC401"]  # the fixture's two pages out of range
    text = CliRunner().invoke(main, [*args, "--format", "text"]).stdout
    concise = CliRunner().invoke(main, [*args, "--format", "concise"]).stdout
    github = CliRunner().invoke(main, [*args, "--format", "github"]).stdout
    junit = ET.fromstring(CliRunner().invoke(main, [*args, "--format", "junit"]).stdout)
    sarif = json.loads(CliRunner().invoke(main, [*args, "--format", "sarif"]).stdout)
    data = json.loads(CliRunner().invoke(main, [*args, "--format", "json"]).stdout)
    numbers = [f["line"] for f in only_report(data)["findings"]]
    assert len(numbers) == 2 and only_report(data)["position"] == kind
    for number in numbers:
        assert f"{kind} {number}" in text
        assert any(case.get("name", "").endswith(f", {kind} {number})") for case in junit.iter("testcase"))
    results = sarif["runs"][0]["results"]
    if kind == "line":
        assert all(r["locations"][0]["physicalLocation"]["region"]["startLine"] in numbers for r in results)
        assert all(line.startswith(str(FORMATS / "article.md") + ":") for line in concise.splitlines()[:2])
        assert all(",line=" in line for line in github.splitlines() if line.startswith("::"))
    else:
        assert all("region" not in r["locations"][0]["physicalLocation"] for r in results)
        assert [r["properties"][kind] for r in results] == numbers
        assert f": {kind} {numbers[0]}: SC401" in concise
        assert ",line=" not in github and f"({kind} {numbers[0]})" in github
        assert "line" not in text.split("Findings")[1].split("Sources")[0]


def test_standard_input_can_be_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "refs.bib").write_text("@book{smith2001, author={Smith, John}, title={The History of Things}, "
                                       "publisher={Penguin}, address={London}, year=2001}\n", encoding="utf-8")
    (tmp_path / "chapters").mkdir()
    (tmp_path / "srccheck.toml").write_text('bib = "refs.bib"\n[[per-file]]\npath = "chapters/*.md"\n'
                                            'ignore = ["missing-locator"]\n', encoding="utf-8")
    text = "Claim.[^1] More.[^2]\n\n[^1]: [@smith2001, p. 4]\n[^2]: [@smith2001]\n"  # Markdown: by its name
    result = CliRunner().invoke(main, ["check", "--stdin-filename", "chapters/one.md", "--format", "json"],
                                input=text)
    assert result.exit_code == 0, result.output
    report = only_report(json.loads(result.stdout))
    assert report["path"] == "chapters/one.md" and len(report["notes"]) == 2
    assert report["findings"] == []  # the per-file block of that name applied: no missing-locator for note 2
    assert CliRunner().invoke(main, ["check", "a.md", "--stdin-filename", "b.md"]).exit_code == 2


@pytest.mark.parametrize("target", ["link", "the manuscript"])
def test_a_job_summary_that_must_not_be_written_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                            target: str) -> None:
    manuscript, bib = many_findings(tmp_path)
    if target == "link":
        shared = tmp_path / "shared.md"
        shared.write_text("someone else's file\n", encoding="utf-8")
        (tmp_path / "summary.md").symlink_to(shared)
        summary, untouched = tmp_path / "summary.md", shared
    else:
        summary = untouched = Path(manuscript)
    before = untouched.read_bytes()
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    result = CliRunner().invoke(main, ["check", manuscript, "--bib", bib, "--format", "github", "--no-config"])
    assert result.exit_code == 1 and "::error " in result.stdout  # the annotations stand
    assert untouched.read_bytes() == before
    assert [line for line in result.stderr.splitlines() if "job summary" in line or "cannot write" in line]
    assert "Traceback" not in result.output
