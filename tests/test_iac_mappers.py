"""Mappers of single resource types, CloudFormation and Terraform side by side: snapshots and
their copies, regions of provider aliases, DNS records, access keys."""

from __future__ import annotations

import textwrap
from pathlib import Path

from tests.test_iac_terraform import config, load, plan, ref, resource

from archcode.collectors import load_architecture
from archcode.collectors.cloudformation import to_architecture
from archcode.errors import Problem
from archcode.model.architecture import Architecture
from archcode.model.kinds.data import DbSnapshot
from archcode.model.kinds.network import Route53Zone
from archcode.model.kinds.security import IamUser
from archcode.rules.engine import evaluate

IAC = Path(__file__).resolve().parent / "fixtures" / "iac"


def template(text: str) -> Architecture:
    return to_architecture(textwrap.dedent(text), "t.yaml")


def test_a_snapshot_copy_in_a_provider_aliased_region_is_a_copy_in_that_region(
    tmp_path: Path,
) -> None:
    document = plan(
        [
            resource("aws_kms_key.main", {"enable_key_rotation": True}),
            resource("aws_kms_key.dr", {"enable_key_rotation": True}),
            resource("aws_s3_bucket.exports", {"bucket": "exports"}),
            resource("aws_db_instance.db", {"engine": "mysql", "storage_encrypted": True}),
            resource("aws_db_snapshot.daily", {"db_snapshot_identifier": "daily"}),
            resource("aws_db_snapshot_copy.dr", {"target_db_snapshot_identifier": "daily-dr"}),
            resource("aws_rds_export_task.daily", {"export_task_identifier": "daily"}),
        ],
        [
            config("aws_db_instance.db", {"kms_key_id": ref("aws_kms_key.main.arn")}),
            config(
                "aws_db_snapshot.daily",
                {"db_instance_identifier": ref("aws_db_instance.db.identifier")},
            ),
            {
                **config(
                    "aws_db_snapshot_copy.dr",
                    {
                        "source_db_snapshot_identifier": ref(
                            "aws_db_snapshot.daily.db_snapshot_arn"
                        ),
                        "kms_key_id": ref("aws_kms_key.dr.arn"),
                    },
                ),
                "provider_config_key": "aws.dr",
            },
            {**config("aws_kms_key.dr", {}), "provider_config_key": "aws.dr"},
            config(
                "aws_rds_export_task.daily",
                {
                    "source_arn": ref("aws_db_snapshot.daily.db_snapshot_arn"),
                    "s3_bucket_name": ref("aws_s3_bucket.exports.id"),
                },
            ),
        ],
    )
    document["configuration"]["provider_config"]["aws.dr"] = {
        "name": "aws",
        "alias": "dr",
        "expressions": {"region": {"constant_value": "us-west-2"}},
    }
    arch = load(tmp_path, document)
    daily = arch.resources["aws_db_snapshot.daily"]
    copy = arch.resources["aws_db_snapshot_copy.dr"]
    assert isinstance(daily, DbSnapshot) and isinstance(copy, DbSnapshot)
    # a snapshot is encrypted as its instance is, with the instance's key
    assert (daily.source, daily.encrypted, daily.kms_key) == (
        "aws_db_instance.db",
        True,
        "aws_kms_key.main",
    )
    assert (daily.automated, daily.exported_to) == (False, "aws_s3_bucket.exports")
    assert (copy.copy_of, copy.encrypted, copy.kms_key) == (
        "aws_db_snapshot.daily",
        True,
        "aws_kms_key.dr",
    )
    assert (copy.region, arch.resources["aws_kms_key.dr"].region, daily.region) == (
        "us-west-2",
        "us-west-2",
        "eu-west-1",
    )
    flows = {(c.source, c.target) for c in arch.connections}
    assert ("aws_db_snapshot.daily", "aws_db_snapshot_copy.dr") in flows
    assert ("aws_db_snapshot.daily", "aws_s3_bucket.exports") in flows
    verdicts = {(r.rule.id, r.resource): r.outcome.value for r in evaluate(arch)}
    assert verdicts[("data-store-cross-region-backup", "aws_db_instance.db")] == "PASS"


