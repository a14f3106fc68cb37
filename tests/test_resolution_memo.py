"""Resolutions kept between runs (resolve/memo.py, reuse.resolution): a re-check takes what did not change and
gives exactly what a fresh check gives, also when an edit changes what later notes refer to."""

from __future__ import annotations

from click.testing import CliRunner

from srccheck.bibliography import parse_bibliography
from srccheck.cli import main
from srccheck.manuscript.pdftext import read_pdf_text
from srccheck.pipeline import parse, resolve_notes

BIB = """
@book{karabekir2008, author={Karabekir, Kazım}, title={İstiklal Harbimiz}, publisher={Yapı Kredi}, year=2008}
@book{gurun1991, author={Gürün, Kamuran}, title={Türk-Sovyet İlişkileri}, publisher={TTK}, year=1991}
@book{aslan2004, author={Aslan, Betül}, title={Türkiye Azerbaycan İlişkileri}, year=2004}
"""
NOTES = ["Kazım Karabekir, İstiklal Harbimiz, Yapı Kredi, İstanbul, 2008, s. 80.",
         "a.g.e., s. 81.",
         "Kamuran Gürün, Türk-Sovyet İlişkileri, TTK, Ankara, 1991, s. 21.",
         "Karabekir, a.g.e., s. 12.",
         "a.g.e., s. 13.",
         "Betül Aslan, Türkiye Azerbaycan İlişkileri, Ankara, 2004, s. 5."]


def text(notes: list[str]) -> str:
    body = " ".join(f"Claim.{i}" for i in range(1, len(notes) + 1))
    return body + "\n\n" + " " * 40 + "\n" + "\n".join(f"{i} {t}" for i, t in enumerate(notes, 1)) + "\n"


def run(notes: list[str], earlier=None):  # type: ignore[no-untyped-def]
    bib = parse_bibliography(BIB)
    bib.digest = b"bib"
    parsed = parse(read_pdf_text(text(notes), "m.txt"), "", "tr")
    resolved: list[int] = []
    from srccheck.resolve.reading import NoteReader

    real = NoteReader.read

    def counting(self, note, citations):  # type: ignore[no-untyped-def]
        resolved.append(note.number)
        return real(self, note, citations)

    NoteReader.read = counting  # type: ignore[method-assign]
    try:
        memo = resolve_notes(parsed.citations, bib, parsed.manuscript, parsed.abbreviations, "tr",
                             parsed.parsed_per_note, earlier=earlier)
    finally:
        NoteReader.read = real  # type: ignore[method-assign]
    return memo, resolved


def keys(memo) -> list[tuple[int, str | None, int]]:  # type: ignore[no-untyped-def]
    return [(c.note, r.key, c.line) for c, r in memo.pairs]


def test_an_unchanged_manuscript_resolves_nothing_again() -> None:
    first, _ = run(NOTES)
    again, resolved = run(NOTES, first)
    assert resolved == [] and keys(again) == keys(first)


def test_an_edited_note_is_resolved_again_and_what_follows_it_only_if_its_history_changed() -> None:
    first, _ = run(NOTES)
    edited = [*NOTES[:5], NOTES[5].replace("s. 5", "s. 6")]
    again, resolved = run(edited, first)
    assert resolved == [6]
    assert keys(again) == keys(run(edited)[0])
    # note 3 now cites Aslan: note 4's "Karabekir, a.g.e." is the same, note 5's bare a.g.e. too, but the set of
    # works cited before notes 4-6 changed, so they are resolved again, and give what a fresh run gives
    edited = [*NOTES[:2], "Betül Aslan, Türkiye Azerbaycan İlişkileri, Ankara, 2004, s. 7.", *NOTES[3:]]
    again, resolved = run(edited, first)
    fresh, _ = run(edited)
    assert keys(again) == keys(fresh)
    assert 1 not in resolved and 2 not in resolved and 3 in resolved


def test_another_bibliography_takes_nothing(tmp_path) -> None:  # type: ignore[no-untyped-def]
    first, _ = run(NOTES)
    first.bib_digest = b"another"
    _, resolved = run(NOTES, first)
    assert resolved == [1, 2, 3, 4, 5, 6]


def test_a_cached_check_prints_what_a_fresh_one_prints(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("SRCCHECK_CACHE_DIR", str(tmp_path / "cache"))
    bib = tmp_path / "refs.bib"
    bib.write_text(BIB, encoding="utf-8")
    manuscript = tmp_path / "m.txt"
    args = ["check", str(manuscript), "--bib", str(bib), "--no-config", "--format", "json", "--language", "tr"]
    for notes in (NOTES, NOTES, [*NOTES[:2], NOTES[5], *NOTES[3:]], NOTES):
        manuscript.write_text(text(notes), encoding="utf-8")
        cached = CliRunner().invoke(main, args)
        fresh = CliRunner().invoke(main, [*args, "--no-cache"])
        assert cached.exit_code == fresh.exit_code and cached.stdout == fresh.stdout
