"""The pull-request diff as one GitHub comment: resources, findings and cost that change.

Sections are filled in order of what a reviewer needs first (new findings, cost, resources);
when the comment limit is reached, each section stops early and says how many rows it left out.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import TypeVar

from archcode.cost.money import without_price
from archcode.reports.markdown import MAX_CHARS, escape
from archcode.reports.pr_diff import PullRequestDiff
from archcode.rules.findings import Finding

T = TypeVar("T")
_ICON = {"critical": "🟥", "high": "🟧", "medium": "🟨", "low": "🟦", "info": "⬜"}


def _signed(value: Decimal, unpriced: int = 0, what: str = "component") -> str:
    """A change, then what it leaves out: "+$3.00 + 1 component without a price"."""
    sign = "+" if value > 0 else "-" if value < 0 else "±"
    return f"{sign}${abs(value):,.2f}{without_price(unpriced, what)}"


def _unknown(diff: PullRequestDiff) -> int:
    return 0 if diff.cost_delta is not None else len(diff.cost.unknown)


class _Comment:
    def __init__(self, max_chars: int) -> None:
        self.budget = max_chars - 1_000 if max_chars > 2_000 else max_chars // 2
        self.text = ""
        self.left_out = 0

    def add(self, text: str) -> None:
        self.text += text

    def table(self, header: str, items: Sequence[T], row: Callable[[T], str]) -> None:
        if not items:
            return
        self.text += header
        for shown, item in enumerate(items):
            line = row(item)
            if len(self.text) + len(line) > self.budget:
                missing = len(items) - shown
                self.left_out += missing
                self.text += f"\n_… {missing} more not shown (comment size limit)._\n"
                return
            self.text += line
        self.text += "\n"


def _finding_row(f: Finding) -> str:
    sev = f.severity.value
    return (
        f"| {_ICON[sev]} {sev} | `{f.rule.id}` | {escape(f.resource or '-')} | "
        f"{escape(f.message)} |\n"
    )


def render_diff_markdown(diff: PullRequestDiff, max_chars: int = MAX_CHARS) -> str:
    model = diff.model
    out = _Comment(max_chars)
    new, fixed = len(diff.findings_new), len(diff.findings_fixed)
    out.add(
        f"## archcode diff: {escape(diff.base_name)} → {escape(diff.head_name)}\n\n"
        f"| | |\n|---|---|\n"
        f"| Resources | +{len(model.added)} added, -{len(model.removed)} removed, "
        f"{len(model.changed)} changed |\n"
        f"| Findings | {new} new, {fixed} fixed, {len(diff.findings_unchanged)} unchanged |\n"
        f"| Monthly cost | {diff.cost.shown('base')} → {diff.cost.shown('head')} "
        f"(change: {_signed(diff.cost.known_delta, _unknown(diff))}) |\n\n"
    )
    head = "| Severity | Rule | Resource | Message |\n|---|---|---|---|\n"
    out.table(f"### New findings\n\n{head}", diff.findings_new, _finding_row)
    out.table(f"### Fixed findings\n\n{head}", diff.findings_fixed, _finding_row)
    out.table(
        "### Cost change per component (USD/month)\n\n| Resource | Before | After | Change |\n"
        "|---|---|---|---|\n",
        diff.cost_changes,
        lambda c: (
            f"| {escape(c.resource_id)} | {'—' if c.status == 'added' else c.shown('before')} | "
            f"{'—' if c.status == 'removed' else c.shown('after')} | "
            f"{_signed(c.known_delta, 0 if c.delta is not None else c.unpriced, 'line')} |\n"
        ),
    )
    rows = [("added", rid, "") for rid in model.added]
    rows += [("removed", rid, "") for rid in model.removed]
    rows += [("changed", c.id, ", ".join(fc.field for fc in c.changes)) for c in model.changed]
    out.table(
        "### Resources\n\n| Change | Resource | Fields |\n|---|---|---|\n",
        rows,
        lambda r: f"| {r[0]} | {escape(r[1])} | {escape(r[2]) or '—'} |\n",
    )
    conns = [("added", k) for k in model.connections_added]
    conns += [("removed", k) for k in model.connections_removed]
    out.table(
        "### Connections\n\n| Change | From | To | Protocol |\n|---|---|---|---|\n",
        conns,
        lambda c: (
            f"| {c[0]} | {escape(c[1][0])} | {escape(c[1][1])} | "
            f"{escape(str(c[1][2] or '—'))}{'' if c[1][3] is None else f':{c[1][3]}'} |\n"
        ),
    )
    if model.empty and not (new or fixed):
        out.add("_No change to resources, connections or findings._\n")
    if out.left_out:
        out.add(
            f"\n_{out.left_out} rows left out to fit GitHub's {max_chars:,}-character limit: "
            "run `archcode diff --format json` for everything._\n"
        )
    return out.text
