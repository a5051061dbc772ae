"""SARIF 2.1.0 for GitHub code scanning (and any other SARIF viewer).

GitHub reads ``properties.security-severity`` of each rule to grade alerts, ``level`` for the
result's colour, ``partialFingerprints`` to track an alert across commits, and locations
relative to the repository (``uriBaseId: %SRCROOT%``, the working directory of the run).
Waived findings are results with an accepted suppression; rule ERRORs are tool execution
notifications, since they say the tool could not decide, not that the code is wrong.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from archcode import __version__
from archcode.model.architecture import CoverageGap
from archcode.reports._common import gap_dict, gap_text, ordered, relative_uri
from archcode.rules.base import Outcome, Rule, Severity
from archcode.rules.doc import help_uri
from archcode.rules.findings import CheckReport, Finding

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SRCROOT = "%SRCROOT%"
FINGERPRINT_KEY = "archcodeFinding/v1"

LEVEL = {
    Severity.CRITICAL: "error",
    Severity.HIGH: "error",
    Severity.MEDIUM: "warning",
    Severity.LOW: "note",
    Severity.INFO: "note",
}
# GitHub's bands: critical > 9.0, high 7.0-8.9, medium 4.0-6.9, low 0.1-3.9.
SECURITY_SEVERITY = {
    Severity.CRITICAL: "9.5",
    Severity.HIGH: "8.0",
    Severity.MEDIUM: "5.5",
    Severity.LOW: "3.0",
}


def sarif_log(report: CheckReport, root: str | None = None) -> dict[str, Any]:
    base = root or os.getcwd()
    index = {rule.id: i for i, rule in enumerate(report.rules)}
    results = []
    notifications = []
    for f in ordered(report.reported):
        if f.outcome is Outcome.ERROR:
            notifications.append(_notification(f, index))
        else:
            results.append(_result(f, index, base, report.allow_unknown))
    gaps = [_gap_notification(source, gap) for source, gap in report.coverage]
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "archcode",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "informationUri": "https://github.com/archcode/archcode",
                        "rules": [_rule(rule) for rule in report.rules],
                    }
                },
                "originalUriBaseIds": {SRCROOT: {"uri": Path(base).resolve().as_uri() + "/"}},
                "invocations": [
                    {
                        "executionSuccessful": not notifications,
                        "toolExecutionNotifications": notifications + gaps,
                    }
                ],
                "results": results,
                "columnKind": "unicodeCodePoints",
                **_accounts(report),
            }
        ],
    }


def _accounts(report: CheckReport) -> dict[str, Any]:
    """The run's per-account summary (several accounts only), in the run's property bag."""
    if not report.accounts:
        return {}
    return {"properties": {"archcode/accounts": [row.as_dict() for row in report.accounts]}}


def render_sarif(report: CheckReport) -> str:
    return json.dumps(sarif_log(report), indent=2) + "\n"


def _rule(rule: Rule) -> dict[str, Any]:
    properties: dict[str, Any] = {
        "tags": ["security", rule.category.value, *rule.frameworks.ids()],
        "precision": "high",
        "archcode/severity": rule.severity.value,
        "archcode/kinds": list(rule.kinds),
    }
    if rule.severity in SECURITY_SEVERITY:
        properties["security-severity"] = SECURITY_SEVERITY[rule.severity]
    descriptor: dict[str, Any] = {
        "id": rule.id,
        "name": "".join(part.capitalize() for part in rule.id.replace(".", "-").split("-")),
        "shortDescription": {"text": rule.title},
        "fullDescription": {"text": rule.rationale or rule.title},
        "help": {"text": _help_text(rule), "markdown": _help_markdown(rule)},
        "defaultConfiguration": {"level": LEVEL[rule.severity]},
        "properties": properties,
    }
    uri = help_uri(rule)
    if uri is not None:
        descriptor["helpUri"] = uri
    return descriptor


def _help_text(rule: Rule) -> str:
    parts = [rule.remediation.text or rule.title]
    if rule.remediation.yaml:
        parts.append(f"archcode YAML:\n{rule.remediation.yaml}")
    if rule.remediation.cloudformation:
        parts.append(f"CloudFormation:\n{rule.remediation.cloudformation}")
    if rule.remediation.terraform:
        parts.append(f"Terraform:\n{rule.remediation.terraform}")
    return "\n\n".join(parts)


def _help_markdown(rule: Rule) -> str:
    parts = [f"**{rule.title}**", rule.rationale, rule.remediation.text]
    if rule.remediation.yaml:
        parts.append(f"archcode YAML:\n\n```yaml\n{rule.remediation.yaml}\n```")
    if rule.remediation.cloudformation:
        parts.append(f"CloudFormation:\n\n```yaml\n{rule.remediation.cloudformation}\n```")
    if rule.remediation.terraform:
        parts.append(f"Terraform:\n\n```hcl\n{rule.remediation.terraform}\n```")
    if rule.frameworks.ids():
        parts.append("Frameworks: " + ", ".join(rule.frameworks.ids()))
    return "\n\n".join(p for p in parts if p)


def _result(f: Finding, index: dict[str, int], base: str, allow_unknown: bool) -> dict[str, Any]:
    unknown = f.outcome is Outcome.UNKNOWN
    message = f"{f.resource}: {f.message}" if f.resource else f.message
    if unknown:
        message = f"Not known, so not passed: {message}"
    if f.path:
        message += f" (path: {' -> '.join(f.path)})"
    result: dict[str, Any] = {
        "ruleId": f.rule.id,
        "ruleIndex": index[f.rule.id],
        "level": "note" if unknown and allow_unknown else LEVEL[f.severity],
        "message": {"text": message},
        "locations": [_location(f, base)],
        "partialFingerprints": {FINGERPRINT_KEY: f.fingerprint},
        "properties": {
            "archcode/outcome": f.outcome.value,
            "archcode/status": f.status,
            "archcode/architecture": f.architecture,
        },
    }
    if f.waiver is not None and not f.waiver.expired:
        result["suppressions"] = [
            {
                "kind": "inSource" if "(waivers[" in f.waiver.origin else "external",
                "status": "accepted",
                "justification": f"{f.waiver.reason} (until {f.waiver.expires.isoformat()}, "
                f"{f.waiver.origin})",
            }
        ]
    return result


def _location(f: Finding, base: str) -> dict[str, Any]:
    location: dict[str, Any] = {}
    if f.file:
        uri = relative_uri(f.file, base)
        artifact = (
            {"uri": uri, "uriBaseId": SRCROOT}
            if uri is not None
            else {"uri": Path(f.file).resolve().as_uri()}
            if not f.file.startswith("<")
            else None
        )
        if artifact is not None:
            physical: dict[str, Any] = {"artifactLocation": artifact}
            if f.line:
                physical["region"] = {"startLine": f.line, "startColumn": f.column or 1}
            location["physicalLocation"] = physical
    if f.resource:
        logical: dict[str, Any] = {"name": f.resource, "kind": "resource"}
        logical["fullyQualifiedName"] = f.arn or f"{f.architecture}/{f.resource}"
        location["logicalLocations"] = [logical]
    return location


def _gap_notification(source: str, gap: CoverageGap) -> dict[str, Any]:
    """A read discovery could not make: a warning that the run saw less than the account."""
    return {
        "level": "warning",
        "message": {"text": f"not read, facts left unknown: {gap_text(gap)}"},
        "descriptor": {"id": "archcode/coverage-gap"},
        "properties": {"archcode/coverage": gap_dict(source, gap)},
    }


def _notification(f: Finding, index: dict[str, int]) -> dict[str, Any]:
    return {
        "level": "error",
        "message": {"text": f"{f.resource or 'architecture'}: {f.message}"},
        "associatedRule": {"id": f.rule.id, "index": index[f.rule.id]},
    }
