"""Output files (--write-baseline, bib draft -o): nothing srccheck did not create is ever lost or altered.

Every case runs the real command line with a time bound and snapshots the folder before and after:
a refused write is exit 2 with one line on stderr and leaves every file as it was (bytes, mode, inode).
"""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest
from cli_harness import BIB, MANUSCRIPT, ROOT, Snapshot, finished, make_project, one_line_error, run


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_project(tmp_path, library_bib=BIB.replace("smith2001", "shared2001"))


def _baseline(project: Path, target: str, *extra: str, stdin: bytes | None = None, manuscript: str = "ms.txt"):
    return run("check", manuscript, "--bib", "refs.bib", "--no-config", "--baseline", target, "--write-baseline",
               *extra, cwd=project, stdin=stdin, timeout=30)


# --- --write-baseline ---------------------------------------------------------------------------


def test_baseline_never_overwrites_the_manuscript_read_from_stdin(project: Path):
    snap = Snapshot(project)
    with open(project / "ms.txt", "rb") as handle:
        result = run("check", "-", "--bib", "refs.bib", "--no-config", "--baseline", "ms.txt", "--write-baseline",
                     "--force", cwd=project, stdin=handle.fileno(), timeout=30)
    one_line_error(result, "ms.txt", "input")
    snap.assert_untouched()


def test_baseline_never_overwrites_an_unrelated_file_without_force(project: Path):
    snap = Snapshot(project)
    one_line_error(_baseline(project, "library.bib"), "library.bib", "--force")
    snap.assert_untouched()


def test_baseline_overwrites_an_unrelated_file_with_force_and_keeps_its_mode(project: Path):
    os.chmod(project / "library.bib", 0o640)
    result = _baseline(project, "library.bib", "--force")
    assert result.returncode == 0, result.err
    assert json.loads((project / "library.bib").read_text())["tool"] == "srccheck"
    assert stat.S_IMODE(os.stat(project / "library.bib").st_mode) == 0o640


def test_baseline_replaces_its_own_kind_and_keeps_its_mode(project: Path):
    assert _baseline(project, "base.json").returncode == 0
    os.chmod(project / "base.json", 0o664)
    (project / "ms.txt").write_text(MANUSCRIPT + "2 Unknown, Nothing, s. 3.\n", encoding="utf-8")
    assert _baseline(project, "base.json").returncode == 0, "a baseline may replace a baseline"
    assert stat.S_IMODE(os.stat(project / "base.json").st_mode) == 0o664
    assert [p.name for p in project.iterdir() if p.name.startswith(".")] == [], "no temporary file left"


def test_a_new_baseline_gets_the_usual_permissions(project: Path):
    assert _baseline(project, "base.json").returncode == 0
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(os.stat(project / "base.json").st_mode) == 0o666 & ~umask


@pytest.mark.parametrize("force", [False, True])
def test_baseline_never_writes_through_a_symlink(project: Path, force: bool):
    (project / "link.json").symlink_to(project / "library.bib")
    snap = Snapshot(project)
    one_line_error(_baseline(project, "link.json", *(["--force"] if force else [])), "link.json", "link")
    snap.assert_untouched()


@pytest.mark.parametrize("force", [False, True])
def test_baseline_never_writes_into_a_fifo(project: Path, force: bool):
    os.mkfifo(project / "pipe.json")
    snap = Snapshot(project)
    one_line_error(_baseline(project, "pipe.json", *(["--force"] if force else [])), "pipe.json", "regular file")
    snap.assert_untouched()


def test_baseline_never_writes_to_a_device(project: Path):
    one_line_error(_baseline(project, "/dev/null", "--force"), "/dev/null", "regular file")


def test_baseline_never_overwrites_the_bib_or_the_configuration(project: Path):
    (project / "srccheck.toml").write_text('bib = "refs.bib"\n', encoding="utf-8")
    snap = Snapshot(project)
    for target in ("refs.bib", "srccheck.toml"):
        result = run("check", "ms.txt", "--baseline", target, "--write-baseline", "--force", cwd=project)
        one_line_error(result, target, "input")
    snap.assert_untouched()


