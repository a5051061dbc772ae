"""Facts that one source or another did not read, each checked from every source it comes from.

A resource policy granting "*" that is not read is a silent NOT_APPLICABLE on a critical rule;
a distribution whose path behaviors allow plain HTTP passed when only the default behavior was
read. Templates, plans, a real moto server and recorded API answers (AWS's documented shapes,
where moto does not return a field) each give the same verdict.
"""

from __future__ import annotations

import json
import textwrap
from pathlib import Path
from typing import Any

import boto3
import pytest
from tests.test_discover_recorded import run
from tests.test_iac_terraform import config, load, plan, ref, resource

from archcode.cli import main
from archcode.collectors import load_architecture
from archcode.collectors.aws.services import cloudfront
from archcode.collectors.cloudformation import to_architecture
from archcode.collectors.coverage import gap
from archcode.model.architecture import Architecture
from archcode.model.kinds.data import OpensearchDomain
from archcode.model.kinds.security import CognitoUserPool
from archcode.model.registry import BY_KIND
from archcode.rules.engine import evaluate

PUBLIC = {
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "*", "Resource": "*"}],
}
ACCOUNT_ONLY = {
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Allow",
            "Principal": {"AWS": "arn:aws:iam::111122223333:root"},
            "Action": "*",
            "Resource": "*",
        }
    ],
}


def template(text: str) -> Architecture:
    return to_architecture(textwrap.dedent(text), "t.yaml")


def verdict(arch: Architecture, rule: str, rid: str) -> str:
    found = [r.outcome.value for r in evaluate(arch) if r.rule.id == rule and r.resource == rid]
    assert len(found) == 1, (rule, rid, found)
    return found[0]


def discover(tmp_path: Path, services: str, region: str = "us-east-1") -> Architecture:
    out = tmp_path / "model.yaml"
    code = main(["discover", "--regions", region, "--services", services, "-o", str(out)])
    assert code == 0
    return load_architecture(str(out))


def only(arch: Architecture, kind: str) -> tuple[str, Any]:
    [found] = arch.of_kind(kind)
    return found


# --- OpenSearch access policies -----------------------------------------------------------------
@pytest.mark.parametrize(
    "cfn_type", ["AWS::OpenSearchService::Domain", "AWS::Elasticsearch::Domain"]
)
@pytest.mark.parametrize(("document", "expected"), [(PUBLIC, "FAIL"), (ACCOUNT_ONLY, "PASS")])
def test_a_domain_access_policy_from_a_template(
    cfn_type: str, document: dict[str, Any], expected: str
) -> None:
    arch = template(
        f"""
        Resources:
          Search:
            Type: {cfn_type}
            Properties:
              AccessPolicies: {json.dumps(document)}
        """
    )
    assert verdict(arch, "resource-policy-not-public", "Search") == expected


@pytest.mark.parametrize("tf_type", ["aws_opensearch_domain", "aws_elasticsearch_domain"])
@pytest.mark.parametrize(("document", "expected"), [(PUBLIC, "FAIL"), (ACCOUNT_ONLY, "PASS")])
def test_a_domain_access_policy_from_a_plan_inline_or_separate(
    tmp_path: Path, tf_type: str, document: dict[str, Any], expected: str
) -> None:
    inline = load(
        tmp_path,
        plan(
            [
                resource(
                    f"{tf_type}.search",
                    {"domain_name": "search", "access_policies": json.dumps(document)},
                )
            ]
        ),
    )
    assert verdict(inline, "resource-policy-not-public", f"{tf_type}.search") == expected
    policy_type = tf_type.replace("_domain", "_domain_policy")
    separate = load(
        tmp_path,
        plan(
            [
                resource(f"{tf_type}.search", {"domain_name": "search"}),
                resource(
                    f"{policy_type}.search",
                    {"domain_name": "search", "access_policies": json.dumps(document)},
                ),
            ],
            [
                config(
                    f"{policy_type}.search", {"domain_name": ref(f"{tf_type}.search.domain_name")}
                )
            ],
        ),
    )
    assert verdict(separate, "resource-policy-not-public", f"{tf_type}.search") == expected


def test_a_domain_access_policy_discovered(aws_env: dict[str, str], tmp_path: Path) -> None:
    boto3.client("opensearch", region_name="us-east-1").create_domain(
        DomainName="open", EngineVersion="OpenSearch_2.11", AccessPolicies=json.dumps(PUBLIC)
    )
    arch = discover(tmp_path, "opensearch")
    rid, domain = only(arch, "opensearch_domain")
    assert domain.access_policy is not None
    assert verdict(arch, "resource-policy-not-public", rid) == "FAIL"


# --- Secrets Manager resource policy ------------------------------------------------------------
@pytest.mark.parametrize(("document", "expected"), [(PUBLIC, "FAIL"), (ACCOUNT_ONLY, "PASS")])
def test_a_secret_resource_policy_from_a_template(document: dict[str, Any], expected: str) -> None:
    arch = template(
        f"""
        Resources:
          Secret:
            Type: AWS::SecretsManager::Secret
          SecretPolicy:
            Type: AWS::SecretsManager::ResourcePolicy
            Properties:
              SecretId: !Ref Secret
              BlockPublicPolicy: false
              ResourcePolicy: {json.dumps(document)}
        """
    )
    assert verdict(arch, "resource-policy-not-public", "Secret") == expected


