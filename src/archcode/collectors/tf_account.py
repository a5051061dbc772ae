"""Terraform resources that set an account setting rather than make a resource: read into the
model's ``account_settings`` (model.account), for the region of their provider."""

from __future__ import annotations

from typing import Any

_PASSWORD = {
    "minimum_password_length": "minimum_length",
    "require_uppercase_characters": "require_uppercase",
    "require_lowercase_characters": "require_lowercase",
    "require_symbols": "require_symbols",
    "require_numbers": "require_numbers",
    "max_password_age": "max_age_days",
    "password_reuse_prevention": "reuse_prevention",
}
_BPA = ("block_public_acls", "ignore_public_acls", "block_public_policy", "restrict_public_buckets")


def _bool(value: Any) -> bool | None:
    return value if isinstance(value, bool) else None


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


# aws_ssm_service_setting's setting ids (a path, or the setting's ARN ending in it) that the
# model holds: the field, and the value that means the safe state.
_SSM_SETTINGS = {
    "/ssm/documents/console/public-sharing-permission": (
        "ssm_documents_block_public_sharing",
        "Disable",
    ),
    "/ssm/automation/customer-script-log-destination": (
        "ssm_automation_cloudwatch_logging",
        "CloudWatch",
    ),
}
_SNAPSHOT_STATES = ("block-all-sharing", "block-new-sharing", "unblocked")


def _ssm_setting(values: dict[str, Any]) -> dict[str, Any]:
    setting_id = values.get("setting_id")
    if not isinstance(setting_id, str):
        return {}
    path = "/" + setting_id.split(":servicesetting/", 1)[-1].lstrip("/")
    field, safe = _SSM_SETTINGS.get(path, (None, None))
    value = values.get("setting_value")
    if field is None or not isinstance(value, str):
        return {}
    return {field: value == safe}


def _emr_block(values: dict[str, Any]) -> dict[str, Any]:
    ranges = values.get("permitted_public_security_group_rule_range")
    ports = None
    if isinstance(ranges, list):  # a plan writes [] for none: no port is permitted
        ports = [
            {"from_port": r["min_range"], "to_port": _int(r.get("max_range"))}
            for r in ranges
            if isinstance(r, dict) and _int(r.get("min_range")) is not None
        ]
    return {
        "enabled": _bool(values.get("block_public_security_group_rules")),
        "permitted_ports": ports,
    }


def account_setting(tf_type: str, values: dict[str, Any], region: str | None) -> dict[str, Any]:
    """The account settings one resource states (unknown values stay None)."""
    region = values.get("region") if isinstance(values.get("region"), str) else region
    if tf_type == "aws_ebs_encryption_by_default":
        # `enabled` defaults to true in the provider: a plan writes it.
        return {"region": region, "ebs_encryption_by_default": _bool(values.get("enabled"))}
    if tf_type == "aws_s3_account_public_access_block":
        return {"s3_public_access_block": {k: _bool(values.get(k)) for k in _BPA}}
    if tf_type == "aws_iam_account_password_policy":
        policy = {
            ours: (
                _int if ours in ("minimum_length", "max_age_days", "reuse_prevention") else _bool
            )(values.get(theirs))
            for theirs, ours in _PASSWORD.items()
        }
        return {"has_password_policy": True, "password_policy": policy}
    if tf_type == "aws_ebs_snapshot_block_public_access":
        state = values.get("state")
        return {
            "region": region,
            "ebs_snapshot_block_public_access": state if state in _SNAPSHOT_STATES else None,
        }
    if tf_type == "aws_ssm_service_setting":
        return {"region": region, **_ssm_setting(values)}
    if tf_type == "aws_emr_block_public_access_configuration":
        return {"region": region, "emr_block_public_access": _emr_block(values)}
    return {}


# The AccountSettings fields these resources fill (the source-coverage matrix lists them).
READS = frozenset(
    {
        "ebs_encryption_by_default",
        "s3_public_access_block",
        "has_password_policy",
        "password_policy",
        "ebs_snapshot_block_public_access",
        "ssm_documents_block_public_sharing",
        "ssm_automation_cloudwatch_logging",
        "emr_block_public_access",
    }
)
TYPES = frozenset(
    {
        "aws_ebs_encryption_by_default",
        "aws_s3_account_public_access_block",
        "aws_iam_account_password_policy",
        "aws_ebs_snapshot_block_public_access",
        "aws_ssm_service_setting",
        "aws_emr_block_public_access_configuration",
    }
)
