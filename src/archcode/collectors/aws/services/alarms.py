"""CloudWatch metric alarms: what they watch (from their dimensions) and whom they notify."""

from __future__ import annotations

from archcode.collectors.aws.draft import Ctx
from archcode.collectors.aws.services.base import ServiceGroup, listing

# Dimensions whose value names a resource archcode discovers (by name or id).
_RESOURCE_DIMENSIONS = frozenset(
    {
        "FunctionName",
        "DBInstanceIdentifier",
        "DBClusterIdentifier",
        "TableName",
        "QueueName",
        "InstanceId",
        "LoadBalancer",
        "ApiName",
        "DistributionId",
        "CacheClusterId",
        "StateMachineArn",
    }
)


def collect(ctx: Ctx) -> None:
    for alarm in listing(ctx, "cloudwatch_alarm", "MetricAlarms") or []:
        dims = [d for d in alarm.get("Dimensions") or [] if d.get("Name") in _RESOURCE_DIMENSIONS]
        monitors = []
        for dim in dims:
            value = str(dim.get("Value", ""))
            if dim["Name"] == "QueueName":
                value = f"arn:aws:sqs:{ctx.region}:{ctx.account}:{value}"
            elif dim["Name"] == "LoadBalancer":  # app/name/id: known by its name
                value = value.split("/")[1] if value.count("/") >= 2 else value
            monitors.append(ctx.ref(value))
        ctx.add(
            "cloudwatch_alarm",
            f"alarm/{alarm['AlarmName']}",
            {
                "name": alarm["AlarmName"],
                "arn": alarm.get("AlarmArn"),
                "namespace": alarm.get("Namespace"),
                "metric": alarm.get("MetricName"),
                "statistic": alarm.get("Statistic") or alarm.get("ExtendedStatistic"),
                "threshold": alarm.get("Threshold"),
                "comparison": alarm.get("ComparisonOperator"),
                "monitors": [m for m in monitors if m is not None],
                "actions": ctx.refs(
                    a for a in alarm.get("AlarmActions") or [] if str(a).startswith("arn:aws:sns:")
                ),
            },
        )


GROUP = ServiceGroup("cloudwatch", ("cloudwatch_alarm",), collect)
