"""JUnit XML for CI dashboards: a test suite per manuscript, a failing test case per finding.

A manuscript without findings gets one passing test case, so dashboards show it was checked.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence
from typing import TextIO

from ..model import Report
from . import RenderOptions, location, rule_codes


def write(reports: Sequence[Report], out: TextIO, options: RenderOptions) -> None:
    codes = rule_codes()
    total = sum(max(1, len(r.findings)) for r in reports)
    failures = sum(len(r.findings) for r in reports)
    root = ET.Element("testsuites", name="srccheck", tests=str(total), failures=str(failures), errors="0")
    for report in reports:
        name = report.manuscript.path
        suite = ET.SubElement(root, "testsuite", name=name, tests=str(max(1, len(report.findings))),
                              failures=str(len(report.findings)), errors="0", skipped="0")
        if not report.findings:
            ET.SubElement(suite, "testcase", classname=name, name="srccheck")
        for f in report.findings:
            path, line = location(report, f)
            where = ", ".join(part for part in (f"note {f.note}" if f.note is not None else "",
                                                f"line {line}" if line else "") if part)
            case = ET.SubElement(suite, "testcase", classname=name,
                                 name=f"{codes.get(f.rule, 'SC000')} {f.rule}" + (f" ({where})" if where else ""),
                                 file=path)
            if line:
                case.set("line", str(line))
            failure = ET.SubElement(case, "failure", type=f.severity.value, message=f.message)
            failure.text = f"{path}:{line or 1}: {f.message}" + (f"\n{f.suggestion}" if f.suggestion else "")
    ET.indent(root)
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write(ET.tostring(root, encoding="unicode"))
    out.write("\n")
