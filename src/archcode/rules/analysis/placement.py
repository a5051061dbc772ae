"""Availability-zone placement: which AZs a resource spans, and whether it is confined to one."""

from __future__ import annotations

from typing import TYPE_CHECKING

from archcode.model.base import Resource, VpcPlaced
from archcode.model.registry import KINDS
from archcode.rules.base import Verdict, failed, passed, unknown
from archcode.rules.context import Context

if TYPE_CHECKING:
    from archcode.model.kinds.ebs_volume import EbsVolume
    from archcode.model.kinds.ecs_service import EcsService
    from archcode.model.kinds.efs_file_system import EfsFileSystem
    from archcode.model.kinds.elasticache_cluster import ElasticacheCluster
    from archcode.model.kinds.lambda_function import LambdaFunction
    from archcode.model.kinds.opensearch_domain import OpensearchDomain
    from archcode.model.kinds.rds_cluster import RdsCluster
    from archcode.model.kinds.rds_instance import RdsInstance
    from archcode.model.kinds.subnet import Subnet
    from archcode.model.kinds.vpc_endpoint import VpcEndpoint
else:
    from archcode.model.kinds.lazy import (
        EbsVolume,
        EcsService,
        EfsFileSystem,
        ElasticacheCluster,
        LambdaFunction,
        OpensearchDomain,
        RdsCluster,
        RdsInstance,
        Subnet,
        VpcEndpoint,
    )

# Kinds that live in availability zones (regional services like S3 do not).
_AZ_PLACED = (VpcPlaced, EbsVolume)
# Their kinds, in registry order (the registry's `zoned`: no kind's class is built to ask).
ZONED_KINDS = tuple(spec.kind for spec in KINDS if spec.zoned)


def subnet_azs(resource: VpcPlaced, ctx: Context) -> set[str] | None:
    """AZs of the resource's subnets; None when any subnet's AZ is not known."""
    azs: set[str] = set()
    for sid in resource.subnets:
        subnet = ctx.resource(sid)
        if not isinstance(subnet, Subnet) or subnet.az is None:
            return None
        azs.add(subnet.az)
    return azs


def has_az_placement(resource: Resource) -> bool:
    return isinstance(resource, _AZ_PLACED)


def spans_two_zones(resource: VpcPlaced, ctx: Context) -> Verdict:
    """PASS when the resource's subnets are in two or more AZs (it names some subnets)."""
    azs = subnet_azs(resource, ctx)
    if azs is None:
        return unknown("az of a subnet")
    if len(azs) < 2:
        return failed(f"subnets are all in {', '.join(sorted(azs))}")
    return passed(f"subnets span {', '.join(sorted(azs))}")


def cluster_members(cluster: RdsCluster, ctx: Context) -> list[RdsInstance]:
    """The model's instances that are members of the cluster (its writer and readers)."""
    members = (ctx.resource(rid) for rid in ctx.referrers(ctx.id_of(cluster), "member_of"))
    return [m for m in members if isinstance(m, RdsInstance)]


def single_az(resource: Resource, ctx: Context) -> bool | None:
    """True when the resource runs in one AZ only; None when the model does not say."""
    if isinstance(resource, RdsInstance):
        if resource.cluster:
            cluster = ctx.resource(resource.cluster)
            return single_az(cluster, ctx) if cluster is not None else None
        return None if resource.multi_az is None else not resource.multi_az
    if isinstance(resource, RdsCluster):
        if resource.multi_az is not None:
            return not resource.multi_az
        members = cluster_members(resource, ctx)
        # A template or an account that holds the members says how many there are even when
        # the cluster itself does not (CloudFormation has no instance count on the cluster).
        count = resource.instance_count if resource.instance_count is not None else len(members)
        if count == 1:
            return True
        member_azs = {m.az for m in members if m.az}
        if len(member_azs) >= 2:
            return False
        if len(set(resource.availability_zones)) >= 2 and count >= 2:
            return False
        return None
    if isinstance(resource, ElasticacheCluster):
        if resource.num_nodes == 1 or resource.multi_az is False:
            return True
        return None if resource.multi_az is None else False
    if isinstance(resource, EfsFileSystem):
        return resource.one_zone
    if isinstance(resource, OpensearchDomain):
        if resource.instance_count == 1:
            return True
        return None if resource.zone_awareness is None else not resource.zone_awareness
    if isinstance(resource, EbsVolume):
        return True  # a volume lives in exactly one AZ
    if isinstance(resource, VpcEndpoint) and resource.endpoint_type == "gateway":
        return False  # gateway endpoints are route-table entries, not placed in a zone
    if isinstance(resource, VpcPlaced):
        if resource.kind == "ec2_instance":
            return True  # an instance lives in exactly one AZ
        if isinstance(resource, EcsService) and resource.desired_count == 1:
            return True
        if not resource.subnets:
            if resource.az is not None:
                return True
            # A function outside a VPC runs across the region's AZs.
            return False if isinstance(resource, LambdaFunction) else None
        azs = subnet_azs(resource, ctx)
        return None if azs is None else len(azs) < 2
    return False
