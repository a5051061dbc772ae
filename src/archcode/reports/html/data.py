"""Everything the report page shows, as plain data (the page's JSON island and its tables)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from archcode.cost import CostReport
from archcode.cost.money import priced, usd
from archcode.model.architecture import Architecture
from archcode.reports._common import ordered
from archcode.rules.base import Category, Severity
from archcode.rules.findings import CheckReport, Finding


@dataclass(frozen=True)
class ReportData:
    title: str
    sources: list[str]
    findings: list[dict[str, Any]]  # active (not waived), worst first
    waived: list[dict[str, Any]]
    by_severity: dict[str, int]
    by_category: dict[str, int]
    statuses: dict[str, int]
    frameworks: list[str]
    cost_rows: list[dict[str, Any]]
    total_cost: str
    price_date: str
    gaps: list[dict[str, Any]]
    resources: dict[str, dict[str, Any]]  # id -> what a click on its node shows
    warnings: list[str]
    accounts: list[dict[str, Any]]  # one per account, when the model spans several


def _finding(f: Finding) -> dict[str, Any]:
    return {
        "rule_id": f.rule.id,
        "title": f.rule.title,
        "severity": f.severity.value,
        "category": f.rule.category.value,
        "status": f.status,
        "resource": f.resource or "",
        "name": f.name or "",
        "kind": f.kind or "",
        "where": f"{f.file}:{f.line}" if f.file and f.line else (f.file or ""),
        "message": f.message,
        "path": " → ".join(f.path),
        "frameworks": f.rule.frameworks.ids(),
        "remediation": f.rule.remediation.text,
        "remediation_yaml": f.rule.remediation.yaml,
        "remediation_cfn": f.rule.remediation.cloudformation,
        "remediation_tf": f.rule.remediation.terraform,
        "waiver_reason": f.waiver.reason if f.waiver else "",
        "waiver_expires": f.waiver.expires.isoformat() if f.waiver else "",
    }


def build_report_data(arch: Architecture, check: CheckReport, cost: CostReport) -> ReportData:
    reported = ordered(check.reported)
    active = [_finding(f) for f in reported if not f.waived]
    waived = [_finding(f) for f in reported if f.waived]
    open_findings = [f for f in check.findings if f.open]
    by_severity = {s.value: 0 for s in Severity}
    by_severity.update(Counter(f.severity.value for f in open_findings))
    by_category = {c.value: 0 for c in Category}
    by_category.update(Counter(f.rule.category.value for f in open_findings))
    statuses = dict(Counter(f.status for f in reported))
    frameworks = sorted({fw for f in reported for fw in f.rule.frameworks.ids()})

    per_resource: dict[str, list[dict[str, Any]]] = {}
    for item in active + waived:
        if item["resource"]:
            per_resource.setdefault(item["resource"], []).append(item)
    cost_rows = []
    for rid, component in cost.components.items():
        cost_rows.append(
            {
                "resource": rid,
                "name": component.name,
                "kind": component.kind,
                "total": priced(component.known_total, component.unpriced_lines, "line"),
                "assumed": ", ".join(component.assumptions),
                "lines": [
                    {
                        "name": line.name,
                        "quantity": f"{line.quantity:,}",
                        "unit": line.unit,
                        "unit_price": "price not found"
                        if line.unit_price is None
                        else f"${line.unit_price}",
                        "monthly": usd(line.monthly),
                    }
                    for line in component.lines
                ],
            }
        )
    resources: dict[str, dict[str, Any]] = {}
    for rid, resource in arch.resources.items():
        component_cost = cost.components.get(rid)
        resources[rid] = {
            "id": rid,
            "kind": resource.kind,
            "name": resource.name or rid,
            "attributes": resource.model_dump(mode="json", exclude_none=True),
            "cost": priced(component_cost.known_total, component_cost.unpriced_lines, "line")
            if component_cost
            else "",
            "findings": per_resource.get(rid, []),
        }
    for aid, actor in arch.actors.items():
        resources[aid] = {
            "id": aid,
            "kind": actor.kind,
            "name": actor.name or aid,
            "attributes": actor.model_dump(mode="json", exclude_none=True),
            "cost": "",
            "findings": per_resource.get(aid, []),
        }
    return ReportData(
        title=arch.name,
        sources=check.sources,
        findings=active,
        waived=waived,
        by_severity=by_severity,
        by_category=by_category,
        statuses=statuses,
        frameworks=frameworks,
        cost_rows=cost_rows,
        total_cost=priced(cost.known_total, len(cost.unpriced_components)),
        price_date=cost.price_table_date.isoformat() if cost.price_table_date else "unknown",
        gaps=[gap.model_dump(mode="json") for gap in arch.coverage],
        resources=resources,
        warnings=list(check.warnings),
        accounts=[row.as_dict() | {"label": row.label()} for row in check.accounts],
    )
