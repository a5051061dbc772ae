"""SQS queues and SNS topics: encryption, dead-letter queues, FIFO, access policies."""

from __future__ import annotations

import json
from typing import Any

from archcode.collectors.aws.draft import Ctx
from archcode.collectors.aws.services.base import ServiceGroup, api, listing, policy_json

_SQS, _SNS = ("sqs_queue",), ("sns_topic",)


def _dead_letter(redrive: Any) -> str | None:
    try:
        target = json.loads(redrive).get("deadLetterTargetArn") if redrive else None
    except (json.JSONDecodeError, AttributeError):
        return None
    return str(target) if target else None


def _int(value: Any) -> int | None:
    return int(value) if str(value).isdigit() else None


def _queues(ctx: Ctx) -> None:
    service = api("sqs_queue").service
    for url in listing(ctx, "sqs_queue", "QueueUrls") or []:
        reply = ctx.reader.call(
            "get_queue_attributes",
            kinds=_SQS,
            service=service,
            QueueUrl=url,
            AttributeNames=["All"],
        )
        name = str(url).rstrip("/").rsplit("/", 1)[-1]
        if not isinstance(reply, dict):  # listed but not read: kept, its facts unknown
            # AWS requires the .fifo suffix of FIFO queues: the name says that much.
            ctx.add(
                "sqs_queue", f"queue/{name}", {"name": name, "fifo": name.endswith(".fifo")}, url
            )
            continue
        attrs = reply.get("Attributes") or {}
        key = attrs.get("KmsMasterKeyId")
        encryption = (
            "sse-kms"
            if key
            else ("sse-sqs" if attrs.get("SqsManagedSseEnabled") == "true" else "none")
        )
        ctx.add(
            "sqs_queue",
            f"queue/{name}",
            {
                "name": name,
                "arn": attrs.get("QueueArn"),
                "fifo": attrs.get("FifoQueue") == "true",
                "encryption": encryption,
                "kms_key": ctx.ref(key),
                "visibility_timeout_s": _int(attrs.get("VisibilityTimeout")),
                "retention_s": _int(attrs.get("MessageRetentionPeriod")),
                "dead_letter_queue": ctx.ref(_dead_letter(attrs.get("RedrivePolicy"))),
                "policy": policy_json(attrs.get("Policy")),
            },
            url,
        )


def _topics(ctx: Ctx) -> None:
    service = api("sns_topic").service
    for topic in listing(ctx, "sns_topic", "Topics") or []:
        arn = topic["TopicArn"]
        reply = ctx.reader.call("get_topic_attributes", kinds=_SNS, service=service, TopicArn=arn)
        attrs = (reply.get("Attributes") or {}) if isinstance(reply, dict) else {}
        ctx.add(
            "sns_topic",
            "topic/" + arn.rsplit(":", 1)[-1],
            {
                "name": arn.rsplit(":", 1)[-1],
                "arn": arn,
                "fifo": attrs.get("FifoTopic") == "true" or arn.endswith(".fifo"),
                "kms_key": ctx.ref(attrs.get("KmsMasterKeyId")),
                "policy": policy_json(attrs.get("Policy")),
            },
        )


def collect(ctx: Ctx) -> None:
    _queues(ctx)
    _topics(ctx)


GROUP = ServiceGroup("messaging", ("sqs_queue", "sns_topic"), collect)
