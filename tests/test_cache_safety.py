"""The cache never runs code from its files, never deletes what srccheck did not write, and is not used from a
folder others can write to. Every case runs the real command line with a time bound."""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import stat
from pathlib import Path

import pytest
from cli_harness import Snapshot, finished, make_project, one_line_error, run

from srccheck import cache


class Payload:
    """Unpickling this touches a marker file: evidence that a cache file ran code."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):  # type: ignore[no-untyped-def]
        return (os.system, (f"touch {self.marker}",))


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_project(tmp_path)


def _check(project: Path, cache_dir: Path, **env: str):
    return run("check", "ms.txt", "--bib", "refs.bib", "--no-config", "--format", "json", cwd=project,
               env={"SRCCHECK_CACHE_DIR": str(cache_dir), **env}, timeout=30)


def _slots(cache_dir: Path) -> list[Path]:
    return sorted(p for p in cache_dir.rglob("*.pickle") if p.is_file())


# --- code execution -------------------------------------------------------------------------------


def _forgeries(marker: Path) -> dict[str, bytes]:
    """What someone who can write the cache folder but does not hold the key can plant in a slot."""
    evil = pickle.dumps(Payload(marker))
    fingerprint = cache.fingerprint()
    return {
        "bare pickle": evil,
        # the format before the key: magic, code fingerprint, input digest, unkeyed checksum, payload
        "unkeyed checksum": b"srccheck-cache/1\n" + fingerprint + b"\0" * 32 + cache.digest(evil) + evil,
        "current magic, unkeyed checksum": cache._MAGIC + fingerprint + b"\0" * 32 + cache.digest(evil) + evil,
        "current magic, another key": cache._MAGIC + fingerprint + b"\0" * 32 +
        hashlib.blake2b(evil, key=b"guess", digest_size=32).digest() + evil,
        "json": json.dumps({"__reduce__": ["os.system", [f"touch {marker}"]]}).encode(),
        "msgpack-like": b"\x82\xa4type\xa6pickle\xa4data\xc4" + bytes([min(len(evil), 255)]) + evil[:255],
    }


@pytest.mark.parametrize("kind", ["bare pickle", "unkeyed checksum", "current magic, unkeyed checksum",
                                  "current magic, another key", "json", "msgpack-like"])
def test_a_planted_cache_file_never_runs_code(project: Path, tmp_path: Path, kind: str):
    cache_dir = tmp_path / "cache"
    cold = _check(project, cache_dir)
    assert cold.returncode == 0, cold.err
    slots = _slots(cache_dir)
    assert len(slots) == 3  # bib, manuscript, resolution
    marker = tmp_path / "pwned"
    forged = _forgeries(marker)[kind]
    if kind.startswith("current magic"):  # the right input digest too, so that only the key is missing
        for slot in slots:
            stored = slot.read_bytes()
            digest = stored[len(cache._MAGIC) + 32:len(cache._MAGIC) + 64]
            slot.write_bytes(forged.replace(b"\0" * 32, digest, 1))
    else:
        for slot in slots:
            slot.write_bytes(forged)
    warm = _check(project, cache_dir)
    assert not marker.exists(), f"a {kind} cache file ran code"
    assert warm.returncode == 0 and warm.stdout == cold.stdout, warm.err


@pytest.mark.parametrize("kind", ["fifo", "link to /dev/zero", "folder"])
def test_a_special_file_in_place_of_an_entry_is_passed_over(project: Path, tmp_path: Path, kind: str):
    cache_dir = tmp_path / "cache"
    cold = _check(project, cache_dir)
    for slot in _slots(cache_dir):
        slot.unlink()
        if kind == "fifo":
            os.mkfifo(slot)
        elif kind == "folder":
            slot.mkdir()
        else:
            slot.symlink_to("/dev/zero")
    warm = _check(project, cache_dir)
    assert warm.returncode == 0 and warm.stdout == cold.stdout, warm.err


def test_another_users_key_makes_the_entries_worthless(project: Path, tmp_path: Path):
    cache_dir = tmp_path / "cache"
    cold = _check(project, cache_dir, SRCCHECK_CACHE_KEY="alice")
    entries = {p: p.read_bytes() for p in _slots(cache_dir)}
    again = _check(project, cache_dir, SRCCHECK_CACHE_KEY="mallory")
    assert again.stdout == cold.stdout
    assert {p: p.read_bytes() for p in _slots(cache_dir)} != entries, "rebuilt, not reused"


def test_the_key_file_is_made_private_and_outside_the_cache(project: Path, tmp_path: Path):
    config_home = tmp_path / "config"
    cache_dir = tmp_path / "cache"
    env = {"SRCCHECK_CACHE_KEY": "", "XDG_CONFIG_HOME": str(config_home)}
    assert _check(project, cache_dir, **env).returncode == 0
    keys = [p for p in config_home.rglob("*") if p.is_file()]
    assert len(keys) == 1 and stat.S_IMODE(keys[0].stat().st_mode) == 0o600
    assert not list(cache_dir.rglob(keys[0].name))
    assert len(_slots(cache_dir)) == 3
    keys[0].chmod(0o644)  # readable by others: anyone could forge entries
    result = _check(project, cache_dir, **env)
    assert result.returncode == 0 and "warning" in result.err and str(keys[0]) in result.err


# --- the folder ----------------------------------------------------------------------------------


def test_a_folder_others_can_write_is_not_used(project: Path, tmp_path: Path):
    cache_dir = tmp_path / "shared"
    cache_dir.mkdir()
    cache_dir.chmod(0o777)
    result = _check(project, cache_dir)
    assert result.returncode == 0
    assert "warning" in result.err and "writable" in result.err and str(cache_dir) in result.err
    assert list(cache_dir.iterdir()) == []


def test_a_folder_owned_by_someone_else_is_not_used(project: Path, tmp_path: Path):
    if os.geteuid() != 0:
        pytest.skip("only root can give a folder away")
    cache_dir = tmp_path / "theirs"
    cache_dir.mkdir()
    os.chown(cache_dir, 65534, 65534)
    result = _check(project, cache_dir)
    assert result.returncode == 0 and "warning" in result.err and "owned" in result.err
    assert list(cache_dir.iterdir()) == []


def test_a_project_folder_is_not_used_as_a_cache(project: Path, tmp_path: Path):
    snap = Snapshot(project)
    result = _check(project, project)
    assert result.returncode == 0 and "not a srccheck cache" in result.err
    snap.assert_untouched()


# --- cache clear ---------------------------------------------------------------------------------


def test_clear_refuses_a_folder_that_is_not_a_srccheck_cache(tmp_path: Path):
    folder = tmp_path / "project"
    (folder / "data").mkdir(parents=True)
    (folder / "sub").mkdir()
    (folder / "data" / "model.pickle").write_bytes(b"weights")
    (folder / "sub" / "chapter3.tmp").write_text("draft", encoding="utf-8")
    (folder / "bib").mkdir()
    (folder / "bib" / ("0" * 32 + ".pickle")).write_bytes(b"looks like ours, is not")
    snap = Snapshot(folder)
    one_line_error(run("cache", "clear", env={"SRCCHECK_CACHE_DIR": str(folder)}), str(folder), "not a srccheck cache")
    snap.assert_untouched()


def test_clear_removes_only_what_srccheck_wrote(project: Path, tmp_path: Path):
    cache_dir = tmp_path / "cache"
    assert _check(project, cache_dir).returncode == 0
    slots = _slots(cache_dir)
    theirs = [cache_dir / "model.pickle", cache_dir / "bib" / "notes.pickle", cache_dir / "manuscript" / "x.tmp",
              cache_dir / "sub" / ("1" * 32 + ".pickle")]
    (cache_dir / "sub").mkdir()
    for path in theirs:
        path.write_bytes(b"mine")
    result = run("cache", "clear", env={"SRCCHECK_CACHE_DIR": str(cache_dir)})
    finished(result)
    assert result.returncode == 0 and "removed 3 files" in result.err
    assert not any(p.exists() for p in slots)
    assert all(p.read_bytes() == b"mine" for p in theirs)


def test_clear_of_a_missing_folder(tmp_path: Path):
    result = run("cache", "clear", env={"SRCCHECK_CACHE_DIR": str(tmp_path / "none")})
    assert result.returncode == 0 and "removed 0 files" in result.err
    assert not (tmp_path / "none").exists()


def test_clear_does_not_follow_links_out_of_the_cache(project: Path, tmp_path: Path):
    cache_dir = tmp_path / "cache"
    assert _check(project, cache_dir).returncode == 0
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / ("2" * 32 + ".pickle")).write_bytes(b"mine")
    (cache_dir / "bib" / ("3" * 32 + ".pickle")).symlink_to(elsewhere / ("2" * 32 + ".pickle"))
    snap = Snapshot(elsewhere)
    assert run("cache", "clear", env={"SRCCHECK_CACHE_DIR": str(cache_dir)}).returncode == 0
    snap.assert_untouched()
