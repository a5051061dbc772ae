"""Cost per component: a dated price table, usage assumptions, totals and a cost diff.

Public API (used by the renderers and the HTML report)::

    from archcode.cost import estimate
    report = estimate(arch, usage=None, prices=None, free_tier=False)
    report.components["api"].total      # Decimal, or None when a price is missing
    report.components["api"].lines     # CostLine(name, quantity, unit, unit_price, monthly ...)
    report.total, report.price_table_date
"""

from __future__ import annotations

from archcode.cost.estimate import estimate
from archcode.cost.report import NOT_FOUND, ComponentCost, CostLine, CostReport, Subtotal
from archcode.cost.table import PriceRow, PriceTable, load_price_table, shipped_table
from archcode.cost.usage import DEFAULTS, UsageFile, load_usage_file

__all__ = [
    "DEFAULTS",
    "NOT_FOUND",
    "ComponentCost",
    "CostLine",
    "CostReport",
    "PriceRow",
    "PriceTable",
    "Subtotal",
    "UsageFile",
    "estimate",
    "load_price_table",
    "load_usage_file",
    "shipped_table",
]
