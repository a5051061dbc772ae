"""`archcode discover` end to end against a real moto server over HTTP.

The server is seeded through boto3 with a small architecture resembling the serverless-django
seed (VPC with public and private subnets, security groups, RDS behind an RDS Proxy, a Lambda
in the VPC, S3, DynamoDB, KMS, a secret, IAM roles) in account A (us-east-1), a misconfigured
bucket region (eu-west-1), and a second account B reached through STS AssumeRole.

Where moto differs from AWS (documented here, not hidden):
- moto creates a default VPC with six subnets in every region it is asked about, so counts are
  "at least", and the default VPC's subnets are private (moto gives it no IGW route).
- new buckets have no default encryption and no Public Access Block (AWS now encrypts with
  SSE-S3 by default); the tests seed both explicitly where they matter.
- moto answers some denied JSON-protocol calls with an XML body; botocore then reports the
  HTTP status, which discovery maps back to AccessDenied.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import boto3
import pytest
from tests.moto_aws import ACCOUNT_A, ACCOUNT_B, EXTERNAL_ID, lambda_zip, session_in

from archcode.cli import main
from archcode.collectors import load_architecture
from archcode.model import Architecture
from archcode.model.routing import subnet_public
from archcode.rules.analysis.resource_policy import requires_tls

SECRET_VALUE = "SUPER-SECRET-VALUE-7f3a9"
ENV_VALUE = "ENV-SECRET-VALUE-c41d2"
DB_PASSWORD = "db-password-e8b0f1"


def _seed_django(session: boto3.Session, region: str) -> dict[str, str]:
    """The serverless-django shape: correct where it says so, with one plain bucket."""
    ec2 = session.client("ec2", region_name=region)
    vpc = ec2.create_vpc(CidrBlock="10.0.0.0/16")["Vpc"]["VpcId"]
    ec2.create_tags(Resources=[vpc], Tags=[{"Key": "Name", "Value": "django-vpc"}])

    def subnet(cidr: str, az: str) -> str:
        made = ec2.create_subnet(VpcId=vpc, CidrBlock=cidr, AvailabilityZone=region + az)
        return str(made["Subnet"]["SubnetId"])

    public, private_a, private_b = (
        subnet("10.0.0.0/24", "a"),
        subnet("10.0.1.0/24", "a"),
        subnet("10.0.2.0/24", "b"),
    )
    igw = ec2.create_internet_gateway()["InternetGateway"]["InternetGatewayId"]
    ec2.attach_internet_gateway(InternetGatewayId=igw, VpcId=vpc)
    table = ec2.create_route_table(VpcId=vpc)["RouteTable"]["RouteTableId"]
    ec2.create_route(RouteTableId=table, DestinationCidrBlock="0.0.0.0/0", GatewayId=igw)
    ec2.associate_route_table(RouteTableId=table, SubnetId=public)
    allocation = ec2.allocate_address(Domain="vpc")["AllocationId"]
    ec2.create_nat_gateway(SubnetId=public, AllocationId=allocation)
    lambda_sg = ec2.create_security_group(GroupName="lambda", Description="fn", VpcId=vpc)
    db_sg = ec2.create_security_group(GroupName="db", Description="db", VpcId=vpc)
    ec2.authorize_security_group_ingress(
        GroupId=db_sg["GroupId"],
        IpPermissions=[
            {
                "IpProtocol": "tcp",
                "FromPort": 5432,
                "ToPort": 5432,
                "UserIdGroupPairs": [{"GroupId": lambda_sg["GroupId"]}],
            }
        ],
    )
    ec2.create_vpc_endpoint(
        VpcId=vpc,
        ServiceName=f"com.amazonaws.{region}.s3",
        VpcEndpointType="Gateway",
        RouteTableIds=[table],
    )

    kms = session.client("kms", region_name=region)
    key = kms.create_key(Description="django data")["KeyMetadata"]
    kms.enable_key_rotation(KeyId=key["KeyId"])
    kms.create_alias(AliasName="alias/django", TargetKeyId=key["KeyId"])

    secrets = session.client("secretsmanager", region_name=region)
    secret = secrets.create_secret(
        Name="django/db", SecretString=SECRET_VALUE, KmsKeyId=key["Arn"]
    )["ARN"]

    iam = session.client("iam", region_name=region)
    trust = {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": {"Service": "lambda.amazonaws.com"},
                "Action": "sts:AssumeRole",
            }
        ],
    }
    role = iam.create_role(RoleName="django-lambda", AssumeRolePolicyDocument=json.dumps(trust))
    role_arn = role["Role"]["Arn"]
    iam.put_role_policy(
        RoleName="django-lambda",
        PolicyName="read-db-secret",
        PolicyDocument=json.dumps(
            {
                "Version": "2012-10-17",
                "Statement": [
                    {
                        "Effect": "Allow",
                        "Action": "secretsmanager:GetSecretValue",
                        "Resource": secret,
                    }
                ],
            }
        ),
    )

    rds = session.client("rds", region_name=region)
    rds.create_db_subnet_group(
        DBSubnetGroupName="django",
        DBSubnetGroupDescription="db",
        SubnetIds=[private_a, private_b],
    )
    rds.create_db_instance(
        DBInstanceIdentifier="django-db",
        Engine="postgres",
        DBInstanceClass="db.t4g.medium",
        AllocatedStorage=20,
        MasterUsername="django",
        MasterUserPassword=DB_PASSWORD,
        MultiAZ=True,
        StorageEncrypted=True,
        KmsKeyId=key["Arn"],
        DBSubnetGroupName="django",
        VpcSecurityGroupIds=[db_sg["GroupId"]],
    )
    rds.create_db_proxy(
        DBProxyName="django-proxy",
        EngineFamily="POSTGRESQL",
        Auth=[{"SecretArn": secret, "IAMAuth": "DISABLED"}],
        RoleArn=role_arn,
        VpcSubnetIds=[private_a, private_b],
        VpcSecurityGroupIds=[db_sg["GroupId"]],
        RequireTLS=True,
    )
    rds.register_db_proxy_targets(DBProxyName="django-proxy", DBInstanceIdentifiers=["django-db"])

    lam = session.client("lambda", region_name=region)
    lam.create_function(
        FunctionName="django-app",
        Runtime="python3.12",
        Role=role_arn,
        Handler="app.handler",
        Code={"ZipFile": lambda_zip()},
        MemorySize=1024,
        Timeout=30,
        Environment={"Variables": {"DJANGO_SECRET_KEY": ENV_VALUE, "DB_HOST": "proxy"}},
        VpcConfig={"SubnetIds": [private_a, private_b], "SecurityGroupIds": [lambda_sg["GroupId"]]},
    )
    sqs = session.client("sqs", region_name=region)
    queue = sqs.create_queue(QueueName="django-jobs")["QueueUrl"]
    queue_arn = sqs.get_queue_attributes(QueueUrl=queue, AttributeNames=["QueueArn"])["Attributes"][
        "QueueArn"
    ]
    lam.create_event_source_mapping(EventSourceArn=queue_arn, FunctionName="django-app")
    logs = session.client("logs", region_name=region)
    logs.create_log_group(logGroupName="/aws/lambda/django-app")
    logs.put_retention_policy(logGroupName="/aws/lambda/django-app", retentionInDays=30)

    s3 = session.client("s3", region_name=region)
    s3.create_bucket(Bucket="django-static-a")
    s3.put_bucket_encryption(
        Bucket="django-static-a",
        ServerSideEncryptionConfiguration={
            "Rules": [
                {
                    "ApplyServerSideEncryptionByDefault": {
                        "SSEAlgorithm": "aws:kms",
                        "KMSMasterKeyID": key["Arn"],
                    }
                }
            ]
        },
    )
    s3.put_public_access_block(
        Bucket="django-static-a",
        PublicAccessBlockConfiguration={
            flag: True
            for flag in (
                "BlockPublicAcls",
                "IgnorePublicAcls",
                "BlockPublicPolicy",
                "RestrictPublicBuckets",
            )
        },
    )
    s3.put_bucket_versioning(
        Bucket="django-static-a", VersioningConfiguration={"Status": "Enabled"}
    )
    tls_only = {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Sid": "TlsOnly",
                "Effect": "Deny",
                "Principal": "*",
                "Action": "s3:*",
                "Resource": ["arn:aws:s3:::django-static-a", "arn:aws:s3:::django-static-a/*"],
                "Condition": {"Bool": {"aws:SecureTransport": "false"}},
            }
        ],
    }
    s3.put_bucket_policy(Bucket="django-static-a", Policy=json.dumps(tls_only))
    s3.put_bucket_lifecycle_configuration(
        Bucket="django-static-a",
        LifecycleConfiguration={
            "Rules": [
                {
                    "ID": "old-versions",
                    "Status": "Enabled",
                    "Filter": {"Prefix": ""},
                    "NoncurrentVersionExpiration": {"NoncurrentDays": 30},
                }
            ]
        },
    )

    ddb = session.client("dynamodb", region_name=region)
    ddb.create_table(
        TableName="django-sessions",
        KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
        BillingMode="PAY_PER_REQUEST",
        DeletionProtectionEnabled=True,
    )
    ddb.create_table(
        TableName="django-orders",
        KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
        BillingMode="PAY_PER_REQUEST",
        SSESpecification={"Enabled": True, "SSEType": "KMS", "KMSMasterKeyId": key["Arn"]},
    )
    ddb.update_continuous_backups(
        TableName="django-sessions",
        PointInTimeRecoverySpecification={"PointInTimeRecoveryEnabled": True},
    )
    function_arn = lam.get_function(FunctionName="django-app")["Configuration"]["FunctionArn"]
    events = session.client("events", region_name=region)
    events.put_rule(Name="nightly-cleanup", ScheduleExpression="rate(1 day)")
    events.put_targets(Rule="nightly-cleanup", Targets=[{"Id": "fn", "Arn": function_arn}])
    session.client("cloudwatch", region_name=region).put_metric_alarm(
        AlarmName="django-errors",
        Namespace="AWS/Lambda",
        MetricName="Errors",
        Statistic="Sum",
        Period=60,
        EvaluationPeriods=1,
        Threshold=1,
        ComparisonOperator="GreaterThanOrEqualToThreshold",
        Dimensions=[{"Name": "FunctionName", "Value": "django-app"}],
    )
    backup = session.client("backup", region_name=region)
    backup.create_backup_vault(BackupVaultName="django-vault", EncryptionKeyArn=key["Arn"])
    plan = backup.create_backup_plan(
        BackupPlan={
            "BackupPlanName": "daily",
            "Rules": [
                {
                    "RuleName": "daily",
                    "TargetBackupVaultName": "django-vault",
                    "ScheduleExpression": "cron(0 5 * * ? *)",
                    "Lifecycle": {"DeleteAfterDays": 35},
                }
            ],
        }
    )
    assert plan["BackupPlanId"]  # moto 5.2.1 has no backup selections (see the gap test)
    return {"vpc": vpc, "public": public, "private_a": private_a, "key": key["KeyId"]}


def _seed_misconfigured(session: boto3.Session, region: str) -> None:
    """A second region and account: a plain bucket and an unencrypted single-AZ database."""
    s3 = session.client("s3", region_name=region)
    name = f"plain-{session.client('sts').get_caller_identity()['Account']}-{region}"
    if region == "us-east-1":
        s3.create_bucket(Bucket=name)
    else:
        s3.create_bucket(Bucket=name, CreateBucketConfiguration={"LocationConstraint": region})
    rds = session.client("rds", region_name=region)
    rds.create_db_instance(
        DBInstanceIdentifier="legacy-db",
        Engine="mysql",
        DBInstanceClass="db.t3.micro",
        AllocatedStorage=20,
        MasterUsername="admin",
        MasterUserPassword=DB_PASSWORD,
        MultiAZ=False,
        StorageEncrypted=False,
        PubliclyAccessible=True,
    )


def _seed_aurora(session: boto3.Session, region: str) -> None:
    rds = session.client("rds", region_name=region)
    rds.create_db_cluster(
        DBClusterIdentifier="aurora",
        Engine="aurora-postgresql",
        MasterUsername="admin",
        MasterUserPassword=DB_PASSWORD,
        StorageEncrypted=False,
        DeletionProtection=True,
    )
    rds.create_db_instance(
        DBInstanceIdentifier="aurora-1",
        DBClusterIdentifier="aurora",
        Engine="aurora-postgresql",
        DBInstanceClass="db.r6g.large",
    )


@pytest.fixture(scope="module")
def seeded(aws_env: dict[str, str]) -> dict[str, str]:
    session = boto3.Session(region_name="us-east-1")
    ids = _seed_django(session, "us-east-1")
    _seed_misconfigured(session, "eu-west-1")
    _seed_aurora(session, "eu-west-1")
    _seed_misconfigured(session_in(ACCOUNT_B), "us-east-1")
    return ids


@pytest.fixture(scope="module")
def discovered(seeded: dict[str, str], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    out = tmp_path_factory.mktemp("discover")
    model, raw = out / "model.yaml", out / "raw"
    code = main(
        [
            "discover",
            "--regions",
            "us-east-1,eu-west-1",
            "-o",
            str(model),
            "--raw",
            str(raw),
            "--workers",
            "6",
        ]
    )
    assert code == 0
    return {"path": model, "raw": raw, "arch": load_architecture(str(model))}


def _one(arch: Architecture, kind: str, name: str) -> Any:
    found = [(rid, r) for rid, r in arch.of_kind(kind) if r.name == name]
    assert len(found) == 1, f"{kind} {name}: {found}"
    return found[0]


def test_discovers_the_serverless_django_shape(discovered: dict[str, Any]) -> None:
    arch: Architecture = discovered["arch"]
    kinds = {r.kind for r in arch.resources.values()}
    assert {
        "vpc",
        "subnet",
        "internet_gateway",
        "nat_gateway",
        "security_group",
        "vpc_endpoint",
        "rds_instance",
        "rds_proxy",
        "lambda_function",
        "s3_bucket",
        "dynamodb_table",
        "kms_key",
        "secrets_manager_secret",
        "iam_role",
        "sqs_queue",
        "cloudwatch_log_group",
    } <= kinds
    # Every id carries the account (several accounts merge into one model).
    assert all(rid.startswith(f"{ACCOUNT_A}/") for rid in arch.resources)


def test_subnets_are_public_or_private_from_route_tables(
    discovered: dict[str, Any], seeded: dict[str, str]
) -> None:
    arch: Architecture = discovered["arch"]
    subnets = {rid.rsplit("/", 1)[-1]: r for rid, r in arch.of_kind("subnet")}
    assert subnet_public(subnets[seeded["public"]]) is True
    assert subnet_public(subnets[seeded["private_a"]]) is False
    assert subnets[seeded["public"]].vpc.endswith(seeded["vpc"])


def test_database_facts_and_references(discovered: dict[str, Any]) -> None:
    arch: Architecture = discovered["arch"]
    db_id, db = _one(arch, "rds_instance", "django-db")
    assert (db.multi_az, db.storage_encrypted, db.engine) == (True, True, "postgres")
    key = arch.resources[db.kms_key]
    assert key.kind == "kms_key" and key.rotation_enabled is True
    assert key.aliases == ["alias/django"]
    assert all(subnet_public(arch.resources[s]) is False for s in db.subnets)
    _, proxy = _one(arch, "rds_proxy", "django-proxy")
    assert proxy.targets == [db_id] and proxy.require_tls is True
    assert arch.resources[proxy.secrets[0]].kind == "secrets_manager_secret"
    _, legacy = _one(arch, "rds_instance", "legacy-db")
    assert legacy.region == "eu-west-1"
    assert (legacy.storage_encrypted, legacy.multi_az, legacy.publicly_accessible) == (
        False,
        False,
        True,
    )


def test_aurora_cluster_and_its_member(discovered: dict[str, Any]) -> None:
    arch: Architecture = discovered["arch"]
    cluster_id, cluster = _one(arch, "rds_cluster", "aurora")
    assert (cluster.engine, cluster.storage_encrypted, cluster.deletion_protection) == (
        "aurora-postgresql",
        False,
        True,
    )
    assert cluster.region == "eu-west-1" and cluster.instance_count == 1
    _, member = _one(arch, "rds_instance", "aurora-1")
    assert member.cluster == cluster_id


def test_lambda_role_vpc_and_environment_names(discovered: dict[str, Any]) -> None:
    arch: Architecture = discovered["arch"]
    fn_id, fn = _one(arch, "lambda_function", "django-app")
    role = arch.resources[fn.role]
    assert role.kind == "iam_role" and "read-db-secret" in role.inline_policies
    assert fn.environment == ["DB_HOST", "DJANGO_SECRET_KEY"]
    assert fn.subnets and all(subnet_public(arch.resources[s]) is False for s in fn.subnets)
    _, logs = _one(arch, "cloudwatch_log_group", "/aws/lambda/django-app")
    assert logs.logs_of == [fn_id] and logs.retention_days == 30


def test_storage_facts(discovered: dict[str, Any]) -> None:
    arch: Architecture = discovered["arch"]
    _, good = _one(arch, "s3_bucket", "django-static-a")
    # The policy is stored as read; whether it requires TLS is judged over the model.
    assert good.policy is not None and good.tls_only is None
    assert (good.encryption, good.block_public_access, requires_tls(good), good.versioning) == (
        "sse-kms",
        True,
        True,
        True,
    )
    assert arch.resources[good.kms_key].kind == "kms_key"
    _, plain = _one(arch, "s3_bucket", f"plain-{ACCOUNT_A}-eu-west-1")
    # moto: a new bucket has no default encryption or Public Access Block (AWS differs).
    assert (plain.encryption, plain.block_public_access, plain.tls_only) == ("none", False, False)
    assert plain.region == "eu-west-1"
    # No Object Lock or lifecycle configuration is an answer (an error code), not a gap.
    assert (good.lifecycle_rules, plain.lifecycle_rules) == (True, False)
    assert (good.object_lock, plain.object_lock) == (False, False)
    _, table = _one(arch, "dynamodb_table", "django-sessions")
    assert (table.point_in_time_recovery, table.deletion_protection) == (True, True)
    assert table.billing_mode == "PAY_PER_REQUEST" and table.encryption == "aws_owned"
    _, orders = _one(arch, "dynamodb_table", "django-orders")
    assert orders.encryption == "customer_managed"  # KMS says who manages the key
    assert arch.resources[orders.kms_key].kind == "kms_key"
    assert orders.point_in_time_recovery is False
    # On-demand tables register no scalable targets: read (an empty answer), not unknown.
    assert (table.autoscaling, orders.autoscaling) == (False, False)


def test_connections_come_from_the_account(discovered: dict[str, Any]) -> None:
    arch: Architecture = discovered["arch"]
    names = {rid: r.name for rid, r in arch.resources.items()}
    flows = {(names[c.source], names[c.target], c.label) for c in arch.connections}
    assert ("django-proxy", "django-db", "proxies to") in flows
    assert ("django-jobs", "django-app", "event source") in flows
    # The db security group admits the Lambda's group on 5432: reachability.
    reach = [
        c
        for c in arch.connections
        if names[c.source] == "django-app" and names[c.target] == "django-db"
    ]
    assert reach and reach[0].port == 5432


def test_events_alarms_and_backups(discovered: dict[str, Any]) -> None:
    arch: Architecture = discovered["arch"]
    fn_id, _ = _one(arch, "lambda_function", "django-app")
    db_id, _ = _one(arch, "rds_instance", "django-db")
    rule_id, rule = _one(arch, "eventbridge_rule", "nightly-cleanup")
    assert rule.targets == [fn_id] and rule.schedule == "rate(1 day)"
    assert any(c.source == rule_id and c.target == fn_id for c in arch.connections)
    _, alarm = _one(arch, "cloudwatch_alarm", "django-errors")
    assert alarm.monitors == [fn_id]
    _, plan = _one(arch, "backup_plan", "daily")
    assert plan.rules[0].retention_days == 35
    vault = arch.resources[plan.rules[0].vault]
    assert vault.kind == "backup_vault" and vault.kms_key is not None
    assert db_id  # the selection that would back it up cannot be read from moto: next test


def test_an_unsupported_call_is_a_gap_not_a_crash(discovered: dict[str, Any]) -> None:
    """moto 5.2.1 does not implement ListBackupSelections (it answers 500 NotImplemented):
    discovery records the gap, keeps the plan, and the selections stay UNKNOWN."""
    arch: Architecture = discovered["arch"]
    gaps = [g for g in arch.coverage if g.operation == "list_backup_selections"]
    assert gaps and gaps[0].service == "backup" and gaps[0].kinds == ["backup_selection"]
    assert gaps[0].account == ACCOUNT_A and gaps[0].region == "us-east-1"
    assert not arch.of_kind("backup_selection")


def test_round_trips_through_validate(discovered: dict[str, Any]) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "archcode", "validate", str(discovered["path"])],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert ": ok (" in done.stdout


def test_check_runs_on_the_discovered_model(discovered: dict[str, Any], tmp_path: Path) -> None:
    report = tmp_path / "check.json"
    code = main(["check", str(discovered["path"]), "-f", "json", "-o", str(report)])
    assert code == 1  # the misconfigured parts fail at --fail-on high
    outcomes = {
        (f["rule_id"], f["resource"]["name"] if f.get("resource") else None): f["outcome"]
        for f in json.loads(report.read_text())["findings"]
    }
    assert outcomes[("s3-bucket-tls-only", f"plain-{ACCOUNT_A}-eu-west-1")] == "FAIL"
    assert outcomes[("rds-instance-not-public", "legacy-db")] == "FAIL"
    assert outcomes.get(("s3-bucket-tls-only", "django-static-a"), "PASS") == "PASS"
    # moto omits PubliclyAccessible when it is false (AWS always sends it): the fact was not
    # read, so the rule says UNKNOWN, never PASS.
    assert outcomes[("rds-instance-not-public", "django-db")] == "UNKNOWN"


def test_no_secret_value_is_written(discovered: dict[str, Any]) -> None:
    texts = [discovered["path"].read_text()]
    raw_files = list(discovered["raw"].rglob("*.json"))
    assert len(raw_files) > 20
    texts += [p.read_text() for p in raw_files]
    for text in texts:
        for secret in (SECRET_VALUE, ENV_VALUE, DB_PASSWORD):
            assert secret not in text
    # The raw Lambda listing keeps the variable names and blanks the values.
    listing = "".join(p.read_text() for p in raw_files if "list_functions" in p.name)
    assert "DJANGO_SECRET_KEY" in listing and "<redacted by archcode>" in listing


def test_every_kind_with_an_api_has_a_collector(discovered: dict[str, Any]) -> None:
    from archcode.collectors.aws.services import GROUPS
    from archcode.model.registry import KINDS

    covered = {kind for group in GROUPS for kind in group.kinds}
    assert {spec.kind for spec in KINDS if spec.api} <= covered
    assert not [g for g in discovered["arch"].coverage if g.error == "NotCollected"]


def test_two_accounts_through_assume_role_with_external_id(
    seeded: dict[str, str], tmp_path: Path
) -> None:
    out = tmp_path / "both.yaml"
    code = main(
        [
            "discover",
            "--role-arn",
            f"arn:aws:iam::{ACCOUNT_A}:role/auditor",
            "--role-arn",
            f"arn:aws:iam::{ACCOUNT_B}:role/auditor",
            "--external-id",
            EXTERNAL_ID,
            "--services",
            "rds,s3",
            "-o",
            str(out),
        ]
    )
    assert code == 0
    arch = load_architecture(str(out))
    accounts = {rid.split("/", 1)[0] for rid in arch.resources}
    assert accounts == {ACCOUNT_A, ACCOUNT_B}
    legacy = [r for rid, r in arch.of_kind("rds_instance") if rid.startswith(ACCOUNT_B)]
    assert [r.name for r in legacy] == ["legacy-db"]
    assert arch.account is None  # several accounts: each resource names its own


def test_an_account_that_cannot_be_read_does_not_stop_the_others(
    seeded: dict[str, str], tmp_path: Path
) -> None:
    out = tmp_path / "partial.yaml"
    code = main(
        [
            "discover",
            "--profile",
            "no-such-profile",
            "--role-arn",
            f"arn:aws:iam::{ACCOUNT_B}:role/auditor",
            "--services",
            "rds",
            "-o",
            str(out),
        ]
    )
    assert code == 0
    arch = load_architecture(str(out))
    assert {rid.split("/", 1)[0] for rid in arch.resources} == {ACCOUNT_B}
    [failed] = [g for g in arch.coverage if g.service == "sts"]
    assert failed.error == "ProfileNotFound" and "no-such-profile" in (failed.message or "")


def test_a_region_not_enabled_is_skipped_with_a_note(
    seeded: dict[str, str], tmp_path: Path
) -> None:
    out = tmp_path / "m.yaml"
    assert (
        main(
            ["discover", "--regions", "us-east-1,xx-nowhere-9", "--services", "kms", "-o", str(out)]
        )
        == 0
    )
    arch = load_architecture(str(out))
    notes = [g for g in arch.coverage if g.error == "RegionNotEnabled"]
    assert [(g.region, g.account) for g in notes] == [("xx-nowhere-9", ACCOUNT_A)]
    assert {r.region for r in arch.resources.values()} == {"us-east-1"}


def test_denied_calls_become_gaps_and_unknowns(
    seeded: dict[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """moto's IAM enforcement: an auditor allowed everything but KMS and Lambda reads, and
    explicitly denied bucket policies."""
    import moto.settings

    iam = boto3.client("iam")
    iam.create_user(UserName="auditor")
    allowed = [
        "ec2:Describe*",
        "rds:Describe*",
        "sts:GetCallerIdentity",
        "iam:Get*",
        "iam:List*",
        "s3:Get*",
        "s3:List*",
    ]
    iam.put_user_policy(
        UserName="auditor",
        PolicyName="read",
        PolicyDocument=json.dumps(
            {
                "Version": "2012-10-17",
                "Statement": [
                    {"Effect": "Allow", "Action": allowed, "Resource": "*"},
                    {"Effect": "Deny", "Action": "s3:GetBucketPolicy", "Resource": "*"},
                ],
            }
        ),
    )
    key = iam.create_access_key(UserName="auditor")["AccessKey"]
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", key["AccessKeyId"])
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", key["SecretAccessKey"])
    monkeypatch.setattr(moto.settings, "INITIAL_NO_AUTH_ACTION_COUNT", 0)
    out = tmp_path / "denied.yaml"
    code = main(["discover", "--services", "rds,kms,lambda,s3", "-o", str(out)])
    monkeypatch.setattr(moto.settings, "INITIAL_NO_AUTH_ACTION_COUNT", float("inf"))
    assert code == 0
    arch = load_architecture(str(out))
    denied = {(g.service, g.operation, g.error) for g in arch.coverage}
    assert ("kms", "list_keys", "AccessDenied") in denied
    assert ("lambda", "list_functions", "AccessDenied") in denied
    assert not arch.of_kind("kms_key", "lambda_function")
    _, db = _one(arch, "rds_instance", "django-db")
    # KMS could not be read: the key RDS names stays as its ARN, a reference outside the
    # model (set, of unknown manager), and the fact RDS gave is kept.
    assert db.kms_key.startswith("arn:aws:kms:us-east-1:") and db.storage_encrypted is True
    assert ("s3", "get_bucket_policy", "AccessDenied") in denied
    _, bucket = _one(arch, "s3_bucket", "django-static-a")
    assert bucket.tls_only is None and bucket.versioning is True
    # A rule that needs the unread fact says UNKNOWN, never PASS.
    report = tmp_path / "check.json"
    main(["check", str(out), "-f", "json", "-o", str(report)])
    outcomes = {
        (f["rule_id"], (f.get("resource") or {}).get("name")): f["outcome"]
        for f in json.loads(report.read_text())["findings"]
    }
    assert outcomes[("s3-bucket-tls-only", "django-static-a")] == "UNKNOWN"


def test_only_read_only_operations_are_sent(
    seeded: dict[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A spy on botocore (the real call still goes out): every operation must be a read, and
    every one must be allowed by the policy --print-iam-policy prints."""
    from botocore.client import BaseClient

    sent: list[tuple[str, str]] = []
    real = BaseClient._make_api_call

    def spy(self: Any, operation: str, params: Any) -> Any:
        sent.append((self.meta.service_model.signing_name, operation))
        return real(self, operation, params)

    monkeypatch.setattr(BaseClient, "_make_api_call", spy)
    assert main(["discover", "-o", str(tmp_path / "m.yaml")]) == 0
    policy_path = tmp_path / "policy.json"
    assert main(["discover", "--print-iam-policy", "-o", str(policy_path)]) == 0
    actions = set(json.loads(policy_path.read_text())["Statement"][0]["Action"])
    assert sent
    for service, operation in sent:
        assert operation.startswith(("Describe", "List", "Get")), operation
        if (service, operation) == ("sts", "GetCallerIdentity"):
            continue  # needs no permission
        prefix = {"monitoring": "cloudwatch"}.get(service, service)
        wanted = "apigateway:GET" if service == "apigateway" else f"{prefix}:{operation}"
        s3_names = {
            "GetBucketEncryption": "s3:GetEncryptionConfiguration",
            "ListBuckets": "s3:ListAllMyBuckets",
            "GetBucketReplication": "s3:GetReplicationConfiguration",
            "GetPublicAccessBlock": "s3:GetBucketPublicAccessBlock",
            "GetObjectLockConfiguration": "s3:GetBucketObjectLockConfiguration",
            "GetBucketLifecycleConfiguration": "s3:GetLifecycleConfiguration",
        }
        if service == "s3":
            wanted = s3_names.get(operation, wanted)
        assert wanted in actions, f"{service}:{operation} is called but not in the policy"


