"""RDS instances and clusters: encryption, exposure, availability, backups."""

from __future__ import annotations

from typing import TYPE_CHECKING

from archcode.rules.analysis.placement import single_az
from archcode.rules.base import (
    Category,
    Frameworks,
    Remediation,
    Severity,
    Verdict,
    expect,
    failed,
    not_applicable,
    passed,
    unknown,
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
    from archcode.model.kinds.rds_cluster import RdsCluster
    from archcode.model.kinds.rds_instance import RdsInstance
else:
    from archcode.model.kinds.lazy import RdsCluster


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
        terraform=("storage_encrypted = true\nkms_key_id        = aws_kms_key.db.arn"),
    ),
    per_account=True,
)
def rds_instance_storage_encrypted(db: RdsInstance, ctx: Context) -> Verdict:
    cluster = ctx.resource(db.cluster)
    if db.storage_encrypted is None and isinstance(cluster, RdsCluster):
        # An Aurora member stores its data in the cluster volume: AWS reports the cluster's
        # setting on the instance, so a template that sets it only on the cluster is encrypted.
        return expect(
            cluster.storage_encrypted, "storage_encrypted", "the cluster volume is not encrypted"
        )
    return expect(db.storage_encrypted, "storage_encrypted", "storage is not encrypted at rest")


@resource_rule(
    id="rds-instance-not-public",
    title="RDS DB instances are not publicly accessible",
    severity=Severity.CRITICAL,
    category=Category.NETWORK_EXPOSURE,
    kinds=("rds_instance",),
    frameworks=Frameworks(
        security_hub=("RDS.2",), cis=("2.3.3",), well_architected=("SEC05-BP01",)
    ),
    rationale="A publicly accessible instance gets a public IP and DNS name; one permissive "
    "security group rule then exposes the database to the whole internet.",
    remediation=Remediation(
        text="Turn off public accessibility and reach the database from inside the VPC.",
        yaml="publicly_accessible: false",
        cloudformation="PubliclyAccessible: false",
        terraform="publicly_accessible = false",
    ),
    per_account=True,
)
def rds_instance_not_public(db: RdsInstance, ctx: Context) -> Verdict:
    if db.publicly_accessible is None:
        return unknown("publicly_accessible")
    return failed("publicly_accessible is true") if db.publicly_accessible else passed()


@resource_rule(
    id="rds-instance-multi-az",
    title="RDS DB instances are deployed across multiple Availability Zones",
    severity=Severity.MEDIUM,
    category=Category.AVAILABILITY,
    kinds=("rds_instance",),
    frameworks=Frameworks(security_hub=("RDS.5",), well_architected=("REL10-BP01",)),
    rationale="A Single-AZ instance is down for as long as its zone or host is: Multi-AZ keeps a "
    "synchronous standby in another zone and fails over automatically.",
    remediation=Remediation(
        text="Enable Multi-AZ (a standby in a second Availability Zone).",
        yaml="multi_az: true",
        cloudformation="MultiAZ: true",
        terraform="multi_az = true",
    ),
    per_account=True,
)
def rds_instance_multi_az(db: RdsInstance, ctx: Context) -> Verdict:
    if db.cluster:
        return not_applicable("an Aurora cluster member: the cluster spans the zones")
    return expect(db.multi_az, "multi_az", "the instance runs in a single Availability Zone")


@resource_rule(
    id="rds-instance-deletion-protection",
    title="RDS DB instances have deletion protection enabled",
    severity=Severity.LOW,
    category=Category.BACKUP,
    kinds=("rds_instance",),
    frameworks=Frameworks(security_hub=("RDS.8",), well_architected=("REL09-BP01",)),
    rationale="Deletion protection stops an errant script, console click or stack update from "
    "deleting a production database.",
    remediation=Remediation(
        text="Enable deletion protection.",
        yaml="deletion_protection: true",
        cloudformation="DeletionProtection: true",
        terraform="deletion_protection = true",
    ),
    per_account=True,
)
def rds_instance_deletion_protection(db: RdsInstance, ctx: Context) -> Verdict:
    if db.cluster:
        return not_applicable("an Aurora cluster member: deletion protection is set on the cluster")
    return expect(db.deletion_protection, "deletion_protection", "deletion protection is off")


MIN_BACKUP_RETENTION_DAYS = 7  # Security Hub RDS.11's default backupRetentionMinimum


