"""SARIF 2.1.0: every rule with its documentation, every finding as a result with a location.

URIs are the paths as given (relative ones stay relative, with '/'), which is what
code-scanning uploads expect for files in the repository.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import PureWindowsPath
from typing import Any, TextIO

from ..model import Report, Severity
from . import RenderOptions, location
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


def to_dict(reports: Sequence[Report]) -> dict[str, Any]:
    from .. import __version__
    from ..rules import all_rules

    rules = all_rules()
    index = {r.name: i for i, r in enumerate(rules)}
    results = []
    for report in reports:
        for f in report.findings:
            path, line = location(report, f)
            physical: dict[str, Any] = {"artifactLocation": {"uri": _uri(path)}}
            if line:
                physical["region"] = {"startLine": line}
            result: dict[str, Any] = {
                "ruleId": rules[index[f.rule]].code if f.rule in index else f.rule,
                "level": LEVEL[f.severity],
                "message": {"text": f.message + (f"\n{f.suggestion}" if f.suggestion else "")},
                "locations": [{"physicalLocation": physical}],
            }
            if f.rule in index:
                result["ruleIndex"] = index[f.rule]
            props = {name: value for name, value in (("note", f.note), ("key", f.key)) if value is not None}
            if props:
                result["properties"] = props
            results.append(result)
    driver = {
        "name": "srccheck",
        "version": __version__,
        "rules": [_rule(r) for r in rules],
    }
    return {"$schema": SCHEMA, "version": "2.1.0", "runs": [{"tool": {"driver": driver}, "results": results}]}


def write(reports: Sequence[Report], out: TextIO, options: RenderOptions) -> None:
    out.write(dumps(to_dict(reports)) + "\n")
