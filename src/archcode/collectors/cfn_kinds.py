"""CloudFormation (and SAM) resource properties into the model's fields, one mapper per type.

Which model kind a type becomes is the registry's business (``KindSpec.cfn_types``); a mapper
only says how that type's properties read. A property the template leaves out takes AWS's
documented default for a newly created resource (an S3 bucket is SSE-S3 encrypted and blocks
public access since 2023; an RDS instance is not encrypted); a property the template sets to
something it cannot resolve is unknown (None). Types without a mapper keep their generic
fields only, every other fact unknown.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from archcode.collectors import lambda_permission
from archcode.collectors.beanstalk import beanstalk_fields
from archcode.collectors.cfn_eval import UNKNOWN, Evaluator, ResRef
from archcode.collectors.cfn_view import SAM_IMPLICIT_APIS, CfnResource, TemplateView, symbolic
from archcode.collectors.iac_draft import (
    ABSENT,
    NOT_KNOWN,
    dig,
    to_bool,
    to_float,
    to_int,
    to_known_str_list,
    to_str,
    to_str_list,
)
from archcode.model.kinds._shared import (
    DYNAMODB_SCALED_DIMENSIONS,
    ReadWrite,
    RouteTarget,
    acl_public,
    advanced_selector,
    canned_acl_grants,
    ebs_encryption,
    management_read_write,
    rds_default_port,
    read_write,
    weakest_viewer_policy,
)
from archcode.model.origins import lambda_url_domain
from archcode.model.refs import is_outside
from archcode.model.routing import TARGET_KEYS, key_name, target_of

Fields = dict[str, Any]


class Props:
    """One resource's resolved properties with typed accessors (ABSENT when not set)."""

    def __init__(self, res: CfnResource, view: TemplateView, ev: Evaluator) -> None:
        self.res = res
        self.view = view
        self.ev = ev

    def get(self, *path: str | int) -> Any:
        return dig(self.res.props, *path)

    def b(self, *path: str | int, default: bool | None = None) -> bool | None:
        return to_bool(self.get(*path), default)

    def i(self, *path: str | int, default: int | None = None) -> int | None:
        return to_int(self.get(*path), default)

    def s(self, *path: str | int, default: str | None = None) -> str | None:
        return to_str(self.get(*path), default)

    def ref(self, *path: str | int, kinds: tuple[str, ...] = ()) -> str | None:
        value = self.get(*path)
        found = self.view.ref(value, *kinds)
        if found is None and (value is UNKNOWN or isinstance(value, ResRef)):
            return self._deploy_time(dig(self.res.raw_props, *path))
        return found

    def refs(self, *path: str | int, kinds: tuple[str, ...] = ()) -> list[str]:
        value = self.get(*path)
        if value is UNKNOWN:  # a whole list given at deploy time (List<AWS::EC2::Subnet::Id>)
            given = self._deploy_time(dig(self.res.raw_props, *path))
            return [given] if given else []
        if not isinstance(value, list):
            one_ref = self.ref(*path, kinds=kinds)
            return [one_ref] if one_ref else []
        found: list[str] = []
        raw = dig(self.res.raw_props, *path)
        raw_items = raw if isinstance(raw, list) and len(raw) == len(value) else [None] * len(value)
        for item, raw_item in zip(value, raw_items, strict=True):
            one = self.view.ref(item, *kinds)
            if one is None and (item is UNKNOWN or isinstance(item, ResRef)):
                one = self._deploy_time(raw_item)
            if one is not None and one not in found:
                found.append(one)
        return found

    def _deploy_time(self, raw: Any) -> str | None:
        """``${Name}`` for a reference the template takes from a parameter without a value,
        another stack's export or a nested stack's output: it is set, to something outside
        the template."""
        if not isinstance(raw, dict) or len(raw) != 1:
            return None
        ((key, arg),) = raw.items()
        if key == "Ref" and isinstance(arg, str) and arg in self.ev.params:
            return _marker(arg)
        if key == "Fn::ImportValue":
            return "${ImportValue}"
        if key == "Fn::GetAtt":
            # An output of a nested stack (or a custom resource's attribute) is not a model
            # resource: what it names is outside the model.
            parts = arg.split(".", 1) if isinstance(arg, str) else arg
            if (
                isinstance(parts, list)
                and len(parts) == 2
                and all(isinstance(p, str) for p in parts)
                and parts[0] in self.view.resources
                and parts[0] not in self.view.kind_of
            ):
                return _marker(f"{parts[0]}.{parts[1]}")
            return None
        if key in ("Fn::Split", "Fn::Select") and isinstance(arg, list) and len(arg) == 2:
            return self._deploy_time(arg[1])  # the ids of one list output, split or picked
        if key in ("Fn::Sub", "Fn::Join") and not _mentioned(self, raw):
            # An ARN built from pseudo parameters and parameters: arn:aws:kms:${AWS::Region}:...
            text = symbolic(self.ev.text(raw))
            if isinstance(text, str) and text.startswith("arn:") and is_outside(text):
                return text
        return None

    def policy(self, *path: str | int) -> Any:
        """A policy document as text-like data, or None when absent."""
        raw = dig(self.res.raw_props, *path)
        if raw is ABSENT or raw is None:
            return None
        value = symbolic(self.ev.text(raw))
        if isinstance(value, str):
            try:
                value = json.loads(value)
            except json.JSONDecodeError:
                return None
        return value


def _marker(name: str) -> str | None:
    marker = f"${{{name}}}"
    return marker if is_outside(marker) else None


KMS = ("kms_key",)
ROLE = ("iam_role",)
SUBNET = ("subnet",)
SG = ("security_group",)


def _subnet_group(p: Props, key: str) -> list[str]:
    """Subnets of the DB subnet group a database names."""
    group = p.view.target(p.get(key))
    res = p.view.resources.get(group) if group else None
    return p.view.refs(res.props.get("SubnetIds"), *SUBNET) if res else []


# --- storage and databases ------------------------------------------------------------------
def rds_instance(p: Props) -> Fields:
    member = p.get("DBClusterIdentifier") is not ABSENT
    inherited = member or any(
        p.get(k) is not ABSENT for k in ("SourceDBInstanceIdentifier", "DBSnapshotIdentifier")
    )
    encrypted_default = True if p.get("KmsKeyId") is not ABSENT else (None if inherited else False)
    monitoring = p.i("MonitoringInterval", default=0)
    return {
        "engine": p.s("Engine"),
        "engine_version": p.s("EngineVersion"),
        "instance_class": p.s("DBInstanceClass"),
        "allocated_storage_gb": p.i("AllocatedStorage"),
        "storage_type": p.s("StorageType"),
        "storage_encrypted": p.b("StorageEncrypted", default=encrypted_default),
        "kms_key": p.ref("KmsKeyId", kinds=KMS),
        "multi_az": p.b("MultiAZ", default=None if member else False),
        "backup_retention_days": p.i("BackupRetentionPeriod", default=None if member else 1),
        "publicly_accessible": p.b("PubliclyAccessible"),
        "deletion_protection": p.b("DeletionProtection", default=None if member else False),
        "iam_auth": p.b("EnableIAMDatabaseAuthentication", default=None if member else False),
        "auto_minor_version_upgrade": p.b("AutoMinorVersionUpgrade", default=True),
        "enhanced_monitoring": None if monitoring is None else monitoring > 0,
        "copy_tags_to_snapshot": p.b("CopyTagsToSnapshot", default=None if member else False),
        "require_tls": _member_force_ssl(p) if member else _force_ssl(p, "DBParameterGroupName"),
        "log_exports": to_known_str_list(p.get("EnableCloudwatchLogsExports")),
        # Left out, the engine's default port (a replica's is its source's: unknown here).
        "port": p.i("Port", default=None if inherited else rds_default_port(p.s("Engine"))),
        "cluster": p.ref("DBClusterIdentifier", kinds=("rds_cluster",)),
        "replica_of": p.ref("SourceDBInstanceIdentifier", kinds=("rds_instance",)),
        "subnets": _subnet_group(p, "DBSubnetGroupName"),
        "security_groups": p.refs("VPCSecurityGroups", kinds=SG),
    }


def _force_ssl(p: Props, key: str) -> bool | None:
    """rds.force_ssl (PostgreSQL) or require_secure_transport (MySQL) in the parameter group."""
    group = p.view.target(p.get(key))
    res = p.view.resources.get(group) if group else None
    if p.get(key) is ABSENT:
        return False  # the default parameter group does not force TLS
    if res is None:
        return None
    params = res.props.get("Parameters")
    if not isinstance(params, dict):
        return False
    for name in ("rds.force_ssl", "require_secure_transport"):
        if name in params:
            value = str(params[name]).lower()
            return value in ("1", "on", "true")
    return False


def _member_force_ssl(p: Props) -> bool | None:
    """An Aurora member forces TLS in its own parameter group or its cluster's (where Aurora
    PostgreSQL's rds.force_ssl and Aurora MySQL's require_secure_transport usually are)."""
    own = _force_ssl(p, "DBParameterGroupName")
    cluster = p.view.target(p.get("DBClusterIdentifier"))
    res = p.view.resources.get(cluster) if cluster else None
    of_cluster = (
        _force_ssl(Props(res, p.view, p.ev), "DBClusterParameterGroupName") if res else None
    )
    if True in (own, of_cluster):
        return True
    return None if None in (own, of_cluster) else False


def _members(p: Props) -> list[Any]:
    """The DB instances of this cluster."""
    return p.view.attached("AWS::RDS::DBInstance", "DBClusterIdentifier", p.res.rid)


def _members_multi_az(members: list[Any]) -> bool | None:
    """Instances in two or more known zones; unknown when a zone is left to AWS."""
    zones = [to_str(m.props.get("AvailabilityZone", ABSENT)) for m in members]
    if len({z for z in zones if z}) >= 2:
        return True
    return None if len(members) > 1 or None in zones else (False if members else None)


def _members_public(members: list[Any]) -> bool | None:
    flags = [to_bool(m.props.get("PubliclyAccessible", ABSENT)) for m in members]
    if any(flags):
        return True
    return False if flags and all(f is False for f in flags) else None


def rds_cluster(p: Props) -> Fields:
    mode = p.s("EngineMode", default="provisioned")
    serverless_v1 = mode == "serverless"
    members = _members(p)
    return {
        "multi_az": _members_multi_az(members),
        "engine": p.s("Engine"),
        "engine_version": p.s("EngineVersion"),
        "engine_mode": mode if mode in ("provisioned", "serverless") else None,
        "serverless_v2_min_acu": to_float(p.get("ServerlessV2ScalingConfiguration", "MinCapacity")),
        "serverless_v2_max_acu": to_float(p.get("ServerlessV2ScalingConfiguration", "MaxCapacity")),
        "instance_class": p.s("DBClusterInstanceClass")
        or next(
            (c for m in members if (c := to_str(m.props.get("DBInstanceClass", ABSENT)))), None
        ),
        "instance_count": len(members) if members else None,
        "availability_zones": to_str_list(p.get("AvailabilityZones")),
        "storage_encrypted": True
        if serverless_v1
        else p.b("StorageEncrypted", default=p.get("KmsKeyId") is not ABSENT),
        "kms_key": p.ref("KmsKeyId", kinds=KMS),
        "backup_retention_days": p.i("BackupRetentionPeriod", default=1),
        "deletion_protection": p.b("DeletionProtection", default=False),
        "iam_auth": p.b("EnableIAMDatabaseAuthentication", default=False),
        "publicly_accessible": p.b("PubliclyAccessible")
        if p.get("PubliclyAccessible") is not ABSENT
        else _members_public(members),
        "copy_tags_to_snapshot": p.b("CopyTagsToSnapshot", default=False),
        "log_exports": to_known_str_list(p.get("EnableCloudwatchLogsExports")),
        "backtrack_window_s": p.i("BacktrackWindow", default=0),
        "audit_logging": _audit_logging(p),
        "replica_of": p.ref("ReplicationSourceIdentifier", kinds=("rds_cluster",)),
        "subnets": _subnet_group(p, "DBSubnetGroupName"),
        "security_groups": p.refs("VpcSecurityGroupIds", kinds=SG),
    }


