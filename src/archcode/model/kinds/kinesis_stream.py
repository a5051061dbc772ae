"""The Kinesis data stream kind (kinesis_stream)."""

# Annotations are evaluated as the class is made, not kept as strings (no `from __future__
# import annotations`): pydantic would parse and evaluate each string again (issue 17).

from typing import Literal

from pydantic import Field

from archcode.model.base import Resource
from archcode.model.kinds._shared import KmsRef


class KinesisStream(Resource):
    kind: Literal["kinesis_stream"] = "kinesis_stream"
    mode: Literal["ON_DEMAND", "PROVISIONED"] | None = None
    shard_count: int | None = Field(default=None, ge=1)
    encryption: Literal["NONE", "KMS"] | None = None
    kms_key: KmsRef = None
    retention_hours: int | None = Field(default=None, ge=24, le=8760)
