"""Data kinds: databases, caches, search, object, file and block storage, and backups."""

# Annotations are evaluated as the class is made, not kept as strings (no `from __future__
# import annotations`): pydantic would parse and evaluate each string again (issue 17).

from typing import Annotated, Literal

from pydantic import Field

from archcode.model.base import Resource, Strict, StrList, VpcPlaced, ref
from archcode.model.iam import PolicyDocument

KmsRef = Annotated[str | None, ref("encrypted_by", "kms_key")]


# The port an engine listens on when none is given (AWS::RDS::DBInstance Port, CreateDBInstance).
RDS_DEFAULT_PORTS = {
    "postgres": 5432,
    "aurora-postgresql": 5432,
    "mysql": 3306,
    "mariadb": 3306,
    "aurora": 3306,
    "aurora-mysql": 3306,
    "oracle": 1521,
    "sqlserver": 1433,
    "db2": 50000,
}


def rds_default_port(engine: str | None) -> int | None:
    """The engine's default port (oracle-ee as oracle, sqlserver-se as sqlserver)."""
    if engine is None:
        return None
    engine = engine.lower()
    return RDS_DEFAULT_PORTS.get(engine) or RDS_DEFAULT_PORTS.get(engine.split("-")[0])


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


class RdsProxy(VpcPlaced):
    kind: Literal["rds_proxy"] = "rds_proxy"
    engine_family: Literal["POSTGRESQL", "MYSQL", "SQLSERVER"] | None = None
    targets: Annotated[StrList, ref("proxies_to", "rds_instance", "rds_cluster")] = Field(
        default_factory=list
    )
    secrets: Annotated[StrList, ref("uses_secret", "secrets_manager_secret")] = Field(
        default_factory=list
    )
    role: Annotated[str | None, ref("assumes_role", "iam_role")] = None
    require_tls: bool | None = None
    iam_auth: Literal["REQUIRED", "DISABLED"] | None = None
    idle_client_timeout_s: int | None = Field(default=None, ge=1)


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


# What `autoscaling` means: both capacity dimensions of the table itself are registered with
# Application Auto Scaling and have a scaling policy (a global secondary index's are its own).
DYNAMODB_SCALED_DIMENSIONS = frozenset(
    {"dynamodb:table:ReadCapacityUnits", "dynamodb:table:WriteCapacityUnits"}
)


class DynamodbTable(Resource):
    kind: Literal["dynamodb_table"] = "dynamodb_table"
    billing_mode: Literal["PAY_PER_REQUEST", "PROVISIONED"] | None = None
    read_capacity: int | None = Field(default=None, ge=0)
    write_capacity: int | None = Field(default=None, ge=0)
    autoscaling: bool | None = None
    point_in_time_recovery: bool | None = None
    encryption: Literal["aws_owned", "aws_managed", "customer_managed"] | None = None
    kms_key: KmsRef = None
    deletion_protection: bool | None = None
    stream_enabled: bool | None = None
    global_table_regions: StrList = Field(default_factory=list)
    ttl_enabled: bool | None = None


class ElasticacheCluster(VpcPlaced):
    kind: Literal["elasticache_cluster"] = "elasticache_cluster"
    engine: Literal["redis", "valkey", "memcached"] | None = None
    engine_version: str | None = None
    node_type: str | None = Field(default=None, examples=["cache.t4g.small"])
    num_nodes: int | None = Field(default=None, ge=1)
    automatic_failover: bool | None = None
    multi_az: bool | None = None
    at_rest_encryption: bool | None = None
    transit_encryption: bool | None = None
    kms_key: KmsRef = None
    snapshot_retention_days: int | None = Field(default=None, ge=0, le=35)
    auth_token_enabled: bool | None = None
    auto_minor_version_upgrade: bool | None = None
    default_subnet_group: bool | None = Field(
        default=None,
        description="The cache is in the subnet group named 'default' (what AWS uses when "
        "none is named).",
    )


class OpensearchDomain(VpcPlaced):
    kind: Literal["opensearch_domain"] = "opensearch_domain"
    engine_version: str | None = Field(
        default=None, examples=["OpenSearch_2.13", "Elasticsearch_7.10"]
    )
    instance_type: str | None = None
    instance_count: int | None = Field(default=None, ge=1)
    zone_awareness: bool | None = None
    dedicated_master: bool | None = None
    dedicated_master_count: int | None = Field(default=None, ge=0)
    encryption_at_rest: bool | None = None
    node_to_node_encryption: bool | None = None
    enforce_https: bool | None = None
    tls_policy: str | None = None
    kms_key: KmsRef = None
    audit_logging: bool | None = None
    error_logging: bool | None = Field(
        default=None, description="Error (application) logs are published to CloudWatch Logs."
    )
    fine_grained_access_control: bool | None = None
    storage_gb: int | None = Field(default=None, ge=0)
    access_policy: PolicyDocument | None = None


