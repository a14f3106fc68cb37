"""The on-disk cache: hits only for the same bytes and code, survives damage and concurrency, can be turned off."""

from __future__ import annotations

import multiprocessing
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from srccheck import bibliography, cache, pipeline, reuse
from srccheck.cli import main

BIB = """@book{kaya2001,
  author = {Kaya, Ali},
  title = {Osmanl{\\i} Liman Ticareti},
  publisher = {Tarih Yay{\\i}nlar{\\i}},
  year = {2001}
}
"""
MANUSCRIPT = "Text.1\n\n" + " " * 40 + "\n1 Ali Kaya, Osmanlı Liman Ticareti, Tarih Yayınları, 2001, s. 12.\n"


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("SRCCHECK_CACHE_DIR", str(folder))
    monkeypatch.delenv("SRCCHECK_NO_CACHE", raising=False)
    cache.set_enabled(True)
    return folder


def _refuse_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*args: object, **kwargs: object) -> None:
        raise AssertionError("parsed again instead of using the cache")

    monkeypatch.setattr(bibliography, "parse_bibliography", fail)
    monkeypatch.setattr(pipeline, "parse", fail)


def _files(folder: Path) -> list[Path]:
    """The entries (the folder's CACHEDIR.TAG aside)."""
    return sorted(p for p in folder.rglob("*") if p.is_file() and p.name != "CACHEDIR.TAG") if folder.exists() else []


def test_the_second_load_comes_from_the_cache_and_equals_the_first(cache_dir: Path, write, monkeypatch):
    path = write("refs.bib", BIB)
    first = reuse.load_bibliography(path)
    _refuse_parsing(monkeypatch)
    second = reuse.load_bibliography(path)
    assert second == first
    assert second.by_family == first.by_family  # the index is stored too, not rebuilt
    assert [p.suffix for p in _files(cache_dir)] == [".pickle"]


def test_a_manuscript_is_parsed_once(cache_dir: Path, write, monkeypatch):
    path = write("m.txt", MANUSCRIPT)
    first = reuse.load_parsed(path, pipeline.Options())
    assert first.citations
    _refuse_parsing(monkeypatch)
    second = reuse.load_parsed(path, pipeline.Options())
    assert (second.manuscript, second.text, second.language, second.citations) == \
        (first.manuscript, first.text, first.language, first.citations)
    with pytest.raises(AssertionError, match="parsed again"):
        reuse.load_parsed(path, pipeline.Options(language="en"))  # another option: another result


