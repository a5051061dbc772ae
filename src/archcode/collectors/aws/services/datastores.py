"""Managed data stores beyond RDS: EFS, ElastiCache, OpenSearch, Kinesis data streams."""

from __future__ import annotations

from typing import Any

from archcode.collectors.aws.draft import Ctx, tags
from archcode.collectors.aws.reader import ABSENT
from archcode.collectors.aws.services.base import ServiceGroup, listing, policy_json

_EFS, _CACHE, _SEARCH = ("efs_file_system",), ("elasticache_cluster",), ("opensearch_domain",)


def _mount_groups(ctx: Ctx, mount: dict[str, Any]) -> list[str]:
    reply = ctx.reader.call(
        "describe_mount_target_security_groups", kinds=_EFS, MountTargetId=mount["MountTargetId"]
    )
    return list(reply.get("SecurityGroups") or []) if isinstance(reply, dict) else []


def collect_efs(ctx: Ctx) -> None:
    for fs in listing(ctx, "efs_file_system", "FileSystems") or []:
        fid = fs["FileSystemId"]
        mounts = ctx.reader.items(
            "describe_mount_targets", "MountTargets", kinds=_EFS, FileSystemId=fid
        )
        backup = ctx.reader.call(
            "describe_backup_policy", kinds=_EFS, absent=("PolicyNotFound",), FileSystemId=fid
        )
        throughput = fs.get("ThroughputMode")
        ctx.add(
            "efs_file_system",
            fid,
            {
                "name": fs.get("Name") or fid,
                "arn": fs.get("FileSystemArn"),
                "encrypted": fs.get("Encrypted"),
                "kms_key": ctx.ref(fs.get("KmsKeyId")),
                "one_zone": bool(fs.get("AvailabilityZoneName")),
                "performance_mode": fs.get("PerformanceMode"),
                "throughput_mode": throughput
                if throughput in ("bursting", "provisioned", "elastic")
                else None,
                "automatic_backups": False
                if backup is ABSENT
                else (
                    (backup.get("BackupPolicy") or {}).get("Status") == "ENABLED"
                    if isinstance(backup, dict)
                    else None
                ),
                "subnets": ctx.refs(m.get("SubnetId") for m in mounts or []),
                "security_groups": ctx.refs(
                    dict.fromkeys(g for m in mounts or [] for g in _mount_groups(ctx, m))
                ),
                "tags": tags(fs.get("Tags")),
            },
        )


def _engine(value: Any) -> str | None:
    return value if value in ("redis", "valkey", "memcached") else None


def _cache_subnets(ctx: Ctx) -> dict[str, list[str]]:
    groups = ctx.reader.items("describe_cache_subnet_groups", "CacheSubnetGroups", kinds=_CACHE)
    return {
        g["CacheSubnetGroupName"]: [
            s["SubnetIdentifier"] for s in g.get("Subnets") or [] if s.get("SubnetIdentifier")
        ]
        for g in groups or []
        if g.get("CacheSubnetGroupName")
    }


def _default_group(cluster: dict[str, Any]) -> bool | None:
    name = cluster.get("CacheSubnetGroupName")
    return None if not name else str(name).lower() == "default"


def collect_elasticache(ctx: Ctx) -> None:
    clusters = ctx.reader.items("describe_cache_clusters", "CacheClusters", kinds=_CACHE)
    by_id = {c["CacheClusterId"]: c for c in clusters or []}
    subnets = _cache_subnets(ctx)
    for group in listing(ctx, "elasticache_cluster", "ReplicationGroups") or []:
        members = [by_id[m] for m in group.get("MemberClusters") or [] if m in by_id]
        first = members[0] if members else {}
        gid = group["ReplicationGroupId"]
        ctx.add(
            "elasticache_cluster",
            f"cache/{gid}",
            {
                "name": gid,
                "arn": group.get("ARN"),
                "engine": _engine(group.get("Engine") or first.get("Engine") or "redis"),
                "engine_version": first.get("EngineVersion"),
                "node_type": group.get("CacheNodeType") or first.get("CacheNodeType"),
                "num_nodes": len(group.get("MemberClusters") or []) or None,
                "automatic_failover": group.get("AutomaticFailover") == "enabled",
                "multi_az": group.get("MultiAZ") == "enabled",
                "at_rest_encryption": group.get("AtRestEncryptionEnabled"),
                "transit_encryption": group.get("TransitEncryptionEnabled"),
                "kms_key": ctx.ref(group.get("KmsKeyId")),
                "snapshot_retention_days": group.get("SnapshotRetentionLimit"),
                "auth_token_enabled": group.get("AuthTokenEnabled"),
                "auto_minor_version_upgrade": first.get("AutoMinorVersionUpgrade"),
                "default_subnet_group": _default_group(first),
                "security_groups": ctx.refs(
                    g.get("SecurityGroupId") for g in first.get("SecurityGroups") or []
                ),
                "subnets": ctx.refs(subnets.get(first.get("CacheSubnetGroupName", ""), [])),
            },
        )
    for cl in by_id.values():
        if cl.get("ReplicationGroupId"):
            continue  # part of a replication group above
        cid = cl["CacheClusterId"]
        ctx.add(
            "elasticache_cluster",
            f"cache/{cid}",
            {
                "name": cid,
                "arn": cl.get("ARN"),
                "engine": _engine(cl.get("Engine")),
                "engine_version": cl.get("EngineVersion"),
                "node_type": cl.get("CacheNodeType"),
                "num_nodes": cl.get("NumCacheNodes"),
                "at_rest_encryption": cl.get("AtRestEncryptionEnabled"),
                "transit_encryption": cl.get("TransitEncryptionEnabled"),
                "auth_token_enabled": cl.get("AuthTokenEnabled"),
                "snapshot_retention_days": cl.get("SnapshotRetentionLimit"),
                "auto_minor_version_upgrade": cl.get("AutoMinorVersionUpgrade"),
                "default_subnet_group": _default_group(cl),
                "az": cl.get("PreferredAvailabilityZone"),
                "subnets": ctx.refs(subnets.get(cl.get("CacheSubnetGroupName", ""), [])),
                "security_groups": ctx.refs(
                    g.get("SecurityGroupId") for g in cl.get("SecurityGroups") or []
                ),
            },
        )


