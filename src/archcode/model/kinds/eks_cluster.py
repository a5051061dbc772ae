"""The EKS cluster kind (eks_cluster)."""

# Annotations are evaluated as the class is made, not kept as strings (no `from __future__
# import annotations`): pydantic would parse and evaluate each string again (issue 17).

from typing import Annotated, Literal

from pydantic import Field

from archcode.model.base import StrList, VpcPlaced, ref


class EksCluster(VpcPlaced):
    kind: Literal["eks_cluster"] = "eks_cluster"
    version: str | None = None
    endpoint_public_access: bool | None = None
    endpoint_private_access: bool | None = None
    public_access_cidrs: StrList = Field(default_factory=list)
    secrets_kms_key: Annotated[str | None, ref("encrypted_by", "kms_key")] = None
    control_plane_logging: bool | None = None
    audit_logging: bool | None = Field(
        default=None, description="The audit control-plane log type is sent to CloudWatch Logs."
    )
    role: Annotated[str | None, ref("assumes_role", "iam_role")] = None
    node_count: int | None = Field(default=None, ge=0)
    node_instance_type: str | None = None
