"""Whether a statement's conditions narrow a broad principal down: one judgement for trust
policies and resource policies alike.

Condition keys and operators are case-insensitive in IAM (AWS's own SNS default policy writes
``AWS:SourceOwner``); an operator may carry an ``...IfExists`` suffix and a ``ForAnyValue:`` /
``ForAllValues:`` set qualifier.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from archcode.model.iam import Statement

# Conditions that pin a principal to an organisation, account or calling resource.
ORG_KEYS = frozenset(
    k.lower()
    for k in (
        "aws:PrincipalOrgID",
        "aws:PrincipalOrgPaths",
        "aws:PrincipalAccount",
        "aws:PrincipalArn",
        "aws:SourceAccount",
        "aws:SourceArn",
        "aws:SourceOrgID",
    )
)
# Operators whose match is a negation: they let through everything but the values named.
_NEGATED = ("stringnot", "arnnot", "notipaddress", "numericnot", "datenot")
# Operators that read ``*`` in a value as a wildcard.
_LIKE = ("stringlike", "arnlike", "arnequals")


@dataclass(frozen=True)
class Operator:
    """A condition operator taken apart: ``ForAnyValue:StringEqualsIfExists`` ->
    (``foranyvalue``, ``stringequals``, if_exists=True)."""

    qualifier: str
    base: str
    if_exists: bool

    @classmethod
    def parse(cls, text: str) -> Operator:
        qualifier, _, base = text.lower().rpartition(":")
        if_exists = base.endswith("ifexists")
        return cls(qualifier, base.removesuffix("ifexists"), if_exists)

    @property
    def narrows(self) -> bool:
        """A request without the key, or with any value but the named ones, does not match.

        ``...IfExists`` and ``ForAllValues:`` match when the key is missing; negated operators
        and ``Null`` match nearly everything: none of them narrows "*" down.
        """
        return (
            not self.if_exists
            and self.qualifier != "forallvalues"
            and self.base != "null"
            and not self.base.startswith(_NEGATED)
        )


def conditions(statement: Statement) -> Iterator[tuple[Operator, str, list[Any]]]:
    """(operator, lowercased key, values as a list) for every condition of the statement."""
    for operator, block in (statement.condition or {}).items():
        parsed = Operator.parse(operator)
        for key, values in (block or {}).items():
            yield parsed, key.lower(), values if isinstance(values, list) else [values]


def _narrowing(op: Operator, values: list[Any]) -> bool:
    # A wildcard-only value (StringLike "*") matches every request that carries the key.
    if op.base in _LIKE and any(isinstance(v, str) and v.strip() == "*" for v in values):
        return False
    return op.narrows and bool(values)


def narrowed(statement: Statement, keys: Iterable[str]) -> bool:
    """Some condition on one of ``keys`` (lowercased) narrows the statement's principals."""
    wanted = frozenset(keys)
    return any(
        key in wanted and _narrowing(op, values) for op, key, values in conditions(statement)
    )