def _audit_logging(p: Props) -> bool | None:
    """Advanced Auditing in the cluster parameter group: server_audit_logging 1 (or ON) and
    server_audit_events naming some event. The default group leaves it off."""
    key = "DBClusterParameterGroupName"
    if p.get(key) is ABSENT:
        return False
    group = p.view.target(p.get(key))
    res = p.view.resources.get(group) if group else None
    if res is None:
        name = p.s(key)
        return False if name is not None and name.startswith("default.") else None
    params = res.props.get("Parameters")
    if not isinstance(params, dict):
        return False if params is None or params is ABSENT else None
    logging = to_str(params.get("server_audit_logging", "0"))
    events = to_str(params.get("server_audit_events", ""))
    if logging is None or events is None:
        return None
    return logging.lower() in ("1", "on") and bool(events.strip())


def rds_proxy(p: Props) -> Fields:
    auth = p.get("Auth")
    auth = auth if isinstance(auth, list) else []
    iam = {to_str(a.get("IAMAuth", "DISABLED")) for a in auth if isinstance(a, dict)}
    targets: list[str] = []
    for group in p.view.attached("AWS::RDS::DBProxyTargetGroup", "DBProxyName", p.res.rid):
        targets += p.view.refs(group.props.get("DBInstanceIdentifiers"), "rds_instance")
        targets += p.view.refs(group.props.get("DBClusterIdentifiers"), "rds_cluster")
    return {
        "engine_family": p.s("EngineFamily"),
        "secrets": [
            r
            for a in auth
            if isinstance(a, dict)
            for r in p.view.refs(a.get("SecretArn"), "secrets_manager_secret")
        ],
        "targets": targets,
        "role": p.ref("RoleArn", kinds=ROLE),
        "require_tls": p.b("RequireTLS", default=False),
        "iam_auth": "REQUIRED"
        if "REQUIRED" in iam
        else ("DISABLED" if iam <= {"DISABLED"} else None),
        "idle_client_timeout_s": p.i("IdleClientTimeout"),
        "subnets": p.refs("VpcSubnetIds", kinds=SUBNET),
        "security_groups": p.refs("VpcSecurityGroupIds", kinds=SG),
    }


def _table_encryption(p: Props, sse: Any) -> tuple[str | None, str | None]:
    enabled = to_bool(dig(sse, "SSEEnabled"), default=False)
    key = p.view.ref(dig(sse, "KMSMasterKeyId"), *KMS)
    if enabled is None:
        return None, key
    if not enabled:
        return "aws_owned", None
    if dig(sse, "KMSMasterKeyId") is not ABSENT:
        return "customer_managed", key
    return "aws_managed", None


def dynamodb_table(p: Props) -> Fields:
    encryption, key = _table_encryption(p, p.get("SSESpecification"))
    billing = p.s("BillingMode", default="PROVISIONED")
    return {
        "billing_mode": billing if billing in ("PAY_PER_REQUEST", "PROVISIONED") else None,
        "read_capacity": p.i("ProvisionedThroughput", "ReadCapacityUnits"),
        "write_capacity": p.i("ProvisionedThroughput", "WriteCapacityUnits"),
        "autoscaling": _autoscaled(p),
        "point_in_time_recovery": p.b(
            "PointInTimeRecoverySpecification", "PointInTimeRecoveryEnabled", default=False
        ),
        "encryption": encryption,
        "kms_key": key,
        "deletion_protection": p.b("DeletionProtectionEnabled", default=False),
        "stream_enabled": p.get("StreamSpecification") is not ABSENT,
        "ttl_enabled": p.b("TimeToLiveSpecification", "Enabled", default=False),
    }


def _autoscaled(p: Props) -> bool:
    """Each capacity dimension of the table has an AWS::ApplicationAutoScaling::ScalableTarget
    (ResourceId table/<name>, by reference or by its literal name) and a ScalingPolicy that
    scales it (ScalingTargetId, or the same ResourceId and ScalableDimension): a target alone
    only bounds the capacity."""
    name = p.s("TableName")

    def names_table(res: Any) -> bool:
        return p.res.rid in res.referenced or (
            name is not None and to_str(res.props.get("ResourceId")) == f"table/{name}"
        )

    view = p.view
    targets = {
        target.rid: to_str(target.props.get("ScalableDimension"))
        for target in view.of_type("AWS::ApplicationAutoScaling::ScalableTarget")
        if to_str(target.props.get("ServiceNamespace")) == "dynamodb" and names_table(target)
    }
    scaled = set()
    for policy in view.of_type("AWS::ApplicationAutoScaling::ScalingPolicy"):
        target = view.target(policy.props.get("ScalingTargetId"))
        if target in targets:
            scaled.add(targets[target])
        elif names_table(policy):
            dimension = to_str(policy.props.get("ScalableDimension"))
            scaled |= {dimension} & set(targets.values())
    return scaled >= DYNAMODB_SCALED_DIMENSIONS


def dynamodb_global_table(p: Props) -> Fields:
    replicas = p.get("Replicas")
    replicas = replicas if isinstance(replicas, list) else []
    pitr = {
        to_bool(dig(r, "PointInTimeRecoverySpecification", "PointInTimeRecoveryEnabled"), False)
        for r in replicas
    }
    sse_type = p.s("SSESpecification", "SSEType")
    enabled = p.b("SSESpecification", "SSEEnabled", default=False)
    keys = [dig(r, "SSESpecification", "KMSMasterKeyId") for r in replicas]
    return {
        "billing_mode": p.s("BillingMode", default="PROVISIONED"),
        "global_table_regions": [s for s in (to_str(dig(r, "Region")) for r in replicas) if s],
        "point_in_time_recovery": None if None in pitr else (pitr == {True} if pitr else False),
        "encryption": None
        if enabled is None
        else ("customer_managed" if enabled and sse_type == "KMS" else "aws_owned"),
        "kms_key": next((k for k in (p.view.ref(k, *KMS) for k in keys) if k), None),
        "stream_enabled": p.get("StreamSpecification") is not ABSENT,
        "ttl_enabled": p.b("TimeToLiveSpecification", "Enabled", default=False),
    }


def simple_table(p: Props) -> Fields:
    enabled = p.b("SSESpecification", "SSEEnabled", default=False)
    provisioned = p.get("ProvisionedThroughput") is not ABSENT
    return {
        "billing_mode": "PROVISIONED" if provisioned else "PAY_PER_REQUEST",
        "read_capacity": p.i("ProvisionedThroughput", "ReadCapacityUnits"),
        "write_capacity": p.i("ProvisionedThroughput", "WriteCapacityUnits"),
        "point_in_time_recovery": False,  # SimpleTable has no such property
        "encryption": None if enabled is None else ("aws_managed" if enabled else "aws_owned"),
        "deletion_protection": False,
        "stream_enabled": False,
        "ttl_enabled": False,
    }


_S3_ALGORITHMS = {"AES256": "sse-s3", "aws:kms": "sse-kms", "aws:kms:dsse": "dsse-kms"}


def _replica(p: Props, rule: Any) -> list[str]:
    """A replication rule's destination bucket; one the template builds at deploy time
    (``!Sub arn:...:s3:::${AWS::StackName}-replica``) is outside it, not absent."""
    destination = dig(rule, "Destination", "Bucket")
    found = p.view.refs(destination, "s3_bucket")
    if found or destination is ABSENT or destination is None:
        return found
    marker = _marker(f"{p.res.rid}.ReplicationDestination")
    return [marker] if marker else []


def s3_bucket(p: Props) -> Fields:
    rules = p.get("BucketEncryption", "ServerSideEncryptionConfiguration")
    default = dig(rules, 0, "ServerSideEncryptionByDefault")
    if rules is ABSENT:
        encryption: str | None = "sse-s3"  # every new bucket since January 2023
    else:
        encryption = _S3_ALGORITHMS.get(str(to_str(dig(default, "SSEAlgorithm"))))
    block = p.get("PublicAccessBlockConfiguration")
    if block is ABSENT:
        block_all: bool | None = True  # the default for new buckets since April 2023
    else:
        flags = [
            to_bool(dig(block, k), default=False)
            for k in (
                "BlockPublicAcls",
                "BlockPublicPolicy",
                "IgnorePublicAcls",
                "RestrictPublicBuckets",
            )
        ]
        block_all = None if None in flags else all(flags)
    ownership = p.s("OwnershipControls", "Rules", 0, "ObjectOwnership")
    # The policy document is stored and judged over the model (tls_only is then decided from
    # it); no bucket policy at all is recorded as tls_only False.
    policies = p.view.attached("AWS::S3::BucketPolicy", "Bucket", p.res.rid)
    document = Props(policies[0], p.view, p.ev).policy("PolicyDocument") if policies else None
    replication = p.get("ReplicationConfiguration", "Rules")
    versioning = p.s("VersioningConfiguration", "Status")
    acl = acl_public(canned_acl_grants(p.s("AccessControl") or "Private"))
    return {
        "bucket_name": p.s("BucketName"),
        "encryption": encryption,
        "kms_key": p.view.ref(dig(default, "KMSMasterKeyID"), *KMS),
        "block_public_access": block_all,
        "tls_only": None if policies else False,
        "versioning": None
        if p.get("VersioningConfiguration") is not ABSENT and versioning is None
        else versioning == "Enabled",
        "mfa_delete": False,  # CloudFormation cannot turn MFA delete on
        "object_lock": p.b("ObjectLockEnabled", default=False),
        "access_logging": _stated(p, "LoggingConfiguration"),
        "lifecycle_rules": _stated(p, "LifecycleConfiguration", "Rules", listed=True),
        "acls_disabled": True
        if ownership is None and p.get("OwnershipControls") is ABSENT
        else (ownership == "BucketOwnerEnforced" if ownership else None),
        "website_hosting": _stated(p, "WebsiteConfiguration"),
        # AccessControl is a canned ACL; none is the private one
        "acl_public_read": acl[0],
        "acl_public_write": acl[1],
        "replicates_to": [r for rule in to_list(replication) for r in _replica(p, rule)],
        "policy": document,
    }


def _stated(p: Props, *path: str, listed: bool = False) -> bool | None:
    """Whether the template sets a property (a non-empty list, with ``listed``). A value the
    template does not determine is set when it is a parameter or an import; an ``Fn::If``
    that may give AWS::NoValue (or a whole list left open) leaves it unknown."""
    value = p.get(*path)
    if value is UNKNOWN:
        raw = dig(p.res.raw_props, *path)
        return None if listed or (isinstance(raw, dict) and "Fn::If" in raw) else True
    return bool(to_list(value)) if listed else value is not ABSENT


def to_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def efs_file_system(p: Props) -> Fields:
    # Where the file system is reachable is its mount targets' business (one per subnet).
    mounts = [
        Props(m, p.view, p.ev)
        for m in p.view.attached("AWS::EFS::MountTarget", "FileSystemId", p.res.rid)
    ]
    return {
        "subnets": list(dict.fromkeys(s for m in mounts if (s := m.ref("SubnetId", kinds=SUBNET)))),
        "security_groups": list(
            dict.fromkeys(g for m in mounts for g in m.refs("SecurityGroups", kinds=SG))
        ),
        "encrypted": p.b("Encrypted", default=p.get("KmsKeyId") is not ABSENT),
        "kms_key": p.ref("KmsKeyId", kinds=KMS),
        "one_zone": p.get("AvailabilityZoneName") is not ABSENT,
        "performance_mode": p.s("PerformanceMode", default="generalPurpose"),
        "throughput_mode": p.s("ThroughputMode", default="bursting"),
        "automatic_backups": p.s("BackupPolicy", "Status", default="DISABLED") == "ENABLED",
    }


