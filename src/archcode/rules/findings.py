"""Findings: rule results with everything a report needs, and a stable fingerprint.

A finding's ``status`` is its rule outcome, except that a waived FAIL or UNKNOWN becomes
``WAIVED`` (the outcome is kept in ``outcome``). The fingerprint names the rule, account, region
and resource, not the message or line, so it survives edits elsewhere in the file: baselines
and audit history match on it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from typing import TYPE_CHECKING, Any

from archcode.gcpause import paused_gc
from archcode.model.architecture import Architecture, CoverageGap
from archcode.model.base import Location
from archcode.rules.base import Outcome, Rule, Severity
from archcode.rules.engine import Result

if TYPE_CHECKING:
    from archcode.rules.accounts import AccountRow

WAIVED = "WAIVED"
# Outcomes that say the architecture is not (known to be) compliant: what waivers, baselines
# and the --fail-on gate act upon. ERROR is reported but never waived or baselined.
OPEN_OUTCOMES = frozenset({Outcome.FAIL, Outcome.UNKNOWN})
REPORTED_STATUSES = frozenset({"FAIL", "UNKNOWN", "ERROR", WAIVED})


@dataclass(frozen=True)
class WaiverNote:
    """The waiver that matched a finding (applied, or expired and so not applied)."""

    reason: str
    expires: date
    origin: str  # "file.yaml:12" or "in-model"
    expired: bool = False


@dataclass(slots=True)
class Finding:
    """One rule outcome on one resource, ready for any report. Treat it as immutable.

    (Not a frozen dataclass: a frozen one sets each of these fields through
    ``object.__setattr__``, which triples the cost of a check over 100,000 resources.)
    """

    rule: Rule
    outcome: Outcome
    message: str
    resource: str | None
    name: str | None
    kind: str | None
    arn: str | None
    account: str | None
    region: str | None
    file: str | None
    line: int | None
    column: int | None
    path: tuple[str, ...]
    fingerprint: str
    waiver: WaiverNote | None = None
    in_baseline: bool = False
    architecture: str = ""
    trace: str | None = None  # ERROR: the rule's traceback (shown with --debug, never in reports)
    # Derived once (reports ask for them for every finding, many times).
    waived: bool = field(init=False)
    status: str = field(init=False)

    def __post_init__(self) -> None:
        self.waived = self.waiver is not None and not self.waiver.expired
        self.status = WAIVED if self.waived else self.outcome.value

    @property
    def severity(self) -> Severity:
        return self.rule.severity

    @property
    def reported(self) -> bool:
        """Worth a line in a report: not a PASS or NOT_APPLICABLE."""
        return self.status in REPORTED_STATUSES

    @property
    def open(self) -> bool:
        """FAIL or UNKNOWN, not waived: what baselines record and gates count."""
        return self.outcome in OPEN_OUTCOMES and not self.waived

    def with_waiver(self, note: WaiverNote) -> Finding:
        return replace(self, waiver=note)

    def as_dict(self, rule_part: dict[str, Any] | None = None) -> dict[str, Any]:
        """The JSON form of a finding (field names are part of the JSON report's contract).

        ``rule_part`` is ``rule_fields(self.rule)``, passed in when many findings share a rule.
        """
        rule = self.rule
        shared = rule_part if rule_part is not None else rule_fields(rule)
        return {
            "rule_id": rule.id,
            "title": rule.title,
            "severity": shared["severity"],
            "category": shared["category"],
            "status": self.status,
            "outcome": self.outcome.value,
            "resource": {
                "id": self.resource,
                "name": self.name,
                "kind": self.kind,
                "arn": self.arn,
                "account": self.account,
                "region": self.region,
            },
            "location": {"file": self.file, "line": self.line, "column": self.column}
            if self.file
            else None,
            "frameworks": shared["frameworks"],
            "message": self.message,
            "remediation": shared["remediation"],
            "path": list(self.path),
            "fingerprint": self.fingerprint,
            "waiver": {
                "reason": self.waiver.reason,
                "expires": self.waiver.expires.isoformat(),
                "origin": self.waiver.origin,
                "expired": self.waiver.expired,
            }
            if self.waiver
            else None,
            "architecture": self.architecture,
            "rule_source": rule.source,
        }


def rule_fields(rule: Rule) -> dict[str, Any]:
    """What every finding of a rule repeats in JSON."""
    return {
        "severity": rule.severity.value,
        "category": rule.category.value,
        "frameworks": rule.frameworks.ids(),
        "remediation": {
            "text": rule.remediation.text,
            "yaml": rule.remediation.yaml,
            "cloudformation": rule.remediation.cloudformation,
            "terraform": rule.remediation.terraform,
        },
    }


def fingerprint(rule_id: str, account: str | None, region: str | None, resource: str | None) -> str:
    """Stable id of "this rule on this resource" across runs, files and line moves."""
    key = "\x1f".join((rule_id, account or "", region or "", resource or ""))
    return hashlib.sha256(key.encode()).hexdigest()[:32]


def to_findings(
    arch: Architecture, results: Iterable[Result], source: str | None = None
) -> list[Finding]:
    """Findings for the results of one architecture, with names, ARNs and source lines.

    A finding without a place of its own (a model-wide result) points at line 1 of ``source``,
    the architecture's file: code scanning needs a location for every result.
    """
    with paused_gc():
        return _to_findings(arch, results, source)


def _to_findings(
    arch: Architecture, results: Iterable[Result], source: str | None
) -> list[Finding]:
    findings = []
    located: dict[str, Location | None] = {}
    for result in results:
        rid = result.resource
        resource = arch.resources.get(rid) if rid else None
        actor = arch.actors.get(rid) if rid and resource is None else None
        account = resource.account if resource else (result.account or arch.account)
        region = resource.region if resource else arch.region
        where = None
        if rid:
            if rid not in located:
                located[rid] = arch.location(rid)
            where = located[rid]
        findings.append(
            Finding(
                rule=result.rule,
                outcome=result.outcome,
                message=result.message,
                resource=rid,
                name=(resource.name if resource else actor.name if actor else None) or rid,
                kind=resource.kind if resource else actor.kind if actor else None,
                arn=resource.arn if resource else None,
                account=account,
                region=region,
                file=where.file if where else source,
                line=where.line if where else (1 if source else None),
                column=where.column if where else (1 if source else None),
                path=result.path,
                fingerprint=fingerprint(result.rule.id, account, region, rid),
                architecture=arch.name,
                trace=result.trace,
            )
        )
    return findings


def summary(findings: Iterable[Finding]) -> dict[str, Any]:
    """Counts by status, and open findings by severity (the figures every report shows)."""
    by_status = dict.fromkeys(("FAIL", "UNKNOWN", "ERROR", WAIVED, "PASS", "NOT_APPLICABLE"), 0)
    by_severity: dict[str, int] = {s.value: 0 for s in Severity}
    for f in findings:
        by_status[f.status] = by_status.get(f.status, 0) + 1
        if f.open:
            by_severity[f.severity.value] += 1
    return {"by_status": by_status, "open_by_severity": by_severity}


def gating(findings: Iterable[Finding], fail_on: str, allow_unknown: bool = False) -> list[Finding]:
    """The findings that fail the run at ``fail_on``.

    FAIL always counts; UNKNOWN counts too (a missing fact is not a pass) unless
    ``allow_unknown``; ERROR counts (a rule that could not run certifies nothing). Waived and
    baselined findings never count, and nothing counts with ``never``.
    """
    if fail_on == "never":
        return []
    threshold = Severity(fail_on).rank
    counted = {Outcome.FAIL, Outcome.ERROR} | (set() if allow_unknown else {Outcome.UNKNOWN})
    return [
        f
        for f in findings
        if f.outcome in counted
        and not f.waived
        and not f.in_baseline
        and f.severity.rank >= threshold
    ]


@dataclass(frozen=True)
class CheckReport:
    """Everything one `archcode check` run produced, as every output format sees it."""

    findings: list[Finding]  # every result (PASS too); baselined findings already removed
    rules: list[Rule]  # the rules that ran, in order
    sources: list[str]  # the architecture files checked
    fail_on: str = "high"
    allow_unknown: bool = False
    baselined: int = 0  # open findings left out because the baseline holds them
    warnings: tuple[str, ...] = ()
    # What discovery could not read, per architecture file: every format says so, so that an
    # audit that saw less than the account holds does not read as a clean one.
    coverage: tuple[tuple[str, CoverageGap], ...] = ()
    # One row per account when the architectures span several (an organisation's audit).
    accounts: tuple[AccountRow, ...] = ()

    @property
    def reported(self) -> list[Finding]:
        return [f for f in self.findings if f.reported]

    @property
    def gating(self) -> list[Finding]:
        return gating(self.findings, self.fail_on, self.allow_unknown)

    def summary(self) -> dict[str, Any]:
        return {
            **summary(self.findings),
            "baselined": self.baselined,
            "fail_on": self.fail_on,
            "allow_unknown": self.allow_unknown,
            "failing": len(self.gating),
        }