def test_baseline_refuses_a_hard_link_to_an_input(project: Path):
    os.link(project / "ms.txt", project / "alias.json")
    snap = Snapshot(project)
    one_line_error(_baseline(project, "alias.json", "--force"), "alias.json", "input")
    snap.assert_untouched()


# --- bib draft -o -------------------------------------------------------------------------------


def _draft(project: Path, output: str, *extra: str, stdin: int | bytes | None = None, manuscript: str = "ms.txt"):
    return run("bib", "draft", manuscript, "-o", output, *extra, cwd=project, stdin=stdin, timeout=30)


@pytest.mark.parametrize("force", [False, True])
def test_draft_never_writes_through_a_symlink(project: Path, force: bool):
    (project / "draft.bib").symlink_to(project / "library.bib")
    snap = Snapshot(project)
    one_line_error(_draft(project, "draft.bib", *(["--force"] if force else [])), "draft.bib", "link")
    snap.assert_untouched()


def test_draft_never_overwrites_the_manuscript_read_from_stdin(project: Path):
    snap = Snapshot(project)
    with open(project / "ms.txt", "rb") as handle:
        result = _draft(project, "ms.txt", "--force", manuscript="-", stdin=handle.fileno())
    one_line_error(result, "ms.txt", "input")
    snap.assert_untouched()


def test_draft_never_writes_into_a_fifo_or_a_device(project: Path):
    os.mkfifo(project / "pipe.bib")
    snap = Snapshot(project)
    one_line_error(_draft(project, "pipe.bib", "--force"), "pipe.bib", "regular file")
    one_line_error(_draft(project, "/dev/null", "--force"), "/dev/null", "regular file")
    snap.assert_untouched()


def test_draft_without_force_leaves_an_existing_file(project: Path):
    snap = Snapshot(project)
    one_line_error(_draft(project, "library.bib"), "library.bib", "--force")
    snap.assert_untouched()


def test_draft_with_force_replaces_a_file_and_keeps_its_mode(project: Path):
    os.chmod(project / "library.bib", 0o644)
    inode = os.stat(project / "library.bib").st_ino
    result = _draft(project, "library.bib", "--force")
    assert result.returncode == 0, result.err
    text = (project / "library.bib").read_text(encoding="utf-8")
    assert text.startswith("% BibTeX draft written by srccheck") and "@book{" in text
    assert stat.S_IMODE(os.stat(project / "library.bib").st_mode) == 0o644
    assert os.stat(project / "library.bib").st_ino != inode, "replaced atomically (a new file renamed over)"


def test_root_replacing_a_users_file_keeps_its_owner(project: Path):
    if os.geteuid() != 0:
        pytest.skip("only root can write a file that is another user's")
    os.chown(project / "library.bib", 65534, 65534)
    assert _draft(project, "library.bib", "--force").returncode == 0
    st = os.stat(project / "library.bib")
    assert (st.st_uid, st.st_gid) == (65534, 65534)


def test_a_dash_is_standard_output_for_the_draft_and_no_file_for_the_baseline(project: Path):
    snap = Snapshot(project)
    drafted = _draft(project, "-")
    assert drafted.returncode == 0 and "@book{" in drafted.out
    one_line_error(_baseline(project, "-"), "standard output")
    snap.assert_untouched()


def test_draft_into_a_missing_folder(project: Path):
    snap = Snapshot(project)
    one_line_error(_draft(project, "nowhere/draft.bib"), "nowhere")
    snap.assert_untouched()


def test_a_refused_output_leaves_nothing_behind_in_a_read_only_folder(project: Path):
    if os.geteuid() == 0:
        pytest.skip("root writes into read-only folders")
    folder = project / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        one_line_error(_draft(project, "ro/draft.bib"), "ro/draft.bib")
    finally:
        folder.chmod(0o755)
    assert list(folder.iterdir()) == []


def test_the_sample_draft_still_goes_to_stdout(project: Path):
    result = run("bib", "draft", str(ROOT / "article.txt"), timeout=30)
    finished(result)
    assert result.returncode == 0 and "@book{" in result.out
