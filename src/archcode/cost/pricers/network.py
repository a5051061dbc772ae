"""Pricers for networking kinds: NAT, endpoints, DNS, CDN, API front doors, load balancers."""

from __future__ import annotations

from decimal import Decimal

from archcode.cost.context import PricingContext
from archcode.cost.pricers import pricer
from archcode.cost.regions import CLOUDFRONT_PRICE_REGIONS, cloudfront_price_region
from archcode.cost.report import CostLine
from archcode.cost.usage import HOURS_PER_MONTH
from archcode.model.kinds import network

MB_PER_GB = Decimal(1024)


def internet_out(ctx: PricingContext) -> list[CostLine]:
    """Data transfer out to the internet (AWS Data Transfer, tiered per region), when the usage
    gives ``gb_out``; without it the component says it is not estimated (no default)."""
    if not ctx.usage.has("gb_out"):
        ctx.note("data transfer out to the internet is not estimated: give gb_out (GB a month)")
        return []
    return [
        ctx.line(
            "Data transfer out to the internet",
            ctx.usage.number("gb_out"),
            service="AWSDataTransfer",
            usage_type="DataTransfer-Out-Bytes",
            uses=["gb_out"],
            free="data_transfer_out_gb",
        )
    ]


def public_ipv4(ctx: PricingContext, count: int | Decimal, whose: str) -> CostLine:
    """Public IPv4 addresses in use, charged per address-hour since February 2024."""
    return ctx.line(
        f"Public IPv4 addresses ({count}, {whose})",
        ctx.usage.number("hours_per_month") * Decimal(count),
        service="AmazonVPC",
        usage_type="PublicIPv4:InUseAddress",
        uses=["hours_per_month"],
    )


@pricer("nat_gateway")
def nat_gateway(nat: network.NatGateway, ctx: PricingContext) -> list[CostLine]:
    u = ctx.usage
    hours, gb = u.number("hours_per_month"), u.number("gb_processed")
    svc = {"service": "AmazonEC2", "operation": "NatGateway"}
    return [
        ctx.line(
            "NAT gateway hours",
            hours,
            usage_type="NatGateway-Hours",
            uses=["hours_per_month"],
            **svc,
        ),
        ctx.line("Data processed", gb, usage_type="NatGateway-Bytes", uses=["gb_processed"], **svc),
        *([public_ipv4(ctx, 1, "its Elastic IP")] if nat.connectivity == "public" else []),
        *internet_out(ctx),
    ]


@pricer("vpc_endpoint")
def vpc_endpoint(endpoint: network.VpcEndpoint, ctx: PricingContext) -> list[CostLine]:
    if endpoint.endpoint_type == "gateway":
        ctx.note("gateway endpoints (S3, DynamoDB) have no charge")
        return []
    u = ctx.usage
    azs = len(endpoint.subnets) or ctx.usage.assume("availability_zones", 1, "no subnets given")
    hours = u.number("hours_per_month")
    return [
        ctx.line(
            f"Endpoint hours ({azs} AZ)",
            hours * azs,
            service="AmazonVPC",
            usage_type="VpcEndpoint-Hours",
            uses=["hours_per_month"],
        ),
        ctx.line(
            "Data processed",
            u.number("gb_processed"),
            service="AmazonVPC",
            usage_type="VpcEndpoint-Bytes",
            uses=["gb_processed"],
        ),
    ]


@pricer("route53_zone")
def route53_zone(zone: network.Route53Zone, ctx: PricingContext) -> list[CostLine]:
    svc = {"service": "AmazonRoute53", "region": "global"}
    return [
        ctx.line("Hosted zone", 1, usage_type="HostedZone", **svc),
        ctx.line(
            "DNS queries",
            ctx.usage.number("monthly_requests"),
            usage_type="DNS-Queries",
            uses=["monthly_requests"],
            **svc,
        ),
    ]


