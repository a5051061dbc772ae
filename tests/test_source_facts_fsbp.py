"""Facts issue 14's last FSBP controls read, from every source: a CloudFormation template, a
Terraform plan and discovery against a real moto server (RDS.14, RDS.45, AutoScaling.6,
CodeBuild.3, CloudFront.8, CloudFront.16, ElastiCache.7, EC2.17).

Each source states what it was told, takes AWS's default where a template or a plan that creates
the resource leaves a property out, and leaves the fact unknown where it cannot see it.
"""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Any

import boto3
import pytest
from tests.test_iac_terraform import config, load, plan, ref, resource
from tests.test_source_holes import discover

from archcode.collectors.cloudformation import to_architecture
from archcode.model.architecture import Architecture
from archcode.model.origins import lambda_url_domain
from archcode.rules.engine import evaluate


def template(text: str) -> Architecture:
    return to_architecture(textwrap.dedent(text), "t.yaml")


def verdicts(arch: Architecture, rule: str) -> dict[str, str]:
    return {r.resource: r.outcome.value for r in evaluate(arch) if r.rule.id == rule}


def fact(arch: Architecture, rid: str, field: str) -> Any:
    return getattr(arch.resources[rid], field)


# --- RDS.14 and RDS.45: Aurora MySQL backtracking and Advanced Auditing ----------------------
AURORA = """
Resources:
  Audit:
    Type: AWS::RDS::DBClusterParameterGroup
    Properties:
      Family: aurora-mysql8.0
      Description: audit
      Parameters: {server_audit_logging: "1", server_audit_events: "CONNECT,QUERY_DDL"}
  NoEvents:
    Type: AWS::RDS::DBClusterParameterGroup
    Properties:
      Family: aurora-mysql8.0
      Description: logging without events
      Parameters: {server_audit_logging: "ON", server_audit_events: ""}
  Audited:
    Type: AWS::RDS::DBCluster
    Properties:
      Engine: aurora-mysql
      BacktrackWindow: 86400
      DBClusterParameterGroupName: !Ref Audit
  Empty:
    Type: AWS::RDS::DBCluster
    Properties: {Engine: aurora-mysql, DBClusterParameterGroupName: !Ref NoEvents}
  Plain:
    Type: AWS::RDS::DBCluster
    Properties: {Engine: aurora-mysql}
  Outside:
    Type: AWS::RDS::DBCluster
    Properties: {Engine: aurora-mysql, DBClusterParameterGroupName: shared-audit}
  Postgres:
    Type: AWS::RDS::DBCluster
    Properties: {Engine: aurora-postgresql}
"""


def test_backtracking_and_auditing_from_a_template() -> None:
    arch = template(AURORA)
    windows = {r: fact(arch, r, "backtrack_window_s") for r in ("Audited", "Plain")}
    assert windows == {"Audited": 86400, "Plain": 0}  # BacktrackWindow left out: off
    assert verdicts(arch, "rds-aurora-mysql-backtracking") == {
        "Audited": "PASS",
        "Empty": "FAIL",
        "Plain": "FAIL",
        "Outside": "FAIL",
        "Postgres": "NOT_APPLICABLE",
    }
    assert verdicts(arch, "rds-aurora-mysql-audit-logging") == {
        "Audited": "PASS",
        "Empty": "FAIL",  # server_audit_events empty
        "Plain": "FAIL",  # the default cluster parameter group
        "Outside": "UNKNOWN",  # a group of another stack: its parameters are not known
        "Postgres": "NOT_APPLICABLE",
    }


def _cluster(address: str, values: dict[str, Any]) -> dict[str, Any]:
    return resource(address, {"engine": "aurora-mysql", **values})


