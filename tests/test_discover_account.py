"""Discovery of the account settings (issue 14) against a real moto server over HTTP.

moto implements every read the account collectors make (GetAccountSummary,
GetAccountPasswordPolicy, ListVirtualMFADevices, s3control GetPublicAccessBlock,
GetEbsEncryptionByDefault). moto's account summary reports no root MFA and no root access
keys (it has no root user to configure), so those two facts are checked as moto states them.
"""

from __future__ import annotations

import json
import socket
from pathlib import Path
from typing import Any

import boto3
import pytest
from tests.moto_aws import ACCOUNT_A

from archcode.cli import main
from archcode.collectors import load_architecture
from archcode.model import Architecture
from archcode.model.kinds.network import SecurityGroup

SERVICES = "account,account_regional"


@pytest.fixture(autouse=True)
def account_host_names(monkeypatch: pytest.MonkeyPatch) -> None:
    """S3 Control puts the account id in front of the endpoint's host (as AWS resolves
    123456789012.s3-control.<region>.amazonaws.com); the local server has no such DNS names,
    so <account>.127.0.0.1 is resolved to 127.0.0.1 (what a wildcard DNS entry would do)."""
    real = socket.getaddrinfo

    def resolve(host: Any, *args: Any, **kwargs: Any) -> Any:
        if isinstance(host, str) and host.endswith(".127.0.0.1"):
            host = "127.0.0.1"
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", resolve)


def _discover(tmp_path: Path, name: str, *regions: str) -> Architecture:
    out = tmp_path / name
    args = ["discover", "--services", SERVICES, "--regions", ",".join(regions), "-o", str(out)]
    assert main(args) == 0
    return load_architecture(str(out))


def _check(tmp_path: Path, arch_path: Path) -> dict[str, str]:
    report = tmp_path / "check.json"
    main(["check", str(arch_path), "-f", "json", "-o", str(report), "--include-passed"])
    return {
        f["rule_id"]: f["outcome"]
        for f in json.loads(report.read_text())["findings"]
        if f["rule_id"].startswith("account-")
    }


def test_settings_read_from_the_account(aws_env: dict[str, str], tmp_path: Path) -> None:
    boto3.client("ec2", region_name="eu-west-1").enable_ebs_encryption_by_default()
    boto3.client("iam").update_account_password_policy(
        MinimumPasswordLength=14,
        RequireUppercaseCharacters=True,
        RequireLowercaseCharacters=True,
        RequireSymbols=True,
        RequireNumbers=False,
    )
    boto3.client("s3control").put_public_access_block(
        AccountId=ACCOUNT_A,
        PublicAccessBlockConfiguration={
            "BlockPublicAcls": True,
            "IgnorePublicAcls": True,
            "BlockPublicPolicy": True,
            "RestrictPublicBuckets": True,
        },
    )
    arch = _discover(tmp_path, "account.yaml", "us-east-1", "eu-west-1")
    by_region = {s.region: s for s in arch.account_settings}
    assert by_region["eu-west-1"].ebs_encryption_by_default is True
    assert by_region["us-east-1"].ebs_encryption_by_default is False
    account = by_region[None]
    assert account.account == ACCOUNT_A
    assert account.has_password_policy is True
    assert account.password_policy is not None
    assert account.password_policy.minimum_length == 14
    assert account.password_policy.require_numbers is False
    block = account.s3_public_access_block
    assert block is not None and block.block_public_policy is True
    assert account.root_mfa is False and account.root_access_keys is False
    outcomes = _check(tmp_path, tmp_path / "account.yaml")
    assert outcomes["account-ebs-encryption-by-default"] == "FAIL"  # off in us-east-1
    assert outcomes["account-s3-block-public-access"] == "PASS"
    assert outcomes["account-iam-password-policy-strong"] == "FAIL"  # numbers not required
    assert outcomes["account-root-no-access-keys"] == "PASS"
    assert outcomes["account-root-mfa"] == "FAIL"
    assert outcomes["account-root-hardware-mfa"] == "FAIL"


def test_no_password_policy_and_no_account_block(aws_env: dict[str, str], tmp_path: Path) -> None:
    boto3.client("iam").delete_account_password_policy()
    boto3.client("s3control").delete_public_access_block(AccountId=ACCOUNT_A)
    arch = _discover(tmp_path, "bare.yaml", "us-east-1")
    account = next(s for s in arch.account_settings if s.region is None)
    assert account.has_password_policy is False and account.password_policy is None
    block = account.s3_public_access_block
    assert block is not None and block.block_public_acls is False
    outcomes = _check(tmp_path, tmp_path / "bare.yaml")
    assert outcomes["account-iam-password-policy-strong"] == "FAIL"
    assert outcomes["account-s3-block-public-access"] == "FAIL"


def test_denied_account_reads_are_gaps_and_unknown(
    aws_env: dict[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An auditor allowed only the account summary: the other settings stay unknown."""
    import moto.settings

    iam = boto3.client("iam")
    iam.create_user(UserName="account-auditor")
    iam.put_user_policy(
        UserName="account-auditor",
        PolicyName="read",
        PolicyDocument=json.dumps(
            {
                "Version": "2012-10-17",
                "Statement": [
                    {
                        "Effect": "Allow",
                        "Action": ["iam:GetAccountSummary", "ec2:DescribeRegions"],
                        "Resource": "*",
                    }
                ],
            }
        ),
    )
    key = iam.create_access_key(UserName="account-auditor")["AccessKey"]
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", key["AccessKeyId"])
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", key["SecretAccessKey"])
    monkeypatch.setattr(moto.settings, "INITIAL_NO_AUTH_ACTION_COUNT", 0)
    try:
        arch = _discover(tmp_path, "denied.yaml", "us-east-1")
    finally:
        monkeypatch.setattr(moto.settings, "INITIAL_NO_AUTH_ACTION_COUNT", float("inf"))
    denied = {(g.operation, g.error) for g in arch.coverage}
    assert ("get_account_password_policy", "AccessDenied") in denied
    assert ("get_ebs_encryption_by_default", "AccessDenied") in denied
    account = next(s for s in arch.account_settings if s.region is None)
    assert account.root_access_keys is False  # the one read allowed
    assert account.has_password_policy is None and account.password_policy is None
    assert not any(s.ebs_encryption_by_default is not None for s in arch.account_settings)
    outcomes = _check(tmp_path, tmp_path / "denied.yaml")
    assert outcomes["account-iam-password-policy-strong"] == "UNKNOWN"
    assert outcomes["account-ebs-encryption-by-default"] == "UNKNOWN"


def test_the_default_security_group_is_flagged(aws_env: dict[str, str], tmp_path: Path) -> None:
    """moto gives the default VPC its default group, with AWS's allow-all egress rule."""
    out = tmp_path / "ec2.yaml"
    assert main(["discover", "--services", "ec2", "--regions", "us-east-1", "-o", str(out)]) == 0
    groups = load_architecture(str(out)).of_kind("security_group")
    flagged = {r.name: r.default for _rid, r in groups if isinstance(r, SecurityGroup)}
    assert flagged.get("default") is True
    assert not any(v for name, v in flagged.items() if name != "default")
    report = tmp_path / "check.json"
    main(
        [
            "check",
            str(out),
            "-f",
            "json",
            "-o",
            str(report),
            "--rule",
            "ec2-default-security-group-closed",
        ]
    )
    fails = [f for f in json.loads(report.read_text())["findings"] if f["outcome"] == "FAIL"]
    assert fails and all("outbound" in f["message"] for f in fails)