def ebs_volume(p: Props) -> Fields:
    return {
        "volume_type": p.s("VolumeType", default="gp2"),
        "size_gb": p.i("Size"),
        "iops": p.i("Iops"),
        "encrypted": p.b("Encrypted", default=None),
        "kms_key": p.ref("KmsKeyId", kinds=KMS),
        "az": p.s("AvailabilityZone"),
        "attached_to": _volume_instance(p),
    }


def _volume_instance(p: Props) -> str | None:
    """The instance a volume is attached to: an AWS::EC2::VolumeAttachment, or the
    instance's own Volumes list."""
    for attachment in p.view.attached("AWS::EC2::VolumeAttachment", "VolumeId", p.res.rid):
        found = p.view.ref(attachment.props.get("InstanceId"), "ec2_instance")
        if found:
            return found
    for instance in p.view.of_type("AWS::EC2::Instance"):
        volumes = instance.props.get("Volumes")
        if any(
            p.view.target(dig(v, "VolumeId")) == p.res.rid
            for v in (volumes if isinstance(volumes, list) else [])
        ):
            return p.view.out(instance.rid)
    return None


def shield_protection(p: Props) -> Fields:
    # ResourceArn is usually built with Fn::Sub or GetAtt: the resources it mentions.
    mentioned = sorted(
        r for r in _mentioned(p, p.res.raw_props.get("ResourceArn")) if r in p.view.kind_of
    )
    return {"protects": [p.view.out(r) for r in mentioned]}


def elasticache(p: Props) -> Fields:
    engine = p.s("Engine", default="redis")
    group = p.res.type == "AWS::ElastiCache::ReplicationGroup"
    return {
        "engine": engine if engine in ("redis", "valkey", "memcached") else None,
        "engine_version": p.s("EngineVersion"),
        "node_type": p.s("CacheNodeType"),
        "num_nodes": p.i("NumCacheClusters") if group else p.i("NumCacheNodes"),
        "automatic_failover": p.b("AutomaticFailoverEnabled", default=False) if group else False,
        "multi_az": p.b("MultiAZEnabled", default=False) if group else False,
        "at_rest_encryption": p.b("AtRestEncryptionEnabled", default=False) if group else False,
        "transit_encryption": p.b("TransitEncryptionEnabled", default=False),
        "kms_key": p.ref("KmsKeyId", kinds=KMS),
        "snapshot_retention_days": p.i("SnapshotRetentionLimit", default=0),
        "auth_token_enabled": _stated(p, "AuthToken"),
        "auto_minor_version_upgrade": p.b("AutoMinorVersionUpgrade", default=True),
        "default_subnet_group": _default_subnet_group(p),
        "security_groups": p.refs("SecurityGroupIds", kinds=SG)
        or p.refs("VpcSecurityGroupIds", kinds=SG),
        "subnets": _cache_subnets(p),
    }


def _default_subnet_group(p: Props) -> bool | None:
    """Named 'default', or not named (AWS then uses, or creates, the 'default' group); a group
    of the template has another name ('default' is reserved)."""
    if p.get("CacheSubnetGroupName") is ABSENT:
        return True
    if p.view.target(p.get("CacheSubnetGroupName")):
        return False
    name = p.s("CacheSubnetGroupName")
    return None if name is None else name.lower() == "default"


def _cache_subnets(p: Props) -> list[str]:
    """Subnets of the cache subnet group (AWS::ElastiCache::SubnetGroup) a cache names."""
    group = p.view.target(p.get("CacheSubnetGroupName"))
    res = p.view.resources.get(group) if group else None
    return p.view.refs(res.props.get("SubnetIds"), *SUBNET) if res else []


def opensearch(p: Props) -> Fields:
    cluster = (
        p.get("ClusterConfig")
        if p.get("ClusterConfig") is not ABSENT
        else p.get("ElasticsearchClusterConfig")  # AWS::Elasticsearch::Domain
    )
    return {
        "engine_version": p.s("EngineVersion") or p.s("ElasticsearchVersion"),
        "instance_type": to_str(dig(cluster, "InstanceType"))
        or to_str(p.get("ElasticsearchClusterConfig", "InstanceType")),
        "instance_count": to_int(dig(cluster, "InstanceCount")),
        "zone_awareness": to_bool(dig(cluster, "ZoneAwarenessEnabled"), default=False),
        "dedicated_master": to_bool(dig(cluster, "DedicatedMasterEnabled"), default=False),
        "dedicated_master_count": _master_count(cluster),
        "encryption_at_rest": p.b("EncryptionAtRestOptions", "Enabled", default=False),
        "node_to_node_encryption": p.b("NodeToNodeEncryptionOptions", "Enabled", default=False),
        "enforce_https": p.b("DomainEndpointOptions", "EnforceHTTPS", default=False),
        "tls_policy": p.s("DomainEndpointOptions", "TLSSecurityPolicy"),
        "kms_key": p.ref("EncryptionAtRestOptions", "KmsKeyId", kinds=KMS),
        "audit_logging": _stated(p, "LogPublishingOptions", "AUDIT_LOGS"),
        "error_logging": _publishes(p.get("LogPublishingOptions", "ES_APPLICATION_LOGS")),
        "fine_grained_access_control": p.b("AdvancedSecurityOptions", "Enabled", default=False),
        "storage_gb": p.i("EBSOptions", "VolumeSize"),
        "subnets": p.refs("VPCOptions", "SubnetIds", kinds=SUBNET),
        "security_groups": p.refs("VPCOptions", "SecurityGroupIds", kinds=SG),
        "access_policy": p.policy("AccessPolicies"),
    }


def _master_count(cluster: Any) -> int | None:
    # No dedicated master nodes unless DedicatedMasterEnabled says so (the AWS default).
    enabled = to_bool(dig(cluster, "DedicatedMasterEnabled"), default=False)
    if enabled is None:
        return None
    return to_int(dig(cluster, "DedicatedMasterCount")) if enabled else 0


def _publishes(option: Any) -> bool | None:
    # A LogPublishingOption publishes unless it says Enabled: false.
    if option is ABSENT:
        return False
    return to_bool(dig(option, "Enabled"), default=True)


def backup_vault(p: Props) -> Fields:
    return {
        "kms_key": p.ref("EncryptionKeyArn", kinds=KMS),
        "locked": p.get("LockConfiguration") is not ABSENT,
    }


def backup_selection(p: Props) -> Fields:
    return {
        "plan": p.ref("BackupPlanId", kinds=("backup_plan",)),
        "resources": p.refs("BackupSelection", "Resources"),
        "role": p.ref("BackupSelection", "IamRoleArn", kinds=ROLE),
        "selection_tags": {
            key: str(to_str(dig(c, "ConditionValue")) or "")
            for c in to_list(p.get("BackupSelection", "ListOfTags"))
            if (key := to_str(dig(c, "ConditionKey")))
        },
    }


def _retention(lifecycle: Any) -> int | None:
    return to_int(dig(lifecycle, "DeleteAfterDays"))


def backup_plan(p: Props) -> Fields:
    rules = []
    for rule in to_list(p.get("BackupPlan", "BackupPlanRule")):
        name = to_str(dig(rule, "RuleName"))
        if not name:
            continue
        rules.append(
            {
                "name": name,
                "schedule": to_str(dig(rule, "ScheduleExpression")),
                "retention_days": _retention(dig(rule, "Lifecycle")),
                "vault": p.view.ref(dig(rule, "TargetBackupVault"), "backup_vault"),
                "copy_to": [
                    {"vault": vault, "retention_days": _retention(dig(c, "Lifecycle"))}
                    for c in to_list(dig(rule, "CopyActions"))
                    if (vault := p.view.ref(dig(c, "DestinationBackupVaultArn"), "backup_vault"))
                ],
            }
        )
    return {"rules": rules}


# --- compute --------------------------------------------------------------------------------
def lambda_function(p: Props) -> Fields:
    sam = p.res.type == "AWS::Serverless::Function"
    rid = p.res.rid
    url = p.view.attached("AWS::Lambda::Url", "TargetFunctionArn", rid)
    if sam and p.get("FunctionUrlConfig") is not ABSENT:
        url_auth = p.s("FunctionUrlConfig", "AuthType")
    else:
        url_auth = to_str(url[0].props.get("AuthType", ABSENT)) if url else None
    permissions = p.view.attached("AWS::Lambda::Permission", "FunctionName", rid)
    tracing = p.s("Tracing") if sam else p.s("TracingConfig", "Mode")
    dead_letter = (
        p.get("DeadLetterQueue", "TargetArn") if sam else p.get("DeadLetterConfig", "TargetArn")
    )
    return {
        "runtime": p.s("Runtime"),
        "architecture": p.s("Architectures", 0, default="x86_64"),
        "memory_mb": p.i("MemorySize", default=128),
        "timeout_s": p.i("Timeout", default=3),
        "role": p.ref("Role", kinds=ROLE)
        or (p.view.out(p.res.implicit_role) if sam and p.res.implicit_role else None),
        "environment": sorted(_keys(p.get("Environment", "Variables"))),
        "kms_key": p.ref("KmsKeyArn", kinds=KMS),
        "reserved_concurrency": p.i("ReservedConcurrentExecutions"),
        "provisioned_concurrency": p.i(
            "ProvisionedConcurrencyConfig", "ProvisionedConcurrentExecutions"
        ),
        "tracing": {"Active": "active", "PassThrough": "passthrough", None: "passthrough"}.get(
            tracing if p.get("Tracing" if sam else "TracingConfig") is not ABSENT else None
        ),
        "dead_letter": p.view.ref(dead_letter, "sqs_queue", "sns_topic"),
        "function_url_auth": url_auth if url_auth in ("NONE", "AWS_IAM") else None,
        **lambda_permission.policy_fields(
            _permission(Props(perm, p.view, p.ev)) for perm in permissions
        ),
        "subnets": p.refs("VpcConfig", "SubnetIds", kinds=SUBNET),
        "security_groups": p.refs("VpcConfig", "SecurityGroupIds", kinds=SG),
        "event_sources": _event_sources(p),
    }


_PERMISSION_ARGS = (
    ("Principal", "principal"),
    ("Action", "action"),
    ("SourceAccount", "source_account"),
    ("SourceArn", "source_arn"),
    ("PrincipalOrgID", "principal_org_id"),
    ("FunctionUrlAuthType", "function_url_auth_type"),
    ("EventSourceToken", "event_source_token"),
    ("InvokedViaFunctionUrl", "invoked_via_function_url"),
)


def _permission(q: Props) -> dict[str, Any] | None:
    """An AWS::Lambda::Permission as the statement Lambda writes for it."""
    args = {
        name: _permission_arg(q, prop)
        for prop, name in _PERMISSION_ARGS
        if q.get(prop) is not ABSENT
    }
    return lambda_permission.statement(q.res.rid, args)


def _permission_arg(q: Props, prop: str) -> str | None:
    """The argument as text, references kept as ${Id.Attr} (a role's ARN is no "*"); None
    when nothing of it is known."""
    raw = dig(q.res.raw_props, prop)
    found = lambda_permission.text(symbolic(q.ev.text(raw)))
    if found is not None and "${unknown}" not in found:
        return found
    return "${AWS::AccountId}" if raw == {"Ref": "AWS::AccountId"} else None  # the stack's own


def _event_sources(p: Props) -> list[str]:
    """Event source mappings naming the function, and SAM events' queues, streams, buckets
    and topics (their flows are derived from this field, as for every source)."""
    found = [
        ref
        for mapping in p.view.attached("AWS::Lambda::EventSourceMapping", "FunctionName", p.res.rid)
        for ref in p.view.refs(mapping.props.get("EventSourceArn"))
    ]
    events = p.get("Events") if p.res.type == "AWS::Serverless::Function" else ABSENT
    for event in (events if isinstance(events, dict) else {}).values():
        for key in ("Queue", "Stream", "Bucket", "Topic"):
            found += p.view.refs(dig(event, "Properties", key))
    return list(dict.fromkeys(found))


def _keys(value: Any) -> list[str]:
    return [str(k) for k in value] if isinstance(value, dict) else []


