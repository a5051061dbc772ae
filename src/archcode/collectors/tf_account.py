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


def account_setting(tf_type: str, values: dict[str, Any], region: str | None) -> dict[str, Any]:
    """The account settings one resource states (unknown values stay None)."""
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
    return {}


# The AccountSettings fields these resources fill (the source-coverage matrix lists them).
READS = frozenset(
    {
        "ebs_encryption_by_default",
        "s3_public_access_block",
        "has_password_policy",
        "password_policy",
    }
)
TYPES = frozenset(
    {
        "aws_ebs_encryption_by_default",
        "aws_s3_account_public_access_block",
        "aws_iam_account_password_policy",
    }
)
