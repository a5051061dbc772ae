"""Load balancers: spread over Availability Zones."""

from __future__ import annotations

from typing import TYPE_CHECKING

from archcode.rules.analysis.placement import spans_two_zones
from archcode.rules.base import (
    Category,
    Frameworks,
    Outcome,
    Remediation,
    Severity,
    Verdict,
    passed,
    unknown,
)
from archcode.rules.context import Context
from archcode.rules.registry import resource_rule

if TYPE_CHECKING:
    from archcode.model.kinds.load_balancer import LoadBalancer


@resource_rule(
    id="load-balancer-multi-az",
    title="Application, Network and Gateway Load Balancers span at least two Availability Zones",
    severity=Severity.MEDIUM,
    category=Category.AVAILABILITY,
    kinds=("load_balancer",),
    frameworks=Frameworks(security_hub=("ELB.13",), well_architected=("REL10-BP01",)),
    rationale="A load balancer only has nodes in the zones of its subnets: with one zone, the "
    "front door fails with that zone. Elastic Load Balancing takes at most one subnet per zone, "
    "so two distinct subnets are two zones even when the template is given their ids.",
    remediation=Remediation(
        text="Add a subnet in a second Availability Zone.",
        yaml="subnets: [public-a, public-b]",
        cloudformation="Subnets: [!Ref PublicA, !Ref PublicB]",
        terraform="subnets = [aws_subnet.public_a.id, aws_subnet.public_b.id]",
    ),
    per_account=True,
)
def load_balancer_multi_az(lb: LoadBalancer, ctx: Context) -> Verdict:
    if not lb.subnets:
        return unknown("subnets")
    verdict = spans_two_zones(lb, ctx)
    if verdict.outcome is Outcome.UNKNOWN and len(set(lb.subnets)) >= 2:
        # ELB refuses a second subnet in a zone it already has (CreateLoadBalancer, SetSubnets).
        return passed(f"{len(set(lb.subnets))} subnets, at most one per zone")
    return verdict
