"""Internet exposure seen through the graph: open data stores, unprotected front doors, and
S3 origins that can be reached without going through CloudFront."""

from __future__ import annotations

from typing import TYPE_CHECKING

from archcode.model.base import Resource, VpcPlaced
from archcode.rules.analysis.paths import is_actor, traffic
from archcode.rules.analysis.reachability import (
    all_of,
    default_port,
    in_public_subnet,
    open_to_world,
)
from archcode.rules.base import (
    Category,
    Frameworks,
    Remediation,
    Severity,
    Verdict,
    failed,
    not_applicable,
    passed,
    unknown,
)
from archcode.rules.context import Context
from archcode.rules.registry import resource_rule

if TYPE_CHECKING:
    from archcode.model.kinds.api_gateway import ApiGateway
    from archcode.model.kinds.cloudfront_distribution import CloudFrontDistribution
    from archcode.model.kinds.load_balancer import LoadBalancer
    from archcode.model.kinds.rds_cluster import RdsCluster
    from archcode.model.kinds.rds_instance import RdsInstance
    from archcode.model.kinds.s3_bucket import S3Bucket
else:
    from archcode.model.kinds.lazy import (
        ApiGateway,
        CloudFrontDistribution,
        LoadBalancer,
        RdsCluster,
        RdsInstance,
    )


def _actors_into(rid: str, ctx: Context) -> list[str]:
    return [u for u in traffic(ctx).predecessors(rid) if is_actor(ctx, u)]


@resource_rule(
    id="data-store-not-internet-reachable",
    title="Databases and caches are not reachable from the internet",
    severity=Severity.CRITICAL,
    category=Category.NETWORK_EXPOSURE,
    kinds=("rds_instance", "rds_cluster", "elasticache_cluster"),
    frameworks=Frameworks(well_architected=("SEC05-BP01", "SEC05-BP02")),
    rationale="A data store in a public subnet, with a public endpoint and a security group "
    "open to 0.0.0.0/0 on its port, is one leaked or guessed password away from a breach; "
    "no single setting shows this, only their combination.",
    remediation=Remediation(
        text="Move the data store to private subnets, turn off public accessibility, and admit "
        "only the application's security group on the database port.",
        yaml="subnets: [private-a, private-b]\npublicly_accessible: false\n"
        "security_groups: [db-sg]   # db-sg ingress: {port: 5432, security_group: app-sg}",
        cloudformation="PubliclyAccessible: false\nDBSubnetGroupName: !Ref PrivateSubnets\n"
        "VPCSecurityGroups: [!Ref DbSg]",
        terraform=(
            "publicly_accessible    = false\n"
            "db_subnet_group_name   = aws_db_subnet_group.private.name\n"
            "vpc_security_group_ids = [aws_security_group.db.id]"
        ),
    ),
)
def data_store_not_internet_reachable(store: VpcPlaced, ctx: Context) -> Verdict:
    rid = ctx.id_of(store)
    actors = _actors_into(rid, ctx)
    if actors:
        return failed(f"{actors[0]} connects to it directly", path=(actors[0], rid))
    port = default_port(store)
    world, group = open_to_world(store, port, ctx)
    public, subnet = in_public_subnet(store, ctx)
    facts: list[tuple[str, bool | None]] = [
        ("the port its security groups are checked on", world),
        ("public flag of its subnets", public),
    ]
    if isinstance(store, RdsInstance | RdsCluster):
        facts.append(("publicly_accessible", store.publicly_accessible))
    reachable = all_of(*(fact for _name, fact in facts))
    if reachable is None:
        return unknown(next(name for name, fact in facts if fact is None))
    if reachable:
        where = f" on port {port}" if port else ""
        return failed(
            f"public subnet {subnet} and security group {group} open to the internet{where}",
            path=(subnet, group, rid),
        )
    return passed()


def _cdn_origins(rid: str, ctx: Context) -> list[tuple[str, CloudFrontDistribution]]:
    found = []
    for cid in ctx.referrers(rid, "routes_to"):
        cdn = ctx.resource(cid)
        if isinstance(cdn, CloudFrontDistribution):
            found.append((cid, cdn))
    return found


