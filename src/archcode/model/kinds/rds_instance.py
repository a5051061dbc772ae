"""The RDS DB instance kind (rds_instance)."""

# Annotations are evaluated as the class is made, not kept as strings (no `from __future__
# import annotations`): pydantic would parse and evaluate each string again (issue 17).

from typing import Annotated, Literal

from pydantic import Field

from archcode.model.base import StrList, VpcPlaced, ref
from archcode.model.kinds._shared import KmsRef


class RdsInstance(VpcPlaced):
    kind: Literal["rds_instance"] = "rds_instance"
    engine: str | None = Field(default=None, examples=["postgres", "mysql", "aurora-postgresql"])
    engine_version: str | None = None
    instance_class: str | None = Field(default=None, examples=["db.t4g.medium"])
    allocated_storage_gb: int | None = Field(default=None, ge=0)
    storage_type: str | None = None
    storage_encrypted: bool | None = None
    kms_key: KmsRef = None
    multi_az: bool | None = None
    backup_retention_days: int | None = Field(default=None, ge=0, le=35)
    publicly_accessible: bool | None = None
    deletion_protection: bool | None = None
    iam_auth: bool | None = None
    auto_minor_version_upgrade: bool | None = None
    enhanced_monitoring: bool | None = None
    copy_tags_to_snapshot: bool | None = None
    require_tls: bool | None = Field(default=None, description="Parameter forcing SSL/TLS.")
    log_exports: StrList | None = Field(
        default_factory=list, description="Log types exported to CloudWatch Logs (None: not known)."
    )
    port: int | None = Field(default=None, ge=1, le=65535)
    cluster: Annotated[str | None, ref("member_of", "rds_cluster")] = None
    replica_of: Annotated[str | None, ref("replica_of", "rds_instance", acyclic=True)] = None
