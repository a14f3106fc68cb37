"""tools/score_corpus.py: which cases it scores, and what it counts."""

from __future__ import annotations

import json
from pathlib import Path

from score_corpus import Score, cases, main, score_case


def _case(folder: Path) -> Path:
    folder.mkdir(parents=True)
    (folder / "expected.json").write_text("{}", encoding="utf-8")
    return folder


def test_a_holdout_folder_is_scored_only_when_named(tmp_path: Path):
    dev = _case(tmp_path / "dev" / "a")
    held_b = _case(tmp_path / "held" / "b")
    held_c = _case(tmp_path / "held" / "sub" / "c")
    (tmp_path / "held" / "HOLDOUT").write_text("hold-out\n", encoding="utf-8")
    assert cases([tmp_path]) == [dev]
    assert cases([tmp_path / "held"]) == [held_b, held_c]
    assert cases([tmp_path / "held" / "sub"]) == [held_c]


def test_false_alarms_per_thousand_citations():
    assert Score(false_alarms=3, pages_total=1500).alarms_per_1000 == 2.0
    assert Score().alarms_per_1000 == 0.0


def test_injected_findings_are_counted_apart_and_a_tex_manuscript_is_scored(tmp_path: Path, capsys):
    case = tmp_path / "set" / "one"
    case.mkdir(parents=True)
    (case / "refs.bib").write_text("@book{smith2001, author={Smith, John}, title={A History of Things},"
                                   " publisher={P}, address={London}, year={2001}}\n", encoding="utf-8")
    (case / "manuscript.tex").write_text("\\documentclass{article}\\begin{document}\n"
                                         "Text.\\footnote{\\cite[12]{smith2001}.}\n\\end{document}\n",
                                         encoding="utf-8")
    expected = {"notes": {"1": [{"key": "smith2001", "pages": [[12, 12]]}]},
                "findings": [{"rule": "no-such-rule", "note": 1, "injected": True}], "pool": "p"}
    (case / "expected.json").write_text(json.dumps(expected), encoding="utf-8")
    score = score_case(case / "manuscript.tex", expected, case / "refs.bib")
    assert (score.tp, score.pages_ok, score.injected_total, score.injected_found) == (1, 1, 1, 0)
    assert main([str(tmp_path / "set"), "-q", "--by", "pool", "--kinds", "3"]) == 0
    out = capsys.readouterr().out
    assert "by pool:" in out and "injected 0/1" in out and "missed finding: no-such-rule" in out
