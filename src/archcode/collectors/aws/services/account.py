"""Account settings no resource carries: the root user's MFA and keys, the IAM password
policy, the account-wide S3 Block Public Access (global); per region, EBS encryption by
default, EBS snapshot block public access, the SSM document sharing and Automation logging
service settings, EMR block public access. A read that fails leaves its settings unknown (a
coverage gap), never a default."""

from __future__ import annotations

from typing import Any

from archcode.collectors.aws.draft import Ctx
from archcode.collectors.aws.reader import ABSENT
from archcode.collectors.aws.services.base import ServiceGroup

# The IAM actions each group needs (discovery's policy and the StackSet role list them).
ACTIONS = (
    "iam:GetAccountSummary",
    "iam:GetAccountPasswordPolicy",
    "iam:ListVirtualMFADevices",
    "s3:GetAccountPublicAccessBlock",
)
REGIONAL_ACTIONS = (
    "ec2:GetEbsEncryptionByDefault",
    "ec2:GetSnapshotBlockPublicAccessState",
    "ssm:GetServiceSetting",
    "elasticmapreduce:GetBlockPublicAccessConfiguration",
)
_BPA = {
    "BlockPublicAcls": "block_public_acls",
    "IgnorePublicAcls": "ignore_public_acls",
    "BlockPublicPolicy": "block_public_policy",
    "RestrictPublicBuckets": "restrict_public_buckets",
}


def _root(ctx: Ctx) -> dict[str, Any]:
    summary = ctx.reader.call("get_account_summary", service="iam")
    if not isinstance(summary, dict):
        return {}
    counts = summary.get("SummaryMap") or {}
    mfa = counts.get("AccountMFAEnabled")
    keys = counts.get("AccountAccessKeysPresent")
    found: dict[str, Any] = {
        "root_mfa": bool(mfa) if mfa is not None else None,
        "root_access_keys": bool(keys) if keys is not None else None,
    }
    if mfa:
        virtual = ctx.reader.pages(
            "list_virtual_mfa_devices", service="iam", AssignmentStatus="Assigned"
        )
        if virtual is not None:
            devices = [d for page in virtual for d in page.get("VirtualMFADevices") or []]
            found["root_hardware_mfa"] = not any(
                str(d.get("SerialNumber", "")).endswith(":mfa/root-account-mfa-device")
                or str((d.get("User") or {}).get("Arn", "")).endswith(":root")
                for d in devices
            )
    return found


def _password_policy(ctx: Ctx) -> dict[str, Any]:
    reply = ctx.reader.call("get_account_password_policy", service="iam", absent=("NoSuchEntity",))
    if reply is ABSENT:
        return {"has_password_policy": False}
    if not isinstance(reply, dict):
        return {}
    policy = reply.get("PasswordPolicy") or {}
    return {
        "has_password_policy": True,
        "password_policy": {
            "minimum_length": policy.get("MinimumPasswordLength"),
            "require_uppercase": policy.get("RequireUppercaseCharacters"),
            "require_lowercase": policy.get("RequireLowercaseCharacters"),
            "require_symbols": policy.get("RequireSymbols"),
            "require_numbers": policy.get("RequireNumbers"),
            "max_age_days": policy.get("MaxPasswordAge"),
            "reuse_prevention": policy.get("PasswordReusePrevention"),
        },
    }


def _s3_block(ctx: Ctx) -> dict[str, Any]:
    reply = ctx.reader.call(
        "get_public_access_block",
        service="s3control",
        absent=("NoSuchPublicAccessBlockConfiguration",),
        AccountId=ctx.account,
    )
    if reply is ABSENT:  # never configured: nothing is blocked at the account level
        return {"s3_public_access_block": dict.fromkeys(_BPA.values(), False)}
    if not isinstance(reply, dict):
        return {}
    config = reply.get("PublicAccessBlockConfiguration") or {}
    return {"s3_public_access_block": {ours: config.get(aws) for aws, ours in _BPA.items()}}


def collect(ctx: Ctx) -> None:
    ctx.settings.append({**_root(ctx), **_password_policy(ctx), **_s3_block(ctx)})


def _ebs(ctx: Ctx) -> dict[str, Any]:
    found: dict[str, Any] = {}
    reply = ctx.reader.call("get_ebs_encryption_by_default", service="ec2")
    if isinstance(reply, dict) and isinstance(reply.get("EbsEncryptionByDefault"), bool):
        found["ebs_encryption_by_default"] = reply["EbsEncryptionByDefault"]
    reply = ctx.reader.call("get_snapshot_block_public_access_state", service="ec2")
    if isinstance(reply, dict) and reply.get("State") in (
        "block-all-sharing",
        "block-new-sharing",
        "unblocked",
    ):
        found["ebs_snapshot_block_public_access"] = reply["State"]
    return found


def _ssm_setting(ctx: Ctx, setting_id: str, safe: str) -> bool | None:
    """A service setting never changed is answered with AWS's default value (Status Default)."""
    reply = ctx.reader.call("get_service_setting", service="ssm", SettingId=setting_id)
    setting = (reply.get("ServiceSetting") or {}) if isinstance(reply, dict) else {}
    value = setting.get("SettingValue")
    return value == safe if isinstance(value, str) else None


def _ssm(ctx: Ctx) -> dict[str, Any]:
    return {
        "ssm_documents_block_public_sharing": _ssm_setting(
            ctx, "/ssm/documents/console/public-sharing-permission", "Disable"
        ),
        "ssm_automation_cloudwatch_logging": _ssm_setting(
            ctx, "/ssm/automation/customer-script-log-destination", "CloudWatch"
        ),
    }


def _emr(ctx: Ctx) -> dict[str, Any]:
    reply = ctx.reader.call("get_block_public_access_configuration", service="emr")
    config = (reply.get("BlockPublicAccessConfiguration") or {}) if isinstance(reply, dict) else {}
    enabled = config.get("BlockPublicSecurityGroupRules")
    if not isinstance(enabled, bool):
        return {}
    ranges = config.get("PermittedPublicSecurityGroupRuleRanges") or []
    return {
        "emr_block_public_access": {
            "enabled": enabled,
            "permitted_ports": [
                {"from_port": r["MinRange"], "to_port": r.get("MaxRange")}
                for r in ranges
                if isinstance(r.get("MinRange"), int)
            ],
        }
    }


def collect_regional(ctx: Ctx) -> None:
    found = {**_ebs(ctx), **_ssm(ctx), **_emr(ctx)}
    if any(v is not None for v in found.values()):
        ctx.settings.append({"region": ctx.region, **found})


GROUP = ServiceGroup("account", (), collect, global_service=True, service="iam")
REGIONAL = ServiceGroup("account_regional", (), collect_regional, service="ec2")
GROUPS = (GROUP, REGIONAL)
