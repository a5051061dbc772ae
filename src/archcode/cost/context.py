"""What a pricer works with: the resource's usage, its place, and a way to make cost lines."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from archcode.cost.free_tier import FreeTierLedger
from archcode.cost.report import CostLine
from archcode.cost.table import PriceTable
from archcode.cost.tiers import tiered_cost
from archcode.cost.usage import ResolvedUsage
from archcode.model.architecture import Architecture


@dataclass
class PricingContext:
    arch: Architecture
    resource_id: str
    region: str
    account: str
    usage: ResolvedUsage
    table: PriceTable
    free_tier: FreeTierLedger
    notes: list[str] = field(default_factory=list)

    def line(
        self,
        name: str,
        quantity: Decimal | int | float,
        *,
        service: str,
        usage_type: str,
        operation: str = "",
        region: str | None = None,
        uses: Iterable[str] = (),
        free: str | None = None,
        note: str = "",
    ) -> CostLine:
        """Price ``quantity`` with the table's tiers for one key; "price not found" if absent.

        ``uses`` names the usage fields the quantity came from (to mark assumed lines);
        ``free`` names the free-tier allowance the line draws on.
        """
        qty = Decimal(str(quantity))
        where = region or self.region
        assumed = any(u in self.usage.assumed_fields for u in uses)
        key = " ".join(p for p in (service, usage_type, operation, where) if p)
        tiers = self.table.tiers(service, usage_type, where, operation)
        if not tiers:
            missing = f"no {key} in the price table"
            return CostLine(name, qty, "", None, None, key, assumed, note=_join(note, missing))
        unit = tiers[0].unit
        free_qty = self.free_tier.take(self.account, free, qty)
        billable = qty - free_qty
        monthly = tiered_cost(billable, tiers)
        if monthly is None:
            beyond = f"quantity beyond the table's last tier ({tiers[-1].tier_end})"
            return CostLine(
                name, qty, unit, None, None, key, assumed, free_qty, _join(note, beyond)
            )
        if len(tiers) == 1 or billable <= (tiers[0].tier_end or billable):
            unit_price = tiers[0].price
        else:
            # an average over tiers: shown to 10 decimals (the monthly amount stays exact)
            unit_price = (monthly / billable).quantize(Decimal("1e-10")).normalize()
            note = _join(note, "tiered: effective rate")
        return CostLine(name, qty, unit, unit_price, monthly, key, assumed, free_qty, note)

    def unpriced(self, name: str, quantity: Decimal | int | float, unit: str, why: str) -> CostLine:
        """A line whose price cannot be looked up (the model leaves its type unknown, say)."""
        return CostLine(name, Decimal(str(quantity)), unit, None, None, "", False, note=why)

    def note(self, text: str) -> None:
        if text not in self.notes:
            self.notes.append(text)


def _join(*parts: str) -> str:
    return "; ".join(p for p in parts if p)
