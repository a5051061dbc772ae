"""Security groups: no unrestricted ingress to high-risk ports."""

from __future__ import annotations

from typing import TYPE_CHECKING

from archcode.rules.analysis.reachability import world_ports
from archcode.rules.base import (
    Category,
    Frameworks,
    Outcome,
    Remediation,
    Severity,
    Verdict,
    failed,
    passed,
)
from archcode.rules.context import Context
from archcode.rules.registry import resource_rule

if TYPE_CHECKING:
    from archcode.model.kinds.security_group import SecurityGroup

# The ports Security Hub's EC2.19 treats as high risk.
HIGH_RISK_PORTS = (
    20, 21, 22, 23, 25, 110, 135, 143, 445, 1433, 1434, 3000, 3306, 3389, 4333,
    5000, 5432, 5500, 5601, 8080, 8088, 8888, 9200, 9300,
)  # fmt: skip


@resource_rule(
    id="security-group-restricted-common-ports",
    title="Security groups do not allow ingress from 0.0.0.0/0 or ::/0 to high-risk ports",
    severity=Severity.CRITICAL,
    category=Category.NETWORK_EXPOSURE,
    kinds=("security_group",),
    # 22 and 3389 are high-risk ports: what EC2.13/14 (and CIS 5.2/5.3, EC2.53/54) fail, it fails.
    frameworks=Frameworks(
        security_hub=("EC2.19", "EC2.13", "EC2.14", "EC2.53", "EC2.54"),
        cis=("5.2", "5.3"),
        well_architected=("SEC05-BP02",),
    ),
    rationale="Remote administration, database and dashboard ports open to the internet are "
    "scanned within minutes and brute-forced or exploited.",
    remediation=Remediation(
        text="Restrict the rule to known CIDRs or a source security group; use SSM Session "
        "Manager or a VPN instead of opening administration ports.",
        yaml="ingress:\n  - {port: 5432, security_group: app-sg}",
        cloudformation="SecurityGroupIngress:\n  - IpProtocol: tcp\n    FromPort: 5432\n"
        "    ToPort: 5432\n    SourceSecurityGroupId: !Ref AppSg",
        terraform=(
            "ingress {\n"
            '  protocol        = "tcp"\n'
            "  from_port       = 5432\n"
            "  to_port         = 5432\n"
            "  security_groups = [aws_security_group.app.id]\n"
            "}"
        ),
    ),
    per_account=True,
)
def security_group_high_risk_ports(group: SecurityGroup, ctx: Context) -> Verdict:
    found = world_ports(group)
    exposed = {p for low, high in found.sure for p in HIGH_RISK_PORTS if low <= p <= high}
    if exposed:  # a known violation: whatever the unknown rules turn out to be
        ports = ", ".join(str(p) for p in sorted(exposed))
        return failed(f"open to the internet on high-risk ports {ports}")
    for span, why in found.maybe:
        if span is None or any(span[0] <= p <= span[1] for p in HIGH_RISK_PORTS):
            return Verdict(Outcome.UNKNOWN, why)
    return passed()