def test_a_secret_without_a_resource_policy_has_none() -> None:
    arch = template("Resources:\n  Secret:\n    Type: AWS::SecretsManager::Secret\n")
    assert verdict(arch, "resource-policy-not-public", "Secret") == "NOT_APPLICABLE"


@pytest.mark.parametrize(("document", "expected"), [(PUBLIC, "FAIL"), (ACCOUNT_ONLY, "PASS")])
def test_a_secret_resource_policy_from_a_plan(
    tmp_path: Path, document: dict[str, Any], expected: str
) -> None:
    arn = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:db-AbCdEf"
    arch = load(
        tmp_path,
        plan(
            [
                resource("aws_secretsmanager_secret.db", {"name": "db", "arn": arn}),
                resource(
                    "aws_secretsmanager_secret_policy.db",
                    {"secret_arn": arn, "policy": json.dumps(document)},
                ),
            ]
        ),
    )
    assert verdict(arch, "resource-policy-not-public", "aws_secretsmanager_secret.db") == expected


def test_a_secret_resource_policy_discovered(aws_env: dict[str, str], tmp_path: Path) -> None:
    client = boto3.client("secretsmanager", region_name="us-east-1")
    open_arn = client.create_secret(Name="open", SecretString="not-read")["ARN"]
    client.put_resource_policy(SecretId=open_arn, ResourcePolicy=json.dumps(PUBLIC))
    client.create_secret(Name="closed", SecretString="not-read")
    arch = discover(tmp_path, "secretsmanager")
    by_name = {r.name: (rid, r) for rid, r in arch.of_kind("secrets_manager_secret")}
    assert verdict(arch, "resource-policy-not-public", by_name["open"][0]) == "FAIL"
    assert by_name["closed"][1].policy is None
    assert verdict(arch, "resource-policy-not-public", by_name["closed"][0]) == "NOT_APPLICABLE"


# --- EFS mount targets ----------------------------------------------------------------------------
def test_efs_mount_targets_from_a_template() -> None:
    arch = template(
        """
        Resources:
          Vpc: {Type: AWS::EC2::VPC, Properties: {CidrBlock: 10.0.0.0/16}}
          A: {Type: AWS::EC2::Subnet, Properties: {VpcId: !Ref Vpc, CidrBlock: 10.0.1.0/24}}
          B: {Type: AWS::EC2::Subnet, Properties: {VpcId: !Ref Vpc, CidrBlock: 10.0.2.0/24}}
          Nfs:
            Type: AWS::EC2::SecurityGroup
            Properties: {GroupDescription: nfs, VpcId: !Ref Vpc}
          Files: {Type: AWS::EFS::FileSystem, Properties: {Encrypted: true}}
          MountA:
            Type: AWS::EFS::MountTarget
            Properties: {FileSystemId: !Ref Files, SubnetId: !Ref A, SecurityGroups: [!Ref Nfs]}
          MountB:
            Type: AWS::EFS::MountTarget
            Properties: {FileSystemId: !Ref Files, SubnetId: !Ref B, SecurityGroups: [!Ref Nfs]}
        """
    )
    files = arch.resources["Files"]
    assert (files.subnets, files.security_groups) == (["A", "B"], ["Nfs"])  # type: ignore[attr-defined]


def test_efs_mount_targets_from_a_plan(tmp_path: Path) -> None:
    arch = load(
        tmp_path,
        plan(
            [
                resource("aws_vpc.main", {"id": "vpc-0a", "cidr_block": "10.0.0.0/16"}),
                resource(
                    "aws_subnet.a",
                    {"id": "subnet-0a", "vpc_id": "vpc-0a", "cidr_block": "10.0.1.0/24"},
                ),
                resource(
                    "aws_security_group.nfs", {"id": "sg-0a", "name": "nfs", "vpc_id": "vpc-0a"}
                ),
                resource("aws_efs_file_system.files", {"id": "fs-0a", "encrypted": True}),
                resource(
                    "aws_efs_mount_target.a",
                    {"file_system_id": "fs-0a", "subnet_id": "subnet-0a", "security_groups": []},
                ),
            ],
            [
                config(
                    "aws_efs_mount_target.a",
                    {"security_groups": ref("aws_security_group.nfs.id")},
                )
            ],
        ),
    )
    files = arch.resources["aws_efs_file_system.files"]
    assert files.subnets == ["aws_subnet.a"]  # type: ignore[attr-defined]
    assert files.security_groups == ["aws_security_group.nfs"]  # type: ignore[attr-defined]


