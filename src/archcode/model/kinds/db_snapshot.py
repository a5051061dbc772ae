"""The RDS snapshot kind (db_snapshot)."""

# Annotations are evaluated as the class is made, not kept as strings (no `from __future__
# import annotations`): pydantic would parse and evaluate each string again (issue 17).

from typing import Annotated, Literal

from pydantic import Field

from archcode.model.base import Resource, StrList, ref
from archcode.model.kinds._shared import KmsRef


class DbSnapshot(Resource):
    """A manual or automated RDS snapshot; with `copy_of`, a copy (usually in another region)."""

    kind: Literal["db_snapshot"] = "db_snapshot"
    source: Annotated[str | None, ref("snapshot_of", "rds_instance", "rds_cluster")] = None
    copy_of: Annotated[str | None, ref("replica_of", "db_snapshot", acyclic=True)] = None
    encrypted: bool | None = None
    kms_key: KmsRef = None
    public: bool | None = Field(default=None, description="Restorable by every AWS account.")
    shared_with_accounts: StrList = Field(default_factory=list)
    automated: bool | None = None
    exported_to: Annotated[str | None, ref("exported_to", "s3_bucket")] = None
