"""`archcode prices refresh` on REAL recorded GetProducts answers (tests/fixtures/cost/pricelist,
sources in its README): per service, which rows of the table a refresh replaces, and which it
reports as not refreshed."""

from __future__ import annotations

import json
from collections.abc import Iterator
from decimal import Decimal as D
from pathlib import Path
from typing import Any

import pytest
from tests.conftest import ROOT

import archcode.cost.refresh
from archcode.cli import main
from archcode.cost.pricelist_keys import table_key
from archcode.cost.refresh import fetch, rows_of_product, unrefreshed
from archcode.cost.table import PriceTable, parse_price_csv, shipped_table

RECORDED = ROOT / "tests" / "fixtures" / "cost" / "pricelist"


def recorded_items() -> list[dict[str, Any]]:
    """Every recorded PriceList item, decoded: from lists of items, single items, and whole
    GetProducts answers (whose PriceList holds items as JSON strings)."""
    items: list[dict[str, Any]] = []
    for path in sorted(RECORDED.glob("*.json")):
        data = json.loads(path.read_text())
        if isinstance(data, dict) and "PriceList" in data:
            items.extend(json.loads(text) for text in data["PriceList"])
        else:
            items.extend(data if isinstance(data, list) else [data])
    return items


# Answers recorded before AWS added `regionCode` to products name only the location; the API
# matches a regionCode filter on those products all the same.
RECORDED_LOCATIONS = {
    "US East (N. Virginia)": "us-east-1",
    "Asia Pacific (Singapore)": "ap-southeast-1",
}


class RecordedPricing:
    """A pricing client answering get_products from the recorded items, applying TERM_MATCH
    filters the way the API does (product attributes, and productFamily)."""

    def __init__(self, items: list[dict[str, Any]]) -> None:
        self.items = items

    def get_paginator(self, name: str) -> RecordedPricing:
        assert name == "get_products"
        return self

    def paginate(self, **kwargs: Any) -> Iterator[dict[str, Any]]:
        assert kwargs["FormatVersion"] == "aws_v1"
        matched = [
            json.dumps(item)
            for item in self.items
            if item["serviceCode"] == kwargs["ServiceCode"]
            and all(self._value(item, f["Field"]) == f["Value"] for f in kwargs["Filters"])
        ]
        yield {"FormatVersion": "aws_v1", "PriceList": matched}

    @staticmethod
    def _value(item: dict[str, Any], field: str) -> str | None:
        product = item["product"]
        value = product.get(field) or product["attributes"].get(field)
        if value is None and field == "regionCode":
            value = RECORDED_LOCATIONS.get(product["attributes"].get("location"))
        return value if isinstance(value, str) else None


SERVICES = ["AWSLambda", "AmazonApiGateway", "AmazonDynamoDB", "AmazonS3", "AmazonEC2"]
REGIONS = ["ap-south-1", "ap-southeast-1", "us-east-1"]

# Per service, the keys (usage type, operation, region) of the table the answers replace.
REPLACED = {
    "AWSLambda": {
        ("Request", "Invoke", "ap-south-1"),  # the API's operation is empty
        ("Lambda-GB-Second-ARM", "Invoke", "ap-south-1"),
    },
    "AmazonApiGateway": {("ApiGatewayHttpRequest", "", "ap-south-1")},  # API: ApiGatewayHttpApi
    "AmazonDynamoDB": {
        ("ReadRequestUnits", "", "ap-south-1"),  # API: PayPerRequestThroughput
        ("WriteRequestUnits", "", "ap-south-1"),
        ("TimedStorage-ByteHrs", "", "ap-south-1"),  # API: a $0 first tier for 25 GB
    },
    "AmazonS3": {("TimedStorage-ByteHrs", "", "ap-south-1")},
    "AmazonEC2": {
        ("BoxUsage:m5.large", "RunInstances", "us-east-1"),  # no regionCode: 2021
        ("EBS:VolumeUsage.piops", "", "ap-southeast-1"),  # no regionCode: 2018
    },
}

# Service codes of the table for which no real recorded answer that may be kept here was found
# (the searches are listed in the fixtures' README). A refresh of them is tested on the key
# mapping alone (test_key_mapping_of_spellings_seen_in_answers_we_may_not_copy) or not at all.
NO_RECORDED_ANSWER = {
    "AWSBackup", "AWSCloudTrail", "AWSCodePipeline", "AWSDataTransfer", "AWSELB", "AWSEvents",
    "AWSQueueService", "AWSSecretsManager", "AWSShield", "AWSXRay", "AmazonCloudFront",
    "AmazonCloudWatch", "AmazonCognito", "AmazonECS", "AmazonEFS", "AmazonEKS", "AmazonES",
    "AmazonElastiCache", "AmazonKinesis", "AmazonMSK", "AmazonRDS", "AmazonRoute53", "AmazonSNS",
    "AmazonStates", "AmazonVPC", "CodeBuild", "awskms", "awswaf",
}  # fmt: skip


