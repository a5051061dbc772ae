"""VPC egress resilience: a NAT gateway in every zone that has private subnets."""

from __future__ import annotations

from typing import TYPE_CHECKING

from archcode.model.routing import subnet_public
from archcode.rules.analysis.memo import per_context
from archcode.rules.base import (
    Category,
    Frameworks,
    Remediation,
    Severity,
    Verdict,
    failed,
    none_found,
    passed,
    unknown,
)
from archcode.rules.context import Context
from archcode.rules.registry import resource_rule

if TYPE_CHECKING:
    from archcode.model.kinds.nat_gateway import NatGateway
    from archcode.model.kinds.subnet import Subnet
    from archcode.model.kinds.vpc import Vpc
else:
    from archcode.model.kinds.lazy import NatGateway, Subnet


@per_context
def _nat_zones_by_vpc(ctx: Context) -> dict[str, set[str | None]]:
    """VPC id -> AZs of its public NAT gateways (None: a zone the model does not give)."""
    zones: dict[str, set[str | None]] = {}
    for _nid, nat in ctx.of_kind("nat_gateway"):
        assert isinstance(nat, NatGateway)
        subnet = ctx.resource(nat.subnet)
        if nat.connectivity == "public" and isinstance(subnet, Subnet):
            zones.setdefault(subnet.vpc, set()).add(subnet.az)
    return zones


@resource_rule(
    id="vpc-nat-gateway-per-az",
    title="VPCs with NAT gateways have one in every Availability Zone with private subnets",
    severity=Severity.MEDIUM,
    category=Category.AVAILABILITY,
    kinds=("vpc",),
    frameworks=Frameworks(well_architected=("REL10-BP01",)),
    relies_on=("nat_gateway", "subnet"),
    rationale="Private subnets that route through a NAT gateway in another zone lose their "
    "way out (updates, AWS APIs, third parties) when that zone fails, and pay cross-zone "
    "data charges meanwhile.",
    remediation=Remediation(
        text="Create a NAT gateway in a public subnet of each zone and route each zone's "
        "private subnets to their own zone's gateway.",
        yaml="nat-b: {kind: nat_gateway, subnet: public-b}",
        cloudformation="Type: AWS::EC2::NatGateway\nProperties:\n  SubnetId: !Ref PublicB\n"
        "  AllocationId: !GetAtt EipB.AllocationId",
        terraform=(
            'resource "aws_nat_gateway" "b" {\n'
            "  subnet_id     = aws_subnet.public_b.id\n"
            "  allocation_id = aws_eip.nat_b.id\n"
            "}"
        ),
    ),
)
def vpc_nat_gateway_per_az(vpc: Vpc, ctx: Context) -> Verdict:
    vid = ctx.id_of(vpc)
    subnets = [ctx.resource(s) for s in ctx.referrers(vid, "in_vpc")]
    nat_zones = _nat_zones_by_vpc(ctx).get(vid, set())
    if not nat_zones:
        return none_found("no NAT gateway in this VPC")
    private_zones = {s.az for s in subnets if isinstance(s, Subnet) and subnet_public(s) is False}
    if None in nat_zones or None in private_zones:
        return unknown("az of a subnet")
    missing = sorted(z for z in private_zones - nat_zones if z is not None)
    if missing:
        return failed(f"private subnets in {', '.join(missing)} have no NAT gateway in their zone")
    return passed()