def test_efs_mount_targets_discovered(aws_env: dict[str, str], tmp_path: Path) -> None:
    ec2 = boto3.client("ec2", region_name="eu-west-2")
    vpc = ec2.create_vpc(CidrBlock="10.9.0.0/16")["Vpc"]["VpcId"]
    subnet = ec2.create_subnet(VpcId=vpc, CidrBlock="10.9.1.0/24")["Subnet"]["SubnetId"]
    group = ec2.create_security_group(GroupName="nfs", Description="nfs", VpcId=vpc)["GroupId"]
    efs = boto3.client("efs", region_name="eu-west-2")
    fs = efs.create_file_system(CreationToken="mounted", Encrypted=True)["FileSystemId"]
    efs.create_mount_target(FileSystemId=fs, SubnetId=subnet, SecurityGroups=[group])
    arch = discover(tmp_path, "ec2,efs", region="eu-west-2")
    _, files = only(arch, "efs_file_system")
    [subnet_id] = files.subnets
    [group_id] = files.security_groups
    assert arch.resources[subnet_id].kind == "subnet"
    assert arch.resources[group_id].name == "nfs"


# --- CloudFront: every cache behavior, not only the default one -----------------------------------
@pytest.mark.parametrize(
    ("path_policy", "expected"),
    [("allow-all", "FAIL"), ("redirect-to-https", "PASS"), ("https-only", "PASS")],
)
def test_a_path_behavior_allowing_http_from_a_template(path_policy: str, expected: str) -> None:
    arch = template(
        f"""
        Resources:
          Cdn:
            Type: AWS::CloudFront::Distribution
            Properties:
              DistributionConfig:
                Enabled: true
                Origins: [{{Id: o, DomainName: example.com, CustomOriginConfig: {{OriginProtocolPolicy: https-only}}}}]
                DefaultCacheBehavior: {{TargetOriginId: o, ViewerProtocolPolicy: https-only}}
                CacheBehaviors:
                  - {{PathPattern: "/api/*", TargetOriginId: o, ViewerProtocolPolicy: https-only}}
                  - {{PathPattern: "/old/*", TargetOriginId: o, ViewerProtocolPolicy: {path_policy}}}
        """  # noqa: E501
    )
    assert verdict(arch, "cloudfront-distribution-viewer-https", "Cdn") == expected


@pytest.mark.parametrize(
    ("path_policy", "expected"), [("allow-all", "FAIL"), ("https-only", "PASS")]
)
def test_a_path_behavior_allowing_http_from_a_plan(
    tmp_path: Path, path_policy: str, expected: str
) -> None:
    arch = load(
        tmp_path,
        plan(
            [
                resource(
                    "aws_cloudfront_distribution.cdn",
                    {
                        "default_cache_behavior": [{"viewer_protocol_policy": "redirect-to-https"}],
                        "ordered_cache_behavior": [
                            {"path_pattern": "/old/*", "viewer_protocol_policy": path_policy}
                        ],
                    },
                )
            ]
        ),
    )
    rid = "aws_cloudfront_distribution.cdn"
    assert verdict(arch, "cloudfront-distribution-viewer-https", rid) == expected


@pytest.mark.parametrize(
    ("path_policy", "expected"), [("allow-all", "FAIL"), ("https-only", "PASS")]
)
def test_a_path_behavior_allowing_http_discovered(path_policy: str, expected: str) -> None:
    # ListDistributions' DistributionSummary carries CacheBehaviors (AWS's documented shape).
    listing = {
        "DistributionList": {
            "Items": [
                {
                    "Id": "E2QWRUHAPOMQZL",
                    "ARN": "arn:aws:cloudfront::111122223333:distribution/E2QWRUHAPOMQZL",
                    "Origins": {"Quantity": 0, "Items": []},
                    "DefaultCacheBehavior": {"ViewerProtocolPolicy": "https-only"},
                    "CacheBehaviors": {
                        "Quantity": 1,
                        "Items": [{"PathPattern": "/old/*", "ViewerProtocolPolicy": path_policy}],
                    },
                }
            ]
        }
    }
    arch = run(cloudfront.collect, "global", {"list_distributions": listing})
    rid, _ = only(arch, "cloudfront_distribution")
    assert verdict(arch, "cloudfront-distribution-viewer-https", rid) == expected


def test_a_behavior_not_known_leaves_the_policy_unknown(tmp_path: Path) -> None:
    arch = load(
        tmp_path,
        plan(
            [
                resource(
                    "aws_cloudfront_distribution.cdn",
                    {
                        "default_cache_behavior": [{"viewer_protocol_policy": "https-only"}],
                        "ordered_cache_behavior": [{"path_pattern": "/x/*"}],
                    },
                )
            ]
        ),
    )
    verdict_ = verdict(
        arch, "cloudfront-distribution-viewer-https", "aws_cloudfront_distribution.cdn"
    )
    assert verdict_ == "UNKNOWN"


# --- Terraform: facts joined from resources of their own -----------------------------------------
def test_api_gateway_cache_and_tracing_from_a_plan(tmp_path: Path) -> None:
    arch = load(
        tmp_path,
        plan(
            [
                resource("aws_api_gateway_rest_api.api", {"id": "a1b2c3", "name": "api"}),
                resource(
                    "aws_api_gateway_stage.prod",
                    {
                        "rest_api_id": "a1b2c3",
                        "stage_name": "prod",
                        "xray_tracing_enabled": True,
                        "cache_cluster_enabled": True,
                    },
                ),
                resource(
                    "aws_api_gateway_method_settings.all",
                    {
                        "rest_api_id": "a1b2c3",
                        "stage_name": "prod",
                        "method_path": "*/*",
                        "settings": [{"caching_enabled": True, "cache_data_encrypted": True}],
                    },
                ),
            ]
        ),
    )
    api = arch.resources["aws_api_gateway_rest_api.api"]
    assert (api.xray_tracing, api.cache_enabled, api.cache_encrypted) == (True, True, True)  # type: ignore[attr-defined]


