"""Charges a bill has beyond requests and duration: Lambda ephemeral storage, the REST API
cache, CloudFront's flat-rate plans (us-east-1 prices of the shipped table, docs/cost.md)."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from tests.conftest import load

from archcode.cost import CostReport, estimate
from archcode.errors import InputError

HEAD = "name: t\naccount: '111122223333'\nregion: {region}\nresources:\n"


def price(resources: str, region: str = "us-east-1") -> CostReport:
    return estimate(load(HEAD.format(region=region) + resources))


def lines(report: CostReport, rid: str) -> dict[str, D | None]:
    return {line.name: line.monthly for line in report.components[rid].lines}


def test_lambda_storage_above_512_mb_is_charged_per_gb_second() -> None:
    report = price(
        "  fn: {kind: lambda, memory_mb: 512, usage: {monthly_requests: 2000000,"
        " avg_duration_ms: 200, ephemeral_storage_mb: 2560}}\n"
    )
    # 2M x 0.2 s x (2560 - 512) / 1024 GB = 800,000 GB-s at $0.0000000309
    charged = lines(report, "fn")["Ephemeral storage (2560 MB, 2048 MB charged)"]
    assert charged == D(800_000) * D("0.0000000309")
    assert report.components["fn"].assumptions == ()


def test_lambda_storage_is_priced_for_arm_in_its_region() -> None:
    report = price(
        "  fn: {kind: lambda, architecture: arm64, memory_mb: 1024, usage: {monthly_requests:"
        " 1000000, avg_duration_ms: 1000, ephemeral_storage_mb: 1536}}\n",
        region="ap-southeast-1",
    )
    (storage,) = [ln for ln in report.components["fn"].lines if ln.name.startswith("Ephemeral")]
    assert storage.price == "AWSLambda Lambda-Storage-GB-Second-ARM Invoke ap-southeast-1"
    assert storage.monthly == D(1_000_000) * D("0.0000000370")  # 1M x 1 s x 1 GB


@pytest.mark.parametrize("given", ["", ", ephemeral_storage_mb: 512"])
def test_lambda_storage_of_512_mb_adds_nothing(given: str) -> None:
    report = price(
        f"  fn: {{kind: lambda, memory_mb: 128, usage: {{monthly_requests: 10{given}}}}}\n"
    )
    assert set(lines(report, "fn")) == {"Requests", "Duration (128 MB)"}


def test_lambda_storage_outside_its_range_is_refused() -> None:
    with pytest.raises(InputError):
        price("  fn: {kind: lambda, usage: {ephemeral_storage_mb: 20000}}\n")


def test_rest_api_cache_is_priced_per_hour_of_its_size() -> None:
    report = price(
        "  api: {kind: rest_api, cache_enabled: true, usage: {monthly_requests: 0,"
        " cache_size_gb: 237}}\n"
    )
    assert lines(report, "api")["Cache (237 GB)"] == D(730) * D("3.8")  # Infracost's $2,774.00


def test_rest_api_cache_size_defaults_to_the_smallest_and_says_so() -> None:
    report = price("  api: {kind: rest_api, cache_enabled: true}\n")
    component = report.components["api"]
    (cache,) = [ln for ln in component.lines if ln.name.startswith("Cache")]
    assert (cache.name, cache.monthly, cache.assumed) == ("Cache (0.5 GB)", D("14.6"), True)
    assert "cache_size_gb = 0.5 (default for api_gateway)" in component.assumptions


def test_no_cache_no_cache_line_and_no_cache_assumption() -> None:
    for api in ("{kind: rest_api}", "{kind: rest_api, cache_enabled: false}"):
        component = price(f"  api: {api}\n").components["api"]
        assert [ln.name for ln in component.lines] == ["REST API requests"]
        assert not any("cache" in a for a in component.assumptions)


def test_a_cache_size_the_table_lacks_in_a_region_is_not_found_never_zero() -> None:
    report = price("  api: {kind: rest_api, cache_enabled: true}\n", region="eu-west-1")
    (cache,) = [ln for ln in report.components["api"].lines if ln.name.startswith("Cache")]
    assert cache.monthly is None and "no AmazonApiGateway ApiGatewayCacheUsage:0.5GB" in cache.note


CDN = "  cdn: {{kind: cloudfront, usage: {{gb_out: {gb}, monthly_requests: {req}{plan}}}}}\n"


def test_a_flat_rate_plan_replaces_data_out_and_requests() -> None:
    report = price(CDN.format(gb=2000, req=5_000_000, plan=", pricing_plan: pro"))
    assert lines(report, "cdn") == {"Flat-rate plan (pro)": D(15)}
    assert report.components["cdn"].notes == ()


def test_usage_beyond_the_plan_s_allowance_is_noted_not_charged() -> None:
    report = price(CDN.format(gb=200, req=2_000_000, plan=", pricing_plan: free"))
    assert lines(report, "cdn") == {"Flat-rate plan (free)": D(0)}
    (note,) = report.components["cdn"].notes
    assert "exceeds the free plan's allowance" in note and "no overage" in note


def test_pay_as_you_go_names_a_cheaper_plan_that_covers_the_usage() -> None:
    # 2,000 GB out in the US is $170 pay-as-you-go; Pro covers 50 TB and 10M requests for $15
    report = price(CDN.format(gb=2000, req=5_000_000, plan=""))
    component = report.components["cdn"]
    assert "Flat-rate plan (pro)" not in lines(report, "cdn")
    assert component.total is not None and component.total > D(15)
    assert any(
        "a pro flat-rate plan ($15.00 a month) covers this usage" in n for n in component.notes
    )
    assert not any("pricing_plan" in a for a in component.assumptions)


def test_no_plan_is_named_when_none_covers_the_usage() -> None:
    report = price(CDN.format(gb=2000, req=900_000_000, plan=""))
    assert not any("flat-rate" in n for n in report.components["cdn"].notes)


def test_an_unknown_plan_is_refused() -> None:
    with pytest.raises(InputError):
        price(CDN.format(gb=1, req=1, plan=", pricing_plan: gold"))


def test_a_cache_size_api_gateway_does_not_offer_is_refused() -> None:
    with pytest.raises(InputError):
        price("  api: {kind: rest_api, cache_enabled: true, usage: {cache_size_gb: 2}}\n")


def test_a_plan_s_price_is_not_marked_assumed_when_traffic_is() -> None:
    report = price("  cdn: {kind: cloudfront, usage: {pricing_plan: business}}\n")
    (plan,) = report.components["cdn"].lines
    assert (plan.monthly, plan.assumed) == (D(200), False)
    assert report.components["cdn"].notes == ()  # the default traffic fits the allowance
