"""The SQS queue kind (sqs_queue)."""

# Annotations are evaluated as the class is made, not kept as strings (no `from __future__
# import annotations`): pydantic would parse and evaluate each string again (issue 17).

from typing import Annotated, Literal

from pydantic import Field

from archcode.model.base import Resource, ref
from archcode.model.iam import PolicyDocument
from archcode.model.kinds._shared import KmsRef


class SqsQueue(Resource):
    kind: Literal["sqs_queue"] = "sqs_queue"
    fifo: bool = False
    encryption: Literal["none", "sse-sqs", "sse-kms"] | None = None
    kms_key: KmsRef = None
    visibility_timeout_s: int | None = Field(default=None, ge=0)
    retention_s: int | None = Field(default=None, ge=60)
    dead_letter_queue: Annotated[str | None, ref("dead_letters_to", "sqs_queue")] = None
    policy: PolicyDocument | None = None
