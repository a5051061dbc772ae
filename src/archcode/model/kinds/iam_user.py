"""The IAM user kind (iam_user)."""

# Annotations are evaluated as the class is made, not kept as strings (no `from __future__
# import annotations`): pydantic would parse and evaluate each string again (issue 17).

from typing import Literal

from pydantic import Field

from archcode.model.base import Resource, Strict, StrList
from archcode.model.iam import PolicyDocument
from archcode.model.kinds._shared import INLINE_POLICIES_DOC, PolicyRefs


class AccessKey(Strict):
    """Metadata of an access key; the key id and secret are never part of the model."""

    active: bool = True
    age_days: int | None = Field(default=None, ge=0)
    last_used_days: int | None = Field(default=None, ge=0)


class IamUser(Resource):
    kind: Literal["iam_user"] = "iam_user"
    managed_policies: PolicyRefs = Field(default_factory=list)
    managed_policy_arns: StrList = Field(default_factory=list)
    inline_policies: dict[str, PolicyDocument | None] = Field(
        default_factory=dict, description=INLINE_POLICIES_DOC
    )
    groups: StrList = Field(
        default_factory=list,
        description="IAM groups the user is in, by model id or group name; an iam_group "
        "resource of that id or name lends the user its policies.",
    )
    console_access: bool | None = None
    mfa_enabled: bool | None = None
    access_keys: list[AccessKey] = Field(default_factory=list)
