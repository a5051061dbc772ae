"""Rebuild the price table from the AWS Price List API (boto3 ``pricing``, us-east-1 endpoint).

Read-only: one paginated ``get_products`` per service (and region) with TERM_MATCH filters.
Every On-Demand price dimension becomes one row, filed under the key the pricers look up
(cost/pricelist_keys.py: regional prefix stripped, operations and spellings mapped). Rows of the
table that the answers did not price are reported, and kept marked (``unrefreshed``).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from archcode.cost.pricelist_keys import GLOBAL, region_of, table_key, without_free_first_tier
from archcode.cost.regions import TABLE_REGIONS
from archcode.cost.table import PriceKey, PriceRow, PriceTable, broken_keys

PRICING_REGION = "us-east-1"  # the Price List API answers from us-east-1 (and a few others)
ON_DEMAND = "OnDemand"
# Products priced somewhere other than the region itself share its usage types and operations.
ELSEWHERE = frozenset({"AWS Outposts", "AWS Local Zone", "AWS Wavelength Zone"})

EC2_TYPES = (
    "t3.micro", "t3.small", "t3.medium", "t3.large", "t4g.micro", "t4g.small", "t4g.medium",
    "m5.large", "m6i.large", "c5.large", "r5.large",
)  # fmt: skip
LINUX_SHARED = {
    "operatingSystem": "Linux",
    "tenancy": "Shared",
    "preInstalledSw": "NA",
    "capacitystatus": "Used",
}


# Services small enough to fetch whole, region by region.
WHOLE_SERVICES = (
    "AmazonECS", "AmazonEKS", "AmazonElastiCache", "AmazonES", "AmazonEFS", "AWSBackup",
    "AWSQueueService", "AmazonSNS", "AWSEvents", "AmazonStates", "AmazonMSK", "AmazonKinesis",
    "AWSSecretsManager", "awskms", "awswaf", "AmazonCognito", "AmazonCloudWatch",
    "AWSCloudTrail", "AWSXRay", "AWSCodePipeline", "CodeBuild",
)  # fmt: skip


@dataclass(frozen=True)
class Query:
    """One get_products query; ``regional`` adds a regionCode filter per table region."""

    service_code: str
    filters: dict[str, str] = field(default_factory=dict)
    regional: bool = True
    region_field: str = "regionCode"  # AWS Data Transfer names the region a transfer leaves


QUERIES: tuple[Query, ...] = (
    Query("AWSLambda", {"productFamily": "Serverless"}),
    Query("AmazonApiGateway"),
    Query("AmazonS3", {"productFamily": "Storage", "volumeType": "Standard"}),
    Query("AmazonS3", {"productFamily": "API Request"}),
    Query("AmazonCloudFront", regional=False),
    Query("AmazonDynamoDB"),
    Query("AmazonRDS", {"productFamily": "Database Instance"}),
    Query("AmazonRDS", {"productFamily": "Database Storage"}),
    Query("AmazonRDS", {"productFamily": "Storage Snapshot"}),
    Query("AmazonRDS", {"productFamily": "Provisioned IOPS"}),
    *(Query("AmazonEC2", {"instanceType": t, **LINUX_SHARED}) for t in EC2_TYPES),
    Query("AmazonEC2", {"productFamily": "Storage"}),
    Query("AmazonEC2", {"productFamily": "System Operation"}),
    Query("AmazonEC2", {"productFamily": "Storage Snapshot"}),
    Query("AmazonEC2", {"productFamily": "NAT Gateway"}),
    Query("AWSELB", {"productFamily": "Load Balancer-Application"}),
    Query("AWSELB", {"productFamily": "Load Balancer-Network"}),
    Query("AWSELB", {"productFamily": "Load Balancer-Gateway"}),
    Query("AmazonVPC", {"productFamily": "VpcEndpoint"}),
    Query("AWSDataTransfer", {"transferType": "AWS Outbound"}, region_field="fromRegionCode"),
    *(Query(code) for code in WHOLE_SERVICES),
    Query("AmazonRoute53", regional=False),
    Query("AWSShield", regional=False),
)


@dataclass
class RefreshResult:
    rows: list[PriceRow]
    queries: int = 0
    products: int = 0
    skipped: list[str] = field(default_factory=list)


def pricing_client() -> Any:
    import boto3

    return boto3.client("pricing", region_name=PRICING_REGION)


def fetch(
    client: Any,
    services: Iterable[str] | None = None,
    regions: Iterable[str] = TABLE_REGIONS,
) -> RefreshResult:
    """Run the queries (optionally only for some services) and turn the answers into rows."""
    wanted = set(services) if services else None
    region_list = list(regions)
    result = RefreshResult([])
    seen: dict[tuple[str, str, str, str], str] = {}  # key -> sku kept (one product per key)
    for query in QUERIES:
        if wanted is not None and query.service_code not in wanted:
            continue
        for region in region_list if query.regional else [None]:
            filters = dict(query.filters)
            if region is not None:
                filters[query.region_field] = region
            result.queries += 1
            for item in _products(client, query.service_code, filters):
                result.products += 1
                product_sku = str(item.get("product", {}).get("sku", ""))
                for row in rows_of_product(item):
                    # Several products can share a key (license models, say): keep the first.
                    if seen.setdefault(row.key, product_sku) == product_sku:
                        result.rows.append(row)
    broken = set(broken_keys(PriceTable(result.rows, "")))
    if broken:
        result.skipped.extend(" ".join(k for k in key if k) for key in sorted(broken))
        result.rows = [row for row in result.rows if row.key not in broken]
    return result


def _products(client: Any, service_code: str, filters: dict[str, str]) -> Iterator[dict[str, Any]]:
    paginator = client.get_paginator("get_products")
    pages = paginator.paginate(
        ServiceCode=service_code,
        FormatVersion="aws_v1",
        Filters=[{"Type": "TERM_MATCH", "Field": k, "Value": v} for k, v in filters.items()],
    )
    for page in pages:
        for text in page.get("PriceList", []):
            # PriceList items are JSON documents in strings (older SDKs), or already decoded.
            yield json.loads(text) if isinstance(text, str) else text


def rows_of_product(item: dict[str, Any]) -> list[PriceRow]:
    """The On-Demand price tiers of one PriceList element, as table rows."""
    product = item.get("product", {})
    attributes = product.get("attributes", {})
    service = attributes.get("servicecode") or item.get("serviceCode", "")
    region = region_of(attributes)
    if attributes.get("locationType") in ELSEWHERE:
        return []
    usage_type, operation = table_key(
        service, attributes.get("usagetype", ""), attributes.get("operation", ""), region
    )
    source = f"AWS Price List API {service} publication {item.get('publicationDate', '?')[:10]}"
    rows = []
    for term in item.get("terms", {}).get(ON_DEMAND, {}).values():
        effective = _date(term.get("effectiveDate", ""))
        for dimension in term.get("priceDimensions", {}).values():
            try:
                price = Decimal(dimension["pricePerUnit"]["USD"])
                start = Decimal(dimension.get("beginRange", "0"))
                end_raw = dimension.get("endRange", "Inf")
                end = None if end_raw == "Inf" else Decimal(end_raw)
            except (KeyError, InvalidOperation):
                continue  # a dimension priced in another currency, or malformed: not ours
            if not service or not usage_type or effective is None:
                continue
            rows.append(
                PriceRow(
                    service,
                    usage_type,
                    operation,
                    region,
                    dimension.get("unit", ""),
                    price,
                    start,
                    end,
                    effective,
                    "API",
                    f"{product.get('sku', '')}.{dimension.get('rateCode', '').split('.')[-1]}",
                    source,
                )
            )
    return without_free_first_tier(rows)


def _date(text: str) -> date | None:
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        return None


def unrefreshed(
    table: PriceTable,
    fetched: Iterable[PriceRow],
    services: Iterable[str] | None = None,
    regions: Iterable[str] = TABLE_REGIONS,
) -> list[PriceKey]:
    """Keys of ``table`` the run asked for (its services and regions) but got no price for."""
    wanted = set(services) if services else {q.service_code for q in QUERIES}
    regional = {q.service_code: q.regional for q in QUERIES}
    places = set(regions)
    got = {row.key for row in fetched}
    asked = {
        row.key
        for row in table.rows()
        if row.service_code in wanted
        and (row.region in places if regional.get(row.service_code, True) else row.region == GLOBAL)
    }
    return sorted(asked - got)


def mark_unrefreshed(table: PriceTable, keys: Iterable[PriceKey], day: date) -> PriceTable:
    """The table with the rows of ``keys`` kept, their source saying the refresh missed them."""
    missed = set(keys)
    note = f" [kept: prices refresh of {day.isoformat()} found no Price List price for this row]"
    rows = [replace(r, source=r.source + note) if r.key in missed else r for r in table.rows()]
    marked = PriceTable(rows, "")
    marked.origins, marked.date = table.origins, table.date
    return marked
