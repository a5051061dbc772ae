"""`archcode cost`: the monthly cost of every component, or the change between two versions."""

from __future__ import annotations

from archcode.cli import InputFormat, Output, app, argument, option
from archcode.errors import UsageError
from archcode.io import write_output


@app.command(
    argument("path", "Architecture (YAML, or any source archcode reads).", "?", "PATH"),
    option(
        "--compare",
        nargs=2,
        metavar=("BASE", "HEAD"),
        help="Print the cost change from BASE to HEAD.",
    ),
    option("--usage", metavar="FILE", help="Usage file (per-resource usage, kind defaults)."),
    option(
        "--prices", metavar="CSV", help="Price table CSV laid over the shipped one (overrides)."
    ),
    option(
        "--format",
        "-f",
        dest="fmt",
        help="text | json | markdown | csv (compare: markdown).",
    ),
    option("--free-tier", flag=True, help="Apply AWS's always-free monthly allowances."),
    Output,
    InputFormat,
)
def cost(
    path: str | None,
    compare: list[str] | None,
    usage: str | None,
    prices: str | None,
    fmt: str | None,
    free_tier: bool,
    output: str | None,
    input_format: str,
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
