"""Uncited bibliography entries: listed one by one for a manuscript's own .bib, counted in one
finding for a library-sized one, and listed on demand by `sources --uncited`."""

from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner
from conftest import every_finding

from srccheck.baseline import fingerprint
from srccheck.cli import main
from srccheck.rules.unused_entry import LIBRARY_MIN_UNCITED, is_library

MANUSCRIPT = """Some body text with a claim.1 Another claim follows here.2

                                        
1 John Smith, The History of Things, Penguin, London, 2001, p. 45.
2 Jane Doe, Harbours of the North, Clarendon, Oxford, 1999, p. 7.
"""
CITED = """@book{smith2001, author={Smith, John}, title={The History of Things}, publisher={Penguin},
  address={London}, year=2001}
@book{doe1999, author={Doe, Jane}, title={Harbours of the North}, publisher={Clarendon}, address={Oxford}, year=1999}
"""


def filler(count: int, prefix: str = "other") -> str:
    """`count` entries no note cites, one per line (entry i on line i + 1 of this text)."""
    return "".join(f"@book{{{prefix}{i}, author={{Writer{i}, Anne}}, title={{Volume Number {i}}}, year={1900 + i % 90}}}\n"
                   for i in range(count))


def check(*args: str):  # type: ignore[no-untyped-def]
    result = CliRunner().invoke(main, ["check", *args, "--format", "json", "--no-config"])
    assert result.exit_code in (0, 1), result.output
    return [f for f in every_finding(json.loads(result.stdout)) if f["rule"] == "unused-entry"]


def test_a_manuscripts_own_bib_lists_each_uncited_entry(write) -> None:  # type: ignore[no-untyped-def]
    ms = write("m.txt", MANUSCRIPT)
    bib = write("refs.bib", CITED + filler(5))
    found = check(ms, "--bib", bib)
    assert [f["key"] for f in found] == [f"other{i}" for i in range(5)]


def test_a_library_sized_bib_is_counted_in_one_finding(write) -> None:  # type: ignore[no-untyped-def]
    ms = write("m.txt", MANUSCRIPT)
    bib = write("library.bib", CITED + filler(60))
    [summary] = check(ms, "--bib", bib)
    assert "60 of the 62 entries" in summary["message"] and summary["message"].endswith("never cited")
    assert summary["severity"] == "warning" and summary["key"] is None
    assert summary["line"] == 4  # the first uncited entry: the two cited ones take lines 1-3
    assert summary["file"].endswith("library.bib")
    assert len(check(ms, "--bib", bib, "--unused-entries", "each")) == 60


def test_summary_can_be_forced_and_thresholds_hold(write) -> None:  # type: ignore[no-untyped-def]
    ms = write("m.txt", MANUSCRIPT)
    bib = write("refs.bib", CITED + filler(3))
    [summary] = check(ms, "--bib", bib, "--unused-entries", "summary")
    assert "3 of the 5 entries" in summary["message"]
    # below the minimum, or not most of the file: listed
    assert not is_library(LIBRARY_MIN_UNCITED - 1, LIBRARY_MIN_UNCITED)
    assert not is_library(LIBRARY_MIN_UNCITED, 2 * LIBRARY_MIN_UNCITED)
    assert is_library(LIBRARY_MIN_UNCITED, 2 * LIBRARY_MIN_UNCITED - 1)


def test_a_fully_cited_bib_has_no_summary_even_when_forced(write) -> None:  # type: ignore[no-untyped-def]
    ms = write("m.txt", MANUSCRIPT)
    assert check(ms, "--bib", write("refs.bib", CITED), "--unused-entries", "summary") == []


def test_each_bib_file_is_judged_on_its_own(write) -> None:  # type: ignore[no-untyped-def]
    ms = write("m.txt", MANUSCRIPT)
    own = write("refs.bib", CITED + filler(1, "forgotten"))
    library = write("library.bib", filler(80))
    found = check(ms, "--bib", own, "--bib", library)
    listed = [f for f in found if f["key"]]
    counted = [f for f in found if not f["key"]]
    assert [f["key"] for f in listed] == ["forgotten0"] and listed[0]["file"].endswith("refs.bib")
    assert len(counted) == 1 and "80 of the 80 entries" in counted[0]["message"]
    assert counted[0]["file"].endswith("library.bib") and counted[0]["line"] == 1


def test_deliberately_uncited_entries_are_not_counted(write, tmp_path) -> None:  # type: ignore[no-untyped-def]
    ms = write("m.txt", MANUSCRIPT)
    bib = write("library.bib", CITED + filler(80))
    config = write("srccheck.toml", "uncited = [" + ", ".join(f"'other{i}'" for i in range(20)) + "]\n"
                   "unused-entries = 'auto'\n")
    result = CliRunner().invoke(main, ["check", ms, "--bib", bib, "--config", config, "--format", "json"])
    findings = [f for f in every_finding(json.loads(result.stdout)) if f["rule"] == "unused-entry"]
    assert len(findings) == 1 and "60 of the 82 entries" in findings[0]["message"]


