"""The one place where Price List keys and price-table keys differ.

A GetProducts item names its price by service code, usage type (with a regional prefix) and
operation; the table keys prices the way the pricers look them up. Every difference seen in
real recorded answers (tests/fixtures/cost/pricelist/) is declared here and nowhere else, so
that `archcode prices refresh` files each fetched price under the key a pricer asks for.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from archcode.cost.regions import strip_region_prefix
from archcode.cost.table import PriceRow

# Usage types (without the regional prefix) whose operation tells prices apart in the table:
# RDS engines (CreateDBInstance:0014 ...), load balancer types (LoadBalancing:Application ...),
# EC2 platforms (RunInstances ...) and NAT gateways. For every other usage type the API's
# operation is dropped: AWS fills it with values no pricer asks for (ApiGatewayHttpApi,
# PayPerRequestThroughput, VpcEndpoint ...).
OPERATION_KEYED: dict[str, tuple[str, ...]] = {
    "AmazonRDS": ("InstanceUsage:", "Multi-AZUsage:"),
    "AWSELB": ("LoadBalancerUsage", "LCUUsage"),
    "AmazonEC2": ("BoxUsage:", "NatGateway-"),
}

# The operation the table files a price under where the API gives none: Lambda's requests and
# duration arrive with an empty operation; the table (and the Lambda pricer) say `Invoke`.
TABLE_OPERATIONS: dict[tuple[str, str], str] = {
    ("AWSLambda", "Request"): "Invoke",
    ("AWSLambda", "Request-ARM"): "Invoke",
    ("AWSLambda", "Lambda-GB-Second"): "Invoke",
    ("AWSLambda", "Lambda-GB-Second-ARM"): "Invoke",
    ("AWSLambda", "Lambda-Storage-GB-Second"): "Invoke",
    ("AWSLambda", "Lambda-Storage-GB-Second-ARM"): "Invoke",
}

# Usage types AWS spells differently from the table (and from region to region).
USAGE_TYPE_ALIASES: dict[tuple[str, str], str] = {
    ("AWSSecretsManager", "AWSSecretsManager-Secret"): "AWSSecretsManager-Secrets",
    ("AWSSecretsManager", "AWSSecretsManagerAPIRequest"): "AWSSecretsManager-APIRequest",
    ("AWSSecretsManager", "AWSSecretsManager-APIRequests"): "AWSSecretsManager-APIRequest",
}

# Products name their region by `regionCode`; answers recorded before AWS added that attribute
# (2018, 2021: tests/fixtures/cost/pricelist/) carry only the location's display name.
LOCATION_REGIONS: dict[str, str] = {
    "US East (N. Virginia)": "us-east-1",
    "US West (Oregon)": "us-west-2",
    "EU (Ireland)": "eu-west-1",
    "Europe (Ireland)": "eu-west-1",
    "EU (Frankfurt)": "eu-central-1",
    "Europe (Frankfurt)": "eu-central-1",
    "Asia Pacific (Mumbai)": "ap-south-1",
    "Asia Pacific (Singapore)": "ap-southeast-1",
}
GLOBAL = "global"

# Prices whose $0 first tier is an always-free allowance: DynamoDB storage arrives as
# 0-25 GB at $0 and the paid price above. archcode applies that allowance itself (and only
# with --free-tier, docs/cost.md), so the table keeps the paid price from 0.
FREE_FIRST_TIER: frozenset[tuple[str, str]] = frozenset(
    {("AmazonDynamoDB", "TimedStorage-ByteHrs"), ("AWSDataTransfer", "DataTransfer-Out-Bytes")}
)


def region_of(attributes: dict[str, str]) -> str:
    """The region a product is priced in: its region code (AWS Data Transfer: where the data
    leaves), else its location's, else `global` (CloudFront, Route 53 ...)."""
    return (
        attributes.get("regionCode")
        or attributes.get("fromRegionCode")
        or LOCATION_REGIONS.get(attributes.get("location", ""))
        or GLOBAL
    )


def table_key(service: str, usage_type: str, operation: str, region: str) -> tuple[str, str]:
    """(usage type, operation) under which the table files a Price List price."""
    usage = strip_region_prefix(usage_type, region)
    usage = USAGE_TYPE_ALIASES.get((service, usage), usage)
    if (service, usage) in TABLE_OPERATIONS:
        return usage, operation or TABLE_OPERATIONS[(service, usage)]
    if usage.startswith(OPERATION_KEYED.get(service, ())):
        return usage, operation
    return usage, ""


def without_free_first_tier(rows: list[PriceRow]) -> list[PriceRow]:
    """One product's tiers, with a declared $0 free first tier folded into the paid one."""
    ordered = sorted(rows, key=lambda r: r.tier_start)
    if len(ordered) < 2 or (ordered[0].service_code, ordered[0].usage_type) not in FREE_FIRST_TIER:
        return ordered
    first, paid = ordered[0], ordered[1]
    if first.tier_start != 0 or first.price != 0:
        return ordered
    return [replace(paid, tier_start=Decimal(0)), *ordered[2:]]
