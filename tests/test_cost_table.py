"""The shipped price table: dated, sourced, covering every charged kind in every table region."""

from __future__ import annotations

import tomllib
from dataclasses import replace
from datetime import date
from decimal import Decimal as D

import pytest
from tests.conftest import ROOT, load

from archcode.cli import main
from archcode.cost import estimate, shipped_table
from archcode.cost.regions import TABLE_REGIONS
from archcode.cost.table import (
    CHECKS,
    is_verified,
    parse_price_csv,
    price_csv,
    verification_summary,
)
from archcode.cost.tiers import tiered_cost
from archcode.model.registry import KINDS

# Every charged kind, configured so that each of its lines must find a price.
EVERY_KIND = """\
  vpc: {kind: vpc}
  a: {kind: subnet, vpc: vpc}
  b: {kind: subnet, vpc: vpc}
  nat: {kind: nat, subnet: a}
  vpce: {kind: vpc_endpoint, service: sqs, subnets: [a, b]}
  zone: {kind: route53, domain: example.com}
  cdn: {kind: cloudfront}
  rest: {kind: rest_api}
  http: {kind: http_api}
  ws: {kind: websocket_api}
  alb: {kind: alb, subnets: [a, b]}
  nlb: {kind: nlb, subnets: [a, b]}
  fn: {kind: lambda, memory_mb: 256, provisioned_concurrency: 1}
  fn-arm: {kind: lambda, architecture: arm64, memory_mb: 256}
  vm: {kind: ec2, instance_type: t3.micro}
  asg: {kind: asg, instance_type: m5.large, desired_capacity: 2}
  svc: {kind: fargate_service, cpu: 256, memory_mb: 512, desired_count: 1}
  eks: {kind: eks, node_count: 2, node_instance_type: t3.large}
  eb: {kind: beanstalk, instance_type: t3.small, load_balancer_type: application}
  db: {kind: rds, engine: postgres, instance_class: db.t3.micro, allocated_storage_gb: 20,
       storage_type: gp3, multi_az: true}
  db-my: {kind: rds, engine: mysql, instance_class: db.m5.large, allocated_storage_gb: 20,
          storage_type: gp2, multi_az: false}
  aurora: {kind: aurora, engine: aurora-postgresql, serverless_v2_min_acu: 0.5}
  proxy: {kind: rds_proxy, targets: [db]}
  snap: {kind: snapshot, source: db}
  table: {kind: dynamodb, billing_mode: PAY_PER_REQUEST, point_in_time_recovery: true}
  table-p: {kind: dynamodb, billing_mode: PROVISIONED, read_capacity: 5, write_capacity: 5}
  cache: {kind: redis, node_type: cache.t3.micro, num_nodes: 2}
  search: {kind: opensearch, instance_type: t3.small.search, instance_count: 2, storage_gb: 10}
  bucket: {kind: s3}
  efs: {kind: efs}
  efs-z: {kind: efs, one_zone: true}
  vol: {kind: ebs, volume_type: gp3, size_gb: 100, iops: 4000}
  volsnap: {kind: ebs_snapshot, volume: vol}
  vault: {kind: backup_vault}
  q: {kind: sqs}
  q-fifo: {kind: sqs, fifo: true}
  topic: {kind: sns}
  bus: {kind: eventbridge}
  sfn: {kind: step_functions}
  sfn-x: {kind: step_functions, type: EXPRESS}
  msk: {kind: msk, broker_instance_type: kafka.m5.large, broker_count: 3}
  stream: {kind: kinesis, mode: ON_DEMAND}
  shards: {kind: kinesis, mode: PROVISIONED, shard_count: 2}
  key: {kind: kms}
  secret: {kind: secret}
  waf: {kind: waf, rules: [AWSManagedRulesCommonRuleSet]}
  shield: {kind: shield}
  pool: {kind: cognito, monthly_active_users: 20000}
  trail: {kind: cloudtrail}
  logs: {kind: log_group}
  alarm: {kind: alarm}
  xray: {kind: xray}
  pipeline: {kind: codepipeline}
  build: {kind: codebuild, compute_type: BUILD_GENERAL1_SMALL}
"""


@pytest.mark.parametrize("region", TABLE_REGIONS)
def test_every_charged_kind_is_priced_in_every_table_region(region: str) -> None:
    arch = load(f"name: all\nregion: {region}\nresources:\n{EVERY_KIND}")
    report = estimate(arch)
    missing = [f"{rid}: {line.note}" for rid, line in report.missing]
    assert missing == []
    kinds = {c.kind for c in report.components.values()}
    assert kinds == {spec.kind for spec in KINDS if spec.charged}
    assert report.total is not None and report.total > 0


def test_rows_carry_date_source_and_check() -> None:
    table = shipped_table()
    assert table.date == date(2026, 11, 23)
    for row in table.rows():
        assert row.source.startswith("https://"), row
        assert row.check in CHECKS and row.check != "API", row
        if row.check == "R":  # unverified rows point at the AWS page to check them against
            assert row.source.startswith("https://aws.amazon.com/"), row


