"""Cost lines per kind against hand-computed figures (us-east-1 list prices of docs/cost.md)."""

from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path

import pytest
from tests.conftest import ROOT, load

from archcode.collectors import load_architecture
from archcode.cost import CostReport, estimate
from archcode.cost.pricers import PRICERS
from archcode.model.registry import KINDS

HEAD = "name: t\naccount: '111122223333'\nregion: us-east-1\nresources:\n"


def price(resources: str, **options: object) -> CostReport:
    return estimate(load(HEAD + resources), **options)  # type: ignore[arg-type]


def lines(report: CostReport, rid: str) -> dict[str, D | None]:
    return {line.name: line.monthly for line in report.components[rid].lines}


def test_every_charged_kind_has_a_pricer_and_no_free_kind_has_one() -> None:
    charged = {spec.kind for spec in KINDS if spec.charged}
    assert charged == set(PRICERS)


@pytest.mark.parametrize("fixture", sorted((ROOT / "tests/fixtures/kinds").glob("*.yaml")))
def test_every_kind_fixture_is_priced_without_silent_zeros(fixture: Path) -> None:
    arch = load_architecture(str(fixture))
    report = estimate(arch)
    charged = {rid for rid, r in arch.resources.items() if r.kind in PRICERS}
    assert set(report.components) == charged
    for component in report.components.values():
        for line in component.lines:
            # a line either has a price, or says it has none: never a made-up $0
            assert (line.unit_price is None) == (line.monthly is None)
            assert line.found or line.note  # and says why


def test_lambda_x86_requests_and_duration() -> None:
    report = price(
        "  fn: {kind: lambda, memory_mb: 512,"
        " usage: {monthly_requests: 2000000, avg_duration_ms: 200}}\n"
    )
    assert lines(report, "fn") == {"Requests": D("0.4"), "Duration (512 MB)": D("3.33334")}
    assert report.components["fn"].total == D("3.73334")
    assert report.components["fn"].assumptions == ()


def test_lambda_arm64_uses_arm_rates() -> None:
    report = price(
        "  fn: {kind: lambda, architecture: arm64, memory_mb: 512,"
        " usage: {monthly_requests: 2000000, avg_duration_ms: 200}}\n"
    )
    assert lines(report, "fn") == {"Requests": D("0.4"), "Duration (512 MB)": D("2.66668")}


def test_lambda_defaults_are_marked_assumed() -> None:
    report = price("  fn: {kind: lambda}\n")
    component = report.components["fn"]
    assert all(line.assumed for line in component.lines)
    assert component.assumptions == (
        "memory_mb = 128 (memory size not in the model)",
        "monthly_requests = 1,000,000 (default for lambda_function)",
        "avg_duration_ms = 100 (default for lambda_function)",
    )
    # 1M x $0.20/1M + 1M x 0.1 s x 0.125 GB x $0.0000166667
    assert component.total == D("0.2") + D("12500") * D("0.0000166667")


def test_rest_api_tiers() -> None:
    report = price("  api: {kind: rest_api, usage: {monthly_requests: 400000000}}\n")
    (line,) = report.components["api"].lines
    assert line.monthly == D(333_000_000) * D("0.0000035") + D(67_000_000) * D("0.0000028")
    assert line.monthly == D("1353.1")
    assert "tiered" in line.note


def test_http_api() -> None:
    report = price("  api: {kind: http_api, usage: {monthly_requests: 1000000}}\n")
    assert report.components["api"].total == D("1")


def test_s3_storage_and_requests() -> None:
    report = price(
        "  b: {kind: s3, usage: {gb_stored: 100, write_request_units: 10000,"
        " read_request_units: 100000}}\n"
    )
    assert report.components["b"].total == D("2.39")


def test_dynamodb_on_demand_storage_pitr_and_free_tier() -> None:
    body = (
        "  t: {kind: dynamodb, billing_mode: PAY_PER_REQUEST, point_in_time_recovery: true,"
        " usage: {write_request_units: 1000000, read_request_units: 1000000, gb_stored: 10}}\n"
    )
    assert price(body).components["t"].total == D("5.25")
    free = price(body, free_tier=True).components["t"]
    assert free.total == D("2.75")  # 25 GB of storage are free; PITR is not
    (storage,) = [ln for ln in free.lines if ln.name == "Storage"]
    assert storage.free_quantity == D(10)


def test_dynamodb_provisioned_capacity() -> None:
    report = price(
        "  t: {kind: dynamodb, billing_mode: PROVISIONED, read_capacity: 10, write_capacity: 5,"
        " usage: {gb_stored: 0}}\n"
    )
    assert lines(report, "t") == {
        "Write capacity (5 WCU)": D(730 * 5) * D("0.00065"),
        "Read capacity (10 RCU)": D(730 * 10) * D("0.00013"),
        "Storage": D(0),
    }


