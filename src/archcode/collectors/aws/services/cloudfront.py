"""CloudFront: distributions with viewer protocol, TLS policy, WAF and origins (linked to the
bucket, load balancer or API they front)."""

from __future__ import annotations

import re
from typing import Any

from archcode.collectors.aws.draft import Ctx, Handle
from archcode.collectors.aws.services.base import ServiceGroup
from archcode.model.kinds._shared import weakest_viewer_policy
from archcode.model.origins import lambda_url_domain

_KIND = ("cloudfront_distribution",)
_S3_DOMAIN = re.compile(r"^(?P<bucket>.+?)\.s3(?:[.-][a-z0-9-]+)?\.amazonaws\.com$")
_API_DOMAIN = re.compile(r"^(?P<api>[a-z0-9]+)\.execute-api\.(?P<region>[a-z0-9-]+)\.amazonaws")


def _origin_target(ctx: Ctx, domain: str) -> Handle | None:
    if match := _S3_DOMAIN.match(domain):
        return Handle(f"arn:aws:s3:::{match.group('bucket')}")
    if match := _API_DOMAIN.match(domain):
        return Handle(f"apigw:{match.group('api')}", ctx.account, match.group("region"))
    return Handle(domain, ctx.account)  # a load balancer is known by its DNS name


def _origin(ctx: Ctx, origin: dict[str, Any]) -> dict[str, Any]:
    domain = str(origin.get("DomainName", ""))
    custom = origin.get("CustomOriginConfig")
    s3 = origin.get("S3OriginConfig")
    access = None
    if origin.get("OriginAccessControlId"):
        access = "oac"
    elif s3 is not None:
        access = "oai" if s3.get("OriginAccessIdentity") else "none"
    elif lambda_url_domain(domain):
        access = "none"  # a function URL origin without origin access control
    ssl = ((custom or {}).get("OriginSslProtocols") or {}).get("Items") or []
    return {
        "target": _origin_target(ctx, domain),
        "domain": domain,
        "origin_protocol_policy": (custom or {}).get("OriginProtocolPolicy"),
        "origin_access": access,
        "minimum_origin_ssl_protocol": sorted(ssl)[0] if ssl else None,
    }


def _config(ctx: Ctx, dist_id: str) -> dict[str, Any]:
    """What ListDistributions' summaries leave out: standard logging, the default root object."""
    reply = ctx.reader.call("get_distribution_config", kinds=_KIND, Id=dist_id)
    if not isinstance(reply, dict):
        return {}  # not read: both unknown
    config = reply.get("DistributionConfig") or {}
    return {
        "logging_enabled": bool((config.get("Logging") or {}).get("Enabled")),
        "default_root_object": config.get("DefaultRootObject") or None,  # "" when none is set
    }


def collect(ctx: Ctx) -> None:
    pages = ctx.reader.pages("list_distributions", kinds=_KIND)
    for page in pages or []:
        for dist in (page.get("DistributionList") or {}).get("Items") or []:
            origins = [_origin(ctx, o) for o in (dist.get("Origins") or {}).get("Items") or []]
            cert = dist.get("ViewerCertificate") or {}
            waf = dist.get("WebACLId") or None
            ctx.add(
                "cloudfront_distribution",
                dist["Id"],
                {
                    "name": dist.get("Comment") or dist["Id"],
                    "arn": dist.get("ARN"),
                    "aliases": (dist.get("Aliases") or {}).get("Items") or [],
                    "origins": [{k: v for k, v in o.items() if v is not None} for o in origins],
                    "viewer_protocol_policy": weakest_viewer_policy(
                        [
                            (b or {}).get("ViewerProtocolPolicy")
                            for b in [
                                dist.get("DefaultCacheBehavior"),
                                *((dist.get("CacheBehaviors") or {}).get("Items") or []),
                            ]
                        ]
                    ),
                    "minimum_protocol_version": cert.get("MinimumProtocolVersion"),
                    "uses_default_certificate": cert.get("CloudFrontDefaultCertificate"),
                    "ssl_support_method": cert.get("SSLSupportMethod")
                    if cert.get("CloudFrontDefaultCertificate") is False
                    and cert.get("SSLSupportMethod") in ("sni-only", "vip", "static-ip")
                    else None,
                    "web_acl": ctx.ref(waf) if waf and waf.startswith("arn:") else None,
                    **_config(ctx, dist["Id"]),
                    "price_class": dist.get("PriceClass"),
                    "origin_failover": ((dist.get("OriginGroups") or {}).get("Quantity") or 0) > 0,
                },
                dist.get("DomainName"),
            )


GROUP = ServiceGroup("cloudfront", ("cloudfront_distribution",), collect, global_service=True)