def test_an_instance_role_through_its_instance_profile_from_a_plan(tmp_path: Path) -> None:
    arch = load(
        tmp_path,
        plan(
            [
                resource("aws_iam_role.app", {"name": "app-role", "arn": "arn:aws:iam::1:role/a"}),
                resource(
                    "aws_iam_instance_profile.app", {"name": "app-profile", "role": "app-role"}
                ),
                resource("aws_instance.web", {"instance_type": "t3.micro"}),
            ],
            [
                config("aws_iam_instance_profile.app", {"role": ref("aws_iam_role.app.name")}),
                config(
                    "aws_instance.web",
                    {"iam_instance_profile": ref("aws_iam_instance_profile.app.name")},
                ),
            ],
        ),
    )
    assert arch.resources["aws_instance.web"].role == "aws_iam_role.app"  # type: ignore[attr-defined]
    flows = {(c.source, c.target) for c in arch.connections}
    assert all("aws_iam_instance_profile" not in end for flow in flows for end in flow)


def test_lambda_provisioned_concurrency_from_a_plan(tmp_path: Path) -> None:
    arch = load(
        tmp_path,
        plan(
            [
                resource(
                    "aws_lambda_function.fn", {"function_name": "fn", "runtime": "nodejs20.x"}
                ),
                resource(
                    "aws_lambda_provisioned_concurrency_config.live",
                    {
                        "function_name": "fn",
                        "qualifier": "live",
                        "provisioned_concurrent_executions": 4,
                    },
                ),
                resource(
                    "aws_lambda_provisioned_concurrency_config.canary",
                    {
                        "function_name": "fn",
                        "qualifier": "canary",
                        "provisioned_concurrent_executions": 1,
                    },
                ),
                resource("aws_lambda_function.plain", {"function_name": "plain"}),
            ],
            [
                config(
                    f"aws_lambda_provisioned_concurrency_config.{name}",
                    {"function_name": ref("aws_lambda_function.fn.function_name")},
                )
                for name in ("live", "canary")
            ],
        ),
    )
    assert arch.resources["aws_lambda_function.fn"].provisioned_concurrency == 5  # type: ignore[attr-defined]
    assert arch.resources["aws_lambda_function.plain"].provisioned_concurrency == 0  # type: ignore[attr-defined]


def test_cluster_instance_class_and_count_from_a_plan_and_a_template(tmp_path: Path) -> None:
    arch = load(
        tmp_path,
        plan(
            [
                resource(
                    "aws_rds_cluster.db", {"cluster_identifier": "db", "engine": "aurora-mysql"}
                ),
                resource("aws_rds_cluster_instance.one", {"instance_class": "db.r6g.large"}),
                resource("aws_rds_cluster_instance.two", {"instance_class": "db.r6g.large"}),
            ],
            [
                config(
                    "aws_rds_cluster_instance.one",
                    {"cluster_identifier": ref("aws_rds_cluster.db.id")},
                ),
                config(
                    "aws_rds_cluster_instance.two",
                    {"cluster_identifier": ref("aws_rds_cluster.db.id")},
                ),
            ],
        ),
    )
    cluster = arch.resources["aws_rds_cluster.db"]
    assert (cluster.instance_class, cluster.instance_count) == ("db.r6g.large", 2)  # type: ignore[attr-defined]
    cfn = template(
        """
        Resources:
          Db: {Type: AWS::RDS::DBCluster, Properties: {Engine: aurora-mysql}}
          One:
            Type: AWS::RDS::DBInstance
            Properties: {DBClusterIdentifier: !Ref Db, DBInstanceClass: db.r6g.large, Engine: aurora-mysql}
        """  # noqa: E501
    )
    cfn_cluster = cfn.resources["Db"]
    assert (cfn_cluster.instance_class, cfn_cluster.instance_count) == ("db.r6g.large", 1)  # type: ignore[attr-defined]


def test_a_cognito_user_pool_from_a_plan(tmp_path: Path) -> None:
    arch = load(
        tmp_path,
        plan(
            [
                resource(
                    "aws_cognito_user_pool.users",
                    {
                        "name": "users",
                        "deletion_protection": "ACTIVE",
                        "mfa_configuration": "OPTIONAL",
                        "user_pool_add_ons": [{"advanced_security_mode": "AUDIT"}],
                        "password_policy": [{"minimum_length": 14}],
                    },
                ),
                resource("aws_cognito_user_pool.bare", {"name": "bare"}),
            ]
        ),
    )
    pool = arch.resources["aws_cognito_user_pool.users"]
    assert (pool.deletion_protection, pool.mfa, pool.advanced_security) == (True, "OPTIONAL", True)  # type: ignore[attr-defined]
    assert pool.password_min_length == 14  # type: ignore[attr-defined]
    bare = arch.resources["aws_cognito_user_pool.bare"]
    assert bare.deletion_protection is False  # type: ignore[attr-defined]  # INACTIVE by default


