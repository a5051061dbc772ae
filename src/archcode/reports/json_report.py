"""The JSON report: a summary and one object per finding (the contract for other tools).

The document is indented except for the findings, which are one compact object per line:
readable, diff-friendly, and written by the C encoder (an indented dump of 100,000 findings
takes Python's pure-Python encoder many seconds).
"""

from __future__ import annotations

import json
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
    out = []
    for f in findings:
        part = shared.get(f.rule.id)
        if part is None:
            part = shared[f.rule.id] = rule_fields(f.rule)
        entry = f.as_dict(part)
        entry["gating"] = id(f) in gating
        out.append(entry)
    return out


def report_dict(report: CheckReport, *, include_passed: bool = False) -> dict[str, Any]:
    chosen = ordered(report.findings if include_passed else report.reported)
    gating = {id(f) for f in report.gating}
    return {**_header(report), "findings": finding_dicts(chosen, gating)}


def render_json(report: CheckReport, *, include_passed: bool = False) -> str:
    with paused_gc():  # hundreds of thousands of short-lived dicts at 100,000 resources
        chosen = ordered(report.findings if include_passed else report.reported)
        gating = {id(f) for f in report.gating}
        head = json.dumps(_header(report), indent=2)
        rows = [json.dumps(d, ensure_ascii=False) for d in finding_dicts(chosen, gating)]
    body = ",\n    ".join(rows)
    findings = f'"findings": [\n    {body}\n  ]' if rows else '"findings": []'
    return f"{head[:-2]},\n  {findings}\n}}\n"
