"""DynamoDB: tables with billing, point-in-time recovery, encryption, deletion protection,
streams and global-table replicas."""

from __future__ import annotations

from typing import Any

from archcode.collectors.aws.draft import Ctx
from archcode.collectors.aws.services.base import ServiceGroup, listing

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


def collect(ctx: Ctx) -> None:
    for name in listing(ctx, "dynamodb_table", "TableNames") or []:
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
