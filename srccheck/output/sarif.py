"""SARIF 2.1.0: every rule with its documentation, every finding as a result with a location.

URIs are the paths as given (relative ones stay relative, with '/'), which is what
code-scanning uploads expect for files in the repository.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import PureWindowsPath
from typing import Any, TextIO

from ..model import Results, Severity
from . import RenderOptions, position
from .pretty_json import dumps

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def _uri(path: str) -> str:
    return PureWindowsPath(path).as_posix() if "\\" in path else path


def _rule(rule: Any) -> dict[str, Any]:
    doc = rule.doc.strip()
    body = doc.split("\n", 1)[1].strip() if "\n" in doc else doc
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": body},
        "help": {"text": doc},
        "defaultConfiguration": {"level": LEVEL[rule.severity]},
        "properties": {"tags": ["srccheck"]},
    }


def to_dict(results: Results) -> dict[str, Any]:
    from .. import __version__
    from ..baseline import fingerprint
    from ..rules import all_rules

    rules = all_rules()
    index = {r.name: i for i, r in enumerate(rules)}
    out = []
    for report, f in results.findings:
        path, kind, number = position(report, f)
        physical: dict[str, Any] = {"artifactLocation": {"uri": _uri(path)}}
        if number and kind == "line":
            physical["region"] = {"startLine": number}
        where = f" ({kind} {number})" if number and kind != "line" else ""  # a page or paragraph is no region
        result: dict[str, Any] = {
            "ruleId": rules[index[f.rule]].code if f.rule in index else f.rule,
            "level": LEVEL[f.severity],
            "message": {"text": f.message + where + (f"\n{f.suggestion}" if f.suggestion else "")},
            "locations": [{"physicalLocation": physical}],
            # the baseline's fingerprint: rule, key and message without numbers, so a moved note is the same result
            "partialFingerprints": {"srccheckFinding/v1": f"{_uri(path)}:{fingerprint(f)}"},
        }
        if f.rule in index:
            result["ruleIndex"] = index[f.rule]
        props = {name: value for name, value in (("note", f.note), ("key", f.key)) if value is not None}
        if number and kind != "line":
            props[kind] = number
        if props:
            result["properties"] = props
        out.append(result)
    driver = {
        "name": "srccheck",
        "version": __version__,
        "rules": [_rule(r) for r in rules],
    }
    # files that could not be read are no results: the run says so in its notifications
    invocation = {
        "executionSuccessful": not results.errors,
        "toolExecutionNotifications": [
            {"level": "error", "message": {"text": message},
             "locations": [{"physicalLocation": {"artifactLocation": {"uri": _uri(path)}}}]}
            for path, message in results.errors
        ],
    }
    return {"$schema": SCHEMA, "version": "2.1.0",
            "runs": [{"tool": {"driver": driver}, "invocations": [invocation], "results": out}]}


def write(results: Results, out: TextIO, options: RenderOptions) -> None:
    out.write(dumps(to_dict(results)) + "\n")