def test_backtracking_and_auditing_from_a_plan(tmp_path: Path) -> None:
    group = resource(
        "aws_rds_cluster_parameter_group.audit",
        {
            "name": "audit",
            "family": "aurora-mysql8.0",
            "parameter": [
                {"name": "server_audit_logging", "value": "1"},
                {"name": "server_audit_events", "value": "CONNECT"},
            ],
        },
    )
    arch = load(
        tmp_path,
        plan(
            [
                group,
                _cluster(
                    "aws_rds_cluster.audited",
                    {"backtrack_window": 3600, "db_cluster_parameter_group_name": "audit"},
                ),
                _cluster("aws_rds_cluster.plain", {}),
                _cluster(
                    "aws_rds_cluster.defaulted",
                    {"db_cluster_parameter_group_name": "default.aurora-mysql8.0"},
                ),
                _cluster("aws_rds_cluster.later", {}),
            ],
            [
                config(
                    "aws_rds_cluster.audited",
                    {
                        "db_cluster_parameter_group_name": ref(
                            "aws_rds_cluster_parameter_group.audit.name"
                        )
                    },
                ),
                # a name known only after apply
                config("aws_rds_cluster.later", {"db_cluster_parameter_group_name": {}}),
            ],
        ),
    )
    facts = {
        a.split(".")[1]: (fact(arch, a, "backtrack_window_s"), fact(arch, a, "audit_logging"))
        for a in arch.resources
        if a.startswith("aws_rds_cluster.")
    }
    assert facts == {
        "audited": (3600, True),
        "plain": (0, False),
        "defaulted": (0, False),
        "later": (0, None),
    }


def test_an_existing_cluster_left_out_of_a_plan_is_unknown(tmp_path: Path) -> None:
    arch = load(tmp_path, plan([_cluster("aws_rds_cluster.old", {})], created=False))
    assert fact(arch, "aws_rds_cluster.old", "backtrack_window_s") is None
    assert fact(arch, "aws_rds_cluster.old", "audit_logging") is None


def test_backtracking_and_auditing_discovered(aws_env: dict[str, str], tmp_path: Path) -> None:
    region = "eu-north-1"
    rds = boto3.client("rds", region_name=region)
    rds.create_db_cluster_parameter_group(
        DBClusterParameterGroupName="audit",
        DBParameterGroupFamily="aurora-mysql8.0",
        Description="audit",
    )
    rds.modify_db_cluster_parameter_group(
        DBClusterParameterGroupName="audit",
        Parameters=[
            {"ParameterName": n, "ParameterValue": v, "ApplyMethod": "immediate"}
            for n, v in (("server_audit_logging", "1"), ("server_audit_events", "CONNECT"))
        ],
    )
    common = {
        "Engine": "aurora-mysql",
        "MasterUsername": "admin_user",
        "MasterUserPassword": "not-read-by-archcode",
    }
    rds.create_db_cluster(
        DBClusterIdentifier="audited",
        BacktrackWindow=86400,
        DBClusterParameterGroupName="audit",
        **common,
    )
    rds.create_db_cluster(DBClusterIdentifier="plain", **common)
    arch = discover(tmp_path, "rds", region=region)
    clusters = {r.name: r for _, r in arch.of_kind("rds_cluster")}
    facts = {n: (c.backtrack_window_s, c.audit_logging) for n, c in clusters.items()}  # type: ignore[attr-defined]
    assert facts == {"audited": (86400, True), "plain": (0, False)}


