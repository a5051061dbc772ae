"""CloudWatch Logs: log groups with retention and key; a Lambda's group is linked to it."""

from __future__ import annotations

from archcode.collectors.aws.draft import Ctx
from archcode.collectors.aws.services.base import ServiceGroup, listing


def collect(ctx: Ctx) -> None:
    for group in listing(ctx, "cloudwatch_log_group", "logGroups") or []:
        name = group["logGroupName"]
        arn = str(group.get("arn") or "")
        source = None
        if name.startswith("/aws/lambda/"):
            source = ctx.ref(name.removeprefix("/aws/lambda/"))
        local = "log-group" + (name if name.startswith("/") else "/" + name)
        ctx.add(
            "cloudwatch_log_group",
            local,
            {
                "name": name,
                "log_group_name": name,
                "arn": arn.removesuffix(":*") or None,
                "retention_days": group.get("retentionInDays"),
                "kms_key": ctx.ref(group.get("kmsKeyId")),
                "logs_of": [source] if source else [],
            },
            arn or None,
        )


GROUP = ServiceGroup("logs", ("cloudwatch_log_group",), collect)
