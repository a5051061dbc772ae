"""RDS instances and clusters: encryption, exposure, availability, backups."""

from __future__ import annotations

from archcode.model.kinds.data import RdsInstance
from archcode.rules.base import (
    Category,
    Frameworks,
    Remediation,
    Severity,
    Verdict,
    expect,
)
from archcode.rules.context import Context
from archcode.rules.registry import resource_rule


@resource_rule(
    id="rds-instance-storage-encrypted",
    title="RDS DB instances are encrypted at rest",
    severity=Severity.MEDIUM,
    category=Category.ENCRYPTION,
    kinds=("rds_instance",),
    frameworks=Frameworks(
        security_hub=("RDS.3",), cis=("2.3.1",), well_architected=("SEC08-BP02",)
    ),
    rationale="Unencrypted storage exposes data, snapshots and replicas to anyone who can read "
    "the underlying volumes or copy a snapshot.",
    remediation=Remediation(
        text="Enable storage encryption (set at creation; restore an encrypted snapshot copy).",
        yaml="storage_encrypted: true\nkms_key: db-key",
        cloudformation="StorageEncrypted: true\nKmsKeyId: !Ref DbKey",
    ),
)
def rds_instance_storage_encrypted(db: RdsInstance, ctx: Context) -> Verdict:
    return expect(db.storage_encrypted, "storage_encrypted", "storage is not encrypted at rest")
