"""Account settings no resource carries: the root user's MFA and keys, the IAM password
policy, the account-wide S3 Block Public Access (global), EBS encryption by default (per
region). A read that fails leaves its settings unknown (a coverage gap), never a default."""

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
REGIONAL_ACTIONS = ("ec2:GetEbsEncryptionByDefault",)
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


def collect_regional(ctx: Ctx) -> None:
    reply = ctx.reader.call("get_ebs_encryption_by_default", service="ec2")
    if isinstance(reply, dict) and isinstance(reply.get("EbsEncryptionByDefault"), bool):
        ctx.settings.append(
            {"region": ctx.region, "ebs_encryption_by_default": reply["EbsEncryptionByDefault"]}
        )


GROUP = ServiceGroup("account", (), collect, global_service=True, service="iam")
REGIONAL = ServiceGroup("account_regional", (), collect_regional, service="ec2")
GROUPS = (GROUP, REGIONAL)
