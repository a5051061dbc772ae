"""The cost change between two architectures (base and head of a pull request)."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from archcode.cost.formats import cell, prices_line
from archcode.cost.money import amount, plain, priced
from archcode.cost.report import CostReport
from archcode.reports.markdown import escape as md


@dataclass(frozen=True)
class ComponentChange:
    resource_id: str
    kind: str
    status: str  # added | removed | changed | unchanged
    before: Decimal | None
    after: Decimal | None
    # what is priced on each side, and how many lines are not (a side that is absent: 0, 0)
    before_known: Decimal = Decimal(0)
    after_known: Decimal = Decimal(0)
    before_unpriced: int = 0
    after_unpriced: int = 0

    @property
    def delta(self) -> Decimal | None:
        """The change; None when either side has a missing price."""
        before = Decimal(0) if self.status == "added" else self.before
        after = Decimal(0) if self.status == "removed" else self.after
        if before is None or after is None:
            return None
        return after - before

    @property
    def known_delta(self) -> Decimal:
        """The change of what is priced on both sides."""
        return self.after_known - self.before_known

    @property
    def unpriced(self) -> int:
        """Lines without a price on the side that has more of them."""
        return max(self.before_unpriced, self.after_unpriced)

    def shown(self, side: str) -> str:
        """The cost before or after, as the priced part and the lines without a price."""
        if side == "before":
            return priced(self.before_known, self.before_unpriced, "line")
        return priced(self.after_known, self.after_unpriced, "line")

    @property
    def shown_delta(self) -> str:
        return priced(
            self.known_delta, 0 if self.delta is not None else self.unpriced, "line", True
        )


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

    @property
    def known_delta(self) -> Decimal:
        """The change of the priced sums (the whole change when nothing lacks a price)."""
        return self.head.known_total - self.base.known_total

    @property
    def unknown(self) -> tuple[str, ...]:
        """Components whose change is not known in full (a price is missing on a side)."""
        return tuple(
            ch.resource_id for ch in self.changes if ch.status != "unchanged" and ch.delta is None
        )

    def shown(self, side: str) -> str:
        report = self.base if side == "base" else self.head
        return priced(report.known_total, len(report.unpriced_components))

    @property
    def shown_delta(self) -> str:
        """ "+$12.00", or "+$12.00 + 1 component without a price" when a change is not known."""
        unknown = 0 if self.delta is not None else len(self.unknown)
        return priced(self.known_delta, unknown, signed=True)


def compare(base: CostReport, head: CostReport) -> CostDiff:
    changes = []
    for rid in dict.fromkeys([*base.components, *head.components]):
        old, new = base.components.get(rid), head.components.get(rid)
        if old is None and new is not None:
            status = "added"
        elif new is None and old is not None:
            status = "removed"
        elif old is not None and new is not None:
            same = old.total == new.total and old.lines == new.lines
            status = "unchanged" if same else "changed"
        else:
            continue
        some = new or old
        assert some is not None
        changes.append(
            ComponentChange(
                rid,
                some.kind,
                status,
                old.total if old else None,
                new.total if new else None,
                old.known_total if old else Decimal(0),
                new.known_total if new else Decimal(0),
                old.unpriced_lines if old else 0,
                new.unpriced_lines if new else 0,
            )
        )
    return CostDiff(base, head, tuple(changes))


def _percent(diff: CostDiff) -> str:
    base = diff.base.total
    if diff.delta is None or not base:
        return ""
    return f" ({diff.delta / base * 100:+.1f}%)"


def to_markdown(diff: CostDiff) -> str:
    out = [
        f"### Monthly cost change: {diff.shown_delta}{_percent(diff)}",
        "",
        f"Per month: {diff.shown('base')} → {diff.shown('head')}. {prices_line(diff.head)}.",
        "",
        "| Component | Kind | Change | Before | After | Difference |",
        "|---|---|---|---:|---:|---:|",
    ]
    for ch in diff.changes:
        if ch.status == "unchanged":
            continue
        out.append(
            f"| {md(ch.resource_id)} | {md(ch.kind)} | {ch.status} | "
            f"{'' if ch.status == 'added' else ch.shown('before')} | "
            f"{'' if ch.status == 'removed' else ch.shown('after')} | {ch.shown_delta} |"
        )
    unchanged = sum(ch.status == "unchanged" for ch in diff.changes)
    out.append(
        f"| **Total** | | | {diff.shown('base')} | {diff.shown('head')} | **{diff.shown_delta}** |"
    )
    if unchanged:
        out += ["", f"{unchanged} component(s) unchanged."]
    assumed = [rid for rid, c in diff.head.components.items() if c.assumed]
    if assumed:
        out += ["", f"Assumed usage (archcode defaults) in: {', '.join(md(a) for a in assumed)}."]
    return "\n".join(out) + "\n"


def to_text(diff: CostDiff) -> str:
    out = [
        f"Monthly cost change: {diff.shown_delta}{_percent(diff)}",
        prices_line(diff.head),
    ]
    for ch in diff.changes:
        if ch.status != "unchanged":
            before = "" if ch.status == "added" else ch.shown("before")
            after = "" if ch.status == "removed" else ch.shown("after")
            out.append(
                f"  {ch.status:<9} {ch.resource_id:<40} {before:>16} -> "
                f"{after:>16} {ch.shown_delta:>16}"
            )
    out.append(f"Total: {diff.shown('base')} -> {diff.shown('head')}")
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
        "base_known_total": amount(diff.base.known_total),
        "head_known_total": amount(diff.head.known_total),
        "known_delta": amount(diff.known_delta),
        "unpriced_components": {
            "base": list(diff.base.unpriced_components),
            "head": list(diff.head.unpriced_components),
        },
        "components": [
            {
                "id": ch.resource_id,
                "kind": ch.kind,
                "status": ch.status,
                "before": amount(ch.before),
                "after": amount(ch.after),
                "delta": amount(ch.delta),
                "known_delta": amount(ch.known_delta),
                "unpriced_lines": ch.unpriced,
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
