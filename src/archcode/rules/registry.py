"""The one table of built-in rules, filled by the decorators below as catalog modules import."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar, cast

from archcode.model.registry import BY_KIND
from archcode.rules.base import (
    AccountScope,
    ArchitectureCheck,
    Category,
    Frameworks,
    Remediation,
    ResourceCheck,
    Rule,
    Severity,
)

RULES: dict[str, Rule] = {}
NO_FRAMEWORKS = Frameworks()

F = TypeVar("F", bound=Callable[..., object])


def register(rule: Rule) -> Rule:
    if rule.id in RULES:
        raise ValueError(f"duplicate rule id {rule.id}")
    unknown = [k for k in (*rule.kinds, *rule.relies_on) if k not in BY_KIND]
    if unknown:
        raise ValueError(f"rule {rule.id}: unknown kinds {unknown}")
    RULES[rule.id] = rule
    return rule


def _declaring(scope: str, per_account: bool = False, **meta: Any) -> Callable[[F], F]:
    meta["account_scope"] = AccountScope.PER_ACCOUNT if per_account else AccountScope.CROSS_ACCOUNT

    def decorate(check: F) -> F:
        if scope == "resource":
            register(Rule(**meta, resource_check=cast(ResourceCheck, check)))
        else:
            register(Rule(**meta, architecture_check=cast(ArchitectureCheck, check)))
        return check

    return decorate


def resource_rule(
    *,
    id: str,
    title: str,
    severity: Severity,
    category: Category,
    kinds: tuple[str, ...],
    rationale: str,
    remediation: Remediation,
    frameworks: Frameworks = NO_FRAMEWORKS,
    relies_on: tuple[str, ...] = (),
    per_account: bool = False,
) -> Callable[[F], F]:
    """Declare a per-resource rule: the function gets each resource of ``kinds``.

    ``per_account``: the check touches the context only through ``ctx.resource``, ``ctx.id_of``
    and ``ctx.unread`` (tests/test_rules_account_scope.py checks it), so a multi-account model
    can be checked one account at a time (``AccountScope``).
    """
    return _declaring("resource", **locals())  # exactly Rule's metadata fields


def architecture_rule(
    *,
    id: str,
    title: str,
    severity: Severity,
    category: Category,
    kinds: tuple[str, ...],
    rationale: str,
    remediation: Remediation,
    frameworks: Frameworks = NO_FRAMEWORKS,
    relies_on: tuple[str, ...] = (),
) -> Callable[[F], F]:
    """Declare a rule over the whole model (usually its graph)."""
    return _declaring("architecture", **locals())


def builtin_rules() -> dict[str, Rule]:
    """Every built-in rule (imports the catalog on first use)."""
    import archcode.rules.catalog  # noqa: F401  (registers the rules)

    return RULES


__all__ = [
    "RULES",
    "ArchitectureCheck",
    "ResourceCheck",
    "architecture_rule",
    "builtin_rules",
    "register",
    "resource_rule",
]
