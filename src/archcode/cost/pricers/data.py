"""Pricers for data kinds: RDS and Aurora, DynamoDB, caches, search, S3, EFS, EBS, backups."""

from __future__ import annotations

from decimal import Decimal

from archcode.cost.context import PricingContext
from archcode.cost.pricers import pricer
from archcode.cost.pricers.network import internet_out
from archcode.cost.report import CostLine
from archcode.cost.usage import HOURS_PER_MONTH
from archcode.model.kinds import data

# The Price List's `operation` per RDS engine (how it tells PostgreSQL from MySQL prices).
RDS_ENGINE_OPERATIONS = {
    "postgres": "CreateDBInstance:0014",
    "postgresql": "CreateDBInstance:0014",
    "mysql": "CreateDBInstance:0002",
    "mariadb": "CreateDBInstance:0018",
    "aurora-mysql": "CreateDBInstance:0016",
    "aurora": "CreateDBInstance:0016",
    "aurora-postgresql": "CreateDBInstance:0021",
}
RDS_STORAGE = {"gp2": "GP2", "gp3": "GP3", "io1": "PIOPS", "io2": "PIOPS"}
# vCPUs of instance classes, for RDS Proxy (billed per vCPU of its targets).
VCPUS = {"micro": 2, "small": 2, "medium": 2, "large": 2, "xlarge": 4, "2xlarge": 8, "4xlarge": 16}


def _rds_instance_line(
    ctx: PricingContext,
    engine: str | None,
    instance_class: str | None,
    multi_az: bool,
    count: int = 1,
) -> CostLine:
    deployment = "Multi-AZ" if multi_az else "Single-AZ"
    hours = ctx.usage.number("hours_per_month") * count
    engine_name = engine or "unknown engine"
    class_name = instance_class or "unknown class"
    name = f"Instance hours ({count} x {class_name}, {engine_name}, {deployment})"
    if not instance_class or not engine:
        return ctx.unpriced(name, hours, "Hrs", "instance class or engine unknown")
    operation = RDS_ENGINE_OPERATIONS.get(engine.lower(), f"engine:{engine}")
    usage_type = f"{'Multi-AZUsage' if multi_az else 'InstanceUsage'}:{instance_class}"
    return ctx.line(
        name,
        hours,
        service="AmazonRDS",
        usage_type=usage_type,
        operation=operation,
        uses=["hours_per_month"],
    )


@pricer("rds_instance")
def rds_instance(db: data.RdsInstance, ctx: PricingContext) -> list[CostLine]:
    u = ctx.usage
    multi_az = (
        db.multi_az
        if db.multi_az is not None
        else u.assume("multi_az", False, "deployment unknown")
    )
    lines = [_rds_instance_line(ctx, db.engine, db.instance_class, bool(multi_az))]
    if db.cluster or (db.engine or "").startswith("aurora"):
        ctx.note("Aurora storage and I/O are priced on the cluster")
        return lines
    size = (
        db.allocated_storage_gb
        if db.allocated_storage_gb is not None
        else u.assume("allocated_storage_gb", 20, "storage size unknown")
    )
    storage_type = db.storage_type or u.assume("storage_type", "gp2", "storage type unknown")
    kind = RDS_STORAGE.get(storage_type, storage_type.upper())
    usage_type = f"RDS:Multi-AZ-{kind}-Storage" if multi_az else f"RDS:{kind}-Storage"
    lines.append(
        ctx.line(
            f"Storage ({storage_type})",
            size,
            service="AmazonRDS",
            usage_type=usage_type,
            uses=["allocated_storage_gb", "storage_type"],
        )
    )
    ctx.note("automated backups up to the allocated storage are free; snapshots are db_snapshot")
    return lines


@pricer("rds_cluster")
def rds_cluster(cluster: data.RdsCluster, ctx: PricingContext) -> list[CostLine]:
    u = ctx.usage
    lines: list[CostLine] = []
    members = [
        rid
        for rid, r in ctx.arch.of_kind("rds_instance")
        if getattr(r, "cluster", None) == ctx.resource_id
    ]
    serverless = cluster.engine_mode == "serverless" or cluster.serverless_v2_min_acu is not None
    if serverless:
        acu = (
            cluster.serverless_v2_min_acu
            if cluster.serverless_v2_min_acu is not None
            else u.assume("serverless_v2_min_acu", 0.5, "minimum capacity unknown")
        )
        lines.append(
            ctx.line(
                f"Serverless v2 ACU-hours (at {acu} ACU)",
                u.number("hours_per_month") * Decimal(str(acu)),
                service="AmazonRDS",
                usage_type="Aurora:ServerlessV2Usage",
                uses=["hours_per_month"],
            )
        )
    elif members:
        ctx.note(f"instances priced as rds_instance resources: {', '.join(members)}")
    else:
        count = cluster.instance_count or u.assume("instance_count", 1, "instance count unknown")
        lines.append(
            _rds_instance_line(ctx, cluster.engine, cluster.instance_class, False, int(count))
        )
    lines.append(
        ctx.line(
            "Storage",
            u.number("gb_stored"),
            service="AmazonRDS",
            usage_type="Aurora:StorageUsage",
            uses=["gb_stored"],
        )
    )
    lines.append(
        ctx.line(
            "I/O requests",
            u.number("monthly_requests"),
            service="AmazonRDS",
            usage_type="Aurora:StorageIOUsage",
            uses=["monthly_requests"],
        )
    )
    return lines