def test_rds_multi_az_doubles_instance_and_storage() -> None:
    report = price(
        "  db: {kind: rds, engine: postgres, instance_class: db.t3.micro, multi_az: true,"
        " allocated_storage_gb: 100, storage_type: gp2}\n"
    )
    assert lines(report, "db") == {
        "Instance hours (1 x db.t3.micro, postgres, Multi-AZ)": D("26.28"),
        "Storage (gp2)": D("23"),
    }


def test_rds_single_az_by_engine() -> None:
    body = (
        "  pg: {kind: rds, engine: postgres, instance_class: db.m5.large, multi_az: false,"
        " allocated_storage_gb: 50, storage_type: gp3}\n"
        "  my: {kind: rds, engine: mysql, instance_class: db.m5.large, multi_az: false,"
        " allocated_storage_gb: 50, storage_type: gp3}\n"
    )
    report = price(body)
    assert report.components["pg"].total == D("135.69")  # 730 x 0.178 + 50 x 0.115
    assert report.components["my"].total == D("130.58")  # 730 x 0.171 + 50 x 0.115


def test_rds_proxy_is_priced_per_target_vcpu() -> None:
    report = price(
        "  db: {kind: rds, engine: postgres, instance_class: db.m5.large, multi_az: false}\n"
        "  proxy: {kind: rds_proxy, targets: [db]}\n"
    )
    assert report.components["proxy"].total == D("21.9")  # 2 vCPU x 730 h x 0.015


def test_nat_gateway_hours_and_data() -> None:
    report = price("  nat: {kind: nat, usage: {gb_processed: 100}}\n")
    # 730 h x $0.045 + 100 GB x $0.045, and its Elastic IP: 730 h x $0.005
    assert report.components["nat"].total == D("41.00")
    (address,) = [ln for ln in report.components["nat"].lines if "IPv4" in ln.name]
    assert (address.quantity, address.unit_price) == (D(730), D("0.005"))


def test_load_balancers_with_capacity_units() -> None:
    report = price(
        "  alb: {kind: alb, usage: {capacity_units: 2}}\n"
        "  nlb: {kind: nlb, usage: {capacity_units: 1}}\n"
    )
    assert report.components["alb"].total == D("28.105")
    assert report.components["nlb"].total == D("20.805")


def test_interface_endpoint_per_az_and_gateway_endpoint_free() -> None:
    report = price(
        "  vpc: {kind: vpc}\n"
        "  a: {kind: subnet, vpc: vpc}\n"
        "  b: {kind: subnet, vpc: vpc}\n"
        "  sm: {kind: vpc_endpoint, service: secretsmanager, subnets: [a, b],"
        " usage: {gb_processed: 10}}\n"
        "  s3: {kind: vpc_endpoint, service: s3, endpoint_type: gateway, vpc: vpc}\n"
    )
    assert report.components["sm"].total == D("14.7")
    assert report.components["sm"].vpc == "vpc"
    assert report.components["s3"].lines == ()
    assert report.components["s3"].total == D(0)


def test_secrets_kms_and_kms_free_tier() -> None:
    body = (
        "  s: {kind: secret, usage: {monthly_requests: 10000}}\n"
        "  k: {kind: kms, usage: {monthly_requests: 100000}}\n"
    )
    report = price(body)
    assert report.components["s"].total == D("0.45")
    assert report.components["k"].total == D("1.3")
    assert price(body, free_tier=True).components["k"].total == D("1.24")


def test_cloudwatch_logs() -> None:
    report = price("  lg: {kind: log_group, usage: {gb_processed: 10, gb_stored: 20}}\n")
    assert report.components["lg"].total == D("5.6")


def test_cloudfront_us_and_tiers() -> None:
    report = price(
        "  cdn: {kind: cloudfront, usage: {gb_out: 100, monthly_requests: 1000000}}\n"
        "  big: {kind: cloudfront, usage: {gb_out_by_region: {us: 20480}, monthly_requests: 0}}\n"
    )
    assert report.components["cdn"].total == D("9.5")
    assert report.components["cdn"].region == "global"
    assert report.components["big"].total == D("1689.6")  # 10 TB at 0.085 + 10 TB at 0.080


def test_fargate_service() -> None:
    report = price("  svc: {kind: fargate_service, cpu: 512, memory_mb: 1024, desired_count: 2}\n")
    assert report.components["svc"].total == D("730") * D("0.04048") + D("1460") * D("0.004445")


def test_free_tier_is_shared_by_the_account() -> None:
    body = (
        "  a: {kind: lambda, usage: {monthly_requests: 800000, avg_duration_ms: 0}}\n"
        "  b: {kind: lambda, usage: {monthly_requests: 800000, avg_duration_ms: 0}}\n"
    )
    report = price(body, free_tier=True)
    assert report.components["a"].total == D(0)
    assert report.components["b"].total == D(600_000) * D("0.0000002")  # 200k were left
    assert price(body).components["a"].total == D("0.16")  # off by default


