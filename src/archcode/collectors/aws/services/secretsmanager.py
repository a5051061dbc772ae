"""Secrets Manager: secret METADATA only (rotation, key, replicas). archcode never calls
GetSecretValue: no secret value is ever requested, printed or stored."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from archcode.collectors.aws.draft import Ctx, tags
from archcode.collectors.aws.services.base import ServiceGroup, listing, policy_json

_KIND = ("secrets_manager_secret",)


def _day(value: Any) -> date | None:
    """A timestamp of the API (a datetime from boto3, an ISO string recorded) as its day."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, str):
        try:
            return datetime.fromisoformat(value).date()
        except ValueError:
            return None
    return None


def collect(ctx: Ctx) -> None:
    for secret in listing(ctx, "secrets_manager_secret", "SecretList") or []:
        name = secret["Name"]
        days = (secret.get("RotationRules") or {}).get("AutomaticallyAfterDays")
        # The resource policy only: never GetSecretValue.
        reply = ctx.reader.call("get_resource_policy", kinds=_KIND, SecretId=secret.get("ARN"))
        ctx.add(
            "secrets_manager_secret",
            name,
            {
                "name": name,
                "arn": secret.get("ARN"),
                "description": secret.get("Description") or None,
                "kms_key": ctx.ref(secret.get("KmsKeyId")),
                "rotation_enabled": bool(secret.get("RotationEnabled")),
                "rotation_days": days,
                "rotation_function": ctx.ref(secret.get("RotationLambdaARN")),
                "replica_regions": [
                    r["Region"] for r in secret.get("ReplicationStatus") or [] if r.get("Region")
                ],
                "tags": tags(secret.get("Tags")),
                # absent when the value was never retrieved (then the creation day counts)
                "last_accessed_date": _day(secret.get("LastAccessedDate")),
                "created_date": _day(secret.get("CreatedDate")),
                "policy": policy_json(reply.get("ResourcePolicy"))
                if isinstance(reply, dict)
                else None,
            },
        )


GROUP = ServiceGroup("secretsmanager", ("secrets_manager_secret",), collect)
