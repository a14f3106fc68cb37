"""Configuration: rule selection precedence, discovery, validation, per-file blocks, suppressions."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ROOT, every_finding

from srccheck import suppress
from srccheck.cli import main
from srccheck.config import Layer, Overrides, discover, enabled_rules, parse_config, settings_for, severity_overrides
from srccheck.errors import UsageError
from srccheck.model import Finding, Manuscript, Marker, Note, Severity
from srccheck.rules import all_rules

FIXTURE = ROOT / "tests" / "fixtures" / "output"


@dataclass(frozen=True)
class R:
    code: str
    name: str


RULES = [R("SC101", "unresolved-citation"), R("SC102", "ambiguous-short-citation"),
         R("SC401", "page-out-of-range"), R("SC403", "missing-locator"), R("SC501", "unused-entry")]
ALL = {r.name for r in RULES}


@pytest.mark.parametrize("layers, expected", [
    ([], ALL),
    ([Layer(select=("SC1",))], {"unresolved-citation", "ambiguous-short-citation"}),
    ([Layer(select=("SC101",))], {"unresolved-citation"}),
    ([Layer(select=("missing-locator",))], {"missing-locator"}),  # by name
    ([Layer(ignore=("SC4",))], ALL - {"page-out-of-range", "missing-locator"}),  # by prefix
    # the more specific selector wins, either way round
    ([Layer(select=("SC4",), ignore=("SC403",))], {"page-out-of-range"}),
    ([Layer(select=("missing-locator",), ignore=("SC4",))], {"missing-locator"}),
    ([Layer(select=("SC403",), ignore=("SC",))], {"missing-locator"}),
    # equal specificity: ignore beats select (a name counts as much as its full code)
    ([Layer(select=("SC403",), ignore=("missing-locator",))], set()),
    ([Layer(select=("SC4",), ignore=("SC4",))], set()),
    ([Layer(select=("ALL",), ignore=("SC5",))], ALL - {"unused-entry"}),
    # extend-select adds to what is on; without select the earlier state is kept
    ([Layer(select=("SC1",)), Layer(extend_select=("SC501",))],
     {"unresolved-citation", "ambiguous-short-citation", "unused-entry"}),
    # a later layer (the command line) re-enables what the file ignored
    ([Layer(ignore=("SC403",)), Layer(select=("SC403",))], {"missing-locator"}),
    ([Layer(ignore=("SC403",)), Layer(extend_select=("missing-locator",))], ALL),
    ([Layer(select=("SC1",)), Layer(ignore=("SC102",))], {"unresolved-citation"}),
])
def test_selection_precedence(layers: list[Layer], expected: set[str]) -> None:
    assert enabled_rules(RULES, layers) == expected


def test_severity_overrides_most_specific_wins() -> None:
    got = severity_overrides(RULES, {"SC": "info", "SC4": "warning", "missing-locator": "error"})
    assert got["unresolved-citation"] is Severity.INFO
    assert got["page-out-of-range"] is Severity.WARNING
    assert got["missing-locator"] is Severity.ERROR


def test_every_rule_has_code_name_and_doc() -> None:
    rules = all_rules()
    assert len({r.code for r in rules}) == len(rules) == len({r.name for r in rules})
    assert all(r.doc.strip() and r.summary for r in rules)
    assert any(r.name == "unused-suppression" and r.code == "SC901" for r in rules)


def test_discovery_walks_up_and_prefers_srccheck_toml(tmp_path: Path) -> None:
    deep = tmp_path / "book" / "chapters" / "one"
    deep.mkdir(parents=True)
    assert discover(deep) is None or not str(discover(deep).path).startswith(str(tmp_path))  # type: ignore[union-attr]
    (tmp_path / "book" / "pyproject.toml").write_text("[project]\nname = 'x'\n")  # no [tool.srccheck]: skipped
    (tmp_path / "pyproject.toml").write_text("[tool.srccheck]\nlanguage = 'de'\n")
    assert discover(deep).path == tmp_path / "pyproject.toml"  # type: ignore[union-attr]
    (tmp_path / "book" / "srccheck.toml").write_text("language = 'tr'\n")
    found = discover(deep)
    assert found is not None and found.path == tmp_path / "book" / "srccheck.toml"
    assert found.values == {"language": "tr"}


@pytest.mark.parametrize("text, message", [
    ("selct = ['SC1']", "unknown key 'selct'"),
    ("select = ['SC9999']", "no rule code, code prefix or rule name"),
    ("fail-on = 'fatal'", "expected one of error, warning, info"),
    ("[severity]\nmissing-locator = 'loud'", "expected one of error, warning, info"),
    ("[ignore-notes]\ntwelve = ['SC403']", "not a note number"),
    ("bib = 3", "expected a list of strings"),
    ("[[per-file]]\nignore = ['SC4']", "needs path"),
    ("[[per-file]]\npath = '*.md'\nbaseline = 'x'", "unknown key 'baseline'"),
    ("language = ", "not valid TOML"),
])
def test_bad_configuration_is_one_clear_error(text: str, message: str) -> None:
    with pytest.raises(UsageError, match=message):
        parse_config(text, Path("srccheck.toml"))


def test_bad_configuration_exits_two_with_one_line(tmp_path: Path) -> None:
    (tmp_path / "srccheck.toml").write_text("colour = 'red'\n")
    ms = tmp_path / "m.txt"
    ms.write_text("x\n")
    result = CliRunner().invoke(main, ["check", str(ms), "--bib", str(FIXTURE / "refs.bib")])
    assert result.exit_code == 2
    assert "unknown key 'colour'" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.output


def test_per_file_blocks_and_command_line_override(tmp_path: Path) -> None:
    (tmp_path / "chapters").mkdir()
    config = parse_config(
        "bib = 'refs/main.bib'\nfail-on = 'warning'\nignore = ['SC5']\n"
        "[severity]\nmissing-locator = 'warning'\n"
        "[[per-file]]\npath = 'chapters/*.md'\nlanguage = 'tr'\nextend-select = ['unused-entry']\n"
        "uncited = ['background1990']\n",
        tmp_path / "srccheck.toml")
    chapter = settings_for(str(tmp_path / "chapters" / "one.md"), config, Overrides())
    assert chapter.language == "tr" and chapter.uncited == {"background1990"}
    assert chapter.bib == [str(tmp_path / "refs" / "main.bib")]
    assert chapter.fail_on is Severity.WARNING and chapter.severity == {"missing-locator": "warning"}
    assert "unused-entry" in enabled_rules(all_rules(), chapter.layers)
    preface = settings_for(str(tmp_path / "preface.md"), config, Overrides())
    assert preface.language is None and "unused-entry" not in enabled_rules(all_rules(), preface.layers)
    cli = settings_for(str(tmp_path / "preface.md"), config,
                       Overrides(bib=("other.bib",), fail_on="error", select=("SC5",)))
    assert cli.bib == ["other.bib"] and cli.fail_on is Severity.ERROR
    assert enabled_rules(all_rules(), cli.layers) == {"unused-entry", "duplicate-entry", "bib-parse-error"}


def _in_fixture_config(tmp_path: Path, body: str) -> tuple[str, Path]:
    for name in ("manuscript.txt", "refs.bib"):
        (tmp_path / name).write_text((FIXTURE / name).read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text("[tool.srccheck]\nbib = 'refs.bib'\n" + body, encoding="utf-8")
    return str(tmp_path / "manuscript.txt"), tmp_path


def _findings(*args: str) -> tuple[int, list[dict]]:  # type: ignore[type-arg]
    result = CliRunner().invoke(main, ["check", *args, "--format", "json"])
    assert result.exit_code in (0, 1), result.output
    return result.exit_code, every_finding(json.loads(result.stdout))


def test_config_gives_bib_severity_uncited_and_note_suppressions(tmp_path: Path) -> None:
    ms, _ = _in_fixture_config(tmp_path, "uncited = ['doe1990']\nfail-on = 'warning'\n"
                                         "[tool.srccheck.severity]\nmissing-locator = 'warning'\n"
                                         "[tool.srccheck.ignore-notes]\n3 = ['unresolved-citation']\n1 = ['SC403']\n")
    code, findings = _findings(ms)  # no --bib: the configuration gives it
    rules = {(f["rule"], f["severity"], f["note"]) for f in findings}
    assert ("missing-locator", "warning", 2) in rules
    assert not any(r[0] in ("unused-entry", "unresolved-citation") for r in rules)
    # note 1 has no missing-locator finding, so that suppression is reported as unused
    assert ("unused-suppression", "info", 1) in rules
    assert code == 1  # fail-on warning from the file
    code, _ = _findings(ms, "--fail-on", "error")
    assert code == 0  # the command line overrides the file
    code, findings = _findings(ms, "--no-config", "--bib", str(tmp_path / "refs.bib"))
    assert {f["rule"] for f in findings} == {"missing-locator", "unresolved-citation", "unused-entry"}


def test_select_and_ignore_options(tmp_path: Path) -> None:
    args = [str(FIXTURE / "manuscript.txt"), "--bib", str(FIXTURE / "refs.bib"), "--no-config"]
    assert {f["rule"] for f in _findings(*args, "--select", "SC4,unused-entry")[1]} == {"missing-locator", "unused-entry"}
    assert {f["rule"] for f in _findings(*args, "--ignore", "SC1", "--ignore", "SC5")[1]} == {"missing-locator"}
    bad = CliRunner().invoke(main, ["check", *args, "--select", "SC77"])
    assert bad.exit_code == 2 and "--select" in bad.stderr


def test_no_bib_anywhere_still_checks_the_notes(tmp_path: Path) -> None:
    # a manuscript alone in its folder (an editor with only the text) was refused with exit 2 and an empty stdout,
    # which a run's summary read as "0 notes, 0 citations, findings: none"; its notes are checked now, without the
    # rules that need entries (every citation would be unresolved)
    ms = tmp_path / "m.txt"
    ms.write_text("A claim.1 Another.3\n\n" + " " * 40 + "\n1 John Smith, The History of Things, London, 2001, p. 45.\n"
                  "3 Smith, History of Things, 47–45.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(ms), "--no-config", "--format", "json"])
    assert result.exit_code == 1 and "no bibliography" in result.stderr
    report = json.loads(result.stdout)["reports"][0]
    assert [n["number"] for n in report["notes"]] == [1, 3]
    rules = {f["rule"] for f in report["findings"]}
    assert {"note-number-gap", "reversed-page-range"} <= rules and "unresolved-citation" not in rules
    text = CliRunner().invoke(main, ["check", str(ms), "--no-config"])
    assert "(2 notes, 2 citations, not matched: no bibliography)" in text.stdout
    # several .bib files beside it and none of its name: which one is the user's to say
    (tmp_path / "a.bib").write_text("@book{a, title={A}, year=1990}\n", encoding="utf-8")
    (tmp_path / "b.bib").write_text("@book{b, title={B}, year=1990}\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(ms), "--no-config"])
    assert result.exit_code == 2 and "a.bib" in result.stderr and "b.bib" in result.stderr


# --- suppression comments --------------------------------------------------------------

MARKDOWN = """Claim one.[^1] Claim two.[^2] <!-- srccheck: ignore[unused-entry] -->

