"""Two more seed architectures, each with a correct and a misconfigured twin, discovered from a
real moto server over HTTP in two regions (us-east-1, us-west-2) and two accounts (A directly, B
through STS AssumeRole with an ExternalId), then checked by the rules.

- serverless-with-encrypted-backups (the seed "an architecture for Serverless Web Application on
  AWS", examples/serverless-encrypted-backups.yaml):
  account A keeps `orders-db` encrypted with a customer KMS key, takes a manual snapshot and
  copies it into us-west-2 with a KMS key of that region; account B's twin `legacy-db` (us-west-2)
  is unencrypted and its manual snapshot is never copied.
- cloudfront-lambda-dynamodb (the seed "AWS-Infra", examples/cloudfront-lambda-dynamodb.yaml):
  a CloudFront distribution with an S3 origin (origin access control) and an API Gateway origin
  (HTTPS only), API Gateway -> Lambda -> DynamoDB (PITR on) in account A us-east-1; account B's
  twin in us-west-2 lets viewers use HTTP, reaches its API origin over HTTP, reads its bucket
  without OAC from a bucket with no Block Public Access, and its table has no PITR.

Where moto (5.2.1) differs from AWS, and what the tests do about it:
- A snapshot copied with `copy_db_snapshot` carries no `SourceDBSnapshotIdentifier` (AWS gives
  the source snapshot's ARN for a cross-region copy), so `copy_of` cannot be read and stays
  UNKNOWN; the copy keeps the source's `DBInstanceIdentifier` (as on AWS), which discovery
  resolves to the instance in the other region: the copy's `source` is the original database,
  and a snapshot of a database kept in another region counts as its cross-region backup.
  The last test runs the RDS collector on a recorded AWS answer, where `copy_of` is resolved.
- moto takes an automated snapshot when an instance is created (AWS does after the first backup
  window); the tests look at manual snapshots by name and tolerate the automated one.
- `PubliclyAccessible` is omitted for RDS instances where it is false, new buckets have no
  default encryption or Public Access Block (AWS encrypts with SSE-S3 by default).
- moto's ListDistributions summaries lack the members AWS always returns (origins, cache
  behaviours, comment, certificate, WAF) and its origins lose S3OriginConfig and
  OriginAccessControlId: `aws_shaped_cloudfront` (tests/moto_aws.py) completes moto's answers
  from what moto stored, so the collector meets AWS's documented shape.
- moto deploys nothing: a CloudFront distribution is "Deployed" at once and its origins are
  not contacted, and an API Gateway integration URI is stored as given.
- The Lambda -> DynamoDB data flow is not in any API answer (on AWS either): it shows only as
  the function role's permission on the table, so it is asserted there, not as a connection.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import boto3
import pytest
from tests.moto_aws import (
    ACCOUNT_A,
    ACCOUNT_B,
    EXTERNAL_ID,
    aws_shaped_cloudfront,
    lambda_zip,
    session_in,
)

from archcode.cli import main
from archcode.collectors import load_architecture
from archcode.model import Architecture
from archcode.rules import evaluate

HOME, DR = "us-east-1", "us-west-2"
DB_PASSWORD = "seed-db-password-51c7"
SERVICES = "rds,kms,s3,cloudfront,apigateway,lambda,dynamodb,iam"


def _database(session: boto3.Session, region: str, name: str, key_arn: str | None) -> str:
    """An RDS instance (encrypted with `key_arn`, or not at all) and a manual snapshot of it."""
    rds = session.client("rds", region_name=region)
    encryption: dict[str, Any] = {"StorageEncrypted": False}
    if key_arn:
        encryption = {"StorageEncrypted": True, "KmsKeyId": key_arn}
    rds.create_db_instance(
        DBInstanceIdentifier=name,
        Engine="postgres",
        DBInstanceClass="db.t4g.medium",
        AllocatedStorage=20,
        MasterUsername="app",
        MasterUserPassword=DB_PASSWORD,
        MultiAZ=True,
        **encryption,
    )
    snapshot = rds.create_db_snapshot(
        DBSnapshotIdentifier=f"{name}-manual", DBInstanceIdentifier=name
    )
    return str(snapshot["DBSnapshot"]["DBSnapshotArn"])


def _customer_key(session: boto3.Session, region: str, alias: str) -> str:
    kms = session.client("kms", region_name=region)
    key = kms.create_key(Description=alias)["KeyMetadata"]
    kms.enable_key_rotation(KeyId=key["KeyId"])
    kms.create_alias(AliasName=f"alias/{alias}", TargetKeyId=key["KeyId"])
    return str(key["Arn"])


def _seed_backups(account_a: boto3.Session, account_b: boto3.Session) -> None:
    home_key = _customer_key(account_a, HOME, "orders-db")
    dr_key = _customer_key(account_a, DR, "orders-dr")
    snapshot = _database(account_a, HOME, "orders-db", home_key)
    account_a.client("rds", region_name=DR).copy_db_snapshot(
        SourceDBSnapshotIdentifier=snapshot,
        TargetDBSnapshotIdentifier="orders-db-dr",
        KmsKeyId=dr_key,
        SourceRegion=HOME,
    )
    _database(account_b, DR, "legacy-db", None)  # unencrypted, its snapshot never copied


def _bucket(session: boto3.Session, region: str, name: str, private: bool) -> None:
    s3 = session.client("s3", region_name=region)
    where = {} if region == "us-east-1" else {"LocationConstraint": region}
    s3.create_bucket(Bucket=name, **({"CreateBucketConfiguration": where} if where else {}))
    if private:
        flags = (
            "BlockPublicAcls",
            "IgnorePublicAcls",
            "BlockPublicPolicy",
            "RestrictPublicBuckets",
        )
        s3.put_public_access_block(
            Bucket=name, PublicAccessBlockConfiguration=dict.fromkeys(flags, True)
        )


def _function(session: boto3.Session, region: str, name: str, table_arn: str) -> str:
    """A Lambda function whose role may read and write the table."""
    iam = session.client("iam")
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
    role = iam.create_role(RoleName=f"{name}-role", AssumeRolePolicyDocument=json.dumps(trust))
    access = {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Action": ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query"],
                "Resource": table_arn,
            }
        ],
    }
    iam.put_role_policy(
        RoleName=f"{name}-role", PolicyName="table", PolicyDocument=json.dumps(access)
    )
    made = session.client("lambda", region_name=region).create_function(
        FunctionName=name,
        Runtime="python3.12",
        Role=role["Role"]["Arn"],
        Handler="app.handler",
        Code={"ZipFile": lambda_zip()},
        Environment={"Variables": {"TABLE_NAME": table_arn.rsplit("/", 1)[-1]}},
    )
    return str(made["FunctionArn"])


def _rest_api(session: boto3.Session, region: str, name: str, function_arn: str) -> str:
    """A REST API whose ANY / method is a Lambda proxy integration, deployed to `prod`."""
    api = session.client("apigateway", region_name=region)
    api_id = api.create_rest_api(name=name, endpointConfiguration={"types": ["REGIONAL"]})["id"]
    root = next(r["id"] for r in api.get_resources(restApiId=api_id)["items"] if r["path"] == "/")
    api.put_method(restApiId=api_id, resourceId=root, httpMethod="ANY", authorizationType="NONE")
    api.put_integration(
        restApiId=api_id,
        resourceId=root,
        httpMethod="ANY",
        type="AWS_PROXY",
        integrationHttpMethod="POST",
        uri=f"arn:aws:apigateway:{region}:lambda:path/2015-03-31/functions/"
        f"{function_arn}/invocations",
    )
    api.create_deployment(restApiId=api_id, stageName="prod")
    return str(api_id)


def _distribution(
    session: boto3.Session, name: str, bucket: str, api_domain: str, correct: bool
) -> None:
    cloudfront = session.client("cloudfront")
    s3_origin: dict[str, Any] = {
        "Id": "web",
        "DomainName": f"{bucket}.s3.amazonaws.com",
        "S3OriginConfig": {"OriginAccessIdentity": ""},
    }
    if correct:
        oac = cloudfront.create_origin_access_control(
            OriginAccessControlConfig={
                "Name": f"{name}-oac",
                "SigningProtocol": "sigv4",
                "SigningBehavior": "always",
                "OriginAccessControlOriginType": "s3",
            }
        )
        s3_origin["OriginAccessControlId"] = oac["OriginAccessControl"]["Id"]
    api_origin = {
        "Id": "api",
        "DomainName": api_domain,
        "CustomOriginConfig": {
            "HTTPPort": 80,
            "HTTPSPort": 443,
            "OriginProtocolPolicy": "https-only" if correct else "http-only",
            "OriginSslProtocols": {"Quantity": 1, "Items": ["TLSv1.2"]},
        },
    }
    viewer = "redirect-to-https" if correct else "allow-all"
    cloudfront.create_distribution(
        DistributionConfig={
            "CallerReference": name,
            "Comment": name,
            "Enabled": True,
            "Origins": {"Quantity": 2, "Items": [s3_origin, api_origin]},
            "DefaultCacheBehavior": {
                "TargetOriginId": "web",
                "ViewerProtocolPolicy": viewer,
                "MinTTL": 0,
                "ForwardedValues": {"QueryString": False, "Cookies": {"Forward": "none"}},
            },
            "CacheBehaviors": {
                "Quantity": 1,
                "Items": [
                    {
                        "PathPattern": "/api/*",
                        "TargetOriginId": "api",
                        "ViewerProtocolPolicy": viewer,
                        "MinTTL": 0,
                        "ForwardedValues": {"QueryString": True, "Cookies": {"Forward": "all"}},
                    }
                ],
            },
        }
    )


def _seed_web_app(session: boto3.Session, region: str, prefix: str, correct: bool) -> None:
    """The cloudfront-lambda-dynamodb shape: CloudFront -> S3 and -> API Gateway -> Lambda ->
    DynamoDB."""
    ddb = session.client("dynamodb", region_name=region)
    table = ddb.create_table(
        TableName=f"{prefix}-items",
        KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
        BillingMode="PAY_PER_REQUEST",
    )["TableDescription"]["TableArn"]
    if correct:
        ddb.update_continuous_backups(
            TableName=f"{prefix}-items",
            PointInTimeRecoverySpecification={"PointInTimeRecoveryEnabled": True},
        )
    function_arn = _function(session, region, f"{prefix}-backend", table)
    api_id = _rest_api(session, region, f"{prefix}-api", function_arn)
    bucket = f"{prefix}-frontend-{session.client('sts').get_caller_identity()['Account']}"
    _bucket(session, region, bucket, private=correct)
    api_domain = f"{api_id}.execute-api.{region}.amazonaws.com"
    _distribution(session, f"{prefix}-cdn", bucket, api_domain, correct)


@pytest.fixture(scope="module")
def discovered(aws_env: dict[str, str], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    account_a, account_b = boto3.Session(region_name=HOME), session_in(ACCOUNT_B, HOME)
    out = tmp_path_factory.mktemp("seeds") / "model.yaml"
    roles = [f"arn:aws:iam::{account}:role/auditor" for account in (ACCOUNT_A, ACCOUNT_B)]
    argv = ["discover", "--role-arn", roles[0], "--role-arn", roles[1]]
    argv += ["--external-id", EXTERNAL_ID, "--regions", f"{HOME},{DR}", "--services", SERVICES]
    with aws_shaped_cloudfront():
        _seed_backups(account_a, account_b)
        _seed_web_app(account_a, HOME, "shop", correct=True)
        _seed_web_app(account_b, DR, "blog", correct=False)
        assert main([*argv, "-o", str(out)]) == 0
    return {"path": out, "arch": load_architecture(str(out))}


def _one(arch: Architecture, kind: str, name: str, account: str) -> tuple[str, Any]:
    found = [(rid, r) for rid, r in arch.of_kind(kind) if r.name == name and r.account == account]
    assert len(found) == 1, f"{kind} {name} in {account}: {found}"
    return found[0]


def _outcomes(arch: Architecture) -> dict[tuple[str, str], str]:
    """(rule id, resource id) -> outcome, from the rules engine itself."""
    return {
        (r.rule.id, r.resource): r.outcome.value for r in evaluate(arch) if r.resource is not None
    }


# --- serverless-with-encrypted-backups ---------------------------------------------------------


def test_the_encrypted_database_its_snapshot_and_the_cross_region_copy(
    discovered: dict[str, Any],
) -> None:
    arch: Architecture = discovered["arch"]
    db_id, db = _one(arch, "rds_instance", "orders-db", ACCOUNT_A)
    assert db_id.startswith(f"{ACCOUNT_A}/{HOME}/") and db.region == HOME
    assert (db.storage_encrypted, db.multi_az, db.engine) == (True, True, "postgres")
    home_key = arch.resources[db.kms_key]
    assert (home_key.kind, home_key.region, home_key.aliases) == (
        "kms_key",
        HOME,
        ["alias/orders-db"],
    )
    assert home_key.rotation_enabled is True

    _, snapshot = _one(arch, "db_snapshot", "orders-db-manual", ACCOUNT_A)
    assert (snapshot.source, snapshot.encrypted, snapshot.automated) == (db_id, True, False)
    assert snapshot.kms_key == db.kms_key and snapshot.region == HOME
    assert snapshot.public is False and snapshot.shared_with_accounts == []

    _, copy = _one(arch, "db_snapshot", "orders-db-dr", ACCOUNT_A)
    assert copy.region == DR and copy.encrypted is True
    dr_key = arch.resources[copy.kms_key]
    assert (dr_key.region, dr_key.aliases) == (DR, ["alias/orders-dr"])
    # The copy names the database it was taken from (in the other region) ...
    assert copy.source == db_id
    # ... but moto does not return SourceDBSnapshotIdentifier, so which snapshot it copied is
    # not known (on AWS it is the source snapshot's ARN and copy_of is that snapshot's id).
    assert copy.copy_of is None


def test_the_misconfigured_database_in_the_other_account(discovered: dict[str, Any]) -> None:
    arch: Architecture = discovered["arch"]
    db_id, db = _one(arch, "rds_instance", "legacy-db", ACCOUNT_B)
    assert db_id.startswith(f"{ACCOUNT_B}/{DR}/")
    assert (db.storage_encrypted, db.kms_key) == (False, None)
    _, snapshot = _one(arch, "db_snapshot", "legacy-db-manual", ACCOUNT_B)
    assert (snapshot.source, snapshot.encrypted, snapshot.kms_key) == (db_id, False, None)
    copies = [r for _, r in arch.of_kind("db_snapshot") if r.source == db_id and r.region != DR]
    assert copies == []


def test_backup_rules_pass_for_the_correct_twin_and_fail_for_the_other(
    discovered: dict[str, Any],
) -> None:
    arch: Architecture = discovered["arch"]
    outcomes = _outcomes(arch)
    good, _ = _one(arch, "rds_instance", "orders-db", ACCOUNT_A)
    bad, _ = _one(arch, "rds_instance", "legacy-db", ACCOUNT_B)
    for rule in ("rds-instance-storage-encrypted", "data-store-cross-region-backup"):
        assert (outcomes[(rule, good)], outcomes[(rule, bad)]) == ("PASS", "FAIL"), rule
    for name, account, wanted in (
        ("orders-db-manual", ACCOUNT_A, "PASS"),
        ("orders-db-dr", ACCOUNT_A, "PASS"),
        ("legacy-db-manual", ACCOUNT_B, "FAIL"),
    ):
        sid, _ = _one(arch, "db_snapshot", name, account)
        assert outcomes[("backup-customer-managed-key", sid)] == wanted, name


# --- cloudfront-lambda-dynamodb -----------------------------------------------------------------


def _web_app(arch: Architecture, prefix: str, account: str) -> dict[str, tuple[str, Any]]:
    return {
        "cdn": _one(arch, "cloudfront_distribution", f"{prefix}-cdn", account),
        "bucket": _one(arch, "s3_bucket", f"{prefix}-frontend-{account}", account),
        "api": _one(arch, "api_gateway", f"{prefix}-api", account),
        "function": _one(arch, "lambda_function", f"{prefix}-backend", account),
        "table": _one(arch, "dynamodb_table", f"{prefix}-items", account),
    }


@pytest.mark.parametrize(
    ("prefix", "account", "region", "correct"),
    [("shop", ACCOUNT_A, HOME, True), ("blog", ACCOUNT_B, DR, False)],
)
def test_the_cloudfront_lambda_dynamodb_shape(
    discovered: dict[str, Any], prefix: str, account: str, region: str, correct: bool
) -> None:
    arch: Architecture = discovered["arch"]
    app = _web_app(arch, prefix, account)
    cdn_id, cdn = app["cdn"]
    assert cdn_id.startswith(f"{account}/global/") and cdn.region is None
    assert cdn.viewer_protocol_policy == ("redirect-to-https" if correct else "allow-all")
    by_target = {o.target: o for o in cdn.origins}
    web, api = by_target[app["bucket"][0]], by_target[app["api"][0]]
    assert web.origin_access == ("oac" if correct else "none")
    assert api.origin_protocol_policy == ("https-only" if correct else "http-only")
    for rid, r in (app["bucket"], app["api"], app["function"], app["table"]):
        assert r.region == region and rid.startswith(f"{account}/{region}/"), rid
    _, api_gateway = app["api"]
    assert (api_gateway.api_type, api_gateway.stage, api_gateway.authorization) == (
        "rest",
        "prod",
        "none",
    )
    _, fn = app["function"]
    assert fn.environment == ["TABLE_NAME"]
    role = arch.resources[fn.role]
    assert role.kind == "iam_role" and role.account == account
    assert app["table"][1].arn in json.dumps(role.model_dump(mode="json")["inline_policies"])

    flows = {(c.source, c.target): c for c in arch.connections}
    assert flows[(cdn_id, app["bucket"][0])].label == "origin"
    assert flows[(cdn_id, app["api"][0])].protocol == ("https" if correct else "http")
    integration = flows[(app["api"][0], app["function"][0])]
    # derived from the API's integrations as for templates and plans: HTTPS, no port
    assert (integration.label, integration.protocol) == ("integration", "https")


def test_web_app_rules_pass_for_the_correct_twin_and_fail_for_the_other(
    discovered: dict[str, Any],
) -> None:
    arch: Architecture = discovered["arch"]
    outcomes = _outcomes(arch)
    good, bad = _web_app(arch, "shop", ACCOUNT_A), _web_app(arch, "blog", ACCOUNT_B)
    for rule, part in (
        ("cloudfront-distribution-viewer-https", "cdn"),  # CloudFront.3
        ("dynamodb-table-point-in-time-recovery", "table"),  # DynamoDB.2
        ("s3-origin-only-through-cloudfront", "bucket"),
    ):
        pair = (outcomes[(rule, good[part][0])], outcomes[(rule, bad[part][0])])
        assert pair == ("PASS", "FAIL"), rule


def test_check_json_reports_the_same_outcomes(discovered: dict[str, Any], tmp_path: Path) -> None:
    """`archcode check --format json` on the written model: what a CI job would read."""
    report = tmp_path / "check.json"
    code = main(["check", str(discovered["path"]), "--format", "json", "-o", str(report)])
    assert code == 1  # the misconfigured twins fail at the default --fail-on
    found = {
        (f["rule_id"], f["resource"]["id"]): f["outcome"]
        for f in json.loads(report.read_text())["findings"]
        if f.get("resource")
    }
    arch: Architecture = discovered["arch"]
    for (rule, rid), outcome in _outcomes(arch).items():
        if rule in {"rds-instance-storage-encrypted", "cloudfront-distribution-viewer-https"}:
            assert found.get((rule, rid), "PASS") == outcome, (rule, rid)
    bad, _ = _one(arch, "rds_instance", "legacy-db", ACCOUNT_B)
    assert found[("rds-instance-storage-encrypted", bad)] == "FAIL"


def test_a_snapshot_kept_in_another_region_is_a_cross_region_backup() -> None:
    """What discovery sees of a cross-region copy whose source snapshot is not named (moto,
    or a copy whose source was deleted): a snapshot of the database in another region."""
    from tests.conftest import load

    def outcome(snapshot_region: str) -> str:
        arch = load(
            f"""
            name: copies
            region: us-east-1
            resources:
              db: {{kind: rds_instance, engine: postgres}}
              copy: {{kind: db_snapshot, source: db, region: {snapshot_region}}}
            """
        )
        [result] = [r for r in evaluate(arch) if r.rule.id == "data-store-cross-region-backup"]
        return result.outcome.value

    assert (outcome("us-west-2"), outcome("us-east-1")) == ("PASS", "FAIL")


def test_a_cross_region_copy_as_aws_describes_it() -> None:
    """What moto leaves out, from a recorded AWS answer: a cross-region copy names its source
    snapshot by ARN (`SourceDBSnapshotIdentifier`), which discovery resolves to `copy_of`."""
    from tests.test_discover_recorded import ACCOUNT, run

    from archcode.collectors.aws.draft import Found, Handle
    from archcode.collectors.aws.services import rds

    source_arn = f"arn:aws:rds:{HOME}:{ACCOUNT}:snapshot:orders-db-manual"
    source_id = f"{ACCOUNT}/{HOME}/snapshot/orders-db-manual"
    db_id = f"{ACCOUNT}/{HOME}/orders-db"
    copy = {
        "DBSnapshotIdentifier": "orders-db-dr",
        "DBInstanceIdentifier": "orders-db",
        "DBSnapshotArn": f"arn:aws:rds:{DR}:{ACCOUNT}:snapshot:orders-db-dr",
        "SnapshotType": "manual",
        "Encrypted": True,
        "KmsKeyId": f"arn:aws:kms:{DR}:{ACCOUNT}:key/0f1e2d3c-aaaa-bbbb-cccc-123456789012",
        "SourceDBSnapshotIdentifier": source_arn,
        "SourceRegion": HOME,
    }
    responses = {
        "describe_db_instances": {"DBInstances": []},
        "describe_db_clusters": {"DBClusters": []},
        "describe_db_proxies": {"DBProxies": []},
        "describe_db_snapshots": {"DBSnapshots": [copy]},
        "describe_db_cluster_snapshots": {"DBClusterSnapshots": []},
        "describe_db_snapshot_attributes": {"DBSnapshotAttributesResult": {}},
    }
    database = Found(
        db_id,
        "rds_instance",
        {"kind": "rds_instance", "region": HOME},
        [Handle("orders-db", ACCOUNT, HOME)],
    )
    source = Found(
        source_id,
        "db_snapshot",
        {"kind": "db_snapshot", "region": HOME, "source": db_id, "encrypted": True},
        [Handle(source_arn)],
    )
    arch = run(rds.collect, DR, responses, database, source)
    [(copy_id, found)] = [(rid, r) for rid, r in arch.of_kind("db_snapshot") if r.region == DR]
    assert (found.copy_of, found.source, found.encrypted) == (source_id, db_id, True)
    [result] = [
        r
        for r in evaluate(arch)
        if r.rule.id == "data-store-cross-region-backup" and r.resource == db_id
    ]
    assert result.outcome.value == "PASS" and copy_id.startswith(f"{ACCOUNT}/{DR}/")