def test_a_snapshot_shared_with_all_is_public(tmp_path: Path) -> None:
    arch = load(
        tmp_path,
        plan([resource("aws_db_snapshot.s", {"shared_accounts": ["all", "444455556666"]})]),
    )
    snapshot = arch.resources["aws_db_snapshot.s"]
    assert isinstance(snapshot, DbSnapshot)
    assert (snapshot.public, snapshot.shared_with_accounts) == (True, ["444455556666"])
    assert snapshot.encrypted is None  # neither a key nor a known instance: unknown


def test_dns_records_and_access_keys_are_joined_onto_zone_and_user(tmp_path: Path) -> None:
    arch = load(
        tmp_path,
        plan(
            [
                resource("aws_route53_zone.z", {"name": "example.com.", "vpc": []}),
                resource("aws_route53_record.www", {"name": "www.example.com", "type": "A"}),
                resource("aws_cloudfront_distribution.cdn", {"enabled": True}),
                resource("aws_iam_user.u", {"name": "ci"}),
                resource("aws_iam_access_key.k", {"status": "Inactive"}),
                resource("aws_iam_access_key.k2", {"status": "Active"}),
            ],
            [
                config(
                    "aws_route53_record.www",
                    {
                        "zone_id": ref("aws_route53_zone.z.zone_id"),
                        "alias": [{"name": ref("aws_cloudfront_distribution.cdn.domain_name")}],
                    },
                ),
                config("aws_iam_access_key.k", {"user": ref("aws_iam_user.u.name")}),
                config("aws_iam_access_key.k2", {"user": ref("aws_iam_user.u.name")}),
            ],
        ),
    )
    zone = arch.resources["aws_route53_zone.z"]
    assert isinstance(zone, Route53Zone)
    assert (zone.domain, zone.private) == ("example.com", False)
    # the alias block is known only after apply (the distribution is new): read from the
    # configuration
    assert [(r.name, r.type, r.alias, r.target) for r in zone.records] == [
        ("www.example.com", "A", True, "aws_cloudfront_distribution.cdn")
    ]
    user = arch.resources["aws_iam_user.u"]
    assert isinstance(user, IamUser)
    assert sorted(k.active for k in user.access_keys) == [False, True]


def test_cloudformation_record_sets_and_access_keys() -> None:
    arch = template(
        """
        Resources:
          Zone:
            Type: AWS::Route53::HostedZone
            Properties: {Name: example.com.}
          Www:
            Type: AWS::Route53::RecordSet
            Properties:
              HostedZoneId: !Ref Zone
              Name: www.example.com.
              Type: A
              AliasTarget: {DNSName: !GetAtt Cdn.DomainName, HostedZoneId: Z2FDTNDATAQYW2}
          Cdn:
            Type: AWS::CloudFront::Distribution
            Properties: {DistributionConfig: {Enabled: true}}
          Ci:
            Type: AWS::IAM::User
          CiKey:
            Type: AWS::IAM::AccessKey
            Properties: {UserName: !Ref Ci, Status: Inactive}
          Lonely:
            Type: AWS::IAM::User
        """
    )
    zone = arch.resources["Zone"]
    assert isinstance(zone, Route53Zone)
    assert zone.domain == "example.com"
    assert [(r.name, r.alias, r.target) for r in zone.records] == [("www.example.com", True, "Cdn")]
    ci, lonely = arch.resources["Ci"], arch.resources["Lonely"]
    assert isinstance(ci, IamUser) and isinstance(lonely, IamUser)
    assert [k.active for k in ci.access_keys] == [False]
    assert lonely.access_keys == []


def test_the_seed_fixtures_read_without_unsupported_types() -> None:
    for name in (
        "serverless-encrypted-backups.cfn.yaml",
        "serverless-encrypted-backups.tfplan.json",
    ):
        diagnostics: list[Problem] = []
        load_architecture(str(IAC / name), diagnostics=diagnostics)
        assert [str(d) for d in diagnostics] == []
