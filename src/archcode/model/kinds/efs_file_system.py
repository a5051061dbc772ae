"""The EFS file system kind (efs_file_system)."""

# Annotations are evaluated as the class is made, not kept as strings (no `from __future__
# import annotations`): pydantic would parse and evaluate each string again (issue 17).

from typing import Literal

from pydantic import Field

from archcode.model.base import VpcPlaced
from archcode.model.kinds._shared import KmsRef


class EfsFileSystem(VpcPlaced):
    kind: Literal["efs_file_system"] = "efs_file_system"
    encrypted: bool | None = None
    kms_key: KmsRef = None
    one_zone: bool | None = Field(default=None, description="EFS One Zone storage class.")
    performance_mode: Literal["generalPurpose", "maxIO"] | None = None
    throughput_mode: Literal["bursting", "provisioned", "elastic"] | None = None
    automatic_backups: bool | None = None
