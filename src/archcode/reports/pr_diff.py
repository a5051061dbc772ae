"""The pull-request diff: what a change does to resources, findings and cost, in one report."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from archcode.cost import CostReport, estimate
from archcode.cost.compare import ComponentChange, CostDiff, compare
from archcode.cost.money import amount
from archcode.model.architecture import Architecture
from archcode.reports._common import ordered
from archcode.reports.model_diff import ModelDiff, diff_models
from archcode.rules.checking import check_loaded
from archcode.rules.findings import Finding


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
    cost: CostDiff

    @property
    def cost_changes(self) -> list[ComponentChange]:
        """Components whose cost changed (or is unknown), in model order."""
        return [c for c in self.cost.changes if c.status != "unchanged" and c.delta != 0]

    @property
    def cost_delta(self) -> Decimal | None:
        return self.cost.delta


def _open(arch: Architecture) -> dict[str, Finding]:
    """Open findings by fingerprint; a finding the model itself waives is not open."""
    check = check_loaded([(arch.name, arch)])
    return {f.fingerprint: f for f in check.findings if f.open}


def pull_request_diff(base: Architecture, head: Architecture) -> PullRequestDiff:
    """Compare two models: findings match on their stable fingerprints, costs on resource ids."""
    before, after = _open(base), _open(head)
    cost_base, cost_head = estimate(base), estimate(head)
    return PullRequestDiff(
        base_name=base.name,
        head_name=head.name,
        model=diff_models(base, head),
        findings_new=ordered([after[k] for k in after.keys() - before.keys()]),
        findings_fixed=ordered([before[k] for k in before.keys() - after.keys()]),
        findings_unchanged=ordered([after[k] for k in after.keys() & before.keys()]),
        cost_base=cost_base,
        cost_head=cost_head,
        cost=compare(cost_base, cost_head),
    )


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
            "base_total": amount(diff.cost_base.total),
            "head_total": amount(diff.cost_head.total),
            "delta": amount(diff.cost_delta),
            "base_known_total": amount(diff.cost_base.known_total),
            "head_known_total": amount(diff.cost_head.known_total),
            "known_delta": amount(diff.cost.known_delta),
            "unpriced_components": {
                "base": list(diff.cost_base.unpriced_components),
                "head": list(diff.cost_head.unpriced_components),
            },
            "components": [
                {
                    "resource": c.resource_id,
                    "status": c.status,
                    "before": amount(c.before),
                    "after": amount(c.after),
                    "delta": amount(c.delta),
                    "known_delta": amount(c.known_delta),
                    "unpriced_lines": c.unpriced,
                }
                for c in diff.cost_changes
            ],
        },
    }