AclPermission = Literal["READ", "WRITE", "READ_ACP", "WRITE_ACP", "FULL_CONTROL"]
# The ACL grantee groups that make a grant public: anyone, and any AWS account.
PUBLIC_ACL_GROUPS = frozenset(
    {
        "http://acs.amazonaws.com/groups/global/AllUsers",
        "http://acs.amazonaws.com/groups/global/AuthenticatedUsers",
    }
)
# What each canned ACL grants the public groups (CloudFormation AccessControl, the API's
# x-amz-acl and Terraform's acl written without case or dashes).
_CANNED: dict[str, list[AclPermission]] = {
    "private": [],
    "publicread": ["READ"],
    "publicreadwrite": ["READ", "WRITE"],
    "authenticatedread": ["READ"],
    "awsexecread": [],
    "bucketownerread": [],
    "bucketownerfullcontrol": [],
    "logdeliverywrite": [],
}


def canned_acl_grants(acl: str) -> list[AclPermission] | None:
    """The permissions a canned ACL grants the public groups; None: not a canned ACL."""
    return _CANNED.get(acl.replace("-", "").replace("_", "").lower())


def acl_public(permissions: list[AclPermission] | None) -> tuple[bool | None, bool | None]:
    """(public read, public write) from what an ACL grants the public groups (None: not
    known), as S3.2 and S3.3 read them."""
    if permissions is None:
        return None, None
    return (
        bool({"READ", "FULL_CONTROL"} & set(permissions)),
        bool({"WRITE", "FULL_CONTROL"} & set(permissions)),
    )


def public_grants(grants: list[tuple[str | None, str | None]]) -> list[AclPermission]:
    """The permissions of (grantee group URI, permission) grants that go to a public group."""
    found: list[AclPermission] = []
    for uri, permission in grants:
        for known in ("READ", "WRITE", "READ_ACP", "WRITE_ACP", "FULL_CONTROL"):
            if uri in PUBLIC_ACL_GROUPS and permission == known and known not in found:
                found.append(known)
    return found


class S3Bucket(Resource):
    kind: Literal["s3_bucket"] = "s3_bucket"
    bucket_name: str | None = None
    encryption: Literal["none", "sse-s3", "sse-kms", "dsse-kms"] | None = None
    kms_key: KmsRef = None
    block_public_access: bool | None = Field(
        default=None, description="All four bucket-level Block Public Access settings are on."
    )
    tls_only: bool | None = Field(
        default=None,
        description="The bucket policy denies requests without aws:SecureTransport; used only "
        "when `policy` is not given (the policy decides when it is).",
    )
    versioning: bool | None = None
    mfa_delete: bool | None = None
    object_lock: bool | None = None
    access_logging: bool | None = None
    lifecycle_rules: bool | None = None
    acls_disabled: bool | None = Field(
        default=None, description="Object ownership BucketOwnerEnforced."
    )
    acl_public_read: bool | None = Field(
        default=None,
        description="The bucket ACL grants READ or FULL_CONTROL to AllUsers or "
        "AuthenticatedUsers (a bucket with ACLs disabled grants nothing).",
    )
    acl_public_write: bool | None = Field(
        default=None,
        description="The bucket ACL grants WRITE or FULL_CONTROL to AllUsers or "
        "AuthenticatedUsers.",
    )
    website_hosting: bool | None = None
    replicates_to: Annotated[StrList, ref("replicates_to", "s3_bucket")] = Field(
        default_factory=list
    )
    policy: PolicyDocument | None = None


class EfsFileSystem(VpcPlaced):
    kind: Literal["efs_file_system"] = "efs_file_system"
    encrypted: bool | None = None
    kms_key: KmsRef = None
    one_zone: bool | None = Field(default=None, description="EFS One Zone storage class.")
    performance_mode: Literal["generalPurpose", "maxIO"] | None = None
    throughput_mode: Literal["bursting", "provisioned", "elastic"] | None = None
    automatic_backups: bool | None = None


class EbsVolume(Resource):
    kind: Literal["ebs_volume"] = "ebs_volume"
    volume_type: Literal["gp2", "gp3", "io1", "io2", "st1", "sc1", "standard"] | None = None
    size_gb: int | None = Field(default=None, ge=1)
    iops: int | None = Field(default=None, ge=0)
    encrypted: bool | None = None
    kms_key: KmsRef = None
    az: str | None = None
    attached_to: Annotated[str | None, ref("attached_to", "ec2_instance")] = None


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


class BackupVault(Resource):
    kind: Literal["backup_vault"] = "backup_vault"
    kms_key: KmsRef = None
    locked: bool | None = Field(default=None, description="Vault Lock is on.")


class BackupCopy(Strict):
    vault: Annotated[str, ref("copies_to", "backup_vault")]
    retention_days: int | None = Field(default=None, ge=1)


class BackupRule(Strict):
    name: str
    schedule: str | None = Field(default=None, examples=["cron(0 5 * * ? *)"])
    retention_days: int | None = Field(default=None, ge=1)
    vault: Annotated[str | None, ref("stores_in", "backup_vault")] = None
    copy_to: list[BackupCopy] = Field(default_factory=list)


class BackupPlan(Resource):
    kind: Literal["backup_plan"] = "backup_plan"
    rules: list[BackupRule] = Field(default_factory=list)


class BackupSelection(Resource):
    kind: Literal["backup_selection"] = "backup_selection"
    plan: Annotated[str, ref("member_of", "backup_plan")]
    resources: Annotated[StrList, ref("backs_up")] = Field(default_factory=list)
    role: Annotated[str | None, ref("assumes_role", "iam_role")] = None
    selection_tags: dict[str, str] = Field(default_factory=dict)
