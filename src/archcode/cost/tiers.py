"""Tiered prices: the cost of a quantity spread over consecutive price tiers."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from archcode.cost.table import PriceRow


def tiered_cost(quantity: Decimal, tiers: Sequence[PriceRow]) -> Decimal | None:
    """The cost of ``quantity`` over ``tiers`` (ascending, contiguous from 0).

    None when the quantity runs past the last bounded tier: a price the table does not hold.
    """
    cost = Decimal(0)
    for row in tiers:
        if quantity <= row.tier_start:
            return cost
        top = quantity if row.tier_end is None else min(quantity, row.tier_end)
        cost += (top - row.tier_start) * row.price
        if row.tier_end is None or quantity <= row.tier_end:
            return cost
    return cost if quantity == 0 else None
