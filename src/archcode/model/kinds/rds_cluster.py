"""The RDS/Aurora DB cluster kind (rds_cluster)."""

# Annotations are evaluated as the class is made, not kept as strings (no `from __future__
# import annotations`): pydantic would parse and evaluate each string again (issue 17).

from typing import Annotated, Literal

from pydantic import Field

from archcode.model.base import StrList, VpcPlaced, ref
from archcode.model.kinds._shared import KmsRef


class RdsCluster(VpcPlaced):
    kind: Literal["rds_cluster"] = "rds_cluster"
    engine: str | None = Field(default=None, examples=["aurora-postgresql", "aurora-mysql"])
    engine_version: str | None = None
    engine_mode: Literal["provisioned", "serverless"] = "provisioned"
    serverless_v2_min_acu: float | None = Field(default=None, ge=0)
    serverless_v2_max_acu: float | None = Field(default=None, ge=0)
    instance_class: str | None = None
    instance_count: int | None = Field(default=None, ge=0)
    availability_zones: StrList = Field(default_factory=list)
    storage_encrypted: bool | None = None
    kms_key: KmsRef = None
    multi_az: bool | None = None
    backup_retention_days: int | None = Field(default=None, ge=0, le=35)
    deletion_protection: bool | None = None
    iam_auth: bool | None = None
    publicly_accessible: bool | None = None
    copy_tags_to_snapshot: bool | None = None
    log_exports: StrList | None = Field(
        default_factory=list, description="Log types exported to CloudWatch Logs (None: not known)."
    )
    replica_of: Annotated[str | None, ref("replica_of", "rds_cluster", acyclic=True)] = None
    backtrack_window_s: int | None = Field(
        default=None,
        ge=0,
        le=259200,
        description="Aurora MySQL backtrack window in seconds (BacktrackWindow); 0 is off.",
    )
    audit_logging: bool | None = Field(
        default=None,
        description="Aurora MySQL Advanced Auditing is on: the cluster parameter group sets "
        "server_audit_logging to 1 and server_audit_events to some events (the default group "
        "does not).",
    )
