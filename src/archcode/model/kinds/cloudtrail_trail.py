"""The CloudTrail trail kind (cloudtrail_trail)."""

# Annotations are evaluated as the class is made, not kept as strings (no `from __future__
# import annotations`): pydantic would parse and evaluate each string again (issue 17).

from typing import Annotated, Literal

from pydantic import Field

from archcode.model.base import Resource, ref
from archcode.model.kinds._shared import KmsRef, ReadWrite


class CloudtrailTrail(Resource):
    kind: Literal["cloudtrail_trail"] = "cloudtrail_trail"
    multi_region: bool | None = None
    management_events: bool | None = None
    management_read_write: ReadWrite | None = Field(
        default=None,
        description="The management events it logs: All (read and write), ReadOnly or "
        "WriteOnly (event selectors' ReadWriteType, or advanced selectors' readOnly field); "
        "not stated: AWS's default for a trail without selectors, All.",
    )
    log_file_validation: bool | None = None
    is_logging: bool | None = None
    organization_trail: bool | None = None
    kms_key: KmsRef = None
    bucket: Annotated[str | None, ref("delivers_to", "s3_bucket")] = None
    log_group: Annotated[str | None, ref("delivers_to", "cloudwatch_log_group")] = None