def test_verified_rows_name_their_evidence() -> None:
    """Rows confirmed outside AWS's pages cite the bill or offer file, dated as that source."""
    table = shipped_table()
    singapore_nat = table.tiers("AmazonEC2", "NatGateway-Hours", "ap-southeast-1", "NatGateway")
    assert singapore_nat[0].check == "B" and singapore_nat[0].price == D("0.059")
    assert "github.com/rahmat-ullah/DocParser" in singapore_nat[0].source
    assert singapore_nat[0].effective_date == date(2025, 5, 1)
    ireland_nat = table.tiers("AmazonEC2", "NatGateway-Bytes", "eu-west-1", "NatGateway")[0]
    assert (
        ireland_nat.check == "L" and "pricing.us-east-1.amazonaws.com/offers" in ireland_nat.source
    )
    # Corrections the bill forced: Singapore log ingestion and on-demand writes.
    logs = table.tiers("AmazonCloudWatch", "DataProcessing-Bytes", "ap-southeast-1")[0]
    assert logs.price == D("0.70")
    writes = table.tiers("AmazonDynamoDB", "WriteRequestUnits", "ap-southeast-1")[0]
    assert writes.price == D("0.00000071")


def test_verification_summary_counts_checked_rows() -> None:
    rows = shipped_table().rows()
    row = rows[0]
    sample = [replace(row, check="G"), replace(row, check="B"), replace(row, check="R")]
    assert verification_summary(sample) == (
        "2 of 3 rows (66.7%) verified against a source, 1 unverified (check R)"
    )
    assert verification_summary([]).startswith("0 of 0 rows (0.0%)")
    verified = sum(1 for r in rows if is_verified(r))
    assert 0 < verified < len(rows)
    assert verification_summary(rows).startswith(f"{verified} of {len(rows)} rows")


def test_prices_show_reports_the_verified_share(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["prices", "show", "--region", "ap-southeast-1"]) == 0
    err = capsys.readouterr().err
    rows = [r for r in shipped_table().rows() if r.region == "ap-southeast-1"]
    expected = verification_summary(rows)
    assert f"archcode: {expected}" in err.splitlines()
    assert not expected.startswith("0 of")


def test_reference_prices_are_in_the_table() -> None:
    table = shipped_table()

    def first(service: str, usage_type: str, region: str = "us-east-1", op: str = "") -> D:
        return table.tiers(service, usage_type, region, op)[0].price

    assert first("AWSLambda", "Request", op="Invoke") == D("0.0000002")
    assert first("AmazonCloudFront", "IN-DataTransfer-Out-Bytes", "global") == D("0.109")
    assert first("AmazonCloudFront", "US-DataTransfer-Out-Bytes", "global") == D("0.085")
    assert first("AmazonDynamoDB", "WriteRequestUnits") == D("0.000000625")
    assert first("AmazonRDS", "RDS:GP2-Storage") == D("0.115")
    assert first("AWSELB", "LCUUsage", op="LoadBalancing:Application") == D("0.008")
    assert first("AmazonEC2", "NatGateway-Hours", op="NatGateway") == D("0.045")


def test_tiered_cost_spans_tiers_and_refuses_beyond_the_last() -> None:
    table = shipped_table()
    rest = table.tiers("AmazonApiGateway", "ApiGatewayRequest", "us-east-1")
    assert tiered_cost(D(0), rest) == 0
    assert tiered_cost(D(1_000_000_000), rest) == D("1165.5") + D("1867.6")
    frankfurt = table.tiers("AmazonApiGateway", "ApiGatewayRequest", "eu-central-1")
    assert tiered_cost(D(333_000_000), frankfurt) == D("1232.1")
    assert tiered_cost(D(333_000_001), frankfurt) is None  # the next tier is not in the table


def test_csv_round_trip_is_lossless() -> None:
    table = shipped_table()
    again = parse_price_csv(price_csv(table.rows()), "again.csv")
    assert again.rows() == table.rows()


def test_price_table_is_package_data() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    patterns = config["tool"]["setuptools"]["package-data"]["archcode.cost"]
    assert "*.csv" in patterns
    assert (ROOT / "src" / "archcode" / "cost" / "prices.csv").is_file()


def test_docs_state_the_verified_share_that_prices_show_prints(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """docs/cost.md quotes `prices show` and the table's verified share; both must stay true."""
    doc = (ROOT / "docs" / "cost.md").read_text()
    quoted = doc.split("$ archcode prices show --region ap-southeast-1 -o /dev/null\n", 1)[1]
    quoted_lines = quoted.split("```", 1)[0].splitlines()
    assert main(["prices", "show", "--region", "ap-southeast-1", "-o", "/dev/null"]) == 0
    assert capsys.readouterr().err.splitlines() == quoted_lines
    rows = shipped_table().rows()
    verified = sum(1 for r in rows if is_verified(r))
    assert f"As of this table, {verified} of {len(rows):,} rows" in doc
