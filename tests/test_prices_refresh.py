"""`archcode prices refresh` on recorded Price List API answers (botocore Stubber: moto has no
pricing backend)."""

from __future__ import annotations

import json
from decimal import Decimal as D
from pathlib import Path
from typing import Any

import botocore.session
import pytest
from botocore.stub import Stubber
from tests.conftest import ROOT

import archcode.cost.refresh
from archcode.cli import main
from archcode.cost.refresh import LINUX_SHARED, QUERIES, fetch
from archcode.cost.table import load_price_table, parse_price_csv

RECORDED = ROOT / "tests" / "fixtures" / "cost" / "pricing"


def recorded(name: str) -> dict[str, Any]:
    data = json.loads((RECORDED / f"{name}.json").read_text())
    data.pop("_comment")
    return data


def client() -> Any:
    session = botocore.session.get_session()
    return session.create_client(
        "pricing",
        region_name="us-east-1",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )


def params(service: str, token: str | None = None, **filters: str) -> dict[str, Any]:
    expected: dict[str, Any] = {
        "ServiceCode": service,
        "FormatVersion": "aws_v1",
        "Filters": [{"Type": "TERM_MATCH", "Field": k, "Value": v} for k, v in filters.items()],
    }
    if token:
        expected["NextToken"] = token
    return expected


def stub_lambda(stubber: Stubber) -> None:
    first = recorded("lambda-us-east-1-page1")
    stubber.add_response(
        "get_products",
        first,
        params("AWSLambda", productFamily="Serverless", regionCode="us-east-1"),
    )
    stubber.add_response(
        "get_products",
        recorded("lambda-us-east-1-page2"),
        params("AWSLambda", first["NextToken"], productFamily="Serverless", regionCode="us-east-1"),
    )
    stubber.add_response(
        "get_products",
        recorded("lambda-eu-west-1"),
        params("AWSLambda", productFamily="Serverless", regionCode="eu-west-1"),
    )


def test_fetch_pages_and_turns_dimensions_into_rows() -> None:
    pricing = client()
    with Stubber(pricing) as stubber:
        stub_lambda(stubber)
        result = fetch(pricing, ["AWSLambda"], ["us-east-1", "eu-west-1"])
        stubber.assert_no_pending_responses()
    assert (result.queries, result.products) == (2, 4)
    keyed = {(r.usage_type, r.region, r.tier_start): r for r in result.rows}
    request = keyed[("Request", "us-east-1", D(0))]
    assert (request.price, request.unit, request.operation) == (
        D("0.0000002"),
        "Requests",
        "Invoke",
    )
    assert request.effective_date.isoformat() == "2024-07-01"
    assert request.sku == "TG3M4CAGBA3NYQBH.6YS6EN2CT7"
    assert request.check == "API"
    assert request.source == "AWS Price List API AWSLambda publication 2026-11-02"
    # the regional prefix is stripped, so that rows join the pricers' keys
    arm = keyed[("Lambda-GB-Second-ARM", "eu-west-1", D("7500000000"))]
    assert (arm.price, arm.tier_end) == (D("0.0000120001"), D("18750000000"))
    duration = [r for r in result.rows if r.usage_type == "Lambda-GB-Second"]
    assert [(r.tier_start, r.tier_end) for r in duration] == [
        (D(0), D(6_000_000_000)),
        (D(6_000_000_000), D(15_000_000_000)),
        (D(15_000_000_000), None),
    ]


def test_global_services_are_queried_once_without_region() -> None:
    pricing = client()
    with Stubber(pricing) as stubber:
        stubber.add_response(
            "get_products", recorded("cloudfront-global"), params("AmazonCloudFront")
        )
        result = fetch(pricing, ["AmazonCloudFront"], ["us-east-1", "eu-west-1"])
        stubber.assert_no_pending_responses()
    india = [r for r in result.rows if r.usage_type == "IN-DataTransfer-Out-Bytes"]
    assert {r.region for r in india} == {"global"}
    assert [r.price for r in india][:2] == [D("0.109"), D("0.085")]


def test_queries_cover_every_service_of_the_table() -> None:
    queried = {q.service_code for q in QUERIES}
    shipped = {r.service_code for r in load_price_table().rows()}
    assert shipped <= queried
    ec2 = [q for q in QUERIES if q.filters.get("instanceType") == "t3.micro"]
    assert ec2 and all(ec2[0].filters[k] == v for k, v in LINUX_SHARED.items())


def test_cli_writes_a_table_in_the_same_format(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    pricing = client()
    stubber = Stubber(pricing)
    stub_lambda(stubber)
    stubber.activate()
    monkeypatch.setattr(archcode.cost.refresh, "pricing_client", lambda: pricing)
    target = tmp_path / "prices.csv"
    args = ["prices", "refresh", "--service", "AWSLambda", "--region", "us-east-1"]
    code = main([*args, "--region", "eu-west-1", "-o", str(target)])
    assert code == 0, capsys.readouterr().err
    stubber.assert_no_pending_responses()
    err = capsys.readouterr().err
    assert "8 price rows from 4 products in 2 queries" in err
    table = parse_price_csv(target.read_text(), str(target))
    fetched = table.tiers("AWSLambda", "Request", "us-east-1", "Invoke")
    assert fetched[0].check == "API"
    # rows the API was not asked for are kept from the shipped table
    kept = table.tiers("AmazonS3", "TimedStorage-ByteHrs", "us-east-1")
    assert kept[0].check == "G"
    # and the written table is a valid --prices file for `archcode cost`
    assert (
        main(["cost", str(ROOT / "tests/fixtures/cost/seed-india.yaml"), "--prices", str(target)])
        == 0
    )


def test_api_errors_exit_2_without_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    pricing = client()
    stubber = Stubber(pricing)
    stubber.add_client_error(
        "get_products",
        service_error_code="AccessDeniedException",
        service_message="User is not authorized to perform: pricing:GetProducts",
        http_status_code=400,
    )
    stubber.activate()
    monkeypatch.setattr(archcode.cost.refresh, "pricing_client", lambda: pricing)
    code = main(["prices", "refresh", "--service", "AWSEvents", "--region", "us-east-1"])
    err = capsys.readouterr().err
    assert code == 2
    assert err.strip() == (
        "archcode: Price List API: AccessDeniedException: "
        "User is not authorized to perform: pricing:GetProducts"
    )


def test_no_prices_returned_exits_2(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    pricing = client()
    stubber = Stubber(pricing)
    stubber.add_response("get_products", {"FormatVersion": "aws_v1", "PriceList": []})
    stubber.activate()
    monkeypatch.setattr(archcode.cost.refresh, "pricing_client", lambda: pricing)
    assert main(["prices", "refresh", "--service", "AWSEvents", "--region", "us-east-1"]) == 2
    assert "returned no prices" in capsys.readouterr().err


def test_prices_show_filters_rows(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["prices", "show", "--service", "AmazonCloudFront"]) == 0
    out = capsys.readouterr()
    rows = out.out.splitlines()[1:]
    assert rows and all(row.startswith("AmazonCloudFront,") for row in rows)
    assert "dated 2026-11-23" in out.err