def test_an_edit_that_keeps_size_and_mtime_is_still_seen(cache_dir: Path, write):
    path = write("refs.bib", BIB)
    stat = os.stat(path)
    assert "kaya2001" in reuse.load_bibliography(path).entries
    Path(path).write_text(BIB.replace("kaya2001", "kaya2002"), encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert os.stat(path).st_size == stat.st_size
    assert list(reuse.load_bibliography(path).entries) == ["kaya2002"]


@pytest.mark.parametrize("damage", ["truncate", "flip", "garbage", "empty", "edit"])
def test_a_damaged_cache_file_is_rebuilt(cache_dir: Path, write, damage: str):
    path = write("refs.bib", BIB)
    expected = reuse.load_bibliography(path)
    [slot] = _files(cache_dir)
    blob = slot.read_bytes()
    slot.write_bytes({"truncate": blob[: len(blob) // 2],
                      "flip": blob[:-5] + bytes([blob[-5] ^ 0xFF]) + blob[-4:],
                      "garbage": os.urandom(len(blob)),
                      "empty": b"",
                      "edit": blob.replace(b"Kaya", b"Kayb")}[damage])  # still a valid pickle: only the checksum tells
    assert reuse.load_bibliography(path) == expected
    assert slot.read_bytes() == blob  # written again, whole


@pytest.mark.parametrize("damage", ["none", "truncate", "flip", "edit", "other code"])
def test_the_previous_version_of_an_edited_file_is_offered_only_when_sound(cache_dir: Path, write, monkeypatch,
                                                                          damage: str):
    path = write("m.txt", MANUSCRIPT)
    options = pipeline.Options()
    first = reuse.load_parsed(path, options)
    identity = reuse.manuscript_identity(path, options)
    [slot] = _files(cache_dir)
    blob = slot.read_bytes()
    if damage == "other code":
        monkeypatch.setattr(cache, "fingerprint", lambda: b"\x00" * 32)
    else:
        slot.write_bytes({"none": blob, "truncate": blob[: len(blob) // 2],
                          "flip": blob[:-5] + bytes([blob[-5] ^ 0xFF]) + blob[-4:],
                          "edit": blob.replace(b"Kaya", b"Kayb")}[damage])
    write("m.txt", MANUSCRIPT.replace("s. 12", "s. 13"))  # what the file now holds does not matter
    offered = cache.previous("manuscript", identity)
    assert offered == (first if damage == "none" else None)


def test_other_code_does_not_reuse_the_entry(cache_dir: Path, write, monkeypatch):
    path = write("refs.bib", BIB)
    reuse.load_bibliography(path)
    monkeypatch.setattr(cache, "fingerprint", lambda: b"\x00" * 32)
    calls = []
    real = bibliography.parse_bibliography
    monkeypatch.setattr(bibliography, "parse_bibliography", lambda *a: calls.append(a) or real(*a))
    reuse.load_bibliography(path)
    assert len(calls) == 1


def test_the_fingerprint_covers_the_source_files(tmp_path: Path):
    import shutil

    copy = tmp_path / "srccheck"
    shutil.copytree(Path(cache.__file__).parent, copy, ignore=shutil.ignore_patterns("__pycache__"))
    assert cache.sources_fingerprint(copy) == cache.fingerprint()
    (copy / "rules" / "unused_entry.py").write_text("# another rule\n", encoding="utf-8")
    edited = cache.sources_fingerprint(copy)
    (copy / "new_module.py").write_text("", encoding="utf-8")
    assert len({cache.fingerprint(), edited, cache.sources_fingerprint(copy)}) == 3


@pytest.mark.parametrize("how", ["env", "switch"])
def test_turned_off_it_neither_reads_nor_writes(cache_dir: Path, write, monkeypatch, how: str):
    path = write("refs.bib", BIB)
    if how == "env":
        monkeypatch.setenv("SRCCHECK_NO_CACHE", "1")
    else:
        cache.set_enabled(False)
    try:
        assert "kaya2001" in reuse.load_bibliography(path).entries
        assert _files(cache_dir) == []
    finally:
        cache.set_enabled(True)


def test_no_cache_flag_on_the_command_line(cache_dir: Path, write):
    bib, text = write("refs.bib", BIB), write("m.txt", MANUSCRIPT)
    result = CliRunner().invoke(main, ["check", text, "--bib", bib, "--no-config", "--no-cache", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert _files(cache_dir) == []
    cache.set_enabled(True)
    result = CliRunner().invoke(main, ["check", text, "--bib", bib, "--no-config", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert len(_files(cache_dir)) == 3  # the bibliography, the manuscript and its resolution against the bibliography


def test_an_unwritable_cache_folder_only_costs_time(tmp_path: Path, write, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be", encoding="utf-8")
    monkeypatch.setenv("SRCCHECK_CACHE_DIR", str(blocker / "srccheck"))
    bib, text = write("refs.bib", BIB), write("m.txt", MANUSCRIPT)
    result = CliRunner().invoke(main, ["check", text, "--bib", bib, "--no-config", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert blocker.read_text(encoding="utf-8").startswith("a file")


def test_unreadable_input_is_still_reported(cache_dir: Path, tmp_path: Path):
    result = CliRunner().invoke(main, ["check", str(tmp_path / "missing.txt"), "--bib", str(tmp_path / "x.bib"),
                                       "--no-config"])
    assert result.exit_code == 2
    assert "no such" in result.output


def test_the_default_folder_is_the_users_cache_folder(monkeypatch):
    monkeypatch.delenv("SRCCHECK_CACHE_DIR", raising=False)
    folder = cache.directory()
    assert folder.name == "srccheck" and folder.is_absolute()


def _load_in_child(path: str, folder: str, queue) -> None:  # type: ignore[no-untyped-def]
    os.environ["SRCCHECK_CACHE_DIR"] = folder
    queue.put(sorted(reuse.load_bibliography(path).entries))


def test_concurrent_runs_leave_one_whole_entry(cache_dir: Path, tmp_path: Path):
    entries = "".join(BIB.replace("kaya2001", f"kaya{i}") for i in range(300))
    path = tmp_path / "big.bib"
    path.write_text(entries, encoding="utf-8")
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    children = [context.Process(target=_load_in_child, args=(str(path), str(cache_dir), queue)) for _ in range(4)]
    for child in children:
        child.start()
    results = [queue.get(timeout=120) for _ in children]
    for child in children:
        child.join(timeout=120)
    expected = sorted(f"kaya{i}" for i in range(300))
    assert results == [expected] * 4
    files = _files(cache_dir)
    assert [p.suffix for p in files] == [".pickle"]  # no temporary file left behind
    assert sorted(reuse.load_bibliography(str(path)).entries) == expected


def test_cache_commands(cache_dir: Path, write):
    bib = write("refs.bib", BIB)
    reuse.load_bibliography(bib)
    shown = CliRunner().invoke(main, ["cache", "dir"])
    assert shown.exit_code == 0
    assert str(cache_dir) in shown.stdout and "1 file" in shown.stderr
    cleared = CliRunner().invoke(main, ["cache", "clear"])
    assert cleared.exit_code == 0 and "removed 1 file" in cleared.stderr
    assert _files(cache_dir) == []


def test_a_warm_run_prints_what_a_cold_one_does(cache_dir: Path, write):
    bib, text = write("refs.bib", BIB), write("m.txt", MANUSCRIPT)
    command = [sys.executable, "-m", "srccheck", "check", text, "--bib", bib, "--no-config", "--format", "json"]
    env = dict(os.environ, SRCCHECK_CACHE_DIR=str(cache_dir))
    cold = subprocess.run(command, capture_output=True, text=True, env=env)
    warm = subprocess.run(command, capture_output=True, text=True, env=env)
    off = subprocess.run(command + ["--no-cache"], capture_output=True, text=True, env=env)
    assert cold.returncode == warm.returncode == off.returncode == 0
    assert cold.stdout == warm.stdout == off.stdout and '"kaya2001"' in cold.stdout


def _allow_helpers(monkeypatch) -> list:  # type: ignore[no-untyped-def]
    from srccheck import runner

    started: list = []
    real_start = reuse.start_helper
    monkeypatch.setattr(reuse, "ASIDE_MANUSCRIPT_BYTES", 0)
    monkeypatch.setattr(reuse, "ASIDE_MANUSCRIPT_BYTES_SPAWNED", 0)
    monkeypatch.setattr(reuse, "ASIDE_BIB_BYTES", 0)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    monkeypatch.setattr(reuse, "start_helper", lambda *args: started.append(args[1:]) or real_start(*args))
    return started


def test_a_helper_parses_the_manuscript_while_the_bib_loads(cache_dir: Path, write, monkeypatch):
    from srccheck import runner
    from srccheck.config import Overrides

    others = "".join(BIB.replace("kaya2001", f"other{i}").replace("Kaya", f"Yazar{i}") for i in range(50))
    bib = write("refs.bib", BIB + others)
    text = write("m.txt", MANUSCRIPT)
    started = _allow_helpers(monkeypatch)
    [helped] = runner.check_files([text], Overrides(bib=(bib,)), no_config=True).outcomes
    assert [args[0] for args in started] == [text]
    assert len(_files(cache_dir / "bib")) == len(_files(cache_dir / "manuscript")) == 1
    cache.set_enabled(False)
    try:
        [alone] = runner.check_files([text], Overrides(bib=(bib,)), no_config=True).outcomes
    finally:
        cache.set_enabled(True)
    assert helped.report is not None and alone.report is not None
    assert helped.report.citations == alone.report.citations and helped.findings == alone.findings
    assert [res.key for _, res in helped.report.citations] == ["kaya2001"]
    started.clear()
    runner.check_files([text], Overrides(bib=(bib,)), no_config=True)
    assert started == []  # both cached now: nothing to do aside


@pytest.mark.parametrize("broken", ["bib", "manuscript"])
def test_what_the_helper_cannot_read_is_reported_by_the_main_process(cache_dir: Path, tmp_path: Path, write,
                                                                    monkeypatch, broken: str):
    bib, text = tmp_path / "refs.bib", tmp_path / "m.txt"
    bib.write_text(BIB, encoding="utf-8")
    text.write_text(MANUSCRIPT, encoding="utf-8")
    (bib if broken == "bib" else text).write_bytes(b"\x00\x01\x02binary" * 1000)
    started = _allow_helpers(monkeypatch)
    result = CliRunner().invoke(main, ["check", str(text), "--bib", str(bib), "--no-config"])
    assert started
    assert result.exit_code == 2
    assert ("refs.bib: " if broken == "bib" else "m.txt: ") in result.output and "Traceback" not in result.output


def test_a_new_bib_is_stored_in_the_background_and_complete_after_wait(cache_dir: Path, write):
    path = write("refs.bib", BIB)
    loaded = reuse.load_bibliography(path, background=True)
    cache.wait()
    [slot] = _files(cache_dir)
    assert slot.suffix == ".pickle"
    assert reuse.load_bibliography(path) == loaded
    assert cache._writers == []
