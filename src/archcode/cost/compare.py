"""The cost change between two architectures (base and head of a pull request)."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from archcode.cost.formats import cell, prices_line
from archcode.cost.money import amount, plain, usd
from archcode.cost.report import CostReport
from archcode.reports.markdown import escape as md


@dataclass(frozen=True)
class ComponentChange:
    resource_id: str
    kind: str
    status: str  # added | removed | changed | unchanged
    before: Decimal | None
    after: Decimal | None

    @property
    def delta(self) -> Decimal | None:
        """The change; None when either side has a missing price."""
        before = Decimal(0) if self.status == "added" else self.before
        after = Decimal(0) if self.status == "removed" else self.after
        if before is None or after is None:
            return None
        return after - before


@dataclass(frozen=True)
class CostDiff:
    base: CostReport
    head: CostReport
    changes: tuple[ComponentChange, ...]

    @property
    def delta(self) -> Decimal | None:
        if self.base.total is None or self.head.total is None:
            return None
        return self.head.total - self.base.total


def compare(base: CostReport, head: CostReport) -> CostDiff:
    changes = []
    for rid in dict.fromkeys([*base.components, *head.components]):
        old, new = base.components.get(rid), head.components.get(rid)
        if old is None and new is not None:
            changes.append(ComponentChange(rid, new.kind, "added", None, new.total))
        elif new is None and old is not None:
            changes.append(ComponentChange(rid, old.kind, "removed", old.total, None))
        elif old is not None and new is not None:
            same = old.total == new.total and old.lines == new.lines
            status = "unchanged" if same else "changed"
            changes.append(ComponentChange(rid, new.kind, status, old.total, new.total))
    return CostDiff(base, head, tuple(changes))


def _percent(diff: CostDiff) -> str:
    base = diff.base.total
    if diff.delta is None or not base:
        return ""
    return f" ({diff.delta / base * 100:+.1f}%)"


def to_markdown(diff: CostDiff) -> str:
    delta = diff.delta
    headline = usd(delta, signed=True) if delta is not None else "unknown (price not found)"
    out = [
        f"### Monthly cost change: {headline}{_percent(diff)}",
        "",
        f"{usd(diff.base.total)} → {usd(diff.head.total)} per month. {prices_line(diff.head)}.",
        "",
        "| Component | Kind | Change | Before | After | Difference |",
        "|---|---|---|---:|---:|---:|",
    ]
    for ch in diff.changes:
        if ch.status == "unchanged":
            continue
        out.append(
            f"| {md(ch.resource_id)} | {md(ch.kind)} | {ch.status} | "
            f"{'' if ch.status == 'added' else usd(ch.before)} | "
            f"{'' if ch.status == 'removed' else usd(ch.after)} | {usd(ch.delta, signed=True)} |"
        )
    unchanged = sum(ch.status == "unchanged" for ch in diff.changes)
    out.append(
        f"| **Total** | | | {usd(diff.base.total)} | {usd(diff.head.total)} | "
        f"**{usd(delta, signed=True)}** |"
    )
    if unchanged:
        out += ["", f"{unchanged} component(s) unchanged."]
    assumed = [rid for rid, c in diff.head.components.items() if c.assumed]
    if assumed:
        out += ["", f"Assumed usage (archcode defaults) in: {', '.join(md(a) for a in assumed)}."]
    return "\n".join(out) + "\n"


def to_text(diff: CostDiff) -> str:
    out = [
        f"Monthly cost change: {usd(diff.delta, signed=True)}{_percent(diff)}",
        prices_line(diff.head),
    ]
    for ch in diff.changes:
        if ch.status != "unchanged":
            out.append(
                f"  {ch.status:<9} {ch.resource_id:<40} {usd(ch.before):>16} -> "
                f"{usd(ch.after):>16} {usd(ch.delta, signed=True):>16}"
            )
    out.append(f"Total: {usd(diff.base.total)} -> {usd(diff.head.total)}")
    return "\n".join(out) + "\n"


def to_dict(diff: CostDiff) -> dict[str, Any]:
    return {
        "currency": "USD",
        "price_table_date": diff.head.price_table_date.isoformat()
        if diff.head.price_table_date
        else None,
        "base_total": amount(diff.base.total),
        "head_total": amount(diff.head.total),
        "delta": amount(diff.delta),
        "components": [
            {
                "id": ch.resource_id,
                "kind": ch.kind,
                "status": ch.status,
                "before": amount(ch.before),
                "after": amount(ch.after),
                "delta": amount(ch.delta),
            }
            for ch in diff.changes
        ],
    }


def render_diff(diff: CostDiff, fmt: str) -> str:
    if fmt == "json":
        return json.dumps(to_dict(diff), indent=2) + "\n"
    if fmt == "text":
        return to_text(diff)
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(["component", "kind", "status", "before_usd", "after_usd", "delta_usd"])
        for ch in diff.changes:
            cells = ["" if v is None else plain(v) for v in (ch.before, ch.after, ch.delta)]
            writer.writerow([cell(ch.resource_id), ch.kind, ch.status, *cells])
        return buffer.getvalue()
    return to_markdown(diff)