def _subnet_assigns_public_ip(p: Props) -> bool | None:
    """No network interface says: the instance gets a public address when the template's
    subnet it names assigns one (MapPublicIpOnLaunch, off by default); otherwise unknown."""
    subnet = p.view.resources.get(p.view.target(p.get("SubnetId")) or "")
    if subnet is None or subnet.type != "AWS::EC2::Subnet":
        return None
    return Props(subnet, p.view, p.ev).b("MapPublicIpOnLaunch", default=False)


def ec2_instance(p: Props) -> Fields:
    # What the instance leaves out, the launch template it names may say (AWS merges them).
    data = _launch_template(p) if p.get("LaunchTemplate") is not ABSENT else ABSENT
    template_profile = dig(data, "IamInstanceProfile")
    interfaces = to_list(p.get("NetworkInterfaces")) or to_list(dig(data, "NetworkInterfaces"))
    public = (
        to_bool(dig(interfaces, 0, "AssociatePublicIpAddress"))
        if interfaces
        else _subnet_assigns_public_ip(p)
    )
    instance_type = p.s("InstanceType") or to_str(dig(data, "InstanceType"))
    return {
        "instance_type": instance_type or ("m1.small" if data is ABSENT else None),
        "ami": p.s("ImageId") or to_str(dig(data, "ImageId")),
        "public_ip": public,
        # AWS::EC2::Instance has no MetadataOptions: only a launch template states them. Without
        # one, the token requirement comes from the AMI (ImdsSupport) or the account's default:
        # unknown here.
        "imdsv2_required": _http_tokens(dig(data, "MetadataOptions", "HttpTokens")),
        "role": _profile_role(p, p.get("IamInstanceProfile"))
        or _profile_role(p, dig(template_profile, "Arn"))
        or _profile_role(p, dig(template_profile, "Name")),
        "detailed_monitoring": p.b("Monitoring")
        if p.get("Monitoring") is not ABSENT
        else to_bool(dig(data, "Monitoring", "Enabled"), default=False),
        "network_interface_count": _interface_count(p, data, interfaces),
        "subnets": p.refs("SubnetId", kinds=SUBNET)
        or p.view.refs(dig(interfaces, 0, "SubnetId"), *SUBNET),
        "security_groups": p.refs("SecurityGroupIds", kinds=SG)
        or p.view.refs(dig(interfaces, 0, "GroupSet"), *SG)
        or p.view.refs(dig(interfaces, 0, "Groups"), *SG)
        or p.view.refs(dig(data, "SecurityGroupIds"), *SG),
    }


def _interface_count(p: Props, data: Any, interfaces: list[Any]) -> int | None:
    """The instance's interfaces (or its launch template's; the primary one when neither lists
    any) and the NetworkInterfaceAttachments naming the instance."""
    attached = p.view.attached("AWS::EC2::NetworkInterfaceAttachment", "InstanceId", p.res.rid)
    if not interfaces and p.get("LaunchTemplate") is not ABSENT and data is ABSENT:
        return None  # a launch template outside the template: its interfaces are not known
    return (len(interfaces) or 1) + len(attached)


def _http_tokens(value: Any) -> bool | None:
    tokens = to_str(value)
    return None if tokens not in ("required", "optional") else tokens == "required"


def eks_cluster(p: Props) -> Fields:
    config = p.get("ResourcesVpcConfig")
    logging = p.get("Logging", "ClusterLogging", "EnabledTypes")
    types = [to_str(dig(entry, "Type")) for entry in to_list(logging)]
    # A condition or parameter deciding the list (or one type) leaves "none" and "no audit"
    # unknown; a type it does name still counts.
    open_ = logging is UNKNOWN or None in types
    return {
        "version": p.s("Version"),
        "endpoint_public_access": to_bool(dig(config, "EndpointPublicAccess"), default=True),
        "endpoint_private_access": to_bool(dig(config, "EndpointPrivateAccess"), default=False),
        "public_access_cidrs": to_str_list(dig(config, "PublicAccessCidrs")),
        "secrets_kms_key": p.view.ref(p.get("EncryptionConfig", 0, "Provider", "KeyArn"), *KMS),
        "control_plane_logging": True if any(types) else (None if open_ else False),
        "audit_logging": True if "audit" in types else (None if open_ else False),
        "role": p.ref("RoleArn", kinds=ROLE),
        "subnets": p.view.refs(dig(config, "SubnetIds"), *SUBNET),
        "security_groups": p.view.refs(dig(config, "SecurityGroupIds"), *SG),
    }


def ecs_service(p: Props) -> Fields:
    network = p.get("NetworkConfiguration", "AwsvpcConfiguration")
    task = p.view.target(p.get("TaskDefinition"))
    task_res = p.view.resources.get(task) if task else None
    task_props = task_res.props if task_res else {}
    launch = p.s("LaunchType", default="EC2")
    containers = to_list(task_props.get("ContainerDefinitions"))
    public = to_str(dig(network, "AssignPublicIp"))
    return {
        "launch_type": launch if launch in ("FARGATE", "EC2", "EXTERNAL") else None,
        "desired_count": p.i("DesiredCount"),
        "cpu": to_int(task_props.get("Cpu", ABSENT)),
        "memory_mb": to_int(task_props.get("Memory", ABSENT)),
        "task_role": p.view.ref(task_props.get("TaskRoleArn"), *ROLE),
        "execution_role": p.view.ref(task_props.get("ExecutionRoleArn"), *ROLE),
        "assign_public_ip": None if public is None else public == "ENABLED",
        "environment": sorted(
            {str(dig(e, "Name")) for c in containers for e in to_list(dig(c, "Environment"))}
        ),
        "subnets": p.view.refs(dig(network, "Subnets"), *SUBNET),
        "security_groups": p.view.refs(dig(network, "SecurityGroups"), *SG),
    }


# --- networking -----------------------------------------------------------------------------
def vpc(p: Props) -> Fields:
    logs = p.view.attached("AWS::EC2::FlowLog", "ResourceId", p.res.rid)
    return {"cidr": p.s("CidrBlock"), "flow_logs_enabled": bool(logs)}


def subnet(p: Props) -> Fields:
    return {
        "vpc": p.ref("VpcId", kinds=("vpc",)),
        "az": p.s("AvailabilityZone"),
        "cidr": p.s("CidrBlock"),
        "routes": _subnet_routes(p),
        "map_public_ip_on_launch": p.b("MapPublicIpOnLaunch", default=False),
    }


# Template types a route's target may reference, by the kind of target they are.
_ROUTE_TARGET_TYPES: dict[str, RouteTarget] = {
    "AWS::EC2::InternetGateway": "internet_gateway",
    "AWS::EC2::EgressOnlyInternetGateway": "egress_only_internet_gateway",
    "AWS::EC2::NatGateway": "nat_gateway",
    "AWS::EC2::TransitGateway": "transit_gateway",
    "AWS::EC2::VPCPeeringConnection": "vpc_peering",
    "AWS::EC2::VPCEndpoint": "vpc_endpoint",
    "AWS::EC2::VPNGateway": "vpn_gateway",
    "AWS::EC2::NetworkInterface": "network_interface",
    "AWS::EC2::Instance": "instance",
}
_ROUTE_DESTINATIONS = (
    "DestinationCidrBlock",
    "DestinationIpv6CidrBlock",
    "DestinationPrefixListId",
)


# Every route table holds the route to the VPC's own range, which a template does not write.
_LOCAL: Fields = {"target": "local", "target_id": "local"}


def _route(view: TemplateView, props: dict[str, Any]) -> Fields:
    """One AWS::EC2::Route as written: destination, target kind and id (None: not known)."""
    given = [k for k in _ROUTE_DESTINATIONS if props.get(k) not in (None, ABSENT)]
    value = props.get(given[0]) if given else None
    destination = value if isinstance(value, str) else None
    keys = [k for k in props if key_name(k) in TARGET_KEYS and props[k] not in (None, ABSENT)]
    if not keys:
        return {"destination": destination, "target": None}
    key, raw = keys[0], props[keys[0]]
    if isinstance(raw, str):  # a literal id of something outside the template
        return {"destination": destination, "target": target_of(raw), "target_id": raw}
    rid = view.target(raw)
    res = view.resources.get(rid) if rid else None
    # A resource of the template is of a known type; a parameter's value is not known.
    target = _ROUTE_TARGET_TYPES.get(res.type, "other") if res else TARGET_KEYS[key_name(key)]
    return {"destination": destination, "target": target, "target_id": view.ref(raw)}


def _subnet_routes(p: Props) -> list[Fields] | None:
    """The routes of the subnet's own route table; None when it follows the VPC's main table
    (which a template does not show) or names a table outside the template."""
    view = p.view
    tables = [
        view.target(a.props.get("RouteTableId"))
        for a in view.attached("AWS::EC2::SubnetRouteTableAssociation", "SubnetId", p.res.rid)
    ]
    if not tables or None in tables:
        return None
    return [_LOCAL] + [
        _route(view, route.props)
        for route in view.of_type("AWS::EC2::Route")
        if view.target(route.props.get("RouteTableId")) in tables
    ]


def internet_gateway(p: Props) -> Fields:
    attached = p.view.attached("AWS::EC2::VPCGatewayAttachment", "InternetGatewayId", p.res.rid)
    return {"vpc": p.view.ref(attached[0].props.get("VpcId"), "vpc") if attached else None}


def nat_gateway(p: Props) -> Fields:
    return {
        "subnet": p.ref("SubnetId", kinds=SUBNET),
        "connectivity": p.s("ConnectivityType", default="public"),
    }


_PROTOCOLS = {"-1": "all", "6": "tcp", "17": "udp", "1": "icmp", "58": "icmpv6"}


# A rule the template leaves open (an !If on a condition the template does not decide):
# nothing of it is known, but it is a rule, which may admit anything.
_UNKNOWN_RULE: Fields = {"protocol": None, "cidr": None, "ipv6_cidr": None, "ports_known": False}
# The rule fields whose None the model reads as "not known" (an empty range list is "none").
_NONE_IS_NOT_KNOWN = ("protocol", "cidr", "ipv6_cidr")


# Fn::GetAtt attributes that return a property the template itself sets.
_ATTRIBUTE_IS_PROPERTY = {
    ("AWS::EC2::VPC", "CidrBlock"): "CidrBlock",
    ("AWS::EC2::Subnet", "CidrBlock"): "CidrBlock",
}


def _known_ranges(p: Props, value: Any) -> list[str] | None:
    """A CidrIp/CidrIpv6: absent is none, set at deploy time (a parameter without a default,
    a condition, an import) is None: not known. ``!GetAtt Vpc.CidrBlock`` is the VPC's own."""
    if isinstance(value, ResRef) and value.attribute:
        res = p.view.resources.get(value.target)
        prop = _ATTRIBUTE_IS_PROPERTY.get((res.type, value.attribute)) if res else None
        value = res.props.get(prop, UNKNOWN) if res and prop else value
    found = to_known_str_list(value)
    return None if found is NOT_KNOWN else list(found)


def _sg_rule(p: Props, rule: Any, peer: str) -> Fields | None:
    if rule is UNKNOWN:
        return dict(_UNKNOWN_RULE)
    raw = dig(rule, "IpProtocol")
    name = to_str(raw)
    protocol = _PROTOCOLS.get(name, name.lower()) if name is not None else None
    if protocol is None and raw is ABSENT:
        return None  # no protocol: not a rule EC2 would take
    if protocol not in ("tcp", "udp", "icmp", "icmpv6", "all", None):
        return None  # another IP protocol (ESP, GRE...): no ports, not what rules judge
    fields: Fields = {
        "protocol": protocol,
        "cidr": _known_ranges(p, dig(rule, "CidrIp")),
        "ipv6_cidr": _known_ranges(p, dig(rule, "CidrIpv6")),
        "security_group": p.view.ref(dig(rule, peer), *SG),
        "prefix_list": to_str(dig(rule, "SourcePrefixListId"))
        or to_str(dig(rule, "DestinationPrefixListId")),
        "description": to_str(dig(rule, "Description")),
    }
    if protocol != "all":
        ports = [dig(rule, "FromPort"), dig(rule, "ToPort")]
        fields["from_port"], fields["to_port"] = (to_int(v) for v in ports)
        if any(v is not ABSENT and to_int(v) is None for v in ports):
            fields["ports_known"] = False  # a parameter, a condition: set at deploy time
    return {k: v for k, v in fields.items() if k in _NONE_IS_NOT_KNOWN or v not in (None, [])}