<!-- srccheck: ignore[missing-locator] -->
[^1]: Smith, History of Things.
[^2]: Roe, Unknown Book, 4. <!-- srccheck: ignore[SC1, no-such-rule] -->
% srccheck: ignore
"""


def test_comments_attach_to_the_note_they_are_in_or_precede() -> None:
    notes = [Note(1, "Smith, History of Things.", 4), Note(2, "Roe, Unknown Book, 4.", 5)]
    ms = Manuscript("m.md", notes, markers=[Marker(1, 1), Marker(2, 1)])
    found = suppress.from_text(MARKDOWN, ms)
    assert [(s.note, s.selectors, s.line) for s in found] == [
        (1, ("unused-entry",), 1),  # on a body line: the first marker on it
        (1, ("missing-locator",), 3),  # the line before note 1
        (2, ("SC1", "no-such-rule"), 5),  # inside note 2
        (None, (), 6),  # after the last note: belongs to none
    ]
    findings = [Finding("missing-locator", Severity.INFO, "note 1: no page", note=1, line=4),
                Finding("unresolved-citation", Severity.ERROR, "note 2: no entry", note=2, line=5),
                Finding("missing-locator", Severity.INFO, "note 3: no page", note=3, line=9)]
    kept, unused = suppress.apply(findings, found, all_rules())
    assert [f.note for f in kept] == [3]
    messages = sorted(f.message for f in unused)
    assert len(messages) == 3 and all(f.rule == "unused-suppression" for f in unused)
    assert any("note 1" in m and "silenced nothing (unused-entry)" in m for m in messages)
    assert any("names no rule ('no-such-rule')" in m for m in messages)
    assert any("belongs to no note" in m for m in messages)


def test_latex_escaped_percent_is_not_a_comment() -> None:
    ms = Manuscript("m.tex", [Note(1, "x", 1)])
    assert suppress.from_text("50\\% srccheck: ignore[SC403]\n", ms) == []
    assert [s.selectors for s in suppress.from_text("text % srccheck: ignore[SC403]\n", ms)] == [("SC403",)]
