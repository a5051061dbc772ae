"""Network exposure: security groups open to the internet, public subnets, default ports."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from archcode.model.base import VpcPlaced
from archcode.model.cidr import is_anywhere
from archcode.model.routing import subnet_public
from archcode.rules.context import Context

if TYPE_CHECKING:
    from archcode.model.kinds.elasticache_cluster import ElasticacheCluster
    from archcode.model.kinds.opensearch_domain import OpensearchDomain
    from archcode.model.kinds.rds_cluster import RdsCluster
    from archcode.model.kinds.rds_instance import RdsInstance
    from archcode.model.kinds.security_group import SecurityGroup, SecurityGroupRule
    from archcode.model.kinds.subnet import Subnet
else:
    from archcode.model.kinds.lazy import (
        ElasticacheCluster,
        OpensearchDomain,
        RdsCluster,
        RdsInstance,
        SecurityGroup,
        Subnet,
    )

_ENGINE_PORTS = (
    ("aurora-postgresql", 5432),
    ("postgres", 5432),
    ("aurora-mysql", 3306),
    ("aurora", 3306),
    ("mysql", 3306),
    ("mariadb", 3306),
    ("oracle", 1521),
    ("sqlserver", 1433),
    ("db2", 50000),
)


def default_port(resource: VpcPlaced) -> int | None:
    """The port a data store listens on: stated, else its engine's default."""
    if isinstance(resource, RdsInstance | RdsCluster):
        port = getattr(resource, "port", None)
        if port is not None:
            return int(port)
        engine = (resource.engine or "").lower()
        return next((p for prefix, p in _ENGINE_PORTS if engine.startswith(prefix)), None)
    if isinstance(resource, ElasticacheCluster):
        return 11211 if resource.engine == "memcached" else 6379
    if isinstance(resource, OpensearchDomain):
        return 443
    if resource.kind == "efs_file_system":
        return 2049
    return None


def world_open(rule: SecurityGroupRule) -> bool | None:
    """The rule admits every address, IPv4 or IPv6, however the range is spelled; None when a
    range is not known (set at deploy time) and the known ones are not the whole internet."""
    known = [*(rule.cidr or ()), *(rule.ipv6_cidr or ())]
    if any(is_anywhere(c) for c in known):
        return True
    return None if rule.ranges is None else False


def covers(rule: SecurityGroupRule, port: int) -> bool | None:
    """The rule admits TCP on ``port``; None when its protocol or ports are not known."""
    if rule.protocol not in ("tcp", "all", None):
        return False
    span = rule.port_range
    return None if span is None else span[0] <= port <= span[1]


WHY_RANGE = "the source range of an ingress rule is not known (set at deploy time)"
WHY_PROTOCOL = (
    "the protocol of an ingress rule open to the internet is not known (set at deploy time)"
)
WHY_PORTS = "the ports of an ingress rule open to the internet are not known (set at deploy time)"


@dataclass(frozen=True)
class WorldPorts:
    """What a group's ingress rules open to every address (ICMP aside): the port ranges that
    are sure, and the rules that may open more: (their range, None for any port; why)."""

    sure: list[tuple[int, int]]
    maybe: list[tuple[tuple[int, int] | None, str]]


def world_ports(group: SecurityGroup) -> WorldPorts:
    sure: list[tuple[int, int]] = []
    maybe: list[tuple[tuple[int, int] | None, str]] = []
    for rule in group.ingress:
        world = world_open(rule)
        if rule.protocol in ("icmp", "icmpv6") or world is False:
            continue
        span = rule.port_range
        if world and span is not None:
            sure.append(span)
        elif world is None:
            maybe.append((span, WHY_RANGE))
        else:
            maybe.append((None, WHY_PROTOCOL if rule.protocol is None else WHY_PORTS))
    return WorldPorts(sure, maybe)


def open_to_world(resource: VpcPlaced, port: int | None, ctx: Context) -> tuple[bool | None, str]:
    """Whether a security group of the resource admits 0.0.0.0/0 (or ::/0) on ``port``."""
    unsure = False
    for gid in resource.security_groups:
        group = ctx.resource(gid)
        if not isinstance(group, SecurityGroup):
            unsure = True  # a group outside the model: its rules are not known
            continue
        for rule in group.ingress:
            world = world_open(rule)
            if world is False:
                continue
            if port is None:
                if world and rule.port_range == (0, 65535):
                    return True, gid
                unsure = True
                continue
            hit = covers(rule, port)
            if hit and world:
                return True, gid
            if hit is not False:
                unsure = True  # a range or ports set at deploy time
    return (None, "") if unsure else (False, "")


def in_public_subnet(resource: VpcPlaced, ctx: Context) -> tuple[bool | None, str]:
    """Whether any subnet of the resource routes to an internet gateway."""
    if not resource.subnets:
        return None, ""  # no subnets named: the default VPC's public subnets, or unknown
    unsure = False
    for sid in resource.subnets:
        subnet = ctx.resource(sid)
        public = subnet_public(subnet) if isinstance(subnet, Subnet) else None
        if public is None:
            unsure = True
        elif public:
            return True, sid
    return (None, "") if unsure else (False, "")


def all_of(*facts: bool | None) -> bool | None:
    """Three-valued AND: False wins, then unknown."""
    if any(f is False for f in facts):
        return False
    if any(f is None for f in facts):
        return None
    return True