def test_backup_plans_and_selections_from_a_plan_and_a_template(tmp_path: Path) -> None:
    vault_arn = "arn:aws:backup:eu-west-1:111122223333:backup-vault:dr"
    arch = load(
        tmp_path,
        plan(
            [
                resource("aws_backup_vault.main", {"name": "main"}),
                resource("aws_backup_vault.dr", {"name": "dr", "arn": vault_arn}),
                resource(
                    "aws_backup_plan.daily",
                    {
                        "id": "plan-1",
                        "name": "daily",
                        "rule": [
                            {
                                "rule_name": "daily",
                                "target_vault_name": "main",
                                "schedule": "cron(0 5 * * ? *)",
                                "lifecycle": [{"delete_after": 35}],
                                "copy_action": [
                                    {
                                        "destination_vault_arn": vault_arn,
                                        "lifecycle": [{"delete_after": 90}],
                                    }
                                ],
                            }
                        ],
                    },
                ),
                resource("aws_iam_role.backup", {"name": "backup", "arn": "arn:aws:iam::1:role/b"}),
                resource(
                    "aws_dynamodb_table.orders",
                    {"name": "orders", "arn": "arn:aws:dynamodb:eu-west-1:1:table/orders"},
                ),
                resource(
                    "aws_backup_selection.tagged",
                    {
                        "name": "tagged",
                        "plan_id": "plan-1",
                        "iam_role_arn": "arn:aws:iam::1:role/b",
                        "resources": ["arn:aws:dynamodb:eu-west-1:1:table/orders"],
                        "selection_tag": [
                            {"type": "STRINGEQUALS", "key": "backup", "value": "daily"}
                        ],
                    },
                ),
            ]
        ),
    )
    daily = arch.resources["aws_backup_plan.daily"]
    [rule] = daily.rules  # type: ignore[attr-defined]
    assert (rule.vault, rule.retention_days, rule.schedule) == (
        "aws_backup_vault.main",
        35,
        "cron(0 5 * * ? *)",
    )
    assert [(c.vault, c.retention_days) for c in rule.copy_to] == [("aws_backup_vault.dr", 90)]
    selection = arch.resources["aws_backup_selection.tagged"]
    assert selection.plan == "aws_backup_plan.daily"  # type: ignore[attr-defined]
    assert selection.resources == ["aws_dynamodb_table.orders"]  # type: ignore[attr-defined]
    assert selection.role == "aws_iam_role.backup"  # type: ignore[attr-defined]
    assert selection.selection_tags == {"backup": "daily"}  # type: ignore[attr-defined]
    cfn = template(
        """
        Resources:
          Vault: {Type: AWS::Backup::BackupVault, Properties: {BackupVaultName: main}}
          Plan:
            Type: AWS::Backup::BackupPlan
            Properties:
              BackupPlan:
                BackupPlanName: daily
                BackupPlanRule:
                  - {RuleName: daily, TargetBackupVault: !Ref Vault, Lifecycle: {DeleteAfterDays: 35}}
          Selection:
            Type: AWS::Backup::BackupSelection
            Properties:
              BackupPlanId: !Ref Plan
              BackupSelection:
                SelectionName: tagged
                IamRoleArn: arn:aws:iam::111122223333:role/backup
                ListOfTags: [{ConditionType: STRINGEQUALS, ConditionKey: backup, ConditionValue: daily}]
        """  # noqa: E501
    )
    [cfn_rule] = cfn.resources["Plan"].rules  # type: ignore[attr-defined]
    assert (cfn_rule.vault, cfn_rule.retention_days) == ("Vault", 35)
    assert cfn.resources["Selection"].selection_tags == {"backup": "daily"}  # type: ignore[attr-defined]
    assert cfn.resources["Selection"].name == "tagged"


def test_db_snapshots_are_not_expressible_in_cloudformation() -> None:
    assert BY_KIND["db_snapshot"].cfn_types == ()
    reason = gap("db_snapshot", "*", "cloudformation")
    assert reason and "not expressible" in reason


# --- CloudFormation: the other places AWS takes the same setting ---------------------------------
@pytest.mark.parametrize(("level", "expected"), [("INFO", "PASS"), ("OFF", "FAIL")])
def test_a_stage_created_by_a_deployment_is_read_from_its_stage_description(
    level: str, expected: str
) -> None:
    arch = template(
        f"""
        Resources:
          Api: {{Type: AWS::ApiGateway::RestApi, Properties: {{Name: api}}}}
          Deployment:
            Type: AWS::ApiGateway::Deployment
            Properties:
              RestApiId: !Ref Api
              StageName: prod
              StageDescription:
                LoggingLevel: {level}
                TracingEnabled: true
                CacheClusterEnabled: true
                CacheDataEncrypted: true
                AccessLogSetting: {{DestinationArn: arn:aws:logs:eu-west-1:111122223333:log-group:api}}
        """  # noqa: E501
    )
    api = arch.resources["Api"]
    assert api.stage == "prod"  # type: ignore[attr-defined]
    assert (api.xray_tracing, api.cache_enabled, api.cache_encrypted) == (True, True, True)  # type: ignore[attr-defined]
    assert api.access_logging is True  # type: ignore[attr-defined]
    assert verdict(arch, "apigateway-execution-logging", "Api") == expected