# --- CloudFront.8 and CloudFront.16 ----------------------------------------------------------
def test_sni_and_function_url_origins_from_a_template() -> None:
    arch = template(
        """
        Resources:
          Fn:
            Type: AWS::Lambda::Function
            Properties: {Runtime: python3.12, Handler: a.b, Role: arn:aws:iam::1:role/r, Code: {ZipFile: x}}
          FnUrl:
            Type: AWS::Lambda::Url
            Properties: {TargetFunctionArn: !GetAtt Fn.Arn, AuthType: NONE}
          Oac:
            Type: AWS::CloudFront::OriginAccessControl
            Properties:
              OriginAccessControlConfig: {Name: fn, OriginAccessControlOriginType: lambda, SigningBehavior: always, SigningProtocol: sigv4}
          Open:
            Type: AWS::CloudFront::Distribution
            Properties:
              DistributionConfig:
                Enabled: true
                Aliases: [www.example.com]
                ViewerCertificate: {AcmCertificateArn: arn:aws:acm:us-east-1:1:certificate/c, SslSupportMethod: vip}
                Origins:
                  - Id: fn
                    DomainName: !Select [2, !Split ["/", !GetAtt FnUrl.FunctionUrl]]
                    CustomOriginConfig: {OriginProtocolPolicy: https-only}
                DefaultCacheBehavior: {TargetOriginId: fn, ViewerProtocolPolicy: https-only}
          Signed:
            Type: AWS::CloudFront::Distribution
            Properties:
              DistributionConfig:
                Enabled: true
                Origins:
                  - Id: fn
                    DomainName: abc123.lambda-url.eu-west-1.on.aws
                    OriginAccessControlId: !GetAtt Oac.Id
                    CustomOriginConfig: {OriginProtocolPolicy: https-only}
                DefaultCacheBehavior: {TargetOriginId: fn, ViewerProtocolPolicy: https-only}
        """  # noqa: E501
    )
    assert fact(arch, "Open", "ssl_support_method") == "vip"
    assert fact(arch, "Signed", "ssl_support_method") is None  # the default certificate
    assert [(o.target, o.origin_access) for o in fact(arch, "Open", "origins")] == [("Fn", "none")]
    assert verdicts(arch, "cloudfront-sni") == {"Open": "FAIL", "Signed": "NOT_APPLICABLE"}
    assert verdicts(arch, "cloudfront-lambda-url-origin-access-control") == {
        "Open": "FAIL",
        "Signed": "PASS",
    }


def _distribution(address: str, origin: dict[str, Any], cert: dict[str, Any]) -> dict[str, Any]:
    return resource(
        address,
        {
            "origin": [{"origin_id": "o", **origin}],
            "viewer_certificate": [cert],
            "default_cache_behavior": [{"viewer_protocol_policy": "https-only"}],
        },
    )


def test_sni_and_function_url_origins_from_a_plan(tmp_path: Path) -> None:
    acm = {"acm_certificate_arn": "arn:aws:acm:us-east-1:1:certificate/c"}
    arch = load(
        tmp_path,
        plan(
            [
                resource("aws_lambda_function.fn", {"function_name": "fn"}),
                resource("aws_lambda_function_url.fn", {"authorization_type": "NONE"}),
                _distribution(
                    "aws_cloudfront_distribution.open",
                    {"custom_origin_config": [{"origin_protocol_policy": "https-only"}]},
                    {**acm, "cloudfront_default_certificate": False, "ssl_support_method": "vip"},
                ),
                _distribution(
                    "aws_cloudfront_distribution.signed",
                    {
                        "domain_name": "abc123.lambda-url.eu-west-1.on.aws",
                        "origin_access_control_id": "E2OAC",
                    },
                    {
                        **acm,
                        "cloudfront_default_certificate": False,
                        "ssl_support_method": "sni-only",
                    },
                ),
                _distribution(
                    "aws_cloudfront_distribution.default_cert",
                    {"domain_name": "abc123.lambda-url.eu-west-1.on.aws"},
                    {"cloudfront_default_certificate": True},
                ),
            ],
            [
                config(
                    "aws_lambda_function_url.fn",
                    {"function_name": ref("aws_lambda_function.fn.function_name")},
                ),
                config(
                    "aws_cloudfront_distribution.open",
                    {"origin": [{"domain_name": ref("aws_lambda_function_url.fn.function_url")}]},
                ),
            ],
        ),
    )
    open_cdn = "aws_cloudfront_distribution.open"
    assert [(o.target, o.origin_access) for o in fact(arch, open_cdn, "origins")] == [
        ("aws_lambda_function.fn", "none")
    ]
    methods = {a: fact(arch, a, "ssl_support_method") for a in verdicts(arch, "cloudfront-sni")}
    assert methods == {
        open_cdn: "vip",
        "aws_cloudfront_distribution.signed": "sni-only",
        "aws_cloudfront_distribution.default_cert": None,
    }
    assert verdicts(arch, "cloudfront-lambda-url-origin-access-control") == {
        open_cdn: "FAIL",
        "aws_cloudfront_distribution.signed": "PASS",
        "aws_cloudfront_distribution.default_cert": "FAIL",
    }


