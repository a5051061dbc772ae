"""`archcode check`: run the rules over architectures and gate CI on what fails.

Exit codes: 0 nothing open at or above --fail-on, 1 something is, 2 bad input or usage,
3 internal error. FAIL, UNKNOWN (unless --allow-unknown) and ERROR count toward the gate at the
rule's severity; waived findings and findings in the baseline never do.
"""

from __future__ import annotations

import sys
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from archcode.cli import EXIT_FINDINGS, InputFormat, Output, app, argument, debugging, option
from archcode.errors import InputError, Problem, UsageError, shown
from archcode.gcpause import paused_gc
from archcode.io import write_output
from archcode.verbs._options import FailOn

# The model, loaders and rules are imported when a check runs, not when the verb is registered:
# `archcode --help` and the other verbs do not pay for them.
if TYPE_CHECKING:
    from collections.abc import Iterator

    from archcode.model.architecture import Architecture
    from archcode.rules.findings import CheckReport


class Format(StrEnum):
    TEXT = "text"
    JSON = "json"
    SARIF = "sarif"
    JUNIT = "junit"
    MARKDOWN = "markdown"


@app.command(
    argument("paths", "Architecture files (any source); - reads standard input.", "+", "PATH"),
    option("--format", "-f", choices=Format, default=Format.TEXT, help="Output format."),
    Output,
    InputFormat,
    option(
        "--fail-on",
        choices=FailOn,
        default=FailOn.HIGH,
        help="Exit 1 when an open finding is at or above this severity.",
    ),
    option(
        "--rules",
        dest="rules_files",
        repeat=True,
        metavar="FILE",
        help="Custom rules file (YAML); may be repeated.",
    ),
    option(
        "--waivers",
        dest="waivers_files",
        repeat=True,
        metavar="FILE",
        help="Waivers file (YAML); may be repeated.",
    ),
    option(
        "--assume",
        dest="assume_files",
        repeat=True,
        metavar="FILE",
        help="Account settings to assume (YAML account_settings:, see docs/iac.md); "
        "may be repeated.",
    ),
    option("--baseline", metavar="FILE", help="Report only findings not in this baseline."),
    option("--write-baseline", metavar="FILE", help="Write the open findings' fingerprints here."),
    option(
        "--allow-unknown",
        flag=True,
        help="Report UNKNOWN outcomes without failing the run on them.",
    ),
    option(
        "--rule",
        dest="only",
        repeat=True,
        metavar="ID",
        help="Run only this rule id; may be repeated.",
    ),
    option("--include-passed", flag=True, help="List PASS and NOT_APPLICABLE too (json)."),
    option("--today", metavar="DATE", help="Judge waiver expiry as of this date (YYYY-MM-DD)."),
)
def check(
    paths: list[str],
    format: Format,
    output: str | None,
    input_format: str,
    fail_on: FailOn,
    rules_files: list[str] | None,
    waivers_files: list[str] | None,
    assume_files: list[str] | None,
    baseline: str | None,
    write_baseline: str | None,
    allow_unknown: bool,
    only: list[str] | None,
    include_passed: bool,
    today: str | None,
) -> None:
    """Check architectures against the rules; exit 1 when something fails at --fail-on."""
    report = run_check(
        paths,
        fail_on=fail_on.value,
        rules_files=rules_files or [],
        waivers_files=waivers_files or [],
        assume_files=assume_files or [],
        baseline=baseline,
        write_baseline_to=write_baseline,
        allow_unknown=allow_unknown,
        only=only or [],
        today=_parse_today(today),
        input_format=input_format,
    )
    for warning in report.warnings:
        print(f"archcode: warning: {shown(str(warning))}", file=sys.stderr)
    print_rule_errors(report)
    with paused_gc():  # every format builds an object or a line per finding
        content: str | Iterator[str]
        if format is Format.JSON:  # written as it is made, never whole in memory (issue 17)
            from archcode.reports.json_report import json_chunks

            content = json_chunks(report, include_passed=include_passed)
        else:
            content = render(report, format, to_terminal=output is None, passed=include_passed)
        write_output(output, content)
    if report.gating:
        raise SystemExit(EXIT_FINDINGS)


def print_rule_errors(report: CheckReport) -> None:
    """One line per rule that raised (an ERROR result); with --debug, its traceback too."""
    from archcode.rules.base import Outcome

    for f in report.findings:
        if f.outcome is Outcome.ERROR:
            where = f" on {f.resource}" if f.resource else ""
            print(shown(f"archcode: rule error: {f.rule.id}{where}: {f.message}"), file=sys.stderr)
            if debugging() and f.trace:
                print(f.trace.rstrip("\n"), file=sys.stderr)


def run_check(
    paths: list[str],
    *,
    input_format: str = "auto",
    **options: Any,
) -> CheckReport:
    """Load every path (all problems reported at once), then `check_loaded`."""
    # Loading and checking pause the collector themselves; the imports before them (the model
    # classes, the loaders, the rules: a small check's largest cost) make as many long-lived
    # objects, and collections while they are made were a tenth of that cost.
    with paused_gc():
        from archcode.collectors import load_architecture

        problems: list[Problem] = []
        loaded: list[tuple[str, Architecture]] = []
        for path in paths:
            try:
                loaded.append((path, load_architecture(path, input_format)))
            except InputError as exc:
                problems.extend(exc.problems)
        if problems:
            raise InputError(problems)
        from archcode.rules.checking import check_loaded

        return check_loaded(loaded, **options)


def _parse_today(text: str | None) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"--today: expected YYYY-MM-DD, got {text!r}") from None


def render(report: CheckReport, format: Format, *, to_terminal: bool, passed: bool) -> str:
    if format is Format.JSON:
        from archcode.reports.json_report import render_json

        return render_json(report, include_passed=passed)
    if format is Format.SARIF:
        from archcode.reports.sarif import render_sarif

        return render_sarif(report)
    if format is Format.JUNIT:
        from archcode.reports.junit import render_junit

        return render_junit(report)
    if format is Format.MARKDOWN:
        from archcode.reports.markdown import render_markdown

        return render_markdown(report)
    from archcode.reports.text import render_text

    return render_text(report, rich=to_terminal and sys.stdout.isatty())