def test_every_service_code_of_the_table_is_stated() -> None:
    codes = {row.service_code for row in shipped_table().rows()}
    assert codes == set(REPLACED) | NO_RECORDED_ANSWER
    assert not set(REPLACED) & NO_RECORDED_ANSWER
    assert {item["serviceCode"] for item in recorded_items()} >= set(REPLACED)


@pytest.fixture
def refreshed() -> archcode.cost.refresh.RefreshResult:
    return fetch(RecordedPricing(recorded_items()), SERVICES, REGIONS)


def test_every_fetched_row_lands_on_a_key_the_pricers_use(
    refreshed: archcode.cost.refresh.RefreshResult,
) -> None:
    fetched = {(r.service_code, r.usage_type, r.operation, r.region) for r in refreshed.rows}
    expected = {(svc, *key) for svc, keys in REPLACED.items() for key in keys}
    assert fetched == expected
    shipped = {row.key for row in shipped_table().rows()}
    assert fetched <= shipped  # none is added beside the table's row under a key nobody asks for
    assert refreshed.skipped == []


def test_prices_and_tiers_of_the_replaced_rows(
    refreshed: archcode.cost.refresh.RefreshResult,
) -> None:
    table = shipped_table().overlaid(PriceTable(refreshed.rows, "recorded"))
    arm = table.tiers("AWSLambda", "Lambda-GB-Second-ARM", "ap-south-1", "Invoke")
    assert [(t.price, t.tier_start, t.tier_end) for t in arm] == [
        (D("0.0000133334"), 0, D(7_500_000_000)),
        (D("0.0000120001"), D(7_500_000_000), D(18_750_000_000)),
        (D("0.0000106667"), D(18_750_000_000), None),
    ]
    assert {t.check for t in arm} == {"API"}
    assert arm[0].sku == "69Y7TUFYEF9HAV59.6NBUNBXSC3"
    assert arm[0].effective_date.isoformat() == "2026-09-01"
    http = table.tiers("AmazonApiGateway", "ApiGatewayHttpRequest", "ap-south-1")
    assert [(t.price, t.tier_start) for t in http] == [
        (D("0.00000105"), 0),
        (D("0.00000095"), D(300_000_000)),
    ]
    # DynamoDB storage: the $0 0-25 GB tier is the free tier archcode applies itself
    storage = table.tiers("AmazonDynamoDB", "TimedStorage-ByteHrs", "ap-south-1")
    assert [(t.price, t.tier_start, t.tier_end) for t in storage] == [(D("0.285"), D(0), None)]
    writes = table.tiers("AmazonDynamoDB", "WriteRequestUnits", "ap-south-1")
    assert [t.price for t in writes] == [D("0.00000071")]


def test_rows_the_answers_did_not_price_are_reported(
    refreshed: archcode.cost.refresh.RefreshResult,
) -> None:
    missed = unrefreshed(shipped_table(), refreshed.rows, SERVICES, REGIONS)
    assert ("AWSLambda", "Lambda-GB-Second", "Invoke", "ap-south-1") in missed
    assert ("AmazonApiGateway", "ApiGatewayRequest", "", "ap-southeast-1") in missed
    assert not {k for k in missed if (k[1], k[2], k[3]) in REPLACED.get(k[0], set())}
    assert all(k[3] in REGIONS and k[0] in SERVICES for k in missed)