def test_a_stage_resource_wins_over_a_deployment_stage() -> None:
    arch = template(
        """
        Resources:
          Api: {Type: AWS::ApiGateway::RestApi, Properties: {Name: api}}
          Deployment:
            Type: AWS::ApiGateway::Deployment
            Properties: {RestApiId: !Ref Api, StageName: draft}
          Stage:
            Type: AWS::ApiGateway::Stage
            Properties:
              RestApiId: !Ref Api
              DeploymentId: !Ref Deployment
              StageName: prod
              MethodSettings: [{ResourcePath: "/*", HttpMethod: "*", LoggingLevel: ERROR}]
        """
    )
    assert arch.resources["Api"].stage == "prod"  # type: ignore[attr-defined]
    assert verdict(arch, "apigateway-execution-logging", "Api") == "PASS"


def test_an_instance_launched_from_a_template_takes_its_role_and_groups_from_it() -> None:
    arch = template(
        """
        Resources:
          Vpc: {Type: AWS::EC2::VPC, Properties: {CidrBlock: 10.0.0.0/16}}
          Sg: {Type: AWS::EC2::SecurityGroup, Properties: {GroupDescription: web, VpcId: !Ref Vpc}}
          Role:
            Type: AWS::IAM::Role
            Properties:
              AssumeRolePolicyDocument: {Statement: [{Effect: Allow, Principal: {Service: ec2.amazonaws.com}, Action: sts:AssumeRole}]}
          Profile: {Type: AWS::IAM::InstanceProfile, Properties: {Roles: [!Ref Role]}}
          Template:
            Type: AWS::EC2::LaunchTemplate
            Properties:
              LaunchTemplateData:
                InstanceType: t3.small
                IamInstanceProfile: {Arn: !GetAtt Profile.Arn}
                SecurityGroupIds: [!Ref Sg]
          Web:
            Type: AWS::EC2::Instance
            Properties:
              LaunchTemplate: {LaunchTemplateId: !Ref Template, Version: !GetAtt Template.LatestVersionNumber}
        """  # noqa: E501
    )
    web = arch.resources["Web"]
    assert (web.role, web.security_groups, web.instance_type) == ("Role", ["Sg"], "t3.small")  # type: ignore[attr-defined]


@pytest.mark.parametrize(("force", "expected"), [("1", True), ("0", False)])
def test_an_aurora_member_forces_tls_through_its_cluster_parameter_group(
    force: str, expected: bool
) -> None:
    arch = template(
        f"""
        Resources:
          ClusterParams:
            Type: AWS::RDS::DBClusterParameterGroup
            Properties:
              Family: aurora-postgresql16
              Description: tls
              Parameters: {{rds.force_ssl: "{force}"}}
          Db:
            Type: AWS::RDS::DBCluster
            Properties: {{Engine: aurora-postgresql, DBClusterParameterGroupName: !Ref ClusterParams}}
          One:
            Type: AWS::RDS::DBInstance
            Properties: {{DBClusterIdentifier: !Ref Db, Engine: aurora-postgresql, DBInstanceClass: db.r6g.large}}
        """  # noqa: E501
    )
    assert arch.resources["One"].require_tls is expected  # type: ignore[attr-defined]


# --- discovery: an instance's parameter group forcing TLS ---------------------------------------
def test_a_parameter_group_forcing_tls_is_discovered(
    aws_env: dict[str, str], tmp_path: Path
) -> None:
    rds = boto3.client("rds", region_name="ap-south-1")
    rds.create_db_parameter_group(
        DBParameterGroupName="tls", DBParameterGroupFamily="postgres16", Description="tls"
    )
    rds.modify_db_parameter_group(
        DBParameterGroupName="tls",
        Parameters=[
            {"ParameterName": "rds.force_ssl", "ParameterValue": "1", "ApplyMethod": "immediate"}
        ],
    )
    for name, group in (("forced", "tls"), ("plain", None)):
        rds.create_db_instance(
            DBInstanceIdentifier=name,
            Engine="postgres",
            DBInstanceClass="db.t4g.micro",
            AllocatedStorage=20,
            MasterUsername="admin_user",
            MasterUserPassword="not-read-by-archcode",
            **({"DBParameterGroupName": group} if group else {}),
        )
    arch = discover(tmp_path, "rds", region="ap-south-1")
    by_name = {r.name: r for _, r in arch.of_kind("rds_instance")}
    assert by_name["forced"].require_tls is True
    # moto's default group leaves it unset (AWS's default.postgres15+ sets it: what is read wins)
    assert by_name["plain"].require_tls is False


@pytest.mark.parametrize(("enabled", "expected"), [(True, "PASS"), (False, "FAIL")])
def test_distribution_logging_is_discovered_from_its_configuration(
    enabled: bool, expected: str
) -> None:
    listing = {
        "DistributionList": {
            "Items": [{"Id": "E2QWRUHAPOMQZL", "DefaultCacheBehavior": {}, "Origins": {}}]
        }
    }
    config = {"DistributionConfig": {"Logging": {"Enabled": enabled, "Bucket": ""}}}
    responses = {"list_distributions": listing, "get_distribution_config": config}
    arch = run(cloudfront.collect, "global", responses)
    rid, dist = only(arch, "cloudfront_distribution")
    assert dist.logging_enabled is enabled
    assert verdict(arch, "cloudfront-distribution-logging", rid) == expected


