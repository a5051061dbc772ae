"""The EBS volume kind (ebs_volume)."""

# Annotations are evaluated as the class is made, not kept as strings (no `from __future__
# import annotations`): pydantic would parse and evaluate each string again (issue 17).

from typing import Annotated, Literal

from pydantic import Field

from archcode.model.base import Resource, ref
from archcode.model.kinds._shared import KmsRef


class EbsVolume(Resource):
    kind: Literal["ebs_volume"] = "ebs_volume"
    volume_type: Literal["gp2", "gp3", "io1", "io2", "st1", "sc1", "standard"] | None = None
    size_gb: int | None = Field(default=None, ge=1)
    iops: int | None = Field(default=None, ge=0)
    encrypted: bool | None = None
    kms_key: KmsRef = None
    az: str | None = None
    attached_to: Annotated[str | None, ref("attached_to", "ec2_instance")] = None
