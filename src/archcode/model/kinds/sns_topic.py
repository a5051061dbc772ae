"""The SNS topic kind (sns_topic)."""

# Annotations are evaluated as the class is made, not kept as strings (no `from __future__
# import annotations`): pydantic would parse and evaluate each string again (issue 17).

from typing import Literal

from archcode.model.base import Resource
from archcode.model.iam import PolicyDocument
from archcode.model.kinds._shared import KmsRef


class SnsTopic(Resource):
    kind: Literal["sns_topic"] = "sns_topic"
    fifo: bool = False
    kms_key: KmsRef = None
    policy: PolicyDocument | None = None
