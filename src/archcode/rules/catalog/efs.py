"""EFS file systems: encryption at rest and backup plans."""

from __future__ import annotations

from typing import TYPE_CHECKING

from archcode.rules.base import (
    Category,
    Frameworks,
    Remediation,
    Severity,
    Verdict,
    expect,
    passed,
)
from archcode.rules.catalog._backup import (
    in_backup_plan,
    selection_cloudformation,
    selection_terraform,
    selection_yaml,
)
from archcode.rules.context import Context
from archcode.rules.registry import resource_rule

if TYPE_CHECKING:
    from archcode.model.kinds.efs_file_system import EfsFileSystem


@resource_rule(
    id="efs-file-system-encrypted",
    title="EFS file systems are encrypted at rest with KMS",
    severity=Severity.MEDIUM,
    category=Category.ENCRYPTION,
    kinds=("efs_file_system",),
    frameworks=Frameworks(
        security_hub=("EFS.1", "EFS.8"), cis=("2.4.1",), well_architected=("SEC08-BP02",)
    ),
    rationale="Encryption at rest can only be chosen when a file system is created; an "
    "unencrypted one must be copied to a new file system to fix. EFS.1 and EFS.8 both fail a "
    "file system whose Encrypted is false (EFS always encrypts with a KMS key, AWS managed or "
    "yours); neither asks for a customer managed key by default.",
    remediation=Remediation(
        text="Create the file system encrypted (optionally with a customer managed key).",
        yaml="encrypted: true\nkms_key: efs-key",
        cloudformation="Encrypted: true\nKmsKeyId: !Ref EfsKey",
        terraform=("encrypted  = true\nkms_key_id = aws_kms_key.efs.arn"),
    ),
    per_account=True,
)
def efs_encrypted(fs: EfsFileSystem, ctx: Context) -> Verdict:
    return expect(fs.encrypted, "encrypted", "the file system is not encrypted at rest")


@resource_rule(
    id="efs-file-system-backup-plan",
    title="EFS file systems are protected by an AWS Backup plan",
    severity=Severity.MEDIUM,
    category=Category.BACKUP,
    kinds=("efs_file_system",),
    frameworks=Frameworks(security_hub=("EFS.2",), well_architected=("REL09-BP03",)),
    relies_on=("backup_selection", "backup_plan"),
    rationale="EFS keeps no history of its own: a deleted or overwritten file is gone unless a "
    "backup plan protects the file system.",
    remediation=Remediation(
        text="Select the file system in a backup plan (or turn on EFS automatic backups, which "
        "creates one).",
        yaml=selection_yaml("files"),
        cloudformation=selection_cloudformation("!GetAtt Files.Arn"),
        terraform=selection_terraform("aws_efs_file_system.files.arn"),
    ),
)
def efs_backup_plan(fs: EfsFileSystem, ctx: Context) -> Verdict:
    if fs.automatic_backups:
        return passed("EFS automatic backups put it in aws/efs/automatic-backup-plan")
    return in_backup_plan(ctx.id_of(fs), ctx)
