"""The Lambda function kind (lambda_function)."""

# Annotations are evaluated as the class is made, not kept as strings (no `from __future__
# import annotations`): pydantic would parse and evaluate each string again (issue 17).

from typing import Annotated, Literal

from pydantic import Field

from archcode.model.base import StrList, VpcPlaced, ref
from archcode.model.iam import PolicyDocument
from archcode.model.kinds._shared import EnvNames


class LambdaFunction(VpcPlaced):
    kind: Literal["lambda_function"] = "lambda_function"
    runtime: str | None = Field(default=None, examples=["python3.12"])
    architecture: Literal["x86_64", "arm64"] = "x86_64"
    memory_mb: int | None = Field(default=None, ge=128, le=10240)
    timeout_s: int | None = Field(default=None, ge=1, le=900)
    role: Annotated[str | None, ref("assumes_role", "iam_role")] = None
    environment: EnvNames = Field(
        default_factory=list,
        description="Environment variable names (values are never kept: they may be secrets).",
    )
    kms_key: Annotated[str | None, ref("encrypted_by", "kms_key")] = None
    reserved_concurrency: int | None = Field(default=None, ge=0)
    provisioned_concurrency: int | None = Field(default=None, ge=0)
    tracing: Literal["active", "passthrough"] | None = None
    dead_letter: Annotated[str | None, ref("dead_letters_to", "sqs_queue", "sns_topic")] = None
    function_url_auth: Literal["NONE", "AWS_IAM"] | None = None
    public_policy: bool | None = Field(
        default=None,
        description="The resource policy lets anyone invoke the function; used only when "
        "`policy` is not given (the policy decides when it is).",
    )
    policy: PolicyDocument | None = Field(
        default=None,
        description="The function's resource policy (its permissions, as GetPolicy returns it).",
    )
    event_sources: Annotated[StrList, ref("triggered_by")] = Field(
        default_factory=list,
        description="What feeds the function its events: event source mappings (queues, "
        "streams, tables), and in SAM the buckets and topics of its events.",
    )
