"""DynamoDB: tables with billing, capacity auto scaling, point-in-time recovery, encryption,
deletion protection, streams and global-table replicas."""

from __future__ import annotations

from typing import Any

from archcode.collectors.aws.draft import Ctx
from archcode.collectors.aws.services.base import ServiceGroup, listing
from archcode.model.kinds._shared import DYNAMODB_SCALED_DIMENSIONS

_KIND = ("dynamodb_table",)


def _encryption(ctx: Ctx, sse: dict[str, Any]) -> str | None:
    if sse.get("Status") not in ("ENABLED", "ENABLING", "UPDATING"):
        return "aws_owned"
    key = sse.get("KMSMasterKeyArn")
    if not key:
        return "aws_managed"
    # Only the key itself says whether it is AWS managed (alias/aws/dynamodb) or the customer's.
    reply = ctx.reader.call("describe_key", kinds=_KIND, service="kms", KeyId=key)
    if not isinstance(reply, dict):
        return None
    manager = (reply.get("KeyMetadata") or {}).get("KeyManager")
    return {"AWS": "aws_managed", "CUSTOMER": "customer_managed"}.get(str(manager))


def _scaled(ctx: Ctx) -> set[str] | None:
    """Tables whose read and write capacity are registered with Application Auto Scaling and
    have a scaling policy each (a target alone only bounds the capacity); None when either
    could not be read."""
    targets = listing(ctx, "dynamodb_table", "ScalableTargets", 1, ServiceNamespace="dynamodb")
    policies = ctx.reader.items(
        "describe_scaling_policies",
        "ScalingPolicies",
        kinds=_KIND,
        service="application-autoscaling",
        ServiceNamespace="dynamodb",
    )
    if targets is None or policies is None:
        return None
    registered = {(t.get("ResourceId"), t.get("ScalableDimension")) for t in targets}
    dimensions: dict[str, set[str]] = {}
    for policy in policies:
        key = (policy.get("ResourceId"), policy.get("ScalableDimension"))
        resource = str(key[0] or "")  # table/<name>, or table/<name>/index/<index>
        if key in registered and resource.startswith("table/") and "/index/" not in resource:
            dimensions.setdefault(resource[6:], set()).add(str(key[1]))
    return {name for name, dims in dimensions.items() if dims >= DYNAMODB_SCALED_DIMENSIONS}


def collect(ctx: Ctx) -> None:
    scaled: set[str] | None = None
    names = listing(ctx, "dynamodb_table", "TableNames") or []
    if names:
        scaled = _scaled(ctx)
    for name in names:
        reply = ctx.reader.call("describe_table", kinds=_KIND, TableName=name)
        if not isinstance(reply, dict):  # listed but not read: kept, its facts unknown
            ctx.add("dynamodb_table", name, {"name": name})
            continue
        table = reply.get("Table") or {}
        backups = ctx.reader.call("describe_continuous_backups", kinds=_KIND, TableName=name)
        pitr = None
        if isinstance(backups, dict):
            desc = (backups.get("ContinuousBackupsDescription") or {}).get(
                "PointInTimeRecoveryDescription"
            ) or {}
            pitr = desc.get("PointInTimeRecoveryStatus") == "ENABLED"
        throughput = table.get("ProvisionedThroughput") or {}
        billing = (table.get("BillingModeSummary") or {}).get("BillingMode")
        sse = table.get("SSEDescription") or {}
        ctx.add(
            "dynamodb_table",
            name,
            {
                "name": name,
                "arn": table.get("TableArn"),
                "billing_mode": billing
                or ("PROVISIONED" if throughput.get("ReadCapacityUnits") else None),
                "read_capacity": throughput.get("ReadCapacityUnits") or None,
                "write_capacity": throughput.get("WriteCapacityUnits") or None,
                "autoscaling": None if scaled is None else name in scaled,
                "point_in_time_recovery": pitr,
                "encryption": _encryption(ctx, sse),
                "kms_key": ctx.ref(sse.get("KMSMasterKeyArn")),
                "deletion_protection": table.get("DeletionProtectionEnabled"),
                "stream_enabled": (table.get("StreamSpecification") or {}).get(
                    "StreamEnabled", False
                ),
                "global_table_regions": [
                    r["RegionName"] for r in table.get("Replicas") or [] if r.get("RegionName")
                ],
            },
            table.get("LatestStreamArn"),
        )


GROUP = ServiceGroup("dynamodb", ("dynamodb_table",), collect)
