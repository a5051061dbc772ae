"""The cloudfront-lambda-dynamodb seed works its own estimate: archcode must reproduce it."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from tests.conftest import ROOT

from archcode.cli import main
from archcode.collectors import load_architecture
from archcode.cost import CostReport, estimate

FIXTURES = ROOT / "tests" / "fixtures" / "cost"
SEED = str(FIXTURES / "seed-india.yaml")
SEED_PRICES = str(FIXTURES / "seed-prices.csv")  # the seed's $0.17/GB and $0.085/GB
US_USAGE = str(FIXTURES / "seed-us-usage.yaml")


def line(report: CostReport, rid: str, name: str) -> D | None:
    (found,) = [ln for ln in report.components[rid].lines if ln.name == name]
    return found.monthly


def test_india_upper_bound_at_the_seeds_price() -> None:
    # 50,000 users x 10 MB x 4 cache flushes / 1024 = 1,953.125 GB at $0.17
    report = estimate(load_architecture(SEED), prices=SEED_PRICES)
    assert line(report, "cdn", "Data transfer out (india)") == D("332.03125")


def test_us_lower_bound_at_the_seeds_price() -> None:
    # 50,000 x 3 MB x 4 / 1024 = 585.9375 GB at $0.085
    report = estimate(load_architecture(SEED), usage=US_USAGE, prices=SEED_PRICES)
    assert line(report, "cdn", "Data transfer out (us)") == D("49.8046875")


def test_lambda_requests_four_cents() -> None:
    report = estimate(load_architecture(SEED), prices=SEED_PRICES)
    assert line(report, "backend", "Requests") == D("0.04")  # 200,000 x $0.20 / 1M


def test_shipped_table_prices_india_at_todays_rate() -> None:
    report = estimate(load_architecture(SEED))
    assert line(report, "cdn", "Data transfer out (india)") == D("1953.125") * D("0.109")


def test_cli_prints_the_seed_figures_and_the_table_date(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["cost", SEED, "--prices", SEED_PRICES]) == 0
    out = capsys.readouterr().out
    assert "$332.03" in out
    assert "$0.04" in out
    assert "archcode/cost/prices.csv dated 2026-11-23" in out
    assert main(["cost", SEED, "--usage", US_USAGE, "--prices", SEED_PRICES]) == 0
    assert "$49.80" in capsys.readouterr().out
