"""The EventBridge event bus kind (eventbridge_bus)."""

# Annotations are evaluated as the class is made, not kept as strings (no `from __future__
# import annotations`): pydantic would parse and evaluate each string again (issue 17).

from typing import Literal

from pydantic import Field

from archcode.model.base import Resource
from archcode.model.iam import PolicyDocument
from archcode.model.kinds._shared import KmsRef


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
