"""ElastiCache: automatic backups and automatic failover (Redis and Valkey)."""

from __future__ import annotations

from typing import TYPE_CHECKING

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
from archcode.rules.context import Context
from archcode.rules.registry import resource_rule

if TYPE_CHECKING:
    from archcode.model.kinds.elasticache_cluster import ElasticacheCluster


@resource_rule(
    id="elasticache-automatic-backups",
    title="ElastiCache Redis and Valkey clusters take automatic backups",
    severity=Severity.HIGH,
    category=Category.BACKUP,
    kinds=("elasticache_cluster",),
    frameworks=Frameworks(security_hub=("ElastiCache.1",), well_architected=("REL09-BP03",)),
    rationale="When a cache holds state (sessions, queues, leaderboards), losing its nodes "
    "loses the data unless snapshots are taken.",
    remediation=Remediation(
        text="Set a snapshot retention period of at least one day.",
        yaml="snapshot_retention_days: 7",
        cloudformation="SnapshotRetentionLimit: 7",
        terraform="snapshot_retention_limit = 7",
    ),
    per_account=True,
)
def elasticache_automatic_backups(cache: ElasticacheCluster, ctx: Context) -> Verdict:
    if cache.engine == "memcached":
        return not_applicable("Memcached has no backups")
    days = cache.snapshot_retention_days
    if days is None:
        return unknown("snapshot_retention_days")
    return passed(f"snapshots kept {days} days") if days >= 1 else failed("no automatic backups")


@resource_rule(
    id="elasticache-automatic-failover",
    title="ElastiCache Redis and Valkey replication groups have automatic failover enabled",
    severity=Severity.MEDIUM,
    category=Category.AVAILABILITY,
    kinds=("elasticache_cluster",),
    frameworks=Frameworks(security_hub=("ElastiCache.3",), well_architected=("REL10-BP01",)),
    rationale="Without automatic failover, losing the primary node stops writes until someone "
    "promotes a replica by hand.",
    remediation=Remediation(
        text="Add a replica and enable automatic failover (and Multi-AZ).",
        yaml="num_nodes: 2\nautomatic_failover: true\nmulti_az: true",
        cloudformation="NumCacheClusters: 2\nAutomaticFailoverEnabled: true\nMultiAZEnabled: true",
        terraform=(
            "num_cache_clusters         = 2\n"
            "automatic_failover_enabled = true\n"
            "multi_az_enabled           = true"
        ),
    ),
    per_account=True,
)
def elasticache_automatic_failover(cache: ElasticacheCluster, ctx: Context) -> Verdict:
    if cache.engine == "memcached":
        return not_applicable("Memcached has no replication or failover")
    return expect(cache.automatic_failover, "automatic_failover", "automatic failover is off")
