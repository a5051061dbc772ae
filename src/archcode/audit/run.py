"""One audit run: check and price an architecture, compare with the last stored run, store it.

`prepare` computes everything (the report included) and stores nothing; the caller writes the
report, then `AuditStore.save` stores the run in one transaction. So a run that fails midway,
even while writing its report, leaves the history as it was.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from archcode.audit.compare import RunChanges, compare_runs
from archcode.audit.records import FindingRow, ResourceRow, RunRecord
from archcode.audit.store import AuditStore
from archcode.cost import CostReport, estimate
from archcode.model.architecture import Architecture
from archcode.rules.findings import CheckReport


@dataclass(frozen=True)
class PreparedAudit:
    record: RunRecord
    check: CheckReport
    cost: CostReport
    changes: RunChanges
    report_html: str | None


def resource_key(arch: Architecture, rid: str) -> str:
    """account/region/id: the same resource in two runs has the same key."""
    resource = arch.resources[rid]
    return (
        f"{resource.account or arch.account or '-'}/{resource.region or arch.region or '-'}/{rid}"
    )


def run_record(
    arch: Architecture, check: CheckReport, cost: CostReport, source: str, started: datetime
) -> RunRecord:
    keys = {rid: resource_key(arch, rid) for rid in arch.resources}
    return RunRecord(
        started_at=started,
        source=source,
        resources=[
            ResourceRow(keys[rid], r.kind, r.name or rid) for rid, r in arch.resources.items()
        ],
        findings=[
            FindingRow(
                fingerprint=f.fingerprint,
                rule_id=f.rule.id,
                resource=keys.get(f.resource, f.resource) if f.resource else "",
                severity=f.severity.value,
                status=f.status,
                message=f.message,
            )
            for f in check.findings
            if f.reported
        ],
        costs={keys[rid]: c.total for rid, c in cost.components.items() if rid in keys},
        total_cost=cost.total,
    )


def prepare(
    arch: Architecture,
    store: AuditStore,
    source: str,
    *,
    check: CheckReport,
    with_report: bool = True,
    started: datetime | None = None,
) -> PreparedAudit:
    started = started or datetime.now(UTC)
    cost = estimate(arch)
    record = run_record(arch, check, cost, source, started)
    previous_id = store.latest_run()
    previous = store.load(previous_id) if previous_id is not None else None
    seen = store.first_seen([f.fingerprint for f in record.findings], previous_id or 0)
    changes = compare_runs(previous, record, seen, previous_id)
    html = None
    if with_report:
        from archcode.reports.html import render_html_report

        html = render_html_report(arch, check, cost, changes=changes)
    return PreparedAudit(record, check, cost, changes, html)