def test_a_volume_attachment_and_a_shield_protection_from_a_template_and_a_plan(
    tmp_path: Path,
) -> None:
    cfn = template(
        """
        Resources:
          Web: {Type: AWS::EC2::Instance, Properties: {ImageId: ami-1, Volumes: [{VolumeId: !Ref Logs, Device: /dev/sdg}]}}
          Data: {Type: AWS::EC2::Volume, Properties: {AvailabilityZone: eu-west-1a, Size: 10}}
          Logs: {Type: AWS::EC2::Volume, Properties: {AvailabilityZone: eu-west-1a, Size: 10}}
          Attach:
            Type: AWS::EC2::VolumeAttachment
            Properties: {InstanceId: !Ref Web, VolumeId: !Ref Data, Device: /dev/sdf}
          Cdn:
            Type: AWS::CloudFront::Distribution
            Properties: {DistributionConfig: {Enabled: true}}
          Guard:
            Type: AWS::Shield::Protection
            Properties:
              Name: cdn
              ResourceArn: !Sub "arn:aws:cloudfront::${AWS::AccountId}:distribution/${Cdn}"
        """  # noqa: E501
    )
    assert cfn.resources["Data"].attached_to == "Web"  # type: ignore[attr-defined]
    assert cfn.resources["Logs"].attached_to == "Web"  # type: ignore[attr-defined]
    assert cfn.resources["Guard"].protects == ["Cdn"]  # type: ignore[attr-defined]
    cdn_arn = "arn:aws:cloudfront::111122223333:distribution/E1"
    plan_arch = load(
        tmp_path,
        plan(
            [
                resource("aws_instance.web", {"id": "i-0a", "instance_type": "t3.micro"}),
                resource("aws_ebs_volume.data", {"id": "vol-0a", "size": 10}),
                resource(
                    "aws_volume_attachment.data",
                    {"device_name": "/dev/sdf", "instance_id": "i-0a", "volume_id": "vol-0a"},
                ),
                resource("aws_cloudfront_distribution.cdn", {"arn": cdn_arn}),
                resource("aws_shield_protection.cdn", {"name": "cdn", "resource_arn": cdn_arn}),
            ]
        ),
    )
    assert plan_arch.resources["aws_ebs_volume.data"].attached_to == "aws_instance.web"  # type: ignore[attr-defined]
    assert plan_arch.resources["aws_shield_protection.cdn"].protects == [  # type: ignore[attr-defined]
        "aws_cloudfront_distribution.cdn"
    ]


def test_an_auto_scaling_group_takes_groups_and_role_from_its_launch_template_discovered(
    aws_env: dict[str, str], tmp_path: Path
) -> None:
    region = "ca-central-1"
    ec2 = boto3.client("ec2", region_name=region)
    vpc = ec2.create_vpc(CidrBlock="10.7.0.0/16")["Vpc"]["VpcId"]
    subnet = ec2.create_subnet(VpcId=vpc, CidrBlock="10.7.1.0/24")["Subnet"]["SubnetId"]
    group = ec2.create_security_group(GroupName="fleet", Description="fleet", VpcId=vpc)["GroupId"]
    iam = boto3.client("iam")
    trust = {"Statement": [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}}]}
    iam.create_role(RoleName="fleet-role", AssumeRolePolicyDocument=json.dumps(trust))
    iam.create_instance_profile(InstanceProfileName="fleet-profile")
    iam.add_role_to_instance_profile(InstanceProfileName="fleet-profile", RoleName="fleet-role")
    ec2.create_launch_template(
        LaunchTemplateName="fleet",
        LaunchTemplateData={
            "ImageId": "ami-12c6146b",
            "InstanceType": "t3.small",
            "SecurityGroupIds": [group],
            "IamInstanceProfile": {"Name": "fleet-profile"},
        },
    )
    boto3.client("autoscaling", region_name=region).create_auto_scaling_group(
        AutoScalingGroupName="fleet",
        LaunchTemplate={"LaunchTemplateName": "fleet", "Version": "$Latest"},
        MinSize=0,
        MaxSize=1,
        VPCZoneIdentifier=subnet,
    )
    arch = discover(tmp_path, "ec2,iam,autoscaling", region=region)
    _, fleet = only(arch, "autoscaling_group")
    assert fleet.instance_type == "t3.small"
    assert [arch.resources[g].name for g in fleet.security_groups] == ["fleet"]
    assert fleet.role is not None and arch.resources[fleet.role].name == "fleet-role"


