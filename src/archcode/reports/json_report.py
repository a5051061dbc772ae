"""The JSON report: a summary and one object per finding (the contract for other tools).

The document is indented except for the findings, which are one compact object per line:
readable, diff-friendly, and written by the C encoder (an indented dump of 100,000 findings
takes Python's pure-Python encoder many seconds).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from archcode import __version__
from archcode.gcpause import paused_gc
from archcode.reports._common import gap_dict, ordered
from archcode.rules.findings import CheckReport, Finding, rule_fields

JSON_FORMAT_VERSION = 1


def _header(report: CheckReport) -> dict[str, Any]:
    return {
        "format": JSON_FORMAT_VERSION,
        "tool": {"name": "archcode", "version": __version__},
        "sources": report.sources,
        "summary": report.summary(),
        "warnings": list(report.warnings),
        "coverage": [gap_dict(source, gap) for source, gap in report.coverage],
        "accounts": [row.as_dict() for row in report.accounts],  # when several
    }


def finding_dicts(findings: list[Finding], gating: set[int]) -> list[dict[str, Any]]:
    shared: dict[str, dict[str, Any]] = {}
    return [_finding_dict(f, gating, shared) for f in findings]


def report_dict(report: CheckReport, *, include_passed: bool = False) -> dict[str, Any]:
    chosen = ordered(report.findings if include_passed else report.reported)
    gating = {id(f) for f in report.gating}
    return {**_header(report), "findings": finding_dicts(chosen, gating)}


def render_json(report: CheckReport, *, include_passed: bool = False) -> str:
    with paused_gc():  # hundreds of thousands of short-lived dicts at 100,000 resources
        return "".join(json_chunks(report, include_passed=include_passed))


def json_chunks(report: CheckReport, *, include_passed: bool = False) -> Iterator[str]:
    """The JSON report in pieces, to be written as they come (``render_json`` joins them).

    At 10,000 resources the report is 33 MB of text: written piece by piece it is never whole
    in memory, and each finding's dict is encoded and dropped before the next one is made.
    """
    chosen = ordered(report.findings if include_passed else report.reported)
    gating = {id(f) for f in report.gating}
    head = json.dumps(_header(report), indent=2)[:-2]
    if not chosen:
        yield f'{head},\n  "findings": []\n}}\n'
        return
    yield f'{head},\n  "findings": [\n    '
    shared: dict[str, dict[str, Any]] = {}
    for index, finding in enumerate(chosen):
        row = json.dumps(_finding_dict(finding, gating, shared), ensure_ascii=False)
        yield f",\n    {row}" if index else row
    yield "\n  ]\n}\n"


def _finding_dict(
    finding: Finding, gating: set[int], shared: dict[str, dict[str, Any]]
) -> dict[str, Any]:
    part = shared.get(finding.rule.id)
    if part is None:
        part = shared[finding.rule.id] = rule_fields(finding.rule)
    entry = finding.as_dict(part)
    entry["gating"] = id(finding) in gating
    return entry
