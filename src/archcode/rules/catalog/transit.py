"""Encryption in transit along every hop from an actor to a data store."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from archcode.model.base import Resource
from archcode.model.registry import KINDS
from archcode.rules.analysis.paths import actor_to_store, is_actor, traffic
from archcode.rules.analysis.resource_policy import requires_tls
from archcode.rules.base import (
    Category,
    Frameworks,
    Outcome,
    Remediation,
    Severity,
    Verdict,
    not_applicable,
)
from archcode.rules.context import Context
from archcode.rules.registry import architecture_rule

if TYPE_CHECKING:
    from archcode.model.kinds.api_gateway import ApiGateway
    from archcode.model.kinds.cloudfront_distribution import CloudFrontDistribution
    from archcode.model.kinds.elasticache_cluster import ElasticacheCluster
    from archcode.model.kinds.load_balancer import LoadBalancer
    from archcode.model.kinds.rds_instance import RdsInstance
    from archcode.model.kinds.rds_proxy import RdsProxy
    from archcode.model.kinds.s3_bucket import S3Bucket
else:
    from archcode.model.kinds.lazy import (
        ApiGateway,
        CloudFrontDistribution,
        ElasticacheCluster,
        LoadBalancer,
        RdsInstance,
        RdsProxy,
        S3Bucket,
    )


def _implied_by_target(source: Resource | None, target_id: str, ctx: Context) -> bool | None:
    """When the connection does not say, what the receiving end enforces."""
    target = ctx.resource(target_id)
    if isinstance(target, ApiGateway):
        return True  # API Gateway endpoints accept HTTPS only
    if isinstance(target, CloudFrontDistribution):
        policy = target.viewer_protocol_policy
        return None if policy is None else policy != "allow-all"
    if isinstance(target, LoadBalancer) and target.listeners:
        return all(
            listener.protocol in ("HTTPS", "TLS") or listener.redirect_to_https
            for listener in target.listeners
        )
    if isinstance(target, RdsInstance | RdsProxy) and target.require_tls:
        return True
    if isinstance(target, ElasticacheCluster):
        return target.transit_encryption
    if isinstance(target, S3Bucket) and requires_tls(target):
        return True
    if isinstance(source, CloudFrontDistribution):
        for origin in source.origins:
            if origin.target == target_id and origin.origin_protocol_policy is not None:
                return origin.origin_protocol_policy == "https-only"
    return None


def hop_encrypted(u: str, v: str, data: dict[str, Any], ctx: Context) -> bool | None:
    stated = data.get("encrypted")
    if stated is not None:
        return bool(stated)
    return _implied_by_target(ctx.resource(u), v, ctx)


@architecture_rule(
    id="data-path-encrypted-in-transit",
    title="Every hop from a user to a data store is encrypted in transit",
    severity=Severity.HIGH,
    category=Category.ENCRYPTION,
    kinds=tuple(spec.kind for spec in KINDS),  # a hop can end at any kind of resource
    frameworks=Frameworks(well_architected=("SEC09-BP02",)),
    rationale="Data is only as protected as the weakest hop it crosses: TLS at the edge does "
    "not help if the load balancer, the service behind it or the database connection is plain "
    "text inside the network.",
    remediation=Remediation(
        text="Use TLS on the hop (HTTPS listeners and origins, TLS to the database with "
        "require_tls, in-transit encryption for caches).",
        yaml="connections:\n  - {from: app, to: db, protocol: tls, port: 5432}\n"
        "# and on the database\nrequire_tls: true",
        cloudformation="# PostgreSQL parameter group\nParameters:\n  rds.force_ssl: 1",
        terraform=(
            'resource "aws_db_parameter_group" "pg" { # PostgreSQL\n'
            '  family = "postgres16"\n'
            "  parameter {\n"
            '    name  = "rds.force_ssl"\n'
            '    value = "1"\n'
            "  }\n"
            "}"
        ),
    ),
)
def data_path_encrypted(ctx: Context) -> Iterator[Verdict]:
    reach = actor_to_store(ctx)
    hops = [
        (u, v, data)
        for u, v, data in traffic(ctx).edges(data=True)
        if u in reach.forward and v in reach.backward and not is_actor(ctx, v)
    ]
    if not hops:
        yield not_applicable("no connection path from an actor to a data store")
        return
    for u, v, data in hops:
        path = reach.path_over(u, v)
        encrypted = hop_encrypted(u, v, data, ctx)
        hop = f"{u} -> {v}"
        if encrypted is None:
            yield Verdict(Outcome.UNKNOWN, f"encryption of {hop} is not known", v, path)
        elif encrypted:
            yield Verdict(Outcome.PASS, f"{hop} is encrypted", v, path)
        else:
            protocol = data.get("protocol") or "plain text"
            yield Verdict(
                Outcome.FAIL, f"{hop} is not encrypted ({protocol}) on {' -> '.join(path)}", v, path
            )
