"""`archcode prices`: the price table behind `archcode cost` (refresh it, look into it)."""

from __future__ import annotations

import sys

from archcode.cli import Output, app, option
from archcode.errors import UsageError
from archcode.io import write_output

prices_app = app.group("prices", help="The dated AWS price table that `archcode cost` uses.")


@prices_app.command(
    Output,
    option(
        "--service",
        repeat=True,
        metavar="CODE",
        help="Only this Price List service code (repeatable).",
    ),
    option("--region", repeat=True, help="Only this region (repeatable)."),
    option(
        "--only-fetched",
        flag=True,
        help="Write only the fetched rows, not laid over the shipped table.",
    ),
)
def refresh(
    output: str | None, service: list[str] | None, region: list[str] | None, only_fetched: bool
) -> None:
    """Rebuild the price table from the AWS Price List API (read-only, needs AWS credentials)."""
    from datetime import date

    from botocore.exceptions import BotoCoreError, ClientError, NoCredentialsError

    from archcode.cost.refresh import fetch, mark_unrefreshed, pricing_client, unrefreshed
    from archcode.cost.regions import TABLE_REGIONS
    from archcode.cost.table import PriceTable, price_csv, shipped_table

    regions = region or list(TABLE_REGIONS)
    try:
        result = fetch(pricing_client(), service or None, regions)
    except NoCredentialsError:
        raise UsageError(
            "the Price List API needs AWS credentials (any account, pricing:GetProducts)"
        ) from None
    except ClientError as exc:
        error = exc.response.get("Error", {})
        raise UsageError(
            f"Price List API: {error.get('Code', '?')}: {error.get('Message', '')}"
        ) from None
    except BotoCoreError as exc:
        raise UsageError(f"Price List API: {exc}") from None
    if not result.rows:
        raise UsageError("the Price List API returned no prices for these services and regions")
    fetched = PriceTable(result.rows, "Price List API")
    missed = unrefreshed(shipped_table(), result.rows, service or None, regions)
    if only_fetched:
        table = fetched
    else:
        table = mark_unrefreshed(shipped_table().overlaid(fetched), missed, date.today())
    write_output(output, price_csv(table.rows()))
    print(
        f"archcode: {len(result.rows)} price rows from {result.products} products in "
        f"{result.queries} queries; table dated {table.date}",
        file=sys.stderr,
    )
    for skipped in result.skipped:
        print(f"archcode: skipped {skipped}: tiers have a gap or overlap", file=sys.stderr)
    if missed:
        kept = "left out (--only-fetched)" if only_fetched else "kept and marked in `source`"
        print(
            f"archcode: {len(missed)} price(s) of the table got no price from the Price List; "
            f"their old rows are {kept}:",
            file=sys.stderr,
        )
        for key in missed:
            print(f"archcode:   not refreshed: {' '.join(k for k in key if k)}", file=sys.stderr)


@prices_app.command(
    option("--prices", metavar="CSV", help="Price table CSV laid over the shipped one."),
    option("--service", metavar="CODE", help="Only this service code."),
    option("--region", help="Only this region."),
    Output,
)
def show(prices: str | None, service: str | None, region: str | None, output: str | None) -> None:
    """Print the price table's date, sources and rows (CSV), optionally filtered."""
    from archcode.cost.table import load_price_table, price_csv, verification_summary

    table = load_price_table(prices)
    rows = [
        r
        for r in table.rows()
        if (service is None or r.service_code == service) and (region is None or r.region == region)
    ]
    print(f"archcode: prices {' + '.join(table.origins)}; {len(rows)} rows", file=sys.stderr)
    print(f"archcode: {verification_summary(rows)}", file=sys.stderr)
    write_output(output, price_csv(rows))
