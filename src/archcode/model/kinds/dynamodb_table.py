"""The DynamoDB table kind (dynamodb_table)."""

# Annotations are evaluated as the class is made, not kept as strings (no `from __future__
# import annotations`): pydantic would parse and evaluate each string again (issue 17).

from typing import Literal

from pydantic import Field

from archcode.model.base import Resource, StrList
from archcode.model.kinds._shared import KmsRef


class DynamodbTable(Resource):
    kind: Literal["dynamodb_table"] = "dynamodb_table"
    billing_mode: Literal["PAY_PER_REQUEST", "PROVISIONED"] | None = None
    read_capacity: int | None = Field(default=None, ge=0)
    write_capacity: int | None = Field(default=None, ge=0)
    autoscaling: bool | None = None
    point_in_time_recovery: bool | None = None
    encryption: Literal["aws_owned", "aws_managed", "customer_managed"] | None = None
    kms_key: KmsRef = None
    deletion_protection: bool | None = None
    stream_enabled: bool | None = None
    global_table_regions: StrList = Field(default_factory=list)
    ttl_enabled: bool | None = None
