"""Pricers for operations kinds: CloudTrail, CloudWatch Logs and alarms, X-Ray, CI/CD."""

from __future__ import annotations

from decimal import Decimal

from archcode.cost.context import PricingContext
from archcode.cost.pricers import pricer
from archcode.cost.report import CostLine
from archcode.model.kinds import operations

CODEBUILD_TYPES = {
    "BUILD_GENERAL1_SMALL": "g1.small",
    "BUILD_GENERAL1_MEDIUM": "g1.medium",
    "BUILD_GENERAL1_LARGE": "g1.large",
}


@pricer("cloudtrail_trail")
def cloudtrail_trail(trail: operations.CloudtrailTrail, ctx: PricingContext) -> list[CostLine]:
    ctx.note("the first copy of management events is free; S3 and log delivery priced there")
    return [
        ctx.line(
            "Data events",
            ctx.usage.number("monthly_requests"),
            service="AWSCloudTrail",
            usage_type="DataEventsRecorded",
            uses=["monthly_requests"],
        )
    ]


@pricer("cloudwatch_log_group")
def cloudwatch_log_group(
    group: operations.CloudwatchLogGroup, ctx: PricingContext
) -> list[CostLine]:
    u = ctx.usage
    svc = {"service": "AmazonCloudWatch"}
    return [
        ctx.line(
            "Ingestion (Standard)",
            u.number("gb_processed"),
            usage_type="DataProcessing-Bytes",
            uses=["gb_processed"],
            free="cloudwatch_logs_gb",
            **svc,
        ),
        ctx.line(
            "Storage",
            u.number("gb_stored"),
            usage_type="TimedStorage-ByteHrs",
            uses=["gb_stored"],
            **svc,
        ),
    ]


@pricer("cloudwatch_alarm")
def cloudwatch_alarm(alarm: operations.CloudwatchAlarm, ctx: PricingContext) -> list[CostLine]:
    return [
        ctx.line(
            "Standard-resolution alarm",
            1,
            service="AmazonCloudWatch",
            usage_type="CW:AlarmMonitorUsage",
        )
    ]


@pricer("xray_group")
def xray_group(group: operations.XrayGroup, ctx: PricingContext) -> list[CostLine]:
    return [
        ctx.line(
            "Traces recorded",
            ctx.usage.number("monthly_requests"),
            service="AWSXRay",
            usage_type="XRay-TracesStored",
            uses=["monthly_requests"],
            free="xray_traces",
        )
    ]


@pricer("codepipeline_pipeline")
def codepipeline_pipeline(
    pipeline: operations.CodepipelinePipeline, ctx: PricingContext
) -> list[CostLine]:
    return [
        ctx.line("Active pipeline (V1)", 1, service="AWSCodePipeline", usage_type="activePipeline")
    ]


@pricer("codebuild_project")
def codebuild_project(project: operations.CodebuildProject, ctx: PricingContext) -> list[CostLine]:
    u = ctx.usage
    compute_type = project.compute_type or u.assume(
        "compute_type", "BUILD_GENERAL1_SMALL", "compute type unknown"
    )
    minutes = u.number("monthly_requests") * u.number("avg_duration_ms") / Decimal(60_000)
    name = f"Build minutes ({compute_type})"
    short = CODEBUILD_TYPES.get(compute_type)
    if short is None:
        return [
            ctx.unpriced(name, minutes, "Minutes", f"compute type {compute_type} not in the table")
        ]
    return [
        ctx.line(
            name,
            minutes,
            service="CodeBuild",
            usage_type=f"Build-Min:Linux:{short}",
            uses=["monthly_requests", "avg_duration_ms", "compute_type"],
        )
    ]
