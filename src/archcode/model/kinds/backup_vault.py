"""The AWS Backup vault kind (backup_vault)."""

# Annotations are evaluated as the class is made, not kept as strings (no `from __future__
# import annotations`): pydantic would parse and evaluate each string again (issue 17).

from typing import Literal

from pydantic import Field

from archcode.model.base import Resource
from archcode.model.kinds._shared import KmsRef


class BackupVault(Resource):
    kind: Literal["backup_vault"] = "backup_vault"
    kms_key: KmsRef = None
    locked: bool | None = Field(default=None, description="Vault Lock is on.")
