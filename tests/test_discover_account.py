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
from typing import Any, ClassVar

import boto3
import pytest
from tests.moto_aws import ACCOUNT_A
from tests.test_discover_recorded import Recorded

from archcode.cli import main
from archcode.collectors import load_architecture
from archcode.collectors.aws.draft import Ctx
from archcode.collectors.aws.services.account import collect_regional
from archcode.model import Architecture
from archcode.model.account import AccountSettings
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


def test_regional_settings_moto_serves_and_the_gaps_it_leaves(
    aws_env: dict[str, str], tmp_path: Path
) -> None:
    """moto serves EMR's block public access configuration; it implements neither SSM's
    GetServiceSetting nor EC2's GetSnapshotBlockPublicAccessState, so those settings stay
    unknown with a coverage gap (tests/test_discover_units.py reads them from recorded answers)."""
    boto3.client("emr", region_name="eu-west-1").put_block_public_access_configuration(
        BlockPublicAccessConfiguration={
            "BlockPublicSecurityGroupRules": True,
            "PermittedPublicSecurityGroupRuleRanges": [
                {"MinRange": 22, "MaxRange": 22},
                {"MinRange": 8080, "MaxRange": 8090},
            ],
        }
    )
    arch = _discover(tmp_path, "regional.yaml", "eu-west-1")
    by_region = {s.region: s for s in arch.account_settings}
    emr = by_region["eu-west-1"].emr_block_public_access
    assert emr is not None and emr.enabled is True
    assert [(r.from_port, r.to_port) for r in emr.permitted_ports or []] == [
        (22, 22),
        (8080, 8090),
    ]
    assert all(s.ssm_documents_block_public_sharing is None for s in arch.account_settings)
    assert all(s.ebs_snapshot_block_public_access is None for s in arch.account_settings)
    failed = {g.operation for g in arch.coverage}
    assert {"get_service_setting", "get_snapshot_block_public_access_state"} <= failed
    outcomes = _check(tmp_path, tmp_path / "regional.yaml")
    assert outcomes["account-emr-block-public-access"] == "FAIL"  # 8080-8090 permitted
    assert outcomes["account-ssm-documents-block-public-sharing"] == "UNKNOWN"
    assert outcomes["account-ssm-automation-cloudwatch-logging"] == "UNKNOWN"


class _Settings(Recorded):
    """Recorded answers, get_service_setting answered by the SettingId asked for."""

    SETTINGS: ClassVar[dict[str, str]] = {
        "/ssm/documents/console/public-sharing-permission": "Enable",
        "/ssm/automation/customer-script-log-destination": "CloudWatch",
    }

    def call(self, operation: str, **kwargs: Any) -> Any:
        if operation == "get_service_setting":
            sid = kwargs["SettingId"]
            return {"ServiceSetting": {"SettingId": sid, "SettingValue": self.SETTINGS[sid]}}
        return super().call(operation, **kwargs)


def test_ssm_and_snapshot_settings_from_recorded_answers() -> None:
    """The reads moto cannot serve, on answers in the shapes of the API references
    (GetServiceSetting, GetSnapshotBlockPublicAccessState, GetBlockPublicAccessConfiguration)."""
    responses: dict[str, Any] = {
        "get_ebs_encryption_by_default": {"EbsEncryptionByDefault": True},
        "get_snapshot_block_public_access_state": {"State": "block-new-sharing"},
        "get_block_public_access_configuration": {
            "BlockPublicAccessConfiguration": {"BlockPublicSecurityGroupRules": False}
        },
    }
    ctx = Ctx(_Settings("eu-west-1", responses))  # type: ignore[arg-type]
    collect_regional(ctx)
    assert not ctx.reader.gaps
    (found,) = ctx.settings
    settings = AccountSettings.model_validate(found)
    assert settings.region == "eu-west-1"
    assert settings.ebs_snapshot_block_public_access == "block-new-sharing"
    assert settings.ssm_documents_block_public_sharing is False  # Enable: public sharing allowed
    assert settings.ssm_automation_cloudwatch_logging is True
    assert settings.emr_block_public_access is not None
    assert settings.emr_block_public_access.enabled is False
