"""GitHub Actions workflow commands: `::error file=…,line=…,title=…::message` annotations.

GitHub shows at most ten annotations of each level (error, warning, notice) per step, so the
errors come first, each level's first ten are annotations, the rest are plain lines of the log,
and a last line says how many findings were not annotated. When $GITHUB_STEP_SUMMARY is set,
the Markdown report (findings and sources) is appended to the job summary as well.

Escaping follows the runner's rules: in the message `%`, CR and LF are percent-encoded; in
property values `:` and `,` are too, since they separate properties. Control characters from
the manuscript are shown escaped (sanitize.py) before that.
"""

from __future__ import annotations

import os
from typing import TextIO

from ..model import Results, Severity
from . import RenderOptions, ordered, position, rule_codes
from .sanitize import visible

_COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
SHOWN_PER_LEVEL = 10  # what GitHub shows of each level in one step


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def write(results: Results, out: TextIO, options: RenderOptions) -> None:
    codes = rule_codes()
    shown = {level: 0 for level in Severity}
    not_shown = 0
    for report, f in ordered(results):
        path, kind, number = position(report, f)
        code = codes.get(f.rule, "SC000")
        message = visible(f.message) + (f"\n→ {visible(f.suggestion)}" if f.suggestion else "")
        if shown[f.severity] >= SHOWN_PER_LEVEL:
            not_shown += 1
            where = f"{visible(path)}:{number}" if number and kind == "line" else visible(path) + \
                (f" ({kind} {number})" if number else "")
            out.write(f"{where}: {f.severity.value}: {code} [{f.rule}] {' '.join(message.split())}\n")
            continue
        shown[f.severity] += 1
        props = [f"file={escape_property(visible(path))}"]
        if number and kind == "line":
            props.append(f"line={number}")
        title = f"{code} {f.rule}" + (f" ({kind} {number})" if number and kind != "line" else "")
        props.append(f"title={escape_property(title)}")
        out.write(f"::{_COMMAND[f.severity]} {','.join(props)}::{escape_data(message)}\n")
    if not_shown:
        out.write(f"{not_shown} more finding{'' if not_shown == 1 else 's'} not shown as annotations (GitHub shows "
                  f"{SHOWN_PER_LEVEL} of each level per step): listed above"
                  + (" and in the job summary" if os.environ.get("GITHUB_STEP_SUMMARY") else "") + "\n")
    _step_summary(results)


def _step_summary(results: Results) -> None:
    """Append the Markdown report to the job summary file GitHub names (nothing when it names none); a summary
    that cannot be written is one line on stderr, the annotations stand."""
    import io
    import sys

    from ..errors import InputError
    from ..safe_output import append_text
    from .markdown import write as markdown

    target = os.environ.get("GITHUB_STEP_SUMMARY")
    if not target:
        return
    text = io.StringIO()
    markdown(results, text)
    inputs = [*(r.manuscript.path for r in results.reports), *(p for w in results.works for p in w.bib_paths),
              *(path for path, _ in results.errors)]
    try:
        append_text(target, text.getvalue() + "\n", inputs=inputs, what="job summary")
    except InputError as exc:
        print(f"srccheck: {visible(str(exc))}", file=sys.stderr)