def test_missing_price_is_never_zero() -> None:
    report = price(
        "  vm: {kind: ec2, instance_type: x9.huge}\n"
        "  web: {kind: ec2, instance_type: t3.micro}\n"
        "  unknown: {kind: ec2}\n"
    )
    (vm_line,) = report.components["vm"].lines
    assert (vm_line.unit_price, vm_line.monthly, vm_line.found) == (None, None, False)
    assert vm_line.note == "no AmazonEC2 BoxUsage:x9.huge RunInstances us-east-1 in the price table"
    assert report.components["vm"].total is None
    assert report.components["unknown"].total is None
    assert report.components["web"].total == D("7.592")
    assert report.total is None
    assert report.known_total == D("7.592")
    assert [rid for rid, _ in report.missing] == ["vm", "unknown"]


def test_region_outside_the_table_is_not_found() -> None:
    report = estimate(load("name: t\nregion: sa-east-1\nresources:\n  fn: {kind: lambda}\n"))
    assert report.components["fn"].total is None


def test_region_defaults_to_us_east_1_as_an_assumption() -> None:
    report = estimate(load("name: t\nresources:\n  q: {kind: sqs, usage: {monthly_requests: 0}}\n"))
    assert report.components["q"].region == "us-east-1"
    assert "region = us-east-1 (no region in the model)" in report.components["q"].assumptions


def test_subtotals_per_vpc_region_and_account() -> None:
    report = estimate(
        load(
            "name: t\naccount: '111111111111'\nregion: us-east-1\nresources:\n"
            "  vpc: {kind: vpc}\n"
            "  a: {kind: subnet, vpc: vpc}\n"
            "  nat: {kind: nat, subnet: a, usage: {gb_processed: 0}}\n"
            "  q: {kind: sqs, region: eu-west-1, account: '222222222222',"
            " usage: {monthly_requests: 1000000}}\n"
        )
    )
    by_vpc = report.subtotals("vpc")
    assert by_vpc["vpc"].total == D("36.50")  # NAT hours and its public IPv4 address
    assert by_vpc["(no VPC)"].total == D("0.4")
    assert {k: v.total for k, v in report.subtotals("region").items()} == {
        "us-east-1": D("36.50"),
        "eu-west-1": D("0.4"),
    }
    assert set(report.subtotals("account")) == {"111111111111", "222222222222"}
    assert report.total == D("36.90")


def test_public_ipv4_addresses_are_charged_where_the_model_says_there_are_some() -> None:
    report = price(
        "  v: {kind: vpc}\n  a: {kind: subnet, vpc: v}\n  b: {kind: subnet, vpc: v}\n"
        "  lb: {kind: alb, scheme: internet-facing, subnets: [a, b], usage: {capacity_units: 0}}\n"
        "  inner: {kind: alb, scheme: internal, usage: {capacity_units: 0}}\n"
        "  vm: {kind: ec2, instance_type: t3.micro, public_ip: true}\n"
        "  quiet: {kind: ec2, instance_type: t3.micro}\n"
        "  svc: {kind: ecs_service, desired_count: 3, assign_public_ip: true}\n"
        "  private: {kind: nat, connectivity: private}\n"
    )

    def addresses(rid: str) -> list[D]:
        lines = report.components[rid].lines
        return [
            ln.quantity for ln in lines if ln.price == "AmazonVPC PublicIPv4:InUseAddress us-east-1"
        ]

    assert addresses("lb") == [D(2 * 730)]  # one per Availability Zone (subnet)
    assert addresses("inner") == []
    assert addresses("vm") == [D(730)]
    assert addresses("quiet") == []
    assert any("the model does not say" in note for note in report.components["quiet"].notes)
    assert addresses("svc") == [D(3 * 730)]
    assert addresses("private") == []


def test_data_transfer_out_to_the_internet_is_tiered_and_only_when_given() -> None:
    report = estimate(
        load(
            "name: t\nregion: ap-south-1\nresources:\n"
            "  vm: {kind: ec2, instance_type: t3.micro, usage: {gb_out: 20000}}\n"
            "  bucket: {kind: s3}\n"
        )
    )
    out = lines(report, "vm")["Data transfer out to the internet"]
    assert out == 10240 * D("0.1093") + 9760 * D("0.085")  # first 10 TB, then the next tier
    assert "Data transfer out to the internet" not in lines(report, "bucket")
    assert any("give gb_out" in note for note in report.components["bucket"].notes)


def test_the_free_100_gb_of_data_out_is_handed_out_once_per_account() -> None:
    report = estimate(
        load(
            "name: t\nregion: us-east-1\nresources:\n"
            "  a: {kind: s3, usage: {gb_out: 60}}\n"
            "  b: {kind: s3, usage: {gb_out: 60}}\n"
        ),
        free_tier=True,
    )
    assert lines(report, "a")["Data transfer out to the internet"] == 0
    assert lines(report, "b")["Data transfer out to the internet"] == 20 * D("0.09")