def _rules(value: Any) -> list[Any]:
    """Inline rules; a whole list set at deploy time is one rule of which nothing is known."""
    return [UNKNOWN] if value is UNKNOWN else to_list(value)


def security_group(p: Props) -> Fields:
    rid = p.res.rid
    ingress = _rules(p.get("SecurityGroupIngress")) + [
        r.props for r in p.view.attached("AWS::EC2::SecurityGroupIngress", "GroupId", rid)
    ]
    egress_rules = p.get("SecurityGroupEgress")
    extra_egress = [
        r.props for r in p.view.attached("AWS::EC2::SecurityGroupEgress", "GroupId", rid)
    ]
    if egress_rules is ABSENT and not extra_egress:
        # Without egress rules, EC2 adds its default rule: everything out, anywhere.
        egress: list[Fields] | None = [{"protocol": "all", "cidr": ["0.0.0.0/0"]}]
    else:
        egress = [
            r
            for r in (
                _sg_rule(p, rule, "DestinationSecurityGroupId")
                for rule in _rules(egress_rules) + extra_egress
            )
            if r
        ]
    return {
        "vpc": p.ref("VpcId", kinds=("vpc",)),
        "ingress": [
            r for r in (_sg_rule(p, rule, "SourceSecurityGroupId") for rule in ingress) if r
        ],
        "egress": egress,
    }


def vpc_endpoint(p: Props) -> Fields:
    service = to_str(symbolic(p.ev.text(p.res.raw_props.get("ServiceName"))))
    kind = p.s("VpcEndpointType", default="Gateway")
    return {
        "vpc": p.ref("VpcId", kinds=("vpc",)),
        "service": service.rsplit(".", 1)[-1] if service else None,
        "endpoint_type": {
            "Gateway": "gateway",
            "Interface": "interface",
            "GatewayLoadBalancer": "gateway_load_balancer",
        }.get(str(kind)),
        "private_dns_enabled": p.b("PrivateDnsEnabled", default=False),
        "policy": p.policy("PolicyDocument"),
        "subnets": p.refs("SubnetIds", kinds=SUBNET),
        "security_groups": p.refs("SecurityGroupIds", kinds=SG),
    }


def route53_zone(p: Props) -> Fields:
    records = []
    for record in p.view.attached("AWS::Route53::RecordSet", "HostedZoneId", p.res.rid):
        name, kind = (
            to_str(record.props.get("Name", ABSENT)),
            to_str(record.props.get("Type", ABSENT)),
        )
        alias = record.props.get("AliasTarget", ABSENT)
        if name and kind:
            records.append(
                {
                    "name": name.rstrip("."),
                    "type": kind,
                    "alias": alias is not ABSENT,
                    "target": p.view.ref(dig(alias, "DNSName")) if alias is not ABSENT else None,
                }
            )
    return {
        "domain": (p.s("Name") or "").rstrip(".") or None,
        "records": records,
        "private": bool(to_list(p.get("VPCs"))),
        "vpcs": [r for v in to_list(p.get("VPCs")) for r in p.view.refs(dig(v, "VPCId"), "vpc")],
        "query_logging_enabled": _stated(p, "QueryLoggingConfig"),
    }


def cloudfront(p: Props) -> Fields:
    config = p.get("DistributionConfig")
    origins = []
    for index, origin in enumerate(to_list(dig(config, "Origins"))):
        custom = dig(origin, "CustomOriginConfig")
        s3 = dig(origin, "S3OriginConfig")
        target = _origin_target(p, index)
        if to_str(dig(origin, "OriginAccessControlId")) or p.view.target(
            dig(origin, "OriginAccessControlId")
        ):
            access: str | None = "oac"
        elif s3 is not ABSENT:
            access = "oai" if dig(s3, "OriginAccessIdentity") not in (ABSENT, "") else "none"
        elif lambda_url_domain(to_str(dig(origin, "DomainName"))) or (
            target is not None
            and p.view.kind_of.get(target.removeprefix(p.view.prefix)) == "lambda_function"
        ):
            access = "none"  # a function URL origin without origin access control
        else:
            access = None
        ssl = to_str_list(dig(custom, "OriginSSLProtocols"))
        origins.append(
            {
                "target": target,
                "domain": to_str(dig(origin, "DomainName")),
                "origin_protocol_policy": to_str(dig(custom, "OriginProtocolPolicy")),
                "origin_access": access,
                "minimum_origin_ssl_protocol": sorted(ssl)[0] if ssl else None,
            }
        )
    certificate = dig(config, "ViewerCertificate")
    default_cert = (
        True
        if certificate is ABSENT
        else to_bool(dig(certificate, "CloudFrontDefaultCertificate"), default=False)
    )
    return {
        "aliases": to_str_list(dig(config, "Aliases")),
        "origins": [{k: v for k, v in o.items() if v is not None} for o in origins],
        "viewer_protocol_policy": weakest_viewer_policy(
            [
                to_str(dig(behavior, "ViewerProtocolPolicy"))
                for behavior in [
                    dig(config, "DefaultCacheBehavior"),
                    *to_list(dig(config, "CacheBehaviors")),
                ]
            ]
        ),
        "minimum_protocol_version": to_str(dig(certificate, "MinimumProtocolVersion"))
        or ("TLSv1" if default_cert else None),
        "web_acl": p.view.ref(dig(config, "WebACLId"), "waf_web_acl"),
        "logging_enabled": _stated(p, "DistributionConfig", "Logging"),
        "default_root_object": to_str(dig(config, "DefaultRootObject")),
        "price_class": to_str(dig(config, "PriceClass"), default="PriceClass_All"),
        "origin_failover": _stated(p, "DistributionConfig", "OriginGroups", "Items", listed=True),
        "uses_default_certificate": default_cert,
        "ssl_support_method": _ssl_method(
            None if default_cert is not False else to_str(dig(certificate, "SslSupportMethod"))
        ),
    }


def _ssl_method(value: str | None) -> str | None:
    return value if value in ("sni-only", "vip", "static-ip") else None


def _origin_target(p: Props, index: int) -> str | None:
    """The resource an origin's domain names, also through Fn::Sub (`${Api}.execute-api...`);
    a function URL's host (`!Select [2, !Split ["/", !GetAtt Url.FunctionUrl]]`) names its
    function."""
    raw = dig(p.res.raw_props, "DistributionConfig", "Origins", index, "DomainName")
    mentioned = _mentioned(p, raw)
    for rid in sorted(mentioned):
        url = p.view.resources.get(rid)
        if url is not None and url.type == "AWS::Lambda::Url":
            mentioned.add(p.view.target(url.props.get("TargetFunctionArn")) or "")
    found = sorted(r for r in mentioned if r in p.view.kind_of)
    return p.view.out(found[0]) if found else None


_AUTH = {
    "NONE": "none",
    "AWS_IAM": "iam",
    "COGNITO_USER_POOLS": "cognito",
    "CUSTOM": "lambda",
    "JWT": "jwt",
}


def api_gateway(p: Props) -> Fields:
    return {**_api_fields(p), "integrations": _integrations(p)}


def _integrations(p: Props) -> list[str]:
    """What the API's methods and integrations call (functions, a VPC link's load balancers),
    and the SAM functions whose Api/HttpApi events put them behind this API."""
    view, rid = p.view, p.res.rid
    found: list[str] = []
    parts = view.attached("AWS::ApiGateway::Method", "RestApiId", rid)
    parts += view.attached("AWS::ApiGatewayV2::Integration", "ApiId", rid)
    for part in parts:
        found += [t for t in sorted(part.referenced) if view.kind_of.get(t) == "lambda_function"]
        link = view.resources.get(view.target(dig(part.props, "Integration", "ConnectionId")) or "")
        if link is not None and link.type == "AWS::ApiGateway::VpcLink":
            found += view.refs_raw(link.props.get("TargetArns"))  # the VPC link's NLBs
    for fn in view.of_type("AWS::Serverless::Function"):
        events = fn.props.get("Events")
        for event in (events if isinstance(events, dict) else {}).values():
            kind = str(dig(event, "Type"))
            if kind not in SAM_IMPLICIT_APIS:
                continue
            key = "RestApiId" if kind == "Api" else "ApiId"
            named = dig(event, "Properties", key)
            api = view.target(named) if named is not ABSENT else SAM_IMPLICIT_APIS[kind]
            if api == rid:
                found.append(fn.rid)
    return [view.out(t) for t in dict.fromkeys(found) if t in view.kind_of and t != rid]


def _api_fields(p: Props) -> Fields:
    rid, cfn_type = p.res.rid, p.res.type
    if cfn_type == "AWS::Serverless::Api":
        return _sam_api(p, "rest")
    if cfn_type == "AWS::Serverless::HttpApi":
        return _sam_api(p, "http")
    view = p.view
    if cfn_type == "AWS::ApiGatewayV2::Api":
        protocol = p.s("ProtocolType", default="HTTP")
        stages = view.attached("AWS::ApiGatewayV2::Stage", "ApiId", rid)
        routes = view.attached("AWS::ApiGatewayV2::Route", "ApiId", rid)
        auths = {to_str(r.props.get("AuthorizationType", "NONE")) for r in routes}
        stage = stages[0].props if stages else None
        return {
            "api_type": "websocket" if protocol == "WEBSOCKET" else "http",
            "endpoint_type": "regional",
            "stage": to_str(dig(stage, "StageName")),
            "authorization": _weakest(auths),
            "access_logging": None
            if stage is None
            else dig(stage, "AccessLogSettings") is not ABSENT,
            # only WebSocket APIs write execution logs
            "execution_logging": to_str(dig(stage, "DefaultRouteSettings", "LoggingLevel"))
            in ("INFO", "ERROR")
            if stage is not None and protocol == "WEBSOCKET"
            else None,
            "throttling_rate_limit": to_float(
                dig(stage, "DefaultRouteSettings", "ThrottlingRateLimit")
            ),
        }
    stages = view.attached("AWS::ApiGateway::Stage", "RestApiId", rid)
    methods = view.attached("AWS::ApiGateway::Method", "RestApiId", rid)
    auths = {to_str(m.props.get("AuthorizationType", "NONE")) for m in methods}
    stage = stages[0].props if stages else _deployment_stage(p)
    endpoint = p.s("EndpointConfiguration", "Types", 0, default="EDGE")
    return {
        "api_type": "rest",
        "endpoint_type": endpoint.lower() if endpoint else None,
        **(_stage_fields(stage) if stage is not None else {}),
        "authorization": _weakest(auths),
        "web_acl": _web_acl(p),
    }


def _deployment_stage(p: Props) -> dict[str, Any] | None:
    """The stage a deployment creates (StageName, StageDescription), as a Stage would say it."""
    for deployment in p.view.attached("AWS::ApiGateway::Deployment", "RestApiId", p.res.rid):
        name = deployment.props.get("StageName", ABSENT)
        if name is ABSENT:
            continue
        described = deployment.props.get("StageDescription")
        described = described if isinstance(described, dict) else {}
        # Stage-wide settings of a description are the "*/*" method setting of a stage.
        stage_wide = {
            k: described[k]
            for k in ("LoggingLevel", "CacheDataEncrypted", "ThrottlingRateLimit")
            if k in described
        }
        stage: dict[str, Any] = {
            "StageName": name,
            "MethodSettings": [*to_list(described.get("MethodSettings")), stage_wide],
        }
        for key in ("AccessLogSetting", "TracingEnabled", "CacheClusterEnabled"):
            if key in described:
                stage[key] = described[key]
        if "ClientCertificateId" in described:
            stage["ClientCertificateId"] = described["ClientCertificateId"]
        return stage
    return None


