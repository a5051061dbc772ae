"""One summary row per account checked: what an organisation's report breaks its figures into.

Rows are made only when the architectures checked span several accounts; a one-account
report has nothing to break down, and its outputs stay as they were.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from archcode.model.architecture import Architecture
from archcode.rules.base import Severity
from archcode.rules.findings import Finding


@dataclass(frozen=True)
class AccountRow:
    account: str
    name: str | None  # as the organisation lists it, when the model says
    regions: tuple[str, ...]  # where its resources are ("global" ones in none)
    resources: int
    findings: dict[str, int]  # open findings (FAIL or UNKNOWN, not waived) by severity
    gaps: int  # reads discovery could not make in it

    def label(self) -> str:
        return f"{self.account} ({self.name})" if self.name else self.account

    def line(self) -> str:
        """`account 1111 (prod): 2 regions (...), 40 resources, open findings 0 critical, ...`"""
        regions = f"{len(self.regions)} region{'s' * (len(self.regions) != 1)}"
        if self.regions:
            regions += f" ({', '.join(self.regions)})"
        severities = ", ".join(f"{n} {s}" for s, n in self.findings.items())
        return (
            f"account {self.label()}: {regions}, {self.resources} "
            f"resource{'s' * (self.resources != 1)}, "
            f"open findings {severities}; {self.gaps} gap{'s' * (self.gaps != 1)}"
        )

    def as_dict(self) -> dict[str, Any]:
        return {
            "account": self.account,
            "name": self.name,
            "regions": list(self.regions),
            "resources": self.resources,
            "open_by_severity": dict(self.findings),
            "gaps": self.gaps,
        }


def account_rows(
    architectures: Sequence[Architecture], findings: Iterable[Finding]
) -> tuple[AccountRow, ...]:
    """A row per account of the architectures (by id), or none when they span one account."""
    names: dict[str, str] = {}
    regions: dict[str, set[str]] = {}
    resources: Counter[str] = Counter()
    gaps: Counter[str] = Counter()
    for arch in architectures:
        names.update(arch.account_names)
        for account in arch.account_names:
            regions.setdefault(account, set())
        for resource in arch.resources.values():
            owner = resource.account or arch.account
            if owner is None:
                continue
            resources[owner] += 1
            where = regions.setdefault(owner, set())
            region = resource.region or arch.region
            if region and region != "global":
                where.add(region)
        for gap in arch.coverage:
            if gap.account:
                gaps[gap.account] += 1
                regions.setdefault(gap.account, set())
    if len(regions) < 2:
        return ()
    open_findings: dict[str, Counter[str]] = {a: Counter() for a in regions}
    for f in findings:
        if f.open and f.account in open_findings:
            open_findings[f.account][f.severity.value] += 1
    return tuple(
        AccountRow(
            account,
            names.get(account),
            tuple(sorted(regions[account])),
            resources[account],
            {s.value: open_findings[account][s.value] for s in Severity},
            gaps[account],
        )
        for account in sorted(regions)
    )
