"""Markdown for a pull-request comment: the summary, then the findings, worst first.

GitHub renders HTML inside Markdown and pings @names, and resource names can come from a live
account, so every name and message is escaped. A comment is limited to 65,536 characters: the
table stops early and says how many findings it left out.
"""

from __future__ import annotations

import html
import re

from archcode.reports._common import gap_text, headline, ordered, where
from archcode.rules.base import Severity
from archcode.rules.findings import CheckReport, Finding

MAX_CHARS = 65_536
_ICON = {"critical": "🟥", "high": "🟧", "medium": "🟨", "low": "🟦", "info": "⬜"}
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|~<>])")


def escape(text: str) -> str:
    """Text that renders as itself in a GitHub comment table cell."""
    one_line = " ".join(text.split())
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", html.escape(one_line, quote=False))
    return escaped.replace("@", "&#64;")


def _code(text: str) -> str:
    """Text for inside a code span, where backslash escapes do not work."""
    return html.escape(" ".join(text.split()).replace("`", "'"), quote=False)


def render_markdown(report: CheckReport, max_chars: int = MAX_CHARS) -> str:
    # Room for the closing lines and the "not shown" note.
    budget = max_chars - 2_000 if max_chars > 4_000 else max_chars // 2
    summary = report.summary()
    failing = report.gating
    verdict = "❌ **archcode check failed**" if failing else "✅ **archcode check passed**"
    lines = [
        "## archcode check",
        "",
        f"{verdict}: {escape(headline(report))}",
        "",
        "| Severity | Open |",
        "|---|---|",
    ]
    for severity, count in summary["open_by_severity"].items():
        lines.append(f"| {_ICON[severity]} {severity} | {count} |")
    for warning in report.warnings:
        lines.append(f"\n> ⚠️ {escape(warning)}")
    if report.coverage:
        lines.append(
            f"\n> ⚠️ **{len(report.coverage)} reads could not be made**: the facts they would "
            "have given are UNKNOWN, so this check saw less than the account holds."
        )

    if report.accounts:  # an organisation: at most a third of the room, before the findings
        lines.append(_accounts(report, budget // 3))

    active = ordered([f for f in report.reported if not f.waived])
    waived = ordered([f for f in report.reported if f.waived])
    shown = 0
    text = "\n".join(lines)
    if active:
        text += "\n\n### Findings\n\n| Severity | Status | Rule | Resource | Where | Message |\n"
        text += "|---|---|---|---|---|---|\n"
        for f in active:
            row = _row(f)
            if len(text) + len(row) > budget:
                break
            text += row
            shown += 1
    waived_shown = 0
    if waived and shown == len(active):
        text += f"\n<details><summary>{len(waived)} waived</summary>\n\n"
        text += "| Rule | Resource | Until | Reason |\n|---|---|---|---|\n"
        for f in waived:
            assert f.waiver is not None
            row = (
                f"| `{_code(f.rule.id)}` | {escape(f.resource or '-')} | "
                f"{f.waiver.expires.isoformat()} | {escape(f.waiver.reason)} |\n"
            )
            if len(text) + len(row) > budget:
                break
            text += row
            waived_shown += 1
        text += "\n</details>\n"
    # The gaps may use the room the findings left, and part of the reserve for closing lines.
    text += _gaps(report, max(budget - len(text), 0) + 1_000)
    left = (len(active) - shown) + (len(waived) - waived_shown)
    if left:
        text += (
            f"\n_{left} more findings not shown ({len(active) - shown} open, "
            f"{len(waived) - waived_shown} waived): the comment limit is {max_chars} "
            "characters. Run `archcode check` for the full list._\n"
        )
    return text


def _gaps(report: CheckReport, room: int) -> str:
    """The coverage gaps, one row each, as far as the comment has room."""
    if not report.coverage:
        return ""
    text = f"\n<details><summary>{len(report.coverage)} not read</summary>\n\n"
    text += "| Source | Not read |\n|---|---|\n"
    shown = 0
    for source, gap in report.coverage:
        row = f"| {escape(source)} | {escape(gap_text(gap))} |\n"
        if len(text) + len(row) > room:
            break
        text += row
        shown += 1
    if shown < len(report.coverage):
        text += f"\n_{len(report.coverage) - shown} more not shown._\n"
    return text + "\n</details>\n"


def _accounts(report: CheckReport, room: int) -> str:
    """One row per account: regions, resources, open findings by severity, gaps."""
    severities = [s.value for s in Severity]
    text = f"\n<details><summary>{len(report.accounts)} accounts</summary>\n\n"
    text += "| Account | Regions | Resources | " + " | ".join(severities) + " | Gaps |\n"
    text += "|---" * (4 + len(severities)) + "|\n"
    shown = 0
    for row in report.accounts:
        counts = " | ".join(str(row.findings.get(s, 0)) for s in severities)
        line = (
            f"| {escape(row.label())} | {escape(', '.join(row.regions) or '-')} | "
            f"{row.resources} | {counts} | {row.gaps} |\n"
        )
        if len(text) + len(line) > room:
            break
        text += line
        shown += 1
    if shown < len(report.accounts):
        text += f"\n_{len(report.accounts) - shown} more accounts not shown._\n"
    return text + "\n</details>"


def _row(f: Finding) -> str:
    sev = f.severity.value
    return (
        f"| {_ICON[sev]} {sev} | {f.status} | `{_code(f.rule.id)}` | "
        f"{escape(f.resource or '-')} | {escape(where(f))} | {escape(f.message)} |\n"
    )
