"""The secrets probe: marker values in every place a secret can sit never leave the account.

A moto account (a real server over HTTP) is seeded with a distinct marker in Lambda and ECS
environment values, an ECS command, EC2 user data, a Secrets Manager value, an SSM SecureString,
an RDS master password, CloudFormation parameters and outputs, and an IAM access key. Then
`discover --raw`, `check`, `cost`, `report` and `audit` run; no marker may appear in any output,
raw dump, audit store, log record or message. Tags are not secrets: they are kept (escaped like
names). Discovery reads no tags of these resources today, so only their absence from the
leaks is asserted.
"""

from __future__ import annotations

import base64
import json
import logging
from pathlib import Path
from typing import Any

import boto3
import pytest
from tests.moto_aws import lambda_zip

from archcode.cli import main

MARKERS = {
    name: f"M4RK3R-{name}-7f3a"
    for name in (
        "lambda-env", "ecs-env", "ecs-command", "user-data", "secret-value", "ssm-secure",
        "rds-password", "cfn-parameter", "cfn-output",
    )
}  # fmt: skip
TAG = "tag-value-kept-9c1e"


def _seed(region: str = "us-east-1") -> list[str]:
    """Seed the account; the IAM access key's id and secret (moto's) are markers too."""
    iam = boto3.client("iam", region_name=region)
    trust = {
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"},
                       "Action": "sts:AssumeRole"}],
    }  # fmt: skip
    role = iam.create_role(RoleName="probe", AssumeRolePolicyDocument=json.dumps(trust))
    iam.create_user(UserName="probe-user")
    key = iam.create_access_key(UserName="probe-user")["AccessKey"]

    boto3.client("lambda", region_name=region).create_function(
        FunctionName="probe-fn",
        Runtime="python3.12",
        Role=role["Role"]["Arn"],
        Handler="app.handler",
        Code={"ZipFile": lambda_zip()},
        Environment={"Variables": {"API_TOKEN": MARKERS["lambda-env"]}},
        Tags={"team": TAG},
    )
    s3 = boto3.client("s3", region_name=region)
    s3.create_bucket(Bucket="probe-bucket")
    s3.put_bucket_tagging(
        Bucket="probe-bucket", Tagging={"TagSet": [{"Key": "team", "Value": TAG}]}
    )
    boto3.client("ecs", region_name=region).register_task_definition(
        family="probe-task",
        containerDefinitions=[
            {
                "name": "app",
                "image": "nginx",
                "memory": 128,
                "environment": [{"name": "DB_PASSWORD", "value": MARKERS["ecs-env"]}],
                "command": ["--password", MARKERS["ecs-command"]],
            }
        ],
    )
    ec2 = boto3.client("ec2", region_name=region)
    ec2.run_instances(
        ImageId="ami-12c6146b",
        MinCount=1,
        MaxCount=1,
        InstanceType="t3.micro",
        UserData=base64.b64encode(
            f"#!/bin/sh\nexport PW={MARKERS['user-data']}\n".encode()
        ).decode(),
    )
    boto3.client("secretsmanager", region_name=region).create_secret(
        Name="probe/secret", SecretString=MARKERS["secret-value"]
    )
    boto3.client("ssm", region_name=region).put_parameter(
        Name="/probe/secure", Value=MARKERS["ssm-secure"], Type="SecureString"
    )
    boto3.client("rds", region_name=region).create_db_instance(
        DBInstanceIdentifier="probe-db",
        Engine="postgres",
        DBInstanceClass="db.t4g.micro",
        AllocatedStorage=20,
        MasterUsername="admin",
        MasterUserPassword=MARKERS["rds-password"],
    )
    template = {
        "Parameters": {"Token": {"Type": "String", "NoEcho": True}},
        "Resources": {"Queue": {"Type": "AWS::SQS::Queue"}},
        "Outputs": {"Leak": {"Value": MARKERS["cfn-output"]}},
    }
    boto3.client("cloudformation", region_name=region).create_stack(
        StackName="probe-stack",
        TemplateBody=json.dumps(template),
        Parameters=[{"ParameterKey": "Token", "ParameterValue": MARKERS["cfn-parameter"]}],
    )
    return [key["AccessKeyId"], key["SecretAccessKey"]]


@pytest.fixture(scope="module")
def probe(aws_env: dict[str, str], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    return {"keys": _seed(), "dir": tmp_path_factory.mktemp("probe")}


def _texts(directory: Path) -> dict[str, str]:
    """Every file written under a directory, as text (binary files decoded leniently)."""
    return {
        str(p): p.read_bytes().decode("utf-8", "replace")
        for p in directory.rglob("*")
        if p.is_file()
    }


def test_no_marker_leaves_the_account(
    probe: dict[str, Any], capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    out: Path = probe["dir"]
    caplog.set_level(logging.DEBUG, logger="archcode")
    model = str(out / "model.yaml")
    runs = [
        ["discover", "--raw", str(out / "raw"), "-o", model],
        ["check", model, "-f", "json", "-o", str(out / "check.json")],
        ["check", model, "-f", "sarif", "-o", str(out / "check.sarif")],
        ["cost", model, "-o", str(out / "cost.txt")],
        ["report", model, "-o", str(out / "report.html")],
        ["audit", "--store", str(out / "audits.sqlite"), "--report", str(out / "audit.html"),
         "--save-model", str(out / "audit-model.yaml")],
        ["--debug", "validate", model],
    ]  # fmt: skip
    codes = [main(args) for args in runs]
    assert codes[0] == 0 and all(code in (0, 1) for code in codes), codes
    printed = capsys.readouterr()
    texts = _texts(out)
    assert len([name for name in texts if "/raw/" in name]) > 20  # the dump was written
    texts |= {
        "stdout": printed.out,
        "stderr": printed.err,
        "log": "\n".join(r.getMessage() for r in caplog.records if r.name.startswith("archcode")),
    }
    secrets = [*MARKERS.values(), *probe["keys"]]
    leaks = [(name, s) for name, text in texts.items() for s in secrets if s in text]
    assert leaks == []
    # Names stay (the dump is useful), values go.
    raw = "".join(t for name, t in texts.items() if "/raw/" in name)
    assert "API_TOKEN" in raw and "<redacted by archcode>" in raw