def test_sni_and_function_url_origins_discovered(aws_env: dict[str, str], tmp_path: Path) -> None:
    cloudfront = boto3.client("cloudfront", region_name="us-east-1")
    for name, method in (("dedicated", "vip"), ("shared", "sni-only")):
        cloudfront.create_distribution(
            DistributionConfig={
                "CallerReference": name,
                "Comment": name,
                "Enabled": True,
                "Aliases": {"Quantity": 1, "Items": [f"{name}.example.com"]},
                "ViewerCertificate": {
                    "CloudFrontDefaultCertificate": False,
                    "ACMCertificateArn": "arn:aws:acm:us-east-1:123456789012:certificate/c",
                    "SSLSupportMethod": method,
                    "MinimumProtocolVersion": "TLSv1.2_2021",
                },
                "Origins": {
                    "Quantity": 1,
                    "Items": [
                        {
                            "Id": "fn",
                            "DomainName": f"{name}0abc.lambda-url.eu-west-1.on.aws",
                            "CustomOriginConfig": {
                                "HTTPPort": 80,
                                "HTTPSPort": 443,
                                "OriginProtocolPolicy": "https-only",
                            },
                        }
                    ],
                },
                "DefaultCacheBehavior": {
                    "TargetOriginId": "fn",
                    "ViewerProtocolPolicy": "https-only",
                },
            }
        )
    arch = discover(tmp_path, "cloudfront")
    found = {
        r.name: (r.ssl_support_method, [o.origin_access for o in r.origins])  # type: ignore[attr-defined]
        for _, r in arch.of_kind("cloudfront_distribution")
    }
    assert found == {"dedicated": ("vip", ["none"]), "shared": ("sni-only", ["none"])}


def test_a_function_url_host_is_told_from_other_hosts() -> None:
    assert lambda_url_domain("abcdefghij0123.lambda-url.eu-west-1.on.aws")
    assert lambda_url_domain("ABC.lambda-url.us-east-1.on.aws.")
    assert not lambda_url_domain("site.s3.eu-west-1.amazonaws.com")
    assert not lambda_url_domain("lambda-url.eu-west-1.on.aws.example.com")
    assert not lambda_url_domain(None)


# --- ElastiCache.7 ---------------------------------------------------------------------------
def test_the_default_subnet_group_from_a_template_and_a_plan(tmp_path: Path) -> None:
    arch = template(
        """
        Resources:
          Subnets:
            Type: AWS::ElastiCache::SubnetGroup
            Properties: {Description: private, SubnetIds: [subnet-0aaa]}
          Named:
            Type: AWS::ElastiCache::CacheCluster
            Properties: {Engine: redis, CacheNodeType: cache.t4g.small, NumCacheNodes: 1, CacheSubnetGroupName: !Ref Subnets}
          Unnamed:
            Type: AWS::ElastiCache::CacheCluster
            Properties: {Engine: redis, CacheNodeType: cache.t4g.small, NumCacheNodes: 1}
          Default:
            Type: AWS::ElastiCache::ReplicationGroup
            Properties: {ReplicationGroupDescription: d, CacheSubnetGroupName: default}
        """  # noqa: E501
    )
    assert verdicts(arch, "elasticache-custom-subnet-group") == {
        "Named": "PASS",
        "Unnamed": "FAIL",  # AWS puts it in the 'default' group
        "Default": "FAIL",
    }
    arch = load(
        tmp_path,
        plan(
            [
                resource("aws_elasticache_subnet_group.private", {"name": "private"}),
                resource("aws_elasticache_cluster.named", {"subnet_group_name": "private"}),
                resource("aws_elasticache_cluster.unnamed", {"engine": "redis"}),
                resource("aws_elasticache_cluster.later", {"engine": "redis"}),
            ],
            [config("aws_elasticache_cluster.later", {"subnet_group_name": {}})],
        ),
    )
    assert {a: fact(arch, a, "default_subnet_group") for a in arch.resources} == {
        "aws_elasticache_cluster.named": False,
        "aws_elasticache_cluster.unnamed": True,
        "aws_elasticache_cluster.later": None,
    }