def test_cli_keeps_and_marks_rows_it_found_no_price_for(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(
        archcode.cost.refresh, "pricing_client", lambda: RecordedPricing(recorded_items())
    )
    target = tmp_path / "prices.csv"
    args = ["prices", "refresh", "--service", "AWSLambda", "--region", "ap-south-1"]
    assert main([*args, "-o", str(target)]) == 0
    err = capsys.readouterr().err
    assert "not refreshed: AWSLambda Lambda-GB-Second Invoke ap-south-1" in err
    assert "not refreshed: AWSLambda Request Invoke ap-south-1" not in err
    table = parse_price_csv(target.read_text(), str(target))
    kept = table.tiers("AWSLambda", "Lambda-GB-Second", "ap-south-1", "Invoke")
    old = shipped_table().tiers("AWSLambda", "Lambda-GB-Second", "ap-south-1", "Invoke")
    assert [t.price for t in kept] == [t.price for t in old]
    assert all("found no Price List price for this row" in t.source for t in kept)
    assert [t.check for t in kept] == [t.check for t in old]
    fetched = table.tiers("AWSLambda", "Request", "ap-south-1", "Invoke")
    assert fetched[0].check == "API" and "kept:" not in fetched[0].source


def test_free_tier_counts_dynamodb_storage_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(
        archcode.cost.refresh, "pricing_client", lambda: RecordedPricing(recorded_items())
    )
    prices = tmp_path / "prices.csv"
    args = ["prices", "refresh", "--service", "AmazonDynamoDB", "--region", "ap-south-1"]
    assert main([*args, "-o", str(prices)]) == 0
    model = tmp_path / "arch.yaml"
    model.write_text(
        "archcode: 1\nname: t\naccount: '111122223333'\nregion: ap-south-1\nresources:\n"
        "  orders: {kind: dynamodb, billing_mode: PAY_PER_REQUEST, usage: {gb_stored: 30}}\n"
    )
    capsys.readouterr()
    cost = ["cost", str(model), "--prices", str(prices), "--format", "json", "--free-tier"]
    assert main(cost) == 0
    report = json.loads(capsys.readouterr().out)
    (component,) = report["components"]
    lines = component["lines"]
    storage = next(line for line in lines if line["name"] == "Storage")
    assert D(storage["monthly"]) == D(5) * D("0.285")  # 30 GB less the 25 free, once


def test_key_mapping_of_spellings_seen_in_answers_we_may_not_copy() -> None:
    # usage types and operations as recorded by con0097275/aws-cdc-lakehouse-data-platform
    # (see the fixtures' README): named here, not vendored.
    region = "ap-southeast-1"
    assert table_key("awskms", "ap-southeast-1-KMS-Keys", "", region) == ("KMS-Keys", "")
    assert table_key("awskms", "ap-southeast-1-KMS-Requests", "", region) == ("KMS-Requests", "")
    assert table_key("AWSSecretsManager", "APS1-AWSSecretsManager-Secret", "", region) == (
        "AWSSecretsManager-Secrets",
        "",
    )
    assert table_key("AWSSecretsManager", "APS1-AWSSecretsManagerAPIRequest", "", region) == (
        "AWSSecretsManager-APIRequest",
        "",
    )
    assert table_key("AmazonVPC", "APS1-VpcEndpoint-Bytes", "VpcEndpoint", region) == (
        "VpcEndpoint-Bytes",
        "",
    )
    assert table_key("AmazonEC2", "APS1-NatGateway-Hours", "NatGateway", region) == (
        "NatGateway-Hours",
        "NatGateway",
    )
    shipped = {row.key for row in shipped_table().rows()}
    for service, usage in [
        ("awskms", "KMS-Keys"),
        ("awskms", "KMS-Requests"),
        ("AWSSecretsManager", "AWSSecretsManager-Secrets"),
        ("AWSSecretsManager", "AWSSecretsManager-APIRequest"),
        ("AmazonVPC", "VpcEndpoint-Bytes"),
    ]:
        assert (service, usage, "", region) in shipped


def test_products_priced_outside_the_region_itself_are_left_out() -> None:
    # the same usage type and operation on an Outpost or in a Local Zone is another price
    item = next(i for i in recorded_items() if i["product"]["sku"] == "S2BWD3VP3K4M5Q9P")
    assert rows_of_product(item)
    for where in ("AWS Outposts", "AWS Local Zone", "AWS Wavelength Zone"):
        elsewhere = json.loads(json.dumps(item))
        elsewhere["product"]["attributes"]["locationType"] = where
        assert rows_of_product(elsewhere) == []


def test_answers_without_region_code_are_filed_under_their_location_s_region(
    refreshed: archcode.cost.refresh.RefreshResult,
) -> None:
    table = shipped_table().overlaid(PriceTable(refreshed.rows, "recorded"))
    (m5,) = table.tiers("AmazonEC2", "BoxUsage:m5.large", "us-east-1", "RunInstances")
    assert (m5.price, m5.check, m5.sku) == (D("0.096"), "API", "6C86BEPQVG73ZGGR.6YS6EN2CT7")
    assert m5.effective_date.isoformat() == "2021-02-01"  # the On-Demand term; Reserved ignored
    (io1,) = table.tiers("AmazonEC2", "EBS:VolumeUsage.piops", "ap-southeast-1")
    assert (io1.price, io1.check, io1.unit) == (D("0.138"), "API", "GB-Mo")
    assert not [r for r in refreshed.rows if r.region == "global"]


def test_lambda_storage_is_filed_where_the_pricer_looks() -> None:
    # Lambda's usage types come with an empty operation (as the recorded requests and duration
    # do); ephemeral storage is `Lambda-Storage-GB-Second` and `-ARM` in the Price List.
    for arm in ("", "-ARM"):
        key = table_key("AWSLambda", f"APS1-Lambda-Storage-GB-Second{arm}", "", "ap-southeast-1")
        assert key == (f"Lambda-Storage-GB-Second{arm}", "Invoke")
        rows = shipped_table().tiers("AWSLambda", key[0], "ap-southeast-1", key[1])
        assert [row.price for row in rows] == [D("0.0000000370")]
