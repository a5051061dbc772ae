"""The EBS snapshot kind (ebs_snapshot)."""

# Annotations are evaluated as the class is made, not kept as strings (no `from __future__
# import annotations`): pydantic would parse and evaluate each string again (issue 17).

from typing import Annotated, Literal

from pydantic import Field

from archcode.model.base import Resource, StrList, ref
from archcode.model.kinds._shared import KmsRef


class EbsSnapshot(Resource):
    """An EBS snapshot this account owns (manual, or taken by Data Lifecycle Manager or AWS
    Backup); who may create volumes from it is its createVolumePermission."""

    kind: Literal["ebs_snapshot"] = "ebs_snapshot"
    volume: Annotated[str | None, ref("snapshot_of", "ebs_volume")] = None
    size_gb: int | None = Field(default=None, ge=0)
    encrypted: bool | None = None
    kms_key: KmsRef = None
    public: bool | None = Field(
        default=None,
        description="createVolumePermission names the group 'all': any AWS account can "
        "restore it (unless the region's snapshot block public access blocks all sharing).",
    )
    shared_with_accounts: StrList = Field(default_factory=list)
