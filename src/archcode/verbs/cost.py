"""`archcode cost`: the monthly cost of every component, or the change between two versions."""

from __future__ import annotations

from typing import Annotated

import typer

from archcode.cli import InputFormat, Output, app
from archcode.errors import UsageError
from archcode.io import write_output


@app.command()
def cost(
    path: Annotated[
        str | None, typer.Argument(help="Architecture (YAML, or any source archcode reads).")
    ] = None,
    compare: Annotated[
        tuple[str, str] | None,
        typer.Option(
            "--compare", metavar="BASE HEAD", help="Print the cost change from BASE to HEAD."
        ),
    ] = None,
    usage: Annotated[
        str | None, typer.Option("--usage", help="Usage file (per-resource usage, kind defaults).")
    ] = None,
    prices: Annotated[
        str | None,
        typer.Option("--prices", help="Price table CSV laid over the shipped one (overrides)."),
    ] = None,
    fmt: Annotated[
        str | None,
        typer.Option("--format", "-f", help="text | json | markdown | csv (compare: markdown)."),
    ] = None,
    free_tier: Annotated[
        bool, typer.Option("--free-tier", help="Apply AWS's always-free monthly allowances.")
    ] = False,
    output: Output = None,
    input_format: InputFormat = "auto",
) -> None:
    """Estimate the monthly cost of every component (USD, list prices, dated table)."""
    from archcode.collectors import load_architecture
    from archcode.cost import estimate, load_price_table
    from archcode.cost.compare import compare as compare_reports
    from archcode.cost.compare import render_diff
    from archcode.cost.formats import FORMATS, render

    if fmt is not None and fmt not in FORMATS:
        raise UsageError(f"--format must be one of {', '.join(FORMATS)} (got {fmt!r})")
    if (path is None) == (compare is None):
        raise UsageError("give either PATH or --compare BASE HEAD")
    table = load_price_table(prices)
    if compare is not None:
        base_arch, head_arch = (load_architecture(p, input_format) for p in compare)
        diff = compare_reports(
            estimate(base_arch, usage, table, free_tier),
            estimate(head_arch, usage, table, free_tier),
        )
        write_output(output, render_diff(diff, fmt or "markdown"))
        return
    assert path is not None
    report = estimate(load_architecture(path, input_format), usage, table, free_tier)
    write_output(output, render(report, fmt or "text"))
