"""The IAM policy kind (iam_policy)."""

# Annotations are evaluated as the class is made, not kept as strings (no `from __future__
# import annotations`): pydantic would parse and evaluate each string again (issue 17).

from typing import Literal

from archcode.model.base import Resource
from archcode.model.iam import PolicyDocument


class IamPolicy(Resource):
    kind: Literal["iam_policy"] = "iam_policy"
    aws_managed: bool = False
    document: PolicyDocument
