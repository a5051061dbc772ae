"""JUnit XML: a test suite per rule and a test case per resource it checked.

CI systems show JUnit natively; FAIL is a <failure>, ERROR an <error>, NOT_APPLICABLE and
WAIVED are <skipped> with the reason, UNKNOWN is a <failure> (or <skipped> with
--allow-unknown), so the test counts agree with the --fail-on policy of docs/check.md.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import defaultdict

from archcode.reports._common import gap_text, where
from archcode.rules.base import Outcome
from archcode.rules.findings import CheckReport, Finding


def render_junit(report: CheckReport) -> str:
    by_rule: dict[str, list[Finding]] = defaultdict(list)
    for f in report.findings:
        by_rule[f.rule.id].append(f)
    root = ET.Element("testsuites", name="archcode check")
    totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    for rule in report.rules:
        findings = by_rule.get(rule.id, [])
        suite = ET.SubElement(root, "testsuite", name=rule.id)
        counts = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
        for f in findings:
            counts["tests"] += 1
            verdict = _testcase(suite, f, report.allow_unknown)
            if verdict in counts:
                counts[verdict] += 1
        for key, value in counts.items():
            suite.set(key, str(value))
            totals[key] += value
    if report.coverage:
        _coverage_suite(root, report)
        totals["tests"] += len(report.coverage)
        totals["skipped"] += len(report.coverage)
    for key, value in totals.items():
        root.set(key, str(value))
    for element in root.iter():
        # Names and messages can hold characters XML 1.0 cannot carry at all.
        element.attrib.update({k: _xml_safe(v) for k, v in element.attrib.items()})
        if element.text:
            element.text = _xml_safe(element.text)
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"


def _coverage_suite(root: ET.Element, report: CheckReport) -> None:
    """What discovery could not read: skipped cases, so CI shows them without gating on them."""
    suite = ET.SubElement(root, "testsuite", name="archcode-coverage")
    for source, gap in report.coverage:
        where_read = " ".join(p for p in (gap.account, gap.region) if p)
        case = ET.SubElement(
            suite,
            "testcase",
            classname="archcode-coverage",
            name=f"{gap.service}:{gap.operation} {where_read}".strip(),
            file=source,
        )
        ET.SubElement(case, "skipped", message=f"not read, facts left unknown: {gap_text(gap)}")
    count = str(len(report.coverage))
    suite.attrib.update(tests=count, failures="0", errors="0", skipped=count)


def _testcase(suite: ET.Element, f: Finding, allow_unknown: bool) -> str:
    """Add the test case; return the counter it adds to ("passed" adds to none)."""
    case = ET.SubElement(
        suite,
        "testcase",
        classname=f.rule.id,
        name=f.resource or f.architecture or "architecture",
    )
    if f.file:
        case.set("file", f.file)
    if f.line:
        case.set("line", str(f.line))
    title = f"[{f.severity.value}] {f.rule.title}"
    detail = "\n".join(
        line
        for line in (
            f.message,
            f"resource: {f.resource} ({f.kind})" if f.resource else "",
            f"at: {where(f)}" if f.file else "",
            f"path: {' -> '.join(f.path)}" if f.path else "",
            f"remediation: {f.rule.remediation.text}",
        )
        if line
    )
    if f.waived and f.waiver is not None:
        reason = f"waived until {f.waiver.expires.isoformat()}: {f.waiver.reason}"
        ET.SubElement(case, "skipped", message=reason)
        return "skipped"
    if f.outcome is Outcome.FAIL or (f.outcome is Outcome.UNKNOWN and not allow_unknown):
        failure = ET.SubElement(case, "failure", message=f"{title}: {f.message}", type=f.status)
        failure.text = detail
        return "failures"
    if f.outcome is Outcome.ERROR:
        error = ET.SubElement(case, "error", message=f.message, type="ERROR")
        error.text = detail
        return "errors"
    if f.outcome in (Outcome.NOT_APPLICABLE, Outcome.UNKNOWN):
        ET.SubElement(case, "skipped", message=f"{f.outcome.value}: {f.message}")
        return "skipped"
    return "passed"


_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _xml_safe(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)
