"""Security Hub FSBP availability and backup controls over fields the model already holds."""

from __future__ import annotations

from typing import TYPE_CHECKING

from archcode.rules.analysis.placement import spans_two_zones
from archcode.rules.base import (
    Category,
    Frameworks,
    Outcome,
    Remediation,
    Severity,
    Verdict,
    expect,
    failed,
    none_found,
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
    from archcode.model.kinds.autoscaling_group import AutoScalingGroup
    from archcode.model.kinds.cloudfront_distribution import CloudFrontDistribution
    from archcode.model.kinds.cognito_user_pool import CognitoUserPool
    from archcode.model.kinds.dynamodb_table import DynamodbTable
    from archcode.model.kinds.ebs_volume import EbsVolume
    from archcode.model.kinds.efs_file_system import EfsFileSystem
    from archcode.model.kinds.kinesis_stream import KinesisStream
    from archcode.model.kinds.load_balancer import LoadBalancer
    from archcode.model.kinds.opensearch_domain import OpensearchDomain
    from archcode.model.kinds.rds_cluster import RdsCluster
    from archcode.model.kinds.rds_instance import RdsInstance
    from archcode.model.kinds.s3_bucket import S3Bucket
else:
    from archcode.model.kinds.lazy import LoadBalancer, RdsInstance

MULTI_AZ = ("REL10-BP01",)
BACKUP = ("REL09-BP03",)


@resource_rule(
    id="rds-cluster-deletion-protection",
    title="RDS DB clusters have deletion protection enabled",
    severity=Severity.LOW,
    category=Category.BACKUP,
    kinds=("rds_cluster",),
    frameworks=Frameworks(security_hub=("RDS.7",), well_architected=("REL09-BP01",)),
    rationale="Deleting a cluster deletes its automated backups with it; deletion protection "
    "stops an errant script, click or stack update from doing so.",
    remediation=Remediation(
        text="Enable deletion protection on the cluster.",
        yaml="deletion_protection: true",
        cloudformation="DeletionProtection: true",
        terraform="deletion_protection = true",
    ),
    per_account=True,
)
def rds_cluster_deletion_protection(cluster: RdsCluster, ctx: Context) -> Verdict:
    return expect(cluster.deletion_protection, "deletion_protection", "deletion protection is off")


@resource_rule(
    id="rds-copy-tags-to-snapshots",
    title="RDS DB instances and clusters copy their tags to snapshots",
    severity=Severity.LOW,
    category=Category.BACKUP,
    kinds=("rds_instance", "rds_cluster"),
    frameworks=Frameworks(security_hub=("RDS.17", "RDS.16"), well_architected=("REL09-BP02",)),
    rationale="Tags carry ownership, data classification and the tag-based backup selections "
    "and access policies; a snapshot without them escapes all three.",
    remediation=Remediation(
        text="Turn on copy tags to snapshots.",
        yaml="copy_tags_to_snapshot: true",
        cloudformation="CopyTagsToSnapshot: true",
        terraform="copy_tags_to_snapshot = true",
    ),
    per_account=True,
)
def rds_copy_tags_to_snapshots(db: RdsInstance | RdsCluster, ctx: Context) -> Verdict:
    if isinstance(db, RdsInstance) and db.cluster:
        return not_applicable("an Aurora cluster member: the cluster's snapshots are judged")
    return expect(
        db.copy_tags_to_snapshot, "copy_tags_to_snapshot", "tags are not copied to snapshots"
    )


MIN_CLUSTER_BACKUP_DAYS = 7


@resource_rule(
    id="rds-cluster-backup-retention",
    title=f"RDS DB clusters keep automated backups for at least {MIN_CLUSTER_BACKUP_DAYS} days",
    severity=Severity.MEDIUM,
    category=Category.BACKUP,
    kinds=("rds_cluster",),
    frameworks=Frameworks(well_architected=BACKUP),
    rationale="Aurora always keeps at least one day of backups; a corruption noticed after a "
    "weekend is past a one-day window. The same seven days as RDS.11 asks of instances (no "
    "FSBP control judges cluster retention).",
    remediation=Remediation(
        text=f"Set the backup retention period to {MIN_CLUSTER_BACKUP_DAYS} days or more.",
        yaml="backup_retention_days: 7",
        cloudformation="BackupRetentionPeriod: 7",
        terraform="backup_retention_period = 7",
    ),
    per_account=True,
)
def rds_cluster_backup_retention(cluster: RdsCluster, ctx: Context) -> Verdict:
    days = cluster.backup_retention_days
    if days is None:
        return unknown("backup_retention_days")
    if days < MIN_CLUSTER_BACKUP_DAYS:
        return failed(f"backups are kept {days} days, fewer than {MIN_CLUSTER_BACKUP_DAYS}")
    return passed(f"backups are kept {days} days")


@resource_rule(
    id="dynamodb-table-scales-with-demand",
    title="DynamoDB tables scale capacity with demand",
    severity=Severity.MEDIUM,
    category=Category.AVAILABILITY,
    kinds=("dynamodb_table",),
    frameworks=Frameworks(security_hub=("DynamoDB.1",), well_architected=("REL07-BP01",)),
    rationale="A provisioned table without auto scaling throttles requests as soon as traffic "
    "exceeds the capacity set by hand; on-demand or auto scaling follows the load.",
    remediation=Remediation(
        text="Use on-demand capacity, or register the table with Application Auto Scaling.",
        yaml="billing_mode: PAY_PER_REQUEST",
        cloudformation="BillingMode: PAY_PER_REQUEST",
        terraform='billing_mode = "PAY_PER_REQUEST"',
    ),
    per_account=True,
)
def dynamodb_table_scales_with_demand(table: DynamodbTable, ctx: Context) -> Verdict:
    if table.billing_mode is None:
        return unknown("billing_mode")
    if table.billing_mode == "PAY_PER_REQUEST":
        return passed("on-demand capacity")
    return expect(table.autoscaling, "autoscaling", "provisioned capacity without auto scaling")


@resource_rule(
    id="opensearch-domain-three-data-nodes",
    title="OpenSearch domains have at least three data nodes and zone awareness",
    severity=Severity.MEDIUM,
    category=Category.AVAILABILITY,
    kinds=("opensearch_domain",),
    frameworks=Frameworks(security_hub=("OpenSearch.6", "ES.6"), well_architected=MULTI_AZ),
    rationale="With fewer than three data nodes, or all in one zone, losing a node or a zone "
    "loses shards or the cluster's quorum. (ES.6 asks the same of Elasticsearch domains, which "
    "the model holds as opensearch_domain too.)",
    remediation=Remediation(
        text="Run three or more data nodes with zone awareness on.",
        yaml="instance_count: 3\nzone_awareness: true",
        cloudformation="ClusterConfig:\n  InstanceCount: 3\n  ZoneAwarenessEnabled: true\n"
        "  ZoneAwarenessConfig: {AvailabilityZoneCount: 3}",
        terraform=(
            "cluster_config {\n"
            "  instance_count         = 3\n"
            "  zone_awareness_enabled = true\n"
            "  zone_awareness_config {\n"
            "    availability_zone_count = 3\n"
            "  }\n"
            "}"
        ),
    ),
    per_account=True,
)
def opensearch_domain_three_data_nodes(domain: OpensearchDomain, ctx: Context) -> Verdict:
    if domain.instance_count is not None and domain.instance_count < 3:
        return failed(f"{domain.instance_count} data nodes")
    if domain.zone_awareness is False:
        return failed("zone awareness is off")
    if domain.instance_count is None:
        return unknown("instance_count")
    return expect(domain.zone_awareness, "zone_awareness", "zone awareness is off")


@resource_rule(
    id="opensearch-domain-three-dedicated-masters",
    title="OpenSearch domains have at least three dedicated master nodes",
    severity=Severity.MEDIUM,
    category=Category.AVAILABILITY,
    kinds=("opensearch_domain",),
    frameworks=Frameworks(security_hub=("ES.7",), well_architected=MULTI_AZ),
    rationale="Dedicated master nodes keep the cluster state; with fewer than three, losing "
    "one loses the quorum, and without them data nodes carry that work during blue/green "
    "changes. ES.7 asks it of Elasticsearch domains; OpenSearch domains, which the model holds "
    "as the same kind, are judged the same (Security Hub's Opensearch.11 asks it of them).",
    remediation=Remediation(
        text="Turn on dedicated master nodes and run three of them.",
        yaml="dedicated_master: true\ndedicated_master_count: 3",
        cloudformation="ClusterConfig:\n  DedicatedMasterEnabled: true\n"
        "  DedicatedMasterCount: 3\n  DedicatedMasterType: m6g.large.search",
        terraform=(
            "cluster_config {\n"
            "  dedicated_master_enabled = true\n"
            "  dedicated_master_count   = 3\n"
            '  dedicated_master_type    = "m6g.large.search"\n'
            "}"
        ),
    ),
    per_account=True,
)
def opensearch_domain_three_dedicated_masters(domain: OpensearchDomain, ctx: Context) -> Verdict:
    if domain.dedicated_master is False or domain.dedicated_master_count == 0:
        return failed("the domain has no dedicated master nodes")
    if domain.dedicated_master_count is None:
        return unknown("dedicated_master_count")
    if domain.dedicated_master_count < 3:
        return failed(f"{domain.dedicated_master_count} dedicated master nodes")
    return passed()


@resource_rule(
    id="autoscaling-group-multi-az",
    title="Auto Scaling groups span at least two Availability Zones",
    severity=Severity.MEDIUM,
    category=Category.AVAILABILITY,
    kinds=("autoscaling_group",),
    frameworks=Frameworks(security_hub=("AutoScaling.2",), well_architected=MULTI_AZ),
    rationale="A group confined to one zone cannot replace its instances elsewhere when that "
    "zone fails.",
    remediation=Remediation(
        text="Give the group subnets in two or more Availability Zones.",
        yaml="subnets: [private-a, private-b]",
        cloudformation="VPCZoneIdentifier: [!Ref PrivateA, !Ref PrivateB]",
        terraform="vpc_zone_identifier = [aws_subnet.private_a.id, aws_subnet.private_b.id]",
    ),
    per_account=True,
)
def autoscaling_group_multi_az(group: AutoScalingGroup, ctx: Context) -> Verdict:
    if not group.subnets:
        return unknown("subnets")
    return spans_two_zones(group, ctx)


@resource_rule(
    id="autoscaling-group-elb-health-check",
    title="Auto Scaling groups behind a load balancer use ELB health checks",
    severity=Severity.LOW,
    category=Category.AVAILABILITY,
    kinds=("autoscaling_group",),
    frameworks=Frameworks(security_hub=("AutoScaling.1",), well_architected=("REL11-BP01",)),
    relies_on=("load_balancer",),
    rationale="EC2 health checks only see a stopped instance; an instance whose application "
    "fails the load balancer's health check keeps running and is never replaced.",
    remediation=Remediation(
        text="Set the health check type to ELB.",
        yaml="health_check_type: ELB",
        cloudformation="HealthCheckType: ELB\nHealthCheckGracePeriod: 300",
        terraform=('health_check_type         = "ELB"\nhealth_check_grace_period = 300'),
    ),
)
def autoscaling_group_elb_health_check(group: AutoScalingGroup, ctx: Context) -> Verdict:
    fronts = [
        lb
        for lb in ctx.referrers(ctx.id_of(group), "routes_to")
        if isinstance(ctx.resource(lb), LoadBalancer)
    ]
    if not fronts:
        return none_found("no load balancer routes to the group")
    if group.health_check_type is None:
        return unknown("health_check_type")
    if group.health_check_type != "ELB":
        return failed(f"behind {fronts[0]} but replaced on EC2 health checks only")
    return passed()


@resource_rule(
    id="load-balancer-deletion-protection",
    title="Load balancers have deletion protection enabled",
    severity=Severity.MEDIUM,
    category=Category.AVAILABILITY,
    kinds=("load_balancer",),
    frameworks=Frameworks(security_hub=("ELB.6",), well_architected=("REL09-BP01",)),
    rationale="Deleting the front door takes the application offline and frees its DNS name; "
    "deletion protection stops a mistaken delete or stack update.",
    remediation=Remediation(
        text="Enable deletion protection.",
        yaml="deletion_protection: true",
        cloudformation="LoadBalancerAttributes:\n"
        "  - {Key: deletion_protection.enabled, Value: 'true'}",
        terraform="enable_deletion_protection = true",
    ),
    per_account=True,
)
def load_balancer_deletion_protection(lb: LoadBalancer, ctx: Context) -> Verdict:
    return expect(lb.deletion_protection, "deletion_protection", "deletion protection is off")


@resource_rule(
    id="efs-file-system-automatic-backups",
    title="EFS file systems have automatic backups enabled",
    severity=Severity.MEDIUM,
    category=Category.BACKUP,
    kinds=("efs_file_system",),
    frameworks=Frameworks(security_hub=("EFS.7",), well_architected=BACKUP),
    rationale="Automatic backups put the file system in AWS Backup's default daily plan "
    "without any selection to maintain. (EFS.2, judged by efs-file-system-backup-plan, also "
    "passes a file system selected by another plan.)",
    remediation=Remediation(
        text="Turn on automatic backups.",
        yaml="automatic_backups: true",
        cloudformation="BackupPolicy:\n  Status: ENABLED",
        terraform=(
            'resource "aws_efs_backup_policy" "files" {\n'
            "  file_system_id = aws_efs_file_system.files.id\n"
            "  backup_policy {\n"
            '    status = "ENABLED"\n'
            "  }\n"
            "}"
        ),
    ),
    per_account=True,
)
def efs_file_system_automatic_backups(fs: EfsFileSystem, ctx: Context) -> Verdict:
    return expect(fs.automatic_backups, "automatic_backups", "automatic backups are off")


@resource_rule(
    id="ebs-volume-backup-plan",
    title="EBS volumes are protected by an AWS Backup plan",
    severity=Severity.LOW,
    category=Category.BACKUP,
    kinds=("ebs_volume",),
    frameworks=Frameworks(security_hub=("EC2.28",), well_architected=BACKUP),
    relies_on=("backup_selection", "backup_plan"),
    rationale="A volume has no history of its own: a failed disk, a bad write or ransomware "
    "is permanent unless a plan snapshots it.",
    remediation=Remediation(
        text="Select the volume (or its instance) in a backup plan, by id or by tag.",
        yaml=selection_yaml("data-volume"),
        cloudformation=selection_cloudformation(
            "!Sub 'arn:aws:ec2:${AWS::Region}:${AWS::AccountId}:volume/${DataVolume}'"
        ),
        terraform=selection_terraform("aws_ebs_volume.data.arn"),
    ),
)
def ebs_volume_backup_plan(volume: EbsVolume, ctx: Context) -> Verdict:
    return in_backup_plan(ctx.id_of(volume), ctx)


@resource_rule(
    id="s3-bucket-object-lock",
    title="S3 buckets have Object Lock enabled",
    severity=Severity.MEDIUM,
    category=Category.BACKUP,
    kinds=("s3_bucket",),
    frameworks=Frameworks(security_hub=("S3.15",), well_architected=("REL09-BP02",)),
    rationale="Object Lock makes object versions undeletable for a retention period: the only "
    "protection against a principal (or ransomware) allowed to delete versions.",
    remediation=Remediation(
        text="Enable Object Lock (at creation, or on a versioned bucket) with a default retention.",
        yaml="object_lock: true\nversioning: true",
        cloudformation="ObjectLockEnabled: true\nObjectLockConfiguration:\n"
        "  ObjectLockEnabled: Enabled\n  Rule:\n    DefaultRetention: {Mode: GOVERNANCE, Days: 30}",
        terraform=(
            'resource "aws_s3_bucket_object_lock_configuration" "data" {\n'
            "  bucket = aws_s3_bucket.data.id\n"
            "  rule {\n"
            "    default_retention {\n"
            '      mode = "GOVERNANCE"\n'
            "      days = 30\n"
            "    }\n"
            "  }\n"
            "}"
        ),
    ),
    per_account=True,
)
def s3_bucket_object_lock(bucket: S3Bucket, ctx: Context) -> Verdict:
    return expect(bucket.object_lock, "object_lock", "Object Lock is off")


@resource_rule(
    id="s3-bucket-mfa-delete",
    title="S3 buckets have MFA delete enabled",
    severity=Severity.LOW,
    category=Category.BACKUP,
    kinds=("s3_bucket",),
    frameworks=Frameworks(
        security_hub=("S3.20",), cis=("2.1.2",), well_architected=("REL09-BP02",)
    ),
    rationale="With MFA delete, permanently deleting a version or suspending versioning needs "
    "the root user's MFA code: stolen keys alone cannot destroy the history.",
    remediation=Remediation(
        text="Enable MFA delete with the root user's MFA device (CLI or API only).",
        yaml="mfa_delete: true\nversioning: true",
        cloudformation="# aws s3api put-bucket-versioning --versioning-configuration "
        "Status=Enabled,MFADelete=Enabled --mfa 'arn-of-mfa-device code'\n"
        "VersioningConfiguration:\n  Status: Enabled",
        terraform=(
            'resource "aws_s3_bucket_versioning" "data" {\n'
            "  bucket = aws_s3_bucket.data.id\n"
            '  mfa    = "arn:aws:iam::111122223333:mfa/root-account-mfa-device 123456"\n'
            "  versioning_configuration {\n"
            '    status     = "Enabled"\n'
            '    mfa_delete = "Enabled"\n'
            "  }\n"
            "}"
        ),
    ),
    per_account=True,
)
def s3_bucket_mfa_delete(bucket: S3Bucket, ctx: Context) -> Verdict:
    return expect(bucket.mfa_delete, "mfa_delete", "MFA delete is off")


@resource_rule(
    id="s3-bucket-lifecycle",
    title="S3 buckets have lifecycle rules",
    severity=Severity.LOW,
    category=Category.BACKUP,
    kinds=("s3_bucket",),
    frameworks=Frameworks(security_hub=("S3.13", "S3.10"), well_architected=("REL09-BP02",)),
    rationale="Lifecycle rules expire old versions and move cold data to cheaper classes; "
    "without them a versioned bucket keeps every overwritten version forever. (S3.10 asks this "
    "of versioned buckets, S3.13 of every bucket.)",
    remediation=Remediation(
        text="Add a lifecycle rule (expire noncurrent versions, transition old objects).",
        yaml="lifecycle_rules: true",
        cloudformation="LifecycleConfiguration:\n  Rules:\n    - Status: Enabled\n"
        "      NoncurrentVersionExpiration: {NoncurrentDays: 90}",
        terraform=(
            'resource "aws_s3_bucket_lifecycle_configuration" "data" {\n'
            "  bucket = aws_s3_bucket.data.id\n"
            "  rule {\n"
            '    id     = "expire-old-versions"\n'
            '    status = "Enabled"\n'
            "    filter {}\n"
            "    noncurrent_version_expiration {\n"
            "      noncurrent_days = 90\n"
            "    }\n"
            "  }\n"
            "}"
        ),
    ),
    per_account=True,
)
def s3_bucket_lifecycle(bucket: S3Bucket, ctx: Context) -> Verdict:
    return expect(bucket.lifecycle_rules, "lifecycle_rules", "no lifecycle rule")


@resource_rule(
    id="s3-bucket-cross-region-replication",
    title="S3 buckets replicate to a bucket in another region",
    severity=Severity.LOW,
    category=Category.BACKUP,
    kinds=("s3_bucket",),
    frameworks=Frameworks(security_hub=("S3.7",), well_architected=("REL09-BP01",)),
    rationale="A regional outage, or a principal allowed to delete the bucket, takes every "
    "object with it unless a replica lives in another region.",
    remediation=Remediation(
        text="Add a replication rule to a versioned bucket in another region.",
        yaml="replicates_to: [dr-bucket]   # dr-bucket has region: us-west-2",
        cloudformation="ReplicationConfiguration:\n  Role: !GetAtt ReplicationRole.Arn\n"
        "  Rules:\n    - Status: Enabled\n      Destination: {Bucket: arn:aws:s3:::dr-bucket}",
        terraform=(
            'resource "aws_s3_bucket_replication_configuration" "data" {\n'
            "  bucket = aws_s3_bucket.data.id\n"
            "  role   = aws_iam_role.replication.arn\n"
            "  rule {\n"
            '    id     = "dr"\n'
            '    status = "Enabled"\n'
            "    destination {\n"
            "      bucket = aws_s3_bucket.dr.arn\n"
            "    }\n"
            "  }\n"
            "}"
        ),
    ),
)
def s3_bucket_cross_region_replication(bucket: S3Bucket, ctx: Context) -> Verdict:
    rid = ctx.id_of(bucket)
    if ctx.referrers(rid, "replicates_to") and not bucket.replicates_to:
        return not_applicable("a replication destination")
    if not bucket.replicates_to:
        return none_found("no replication rule", Outcome.FAIL)
    regions = [getattr(ctx.resource(t), "region", None) for t in bucket.replicates_to]
    if bucket.region and any(r and r != bucket.region for r in regions):
        return passed()
    if bucket.region is None or any(r is None for r in regions):
        return unknown("region of the bucket or its replica")
    return failed("replicates within its own region only")


@resource_rule(
    id="cloudfront-origin-failover",
    title="CloudFront distributions have origin failover configured",
    severity=Severity.LOW,
    category=Category.AVAILABILITY,
    kinds=("cloudfront_distribution",),
    frameworks=Frameworks(security_hub=("CloudFront.4",), well_architected=MULTI_AZ),
    rationale="An origin group retries a second origin (another region or bucket) when the "
    "first fails, instead of serving errors for the whole outage.",
    remediation=Remediation(
        text="Put two origins in an origin group with failover status codes.",
        yaml="origin_failover: true",
        cloudformation="OriginGroups:\n  Quantity: 1\n  Items:\n    - Id: failover\n"
        "      FailoverCriteria: {StatusCodes: {Quantity: 2, Items: [500, 503]}}\n"
        "      Members: {Quantity: 2, Items: [{OriginId: primary}, {OriginId: secondary}]}",
        terraform=(
            "origin_group {\n"
            '  origin_id = "failover"\n'
            "  failover_criteria {\n"
            "    status_codes = [500, 502, 503, 504]\n"
            "  }\n"
            "  member {\n"
            '    origin_id = "primary"\n'
            "  }\n"
            "  member {\n"
            '    origin_id = "secondary"\n'
            "  }\n"
            "}"
        ),
    ),
    per_account=True,
)
def cloudfront_origin_failover(cdn: CloudFrontDistribution, ctx: Context) -> Verdict:
    return expect(cdn.origin_failover, "origin_failover", "no origin group with failover")


@resource_rule(
    id="cognito-user-pool-deletion-protection",
    title="Cognito user pools have deletion protection enabled",
    severity=Severity.MEDIUM,
    category=Category.BACKUP,
    kinds=("cognito_user_pool",),
    frameworks=Frameworks(security_hub=("Cognito.6",), well_architected=("REL09-BP01",)),
    rationale="Deleting a user pool deletes every user, password hash and MFA enrolment with "
    "no way back: every customer must sign up again.",
    remediation=Remediation(
        text="Set deletion protection to ACTIVE.",
        yaml="deletion_protection: true",
        cloudformation="DeletionProtection: ACTIVE",
        terraform='deletion_protection = "ACTIVE"',
    ),
    per_account=True,
)
def cognito_user_pool_deletion_protection(pool: CognitoUserPool, ctx: Context) -> Verdict:
    return expect(pool.deletion_protection, "deletion_protection", "deletion protection is off")


MIN_STREAM_RETENTION_HOURS = 168  # Kinesis.3's default minimumDataRetentionHours


@resource_rule(
    id="kinesis-stream-retention",
    title=f"Kinesis streams keep records for at least {MIN_STREAM_RETENTION_HOURS} hours",
    severity=Severity.MEDIUM,
    category=Category.BACKUP,
    kinds=("kinesis_stream",),
    frameworks=Frameworks(security_hub=("Kinesis.3",), well_architected=("REL09-BP01",)),
    rationale="With the default 24 hours, a consumer that is down over a weekend loses the "
    "records it did not read; seven days leave time to fix it and replay.",
    remediation=Remediation(
        text=f"Set the retention period to {MIN_STREAM_RETENTION_HOURS} hours or more.",
        yaml=f"retention_hours: {MIN_STREAM_RETENTION_HOURS}",
        cloudformation=f"RetentionPeriodHours: {MIN_STREAM_RETENTION_HOURS}",
        terraform=f"retention_period = {MIN_STREAM_RETENTION_HOURS}",
    ),
    per_account=True,
)
def kinesis_stream_retention(stream: KinesisStream, ctx: Context) -> Verdict:
    hours = stream.retention_hours
    if hours is None:
        return unknown("retention_hours")
    if hours < MIN_STREAM_RETENTION_HOURS:
        return failed(f"records are kept {hours} hours")
    return passed(f"records are kept {hours} hours")


def _aurora_mysql(cluster: RdsCluster) -> Verdict | None:
    """Not applicable to engines other than Aurora MySQL ("aurora" is its 5.6 name); unknown
    without an engine."""
    if cluster.engine is None:
        return unknown("engine")
    engine = cluster.engine.lower()
    if engine == "aurora" or engine.startswith("aurora-mysql"):
        return None
    return not_applicable(f"engine {cluster.engine} is not Aurora MySQL")


@resource_rule(
    id="rds-aurora-mysql-backtracking",
    title="Aurora MySQL clusters have backtracking enabled",
    severity=Severity.MEDIUM,
    category=Category.BACKUP,
    kinds=("rds_cluster",),
    frameworks=Frameworks(security_hub=("RDS.14",), well_architected=BACKUP),
    rationale="Backtracking rewinds the cluster in place to a moment within its window, in "
    "minutes and without restoring a snapshot into a new cluster. It can only be chosen when a "
    "cluster is created (or restored). RDS.14's Config rule judges Aurora MySQL clusters only, "
    "the one engine that supports it; any window above zero passes, as with the control's "
    "default parameters.",
    remediation=Remediation(
        text="Create (or restore or clone) the cluster with a backtrack window, e.g. 24 hours.",
        yaml="backtrack_window_s: 86400",
        cloudformation="BacktrackWindow: 86400",
        terraform="backtrack_window = 86400",
    ),
    per_account=True,
)
def rds_aurora_mysql_backtracking(cluster: RdsCluster, ctx: Context) -> Verdict:
    if (skip := _aurora_mysql(cluster)) is not None:
        return skip
    if cluster.engine_mode == "serverless":
        return not_applicable("Aurora Serverless v1 does not support backtracking")
    if cluster.backtrack_window_s is None:
        return unknown("backtrack_window_s")
    if cluster.backtrack_window_s == 0:
        return failed("backtracking is off (no backtrack window)")
    return passed(f"backtrack window of {cluster.backtrack_window_s} s")


@resource_rule(
    id="autoscaling-group-multiple-instance-types",
    title="Auto Scaling groups can launch more than one instance type",
    severity=Severity.MEDIUM,
    category=Category.AVAILABILITY,
    kinds=("autoscaling_group",),
    frameworks=Frameworks(security_hub=("AutoScaling.6",), well_architected=MULTI_AZ),
    rationale="When a zone runs short of one instance type, a group that may launch several "
    "types still scales there. AutoScaling.6 fails a group with a single instance type: one "
    "from its launch template or configuration, without a mixed instances policy overriding it "
    "with two or more types. Attribute-based selection (InstanceRequirements) counts as several "
    "here, though Control Tower's proactive form of the check counts explicit overrides only. "
    "Spreading over zones, which Prowler's form of the check also asks, is "
    "autoscaling-group-multi-az's question (AutoScaling.2).",
    remediation=Remediation(
        text="Give the group a mixed instances policy with two or more instance types.",
        yaml="multiple_instance_types: true",
        cloudformation="MixedInstancesPolicy:\n  LaunchTemplate:\n"
        "    LaunchTemplateSpecification:\n      LaunchTemplateId: !Ref Template\n"
        "      Version: !GetAtt Template.LatestVersionNumber\n    Overrides:\n"
        "      - InstanceType: m6i.large\n      - InstanceType: m5.large",
        terraform=(
            "mixed_instances_policy {\n"
            "  launch_template {\n"
            "    launch_template_specification {\n"
            "      launch_template_id = aws_launch_template.app.id\n"
            "    }\n"
            '    override { instance_type = "m6i.large" }\n'
            '    override { instance_type = "m5.large" }\n'
            "  }\n"
            "}"
        ),
    ),
    per_account=True,
)
def autoscaling_group_multiple_instance_types(group: AutoScalingGroup, ctx: Context) -> Verdict:
    return expect(
        group.multiple_instance_types,
        "multiple_instance_types",
        "the group launches a single instance type",
    )