def test_the_default_subnet_group_discovered(aws_env: dict[str, str], tmp_path: Path) -> None:
    region = "eu-north-1"
    ec2 = boto3.client("ec2", region_name=region)
    vpc = ec2.create_vpc(CidrBlock="10.9.0.0/16")["Vpc"]["VpcId"]
    subnet = ec2.create_subnet(VpcId=vpc, CidrBlock="10.9.1.0/24")["Subnet"]["SubnetId"]
    cache = boto3.client("elasticache", region_name=region)
    cache.create_cache_subnet_group(
        CacheSubnetGroupName="private", CacheSubnetGroupDescription="p", SubnetIds=[subnet]
    )
    common = {"Engine": "redis", "CacheNodeType": "cache.t4g.small", "NumCacheNodes": 1}
    cache.create_cache_cluster(CacheClusterId="named", CacheSubnetGroupName="private", **common)
    cache.create_cache_cluster(CacheClusterId="dflt", CacheSubnetGroupName="default", **common)
    arch = discover(tmp_path, "elasticache", region=region)
    found = {r.name: r.default_subnet_group for _, r in arch.of_kind("elasticache_cluster")}  # type: ignore[attr-defined]
    assert found == {"named": False, "dflt": True}


# --- CodeBuild.3 -----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("s3_logs", "expected"),
    [
        ({"Status": "ENABLED", "Location": "b/p", "EncryptionDisabled": True}, "FAIL"),
        ({"Status": "ENABLED", "Location": "b/p"}, "PASS"),
        (None, "PASS"),  # no S3 logs: nothing written unencrypted
    ],
)
def test_s3_log_encryption_from_a_template(s3_logs: dict[str, Any] | None, expected: str) -> None:
    logs = f"LogsConfig: {{S3Logs: {s3_logs}}}" if s3_logs else ""
    arch = template(
        f"""
        Resources:
          Build:
            Type: AWS::CodeBuild::Project
            Properties:
              ServiceRole: arn:aws:iam::1:role/build
              Artifacts: {{Type: NO_ARTIFACTS}}
              Source: {{Type: NO_SOURCE, BuildSpec: x}}
              Environment: {{Type: LINUX_CONTAINER, ComputeType: BUILD_GENERAL1_SMALL, Image: i}}
              {logs}
        """
    )
    assert verdicts(arch, "codebuild-s3-logs-encrypted") == {"Build": expected}


def test_s3_log_encryption_from_a_plan_and_discovered(
    aws_env: dict[str, str], tmp_path: Path
) -> None:
    plain = {"s3_logs": [{"status": "ENABLED", "encryption_disabled": True}]}
    arch = load(
        tmp_path,
        plan(
            [
                resource("aws_codebuild_project.plain", {"logs_config": [plain]}),
                resource("aws_codebuild_project.default", {"logs_config": []}),
                resource("aws_codebuild_project.later", {}),
            ]
        ),
    )
    assert {a: fact(arch, a, "s3_logs_encrypted") for a in arch.resources} == {
        "aws_codebuild_project.plain": False,
        "aws_codebuild_project.default": True,
        "aws_codebuild_project.later": None,  # logs_config not in the plan's values
    }
    codebuild = boto3.client("codebuild", region_name="eu-north-1")
    common: dict[str, Any] = {
        "source": {"type": "S3", "location": "artifacts-bucket/source.zip"},
        "artifacts": {"type": "NO_ARTIFACTS"},
        "environment": {
            "type": "LINUX_CONTAINER",
            "image": "aws/codebuild/standard:7.0",
            "computeType": "BUILD_GENERAL1_SMALL",
        },
        "serviceRole": "arn:aws:iam::123456789012:role/build",
    }
    for name, disabled in (("plain", True), ("sealed", False)):
        codebuild.create_project(
            name=name,
            logsConfig={
                "s3Logs": {"status": "ENABLED", "location": "b/p", "encryptionDisabled": disabled}
            },
            **common,
        )
    found = discover(tmp_path, "codebuild", region="eu-north-1")
    assert {r.name: r.s3_logs_encrypted for _, r in found.of_kind("codebuild_project")} == {  # type: ignore[attr-defined]
        "plain": False,
        "sealed": True,
    }


