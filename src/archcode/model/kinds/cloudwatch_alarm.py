"""The CloudWatch alarm kind (cloudwatch_alarm)."""

# Annotations are evaluated as the class is made, not kept as strings (no `from __future__
# import annotations`): pydantic would parse and evaluate each string again (issue 17).

from typing import Annotated, Literal

from pydantic import Field

from archcode.model.base import Resource, StrList, ref


class CloudwatchAlarm(Resource):
    kind: Literal["cloudwatch_alarm"] = "cloudwatch_alarm"
    namespace: str | None = Field(default=None, examples=["AWS/Lambda"])
    metric: str | None = Field(default=None, examples=["Errors"])
    statistic: str | None = None
    threshold: float | None = None
    comparison: str | None = None
    monitors: Annotated[StrList, ref("monitors")] = Field(default_factory=list)
    actions: Annotated[StrList | None, ref("notifies", "sns_topic")] = Field(
        default_factory=list,
        description="Alarm actions: topics, or actions outside the model (None: not known).",
    )
