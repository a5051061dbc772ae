"""`archcode report`: one self-contained HTML page with summary, diagram, findings and cost."""

from __future__ import annotations

from archcode.cli import EXIT_FINDINGS, InputFormat, Output, app, argument, option
from archcode.io import write_output
from archcode.verbs._options import FailOn
from archcode.verbs.check import print_rule_errors


@app.command(
    argument("path", "The architecture (any source); - reads stdin.", metavar="PATH"),
    Output,
    InputFormat,
    option("--waivers", repeat=True, metavar="FILE", help="Waivers file (YAML); may be repeated."),
    option("--rules", repeat=True, metavar="FILE", help="Custom rules file; may be repeated."),
    option("--usage", metavar="FILE", help="Usage assumptions file for the cost."),
    option("--prices", metavar="CSV", help="Price table (CSV)."),
    option(
        "--fail-on",
        choices=FailOn,
        default=FailOn.NEVER,
        help="Exit 1 when an open finding is at or above this severity.",
    ),
)
def report(
    path: str,
    output: str | None,
    input_format: str,
    waivers: list[str] | None,
    rules: list[str] | None,
    usage: str | None,
    prices: str | None,
    fail_on: FailOn,
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
        raise SystemExit(EXIT_FINDINGS)