@resource_rule(
    id="s3-origin-only-through-cloudfront",
    title="S3 buckets behind CloudFront can only be read through CloudFront",
    severity=Severity.HIGH,
    category=Category.NETWORK_EXPOSURE,
    kinds=("s3_bucket",),
    frameworks=Frameworks(well_architected=("SEC05-BP02",)),
    rationale="When the bucket itself is public (or a website endpoint), anyone can skip the "
    "distribution: its WAF, geo restrictions, signed URLs and logs no longer apply, and the "
    "data transfer is billed at S3 rates.",
    remediation=Remediation(
        text="Use origin access control, block public access on the bucket, and let the bucket "
        "policy allow only the distribution (aws:SourceArn).",
        yaml="# on the distribution origin\norigin_access: oac\n# on the bucket\n"
        "block_public_access: true\nwebsite_hosting: false",
        cloudformation="Type: AWS::CloudFront::OriginAccessControl\nProperties:\n"
        "  OriginAccessControlConfig:\n    Name: site-oac\n    OriginAccessControlOriginType: s3\n"
        "    SigningBehavior: always\n    SigningProtocol: sigv4",
        terraform=(
            'resource "aws_cloudfront_origin_access_control" "site" {\n'
            '  name                              = "site-oac"\n'
            '  origin_access_control_origin_type = "s3"\n'
            '  signing_behavior                  = "always"\n'
            '  signing_protocol                  = "sigv4"\n'
            "}"
        ),
    ),
)
def s3_origin_only_through_cloudfront(bucket: S3Bucket, ctx: Context) -> Verdict:
    rid = ctx.id_of(bucket)
    cdns = _cdn_origins(rid, ctx)
    if not cdns:
        return not_applicable("not a CloudFront origin")
    cid = cdns[0][0]
    actors = _actors_into(rid, ctx)
    if actors:
        return failed(f"{actors[0]} reads it directly, around {cid}", path=(actors[0], rid))
    if bucket.website_hosting:
        return failed("served by the public S3 website endpoint")
    if bucket.block_public_access is False:
        return failed("Block Public Access is off")
    for cid, cdn in cdns:
        for origin in cdn.origins:
            if origin.target != rid:
                continue
            if origin.origin_access == "none":
                return failed(f"{cid} reaches it without OAC or OAI", path=(cid, rid))
            if origin.origin_access is None:
                return unknown(f"origin_access of {cid}'s origin")
    if bucket.block_public_access is None:
        return unknown("block_public_access")
    return passed()


def _internet_facing(resource: Resource, rid: str, ctx: Context) -> bool | None:
    if isinstance(resource, LoadBalancer):
        if resource.scheme is not None:
            return resource.scheme == "internet-facing"
        return True if _actors_into(rid, ctx) else None
    if isinstance(resource, ApiGateway):
        return resource.endpoint_type != "private"
    return True


@resource_rule(
    id="internet-entry-point-waf",
    title="Internet entry points are protected by WAF, on themselves or on the CDN in front",
    severity=Severity.MEDIUM,
    category=Category.NETWORK_EXPOSURE,
    kinds=("cloudfront_distribution", "api_gateway", "load_balancer"),
    frameworks=Frameworks(well_architected=("SEC05-BP03",)),
    relies_on=("waf_web_acl",),
    rationale="The first hop from the internet is where injection, bot and flood traffic must "
    "be filtered; a web ACL on a CloudFront distribution that is the only way in also covers "
    "the API or load balancer behind it (HTTP APIs cannot carry one themselves).",
    remediation=Remediation(
        text="Associate a WAF web ACL with the entry point, or put it behind a WAF-protected "
        "CloudFront distribution that is its only caller.",
        yaml="web_acl: edge-acl",
        cloudformation="Type: AWS::WAFv2::WebACLAssociation\nProperties:\n"
        "  ResourceArn: !Ref LoadBalancer\n  WebACLArn: !GetAtt EdgeAcl.Arn",
        terraform=(
            'resource "aws_wafv2_web_acl_association" "lb" {\n'
            "  resource_arn = aws_lb.web.arn\n"
            "  web_acl_arn  = aws_wafv2_web_acl.edge.arn\n"
            "}"
        ),
    ),
)
def internet_entry_point_waf(
    entry: CloudFrontDistribution | ApiGateway | LoadBalancer, ctx: Context
) -> Verdict:
    rid = ctx.id_of(entry)
    facing = _internet_facing(entry, rid, ctx)
    if facing is None:
        return unknown("scheme")
    if not facing:
        return not_applicable("not reachable from the internet")
    if entry.web_acl:
        return passed(f"web ACL {entry.web_acl}")
    callers = list(traffic(ctx).predecessors(rid))
    fronts = [ctx.resource(c) for c in callers]
    if callers and all(
        isinstance(f, CloudFrontDistribution) and f.web_acl is not None for f in fronts
    ):
        return passed(f"only reached through WAF-protected {', '.join(callers)}")
    if callers and all(isinstance(f, CloudFrontDistribution) for f in fronts):
        return failed(
            f"no WAF web ACL on it nor on {', '.join(callers)} in front of it",
            path=(callers[0], rid),
        )
    actors = [c for c in callers if is_actor(ctx, c)]
    return failed("no WAF web ACL on the first hop from the internet", path=(*actors[:1], rid))
