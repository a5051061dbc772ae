"""The shipped example of the cloudfront-lambda-dynamodb seed reproduces the seed's estimate."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from tests.conftest import ROOT

from archcode.cli import main
from archcode.collectors import load_architecture
from archcode.cost import CostReport, estimate

EXAMPLE = str(ROOT / "examples" / "cloudfront-lambda-dynamodb.yaml")
FIXTURES = ROOT / "tests" / "fixtures" / "cost"
SEED_PRICES = str(FIXTURES / "seed-prices.csv")  # the seed's $0.17/GB (India), $0.085/GB (US)
US_USAGE = str(FIXTURES / "seed-us-usage.yaml")  # the seed's lower bound: 3 MB, US viewers


def monthly(report: CostReport, rid: str, name: str) -> D | None:
    (line,) = [ln for ln in report.components[rid].lines if ln.name == name]
    return line.monthly


def test_example_reproduces_the_seeds_figures() -> None:
    arch = load_architecture(EXAMPLE)
    seed = estimate(arch, prices=SEED_PRICES)
    assert monthly(seed, "cdn", "Data transfer out (india)") == D("332.03125")
    assert monthly(seed, "backend", "Requests") == D("0.04")
    us = estimate(arch, usage=US_USAGE, prices=SEED_PRICES)
    assert monthly(us, "cdn", "Data transfer out (us)") == D("49.8046875")


def test_example_at_todays_rates() -> None:
    report = estimate(load_architecture(EXAMPLE))
    assert monthly(report, "cdn", "Data transfer out (india)") == D("212.890625")  # at $0.109
    assert report.price_table_date is not None


def test_example_cli_text(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["cost", EXAMPLE, "--prices", SEED_PRICES]) == 0
    out = capsys.readouterr().out
    assert "1,953.125 GB x $0.17" in out and "$332.03" in out
    assert "dated 2026-11-23" in out
