"""Messaging and streaming kinds: queues, topics, event buses, workflows, Kafka, Kinesis."""

# Annotations are evaluated as the class is made, not kept as strings (no `from __future__
# import annotations`): pydantic would parse and evaluate each string again (issue 17).

from typing import Annotated, Any, Literal

from pydantic import Field

from archcode.model.base import Resource, StrList, VpcPlaced, ref
from archcode.model.iam import PolicyDocument

KmsRef = Annotated[str | None, ref("encrypted_by", "kms_key")]


class SqsQueue(Resource):
    kind: Literal["sqs_queue"] = "sqs_queue"
    fifo: bool = False
    encryption: Literal["none", "sse-sqs", "sse-kms"] | None = None
    kms_key: KmsRef = None
    visibility_timeout_s: int | None = Field(default=None, ge=0)
    retention_s: int | None = Field(default=None, ge=60)
    dead_letter_queue: Annotated[str | None, ref("dead_letters_to", "sqs_queue")] = None
    policy: PolicyDocument | None = None


class SnsTopic(Resource):
    kind: Literal["sns_topic"] = "sns_topic"
    fifo: bool = False
    kms_key: KmsRef = None
    policy: PolicyDocument | None = None


class EventbridgeBus(Resource):
    kind: Literal["eventbridge_bus"] = "eventbridge_bus"
    kms_key: KmsRef = None
    archive_enabled: bool | None = None
    policy: PolicyDocument | None = None
    has_policy: bool | None = Field(
        default=None,
        description="A resource-based policy is attached to the bus (its statements, when "
        "read, are in policy).",
    )


class EventbridgeRule(Resource):
    kind: Literal["eventbridge_rule"] = "eventbridge_rule"
    bus: Annotated[str | None, ref("member_of", "eventbridge_bus")] = None
    schedule: str | None = Field(default=None, examples=["rate(5 minutes)"])
    event_pattern: dict[str, Any] | None = None
    targets: Annotated[StrList, ref("triggers")] = Field(default_factory=list)
    enabled: bool = True


class StepFunctionsStateMachine(Resource):
    kind: Literal["step_functions_state_machine"] = "step_functions_state_machine"
    type: Literal["STANDARD", "EXPRESS"] = "STANDARD"
    role: Annotated[str | None, ref("assumes_role", "iam_role")] = None
    logging_level: Literal["ALL", "ERROR", "FATAL", "OFF"] | None = None
    tracing: bool | None = None
    kms_key: KmsRef = None


class MskCluster(VpcPlaced):
    kind: Literal["msk_cluster"] = "msk_cluster"
    kafka_version: str | None = None
    broker_instance_type: str | None = Field(default=None, examples=["kafka.m5.large"])
    broker_count: int | None = Field(default=None, ge=1)
    storage_gb_per_broker: int | None = Field(default=None, ge=1)
    client_broker_encryption: Literal["TLS", "TLS_PLAINTEXT", "PLAINTEXT"] | None = None
    in_cluster_encryption: bool | None = None
    kms_key: KmsRef = None
    public_access: bool | None = None
    unauthenticated_access: bool | None = None
    broker_logging: bool | None = None


class KinesisStream(Resource):
    kind: Literal["kinesis_stream"] = "kinesis_stream"
    mode: Literal["ON_DEMAND", "PROVISIONED"] | None = None
    shard_count: int | None = Field(default=None, ge=1)
    encryption: Literal["NONE", "KMS"] | None = None
    kms_key: KmsRef = None
    retention_hours: int | None = Field(default=None, ge=24, le=8760)