def _stage_fields(stage: Any) -> Fields:
    settings = to_list(dig(stage, "MethodSettings"))
    levels = {to_str(dig(s, "LoggingLevel")) for s in settings}
    return {
        "stage": to_str(dig(stage, "StageName")),
        "execution_logging": bool(levels & {"INFO", "ERROR"}),
        "access_logging": dig(stage, "AccessLogSetting") is not ABSENT,
        "xray_tracing": to_bool(dig(stage, "TracingEnabled"), default=False),
        "cache_enabled": to_bool(dig(stage, "CacheClusterEnabled"), default=False),
        "cache_encrypted": any(to_bool(dig(s, "CacheDataEncrypted")) for s in settings),
        "throttling_rate_limit": next(
            (r for r in (to_float(dig(s, "ThrottlingRateLimit")) for s in settings) if r), None
        ),
        "client_certificate": dig(stage, "ClientCertificateId") is not ABSENT,
    }


def _weakest(auths: set[str | None]) -> str | None:
    """The API's authorization: "none" if any method is open; unknown if any is unresolved."""
    if not auths:
        return None
    if None in auths:
        return None
    if "NONE" in auths:
        return "none"
    return _AUTH.get(sorted(a for a in auths if a)[0])


def _sam_api(p: Props, api_type: str) -> Fields:
    default = p.s("Auth", "DefaultAuthorizer")
    authorizers = p.get("Auth", "Authorizers")
    if p.get("Auth", "DefaultAuthorizer") is ABSENT:
        auth: str | None = "none"
    elif default == "AWS_IAM":
        auth = "iam"
    elif default is None:
        auth = None
    else:
        spec = dig(authorizers, default)
        if dig(spec, "UserPoolArn") is not ABSENT:
            auth = "cognito"
        elif dig(spec, "JwtConfiguration") is not ABSENT:
            auth = "jwt"
        elif dig(spec, "FunctionArn") is not ABSENT:
            auth = "lambda"
        else:
            auth = None
    endpoint = p.get("EndpointConfiguration")
    endpoint_type = (
        to_str(dig(endpoint, "Type")) if isinstance(endpoint, dict) else to_str(endpoint)
    )
    if api_type == "http":
        return {
            "api_type": "http",
            "endpoint_type": "regional",
            "stage": p.s("StageName", default="$default"),
            "authorization": auth,
            "access_logging": _stated(p, "AccessLogSettings"),
        }
    return {
        "api_type": "rest",
        "endpoint_type": (endpoint_type or "EDGE").lower(),
        **_stage_fields(p.res.props),
        "authorization": auth,
    }


_LB_ATTRIBUTES = {
    "access_logs.s3.enabled": "access_logs_enabled",
    "deletion_protection.enabled": "deletion_protection",
    "routing.http.drop_invalid_header_fields.enabled": "drop_invalid_headers",
    "load_balancing.cross_zone.enabled": "cross_zone",
}


def load_balancer(p: Props) -> Fields:
    kind = p.s("Type", default="application")
    attributes = {
        to_str(dig(a, "Key")): dig(a, "Value") for a in to_list(p.get("LoadBalancerAttributes"))
    }
    fields: Fields = {
        "type": kind,
        "scheme": p.s("Scheme", default="internet-facing"),
        "subnets": p.refs("Subnets", kinds=SUBNET)
        or [r for m in to_list(p.get("SubnetMappings")) for r in p.view.refs(dig(m, "SubnetId"))],
        "security_groups": p.refs("SecurityGroups", kinds=SG),
        "web_acl": _web_acl(p),
    }
    defaults = {"cross_zone": kind == "application"}
    for key, field_name in _LB_ATTRIBUTES.items():
        fields[field_name] = to_bool(attributes.get(key, ABSENT), defaults.get(field_name, False))
    listeners, targets = [], []
    for listener in p.view.attached(
        "AWS::ElasticLoadBalancingV2::Listener", "LoadBalancerArn", p.res.rid
    ):
        action = dig(listener.props, "DefaultActions", 0)
        protocol, port = to_str(listener.props.get("Protocol")), to_int(listener.props.get("Port"))
        if protocol and port:
            listeners.append(
                {
                    "protocol": protocol,
                    "port": port,
                    "ssl_policy": to_str(listener.props.get("SslPolicy")),
                    "redirect_to_https": to_str(dig(action, "Type")) == "redirect"
                    and to_str(dig(action, "RedirectConfig", "Protocol")) == "HTTPS",
                }
            )
        group = p.view.target(dig(action, "TargetGroupArn"))
        group_res = p.view.resources.get(group) if group else None
        if group_res is not None and group is not None:
            for target in to_list(group_res.props.get("Targets")):
                targets += p.view.refs(dig(target, "Id"))
            # ECS registers a service's tasks in the groups the service names
            for service in p.view.attached(
                "AWS::ECS::Service", ("LoadBalancers", 0, "TargetGroupArn"), group
            ):
                targets += [p.view.out(service.rid)]
    fields["listeners"] = listeners
    fields["targets"] = targets
    return fields


def _web_acl(p: Props) -> str | None:
    """The web ACL a WAFv2 association puts on this resource (its ARN may be an Fn::Sub)."""
    for association in p.view.of_type("AWS::WAFv2::WebACLAssociation"):
        if p.res.rid in _mentioned(p, association.raw_props.get("ResourceArn")):
            return p.view.ref(association.props.get("WebACLArn"), "waf_web_acl")
    return None


# --- integration ----------------------------------------------------------------------------
def _attached_policy(p: Props, cfn_type: str, key: str, document: str = "PolicyDocument") -> Any:
    found = p.view.attached(cfn_type, key, p.res.rid)
    return Props(found[0], p.view, p.ev).policy(document) if found else None


def sqs_queue(p: Props) -> Fields:
    if p.get("KmsMasterKeyId") is not ABSENT:
        encryption: str | None = "sse-kms"
    else:
        managed = p.b("SqsManagedSseEnabled", default=True)
        encryption = None if managed is None else ("sse-sqs" if managed else "none")
    return {
        "fifo": p.b("FifoQueue", default=False) or False,
        "encryption": encryption,
        "kms_key": p.ref("KmsMasterKeyId", kinds=KMS),
        "visibility_timeout_s": p.i("VisibilityTimeout", default=30),
        "retention_s": p.i("MessageRetentionPeriod", default=345600),
        "dead_letter_queue": p.ref("RedrivePolicy", "deadLetterTargetArn", kinds=("sqs_queue",)),
        "policy": _attached_policy(p, "AWS::SQS::QueuePolicy", "Queues"),
    }


def sns_topic(p: Props) -> Fields:
    return {
        "fifo": p.b("FifoTopic", default=False) or False,
        "kms_key": p.ref("KmsMasterKeyId", kinds=KMS),
        "policy": _attached_policy(p, "AWS::SNS::TopicPolicy", "Topics"),
    }


def eventbridge_rule(p: Props) -> Fields:
    pattern = p.get("EventPattern")
    if isinstance(pattern, str):
        try:
            pattern = json.loads(pattern)
        except json.JSONDecodeError:
            pattern = None
    return {
        "bus": p.ref("EventBusName", kinds=("eventbridge_bus",)),
        "schedule": p.s("ScheduleExpression"),
        "event_pattern": pattern if isinstance(pattern, dict) else None,
        "targets": [r for t in to_list(p.get("Targets")) for r in p.view.refs(dig(t, "Arn"))],
        "enabled": p.s("State", default="ENABLED") != "DISABLED",
    }


def state_machine(p: Props) -> Fields:
    sam = p.res.type == "AWS::Serverless::StateMachine"
    logging = p.get("Logging") if sam else p.get("LoggingConfiguration")
    return {
        "type": p.s("Type" if sam else "StateMachineType", default="STANDARD"),
        "role": p.ref("Role" if sam else "RoleArn", kinds=ROLE),
        "logging_level": to_str(dig(logging, "Level"), default="OFF"),
        "tracing": to_bool(
            dig(p.get("Tracing" if sam else "TracingConfiguration"), "Enabled"), False
        ),
        "kms_key": p.ref("EncryptionConfiguration", "KmsKeyId", kinds=KMS),
    }


def kinesis_stream(p: Props) -> Fields:
    encrypted = p.s("StreamEncryption", "EncryptionType")
    return {
        "mode": p.s("StreamModeDetails", "StreamMode", default="PROVISIONED"),
        "shard_count": p.i("ShardCount"),
        "encryption": "KMS"
        if encrypted == "KMS"
        else ("NONE" if encrypted is None and p.get("StreamEncryption") is ABSENT else None),
        "kms_key": p.ref("StreamEncryption", "KeyId", kinds=KMS),
        "retention_hours": p.i("RetentionPeriodHours", default=24),
    }


# --- security -------------------------------------------------------------------------------
def kms_key(p: Props) -> Fields:
    aliases = p.view.attached("AWS::KMS::Alias", "TargetKeyId", p.res.rid)
    return {
        "rotation_enabled": p.b("EnableKeyRotation", default=False),
        "multi_region": p.b("MultiRegion", default=False),
        "key_spec": p.s("KeySpec", default="SYMMETRIC_DEFAULT"),
        "aliases": [s for s in (to_str(a.props.get("AliasName", ABSENT)) for a in aliases) if s],
        "pending_deletion": False,
        "policy": p.policy("KeyPolicy"),
    }


def secret(p: Props) -> Fields:
    schedules = p.view.attached("AWS::SecretsManager::RotationSchedule", "SecretId", p.res.rid)
    schedule = schedules[0].props if schedules else None
    return {
        "kms_key": p.ref("KmsKeyId", kinds=KMS),
        "rotation_enabled": schedule is not None,
        "rotation_days": to_int(dig(schedule, "RotationRules", "AutomaticallyAfterDays")),
        "rotation_function": p.view.ref(dig(schedule, "RotationLambdaARN"), "lambda_function"),
        "replica_regions": [
            s for s in (to_str(dig(r, "Region")) for r in to_list(p.get("ReplicaRegions"))) if s
        ],
        "policy": _attached_policy(
            p, "AWS::SecretsManager::ResourcePolicy", "SecretId", document="ResourcePolicy"
        ),
    }


def _model_only(refs: list[str]) -> list[str]:
    """Policies of the template; an ARN outside it is in managed_policy_arns already."""
    return [r for r in refs if not is_outside(r)]


def _names_me(p: Props, value: Any, name_key: str) -> bool:
    """Whether a Roles/Users/Groups list names this resource (by reference or by its name)."""
    if p.res.rid in p.view.refs_raw(value):
        return True
    own = p.s(name_key)
    return own is not None and own in to_str_list(value)


def _attachments(p: Props, key: str, name_key: str) -> tuple[list[str], dict[str, Any]]:
    """Customer managed policies (AWS::IAM::ManagedPolicy) and inline policies
    (AWS::IAM::Policy: AWS writes its document into each role, user and group it names)
    attached to this role, user or group by the policy's ``key`` list."""
    managed = [
        p.view.out(pol.rid)
        for pol in p.view.of_type("AWS::IAM::ManagedPolicy")
        if pol.rid in p.view.kind_of and _names_me(p, pol.props.get(key), name_key)
    ]
    inline: dict[str, Any] = {}
    for pol in p.view.of_type("AWS::IAM::Policy"):
        if _names_me(p, pol.props.get(key), name_key):
            q = Props(pol, p.view, p.ev)
            # A document that cannot be read stays as None: the policy exists, its grants are
            # unknown, and no rule may pass it.
            inline[q.s("PolicyName") or pol.rid] = q.policy("PolicyDocument")
    return managed, inline


def _own_inline(p: Props) -> dict[str, Any]:
    inline: dict[str, Any] = {}
    for index, policy in enumerate(to_list(p.get("Policies"))):
        name = to_str(dig(policy, "PolicyName"))
        if name:  # an unreadable document is None (not read), as for every source
            inline[name] = p.policy("Policies", index, "PolicyDocument")
    return inline


