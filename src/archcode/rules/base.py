"""What a rule is: its declaration (metadata) and the outcomes it can produce.

A rule's id is stable and says nothing about severity, so that a severity can be re-graded
without breaking waivers and baselines that name the rule.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from archcode.rules.context import Context


class Severity(StrEnum):
    CRITICAL = "critical"
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"
    INFO = "info"

    @property
    def rank(self) -> int:
        """Higher is worse: critical 4 ... info 0."""
        return _SEVERITY_RANK[self]


_SEVERITY_RANK = {
    Severity.CRITICAL: 4,
    Severity.HIGH: 3,
    Severity.MEDIUM: 2,
    Severity.LOW: 1,
    Severity.INFO: 0,
}


class Category(StrEnum):
    ENCRYPTION = "encryption"
    LEAST_PRIVILEGE = "least-privilege"
    AVAILABILITY = "availability"
    BACKUP = "backup"
    NETWORK_EXPOSURE = "network-exposure"
    LOGGING = "logging"
    SECRETS = "secrets"


class AccountScope(StrEnum):
    """What a rule looks at when a model spans several accounts.

    PER_ACCOUNT rules judge a resource by its own fields and the resources it names: the engine
    may run them on one account's part of the model at a time. CROSS_ACCOUNT rules (trust
    paths, key use, graph paths, anything that scans the model) run once over the whole model;
    it is the default, so a rule nobody has reviewed still gives the right verdicts.
    """

    PER_ACCOUNT = "per-account"
    CROSS_ACCOUNT = "cross-account"


class Outcome(StrEnum):
    PASS = "PASS"
    FAIL = "FAIL"
    NOT_APPLICABLE = "NOT_APPLICABLE"
    UNKNOWN = "UNKNOWN"  # a fact the rule needs is not known: never a PASS
    ERROR = "ERROR"  # the rule itself raised; the run goes on


@dataclass(frozen=True)
class Frameworks:
    """Where a rule maps in the frameworks people report against."""

    security_hub: tuple[str, ...] = ()  # Security Hub control ids, e.g. ("RDS.3",)
    cis: tuple[str, ...] = ()  # CIS AWS Foundations Benchmark recommendations, e.g. ("2.3.1",)
    well_architected: tuple[str, ...] = ()  # Well-Architected best practices, e.g. ("SEC08-BP02",)

    def ids(self) -> list[str]:
        return [*self.security_hub, *(f"CIS {c}" for c in self.cis), *self.well_architected]


@dataclass(frozen=True)
class Remediation:
    text: str
    yaml: str = ""  # the archcode YAML that fixes it
    cloudformation: str = ""  # the CloudFormation that fixes it
    terraform: str = ""  # the Terraform (HCL) that fixes it


@dataclass(frozen=True)
class Verdict:
    """What a rule says about one resource (or one path, for architecture rules)."""

    outcome: Outcome
    message: str
    resource: str | None = None  # the resource id; per-resource rules get it filled in
    path: tuple[str, ...] = ()  # graph rules: the offending path, entry point first
    # PASS or NOT_APPLICABLE reached because something was not found ("no resource policy",
    # "no active access key"): when discovery could not read it, the engine makes it UNKNOWN.
    rests_on_absence: bool = False
    # A model-wide verdict about one account of a multi-account model ("account X has no
    # trail"): it tells the findings of different accounts apart (fingerprint, audit store).
    account: str | None = None


def passed(message: str = "") -> Verdict:
    return Verdict(Outcome.PASS, message)


def failed(message: str, *, path: Iterable[str] = ()) -> Verdict:
    return Verdict(Outcome.FAIL, message, path=tuple(path))


def unknown(field_name: str) -> Verdict:
    return Verdict(Outcome.UNKNOWN, f"{field_name} is not known")


def not_applicable(reason: str) -> Verdict:
    return Verdict(Outcome.NOT_APPLICABLE, reason)


def none_found(reason: str, outcome: Outcome = Outcome.NOT_APPLICABLE) -> Verdict:
    """NOT_APPLICABLE (or PASS, or FAIL) because the model holds none of something: a positive
    absence from a template, but UNKNOWN when discovery could not read the resource's kind (or the
    rule's ``relies_on`` kinds) in its account."""
    return Verdict(outcome, reason, rests_on_absence=True)


def expect(
    value: bool | None, field_name: str, fail_message: str, pass_message: str = ""
) -> Verdict:
    """The common tri-state check: True passes, False fails, None (unknown) is UNKNOWN."""
    if value is None:
        return unknown(field_name)
    return passed(pass_message) if value else failed(fail_message)


ResourceCheck = Callable[[Any, "Context"], Verdict]
"""Per-resource rule: (resource of one of the rule's kinds, context) -> one verdict."""

ArchitectureCheck = Callable[["Context"], Iterable[Verdict]]
"""Architecture rule: (context) -> verdicts, each naming its resource (and path)."""


@dataclass(frozen=True)
class Rule:
    id: str
    title: str  # states the required condition: "RDS instances are encrypted at rest"
    severity: Severity
    category: Category
    kinds: tuple[str, ...]  # registry kinds it applies to (architecture rules: what they report)
    frameworks: Frameworks
    rationale: str
    remediation: Remediation
    resource_check: ResourceCheck | None = None
    architecture_check: ArchitectureCheck | None = None
    source: str = "builtin"  # "builtin" or the custom rules file it came from
    tags: tuple[str, ...] = field(default=())
    # Kinds whose absence can make this rule FAIL ("no WAF web ACL", "no backup selection").
    # When discovery could not read them, "none found" proves nothing: FAIL becomes UNKNOWN
    # (and so does a ``none_found`` PASS or NOT_APPLICABLE).
    relies_on: tuple[str, ...] = ()
    account_scope: AccountScope = AccountScope.CROSS_ACCOUNT

    @property
    def scope(self) -> str:
        return "resource" if self.resource_check is not None else "architecture"
