"""The EventBridge rule kind (eventbridge_rule)."""

# Annotations are evaluated as the class is made, not kept as strings (no `from __future__
# import annotations`): pydantic would parse and evaluate each string again (issue 17).

from typing import Annotated, Any, Literal

from pydantic import Field

from archcode.model.base import Resource, StrList, ref


class EventbridgeRule(Resource):
    kind: Literal["eventbridge_rule"] = "eventbridge_rule"
    bus: Annotated[str | None, ref("member_of", "eventbridge_bus")] = None
    schedule: str | None = Field(default=None, examples=["rate(5 minutes)"])
    event_pattern: dict[str, Any] | None = None
    targets: Annotated[StrList, ref("triggers")] = Field(default_factory=list)
    enabled: bool = True