def _master_count(enabled: Any, cluster: dict[str, Any]) -> int | None:
    # No dedicated master nodes when the domain says they are off.
    if enabled is None:
        return None
    return cluster.get("DedicatedMasterCount") if enabled else 0


def collect_opensearch(ctx: Ctx) -> None:
    names = [d["DomainName"] for d in listing(ctx, "opensearch_domain", "DomainNames") or []]
    for start in range(0, len(names), 5):  # DescribeDomains takes at most five names
        reply = ctx.reader.call(
            "describe_domains", kinds=_SEARCH, DomainNames=names[start : start + 5]
        )
        for dom in (reply.get("DomainStatusList") or []) if isinstance(reply, dict) else []:
            cluster = dom.get("ClusterConfig") or {}
            at_rest = dom.get("EncryptionAtRestOptions") or {}
            endpoint = dom.get("DomainEndpointOptions") or {}
            vpc = dom.get("VPCOptions") or {}
            logs = dom.get("LogPublishingOptions") or {}
            audit = logs.get("AUDIT_LOGS") or {}
            master = cluster.get("DedicatedMasterEnabled")
            ctx.add(
                "opensearch_domain",
                f"search/{dom['DomainName']}",
                {
                    "name": dom["DomainName"],
                    "arn": dom.get("ARN"),
                    "engine_version": dom.get("EngineVersion"),
                    "instance_type": cluster.get("InstanceType"),
                    "instance_count": cluster.get("InstanceCount"),
                    "zone_awareness": cluster.get("ZoneAwarenessEnabled"),
                    "dedicated_master": master,
                    "dedicated_master_count": _master_count(master, cluster),
                    "encryption_at_rest": at_rest.get("Enabled"),
                    "kms_key": ctx.ref(at_rest.get("KmsKeyId")),
                    "node_to_node_encryption": (dom.get("NodeToNodeEncryptionOptions") or {}).get(
                        "Enabled"
                    ),
                    "enforce_https": endpoint.get("EnforceHTTPS"),
                    "tls_policy": endpoint.get("TLSSecurityPolicy"),
                    "audit_logging": bool(audit.get("Enabled")),
                    "error_logging": bool((logs.get("ES_APPLICATION_LOGS") or {}).get("Enabled")),
                    "fine_grained_access_control": (dom.get("AdvancedSecurityOptions") or {}).get(
                        "Enabled"
                    ),
                    "storage_gb": (dom.get("EBSOptions") or {}).get("VolumeSize"),
                    "subnets": ctx.refs(vpc.get("SubnetIds")),
                    "security_groups": ctx.refs(vpc.get("SecurityGroupIds")),
                    "access_policy": policy_json(dom.get("AccessPolicies")),
                },
            )


def collect_kinesis(ctx: Ctx) -> None:
    for name in listing(ctx, "kinesis_stream", "StreamNames") or []:
        reply = ctx.reader.call(
            "describe_stream_summary", kinds=("kinesis_stream",), StreamName=name
        )
        if not isinstance(reply, dict):  # listed but not read: kept, its facts unknown
            ctx.add("kinesis_stream", f"stream/{name}", {"name": name})
            continue
        s = reply.get("StreamDescriptionSummary") or {}
        ctx.add(
            "kinesis_stream",
            f"stream/{name}",
            {
                "name": name,
                "arn": s.get("StreamARN"),
                "mode": (s.get("StreamModeDetails") or {}).get("StreamMode"),
                "shard_count": s.get("OpenShardCount") or None,
                "encryption": s.get("EncryptionType"),
                "kms_key": ctx.ref(s.get("KeyId")),
                "retention_hours": s.get("RetentionPeriodHours"),
            },
        )


GROUPS = (
    ServiceGroup("efs", _EFS, collect_efs),
    ServiceGroup("elasticache", _CACHE, collect_elasticache),
    ServiceGroup("opensearch", _SEARCH, collect_opensearch),
    ServiceGroup("kinesis", ("kinesis_stream",), collect_kinesis),
)
