"""RDS: DB instances, clusters, proxies (with their targets) and snapshots (with copies)."""

from __future__ import annotations

from typing import Any

from archcode.collectors.aws.draft import Ctx, tags
from archcode.collectors.aws.services.base import ServiceGroup, listing


def _groups(ctx: Ctx, item: dict[str, Any]) -> list[Any]:
    return ctx.refs(g.get("VpcSecurityGroupId") for g in item.get("VpcSecurityGroups") or [])


_TLS_PARAMETERS = ("rds.force_ssl", "require_secure_transport")


def _forces_tls(ctx: Ctx, db: dict[str, Any], cache: dict[str, bool | None]) -> bool | None:
    """The instance's parameter group sets rds.force_ssl (PostgreSQL, SQL Server) or
    require_secure_transport (MySQL, MariaDB); unknown when the parameters could not be read."""
    names = [
        g["DBParameterGroupName"]
        for g in db.get("DBParameterGroups") or []
        if g.get("DBParameterGroupName")
    ]
    if not names:
        return None
    if names[0] not in cache:
        params = ctx.reader.items(
            "describe_db_parameters",
            "Parameters",
            kinds=("rds_instance",),
            DBParameterGroupName=names[0],
        )
        found = [
            str(p.get("ParameterValue", "")).lower() in ("1", "on", "true")
            for p in params or []
            if p.get("ParameterName") in _TLS_PARAMETERS
        ]
        cache[names[0]] = None if params is None else any(found)
    forced = cache[names[0]]
    # An Aurora member may force TLS in its cluster's parameter group, which is not read.
    return None if forced is False and db.get("DBClusterIdentifier") else forced


def _instances(ctx: Ctx) -> dict[str, list[str]]:
    """Read the instances; returns each cluster's subnets, as its member instances show them."""
    cluster_subnets: dict[str, list[str]] = {}
    tls: dict[str, bool | None] = {}
    for db in listing(ctx, "rds_instance", "DBInstances") or []:
        subnets = (db.get("DBSubnetGroup") or {}).get("Subnets") or []
        if db.get("DBClusterIdentifier"):
            cluster_subnets.setdefault(db["DBClusterIdentifier"], []).extend(
                s["SubnetIdentifier"] for s in subnets if s.get("SubnetIdentifier")
            )
        ctx.add(
            "rds_instance",
            db["DBInstanceIdentifier"],
            {
                "name": db["DBInstanceIdentifier"],
                "arn": db.get("DBInstanceArn"),
                "tags": tags(db.get("TagList")),
                "engine": db.get("Engine"),
                "engine_version": db.get("EngineVersion"),
                "instance_class": db.get("DBInstanceClass"),
                "allocated_storage_gb": db.get("AllocatedStorage"),
                "storage_type": db.get("StorageType"),
                "storage_encrypted": db.get("StorageEncrypted"),
                "kms_key": ctx.ref(db.get("KmsKeyId")),
                "multi_az": db.get("MultiAZ"),
                "backup_retention_days": db.get("BackupRetentionPeriod"),
                "publicly_accessible": db.get("PubliclyAccessible"),
                "deletion_protection": db.get("DeletionProtection"),
                "iam_auth": db.get("IAMDatabaseAuthenticationEnabled"),
                "auto_minor_version_upgrade": db.get("AutoMinorVersionUpgrade"),
                "enhanced_monitoring": (db.get("MonitoringInterval") or 0) > 0,
                "copy_tags_to_snapshot": db.get("CopyTagsToSnapshot"),
                "require_tls": _forces_tls(ctx, db, tls),
                "log_exports": db.get("EnabledCloudwatchLogsExports") or [],
                "port": (db.get("Endpoint") or {}).get("Port") or db.get("DbInstancePort") or None,
                "cluster": ctx.ref(db.get("DBClusterIdentifier")),
                "replica_of": ctx.ref(db.get("ReadReplicaSourceDBInstanceIdentifier")),
                "subnets": ctx.refs(s.get("SubnetIdentifier") for s in subnets),
                "security_groups": _groups(ctx, db),
                "az": None if db.get("MultiAZ") else db.get("AvailabilityZone"),
            },
            db.get("DbiResourceId"),
        )

    return cluster_subnets


def _audit_logging(ctx: Ctx, cl: dict[str, Any], cache: dict[str, bool | None]) -> bool | None:
    """Aurora MySQL's Advanced Auditing in the cluster parameter group: server_audit_logging 1
    (or ON) and server_audit_events naming some event; unknown when the group was not read.
    Other engines have no such parameters."""
    engine = str(cl.get("Engine") or "")
    name = cl.get("DBClusterParameterGroup")
    if not (engine == "aurora" or engine.startswith("aurora-mysql")) or not name:
        return None
    if str(name).startswith("default."):
        return False  # a default group cannot be changed, and it leaves auditing off
    if name not in cache:
        params = ctx.reader.items(
            "describe_db_cluster_parameters",
            "Parameters",
            kinds=("rds_cluster",),
            DBClusterParameterGroupName=name,
        )
        values = {p.get("ParameterName"): str(p.get("ParameterValue") or "") for p in params or []}
        cache[name] = (
            None
            if params is None
            else values.get("server_audit_logging", "0").lower() in ("1", "on")
            and bool(values.get("server_audit_events", "").strip())
        )
    return cache[name]