def test_print_iam_policy_is_read_only(capsys: pytest.CaptureFixture[str]) -> None:
    from archcode.collectors.aws.readonly import is_read_only

    assert main(["discover", "--print-iam-policy"]) == 0
    doc = json.loads(capsys.readouterr().out)
    [statement] = doc["Statement"]
    assert statement["Effect"] == "Allow" and statement["Resource"] == "*"
    assert "ec2:DescribeVpcs" in statement["Action"]
    assert "iam:GetAccountAuthorizationDetails" in statement["Action"]
    for action in statement["Action"]:
        assert "*" not in action
        verb = action.split(":", 1)[1]
        assert is_read_only(verb) or action == "apigateway:GET", action
        assert verb != "AssumeRole"
    assert not any("GetSecretValue" in a or "Decrypt" in a for a in statement["Action"])


def test_print_iam_policy_for_chosen_services(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["discover", "--print-iam-policy", "--services", "s3"]) == 0
    actions = json.loads(capsys.readouterr().out)["Statement"][0]["Action"]
    assert {a.split(":")[0] for a in actions} == {"s3", "ec2"}  # ec2: DescribeRegions only
    assert "s3:GetBucketPolicy" in actions and "ec2:DescribeVpcs" not in actions


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--services", "ec2,nosuchservice"], "unknown service 'nosuchservice'"),
        (["--external-id", "x"], "--external-id needs --role-arn"),
        (["--profile", "no-such-profile-here"], "no account could be read"),
        (["-o", "/nonexistent-dir/model.yaml"], "does not exist"),
    ],
)
def test_usage_errors_are_one_line_and_exit_2(
    aws_env: dict[str, str], argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["discover", *argv]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_writes_are_refused_before_they_are_sent(aws_env: dict[str, str]) -> None:
    from archcode.collectors.aws.readonly import WriteRefused
    from archcode.collectors.aws.session import Source, open_target, retry_config

    target = open_target(Source("default"), None, retry_config(1))
    s3 = target.session.client("s3", region_name="us-east-1")
    with pytest.raises(WriteRefused, match="CreateBucket"):
        s3.create_bucket(Bucket="archcode-must-not-exist")
    names = [b["Name"] for b in boto3.client("s3").list_buckets()["Buckets"]]
    assert "archcode-must-not-exist" not in names


OTHER_REGION = "ap-southeast-2"
ECS_ENV_VALUE = "ecs-env-secret-93ab"
EB_ENV_VALUE = "beanstalk-env-secret-5d1e"
BUILD_ENV_VALUE = "codebuild-env-secret-77c0"


def _seed_the_rest(region: str) -> None:
    """One of each remaining service, in a region of its own."""
    ec2 = boto3.client("ec2", region_name=region)
    subnets = [s["SubnetId"] for s in ec2.describe_subnets()["Subnets"]][:2]
    group = ec2.describe_security_groups()["SecurityGroups"][0]["GroupId"]
    role = boto3.client("iam").create_role(
        RoleName="svc-role", AssumeRolePolicyDocument=json.dumps({"Statement": []})
    )["Role"]["Arn"]
    efs = boto3.client("efs", region_name=region)
    fs = efs.create_file_system(CreationToken="shared", Encrypted=True)["FileSystemId"]
    efs.create_mount_target(FileSystemId=fs, SubnetId=subnets[0])
    boto3.client("elasticache", region_name=region).create_cache_cluster(
        CacheClusterId="sessions",
        Engine="redis",
        CacheNodeType="cache.t4g.small",
        NumCacheNodes=1,
    )
    ecs = boto3.client("ecs", region_name=region)
    ecs.create_cluster(clusterName="apps")
    ecs.register_task_definition(
        family="web",
        cpu="256",
        memory="512",
        networkMode="awsvpc",
        requiresCompatibilities=["FARGATE"],
        taskRoleArn=role,
        containerDefinitions=[
            {
                "name": "web",
                "image": "nginx",
                "environment": [{"name": "API_TOKEN", "value": ECS_ENV_VALUE}],
            }
        ],
    )
    ecs.create_service(
        cluster="apps",
        serviceName="web",
        taskDefinition="web",
        desiredCount=2,
        launchType="FARGATE",
        networkConfiguration={
            "awsvpcConfiguration": {
                "subnets": subnets,
                "securityGroups": [group],
                "assignPublicIp": "DISABLED",
            }
        },
    )
    boto3.client("eks", region_name=region).create_cluster(
        name="k8s", roleArn=role, resourcesVpcConfig={"subnetIds": subnets}
    )
    boto3.client("wafv2", region_name=region).create_web_acl(
        Name="edge",
        Scope="REGIONAL",
        DefaultAction={"Block": {}},
        Rules=[],
        VisibilityConfig={
            "SampledRequestsEnabled": False,
            "CloudWatchMetricsEnabled": True,
            "MetricName": "edge",
        },
    )
    boto3.client("opensearch", region_name=region).create_domain(
        DomainName="search",
        EngineVersion="OpenSearch_2.11",
        EncryptionAtRestOptions={"Enabled": True},
        NodeToNodeEncryptionOptions={"Enabled": True},
        DomainEndpointOptions={"EnforceHTTPS": True},
    )
    eb = boto3.client("elasticbeanstalk", region_name=region)
    eb.create_application(ApplicationName="shop")
    eb.create_environment(
        ApplicationName="shop",
        EnvironmentName="shop-prod",
        SolutionStackName="64bit Amazon Linux 2023 v4.0.0 running Python 3.11",
        OptionSettings=[
            {
                "Namespace": "aws:elasticbeanstalk:application:environment",
                "OptionName": "DB_PASS",
                "Value": EB_ENV_VALUE,
            }
        ],
    )
    boto3.client("kinesis", region_name=region).create_stream(StreamName="clicks", ShardCount=1)
    boto3.client("cognito-idp", region_name=region).create_user_pool(
        PoolName="customers",
        MfaConfiguration="OFF",
        Policies={"PasswordPolicy": {"MinimumLength": 12}},
    )
    boto3.client("codebuild", region_name=region).create_project(
        name="build",
        source={"type": "S3", "location": "artifacts-bucket/source.zip"},
        artifacts={"type": "NO_ARTIFACTS"},
        serviceRole=role,
        environment={
            "type": "LINUX_CONTAINER",
            "image": "aws/codebuild/standard:7.0",
            "computeType": "BUILD_GENERAL1_SMALL",
            "environmentVariables": [
                {"name": "NPM_TOKEN", "value": BUILD_ENV_VALUE, "type": "PLAINTEXT"}
            ],
        },
    )
    boto3.client("stepfunctions", region_name=region).create_state_machine(
        name="orders",
        roleArn=role,
        definition=json.dumps({"StartAt": "A", "States": {"A": {"Type": "Pass", "End": True}}}),
    )


def test_the_other_services_round_trip(seeded: dict[str, str], tmp_path: Path) -> None:
    _seed_the_rest(OTHER_REGION)
    out, raw = tmp_path / "rest.yaml", tmp_path / "raw"
    services = (
        "ec2,iam,efs,elasticache,ecs,eks,wafv2,opensearch,elasticbeanstalk,kinesis,"
        "stepfunctions,cognito,codebuild,xray,kafka,shield,codepipeline,codedeploy"
    )
    code = main(
        [
            "discover",
            "--regions",
            OTHER_REGION,
            "--services",
            services,
            "-o",
            str(out),
            "--raw",
            str(raw),
        ]
    )
    assert code == 0
    arch = load_architecture(str(out))
    kinds = {r.kind for r in arch.resources.values()}
    assert {
        "efs_file_system",
        "elasticache_cluster",
        "ecs_service",
        "eks_cluster",
        "waf_web_acl",
        "opensearch_domain",
        "elastic_beanstalk_environment",
        "kinesis_stream",
        "step_functions_state_machine",
        "cognito_user_pool",
        "codebuild_project",
    } <= kinds
    assert not [g for g in arch.coverage if g.error.startswith("CollectorError")]
    _, efs = arch.of_kind("efs_file_system")[0]
    assert efs.encrypted is True and len(efs.subnets) == 1
    _, web = _one(arch, "ecs_service", "web")
    assert (web.launch_type, web.cpu, web.memory_mb, web.desired_count) == ("FARGATE", 256, 512, 2)
    assert web.environment == ["API_TOKEN"] and web.assign_public_ip is False
    assert arch.resources[web.task_role].kind == "iam_role"
    _, search = _one(arch, "opensearch_domain", "search")
    assert (search.encryption_at_rest, search.node_to_node_encryption) == (True, True)
    _, acl = _one(arch, "waf_web_acl", "edge")
    assert acl.default_action == "block"
    _, k8s = _one(arch, "eks_cluster", "k8s")
    assert len(k8s.subnets) == 2
    _, pool = _one(arch, "cognito_user_pool", "customers")
    assert (pool.mfa, pool.password_min_length) == ("OFF", 12)
    _, build = _one(arch, "codebuild_project", "build")
    assert build.plaintext_environment == ["NPM_TOKEN"]
    assert arch.resources[build.role].kind == "iam_role"
    # moto does not implement X-Ray GetGroups: a gap, not a crash.
    assert any(g.service == "xray" and g.operation == "get_groups" for g in arch.coverage)
    texts = [out.read_text()] + [p.read_text() for p in raw.rglob("*.json")]
    for secret in (ECS_ENV_VALUE, EB_ENV_VALUE, BUILD_ENV_VALUE):
        assert not any(secret in t for t in texts)


def test_audit_of_the_live_account_keeps_history(
    seeded: dict[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`archcode audit` runs discover → check → cost → report against the moto account."""
    store = str(tmp_path / "audits.sqlite")
    args = ["audit", "--regions", "us-east-1", "--services", "ec2,rds,s3,dynamodb,kms"]
    first, second = tmp_path / "first.html", tmp_path / "second.html"
    model = tmp_path / "audited.yaml"
    assert main([*args, "--store", store, "--report", str(first), "--save-model", str(model)]) == 0
    assert "first run in this store" in capsys.readouterr().out
    assert main([*args, "--store", store, "--report", str(second)]) == 0
    out = capsys.readouterr().out
    assert "since run 1: 0 new, 0 fixed" in out and "+0/-0 resources" in out
    html = second.read_text()
    assert 'id="changes-persisting"' in html
    assert "django" in html
    assert SECRET_VALUE not in html and DB_PASSWORD not in html
    assert main(["validate", str(model)]) == 0
    capsys.readouterr()
    assert main(["audit", "history", "--store", store, "--format", "json"]) == 0
    runs = json.loads(capsys.readouterr().out)
    assert [r["id"] for r in runs] == [1, 2]
    assert runs[0]["source"].startswith(f"aws:{ACCOUNT_A}")


def test_units_kept_in_a_store_give_the_same_model(
    seeded: dict[str, str], tmp_path: Path
) -> None:
    """Every value the collectors found survives the store's JSON: the model assembled from
    a SQLite state and from a state directory is the one assembled in memory."""
    args = ["discover", "--regions", f"us-east-1,eu-west-1,{OTHER_REGION}", "--workers", "6"]
    models = {}
    for name, state in (
        ("memory", None),
        ("sqlite", tmp_path / "units.sqlite"),
        ("directory", tmp_path / "units"),
    ):
        out = tmp_path / f"{name}.yaml"
        extra = ["--state", str(state)] if state else []
        assert main([*args, "-o", str(out), *extra]) == 0
        models[name] = load_architecture(str(out)).model_dump()
    assert len(models["memory"]["resources"]) > 50
    assert models["sqlite"] == models["memory"]
    assert models["directory"] == models["memory"]
    assert list((tmp_path / "units").rglob("*.json"))
