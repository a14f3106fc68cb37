"""An edited manuscript: the notes that did not change keep their earlier parse, and the result is
exactly what parsing the edited file afresh gives."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ROOT

from srccheck import citations as parser
from srccheck.cli import main
from srccheck.manuscript import parse_bytes_with_text
from srccheck.pipeline import Parsed, parse

CORPUS = ROOT / "tests" / "corpus"
MANUSCRIPTS = [
    ROOT / "article.txt",
    CORPUS / "handmade" / "de-history" / "manuscript.txt",
    CORPUS / "handmade" / "mixed-faults" / "manuscript.txt",
    CORPUS / "rendered" / "chicago-notes-bibliography" / "manuscript.md",
    CORPUS / "holdout" / "oscola" / "manuscript.txt",
]


def parsed(path: Path, text: str, earlier: Parsed | None = None) -> Parsed:
    return parse(*parse_bytes_with_text(text.encode("utf-8"), str(path)), None, earlier)


def edits(path: Path, original: Parsed) -> dict[str, str]:
    """Several edits of the file: one note's text changed, lines inserted above everything, a note's
    line dropped, and the language-relevant apparatus left alone."""
    text = path.read_text(encoding="utf-8")
    lines = text.split("\n")
    notes = original.manuscript.notes
    middle = notes[len(notes) // 2]
    changed = list(lines)
    row = changed[middle.line - 1]
    digit = next((i for i in range(len(row) - 1, -1, -1) if row[i].isdigit()), None)
    changed[middle.line - 1] = row[:digit] + str((int(row[digit]) + 1) % 10) + row[digit + 1:] if digit is not None \
        else row + " x"
    dropped = [line for i, line in enumerate(lines, 1) if i != notes[1].line]
    # a citation that starts on a note's second line moved up to the end of the first (an empty line kept in
    # its place): the same note text, the citation on another line
    rewrapped = list(lines)
    for c in original.citations:
        note = next(n for n in notes if n.number == c.note)
        if c.line > note.line and (c.line - 1) in {ln for _, ln in note.line_starts}:
            above = c.line - 2
            rewrapped[above:above + 2] = [rewrapped[above].rstrip() + " " + rewrapped[above + 1].lstrip(), ""]
            break
    return {
        "a note rewrapped": "\n".join(rewrapped),
        "one note changed": "\n".join(changed),
        "lines inserted at the top": "\n\n\n" + text if path.suffix == ".txt" else text.replace("\n\n", "\n\n\n\n", 1),
        "a note line dropped": "\n".join(dropped),
        "unchanged": text,
    }


@pytest.mark.parametrize("path", MANUSCRIPTS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_reusing_an_earlier_parse_gives_what_a_fresh_parse_gives(path: Path) -> None:
    original = parsed(path, path.read_text(encoding="utf-8"))
    assert original.citations
    for name, text in edits(path, original).items():
        fresh = parsed(path, text)
        reused = parsed(path, text, earlier=original)
        assert reused.citations == fresh.citations, name
        assert reused.parsed_per_note == fresh.parsed_per_note, name
        assert (reused.language, reused.abbreviations) == (fresh.language, fresh.abbreviations), name


def test_only_the_changed_note_is_parsed_again(monkeypatch: pytest.MonkeyPatch) -> None:
    path = ROOT / "article.txt"
    original = parsed(path, path.read_text(encoding="utf-8"))
    text = edits(path, original)["one note changed"]
    seen: list[int] = []
    real = parser.parse_note

    def counting(note, grammar, sigla):  # type: ignore[no-untyped-def]
        seen.append(note.number)
        return real(note, grammar, sigla)

    monkeypatch.setattr(parser, "parse_note", counting)
    parsed(path, text, earlier=original)
    assert seen == [original.manuscript.notes[len(original.manuscript.notes) // 2].number]
    seen.clear()
    parsed(path, text)
    assert len(seen) == len(original.manuscript.notes)


def test_another_language_parses_everything_again(monkeypatch: pytest.MonkeyPatch) -> None:
    path = ROOT / "article.txt"
    text = path.read_text(encoding="utf-8")
    original = parsed(path, text)
    seen: list[int] = []
    real = parser.parse_note
    monkeypatch.setattr(parser, "parse_note", lambda note, g, s: seen.append(note.number) or real(note, g, s))
    again = parse(*parse_bytes_with_text(text.encode("utf-8"), str(path)), "en", original)
    assert len(seen) == len(original.manuscript.notes) and again.language == "en"


def test_checking_an_edited_file_with_the_cache_matches_a_run_without_it(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("SRCCHECK_CACHE_DIR", str(tmp_path / "cache"))
    manuscript = tmp_path / "article.txt"
    original = (ROOT / "article.txt").read_text(encoding="utf-8")
    manuscript.write_text(original, encoding="utf-8")
    args = ["check", str(manuscript), "--bib", str(ROOT / "refs.bib"), "--format", "json", "--no-config"]
    CliRunner().invoke(main, args)  # fills the cache with the original's parse
    first = parsed(manuscript, original)
    for name, text in edits(manuscript, first).items():
        manuscript.write_text(text, encoding="utf-8")
        cached = CliRunner().invoke(main, args)
        fresh = CliRunner().invoke(main, [*args, "--no-cache"])
        assert cached.exit_code == fresh.exit_code, name
        assert json.loads(cached.stdout) == json.loads(fresh.stdout), name
