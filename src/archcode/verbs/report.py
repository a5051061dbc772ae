"""`archcode report`: one self-contained HTML page with summary, diagram, findings and cost."""

from __future__ import annotations

from typing import Annotated

import typer

from archcode.cli import EXIT_FINDINGS, InputFormat, Output, app
from archcode.io import write_output
from archcode.verbs._options import FailOn
from archcode.verbs.check import print_rule_errors


@app.command()
def report(
    path: Annotated[str, typer.Argument(help="The architecture (any source); - reads stdin.")],
    output: Output = None,
    input_format: InputFormat = "auto",
    waivers: Annotated[
        list[str] | None, typer.Option("--waivers", help="Waivers file (YAML); may be repeated.")
    ] = None,
    rules: Annotated[
        list[str] | None, typer.Option("--rules", help="Custom rules file; may be repeated.")
    ] = None,
    usage: Annotated[
        str | None, typer.Option("--usage", help="Usage assumptions file for the cost.")
    ] = None,
    prices: Annotated[str | None, typer.Option("--prices", help="Price table (CSV).")] = None,
    fail_on: Annotated[
        FailOn,
        typer.Option("--fail-on", help="Exit 1 when an open finding is at or above this severity."),
    ] = FailOn.NEVER,
) -> None:
    """Write an HTML report that works offline: summary, diagram, findings, cost, waivers."""
    from archcode.collectors import load_architecture
    from archcode.cost import estimate, load_price_table, load_usage_file
    from archcode.reports.html import render_html_report
    from archcode.rules.checking import check_loaded

    arch = load_architecture(path, input_format)
    check = check_loaded(
        [(path, arch)], fail_on=fail_on.value, rules_files=rules or [], waivers_files=waivers or []
    )
    print_rule_errors(check)
    cost = estimate(
        arch,
        usage=load_usage_file(usage, arch) if usage else None,
        prices=load_price_table(prices) if prices else None,
    )
    write_output(output, render_html_report(arch, check, cost))
    if check.gating:
        raise typer.Exit(EXIT_FINDINGS)
