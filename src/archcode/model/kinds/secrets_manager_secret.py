"""The Secrets Manager secret kind (secrets_manager_secret)."""

# Annotations are evaluated as the class is made, not kept as strings (no `from __future__
# import annotations`): pydantic would parse and evaluate each string again (issue 17).

from datetime import date
from typing import Annotated, Literal

from pydantic import Field

from archcode.model.base import Resource, StrList, ref
from archcode.model.iam import PolicyDocument
from archcode.model.kinds._shared import KmsRef


class SecretsManagerSecret(Resource):
    """A secret's metadata only: archcode never reads or stores a secret's value."""

    kind: Literal["secrets_manager_secret"] = "secrets_manager_secret"
    kms_key: KmsRef = None
    rotation_enabled: bool | None = None
    rotation_days: int | None = Field(default=None, ge=1, le=1000)
    rotation_function: Annotated[str | None, ref("rotated_by", "lambda_function")] = None
    replica_regions: StrList = Field(default_factory=list)
    policy: PolicyDocument | None = None
    last_accessed_date: date | None = Field(
        default=None,
        description="The day the secret's value was last retrieved (LastAccessedDate; live "
        "discovery only, no template or plan knows it).",
    )
    created_date: date | None = Field(
        default=None, description="The day the secret was created (CreatedDate)."
    )
