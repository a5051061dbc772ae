"""What one audit run stores: plain rows, independent of how they were produced."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal


@dataclass(frozen=True)
class ResourceRow:
    key: str  # stable across runs: account/region/id
    kind: str
    name: str


@dataclass(frozen=True)
class FindingRow:
    fingerprint: str  # stable across runs: rule, account, region, resource
    rule_id: str
    resource: str  # the resource key, or "" for a model-wide finding
    severity: str
    status: str  # FAIL, UNKNOWN, ERROR, WAIVED ...
    message: str


@dataclass(frozen=True)
class RunRecord:
    started_at: datetime
    source: str  # what was audited: accounts and regions, or a file
    resources: list[ResourceRow] = field(default_factory=list)
    findings: list[FindingRow] = field(default_factory=list)
    costs: dict[str, Decimal | None] = field(default_factory=dict)  # resource key -> monthly USD
    total_cost: Decimal | None = None


@dataclass(frozen=True)
class StoredRun:
    id: int
    started_at: datetime
    finished_at: datetime
    source: str
    resource_count: int
    finding_count: int
    total_cost: Decimal | None
