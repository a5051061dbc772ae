"""The AWS Backup selection kind (backup_selection)."""

# Annotations are evaluated as the class is made, not kept as strings (no `from __future__
# import annotations`): pydantic would parse and evaluate each string again (issue 17).

from typing import Annotated, Literal

from pydantic import Field

from archcode.model.base import Resource, StrList, ref


class BackupSelection(Resource):
    kind: Literal["backup_selection"] = "backup_selection"
    plan: Annotated[str, ref("member_of", "backup_plan")]
    resources: Annotated[StrList, ref("backs_up")] = Field(default_factory=list)
    role: Annotated[str | None, ref("assumes_role", "iam_role")] = None
    selection_tags: dict[str, str] = Field(default_factory=dict)
