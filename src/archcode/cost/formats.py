"""A cost report as text, JSON, Markdown or CSV. Every format shows the price table's date,
marks assumed usage, prints a missing price as "price not found" (never $0), and gives totals as
the sum of what is priced followed by what is left without a price."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from archcode.cost.money import amount, plain, priced, quantity, rate, usd, without_price
from archcode.cost.report import NO_VPC, ComponentCost, CostLine, CostReport, Subtotal
from archcode.reports.markdown import escape as md  # names come from live accounts

FORMATS = ("text", "json", "markdown", "csv")
ASSUMED_MARK = "*"
SUBTOTAL_GROUPS = (("vpc", "VPC"), ("region", "region"), ("account", "account"))


def render(report: CostReport, fmt: str) -> str:
    return {"text": to_text, "json": to_json, "markdown": to_markdown, "csv": to_csv}[fmt](report)


def prices_line(report: CostReport) -> str:
    sources = " + ".join(report.price_sources) or "undated table"
    return f"Prices: {sources}; list prices, on-demand, USD"


def total_line(report: CostReport) -> str:
    """The grand total: the sum of what is priced, then the components left without a price."""
    return priced(report.known_total, len(report.unpriced_components))


def _subtotal(sub: Subtotal) -> str:
    return priced(sub.known_total, sub.unpriced)


def _component_total(c: ComponentCost) -> str:
    return priced(c.known_total, c.unpriced_lines, "line")


# --- text ------------------------------------------------------------------------------------


def to_text(report: CostReport) -> str:
    out = [
        f"Monthly cost of {report.architecture}",
        prices_line(report),
        f"Free tiers: {'applied' if report.free_tier else 'off'}",
        "",
    ]
    for rid, c in report.components.items():
        place = ", ".join(p for p in (c.kind, c.region, c.vpc) if p != NO_VPC)
        out.append(f"{rid} ({place})")
        for line in c.lines:
            out.append(_text_line(line))
        out.append(_text_total("total", _component_total(c)))
        for note in c.notes:
            out.append(f"  note: {note}")
        for assumption in c.assumptions:
            out.append(f"  {ASSUMED_MARK} assumed: {assumption}")
        out.append("")
    for rid, kind in report.unpriced_kinds.items():
        out.append(f"{rid} ({kind}): no pricer for this kind, price not found")
    for group, title in SUBTOTAL_GROUPS:
        out.append(f"Subtotal per {title}:")
        for name, sub in report.subtotals(group).items():
            out.append(_text_total(name, _subtotal(sub)))
    rest = without_price(len(report.unpriced_components))
    out.append(f"Total: {usd(report.known_total)} per month{rest}")
    if any(c.assumed for c in report.components.values()):
        out.append(
            f"{ASSUMED_MARK} lines use archcode's default usage (docs/cost.md); give real usage"
        )
    return "\n".join(out) + "\n"


TEXT_WIDTH = 108


def _text_line(line: CostLine) -> str:
    mark = ASSUMED_MARK if line.assumed else " "
    qty = f"{quantity(line.quantity)} {line.unit}".strip()
    free = f" (free {quantity(line.free_quantity)})" if line.free_quantity else ""
    note = f"  [{line.note}]" if line.note else ""
    price = rate(line.unit_price) if line.found else "-"
    return f"  {mark}{line.name:<42} {qty + free:>28} x {price:<16} {usd(line.monthly):>14}{note}"


def _text_total(label: str, amount: str) -> str:
    return f"   {label:<{TEXT_WIDTH - 18}} {amount:>14}"


# --- JSON ------------------------------------------------------------------------------------


def to_dict(report: CostReport) -> dict[str, Any]:
    return {
        "architecture": report.architecture,
        "currency": report.currency,
        "price_table_date": report.price_table_date.isoformat()
        if report.price_table_date
        else None,
        "price_sources": list(report.price_sources),
        "free_tier": report.free_tier,
        "total": amount(report.total),
        "known_total": amount(report.known_total),
        "unpriced_components": list(report.unpriced_components),
        "total_text": total_line(report),
        "components": [
            {
                "id": rid,
                "kind": c.kind,
                "name": c.name,
                "region": c.region,
                "account": c.account,
                "vpc": c.vpc,
                "total": amount(c.total),
                "known_total": amount(c.known_total),
                "unpriced_lines": c.unpriced_lines,
                "assumed": c.assumed,
                "assumptions": list(c.assumptions),
                "notes": list(c.notes),
                "lines": [
                    {
                        "name": ln.name,
                        "quantity": plain(ln.quantity),
                        "unit": ln.unit,
                        "unit_price": amount(ln.unit_price),
                        "monthly": amount(ln.monthly),
                        "price_found": ln.found,
                        "price_key": ln.price,
                        "assumed": ln.assumed,
                        "free_quantity": plain(ln.free_quantity),
                        "note": ln.note,
                    }
                    for ln in c.lines
                ],
            }
            for rid, c in report.components.items()
        ],
        "unpriced": report.unpriced_kinds,
        "subtotals": {
            group: {
                name: {
                    "total": amount(s.total),
                    "known_total": amount(s.known_total),
                    "unpriced_components": s.unpriced,
                }
                for name, s in report.subtotals(group).items()
            }
            for group, _ in SUBTOTAL_GROUPS
        },
    }


def to_json(report: CostReport) -> str:
    return json.dumps(to_dict(report), indent=2) + "\n"


# --- Markdown --------------------------------------------------------------------------------


def to_markdown(report: CostReport) -> str:
    out = [
        f"### Monthly cost of {md(report.architecture)}: {total_line(report)}",
        "",
        f"{prices_line(report)}. Free tiers: {'applied' if report.free_tier else 'off'}.",
        "",
        "| Component | Line | Quantity | Unit price | Monthly |",
        "|---|---|---:|---:|---:|",
    ]
    for rid, c in report.components.items():
        for index, line in enumerate(c.lines):
            who = f"{md(rid)} ({md(c.kind)})" if index == 0 else ""
            mark = f" {ASSUMED_MARK}" if line.assumed else ""
            qty = f"{quantity(line.quantity)} {md(line.unit)}".strip()
            out.append(
                f"| {who} | {md(line.name)}{mark} | {qty} | {rate(line.unit_price)} | "
                f"{usd(line.monthly)} |"
            )
        out.append(
            f"| {md(rid) if not c.lines else ''} | **total** | | | **{_component_total(c)}** |"
        )
    out.append(f"| **Total** | | | | **{total_line(report)}** |")
    for group, title in SUBTOTAL_GROUPS:
        subs = report.subtotals(group)
        parts = [f"{md(name)} {_subtotal(s)}" for name, s in subs.items()]
        out.append("")
        out.append(f"Per {title}: " + "; ".join(parts))
    assumptions = [
        f"- {md(rid)}: {md(a)}" for rid, c in report.components.items() for a in c.assumptions
    ]
    if assumptions:
        out += [
            "",
            f"{ASSUMED_MARK} Assumed usage (archcode defaults, docs/cost.md):",
            *assumptions,
        ]
    return "\n".join(out) + "\n"


# --- CSV -------------------------------------------------------------------------------------

CSV_COLUMNS = (
    "component",
    "kind",
    "region",
    "account",
    "vpc",
    "line",
    "quantity",
    "unit",
    "unit_price_usd",
    "monthly_usd",
    "price_found",
    "assumed",
    "note",
    "price_table_date",
)


def cell(text: str) -> str:
    """Spreadsheets run cells starting with = + - @ as formulas: names are data, not formulas."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def to_csv(report: CostReport) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    date = report.price_table_date.isoformat() if report.price_table_date else ""
    for rid, c in report.components.items():
        for ln in c.lines:
            writer.writerow(
                [
                    cell(rid),
                    c.kind,
                    c.region,
                    cell(c.account),
                    cell(c.vpc),
                    cell(ln.name),
                    plain(ln.quantity),
                    ln.unit,
                    "" if ln.unit_price is None else plain(ln.unit_price),
                    "price not found" if ln.monthly is None else plain(ln.monthly),
                    str(ln.found).lower(),
                    str(ln.assumed).lower(),
                    cell(ln.note),
                    date,
                ]
            )
    return buffer.getvalue()
