"""The terminal report: a rich table on a terminal, plain aligned lines otherwise."""

from __future__ import annotations

import io
import shutil

from archcode.errors import shown
from archcode.reports._common import gap_text, headline, ordered, where
from archcode.rules.findings import CheckReport, Finding

_STYLE = {"critical": "bold red", "high": "red", "medium": "yellow", "low": "cyan", "info": "dim"}


def render_text(report: CheckReport, *, rich: bool = False) -> str:
    """The findings (not the passes) worst first, then one summary line."""
    findings = ordered(report.reported)
    return _rich(report, findings) if rich else _plain(report, findings)


def _plain(report: CheckReport, findings: list[Finding]) -> str:
    lines = []
    for f in findings:
        note = _note(f)
        location = shown(where(f) or "-")
        resource = shown(_resource(f))
        lines.append(
            f"{f.severity.value.upper():<8} {f.status:<8} {f.rule.id}  {resource}  {location}  "
            f"{shown(_one_line(f.message) + note)}"
        )
    lines += _gaps(report)
    lines += [shown(row.line()) for row in report.accounts]
    lines.append(headline(report))
    return "\n".join(lines) + "\n"


def _rich(report: CheckReport, findings: list[Finding]) -> str:
    # Only on a terminal: a pre-commit hook or CI log (plain lines) does not load rich.
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    width = shutil.get_terminal_size((120, 40)).columns
    buffer = io.StringIO()
    console = Console(file=buffer, force_terminal=True, width=width, highlight=False)
    if findings:
        table = Table(show_lines=False, header_style="bold")
        for column in ("Severity", "Status", "Rule", "Resource", "Where", "Message"):
            table.add_column(column, overflow="fold")
        for f in findings:
            sev = f.severity.value
            table.add_row(
                f"[{_STYLE[sev]}]{sev.upper()}[/]",
                escape(f.status),
                escape(f.rule.id),
                escape(shown(_resource(f))),
                escape(shown(where(f))),
                escape(shown(_one_line(f.message) + _note(f))),
            )
        console.print(table)
    for line in _gaps(report):
        console.print(escape(line))
    for row in report.accounts:
        console.print(escape(shown(row.line())))
    console.print(escape(headline(report)))
    return buffer.getvalue()


def _gaps(report: CheckReport) -> list[str]:
    """What discovery could not read: the facts it would have given are UNKNOWN."""
    return [f"NOT READ {shown(source)}: {shown(gap_text(gap))}" for source, gap in report.coverage]


def _resource(f: Finding) -> str:
    """The id, and the display name when it says something more."""
    if f.resource is None:
        return "-"
    return f.resource if f.name in (None, f.resource) else f"{f.resource} ({_one_line(f.name)})"


def _note(f: Finding) -> str:
    if f.waiver is None:
        return ""
    if f.waiver.expired:
        return f" (waiver expired {f.waiver.expires.isoformat()})"
    return f" (waived until {f.waiver.expires.isoformat()}: {_one_line(f.waiver.reason)})"


def _one_line(text: str) -> str:
    return " ".join(text.split())