def cloudfront_gb_out(ctx: PricingContext) -> tuple[dict[str, Decimal], list[str]]:
    """GB out per CloudFront price region, and the usage fields it came from.

    gb_out_by_region wins; else users x mb_per_visit x visits_per_user / 1024 (the seed's
    arithmetic); else gb_out; both latter in viewer_region.
    """
    u = ctx.usage
    by_region = u.given.get("gb_out_by_region")
    if by_region:
        out: dict[str, Decimal] = {}
        for name, gb in by_region.items():
            region = cloudfront_price_region(name) or name
            out[region] = out.get(region, Decimal(0)) + Decimal(str(gb))
        return out, ["gb_out_by_region"]
    region = cloudfront_price_region(str(u.get("viewer_region"))) or str(u.get("viewer_region"))
    if u.has("users"):
        fields = ["users", "mb_per_visit", "visits_per_user", "viewer_region"]
        gb = u.number("users") * u.number("mb_per_visit") * u.number("visits_per_user") / MB_PER_GB
        return {region: gb}, fields
    return {region: u.number("gb_out")}, ["gb_out", "viewer_region"]


# CloudFront's flat-rate plans (since 2025-11-18): one monthly price per distribution, no
# overage charges, and a monthly allowance of (requests, GB out) past which AWS may throttle.
GB_PER_TB = 1024
CLOUDFRONT_PLANS: dict[str, tuple[int, int]] = {
    "free": (1_000_000, 100),
    "pro": (10_000_000, 50 * GB_PER_TB),
    "business": (125_000_000, 50 * GB_PER_TB),
    "premium": (500_000_000, 50 * GB_PER_TB),
}


def cloudfront_plan_key(plan: str) -> str:
    """The table's usage type of a flat-rate plan (archcode's own key, `FlatRatePlan:Pro`)."""
    return f"FlatRatePlan:{plan.capitalize()}"


@pricer("cloudfront_distribution")
def cloudfront_distribution(
    dist: network.CloudFrontDistribution, ctx: PricingContext
) -> list[CostLine]:
    gb_out, fields = cloudfront_gb_out(ctx)
    # Absent: pay-as-you-go, which is how AWS bills a distribution no plan is subscribed for.
    plan = ctx.usage.given.get("pricing_plan") or "pay_as_you_go"
    if plan != "pay_as_you_go":
        return [cloudfront_flat_rate(ctx, plan, sum(gb_out.values(), Decimal(0)))]
    lines = []
    for region, gb in gb_out.items():
        prefix = CLOUDFRONT_PRICE_REGIONS.get(region, region)
        lines.append(
            ctx.line(
                f"Data transfer out ({region})",
                gb,
                service="AmazonCloudFront",
                usage_type=f"{prefix}-DataTransfer-Out-Bytes",
                region="global",
                uses=fields,
                free="cloudfront_gb_out",
            )
        )
    main_region = max(gb_out, key=lambda r: gb_out[r])
    prefix = CLOUDFRONT_PRICE_REGIONS.get(main_region, main_region)
    lines.append(
        ctx.line(
            f"HTTPS requests ({main_region})",
            ctx.usage.number("monthly_requests"),
            service="AmazonCloudFront",
            usage_type=f"{prefix}-Requests-Tier2-HTTPS",
            region="global",
            uses=["monthly_requests"],
            free="cloudfront_requests",
        )
    )
    cheaper = cheaper_cloudfront_plan(ctx, lines, sum(gb_out.values(), Decimal(0)))
    if cheaper:
        ctx.note(cheaper)
    return lines


def cloudfront_flat_rate(ctx: PricingContext, plan: str, gb: Decimal) -> CostLine:
    """One flat-rate plan's monthly price; usage above its allowance is noted, not charged."""
    requests = ctx.usage.number("monthly_requests")
    allowed_requests, allowed_gb = CLOUDFRONT_PLANS[plan]
    if requests > allowed_requests or gb > allowed_gb:
        ctx.note(
            f"usage ({requests:,} requests, {gb:,} GB) exceeds the {plan} plan's allowance "
            f"({allowed_requests:,} requests, {allowed_gb:,} GB a month): AWS charges no overage "
            "but may throttle the distribution or ask for a larger plan"
        )
    return ctx.line(
        f"Flat-rate plan ({plan})",
        1,
        service="AmazonCloudFront",
        usage_type=cloudfront_plan_key(plan),
        region="global",
        uses=["pricing_plan"],  # the price; the allowance check alone reads the traffic
        note="covers data out and requests within the allowance",
    )


