"""Monitoring: access logs at the edge, alarms on the compute, and alarms that reach someone."""

from __future__ import annotations

from typing import TYPE_CHECKING

from archcode.model.base import Resource
from archcode.rules.base import (
    Category,
    Frameworks,
    Remediation,
    Severity,
    Verdict,
    expect,
    failed,
    passed,
    unknown,
)
from archcode.rules.context import Context
from archcode.rules.registry import resource_rule

if TYPE_CHECKING:
    from archcode.model.kinds.cloudfront_distribution import CloudFrontDistribution
    from archcode.model.kinds.cloudwatch_alarm import CloudwatchAlarm


@resource_rule(
    id="cloudfront-distribution-logging",
    title="CloudFront distributions write access logs",
    severity=Severity.MEDIUM,
    category=Category.LOGGING,
    kinds=("cloudfront_distribution",),
    frameworks=Frameworks(security_hub=("CloudFront.5",), well_architected=("SEC04-BP01",)),
    rationale="Edge access logs are the only record of who requested what from the "
    "distribution: without them an attack or a leak through the CDN cannot be traced.",
    remediation=Remediation(
        text="Enable standard logging to an S3 bucket (or real-time logs to Kinesis).",
        yaml="logging_enabled: true",
        cloudformation="DistributionConfig:\n  Logging:\n"
        "    Bucket: !GetAtt CdnLogs.RegionalDomainName\n    Prefix: cdn/",
        terraform=(
            "logging_config {\n"
            "  bucket = aws_s3_bucket.cdn_logs.bucket_domain_name\n"
            '  prefix = "cdn/"\n'
            "}"
        ),
    ),
    per_account=True,
)
def cloudfront_logging(cdn: CloudFrontDistribution, ctx: Context) -> Verdict:
    return expect(cdn.logging_enabled, "logging_enabled", "access logging is off")


@resource_rule(
    id="compute-monitored-by-alarm",
    title="Functions, services and instances are watched by a CloudWatch alarm",
    severity=Severity.LOW,
    category=Category.LOGGING,
    kinds=("lambda_function", "ecs_service", "ec2_instance", "autoscaling_group"),
    frameworks=Frameworks(well_architected=("REL06-BP01",)),
    relies_on=("cloudwatch_alarm",),
    rationale="Without an alarm on errors or health, a failing component is found by its "
    "users; recovery (automatic or on-call) starts from an alarm.",
    remediation=Remediation(
        text="Add an alarm on the component's error or health metric.",
        yaml="kind: cloudwatch_alarm\nnamespace: AWS/Lambda\nmetric: Errors\nthreshold: 1\n"
        "comparison: GreaterThanOrEqualToThreshold\nmonitors: [fn]\nactions: [on-call]",
        cloudformation="Type: AWS::CloudWatch::Alarm\nProperties:\n  Namespace: AWS/Lambda\n"
        "  MetricName: Errors\n  Dimensions: [{Name: FunctionName, Value: !Ref Fn}]\n"
        "  Statistic: Sum\n  Period: 60\n  EvaluationPeriods: 1\n  Threshold: 1\n"
        "  ComparisonOperator: GreaterThanOrEqualToThreshold\n  AlarmActions: [!Ref OnCall]",
        terraform=(
            'resource "aws_cloudwatch_metric_alarm" "fn_errors" {\n'
            '  alarm_name          = "fn-errors"\n'
            '  namespace           = "AWS/Lambda"\n'
            '  metric_name         = "Errors"\n'
            "  dimensions          = { FunctionName = aws_lambda_function.fn.function_name }\n"
            '  statistic           = "Sum"\n'
            "  period              = 60\n"
            "  evaluation_periods  = 1\n"
            "  threshold           = 1\n"
            '  comparison_operator = "GreaterThanOrEqualToThreshold"\n'
            "  alarm_actions       = [aws_sns_topic.on_call.arn]\n"
            "}"
        ),
    ),
)
def compute_monitored_by_alarm(resource: Resource, ctx: Context) -> Verdict:
    alarms = ctx.referrers(ctx.id_of(resource), "monitors")
    if alarms:
        return passed(f"watched by {', '.join(alarms)}")
    return failed("no CloudWatch alarm monitors it")


@resource_rule(
    id="cloudwatch-alarm-notifies",
    title="CloudWatch alarms notify someone when they fire",
    severity=Severity.LOW,
    category=Category.LOGGING,
    kinds=("cloudwatch_alarm",),
    frameworks=Frameworks(well_architected=("REL06-BP03",)),
    rationale="An alarm without an action changes state in a console nobody watches; the "
    "outage it detected goes on.",
    remediation=Remediation(
        text="Give the alarm an action: an SNS topic that pages the on-call team.",
        yaml="actions: [on-call]   # an sns_topic",
        cloudformation="AlarmActions: [!Ref OnCallTopic]",
        terraform="alarm_actions = [aws_sns_topic.on_call.arn]",
    ),
    per_account=True,
)
def cloudwatch_alarm_notifies(alarm: CloudwatchAlarm, ctx: Context) -> Verdict:
    if alarm.actions is None:  # a template's condition or parameter decides them
        return unknown("actions")
    if alarm.actions:
        return passed(f"notifies {', '.join(alarm.actions)}")
    return failed("the alarm has no action: it notifies nobody")
