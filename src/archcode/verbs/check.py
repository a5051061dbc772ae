"""`archcode check`: run the rules over architectures and gate CI on what fails.

Exit codes: 0 nothing open at or above --fail-on, 1 something is, 2 bad input or usage,
3 internal error. FAIL, UNKNOWN (unless --allow-unknown) and ERROR count toward the gate at the
rule's severity; waived findings and findings in the baseline never do.
"""

from __future__ import annotations

import sys
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any

import typer

from archcode.cli import EXIT_FINDINGS, InputFormat, Output, app, debugging
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


@app.command()
def check(
    paths: Annotated[
        list[str], typer.Argument(help="Architecture files (any source); - reads standard input.")
    ],
    format: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.TEXT,
    output: Output = None,
    input_format: InputFormat = "auto",
    fail_on: Annotated[
        FailOn,
        typer.Option("--fail-on", help="Exit 1 when an open finding is at or above this severity."),
    ] = FailOn.HIGH,
    rules_files: Annotated[
        list[str] | None,
        typer.Option("--rules", help="Custom rules file (YAML); may be repeated."),
    ] = None,
    waivers_files: Annotated[
        list[str] | None,
        typer.Option("--waivers", help="Waivers file (YAML); may be repeated."),
    ] = None,
    assume_files: Annotated[
        list[str] | None,
        typer.Option(
            "--assume",
            help="Account settings to assume (YAML account_settings:, see docs/iac.md); "
            "may be repeated.",
        ),
    ] = None,
    baseline: Annotated[
        str | None, typer.Option("--baseline", help="Report only findings not in this baseline.")
    ] = None,
    write_baseline: Annotated[
        str | None,
        typer.Option("--write-baseline", help="Write the open findings' fingerprints here."),
    ] = None,
    allow_unknown: Annotated[
        bool,
        typer.Option(
            "--allow-unknown", help="Report UNKNOWN outcomes without failing the run on them."
        ),
    ] = False,
    only: Annotated[
        list[str] | None, typer.Option("--rule", help="Run only this rule id; may be repeated.")
    ] = None,
    include_passed: Annotated[
        bool, typer.Option("--include-passed", help="List PASS and NOT_APPLICABLE too (json).")
    ] = False,
    today: Annotated[
        str | None,
        typer.Option("--today", help="Judge waiver expiry as of this date (YYYY-MM-DD)."),
    ] = None,
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
        raise typer.Exit(EXIT_FINDINGS)


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