def test_the_configuration_can_ask_for_each_entry_and_rejects_bad_values(write) -> None:  # type: ignore[no-untyped-def]
    ms = write("m.txt", MANUSCRIPT)
    bib = write("library.bib", CITED + filler(60))
    each = write("each.toml", "unused-entries = 'each'\n")
    result = CliRunner().invoke(main, ["check", ms, "--bib", bib, "--config", each, "--format", "json"])
    assert len([f for f in every_finding(json.loads(result.stdout)) if f["rule"] == "unused-entry"]) == 60
    # the command line wins over the file
    result = CliRunner().invoke(main, ["check", ms, "--bib", bib, "--config", each, "--format", "json",
                                       "--unused-entries", "auto"])
    assert len([f for f in every_finding(json.loads(result.stdout)) if f["rule"] == "unused-entry"]) == 1
    bad = write("bad.toml", "unused-entries = 'some'\n")
    result = CliRunner().invoke(main, ["check", ms, "--bib", bib, "--config", bad])
    assert result.exit_code == 2 and "unused-entries" in result.output and "Traceback" not in result.output


def test_the_summary_keeps_its_baseline_fingerprint_as_entries_get_cited(write) -> None:  # type: ignore[no-untyped-def]
    from srccheck.model import Finding, Severity

    def summary(uncited: int):  # type: ignore[no-untyped-def]
        return Finding("unused-entry", Severity.WARNING, f"{uncited:,} of the 20,000 entries in lib.bib are never cited",
                       line=1, file="lib.bib")

    assert fingerprint(summary(19_969)) == fingerprint(summary(19_968))


# -- sources --uncited --------------------------------------------------------------------------


def test_sources_uncited_lists_the_uncited_entries_in_bib_order(write) -> None:  # type: ignore[no-untyped-def]
    ms = write("m.txt", MANUSCRIPT)
    bib = write("library.bib", filler(2, "early") + CITED + filler(60))
    result = CliRunner().invoke(main, ["sources", ms, "--bib", bib, "--uncited", "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert [r["key"] for r in rows] == ["early0", "early1", *[f"other{i}" for i in range(60)]]
    assert rows[0] == {"key": "early0", "author": "Writer0", "title": "Volume Number 0", "line": 1}
    assert rows[2]["line"] == 6
    table = list(csv.reader(io.StringIO(
        CliRunner().invoke(main, ["sources", ms, "--bib", bib, "--uncited", "--format", "csv"]).stdout)))
    assert table[0] == ["key", "author", "title", "line"] and table[1] == ["early0", "Writer0", "Volume Number 0", "1"]
    text = CliRunner().invoke(main, ["sources", ms, "--bib", bib, "--uncited"]).stdout
    assert text.splitlines()[0].split() == ["KEY", "AUTHOR", "TITLE", "LINE"] and len(text.splitlines()) == 63


def test_sources_uncited_when_everything_is_cited_or_without_a_bib(write) -> None:  # type: ignore[no-untyped-def]
    ms = write("m.txt", MANUSCRIPT)
    result = CliRunner().invoke(main, ["sources", ms, "--bib", write("refs.bib", CITED), "--uncited"])
    assert result.exit_code == 0 and result.stdout.strip() == "every one of the 2 entries is cited"
    empty = write("empty.bib", "% nothing yet\n")
    result = CliRunner().invoke(main, ["sources", ms, "--bib", empty, "--uncited"])
    assert result.exit_code == 0 and result.stdout.strip() == f"{empty} has no entries"
    assert CliRunner().invoke(main, ["sources", ms, "--bib", empty, "--uncited", "--format", "json"]).stdout.strip() == "[]"
    result = CliRunner().invoke(main, ["sources", ms, "--uncited"])
    assert result.exit_code == 2 and "--uncited needs --bib" in result.output


@pytest.mark.parametrize("mode", ["each", "summary"])
def test_modes_do_not_change_other_findings(write, mode: str) -> None:  # type: ignore[no-untyped-def]
    ms = write("m.txt", MANUSCRIPT + "3 Smith, History of Things.\n")
    bib = write("library.bib", CITED + filler(60))
    result = CliRunner().invoke(main, ["check", ms, "--bib", bib, "--format", "json", "--no-config",
                                       "--unused-entries", mode])
    others = [f["rule"] for f in every_finding(json.loads(result.stdout)) if f["rule"] != "unused-entry"]
    assert "missing-locator" in others


def test_bibliography_findings_name_the_bib_file_they_are_in(write) -> None:  # type: ignore[no-untyped-def]
    # two .bib files merged: each finding about an entry or a syntax problem names its own file and line
    ms = write("m.txt", MANUSCRIPT)
    own = write("refs.bib", CITED)
    more = write("more.bib", "@book{smith2001, title={Again}, year=2001}\n"
                             "@book{doe1999b, author={Doe, Jane}, title={Harbours of the North}, year=1999}\n"
                             "@book{broken, title={x}, title={y}}\n")
    result = CliRunner().invoke(main, ["check", ms, "--bib", own, "--bib", more, "--format", "json", "--no-config",
                                       "--unused-entries", "each"])
    found = {(f["rule"], f["key"], f["line"], f["file"].rsplit("/", 1)[-1] if f["file"] else None)
             for f in every_finding(json.loads(result.stdout)) if f["file"]}
    assert ("duplicate-entry", "smith2001", 1, "more.bib") in found  # the key clash, in the file that loses it
    assert ("duplicate-entry", "doe1999b", 2, "more.bib") in found  # same author, title and year as doe1999
    assert ("bib-parse-error", None, 3, "more.bib") in found
    assert ("unused-entry", "broken", 3, "more.bib") in found