# --- AutoScaling.6 ---------------------------------------------------------------------------
def test_instance_types_of_a_group_from_a_template_and_a_plan(tmp_path: Path) -> None:
    arch = template(
        """
        Resources:
          Template:
            Type: AWS::EC2::LaunchTemplate
            Properties: {LaunchTemplateData: {InstanceType: m6i.large}}
          One:
            Type: AWS::AutoScaling::AutoScalingGroup
            Properties:
              MinSize: "1"
              MaxSize: "2"
              LaunchTemplate: {LaunchTemplateId: !Ref Template, Version: "1"}
          Mixed:
            Type: AWS::AutoScaling::AutoScalingGroup
            Properties:
              MinSize: "1"
              MaxSize: "2"
              MixedInstancesPolicy:
                LaunchTemplate:
                  LaunchTemplateSpecification: {LaunchTemplateId: !Ref Template, Version: "1"}
                  Overrides: [{InstanceType: m6i.large}, {InstanceType: m5.large}]
          Attributes:
            Type: AWS::AutoScaling::AutoScalingGroup
            Properties:
              MinSize: "1"
              MaxSize: "2"
              MixedInstancesPolicy:
                LaunchTemplate:
                  LaunchTemplateSpecification: {LaunchTemplateId: !Ref Template, Version: "1"}
                  Overrides: [{InstanceRequirements: {VCpuCount: {Min: 2}, MemoryMiB: {Min: 4096}}}]
          SameTwice:
            Type: AWS::AutoScaling::AutoScalingGroup
            Properties:
              MinSize: "1"
              MaxSize: "2"
              MixedInstancesPolicy:
                LaunchTemplate:
                  LaunchTemplateSpecification: {LaunchTemplateId: !Ref Template, Version: "1"}
                  Overrides: [{InstanceType: m6i.large, WeightedCapacity: "1"}, {InstanceType: m6i.large, WeightedCapacity: "2"}]
        """  # noqa: E501
    )
    assert verdicts(arch, "autoscaling-group-multiple-instance-types") == {
        "One": "FAIL",
        "Mixed": "PASS",
        "Attributes": "PASS",
        "SameTwice": "FAIL",
    }
    assert fact(arch, "Mixed", "instance_type") == "m6i.large"  # the template is still read
    mixed = [{"launch_template": [{"override": [{"instance_type": "a"}, {"instance_type": "b"}]}]}]
    arch = load(
        tmp_path,
        plan(
            [
                resource("aws_autoscaling_group.one", {"min_size": 1, "max_size": 2}),
                resource("aws_autoscaling_group.mixed", {"mixed_instances_policy": mixed}),
            ]
        ),
    )
    assert {a: fact(arch, a, "multiple_instance_types") for a in arch.resources} == {
        "aws_autoscaling_group.one": False,
        "aws_autoscaling_group.mixed": True,
    }


def test_instance_types_of_a_group_discovered(aws_env: dict[str, str], tmp_path: Path) -> None:
    region = "eu-north-1"
    ec2 = boto3.client("ec2", region_name=region)
    vpc = ec2.create_vpc(CidrBlock="10.10.0.0/16")["Vpc"]["VpcId"]
    subnet = ec2.create_subnet(VpcId=vpc, CidrBlock="10.10.1.0/24")["Subnet"]["SubnetId"]
    ec2.create_launch_template(
        LaunchTemplateName="app",
        LaunchTemplateData={"ImageId": "ami-12c6146b", "InstanceType": "t3.small"},
    )
    autoscaling = boto3.client("autoscaling", region_name=region)
    common = {"MinSize": 0, "MaxSize": 1, "VPCZoneIdentifier": subnet}
    spec = {"LaunchTemplateName": "app", "Version": "$Latest"}
    autoscaling.create_auto_scaling_group(
        AutoScalingGroupName="one", LaunchTemplate=spec, **common
    )
    autoscaling.create_auto_scaling_group(
        AutoScalingGroupName="mixed",
        MixedInstancesPolicy={
            "LaunchTemplate": {
                "LaunchTemplateSpecification": spec,
                "Overrides": [{"InstanceType": "t3.small"}, {"InstanceType": "t3a.small"}],
            }
        },
        **common,
    )
    arch = discover(tmp_path, "ec2,autoscaling", region=region)
    groups = {r.name: r.multiple_instance_types for _, r in arch.of_kind("autoscaling_group")}  # type: ignore[attr-defined]
    assert groups == {"one": False, "mixed": True}


