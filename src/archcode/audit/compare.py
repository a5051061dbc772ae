"""What changed between two audit runs: resources, findings (with first-seen dates), cost."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime
from decimal import Decimal

from archcode.audit.records import FindingRow, ResourceRow, RunRecord
from archcode.rules.findings import WAIVED


@dataclass(frozen=True)
class RunChanges:
    previous_run: int | None
    resources_added: list[ResourceRow] = field(default_factory=list)
    resources_removed: list[ResourceRow] = field(default_factory=list)
    findings_new: list[FindingRow] = field(default_factory=list)
    findings_fixed: list[FindingRow] = field(default_factory=list)
    findings_persisting: list[tuple[FindingRow, datetime]] = field(default_factory=list)
    cost_before: Decimal | None = None
    cost_after: Decimal | None = None

    @property
    def cost_change(self) -> Decimal | None:
        if self.cost_before is None or self.cost_after is None:
            return None
        return self.cost_after - self.cost_before


def compare_runs(
    previous: RunRecord | None,
    current: RunRecord,
    first_seen: dict[str, datetime],
    previous_id: int | None = None,
) -> RunChanges:
    """Compare by stable keys; a finding persisting keeps the date it was first seen.

    Waived findings are accepted risk: they are neither new nor persisting.
    """
    current = replace(current, findings=[f for f in current.findings if f.status != WAIVED])
    if previous is not None:
        previous = replace(previous, findings=[f for f in previous.findings if f.status != WAIVED])
    if previous is None:
        return RunChanges(
            previous_run=None,
            resources_added=list(current.resources),
            findings_new=list(current.findings),
            cost_after=current.total_cost,
        )
    before_res = {r.key: r for r in previous.resources}
    after_res = {r.key: r for r in current.resources}
    before_find = {f.fingerprint: f for f in previous.findings}
    after_find = {f.fingerprint: f for f in current.findings}
    return RunChanges(
        previous_run=previous_id,
        resources_added=[after_res[k] for k in sorted(after_res.keys() - before_res.keys())],
        resources_removed=[before_res[k] for k in sorted(before_res.keys() - after_res.keys())],
        findings_new=[after_find[k] for k in sorted(after_find.keys() - before_find.keys())],
        findings_fixed=[before_find[k] for k in sorted(before_find.keys() - after_find.keys())],
        findings_persisting=[
            (after_find[k], first_seen.get(k, previous.started_at))
            for k in sorted(after_find.keys() & before_find.keys())
        ],
        cost_before=previous.total_cost,
        cost_after=current.total_cost,
    )
