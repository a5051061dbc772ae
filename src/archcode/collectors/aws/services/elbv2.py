"""Elastic Load Balancing v2: load balancers, AZs, listeners, attributes and targets."""

from __future__ import annotations

from typing import Any

from archcode.collectors.aws.draft import Ctx, Handle
from archcode.collectors.aws.services.base import ServiceGroup, listing

_KIND = ("load_balancer",)
_ATTRS = {
    "access_logs.s3.enabled": "access_logs_enabled",
    "deletion_protection.enabled": "deletion_protection",
    "routing.http.drop_invalid_header_fields.enabled": "drop_invalid_headers",
    "load_balancing.cross_zone.enabled": "cross_zone",
}


def _listeners(ctx: Ctx, arn: str) -> list[dict[str, Any]] | None:
    found = ctx.reader.items("describe_listeners", "Listeners", kinds=_KIND, LoadBalancerArn=arn)
    if found is None:
        return None
    out = []
    for ls in found:
        redirect = any(
            a.get("Type") == "redirect"
            and (a.get("RedirectConfig") or {}).get("Protocol") == "HTTPS"
            for a in ls.get("DefaultActions") or []
        )
        out.append(
            {
                "protocol": ls.get("Protocol"),
                "port": ls.get("Port"),
                "ssl_policy": ls.get("SslPolicy"),
                "redirect_to_https": redirect,
            }
        )
    return out


def _targets(ctx: Ctx, arn: str) -> list[Handle]:
    groups = ctx.reader.items(
        "describe_target_groups", "TargetGroups", kinds=_KIND, LoadBalancerArn=arn
    )
    handles: list[Handle] = []
    for group in groups or []:
        health = ctx.reader.call(
            "describe_target_health", kinds=_KIND, TargetGroupArn=group["TargetGroupArn"]
        )
        if isinstance(health, dict):
            ids = [
                (d.get("Target") or {}).get("Id")
                for d in health.get("TargetHealthDescriptions") or []
            ]
            handles += ctx.refs(ids)
    return handles


def collect(ctx: Ctx) -> None:
    for lb in listing(ctx, "load_balancer", "LoadBalancers") or []:
        arn = lb["LoadBalancerArn"]
        attrs = ctx.reader.call(
            "describe_load_balancer_attributes", kinds=_KIND, LoadBalancerArn=arn
        )
        facts: dict[str, Any] = {}
        if isinstance(attrs, dict):
            for attr in attrs.get("Attributes") or []:
                if attr.get("Key") in _ATTRS:
                    facts[_ATTRS[attr["Key"]]] = str(attr.get("Value")).lower() == "true"
        zones = lb.get("AvailabilityZones") or []
        targets = _targets(ctx, arn)
        ctx.add(
            "load_balancer",
            lb["LoadBalancerName"],
            {
                "name": lb["LoadBalancerName"],
                "arn": arn,
                "type": lb.get("Type", "application"),
                "scheme": lb.get("Scheme"),
                "listeners": _listeners(ctx, arn) or [],
                "subnets": ctx.refs(z.get("SubnetId") for z in zones),
                "security_groups": ctx.refs(lb.get("SecurityGroups")),
                "targets": targets,
                **facts,
            },
            lb.get("DNSName"),
        )


GROUP = ServiceGroup("elbv2", ("load_balancer",), collect)
