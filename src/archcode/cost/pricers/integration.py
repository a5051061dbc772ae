"""Pricers for messaging and streaming: SQS, SNS, EventBridge, Step Functions, MSK, Kinesis."""

from __future__ import annotations

from decimal import Decimal

from archcode.cost.context import PricingContext
from archcode.cost.pricers import pricer
from archcode.cost.report import CostLine
from archcode.model.kinds import integration


@pricer("sqs_queue")
def sqs_queue(queue: integration.SqsQueue, ctx: PricingContext) -> list[CostLine]:
    return [
        ctx.line(
            "FIFO requests" if queue.fifo else "Standard requests",
            ctx.usage.number("monthly_requests"),
            service="AWSQueueService",
            usage_type="Requests-FIFO-RBP" if queue.fifo else "Requests-RBP",
            uses=["monthly_requests"],
            free="sqs_requests",
            note="64 KB chunks count as one request",
        )
    ]


@pricer("sns_topic")
def sns_topic(topic: integration.SnsTopic, ctx: PricingContext) -> list[CostLine]:
    ctx.note(
        "deliveries to SQS and Lambda are free; HTTP, e-mail and SMS deliveries are not estimated"
    )
    return [
        ctx.line(
            "Publishes",
            ctx.usage.number("monthly_requests"),
            service="AmazonSNS",
            usage_type="Requests-Tier1",
            uses=["monthly_requests"],
            free="sns_publishes",
        )
    ]


@pricer("eventbridge_bus")
def eventbridge_bus(bus: integration.EventbridgeBus, ctx: PricingContext) -> list[CostLine]:
    return [
        ctx.line(
            "Custom events published",
            ctx.usage.number("monthly_requests"),
            service="AWSEvents",
            usage_type="Event-64K-Chunks",
            uses=["monthly_requests"],
        )
    ]


@pricer("step_functions_state_machine")
def step_functions(
    machine: integration.StepFunctionsStateMachine, ctx: PricingContext
) -> list[CostLine]:
    u = ctx.usage
    if machine.type == "STANDARD":
        return [
            ctx.line(
                "State transitions",
                u.number("monthly_requests"),
                service="AmazonStates",
                usage_type="StateTransition",
                uses=["monthly_requests"],
                free="step_functions_transitions",
            )
        ]
    requests = u.number("monthly_requests")
    memory = u.assume("memory_mb", 64, "Express billing memory (64 MB steps)")
    gb_s = requests * u.number("avg_duration_ms") / 1000 * Decimal(memory) / 1024
    return [
        ctx.line(
            "Express requests",
            requests,
            service="AmazonStates",
            usage_type="ExpressRequest",
            uses=["monthly_requests"],
        ),
        ctx.line(
            "Express duration",
            gb_s,
            service="AmazonStates",
            usage_type="ExpressDuration-GB-Second",
            uses=["monthly_requests", "avg_duration_ms", "memory_mb"],
        ),
    ]


@pricer("msk_cluster")
def msk_cluster(cluster: integration.MskCluster, ctx: PricingContext) -> list[CostLine]:
    u = ctx.usage
    brokers = cluster.broker_count or u.assume("broker_count", 2, "broker count unknown")
    hours = u.number("hours_per_month") * brokers
    btype = cluster.broker_instance_type
    name = f"Broker hours ({brokers} x {btype or 'unknown type'})"
    lines = [
        ctx.line(
            name,
            hours,
            service="AmazonMSK",
            usage_type=f"Kafka.{btype.removeprefix('kafka.')}",
            uses=["hours_per_month"],
        )
        if btype
        else ctx.unpriced(name, hours, "Hrs", "broker type unknown")
    ]
    per_broker = cluster.storage_gb_per_broker or u.assume(
        "storage_gb_per_broker", 100, "storage unknown"
    )
    lines.append(
        ctx.line(
            f"Storage ({brokers} x {per_broker} GB)",
            per_broker * brokers,
            service="AmazonMSK",
            usage_type="Kafka.Storage.GP2",
            uses=["storage_gb_per_broker"],
        )
    )
    return lines


@pricer("kinesis_stream")
def kinesis_stream(stream: integration.KinesisStream, ctx: PricingContext) -> list[CostLine]:
    u = ctx.usage
    hours = u.number("hours_per_month")
    svc = {"service": "AmazonKinesis"}
    if stream.mode == "PROVISIONED":
        shards = stream.shard_count or u.assume("shard_count", 1, "shard count unknown")
        return [
            ctx.line(
                f"Shard hours ({shards} shards)",
                hours * shards,
                usage_type="Storage-ShardHour",
                uses=["hours_per_month", "shard_count"],
                **svc,
            ),
            ctx.line(
                "PUT payload units",
                u.number("monthly_requests"),
                usage_type="PutRequestPayloadUnits",
                uses=["monthly_requests"],
                **svc,
            ),
        ]
    if stream.mode is None:
        u.assume("mode", "ON_DEMAND", "capacity mode unknown")
    return [
        ctx.line(
            "Stream hours (on-demand)",
            hours,
            usage_type="OnDemand-StreamHour",
            uses=["hours_per_month", "mode"],
            **svc,
        ),
        ctx.line(
            "Data ingested",
            u.number("gb_processed"),
            usage_type="OnDemand-BilledIncomingBytes",
            uses=["gb_processed", "mode"],
            **svc,
        ),
    ]