@pricer("rds_proxy")
def rds_proxy(proxy: data.RdsProxy, ctx: PricingContext) -> list[CostLine]:
    vcpus = 0
    unknown = []
    for target_id in proxy.targets:
        target = ctx.arch.resources.get(target_id)
        if isinstance(target, data.RdsCluster) and target.serverless_v2_min_acu is not None:
            vcpus += max(8, int(target.serverless_v2_max_acu or 8))  # ACUs; minimum 8
            continue
        instance_class = getattr(target, "instance_class", None)
        size = str(instance_class or "").rsplit(".", 1)[-1]
        if size in VCPUS:
            vcpus += VCPUS[size]
        else:
            unknown.append(target_id)
    hours = ctx.usage.number("hours_per_month")
    if unknown or not proxy.targets:
        return [
            ctx.unpriced("Proxy vCPU-hours", hours, "vCPU-Hours", "vCPUs of the targets unknown")
        ]
    vcpus = max(2, vcpus)
    return [
        ctx.line(
            f"Proxy vCPU-hours ({vcpus} vCPU)",
            hours * vcpus,
            service="AmazonRDS",
            usage_type="RDS:ProxyUsage",
            uses=["hours_per_month"],
        )
    ]


@pricer("db_snapshot")
def db_snapshot(snapshot: data.DbSnapshot, ctx: PricingContext) -> list[CostLine]:
    return [
        ctx.line(
            "Snapshot storage",
            ctx.usage.number("gb_stored"),
            service="AmazonRDS",
            usage_type="RDS:ChargedBackupUsage",
            uses=["gb_stored"],
        )
    ]


@pricer("dynamodb_table")
def dynamodb_table(table: data.DynamodbTable, ctx: PricingContext) -> list[CostLine]:
    u = ctx.usage
    svc = {"service": "AmazonDynamoDB"}
    lines = []
    if table.billing_mode == "PROVISIONED":
        hours = u.number("hours_per_month", HOURS_PER_MONTH)
        wcu = (
            table.write_capacity
            if table.write_capacity is not None
            else u.assume("write_capacity", 5, "capacity unknown")
        )
        rcu = (
            table.read_capacity
            if table.read_capacity is not None
            else u.assume("read_capacity", 5, "capacity unknown")
        )
        lines += [
            ctx.line(
                f"Write capacity ({wcu} WCU)",
                hours * wcu,
                usage_type="WriteCapacityUnit-Hrs",
                **svc,
            ),
            ctx.line(
                f"Read capacity ({rcu} RCU)", hours * rcu, usage_type="ReadCapacityUnit-Hrs", **svc
            ),
        ]
    else:
        if table.billing_mode is None:
            u.assume("billing_mode", "PAY_PER_REQUEST", "billing mode unknown")
        lines += [
            ctx.line(
                "Write request units",
                u.number("write_request_units"),
                usage_type="WriteRequestUnits",
                uses=["write_request_units", "billing_mode"],
                **svc,
            ),
            ctx.line(
                "Read request units",
                u.number("read_request_units"),
                usage_type="ReadRequestUnits",
                uses=["read_request_units", "billing_mode"],
                **svc,
            ),
        ]
    gb = u.number("gb_stored")
    lines.append(
        ctx.line(
            "Storage",
            gb,
            usage_type="TimedStorage-ByteHrs",
            uses=["gb_stored"],
            free="dynamodb_storage_gb",
            **svc,
        )
    )
    if table.point_in_time_recovery:
        lines.append(
            ctx.line(
                "Point-in-time recovery",
                gb,
                usage_type="TimedPITRStorage-ByteHrs",
                uses=["gb_stored"],
                **svc,
            )
        )
    return lines


@pricer("elasticache_cluster")
def elasticache_cluster(cache: data.ElasticacheCluster, ctx: PricingContext) -> list[CostLine]:
    nodes = cache.num_nodes or ctx.usage.assume("num_nodes", 1, "node count unknown")
    hours = ctx.usage.number("hours_per_month") * nodes
    name = f"Node hours ({nodes} x {cache.node_type or 'unknown type'})"
    if not cache.node_type:
        return [ctx.unpriced(name, hours, "Hrs", "node type unknown")]
    return [
        ctx.line(
            name,
            hours,
            service="AmazonElastiCache",
            usage_type=f"NodeUsage:{cache.node_type}",
            uses=["hours_per_month"],
        )
    ]


