"""Baselines: fingerprints survive renumbered notes and moved lines; only new findings are reported."""

from __future__ import annotations

import json
import re
from pathlib import Path

from click.testing import CliRunner
from conftest import ROOT, every_finding

from srccheck.baseline import Baseline, fingerprint
from srccheck.cli import main
from srccheck.model import Finding, Severity

BIB = (ROOT / "tests" / "fixtures" / "output" / "refs.bib").read_text(encoding="utf-8")
SEPARATOR = "\n                                        \n"

BEFORE = ("A claim supported by a book.1 A second claim, from the same book.2 A third\n"
          "claim whose source is not in the bibliography.3\n" + SEPARATOR +
          "1 John Smith, The History of Things, Penguin, London, 2001, p. 45.\n"
          "2 Smith, History of Things.\n"
          "3 Jane Roe, A Book Nobody Listed, Oxford, 1999, p. 12.\n")

# A new opening paragraph with its own (clean) note, so every old note is renumbered and
# every line moves; and one new problem at the end (a second unlisted book).
AFTER = ("An opening paragraph added in revision, with a note.1\n\n"
         "A claim supported by a book.2 A second claim, from the same book.3 A third\n"
         "claim whose source is not in the bibliography.4 And a new claim.5\n" + SEPARATOR +
         "1 John Smith, The History of Things, Penguin, London, 2001, p. 3.\n"
         "2 Smith, History of Things, 45.\n"
         "3 Smith, History of Things.\n"
         "4 Jane Roe, A Book Nobody Listed, Oxford, 1999, p. 12.\n"
         "5 Max Mustermann, Ein Anderes Buch, Berlin, 2005, p. 7.\n")


def invoke(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, ["check", *args, "--no-config"])


def test_round_trip_reports_only_the_new_problem(tmp_path: Path) -> None:
    ms, bib, base = tmp_path / "article.txt", tmp_path / "refs.bib", tmp_path / "baseline.json"
    ms.write_text(BEFORE, encoding="utf-8")
    bib.write_text(BIB, encoding="utf-8")
    wrote = invoke(str(ms), "--bib", str(bib), "--baseline", str(base), "--write-baseline")
    assert wrote.exit_code == 0, wrote.output
    assert "wrote 3 findings" in wrote.stderr
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".srccheck")] == []  # temp file replaced
    data = json.loads(base.read_text(encoding="utf-8"))
    # the bibliography's own findings are kept under the .bib, the manuscript's under the manuscript
    assert {row["file"] for row in data["findings"]} == {"article.txt", "refs.bib"}

    assert invoke(str(ms), "--bib", str(bib), "--baseline", str(base)).exit_code == 0

    ms.write_text(AFTER, encoding="utf-8")
    plain = every_finding(json.loads(invoke(str(ms), "--bib", str(bib), "--format", "json").stdout))
    assert len(plain) == 4  # the three old problems (renumbered, moved) and the new one
    result = invoke(str(ms), "--bib", str(bib), "--baseline", str(base), "--format", "json")
    findings = every_finding(json.loads(result.stdout))
    assert [(f["rule"], f["note"]) for f in findings] == [("unresolved-citation", 5)]
    assert "Mustermann" in findings[0]["message"]
    assert result.exit_code == 1
    hidden = [int(n) for n in re.findall(r"\((\d+) in the baseline not shown\)", result.stderr)]
    assert sum(hidden) == 3, result.stderr


def test_fingerprint_ignores_numbers_but_counts_repeats(tmp_path: Path) -> None:
    a = Finding("missing-locator", Severity.INFO, "note 2: no page given in “Smith, History”", note=2, line=6)
    b = Finding("missing-locator", Severity.INFO, "note 31: no page given in  “Smith, History”", note=31, line=99)
    c = Finding("missing-locator", Severity.INFO, "note 2: no page given in “Jones, Other”", note=2, line=6)
    assert fingerprint(a) == fingerprint(b) != fingerprint(c)
    baseline = Baseline({"m.txt": {fingerprint(a): 1}}, str(tmp_path / "b.json"))  # type: ignore[dict-item]
    assert baseline.new_findings(str(tmp_path / "m.txt"), [a, b]) == [b]  # one accepted, the second is new


def test_write_baseline_never_overwrites_an_input(tmp_path: Path) -> None:
    ms, bib = tmp_path / "article.txt", tmp_path / "refs.bib"
    ms.write_text(BEFORE, encoding="utf-8")
    bib.write_text(BIB, encoding="utf-8")
    for target in (ms, bib):
        before = target.read_bytes()
        result = invoke(str(ms), "--bib", str(bib), "--baseline", str(target), "--write-baseline")
        assert result.exit_code == 2 and "is an input" in result.stderr
        assert target.read_bytes() == before


def test_bad_or_missing_baseline_is_exit_two(tmp_path: Path) -> None:
    ms, bib = tmp_path / "article.txt", tmp_path / "refs.bib"
    ms.write_text(BEFORE, encoding="utf-8")
    bib.write_text(BIB, encoding="utf-8")
    missing = invoke(str(ms), "--bib", str(bib), "--baseline", str(tmp_path / "none.json"))
    assert missing.exit_code == 2 and "no such baseline" in missing.stderr
    (tmp_path / "bad.json").write_text("[1, 2]")
    bad = invoke(str(ms), "--bib", str(bib), "--baseline", str(tmp_path / "bad.json"))
    assert bad.exit_code == 2 and "not a srccheck baseline" in bad.stderr
    assert "Traceback" not in missing.output + bad.output
    assert invoke(str(ms), "--bib", str(bib), "--write-baseline").exit_code == 2