# --- EC2.17 ----------------------------------------------------------------------------------
def test_network_interfaces_of_an_instance_from_a_template_and_a_plan(tmp_path: Path) -> None:
    arch = template(
        """
        Resources:
          Single:
            Type: AWS::EC2::Instance
            Properties: {ImageId: ami-1, SubnetId: subnet-0aaa}
          Listed:
            Type: AWS::EC2::Instance
            Properties:
              ImageId: ami-1
              NetworkInterfaces:
                - {DeviceIndex: "0", SubnetId: subnet-0aaa}
                - {DeviceIndex: "1", SubnetId: subnet-0bbb}
          Attached:
            Type: AWS::EC2::Instance
            Properties: {ImageId: ami-1, SubnetId: subnet-0aaa}
          Second:
            Type: AWS::EC2::NetworkInterfaceAttachment
            Properties: {InstanceId: !Ref Attached, NetworkInterfaceId: eni-0bbb, DeviceIndex: "1"}
          Templated:
            Type: AWS::EC2::Instance
            Properties: {LaunchTemplate: {LaunchTemplateName: shared, Version: "1"}}
        """
    )
    assert verdicts(arch, "ec2-instance-single-eni") == {
        "Single": "PASS",
        "Listed": "FAIL",
        "Attached": "FAIL",
        "Templated": "UNKNOWN",  # another stack's launch template may add interfaces
    }
    arch = load(
        tmp_path,
        plan(
            [
                resource("aws_instance.single", {"ami": "ami-1", "id": "i-0aaa"}),
                resource(
                    "aws_instance.listed",
                    {"network_interface": [{"device_index": 0}, {"device_index": 1}]},
                ),
                resource("aws_instance.attached", {"ami": "ami-1", "id": "i-0ccc"}),
                resource("aws_network_interface_attachment.second", {"device_index": 1}),
            ],
            [
                config(
                    "aws_network_interface_attachment.second",
                    {"instance_id": ref("aws_instance.attached.id")},
                )
            ],
        ),
    )
    assert {a: fact(arch, a, "network_interface_count") for a in arch.resources} == {
        "aws_instance.single": 1,
        "aws_instance.listed": 2,
        "aws_instance.attached": 2,
    }


def test_network_interfaces_of_an_instance_discovered(
    aws_env: dict[str, str], tmp_path: Path
) -> None:
    region = "eu-north-1"
    ec2 = boto3.client("ec2", region_name=region)
    vpc = ec2.create_vpc(CidrBlock="10.11.0.0/16")["Vpc"]["VpcId"]
    subnet = ec2.create_subnet(VpcId=vpc, CidrBlock="10.11.1.0/24")["Subnet"]["SubnetId"]
    launched = ec2.run_instances(
        ImageId="ami-12c6146b", MinCount=2, MaxCount=2, SubnetId=subnet, InstanceType="t3.micro"
    )["Instances"]
    dual, single = (i["InstanceId"] for i in launched)
    eni = ec2.create_network_interface(SubnetId=subnet)["NetworkInterface"]["NetworkInterfaceId"]
    ec2.attach_network_interface(NetworkInterfaceId=eni, InstanceId=dual, DeviceIndex=1)
    arch = discover(tmp_path, "ec2", region=region)
    counts = {
        rid.rsplit("/", 1)[-1]: r.network_interface_count  # type: ignore[attr-defined]
        for rid, r in arch.of_kind("ec2_instance")
    }
    assert counts == {dual: 2, single: 1}
    found = verdicts(arch, "ec2-instance-single-eni")
    outcomes = {rid.rsplit("/", 1)[-1]: v for rid, v in found.items()}
    assert outcomes == {dual: "FAIL", single: "PASS"}