def _identity_policies(p: Props, key: str, name_key: str) -> Fields:
    arns = to_list(p.get("ManagedPolicyArns"))
    managed, attached_inline = _attachments(p, key, name_key)
    return {
        "managed_policies": sorted({*_model_only(p.view.refs(arns, "iam_policy")), *managed}),
        "managed_policy_arns": [a for a in arns if isinstance(a, str)],
        "inline_policies": {**_own_inline(p), **attached_inline},
    }


def iam_role(p: Props) -> Fields:
    session = p.i("MaxSessionDuration")
    return {
        "path": p.s("Path", default="/"),
        "trust_policy": p.policy("AssumeRolePolicyDocument"),
        **_identity_policies(p, "Roles", "RoleName"),
        "permissions_boundary": p.s("PermissionsBoundary"),
        "max_session_hours": None if session is None else session / 3600,
    }


def iam_policy(p: Props) -> Fields:
    return {"document": p.policy("PolicyDocument")}


def iam_group(p: Props) -> Fields:
    return _identity_policies(p, "Groups", "GroupName")


def _group_ids(p: Props, value: Any) -> list[str]:
    """Groups named by reference (their model id) or by name (kept as written)."""
    ids = p.view.refs(value, "iam_group")
    names = [n for n in to_str_list(value) if n]
    return [*ids, *names]


def iam_user(p: Props) -> Fields:
    groups = _group_ids(p, p.get("Groups"))
    for addition in p.view.of_type("AWS::IAM::UserToGroupAddition"):
        if _names_me(p, addition.props.get("Users"), "UserName"):
            groups += _group_ids(p, addition.props.get("GroupName"))
    return {
        **_identity_policies(p, "Users", "UserName"),
        "groups": list(dict.fromkeys(groups)),
        "console_access": p.get("LoginProfile") is not ABSENT,
        "access_keys": [
            {"active": to_str(key.props.get("Status", ABSENT), default="Active") != "Inactive"}
            for key in p.view.attached("AWS::IAM::AccessKey", "UserName", p.res.rid)
        ],
    }


def waf(p: Props) -> Fields:
    default = p.get("DefaultAction")
    return {
        "scope": p.s("Scope", default="REGIONAL"),
        "default_action": "block" if dig(default, "Block") is not ABSENT else "allow",
        "rules": [s for s in (to_str(dig(r, "Name")) for r in to_list(p.get("Rules"))) if s],
        "metrics_enabled": p.b("VisibilityConfig", "CloudWatchMetricsEnabled"),
        "logging_enabled": bool(
            p.view.attached("AWS::WAFv2::LoggingConfiguration", "ResourceArn", p.res.rid)
        ),
    }


def cognito(p: Props) -> Fields:
    return {
        "mfa": p.s("MfaConfiguration", default="OFF"),
        "advanced_security": p.s("UserPoolAddOns", "AdvancedSecurityMode", default="OFF")
        in ("ENFORCED", "AUDIT"),
        "advanced_security_enforced": p.s("UserPoolAddOns", "AdvancedSecurityMode", default="OFF")
        == "ENFORCED",
        "password_min_length": p.i("Policies", "PasswordPolicy", "MinimumLength", default=8),
        **_password_classes(p),
        "deletion_protection": p.s("DeletionProtection", default="INACTIVE") == "ACTIVE",
    }


_CLASSES = ("RequireLowercase", "RequireUppercase", "RequireNumbers", "RequireSymbols")


def _password_classes(p: Props) -> Fields:
    # No PasswordPolicy: Cognito's default policy (all four classes, 7-day temporary passwords).
    # A policy that leaves a requirement out is not read as either.
    policy = p.get("Policies", "PasswordPolicy")
    if policy is ABSENT:
        return {"password_requires_all_classes": True, "temporary_password_days": 7}
    required = [to_bool(dig(policy, key)) for key in _CLASSES]
    return {
        "password_requires_all_classes": False
        if False in required
        else (True if all(required) else None),
        "temporary_password_days": to_int(dig(policy, "TemporaryPasswordValidityDays")),
    }


# --- operations -----------------------------------------------------------------------------
def _rw(value: Any) -> ReadWrite | None:
    return read_write(to_str(value) if value is not ABSENT else "All")  # a selector's default


def _trail_selectors(p: Props) -> list[tuple[bool, ReadWrite | None]] | None:
    """The trail's selectors as (logs management events, read/write); None: it has none."""
    advanced = to_list(p.get("AdvancedEventSelectors"))
    if advanced:
        return [
            advanced_selector(
                {
                    str(to_str(dig(f, "Field"))): (
                        [str(v) for v in to_list(dig(f, "Equals"))],
                        [str(v) for v in to_list(dig(f, "NotEquals"))],
                    )
                    for f in to_list(dig(a, "FieldSelectors"))
                }
            )
            for a in advanced
        ]
    basic = to_list(p.get("EventSelectors"))
    if not basic:
        return None
    return [
        (
            to_bool(dig(s, "IncludeManagementEvents"), default=True) is True,
            _rw(dig(s, "ReadWriteType")),
        )
        for s in basic
    ]


def cloudtrail(p: Props) -> Fields:
    selectors = _trail_selectors(p)
    return {
        "multi_region": p.b("IsMultiRegionTrail", default=False),
        "management_events": p.b("IncludeGlobalServiceEvents", default=True)
        if selectors is None
        else any(logs for logs, _rw in selectors),
        # a trail without selectors logs every management event, read and write
        "management_read_write": "All" if selectors is None else management_read_write(selectors),
        "log_file_validation": p.b("EnableLogFileValidation", default=False),
        "is_logging": p.b("IsLogging"),
        "organization_trail": p.b("IsOrganizationTrail", default=False),
        "kms_key": p.ref("KMSKeyId", kinds=KMS),
        "bucket": p.ref("S3BucketName", kinds=("s3_bucket",)),
        "log_group": p.ref("CloudWatchLogsLogGroupArn", kinds=("cloudwatch_log_group",)),
    }


def log_group(p: Props) -> Fields:
    return {
        "log_group_name": p.s("LogGroupName"),
        "retention_days": p.i("RetentionInDays"),
        "kms_key": p.ref("KmsKeyId", kinds=KMS),
        # /aws/lambda/${Function}: the group holds that function's logs.
        "logs_of": sorted(
            p.view.out(r)
            for r in _mentioned(p, p.res.raw_props.get("LogGroupName"))
            if p.view.kind_of.get(r) not in (None, "cloudwatch_log_group")
        ),
    }


def _mentioned(p: Props, raw: Any) -> set[str]:
    saved = set(p.ev.referenced)
    p.ev.referenced.clear()
    p.ev.value(raw)
    found = set(p.ev.referenced)
    p.ev.referenced |= saved
    return found


def alarm(p: Props) -> Fields:
    return {
        "namespace": p.s("Namespace"),
        "metric": p.s("MetricName"),
        "statistic": p.s("Statistic"),
        "threshold": to_float(p.get("Threshold")),
        "comparison": p.s("ComparisonOperator"),
        "monitors": [r for d in to_list(p.get("Dimensions")) for r in p.view.refs(dig(d, "Value"))],
        "actions": _alarm_actions(p),
    }


def _alarm_actions(p: Props) -> Any:
    """The alarm's topics; an action the model does not hold (a scaling policy of the
    template) as ``${Id}``; NOT_KNOWN when a condition or parameter leaves them open."""
    found = p.refs("AlarmActions", kinds=("sns_topic",))
    value = p.get("AlarmActions")
    items = value if isinstance(value, list) else [value]
    undetermined = False
    for item in items:
        if isinstance(item, ResRef) and p.view.ref(item, "sns_topic") is None:
            marker = _marker(item.target)
            if marker and marker not in found:
                found.append(marker)
        elif item is UNKNOWN:
            undetermined = True
    return NOT_KNOWN if undetermined and not found else found


def codebuild(p: Props) -> Fields:
    env = to_list(p.get("Environment", "EnvironmentVariables"))
    s3_plain = p.b("LogsConfig", "S3Logs", "EncryptionDisabled", default=False)
    return {
        "image": p.s("Environment", "Image"),
        "compute_type": p.s("Environment", "ComputeType"),
        "privileged_mode": p.b("Environment", "PrivilegedMode", default=False),
        "role": p.ref("ServiceRole", kinds=ROLE),
        "kms_key": p.ref("EncryptionKey", kinds=KMS),
        # CloudWatch Logs are on unless LogsConfig turns them off.
        "logging_enabled": p.s("LogsConfig", "CloudWatchLogs", "Status") != "DISABLED"
        or p.s("LogsConfig", "S3Logs", "Status") == "ENABLED",
        "s3_logs_encrypted": None if s3_plain is None else not s3_plain,
        "plaintext_environment": sorted(
            str(to_str(dig(v, "Name")))
            for v in env
            if to_str(dig(v, "Type")) in (None, "PLAINTEXT") and to_str(dig(v, "Name"))
        ),
    }


# --- Auto Scaling, Elastic Beanstalk, MSK, EventBridge buses, CodePipeline ------------------
def _launch_template(p: Props) -> Any:
    """The LaunchTemplateData (or launch configuration properties) an Auto Scaling group uses."""
    for key in ("LaunchTemplate", "MixedInstancesPolicy"):
        spec = (
            p.get(key)
            if key == "LaunchTemplate"
            else p.get(key, "LaunchTemplate", "LaunchTemplateSpecification")
        )
        target = p.view.target(dig(spec, "LaunchTemplateId")) or p.view.target(
            dig(spec, "LaunchTemplateName")
        )
        res = p.view.resources.get(target) if target else None
        if res is not None:
            return res.props.get("LaunchTemplateData", {})
    target = p.view.target(p.get("LaunchConfigurationName"))
    res = p.view.resources.get(target) if target else None
    return res.props if res is not None else ABSENT


def _profile_role(p: Props, value: Any) -> str | None:
    """The role of the instance profile a value names."""
    profile = p.view.target(value)
    res = p.view.resources.get(profile) if profile else None
    roles = p.view.refs(res.props.get("Roles"), *ROLE) if res else []
    return roles[0] if roles else None


def _asks_public_ip(data: Any) -> bool | None:
    """AssociatePublicIpAddress of a launch configuration, or of a template's first interface."""
    if data is ABSENT:
        return None
    value = dig(data, "AssociatePublicIpAddress")
    if value is ABSENT:
        value = dig(data, "NetworkInterfaces", 0, "AssociatePublicIpAddress")
    return to_bool(value, default=False)


def _multiple_types(overrides: list[Any]) -> bool | None:
    """Two or more instance types among a mixed instances policy's overrides, or attribute-based
    selection (InstanceRequirements), which lets EC2 pick among many."""
    if any(dig(o, "InstanceRequirements") is not ABSENT for o in overrides):
        return True
    types = [to_str(dig(o, "InstanceType")) for o in overrides]
    if len({t for t in types if t}) >= 2:
        return True
    return None if None in types else False


def autoscaling_group(p: Props) -> Fields:
    data = _launch_template(p)
    profile = dig(data, "IamInstanceProfile")
    return {
        "instance_type": to_str(dig(data, "InstanceType")),
        "min_size": p.i("MinSize"),
        "max_size": p.i("MaxSize"),
        "desired_capacity": p.i("DesiredCapacity"),
        "health_check_type": p.s("HealthCheckType", default="EC2"),
        "imdsv2_required": _http_tokens(dig(data, "MetadataOptions", "HttpTokens")),
        "public_ip": _asks_public_ip(data),
        "multiple_instance_types": _multiple_types(
            to_list(p.get("MixedInstancesPolicy", "LaunchTemplate", "Overrides"))
        ),
        "role": _profile_role(p, dig(profile, "Arn"))
        or _profile_role(p, dig(profile, "Name"))
        or _profile_role(p, profile),
        "subnets": p.refs("VPCZoneIdentifier", kinds=SUBNET),
        "security_groups": p.view.refs(dig(data, "SecurityGroupIds"), *SG)
        or p.view.refs(dig(data, "SecurityGroups"), *SG),
    }


