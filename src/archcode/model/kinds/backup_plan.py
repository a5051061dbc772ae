"""The AWS Backup plan kind (backup_plan)."""

# Annotations are evaluated as the class is made, not kept as strings (no `from __future__
# import annotations`): pydantic would parse and evaluate each string again (issue 17).

from typing import Annotated, Literal

from pydantic import Field

from archcode.model.base import Resource, Strict, ref


class BackupCopy(Strict):
    vault: Annotated[str, ref("copies_to", "backup_vault")]
    retention_days: int | None = Field(default=None, ge=1)


class BackupRule(Strict):
    name: str
    schedule: str | None = Field(default=None, examples=["cron(0 5 * * ? *)"])
    retention_days: int | None = Field(default=None, ge=1)
    vault: Annotated[str | None, ref("stores_in", "backup_vault")] = None
    copy_to: list[BackupCopy] = Field(default_factory=list)


class BackupPlan(Resource):
    kind: Literal["backup_plan"] = "backup_plan"
    rules: list[BackupRule] = Field(default_factory=list)
