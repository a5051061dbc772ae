"""The CloudWatch log group kind (cloudwatch_log_group)."""

# Annotations are evaluated as the class is made, not kept as strings (no `from __future__
# import annotations`): pydantic would parse and evaluate each string again (issue 17).

from typing import Annotated, Literal

from pydantic import Field

from archcode.model.base import Resource, StrList, ref
from archcode.model.kinds._shared import KmsRef


class CloudwatchLogGroup(Resource):
    kind: Literal["cloudwatch_log_group"] = "cloudwatch_log_group"
    log_group_name: str | None = None
    retention_days: int | None = Field(default=None, ge=1)
    kms_key: KmsRef = None
    logs_of: Annotated[StrList, ref("logs_of")] = Field(
        default_factory=list, description="Resources whose logs land in this group."
    )
