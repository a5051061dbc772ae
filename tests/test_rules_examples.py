"""The rules over the example architectures: exactly the findings each example documents.

Each example's header comment lists its DELIBERATE findings; the sets below are those findings
as (rule id, resource id) pairs (None: a finding about the account, e.g. no CloudTrail trail).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from archcode.collectors import load_architecture
from archcode.rules import Category, Outcome, evaluate
from archcode.rules.engine import Result

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
WAF = {"apigateway-rest-waf", "cloudfront-distribution-waf", "internet-entry-point-waf"}

EXPECTED: dict[str, set[tuple[str, str | None]]] = {
    "aws-layered-map": {
        # WAF protects the ALB only
        ("apigateway-rest-waf", "apigw"),
        ("cloudfront-distribution-waf", "cloudfront"),
        ("internet-entry-point-waf", "apigw"),
        ("internet-entry-point-waf", "cloudfront"),
        # backups stay in the region, no AWS Backup plan
        ("data-store-cross-region-backup", "dynamodb"),
        ("data-store-cross-region-backup", "efs"),
        ("data-store-cross-region-backup", "rds"),
        ("dynamodb-table-backup-plan", "dynamodb"),
        ("rds-instance-backup-plan", "rds"),
        # one EC2 instance in one AZ behind the ALB
        ("no-single-az-tier-on-data-path", "ec2"),
        # the web applications read S3 directly, around CloudFront
        ("s3-origin-only-through-cloudfront", "s3"),
        # the seed's one CloudWatch alarm watches EC2 only (not in the header's list)
        ("compute-monitored-by-alarm", "ecs"),
        ("compute-monitored-by-alarm", "lambda"),
        # FSBP rules (issue 14): facts the seed leaves out, which Security Hub fails
        ("cloudfront-default-root-object", "cloudfront"),  # CloudFront.1: none set
        ("cloudtrail-cloudwatch-logs", "cloudtrail"),  # CloudTrail.5: S3 delivery only
        ("ebs-volume-backup-plan", "ebs"),  # EC2.28: no AWS Backup plan at all
        ("rds-log-exports", "rds"),  # RDS.9: exports postgresql, not upgrade
        ("s3-bucket-cross-region-replication", "s3"),  # S3.7: no replication
        ("s3-bucket-cross-region-replication", "trail_logs"),
        ("vpc-service-endpoints", "vpc"),  # EC2.10, EC2.55-58, EC2.60: no interface endpoints
    },
    "cloudfront-lambda-dynamodb": {
        # no WAF, no CloudFront access logs, no CloudTrail
        ("apigateway-rest-waf", "api"),
        ("cloudfront-distribution-waf", "cdn"),
        ("internet-entry-point-waf", "api"),
        ("internet-entry-point-waf", "cdn"),
        ("cloudfront-distribution-logging", "cdn"),
        ("cloudtrail-multi-region-trail", None),
        # no self-recovery and no monitoring
        ("compute-monitored-by-alarm", "backend"),
        ("dynamodb-table-point-in-time-recovery", "table"),
        ("dynamodb-table-backup-plan", "table"),
        ("data-store-cross-region-backup", "table"),
        ("s3-bucket-versioning", "site_bucket"),
        # the bucket policy lets CloudFront read but does not deny plain HTTP
        ("s3-bucket-tls-only", "site_bucket"),
        # no VPC at all
        ("lambda-function-in-vpc", "backend"),
        # FSBP rules (issue 14): the bucket is SSE-S3 (S3.17) and not replicated (S3.7)
        ("s3-bucket-kms-encryption", "site_bucket"),
        ("s3-bucket-cross-region-replication", "site_bucket"),
    },
    "modern-serverless-app": {
        # no WAF in front of the public load balancers and the APIs; no CloudTrail
        ("apigateway-rest-waf", "rest_api"),
        ("internet-entry-point-waf", "ingress_alb"),
        ("internet-entry-point-waf", "realtime_api"),
        ("internet-entry-point-waf", "rest_api"),
        ("cloudtrail-multi-region-trail", None),
        # the CloudWatch alarm notifies nobody
        ("cloudwatch-alarm-notifies", "backend_5xx"),
        # no AWS Backup plan and no copy in a second region
        ("data-store-cross-region-backup", "app_db"),
        ("data-store-cross-region-backup", "state_table"),
        ("dynamodb-table-backup-plan", "state_table"),
        # one NAT gateway, in one availability zone
        ("vpc-nat-gateway-per-az", "vpc"),
        # not in the header's list: only the backend has an alarm; the WebSocket handler
        # runs outside the VPC
        ("compute-monitored-by-alarm", "eks_nodes"),
        ("compute-monitored-by-alarm", "orders_service"),
        ("compute-monitored-by-alarm", "realtime_handler"),
        ("compute-monitored-by-alarm", "search_indexer"),
        ("lambda-function-in-vpc", "realtime_handler"),
        # FSBP rules (issue 14): two search nodes (OpenSearch.6) on the 2019 TLS policy
        # (OpenSearch.8); Aurora PostgreSQL exports no logs (RDS.37); no replication (S3.7)
        ("opensearch-domain-three-data-nodes", "search"),
        ("service-encrypted-in-transit", "search"),
        ("rds-log-exports", "app_db"),
        ("s3-bucket-cross-region-replication", "artifacts"),
        ("vpc-service-endpoints", "vpc"),  # EC2.10, EC2.55-58, EC2.60: no interface endpoints
        ("load-balancer-waf", "ingress_alb"),  # ELB.16: the same missing WAF, per ALB
    },
    "serverless-django": {
        # no WAF in front of API Gateway or CloudFront
        ("apigateway-rest-waf", "api"),
        ("cloudfront-distribution-waf", "cdn"),
        ("internet-entry-point-waf", "api"),
        ("internet-entry-point-waf", "cdn"),
        # the CloudWatch alarm notifies nobody
        ("cloudwatch-alarm-notifies", "django_errors"),
        # no CloudTrail trail
        ("cloudtrail-multi-region-trail", None),
        # backups: automated, in the region, no AWS Backup plan
        ("data-store-cross-region-backup", "db"),
        ("rds-instance-backup-plan", "db"),
        # FSBP rules (issue 14): the static CDN has no root object (CloudFront.1); the
        # database uses passwords through the proxy, not IAM auth (RDS.10), and exports no
        # logs (RDS.9); the media bucket is not replicated (S3.7)
        ("cloudfront-default-root-object", "cdn"),
        ("rds-iam-authentication", "db"),
        ("rds-log-exports", "db"),
        ("s3-bucket-cross-region-replication", "static_media"),
        ("rds-instance-non-default-port", "db"),  # RDS.23: port 5432
        ("vpc-service-endpoints", "vpc"),  # EC2.10 ...: endpoints for S3 and Secrets Manager only
    },
    "serverless-encrypted-backups": {
        # no WAF, no CloudTrail, no CloudWatch alarms
        ("apigateway-rest-waf", "api"),
        ("cloudfront-distribution-waf", "cdn"),
        ("internet-entry-point-waf", "api"),
        ("internet-entry-point-waf", "cdn"),
        ("cloudtrail-multi-region-trail", None),
        ("compute-monitored-by-alarm", "backend"),
        # RDS is single-AZ
        ("rds-instance-multi-az", "db"),
        ("no-single-az-tier-on-data-path", "db"),
        # automated backups and snapshot copies, not an AWS Backup plan
        ("rds-instance-backup-plan", "db"),
        # FSBP rules (issue 14): the deployer user holds a managed policy directly (IAM.2);
        # MySQL exports no logs (RDS.9); the bucket itself is not replicated (S3.7: the
        # snapshots are copied, the static content is not)
        ("iam-user-no-direct-policies", "deployer"),
        ("rds-log-exports", "db"),
        ("s3-bucket-cross-region-replication", "app_bucket"),
        ("rds-instance-non-default-port", "db"),  # RDS.23: port 3306
        ("vpc-service-endpoints", "vpc"),  # EC2.10, EC2.55-58, EC2.60
    },
}


def results(name: str) -> list[Result]:
    return evaluate(load_architecture(EXAMPLES / f"{name}.yaml"))


def fails(found: list[Result]) -> set[tuple[str, str | None]]:
    return {(r.rule.id, r.resource) for r in found if r.outcome is Outcome.FAIL}


def test_every_example_is_covered() -> None:
    assert {p.stem for p in EXAMPLES.glob("*.yaml")} == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_example_fails_exactly_its_documented_findings(name: str) -> None:
    found = results(name)
    assert [r for r in found if r.outcome is Outcome.ERROR] == []
    assert fails(found) == EXPECTED[name]


def test_serverless_django_passes_its_own_security_section() -> None:
    """Private subnets, encryption at rest and in transit, least privilege, no hard-coded
    credentials: nothing in those categories fails but the WAF the seed never names."""
    security = {
        Category.NETWORK_EXPOSURE,
        Category.ENCRYPTION,
        Category.LEAST_PRIVILEGE,
        Category.SECRETS,
    }
    found = results("serverless-django")
    failing = {
        r.rule.id for r in found if r.outcome is Outcome.FAIL and r.rule.category in security
    }
    # and FSBP controls the seed does not address: a root object on the static-files CDN
    # (CloudFront.1), IAM database authentication (RDS.10; the proxy uses the secret), the
    # default database port (RDS.23) and an endpoint for the EC2 API (EC2.10)
    assert failing <= WAF | {
        "cloudfront-default-root-object",
        "rds-iam-authentication",
        "rds-instance-non-default-port",
        "vpc-service-endpoints",
    }
    passing = {r.rule.id for r in found if r.outcome is Outcome.PASS}
    assert {
        "data-store-not-internet-reachable",
        "lambda-uses-rds-proxy",
        "no-secrets-in-environment-variables",
        "data-path-encrypted-in-transit",
        "iam-policy-no-wildcard-resource-data-access",
        "rds-instance-storage-encrypted",
        "s3-bucket-tls-only",
    } <= passing


def test_cloudfront_lambda_dynamodb_shows_no_self_recovery_and_no_monitoring() -> None:
    found = fails(results("cloudfront-lambda-dynamodb"))
    assert ("dynamodb-table-point-in-time-recovery", "table") in found
    assert ("s3-bucket-versioning", "site_bucket") in found
    assert ("compute-monitored-by-alarm", "backend") in found
    assert ("cloudfront-distribution-logging", "cdn") in found


@pytest.mark.parametrize(
    ("name", "rule", "resource"),
    [
        ("serverless-django", "rds-instance-deletion-protection", "db"),
        ("serverless-encrypted-backups", "iam-user-access-keys-rotated", "deployer"),
        ("serverless-encrypted-backups", "rds-instance-deletion-protection", "db"),
    ],
)
def test_facts_the_examples_leave_unstated_are_unknown(name: str, rule: str, resource: str) -> None:
    found = [r for r in results(name) if r.rule.id == rule and r.resource == resource]
    assert [r.outcome for r in found] == [Outcome.UNKNOWN]
