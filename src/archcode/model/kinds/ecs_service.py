"""The ECS service kind (ecs_service)."""

# Annotations are evaluated as the class is made, not kept as strings (no `from __future__
# import annotations`): pydantic would parse and evaluate each string again (issue 17).

from typing import Annotated, Literal

from pydantic import Field

from archcode.model.base import VpcPlaced, ref
from archcode.model.kinds._shared import EnvNames


class EcsService(VpcPlaced):
    kind: Literal["ecs_service"] = "ecs_service"
    cluster: str | None = None
    launch_type: Literal["FARGATE", "EC2", "EXTERNAL"] = "FARGATE"
    cpu: int | None = Field(default=None, description="Task CPU units (1024 = 1 vCPU).")
    memory_mb: int | None = None
    desired_count: int | None = Field(default=None, ge=0)
    task_role: Annotated[str | None, ref("assumes_role", "iam_role")] = None
    execution_role: Annotated[str | None, ref("assumes_role", "iam_role")] = None
    assign_public_ip: bool | None = None
    environment: EnvNames = Field(default_factory=list)
