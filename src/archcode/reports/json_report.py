"""The JSON report: a summary and one object per finding (the contract for other tools)."""

from __future__ import annotations

import json
from typing import Any

from archcode import __version__
from archcode.reports._common import ordered
from archcode.rules.findings import CheckReport

JSON_FORMAT_VERSION = 1


def report_dict(report: CheckReport, *, include_passed: bool = False) -> dict[str, Any]:
    chosen = report.findings if include_passed else report.reported
    gating = {id(f) for f in report.gating}
    findings = []
    for f in ordered(chosen):
        entry = f.as_dict()
        entry["gating"] = id(f) in gating
        findings.append(entry)
    return {
        "format": JSON_FORMAT_VERSION,
        "tool": {"name": "archcode", "version": __version__},
        "sources": report.sources,
        "summary": report.summary(),
        "warnings": list(report.warnings),
        "findings": findings,
    }


def render_json(report: CheckReport, *, include_passed: bool = False) -> str:
    return json.dumps(report_dict(report, include_passed=include_passed), indent=2) + "\n"
