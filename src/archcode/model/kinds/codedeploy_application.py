"""The CodeDeploy application kind (codedeploy_application)."""

# Annotations are evaluated as the class is made, not kept as strings (no `from __future__
# import annotations`): pydantic would parse and evaluate each string again (issue 17).

from typing import Annotated, Literal

from pydantic import Field

from archcode.model.base import Resource, StrList, ref


class CodedeployApplication(Resource):
    kind: Literal["codedeploy_application"] = "codedeploy_application"
    compute_platform: Literal["Server", "Lambda", "ECS"] = "Server"
    deployment_config: str | None = None
    deploys_to: Annotated[StrList, ref("deploys_to")] = Field(default_factory=list)
    auto_rollback: bool | None = None
