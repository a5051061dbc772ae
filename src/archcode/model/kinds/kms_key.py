"""The KMS key kind (kms_key)."""

# Annotations are evaluated as the class is made, not kept as strings (no `from __future__
# import annotations`): pydantic would parse and evaluate each string again (issue 17).

from typing import Literal

from pydantic import Field

from archcode.model.base import Resource, StrList
from archcode.model.iam import PolicyDocument


class KmsKey(Resource):
    kind: Literal["kms_key"] = "kms_key"
    manager: Literal["customer", "aws"] = "customer"
    rotation_enabled: bool | None = None
    multi_region: bool | None = None
    key_spec: str | None = Field(default=None, examples=["SYMMETRIC_DEFAULT"])
    aliases: StrList = Field(default_factory=list)
    pending_deletion: bool | None = None
    policy: PolicyDocument | None = None