@resource_rule(
    id="rds-instance-automatic-backups",
    title=f"RDS DB instances keep automatic backups for at least {MIN_BACKUP_RETENTION_DAYS} days",
    severity=Severity.MEDIUM,
    category=Category.BACKUP,
    kinds=("rds_instance",),
    frameworks=Frameworks(security_hub=("RDS.11",), well_architected=("REL09-BP03",)),
    rationale="Automated backups give point-in-time recovery; without them (or with a short "
    "window) a corruption noticed late cannot be undone.",
    remediation=Remediation(
        text=f"Set the backup retention period to {MIN_BACKUP_RETENTION_DAYS} days or more.",
        yaml="backup_retention_days: 7",
        cloudformation="BackupRetentionPeriod: 7",
        terraform="backup_retention_period = 7",
    ),
    per_account=True,
)
def rds_instance_automatic_backups(db: RdsInstance, ctx: Context) -> Verdict:
    if db.cluster:
        return not_applicable("an Aurora cluster member: backups are set on the cluster")
    if db.replica_of:
        return not_applicable("a read replica: backups are taken from the source instance")
    days = db.backup_retention_days
    if days is None:
        return unknown("backup_retention_days")
    if days == 0:
        return failed("automatic backups are off (retention 0 days)")
    if days < MIN_BACKUP_RETENTION_DAYS:
        return failed(f"backups are kept {days} days, fewer than {MIN_BACKUP_RETENTION_DAYS}")
    return passed(f"backups are kept {days} days")


@resource_rule(
    id="rds-cluster-multi-az",
    title="RDS DB clusters have instances in multiple Availability Zones",
    severity=Severity.MEDIUM,
    category=Category.AVAILABILITY,
    kinds=("rds_cluster",),
    frameworks=Frameworks(security_hub=("RDS.15",), well_architected=("REL10-BP01",)),
    rationale="A cluster whose instances share one zone loses its writer and readers together "
    "when that zone fails; a replica in another zone is promoted in about a minute.",
    remediation=Remediation(
        text="Add a reader instance in a second Availability Zone.",
        yaml="multi_az: true\ninstance_count: 2\navailability_zones: [us-east-1a, us-east-1b]",
        cloudformation="AvailabilityZones: [us-east-1a, us-east-1b]\n"
        "# plus a second AWS::RDS::DBInstance with DBClusterIdentifier: !Ref Cluster",
        terraform=(
            'resource "aws_rds_cluster_instance" "reader" {\n'
            "  cluster_identifier = aws_rds_cluster.db.id\n"
            '  instance_class     = "db.r6g.large"\n'
            "  engine             = aws_rds_cluster.db.engine\n"
            '  availability_zone  = "us-east-1b" # a zone the writer is not in\n'
            "}"
        ),
    ),
)
def rds_cluster_multi_az(cluster: RdsCluster, ctx: Context) -> Verdict:
    confined = single_az(cluster, ctx)
    if confined is None:
        return unknown("multi_az")
    return failed("the cluster's instances are in one Availability Zone") if confined else passed()


@resource_rule(
    id="rds-instance-backup-plan",
    title="RDS DB instances are protected by an AWS Backup plan",
    severity=Severity.MEDIUM,
    category=Category.BACKUP,
    kinds=("rds_instance",),
    frameworks=Frameworks(security_hub=("RDS.26",), well_architected=("REL09-BP03",)),
    relies_on=("backup_selection", "backup_plan"),
    rationale="AWS Backup adds what automated snapshots lack: retention beyond 35 days, "
    "vault lock, and copies to other regions and accounts.",
    remediation=Remediation(
        text="Select the instance in a backup plan (by id or by tag).",
        yaml=selection_yaml("db"),
        cloudformation=selection_cloudformation("!GetAtt Db.DBInstanceArn"),
        terraform=selection_terraform("aws_db_instance.db.arn"),
    ),
)
def rds_instance_backup_plan(db: RdsInstance, ctx: Context) -> Verdict:
    if db.replica_of:
        return not_applicable("a read replica: the source instance is what gets backed up")
    return in_backup_plan(ctx.id_of(db), ctx)


@resource_rule(
    id="rds-cluster-storage-encrypted",
    title="RDS DB clusters are encrypted at rest",
    severity=Severity.MEDIUM,
    category=Category.ENCRYPTION,
    kinds=("rds_cluster",),
    frameworks=Frameworks(security_hub=("RDS.27",), well_architected=("SEC08-BP02",)),
    rationale="Unencrypted cluster storage leaves data, snapshots and clones readable to anyone "
    "who can copy them; encryption can only be chosen when the cluster is created.",
    remediation=Remediation(
        text="Create the cluster encrypted (restore an encrypted snapshot copy to migrate).",
        yaml="storage_encrypted: true\nkms_key: db-key",
        cloudformation="StorageEncrypted: true\nKmsKeyId: !Ref DbKey",
        terraform=("storage_encrypted = true\nkms_key_id        = aws_kms_key.db.arn"),
    ),
    per_account=True,
)
def rds_cluster_storage_encrypted(cluster: RdsCluster, ctx: Context) -> Verdict:
    return expect(
        cluster.storage_encrypted, "storage_encrypted", "cluster storage is not encrypted at rest"
    )