@pricer("opensearch_domain")
def opensearch_domain(domain: data.OpensearchDomain, ctx: PricingContext) -> list[CostLine]:
    u = ctx.usage
    nodes = domain.instance_count or u.assume("instance_count", 1, "instance count unknown")
    hours = u.number("hours_per_month") * nodes
    itype = domain.instance_type
    if itype and not itype.endswith(".search"):
        itype += ".search"
    name = f"Instance hours ({nodes} x {itype or 'unknown type'})"
    lines = [
        ctx.line(
            name,
            hours,
            service="AmazonES",
            usage_type=f"ESInstance:{itype}",
            uses=["hours_per_month"],
        )
        if itype
        else ctx.unpriced(name, hours, "Hrs", "instance type unknown")
    ]
    if domain.storage_gb:
        lines.append(
            ctx.line(
                f"EBS storage ({nodes} x {domain.storage_gb} GB)",
                domain.storage_gb * nodes,
                service="AmazonES",
                usage_type="ES:GP3-Storage",
            )
        )
    return lines


@pricer("s3_bucket")
def s3_bucket(bucket: data.S3Bucket, ctx: PricingContext) -> list[CostLine]:
    u = ctx.usage
    svc = {"service": "AmazonS3"}
    return [
        ctx.line(
            "Standard storage",
            u.number("gb_stored"),
            usage_type="TimedStorage-ByteHrs",
            uses=["gb_stored"],
            **svc,
        ),
        ctx.line(
            "PUT, COPY, POST, LIST requests",
            u.number("write_request_units"),
            usage_type="Requests-Tier1",
            uses=["write_request_units"],
            **svc,
        ),
        ctx.line(
            "GET, SELECT and other requests",
            u.number("read_request_units"),
            usage_type="Requests-Tier2",
            uses=["read_request_units"],
            **svc,
        ),
        *internet_out(ctx),
    ]


@pricer("efs_file_system")
def efs_file_system(fs: data.EfsFileSystem, ctx: PricingContext) -> list[CostLine]:
    one_zone = bool(fs.one_zone)
    return [
        ctx.line(
            "One Zone storage" if one_zone else "Standard storage",
            ctx.usage.number("gb_stored"),
            service="AmazonEFS",
            usage_type="TimedStorage-Z-ByteHrs" if one_zone else "TimedStorage-ByteHrs",
            uses=["gb_stored"],
        )
    ]


EBS_USAGE_TYPES = {
    "gp3": "gp3",
    "gp2": "gp2",
    "io1": "piops",
    "io2": "io2",
    "st1": "st1",
    "sc1": "sc1",
}


@pricer("ebs_volume")
def ebs_volume(volume: data.EbsVolume, ctx: PricingContext) -> list[CostLine]:
    u = ctx.usage
    vtype = volume.volume_type or u.assume("volume_type", "gp3", "volume type unknown")
    size = volume.size_gb or u.assume("size_gb", 8, "size unknown")
    suffix = EBS_USAGE_TYPES.get(vtype)
    usage_type = f"EBS:VolumeUsage.{suffix}" if suffix else "EBS:VolumeUsage"
    lines = [
        ctx.line(
            f"Storage ({vtype})", size, service="AmazonEC2", usage_type=usage_type, uses=["size_gb"]
        )
    ]
    iops = volume.iops or 0
    extra = max(0, iops - 3000) if vtype == "gp3" else iops if vtype in ("io1", "io2") else 0
    if extra:
        lines.append(
            ctx.line(
                "Provisioned IOPS",
                extra,
                service="AmazonEC2",
                usage_type=f"EBS:VolumeP-IOPS.{suffix}",
            )
        )
    return lines


@pricer("ebs_snapshot")
def ebs_snapshot(snapshot: data.EbsSnapshot, ctx: PricingContext) -> list[CostLine]:
    # Snapshots are incremental: what is stored is usage, not the volume's size.
    return [
        ctx.line(
            "Snapshot storage",
            ctx.usage.number("gb_stored"),
            service="AmazonEC2",
            usage_type="EBS:SnapshotUsage",
            uses=["gb_stored"],
        )
    ]


@pricer("backup_vault")
def backup_vault(vault: data.BackupVault, ctx: PricingContext) -> list[CostLine]:
    return [
        ctx.line(
            "Warm backup storage",
            ctx.usage.number("gb_stored"),
            service="AWSBackup",
            usage_type="WarmStorage-ByteHrs-EFS",
            uses=["gb_stored"],
        )
    ]
