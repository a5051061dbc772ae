"""Messaging and streaming kinds: queues, topics, event buses, workflows, Kafka, Kinesis.

One module per kind (kinds/<kind>.py); this module re-exports its group's, for
the collectors, pricers, renderers and tests that import them by group. Nothing on the
`archcode check` path imports it: that would build every class of the group."""

from archcode.model.kinds._shared import KmsRef
from archcode.model.kinds.eventbridge_bus import EventbridgeBus
from archcode.model.kinds.eventbridge_rule import EventbridgeRule
from archcode.model.kinds.kinesis_stream import KinesisStream
from archcode.model.kinds.msk_cluster import MskCluster
from archcode.model.kinds.sns_topic import SnsTopic
from archcode.model.kinds.sqs_queue import SqsQueue
from archcode.model.kinds.step_functions_state_machine import StepFunctionsStateMachine

__all__ = [
    "EventbridgeBus",
    "EventbridgeRule",
    "KinesisStream",
    "KmsRef",
    "MskCluster",
    "SnsTopic",
    "SqsQueue",
    "StepFunctionsStateMachine",
]