def launch_template(p: Props) -> Fields:
    """The template as written (CloudFormation creates version 1, the default)."""
    data = p.get("LaunchTemplateData")
    interfaces = to_list(dig(data, "NetworkInterfaces"))
    mappings = [m for m in to_list(dig(data, "BlockDeviceMappings")) if isinstance(m, dict)]
    return {
        "instance_type": to_str(dig(data, "InstanceType")),
        "imdsv2_required": _http_tokens(dig(data, "MetadataOptions", "HttpTokens")),
        # not asking leaves it to the subnet's setting: no public IP asked for
        "public_ip": any(
            to_bool(dig(i, "AssociatePublicIpAddress"), default=False) for i in interfaces
        ),
        "ebs_encryption": ebs_encryption(
            [to_bool(dig(m, "Ebs", "Encrypted")) for m in mappings if "Ebs" in m]
        ),
    }


def beanstalk_environment(p: Props) -> Fields:
    """The option settings as written; their meaning is decided in collectors.beanstalk."""
    settings = [
        (str(to_str(dig(item, "Namespace"))), str(to_str(dig(item, "OptionName"))),
         dig(item, "Value"))
        for item in to_list(p.get("OptionSettings"))
    ]  # fmt: skip
    fields, refs = beanstalk_fields(settings, p.s("Tier", "Name"))

    def ids(field: str, *kinds: str) -> list[str]:
        """Ids in a comma-separated option, often written `!Join [",", [!Ref A, !Ref B]]`."""
        if field not in refs:
            return []
        raw = dig(p.res.raw_props, "OptionSettings", refs[field], "Value")
        items = dig(raw, "Fn::Join", 1) if isinstance(raw, dict) else ABSENT
        if isinstance(items, list):
            return p.view.refs(p.ev.value(items), *kinds)
        return p.view.refs(settings[refs[field]][2], *kinds)

    app = p.view.resources.get(p.view.target(p.get("ApplicationName")) or "")
    profile = settings[refs["instance_profile"]][2] if "instance_profile" in refs else None
    return {
        "application": p.s("ApplicationName")
        or (to_str(app.props.get("ApplicationName", ABSENT)) if app is not None else None),
        "platform": p.s("SolutionStackName") or p.s("PlatformArn"),
        **fields,
        "role": _profile_role(p, profile) if profile is not None else None,
        "subnets": ids("subnets", *SUBNET),
        "security_groups": ids("security_groups", *SG),
    }


def msk_cluster(p: Props) -> Fields:
    brokers = p.get("BrokerNodeGroupInfo")
    transit = p.get("EncryptionInfo", "EncryptionInTransit")
    auth = p.get("ClientAuthentication")
    logs = p.get("LoggingInfo", "BrokerLogs")
    public = to_str(dig(brokers, "ConnectivityInfo", "PublicAccess", "Type"), default="DISABLED")
    return {
        "kafka_version": p.s("KafkaVersion"),
        "broker_instance_type": to_str(dig(brokers, "InstanceType")),
        "broker_count": p.i("NumberOfBrokerNodes"),
        "storage_gb_per_broker": to_int(
            dig(brokers, "StorageInfo", "EBSStorageInfo", "VolumeSize"), default=1000
        ),
        "client_broker_encryption": to_str(dig(transit, "ClientBroker"), default="TLS"),
        "in_cluster_encryption": to_bool(dig(transit, "InCluster"), default=True),
        "kms_key": p.ref("EncryptionInfo", "EncryptionAtRest", "DataVolumeKMSKeyId", kinds=KMS),
        "public_access": None if public is None else public != "DISABLED",
        # Without any client authentication, MSK lets unauthenticated clients in.
        "unauthenticated_access": True
        if auth is ABSENT
        else to_bool(dig(auth, "Unauthenticated", "Enabled"), default=False),
        "broker_logging": any(
            to_bool(dig(logs, dest, "Enabled"), default=False)
            for dest in ("CloudWatchLogs", "Firehose", "S3")
        ),
        "subnets": p.view.refs(dig(brokers, "ClientSubnets"), *SUBNET),
        "security_groups": p.view.refs(dig(brokers, "SecurityGroups"), *SG),
    }


def eventbridge_bus(p: Props) -> Fields:
    archives = p.view.attached("AWS::Events::Archive", "SourceArn", p.res.rid)
    # An EventBusPolicy resource adds a statement to the bus it names.
    attached = p.view.attached("AWS::Events::EventBusPolicy", "EventBusName", p.res.rid)
    statements = [Props(res, p.view, p.ev).policy("Statement") for res in attached]
    policy = p.policy("Policy")
    if policy is None and statements and all(isinstance(s, dict) for s in statements):
        # the older Action/Principal form is not read: the policy then stays unknown
        policy = {"Version": "2012-10-17", "Statement": statements}
    return {
        "kms_key": p.ref("KmsKeyIdentifier", kinds=KMS),
        "archive_enabled": bool(archives),
        "policy": policy,
        "has_policy": p.get("Policy") is not ABSENT or bool(attached),
    }


def codepipeline(p: Props) -> Fields:
    store = p.get("ArtifactStore")
    key: tuple[str | int, ...] = ("ArtifactStore",)
    if store is ABSENT:  # a cross-region pipeline: one store per region, the first one read
        key = ("ArtifactStores", 0, "ArtifactStore")
        store = p.get(*key)
    return {
        "stages": [s for s in (to_str(dig(st, "Name")) for st in to_list(p.get("Stages"))) if s],
        "artifact_bucket": p.ref(*key, "Location", kinds=("s3_bucket",)),
        "role": p.ref("RoleArn", kinds=ROLE),
        "kms_key": p.ref(*key, "EncryptionKey", "Id", kinds=KMS),
    }


Mapper = Callable[[Props], Fields]

MAPPERS: dict[str, Mapper] = {
    "AWS::RDS::DBInstance": rds_instance,
    "AWS::RDS::DBCluster": rds_cluster,
    "AWS::RDS::DBProxy": rds_proxy,
    "AWS::DynamoDB::Table": dynamodb_table,
    "AWS::DynamoDB::GlobalTable": dynamodb_global_table,
    "AWS::Serverless::SimpleTable": simple_table,
    "AWS::S3::Bucket": s3_bucket,
    "AWS::EFS::FileSystem": efs_file_system,
    "AWS::EC2::Volume": ebs_volume,
    "AWS::ElastiCache::ReplicationGroup": elasticache,
    "AWS::ElastiCache::CacheCluster": elasticache,
    "AWS::OpenSearchService::Domain": opensearch,
    "AWS::Elasticsearch::Domain": opensearch,
    "AWS::Backup::BackupVault": backup_vault,
    "AWS::Backup::BackupSelection": backup_selection,
    "AWS::Backup::BackupPlan": backup_plan,
    "AWS::Shield::Protection": shield_protection,
    "AWS::Lambda::Function": lambda_function,
    "AWS::Serverless::Function": lambda_function,
    "AWS::EC2::Instance": ec2_instance,
    "AWS::EC2::LaunchTemplate": launch_template,
    "AWS::EKS::Cluster": eks_cluster,
    "AWS::ECS::Service": ecs_service,
    "AWS::EC2::VPC": vpc,
    "AWS::EC2::Subnet": subnet,
    "AWS::EC2::InternetGateway": internet_gateway,
    "AWS::EC2::NatGateway": nat_gateway,
    "AWS::EC2::SecurityGroup": security_group,
    "AWS::EC2::VPCEndpoint": vpc_endpoint,
    "AWS::Route53::HostedZone": route53_zone,
    "AWS::CloudFront::Distribution": cloudfront,
    "AWS::ApiGateway::RestApi": api_gateway,
    "AWS::ApiGatewayV2::Api": api_gateway,
    "AWS::Serverless::Api": api_gateway,
    "AWS::Serverless::HttpApi": api_gateway,
    "AWS::ElasticLoadBalancingV2::LoadBalancer": load_balancer,
    "AWS::SQS::Queue": sqs_queue,
    "AWS::SNS::Topic": sns_topic,
    "AWS::Events::Rule": eventbridge_rule,
    "AWS::StepFunctions::StateMachine": state_machine,
    "AWS::Serverless::StateMachine": state_machine,
    "AWS::Kinesis::Stream": kinesis_stream,
    "AWS::KMS::Key": kms_key,
    "AWS::SecretsManager::Secret": secret,
    "AWS::IAM::Role": iam_role,
    "AWS::IAM::ManagedPolicy": iam_policy,
    "AWS::IAM::Group": iam_group,
    "AWS::IAM::User": iam_user,
    "AWS::WAFv2::WebACL": waf,
    "AWS::Cognito::UserPool": cognito,
    "AWS::CloudTrail::Trail": cloudtrail,
    "AWS::Logs::LogGroup": log_group,
    "AWS::CloudWatch::Alarm": alarm,
    "AWS::CodeBuild::Project": codebuild,
    "AWS::AutoScaling::AutoScalingGroup": autoscaling_group,
    "AWS::ElasticBeanstalk::Environment": beanstalk_environment,
    "AWS::MSK::Cluster": msk_cluster,
    "AWS::Events::EventBus": eventbridge_bus,
    "AWS::CodePipeline::Pipeline": codepipeline,
}

# Types that are not kinds of their own but are read into the resource they attach to.
AUXILIARY = frozenset(
    {
        "AWS::RDS::DBSubnetGroup",
        "AWS::EC2::VolumeAttachment",
        "AWS::EC2::NetworkInterfaceAttachment",
        "AWS::ElastiCache::SubnetGroup",
        "AWS::RDS::DBParameterGroup",
        "AWS::RDS::DBClusterParameterGroup",
        "AWS::RDS::DBProxyTargetGroup",
        "AWS::S3::BucketPolicy",
        "AWS::SQS::QueuePolicy",
        "AWS::SNS::TopicPolicy",
        "AWS::Lambda::Permission",
        "AWS::Lambda::Url",
        "AWS::Lambda::EventSourceMapping",
        "AWS::ApplicationAutoScaling::ScalableTarget",
        "AWS::ApplicationAutoScaling::ScalingPolicy",
        "AWS::SecretsManager::RotationSchedule",
        "AWS::SecretsManager::ResourcePolicy",
        "AWS::EFS::MountTarget",
        "AWS::KMS::Alias",
        "AWS::EC2::SecurityGroupIngress",
        "AWS::EC2::SecurityGroupEgress",
        "AWS::EC2::SubnetRouteTableAssociation",
        "AWS::EC2::RouteTable",
        "AWS::EC2::Route",
        "AWS::EC2::VPCGatewayAttachment",
        "AWS::EC2::FlowLog",
        "AWS::IAM::InstanceProfile",
        "AWS::IAM::AccessKey",
        "AWS::IAM::Policy",
        "AWS::IAM::UserToGroupAddition",
        "AWS::Route53::RecordSet",
        "AWS::EC2::EIP",
        "AWS::ApiGateway::VpcLink",
        "AWS::AutoScaling::LaunchConfiguration",
        "AWS::Events::Archive",
        "AWS::Events::EventBusPolicy",
        "AWS::ElasticBeanstalk::Application",
        "AWS::ApiGateway::Stage",
        "AWS::ApiGateway::Deployment",
        "AWS::ApiGateway::Method",
        "AWS::ApiGateway::Resource",
        "AWS::ApiGatewayV2::Stage",
        "AWS::ApiGatewayV2::Route",
        "AWS::ApiGatewayV2::Integration",
        "AWS::ECS::TaskDefinition",
        "AWS::ECS::Cluster",
        "AWS::WAFv2::LoggingConfiguration",
        "AWS::WAFv2::WebACLAssociation",
        "AWS::ElasticLoadBalancingV2::Listener",
        "AWS::ElasticLoadBalancingV2::ListenerRule",
        "AWS::ElasticLoadBalancingV2::TargetGroup",
        "AWS::CloudFront::OriginAccessControl",
        "AWS::CloudFront::CloudFrontOriginAccessIdentity",
    }
)
