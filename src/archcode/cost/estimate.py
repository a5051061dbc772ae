"""The estimator: every charged resource of an architecture priced, line by line."""

from __future__ import annotations

from archcode.cost.context import PricingContext
from archcode.cost.free_tier import FreeTierLedger
from archcode.cost.pricers import PRICERS
from archcode.cost.report import NO_VPC, ComponentCost, CostReport
from archcode.cost.table import PriceTable, load_price_table
from archcode.cost.usage import UsageFile, load_usage_file, resolve, usage_problems
from archcode.errors import InputError, Problem
from archcode.model.architecture import Architecture
from archcode.model.base import Resource
from archcode.model.registry import BY_KIND

DEFAULT_REGION = "us-east-1"
UNKNOWN_ACCOUNT = "(account not given)"


def estimate(
    arch: Architecture,
    usage: UsageFile | str | None = None,
    prices: PriceTable | str | None = None,
    free_tier: bool = False,
) -> CostReport:
    """Price every charged resource of ``arch`` (USD per month).

    ``usage`` is a usage file (path or loaded), ``prices`` a price table (path: laid over the
    shipped table; None: the shipped table). Free tiers apply only when ``free_tier`` is true.
    """
    usage_file = load_usage_file(usage, arch) if isinstance(usage, str) else usage
    table = prices if isinstance(prices, PriceTable) else load_price_table(prices)
    _check_model_usage(arch)
    ledger = FreeTierLedger(free_tier)
    components: dict[str, ComponentCost] = {}
    unpriced: dict[str, str] = {}
    for rid, resource in arch.resources.items():
        spec = BY_KIND[resource.kind]
        if not spec.charged:
            continue
        pricer = PRICERS.get(resource.kind)
        if pricer is None:  # a charged kind without a pricer: never silently $0
            unpriced[rid] = resource.kind
            continue
        region, region_assumed = _region(arch, resource)
        ctx = PricingContext(
            arch,
            rid,
            region,
            resource.account or arch.account or UNKNOWN_ACCOUNT,
            resolve(arch, rid, usage_file),
            table,
            ledger,
        )
        if region_assumed:
            ctx.usage.assume("region", region, "no region in the model")
        lines = tuple(pricer(resource, ctx))
        components[rid] = ComponentCost(
            rid,
            resource.kind,
            resource.name or rid,
            region,
            ctx.account,
            _vpc(arch, resource),
            lines,
            tuple(ctx.usage.assumptions),
            tuple(ctx.notes),
        )
    return CostReport(
        arch.name, components, table.date, table.origins, free_tier, unpriced_kinds=unpriced
    )


def _region(arch: Architecture, resource: Resource) -> tuple[str, bool]:
    if BY_KIND[resource.kind].global_service and resource.kind != "s3_bucket":
        return "global", False
    region = resource.region or arch.region
    return (region, False) if region else (DEFAULT_REGION, True)


def _vpc(arch: Architecture, resource: Resource) -> str:
    """The VPC a resource sits in: its own `vpc`, or the VPC of its (first) subnet."""
    vpc = getattr(resource, "vpc", None)
    if isinstance(vpc, str):
        return vpc
    subnets = list(getattr(resource, "subnets", None) or [])
    subnet = getattr(resource, "subnet", None)
    if isinstance(subnet, str):
        subnets.insert(0, subnet)
    for subnet_id in subnets:
        found = getattr(arch.resources.get(subnet_id), "vpc", None)
        if isinstance(found, str):
            return found
    return NO_VPC


def _check_model_usage(arch: Architecture) -> None:
    problems = []
    for rid, resource in arch.resources.items():
        if resource.usage is None:
            continue
        for message in usage_problems(resource.usage):
            where = arch.location(rid)
            problems.append(
                Problem(
                    where.file if where else arch.name,
                    message,
                    where.line if where else None,
                    where.column if where else None,
                    rid,
                    "usage.gb_out_by_region",
                )
            )
    if problems:
        raise InputError(problems)