def _clusters(ctx: Ctx, cluster_subnets: dict[str, list[str]]) -> None:
    audit: dict[str, bool | None] = {}
    for cl in listing(ctx, "rds_cluster", "DBClusters") or []:
        mode = cl.get("EngineMode")
        v2 = cl.get("ServerlessV2ScalingConfiguration") or {}
        ctx.add(
            "rds_cluster",
            cl["DBClusterIdentifier"],
            {
                "name": cl["DBClusterIdentifier"],
                "arn": cl.get("DBClusterArn"),
                "tags": tags(cl.get("TagList")),
                "engine": cl.get("Engine"),
                "engine_version": cl.get("EngineVersion"),
                "engine_mode": "serverless" if mode == "serverless" else "provisioned",
                "serverless_v2_min_acu": v2.get("MinCapacity"),
                "serverless_v2_max_acu": v2.get("MaxCapacity"),
                "instance_class": cl.get("DBClusterInstanceClass"),
                "instance_count": len(cl.get("DBClusterMembers") or []),
                "availability_zones": cl.get("AvailabilityZones") or [],
                "storage_encrypted": cl.get("StorageEncrypted"),
                "kms_key": ctx.ref(cl.get("KmsKeyId")),
                "multi_az": cl.get("MultiAZ"),
                "backup_retention_days": cl.get("BackupRetentionPeriod"),
                "deletion_protection": cl.get("DeletionProtection"),
                "iam_auth": cl.get("IAMDatabaseAuthenticationEnabled"),
                "publicly_accessible": cl.get("PubliclyAccessible"),
                "copy_tags_to_snapshot": cl.get("CopyTagsToSnapshot"),
                "log_exports": cl.get("EnabledCloudwatchLogsExports") or [],
                # The answer leaves BacktrackWindow out where backtracking was never set.
                "backtrack_window_s": cl.get("BacktrackWindow") or 0,
                "audit_logging": _audit_logging(ctx, cl, audit),
                "replica_of": ctx.ref(cl.get("ReplicationSourceIdentifier")),
                "security_groups": _groups(ctx, cl),
                "subnets": ctx.refs(
                    dict.fromkeys(cluster_subnets.get(cl["DBClusterIdentifier"], []))
                ),
            },
            cl.get("DbClusterResourceId"),
        )


def _proxies(ctx: Ctx) -> None:
    for px in listing(ctx, "rds_proxy", "DBProxies") or []:
        name = px["DBProxyName"]
        found = ctx.reader.items(
            "describe_db_proxy_targets", "Targets", kinds=("rds_proxy",), DBProxyName=name
        )
        targets = [ctx.ref(t["RdsResourceId"]) for t in found or [] if t.get("RdsResourceId")]
        family = px.get("EngineFamily")
        auth = px.get("Auth") or []
        ctx.add(
            "rds_proxy",
            name,
            {
                "name": name,
                "arn": px.get("DBProxyArn"),
                "engine_family": family,
                "targets": [t for t in targets if t is not None],
                "secrets": ctx.refs(a.get("SecretArn") for a in auth),
                "role": ctx.ref(px.get("RoleArn")),
                "require_tls": px.get("RequireTLS"),
                "iam_auth": next((a.get("IAMAuth") for a in auth if a.get("IAMAuth")), None),
                "idle_client_timeout_s": px.get("IdleClientTimeout"),
                "subnets": ctx.refs(px.get("VpcSubnetIds")),
                "security_groups": ctx.refs(px.get("VpcSecurityGroupIds")),
            },
        )


def _snapshot_sharing(ctx: Ctx, snapshot_id: str) -> tuple[bool | None, list[str]]:
    reply = ctx.reader.call(
        "describe_db_snapshot_attributes",
        kinds=("db_snapshot",),
        DBSnapshotIdentifier=snapshot_id,
    )
    if not isinstance(reply, dict):
        return None, []
    attrs = (reply.get("DBSnapshotAttributesResult") or {}).get("DBSnapshotAttributes") or []
    restore = [
        v
        for a in attrs
        if a.get("AttributeName") == "restore"
        for v in a.get("AttributeValues") or []
    ]
    return "all" in restore, [v for v in restore if v != "all"]


def _snapshots(ctx: Ctx) -> None:
    for snap in listing(ctx, "db_snapshot", "DBSnapshots") or []:
        sid = snap["DBSnapshotIdentifier"]
        manual = snap.get("SnapshotType") != "automated"
        public, shared = _snapshot_sharing(ctx, sid) if manual else (False, [])
        ctx.add(
            "db_snapshot",
            "snapshot/" + sid,
            {
                "name": sid,
                "arn": snap.get("DBSnapshotArn"),
                "source": ctx.ref(snap.get("DBInstanceIdentifier")),
                "copy_of": ctx.ref(snap.get("SourceDBSnapshotIdentifier")),
                "encrypted": snap.get("Encrypted"),
                "kms_key": ctx.ref(snap.get("KmsKeyId")),
                "public": public,
                "shared_with_accounts": shared,
                "automated": not manual,
                "tags": tags(snap.get("TagList")),
            },
            sid,
        )
    for snap in listing(ctx, "db_snapshot", "DBClusterSnapshots", index=1) or []:
        sid = snap["DBClusterSnapshotIdentifier"]
        ctx.add(
            "db_snapshot",
            "cluster-snapshot/" + sid,
            {
                "name": sid,
                "arn": snap.get("DBClusterSnapshotArn"),
                "source": ctx.ref(snap.get("DBClusterIdentifier")),
                "copy_of": ctx.ref(snap.get("SourceDBClusterSnapshotArn")),
                "encrypted": snap.get("StorageEncrypted"),
                "kms_key": ctx.ref(snap.get("KmsKeyId")),
                "automated": snap.get("SnapshotType") == "automated",
                "tags": tags(snap.get("TagList")),
            },
            sid,
        )


def collect(ctx: Ctx) -> None:
    _clusters(ctx, _instances(ctx))
    _proxies(ctx)
    _snapshots(ctx)


GROUP = ServiceGroup("rds", ("rds_instance", "rds_cluster", "rds_proxy", "db_snapshot"), collect)
