"""The CodeBuild project kind (codebuild_project)."""

# Annotations are evaluated as the class is made, not kept as strings (no `from __future__
# import annotations`): pydantic would parse and evaluate each string again (issue 17).

from typing import Annotated, Literal

from pydantic import Field

from archcode.model.base import Resource, StrList, ref
from archcode.model.kinds._shared import KmsRef


class CodebuildProject(Resource):
    kind: Literal["codebuild_project"] = "codebuild_project"
    image: str | None = None
    compute_type: str | None = Field(default=None, examples=["BUILD_GENERAL1_SMALL"])
    privileged_mode: bool | None = None
    role: Annotated[str | None, ref("assumes_role", "iam_role")] = None
    kms_key: KmsRef = None
    logging_enabled: bool | None = None
    plaintext_environment: StrList = Field(
        default_factory=list, description="Names of plaintext environment variables."
    )
    s3_logs_encrypted: bool | None = Field(
        default=None,
        description="Build logs written to S3 are encrypted (S3Logs EncryptionDisabled is not "
        "set); also true when no S3 logs are written.",
    )
