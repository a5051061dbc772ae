"""Network exposure: security groups open to the internet, public subnets, default ports."""

from __future__ import annotations

from archcode.model.base import VpcPlaced
from archcode.model.cidr import is_anywhere
from archcode.model.kinds.data import ElasticacheCluster, OpensearchDomain, RdsCluster, RdsInstance
from archcode.model.kinds.network import SecurityGroup, SecurityGroupRule, Subnet
from archcode.model.routing import subnet_public
from archcode.rules.context import Context

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


def world_open(rule: SecurityGroupRule) -> bool:
    """The rule admits every address, IPv4 or IPv6, however the range is spelled."""
    return any(is_anywhere(c) for c in (*rule.cidr, *rule.ipv6_cidr))


def covers(rule: SecurityGroupRule, port: int) -> bool:
    low, high = rule.port_range
    return rule.protocol in ("tcp", "all") and low <= port <= high


def open_to_world(resource: VpcPlaced, port: int | None, ctx: Context) -> tuple[bool | None, str]:
    """Whether a security group of the resource admits 0.0.0.0/0 (or ::/0) on ``port``."""
    unsure = False
    for gid in resource.security_groups:
        group = ctx.resource(gid)
        if not isinstance(group, SecurityGroup):
            unsure = True  # a group outside the model: its rules are not known
            continue
        for rule in group.ingress:
            if not world_open(rule):
                continue
            if port is None:
                if rule.port_range == (0, 65535):
                    return True, gid
                unsure = True
            elif covers(rule, port):
                return True, gid
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