def test_an_auto_scaling_group_takes_imdsv2_and_public_ip_from_its_launch_data_discovered(
    aws_env: dict[str, str], tmp_path: Path
) -> None:
    region = "ca-central-1"
    ec2 = boto3.client("ec2", region_name=region)
    vpc = ec2.create_vpc(CidrBlock="10.8.0.0/16")["Vpc"]["VpcId"]
    subnet = ec2.create_subnet(VpcId=vpc, CidrBlock="10.8.1.0/24")["Subnet"]["SubnetId"]
    autoscaling = boto3.client("autoscaling", region_name=region)
    autoscaling.create_launch_configuration(
        LaunchConfigurationName="legacy",
        ImageId="ami-12c6146b",
        InstanceType="t3.micro",
        AssociatePublicIpAddress=True,
        MetadataOptions={"HttpTokens": "required", "HttpEndpoint": "enabled"},
    )
    ec2.create_launch_template(
        LaunchTemplateName="modern",
        LaunchTemplateData={
            "ImageId": "ami-12c6146b",
            "InstanceType": "t3.small",
            "MetadataOptions": {"HttpTokens": "optional"},
        },
    )
    common = {"MinSize": 0, "MaxSize": 1, "VPCZoneIdentifier": subnet}
    autoscaling.create_auto_scaling_group(
        AutoScalingGroupName="legacy", LaunchConfigurationName="legacy", **common
    )
    autoscaling.create_auto_scaling_group(
        AutoScalingGroupName="modern",
        LaunchTemplate={"LaunchTemplateName": "modern", "Version": "$Latest"},
        **common,
    )
    arch = discover(tmp_path, "ec2,autoscaling", region=region)
    groups = {g.name: g for g in arch.resources.values() if g.kind == "autoscaling_group"}
    # the moto server is shared by the module: other tests' groups may be there too
    facts = {n: (groups[n].imdsv2_required, groups[n].public_ip) for n in ("legacy", "modern")}  # type: ignore[attr-defined]
    assert facts == {"legacy": (True, True), "modern": (False, False)}


def test_bus_policies_and_user_pool_passwords_discovered(
    aws_env: dict[str, str], tmp_path: Path
) -> None:
    region = "ca-central-1"
    events = boto3.client("events", region_name=region)
    events.create_event_bus(Name="shared")
    events.create_event_bus(Name="private")
    events.put_permission(
        EventBusName="shared", Action="events:PutEvents", Principal="111122223333", StatementId="p"
    )
    cognito = boto3.client("cognito-idp", region_name=region)
    cognito.create_user_pool(
        PoolName="weak",
        Policies={
            "PasswordPolicy": {
                "MinimumLength": 8,
                "RequireUppercase": True,
                "RequireLowercase": True,
                "RequireNumbers": True,
                "RequireSymbols": False,
                "TemporaryPasswordValidityDays": 30,
            }
        },
        UserPoolAddOns={"AdvancedSecurityMode": "AUDIT"},
    )
    arch = discover(tmp_path, "events,cognito-idp", region=region)
    buses = {b.name: b for b in arch.resources.values() if b.kind == "eventbridge_bus"}
    assert {n: buses[n].has_policy for n in ("shared", "private")} == {  # type: ignore[attr-defined]
        "shared": True,
        "private": False,
    }
    [pool] = [p for p in arch.resources.values() if p.name == "weak"]
    assert isinstance(pool, CognitoUserPool)
    assert (pool.password_requires_all_classes, pool.temporary_password_days) == (False, 30)
    assert (pool.advanced_security, pool.advanced_security_enforced) == (True, False)


def test_eks_audit_logs_and_opensearch_error_logs_and_masters_discovered(
    aws_env: dict[str, str], tmp_path: Path
) -> None:
    region = "ca-central-1"
    eks = boto3.client("eks", region_name=region)
    vpc_config = {"subnetIds": [], "securityGroupIds": []}
    role = "arn:aws:iam::123456789012:role/eks"
    eks.create_cluster(
        name="audited",
        roleArn=role,
        resourcesVpcConfig=vpc_config,
        logging={"clusterLogging": [{"types": ["api", "audit"], "enabled": True}]},
    )
    eks.create_cluster(
        name="api-only",
        roleArn=role,
        resourcesVpcConfig=vpc_config,
        logging={
            "clusterLogging": [
                {"types": ["api"], "enabled": True},
                {"types": ["audit"], "enabled": False},
            ]
        },
    )
    search = boto3.client("opensearch", region_name=region)
    search.create_domain(
        DomainName="search",
        ClusterConfig={
            "InstanceCount": 3,
            "DedicatedMasterEnabled": True,
            "DedicatedMasterCount": 3,
            "DedicatedMasterType": "m6g.large.search",
        },
        LogPublishingOptions={
            "ES_APPLICATION_LOGS": {
                "CloudWatchLogsLogGroupArn": "arn:aws:logs:ca-central-1:123456789012:log-group:e",
                "Enabled": True,
            }
        },
    )
    arch = discover(tmp_path, "eks,opensearch", region=region)
    clusters = {c.name: c for c in arch.resources.values() if c.kind == "eks_cluster"}
    assert {n: clusters[n].audit_logging for n in ("audited", "api-only")} == {  # type: ignore[attr-defined]
        "audited": True,
        "api-only": False,
    }
    [domain] = [d for d in arch.resources.values() if d.name == "search"]
    assert isinstance(domain, OpensearchDomain)
    assert (domain.error_logging, domain.audit_logging, domain.dedicated_master_count) == (
        True,
        False,
        3,
    )
