"""What every check report shares: ordering, locations, one-line summaries."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from archcode.model.architecture import CoverageGap
from archcode.rules.findings import CheckReport, Finding


def ordered(findings: list[Finding]) -> list[Finding]:
    """Worst first, then by rule and resource, so reports read the same on every run."""
    return sorted(
        findings,
        key=lambda f: (-f.severity.rank, f.status, f.rule.id, f.resource or "", f.path),
    )


def where(finding: Finding) -> str:
    if not finding.file:
        return ""
    return f"{finding.file}:{finding.line}" if finding.line else finding.file


def relative_uri(file: str, root: str | None = None) -> str | None:
    """A forward-slash path relative to ``root`` (the working directory), or None when outside."""
    if file.startswith("<"):  # <stdin>
        return None
    base = Path(root or os.getcwd()).resolve()
    try:
        rel = Path(file).resolve().relative_to(base)
    except ValueError:
        return None
    return rel.as_posix()


def headline(report: CheckReport) -> str:
    counts = report.summary()["by_status"]
    failing = len(report.gating)
    parts = [
        f"{counts['FAIL']} failed",
        f"{counts['UNKNOWN']} unknown",
        f"{counts['ERROR']} errors",
        f"{counts['WAIVED']} waived",
        f"{counts['PASS']} passed",
    ]
    if report.baselined:
        parts.append(f"{report.baselined} in baseline")
    if report.coverage:
        parts.append(f"{len(report.coverage)} not read (coverage gaps)")
    gate = (
        "gate: not enforced (--fail-on never)"
        if report.fail_on == "never"
        else f"gate: {failing} at or above {report.fail_on}"
    )
    return f"{', '.join(parts)}; {gate}"


def gap_text(gap: CoverageGap) -> str:
    """One line for a read discovery could not make: where, which call, why, what it hides."""
    where = "/".join(p for p in (gap.account, gap.region) if p) or "-"
    kinds = f" [{', '.join(gap.kinds)}]" if gap.kinds else ""
    message = f": {' '.join(gap.message.split())}" if gap.message else ""
    return f"{where} {gap.service}:{gap.operation} {gap.error}{kinds}{message}"


def gap_dict(source: str, gap: CoverageGap) -> dict[str, Any]:
    return {"source": source, **gap.model_dump(mode="json")}
