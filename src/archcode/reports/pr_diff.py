"""The pull-request diff: what a change does to resources, findings and cost, in one report."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from archcode.cost import CostReport, estimate
from archcode.model.architecture import Architecture
from archcode.reports.model_diff import ModelDiff, diff_models
from archcode.rules.engine import evaluate
from archcode.rules.findings import Finding, to_findings


@dataclass(frozen=True)
class CostChange:
    resource: str
    before: Decimal | None  # None: not in that model, or a price is missing
    after: Decimal | None
    present_before: bool
    present_after: bool

    @property
    def delta(self) -> Decimal | None:
        before = self.before if self.present_before else Decimal(0)
        after = self.after if self.present_after else Decimal(0)
        return None if before is None or after is None else after - before


@dataclass(frozen=True)
class PullRequestDiff:
    base_name: str
    head_name: str
    model: ModelDiff
    findings_new: list[Finding]
    findings_fixed: list[Finding]
    findings_unchanged: list[Finding]
    cost_base: CostReport
    cost_head: CostReport
    cost_changes: list[CostChange]

    @property
    def cost_delta(self) -> Decimal | None:
        before, after = self.cost_base.total, self.cost_head.total
        return None if before is None or after is None else after - before


def _open(arch: Architecture) -> dict[str, Finding]:
    return {f.fingerprint: f for f in to_findings(arch, evaluate(arch)) if f.open}


def _cost_changes(base: CostReport, head: CostReport) -> list[CostChange]:
    changes = []
    for rid in sorted(base.components.keys() | head.components.keys()):
        before, after = base.components.get(rid), head.components.get(rid)
        change = CostChange(
            rid,
            before.total if before else None,
            after.total if after else None,
            before is not None,
            after is not None,
        )
        if change.delta != 0:
            changes.append(change)
    return changes


def pull_request_diff(base: Architecture, head: Architecture) -> PullRequestDiff:
    """Compare two models: findings match on their stable fingerprints, costs on resource ids."""
    before, after = _open(base), _open(head)
    cost_base, cost_head = estimate(base), estimate(head)
    return PullRequestDiff(
        base_name=base.name,
        head_name=head.name,
        model=diff_models(base, head),
        findings_new=[after[k] for k in sorted(after.keys() - before.keys())],
        findings_fixed=[before[k] for k in sorted(before.keys() - after.keys())],
        findings_unchanged=[after[k] for k in sorted(after.keys() & before.keys())],
        cost_base=cost_base,
        cost_head=cost_head,
        cost_changes=_cost_changes(cost_base, cost_head),
    )


def _money(value: Decimal | None) -> str | None:
    return None if value is None else f"{value:.2f}"


def diff_json(diff: PullRequestDiff) -> dict[str, Any]:
    model = diff.model

    def finding(f: Finding) -> dict[str, Any]:
        return {
            "rule_id": f.rule.id,
            "severity": f.severity.value,
            "resource": f.resource,
            "status": f.status,
            "message": f.message,
            "fingerprint": f.fingerprint,
        }

    return {
        "base": diff.base_name,
        "head": diff.head_name,
        "resources": {
            "added": model.added,
            "removed": model.removed,
            "changed": [
                {
                    "id": c.id,
                    "kind": c.kind,
                    "fields": [
                        {"field": fc.field, "before": fc.before, "after": fc.after}
                        for fc in c.changes
                    ],
                }
                for c in model.changed
            ],
        },
        "connections": {
            "added": [list(k) for k in model.connections_added],
            "removed": [list(k) for k in model.connections_removed],
        },
        "findings": {
            "new": [finding(f) for f in diff.findings_new],
            "fixed": [finding(f) for f in diff.findings_fixed],
            "unchanged": [finding(f) for f in diff.findings_unchanged],
        },
        "cost": {
            "currency": "USD",
            "base_total": _money(diff.cost_base.total),
            "head_total": _money(diff.cost_head.total),
            "delta": _money(diff.cost_delta),
            "components": [
                {
                    "resource": c.resource,
                    "before": _money(c.before) if c.present_before else None,
                    "after": _money(c.after) if c.present_after else None,
                    "delta": _money(c.delta),
                }
                for c in diff.cost_changes
            ],
        },
    }
