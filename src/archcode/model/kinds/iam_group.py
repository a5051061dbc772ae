"""The IAM group kind (iam_group)."""

# Annotations are evaluated as the class is made, not kept as strings (no `from __future__
# import annotations`): pydantic would parse and evaluate each string again (issue 17).

from typing import Literal

from pydantic import Field

from archcode.model.base import Resource, StrList
from archcode.model.iam import PolicyDocument
from archcode.model.kinds._shared import INLINE_POLICIES_DOC, PolicyRefs


class IamGroup(Resource):
    """Its policies count for every user in it (the users name their groups)."""

    kind: Literal["iam_group"] = "iam_group"
    managed_policies: PolicyRefs = Field(default_factory=list)
    managed_policy_arns: StrList = Field(
        default_factory=list, description="AWS managed policies attached by ARN."
    )
    inline_policies: dict[str, PolicyDocument | None] = Field(
        default_factory=dict, description=INLINE_POLICIES_DOC
    )
