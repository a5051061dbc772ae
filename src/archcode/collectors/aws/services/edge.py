"""DNS and the web application firewall: Route 53 hosted zones (records, query logging) and
WAFv2 web ACLs (regional, and CloudFront-scoped ones read once per account)."""

from __future__ import annotations

from typing import Any

from archcode.collectors.aws.draft import Ctx, Handle
from archcode.collectors.aws.reader import ABSENT
from archcode.collectors.aws.services.base import ServiceGroup, listing

_ZONE, _WAF = ("route53_zone",), ("waf_web_acl",)
_RECORD_TYPES = {"A", "AAAA", "CNAME", "MX", "TXT", "NS", "SOA", "SRV", "CAA", "PTR"}
MAX_RECORDS = 500  # per zone: enough to draw what a zone routes to, bounded for huge zones


def _record(ctx: Ctx, rr: dict[str, Any]) -> dict[str, Any] | None:
    if rr.get("Type") not in _RECORD_TYPES:
        return None
    alias = rr.get("AliasTarget") or {}
    dns = str(alias.get("DNSName", "")).rstrip(".").lower()
    dns = dns.removeprefix("dualstack.")
    values = [v.get("Value") for v in rr.get("ResourceRecords") or [] if v.get("Value")]
    return {
        "name": str(rr.get("Name", "")).rstrip("."),
        "type": rr["Type"],
        "alias": bool(alias),
        # Load balancers and distributions are known by their DNS names.
        "target": Handle(dns, ctx.account) if dns else None,
        "value": ", ".join(values)[:500] or None,
    }


def _zone_vpcs(ctx: Ctx, zid: str) -> list[Handle]:
    """The VPCs a private zone serves (GetHostedZone: the listing does not name them)."""
    reply = ctx.reader.call("get_hosted_zone", kinds=_ZONE, Id=zid)
    vpcs = (reply.get("VPCs") or []) if isinstance(reply, dict) else []
    found = (ctx.ref(v.get("VPCId"), v.get("VPCRegion")) for v in vpcs)
    return [h for h in found if h is not None]


def collect_route53(ctx: Ctx) -> None:
    for zone in listing(ctx, "route53_zone", "HostedZones") or []:
        zid = str(zone["Id"]).rsplit("/", 1)[-1]
        sets = ctx.reader.items(
            "list_resource_record_sets", "ResourceRecordSets", kinds=_ZONE, HostedZoneId=zid
        )
        logging = ctx.reader.items(
            "list_query_logging_configs", "QueryLoggingConfigs", kinds=_ZONE, HostedZoneId=zid
        )
        records = [r for rr in (sets or [])[:MAX_RECORDS] if (r := _record(ctx, rr))]
        private = bool((zone.get("Config") or {}).get("PrivateZone"))
        ctx.add(
            "route53_zone",
            f"zone/{zid}",
            {
                "name": str(zone.get("Name", zid)).rstrip("."),
                "arn": f"arn:aws:route53:::hostedzone/{zid}",
                "domain": str(zone.get("Name", "")).rstrip(".") or zid,
                "private": private,
                "vpcs": _zone_vpcs(ctx, zid) if private else [],
                "records": [{k: v for k, v in r.items() if v is not None} for r in records],
                "query_logging_enabled": bool(logging) if logging is not None else None,
            },
        )
        for record in records:
            if record["target"] is not None:
                ctx.link(ctx.ref(f"zone/{zid}", "global"), record["target"], label="DNS")


def _web_acls(ctx: Ctx, scope: str) -> None:
    for summary in listing(ctx, "waf_web_acl", "WebACLs", Scope=scope) or []:
        reply = ctx.reader.call(
            "get_web_acl", kinds=_WAF, Name=summary["Name"], Scope=scope, Id=summary["Id"]
        )
        acl = (reply.get("WebACL") or {}) if isinstance(reply, dict) else {}
        arn = summary.get("ARN")
        logging = ctx.reader.call(
            "get_logging_configuration",
            kinds=_WAF,
            ResourceArn=arn,
            absent=("WAFNonexistentItemException",),
        )
        fields: dict[str, Any] = {
            "name": summary["Name"],
            "arn": arn,
            "scope": scope,
            "logging_enabled": False
            if logging is ABSENT
            else (True if isinstance(logging, dict) else None),
        }
        if acl:
            fields.update(
                {
                    "default_action": "block"
                    if "Block" in (acl.get("DefaultAction") or {})
                    else "allow",
                    "rules": [r.get("Name") for r in acl.get("Rules") or [] if r.get("Name")],
                    "metrics_enabled": (acl.get("VisibilityConfig") or {}).get(
                        "CloudWatchMetricsEnabled"
                    ),
                }
            )
        ctx.add("waf_web_acl", f"waf/{scope.lower()}/{summary['Name']}", fields, summary["Id"])
        if scope == "REGIONAL":
            protected = ctx.reader.items(
                "list_resources_for_web_acl", "ResourceArns", kinds=_WAF, WebACLArn=arn
            )
            for resource in protected or []:
                ctx.link(ctx.ref(arn), ctx.ref(resource), label="protects")


def collect_wafv2(ctx: Ctx) -> None:
    _web_acls(ctx, "REGIONAL")


def collect_wafv2_cloudfront(ctx: Ctx) -> None:
    _web_acls(ctx, "CLOUDFRONT")


GROUPS = (
    ServiceGroup("route53", _ZONE, collect_route53, global_service=True),
    ServiceGroup("wafv2", _WAF, collect_wafv2),
    ServiceGroup(
        "wafv2-cloudfront",
        _WAF,
        collect_wafv2_cloudfront,
        global_service=True,
        home_region="us-east-1",
    ),
)
