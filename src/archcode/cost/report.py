"""What an estimate is made of: cost lines, components and the report (the public result)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import cached_property

NOT_FOUND = "price not found"
NO_VPC = "(no VPC)"


@dataclass(frozen=True)
class CostLine:
    """One charge of one component: quantity x unit price = monthly (USD).

    ``unit_price`` and ``monthly`` are None when the table holds no price for the line: such a
    line is shown as "price not found", never as $0. ``unit_price`` is the effective rate when
    the quantity spans several tiers. ``free_quantity`` is what a free tier took off.
    """

    name: str
    quantity: Decimal
    unit: str
    unit_price: Decimal | None
    monthly: Decimal | None
    price: str = ""  # the price key looked up: "AWSLambda Request us-east-1"
    assumed: bool = False
    free_quantity: Decimal = Decimal(0)
    note: str = ""

    @property
    def found(self) -> bool:
        return self.monthly is not None


@dataclass(frozen=True)
class ComponentCost:
    """The monthly cost of one resource; ``total`` is None when any of its prices is missing."""

    resource_id: str
    kind: str
    name: str
    region: str
    account: str
    vpc: str
    lines: tuple[CostLine, ...]
    assumptions: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()

    @cached_property
    def total(self) -> Decimal | None:
        if any(line.monthly is None for line in self.lines):
            return None
        return sum((line.monthly for line in self.lines if line.monthly is not None), Decimal(0))

    @cached_property
    def known_total(self) -> Decimal:
        """The sum of the lines that have a price (a lower bound when some are missing)."""
        return sum((line.monthly for line in self.lines if line.monthly is not None), Decimal(0))

    @property
    def unpriced_lines(self) -> int:
        """How many of its lines have no price (the table does not hold it)."""
        return sum(1 for line in self.lines if line.monthly is None)

    @property
    def assumed(self) -> bool:
        return bool(self.assumptions)


@dataclass(frozen=True)
class Subtotal:
    total: Decimal | None
    known_total: Decimal
    components: int
    unpriced: int = 0  # components of the group with at least one line without a price


@dataclass(frozen=True)
class CostReport:
    """A priced architecture: per-resource components, subtotals and the grand total (USD/month)."""

    architecture: str
    components: dict[str, ComponentCost]
    price_table_date: date | None
    price_sources: tuple[str, ...] = ()
    free_tier: bool = False
    currency: str = "USD"
    unpriced_kinds: dict[str, str] = field(default_factory=dict)

    @cached_property
    def total(self) -> Decimal | None:
        """The grand total, or None when any price is missing (see ``known_total``)."""
        totals = [c.total for c in self.components.values()]
        if self.unpriced_kinds or any(t is None for t in totals):
            return None
        return sum((t for t in totals if t is not None), Decimal(0))

    @cached_property
    def known_total(self) -> Decimal:
        return sum((c.known_total for c in self.components.values()), Decimal(0))

    @cached_property
    def unpriced_components(self) -> tuple[str, ...]:
        """Ids of components left (partly) without a price: a line the table does not hold, or
        a kind no pricer knows. ``known_total`` sums everything else."""
        partly = [rid for rid, c in self.components.items() if c.total is None]
        return (*partly, *self.unpriced_kinds)

    @cached_property
    def missing(self) -> list[tuple[str, CostLine]]:
        """(resource id, line) for every line whose price the table does not hold."""
        return [(rid, ln) for rid, c in self.components.items() for ln in c.lines if not ln.found]

    def subtotals(self, by: str) -> dict[str, Subtotal]:
        """Subtotals per "vpc", "region" or "account", in first-seen order."""
        key: Callable[[ComponentCost], str] = {
            "vpc": lambda c: c.vpc,
            "region": lambda c: c.region,
            "account": lambda c: c.account,
        }[by]
        groups: dict[str, list[ComponentCost]] = {}
        for component in self.components.values():
            groups.setdefault(key(component), []).append(component)
        result = {}
        for name, members in groups.items():
            totals = [m.total for m in members]
            total = (
                None
                if any(t is None for t in totals)
                else sum((t for t in totals if t is not None), Decimal(0))
            )
            known = sum((m.known_total for m in members), Decimal(0))
            unpriced = sum(1 for m in members if m.total is None)
            result[name] = Subtotal(total, known, len(members), unpriced)
        return result
