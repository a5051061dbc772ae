"""The CodePipeline pipeline kind (codepipeline_pipeline)."""

# Annotations are evaluated as the class is made, not kept as strings (no `from __future__
# import annotations`): pydantic would parse and evaluate each string again (issue 17).

from typing import Annotated, Literal

from pydantic import Field

from archcode.model.base import Resource, StrList, ref
from archcode.model.kinds._shared import KmsRef


class CodepipelinePipeline(Resource):
    kind: Literal["codepipeline_pipeline"] = "codepipeline_pipeline"
    stages: StrList = Field(default_factory=list)
    artifact_bucket: Annotated[str | None, ref("stores_in", "s3_bucket")] = None
    role: Annotated[str | None, ref("assumes_role", "iam_role")] = None
    kms_key: KmsRef = None