def cheaper_cloudfront_plan(ctx: PricingContext, lines: list[CostLine], gb: Decimal) -> str:
    """A note naming the cheapest flat-rate plan whose allowance covers the usage and whose
    price is below the pay-as-you-go lines', or "" when none is."""
    if any(line.monthly is None for line in lines):
        return ""
    paid = sum((line.monthly or Decimal(0) for line in lines), Decimal(0))
    requests = ctx.usage.number("monthly_requests")
    for plan, (allowed_requests, allowed_gb) in CLOUDFRONT_PLANS.items():
        tiers = ctx.table.tiers("AmazonCloudFront", cloudfront_plan_key(plan), "global")
        if requests <= allowed_requests and gb <= allowed_gb and tiers and tiers[0].price < paid:
            return (
                f"a {plan} flat-rate plan (${tiers[0].price:,.2f} a month) covers this usage: "
                f"give pricing_plan: {plan} to price it so"
            )
    return ""


API_USAGE_TYPES = {
    "rest": ("REST API requests", "ApiGatewayRequest"),
    "http": ("HTTP API requests", "ApiGatewayHttpRequest"),
    "websocket": ("WebSocket messages", "ApiGatewayMessage"),
}


@pricer("api_gateway")
def api_gateway(api: network.ApiGateway, ctx: PricingContext) -> list[CostLine]:
    name, usage_type = API_USAGE_TYPES[api.api_type]
    lines = [
        ctx.line(
            name,
            ctx.usage.number("monthly_requests"),
            service="AmazonApiGateway",
            usage_type=usage_type,
            uses=["monthly_requests"],
        )
    ]
    lines.extend(internet_out(ctx))
    if api.api_type == "websocket":
        ctx.note("WebSocket connection minutes are not estimated")
    if api.cache_enabled and api.api_type == "rest":
        size = f"{float(ctx.usage.get('cache_size_gb')):g}"  # default 0.5 GB, the smallest
        lines.append(
            ctx.line(
                f"Cache ({size} GB)",
                ctx.usage.number("hours_per_month", HOURS_PER_MONTH),
                service="AmazonApiGateway",
                usage_type=f"ApiGatewayCacheUsage:{size}GB",
                uses=["cache_size_gb", "hours_per_month"],
            )
        )
    return lines


LB_OPERATIONS = {
    "application": ("LoadBalancing:Application", "LCU"),
    "network": ("LoadBalancing:Network", "NLCU"),
    "gateway": ("LoadBalancing:Gateway", "GLCU"),
}


def load_balancer_lines(lb_type: str, ctx: PricingContext) -> list[CostLine]:
    operation, unit = LB_OPERATIONS[lb_type]
    u = ctx.usage
    hours = u.number("hours_per_month")
    svc = {"service": "AWSELB", "operation": operation}
    return [
        ctx.line(
            "Load balancer hours",
            hours,
            usage_type="LoadBalancerUsage",
            uses=["hours_per_month"],
            **svc,
        ),
        ctx.line(
            f"{unit}-hours",
            u.number("capacity_units") * hours,
            usage_type="LCUUsage",
            uses=["capacity_units", "hours_per_month"],
            **svc,
        ),
    ]


@pricer("load_balancer")
def load_balancer(lb: network.LoadBalancer, ctx: PricingContext) -> list[CostLine]:
    lines = load_balancer_lines(lb.type, ctx)
    if lb.type != "gateway" and lb.scheme == "internet-facing":
        azs = len(lb.subnets) or ctx.usage.assume(
            "availability_zones", 2, "no subnets given; a load balancer spans two at least"
        )
        lines.append(public_ipv4(ctx, azs, "one per Availability Zone"))
    elif lb.type != "gateway" and lb.scheme is None:
        ctx.note("public IPv4 addresses are charged if internet-facing; the scheme is unknown")
    if lb.type != "gateway" and lb.scheme != "internal":
        lines.extend(internet_out(ctx))
    return lines
