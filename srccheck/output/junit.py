"""JUnit XML for CI dashboards: a test suite per manuscript, a failing test case per finding.

A manuscript without findings gets one passing test case, so dashboards show it was checked.
A book's findings about its bibliography are a suite named after the .bib; a file that could
not be read is a suite with an error. Text from the inputs is shown with its control characters
escaped: XML cannot hold most of them at all.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import TextIO

from ..model import Finding, Report, Results
from . import RenderOptions, position, rule_codes
from .sanitize import visible


def write(results: Results, out: TextIO, options: RenderOptions) -> None:
    codes = rule_codes()
    suites: list[tuple[str, Report | None, list[Finding]]] = [(r.manuscript.path, r, r.findings) for r in results.reports]
    suites += [(", ".join(w.bib_paths) or "bibliography", None, w.findings) for w in results.works if w.findings]
    total = sum(max(1, len(findings)) for _, _, findings in suites) + len(results.errors)
    failures = sum(len(findings) for _, _, findings in suites)
    root = ET.Element("testsuites", name="srccheck", tests=str(total), failures=str(failures),
                      errors=str(len(results.errors)))
    for name, report, findings in suites:
        name = visible(name)
        suite = ET.SubElement(root, "testsuite", name=name, tests=str(max(1, len(findings))),
                              failures=str(len(findings)), errors="0", skipped="0")
        if not findings:
            ET.SubElement(suite, "testcase", classname=name, name="srccheck")
        for f in findings:
            path, kind, number = position(report, f)
            path = visible(path)
            where = ", ".join(part for part in (f"note {f.note}" if f.note is not None else "",
                                                f"{kind} {number}" if number else "") if part)
            case = ET.SubElement(suite, "testcase", classname=name,
                                 name=f"{codes.get(f.rule, 'SC000')} {f.rule}" + (f" ({where})" if where else ""),
                                 file=path)
            if number and kind == "line":
                case.set("line", str(number))
            message = visible(f.message)
            failure = ET.SubElement(case, "failure", type=f.severity.value, message=message)
            failure.text = f"{path}:{number or 1}: {message}" if kind == "line" else f"{path} ({where}): {message}"
            if f.suggestion:
                failure.text += f"\n{visible(f.suggestion)}"
    for path, message in results.errors:
        suite = ET.SubElement(root, "testsuite", name=visible(path), tests="1", failures="0", errors="1", skipped="0")
        case = ET.SubElement(suite, "testcase", classname=visible(path), name="srccheck", file=visible(path))
        ET.SubElement(case, "error", type="unreadable", message=visible(message))
    ET.indent(root)
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write(ET.tostring(root, encoding="unicode"))
    out.write("\n")
