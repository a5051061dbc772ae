"""Data kinds: databases, caches, search, object, file and block storage, and backups.

One module per kind (kinds/<kind>.py); this module re-exports its group's, for
the collectors, pricers, renderers and tests that import them by group. Nothing on the
`archcode check` path imports it: that would build every class of the group."""

from archcode.model.kinds._shared import (
    DYNAMODB_SCALED_DIMENSIONS,
    PUBLIC_ACL_GROUPS,
    RDS_DEFAULT_PORTS,
    AclPermission,
    KmsRef,
    acl_public,
    canned_acl_grants,
    public_grants,
    rds_default_port,
)
from archcode.model.kinds.backup_plan import BackupCopy, BackupPlan, BackupRule
from archcode.model.kinds.backup_selection import BackupSelection
from archcode.model.kinds.backup_vault import BackupVault
from archcode.model.kinds.db_snapshot import DbSnapshot
from archcode.model.kinds.dynamodb_table import DynamodbTable
from archcode.model.kinds.ebs_snapshot import EbsSnapshot
from archcode.model.kinds.ebs_volume import EbsVolume
from archcode.model.kinds.efs_file_system import EfsFileSystem
from archcode.model.kinds.elasticache_cluster import ElasticacheCluster
from archcode.model.kinds.opensearch_domain import OpensearchDomain
from archcode.model.kinds.rds_cluster import RdsCluster
from archcode.model.kinds.rds_instance import RdsInstance
from archcode.model.kinds.rds_proxy import RdsProxy
from archcode.model.kinds.s3_bucket import S3Bucket

__all__ = [
    "DYNAMODB_SCALED_DIMENSIONS",
    "PUBLIC_ACL_GROUPS",
    "RDS_DEFAULT_PORTS",
    "AclPermission",
    "BackupCopy",
    "BackupPlan",
    "BackupRule",
    "BackupSelection",
    "BackupVault",
    "DbSnapshot",
    "DynamodbTable",
    "EbsSnapshot",
    "EbsVolume",
    "EfsFileSystem",
    "ElasticacheCluster",
    "KmsRef",
    "OpensearchDomain",
    "RdsCluster",
    "RdsInstance",
    "RdsProxy",
    "S3Bucket",
    "acl_public",
    "canned_acl_grants",
    "public_grants",
    "rds_default_port",
]
