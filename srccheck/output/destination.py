"""Where a report goes when it is not stdout: `check --output-file FILE`.

The one place a report file is written, so that how it is written can change in one place.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterable
from typing import TextIO

from ..errors import InputError


def write_report_file(path: str, render: Callable[[TextIO], None], inputs: Iterable[str] = ()) -> None:
    """Render into a temporary file beside `path`, then rename it over `path`: a reader sees the old report
    or the new one, never half of one, and a failed run leaves the old one. Never over a folder or an input
    of the run (a manuscript, a .bib, the configuration)."""
    if os.path.isdir(path):
        raise InputError(f"{path}: is a directory; --output-file needs a file name")
    if os.path.exists(path):
        for source in inputs:
            if source != "-" and os.path.exists(source) and os.path.samefile(source, path):
                raise InputError(f"{path}: is an input of this run; choose another --output-file")
    folder = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(folder):
        raise InputError(f"{path}: folder {folder} does not exist")
    try:
        fd, temp = tempfile.mkstemp(prefix=".srccheck-report-", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise InputError(f"{path}: cannot write the report ({exc.strerror})") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            render(handle)
        os.chmod(temp, 0o666 & ~_umask())  # as an ordinary new file would be, not mkstemp's 0600
        os.replace(temp, path)
    except OSError as exc:
        try:
            os.unlink(temp)
        except OSError:
            pass
        raise InputError(f"{path}: cannot write the report ({exc.strerror})") from None
    except BaseException:
        os.unlink(temp)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
