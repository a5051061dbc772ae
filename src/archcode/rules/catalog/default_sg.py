"""EC2.2: a VPC's default security group allows no traffic in or out.

Only discovery meets default groups: a template or plan cannot create one, so on a template
every group is NOT_APPLICABLE (rules a template adds to a VPC's DefaultSecurityGroup
attribute are not read: docs/iac.md, source coverage)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from archcode.rules.base import (
    Category,
    Frameworks,
    Remediation,
    Severity,
    Verdict,
    failed,
    not_applicable,
    passed,
    unknown,
)
from archcode.rules.context import Context
from archcode.rules.registry import resource_rule

if TYPE_CHECKING:
    from archcode.model.kinds.security_group import SecurityGroup


@resource_rule(
    id="ec2-default-security-group-closed",
    title="A VPC's default security group allows no inbound or outbound traffic",
    severity=Severity.HIGH,
    category=Category.NETWORK_EXPOSURE,
    kinds=("security_group",),
    frameworks=Frameworks(security_hub=("EC2.2",), cis=("5.4",), well_architected=("SEC05-BP01",)),
    rationale="Anything launched without a group lands in the default one; with no rules it "
    "reaches nothing and nothing reaches it, so a forgotten group assignment fails closed.",
    remediation=Remediation(
        text="Remove every inbound and outbound rule of each VPC's default security group "
        "(it cannot be deleted) and give resources groups of their own. CloudFormation cannot "
        "manage the default group's rules: remove them outside the stack.",
        yaml="kind: security_group\ndefault: true\ningress: []\negress: []",
        cloudformation="# No CloudFormation type manages a VPC's default security group: "
        "revoke its rules (aws ec2 revoke-security-group-ingress / -egress).",
        terraform='resource "aws_default_security_group" "default" {\n'
        "  vpc_id = aws_vpc.main.id\n  # no ingress or egress blocks: every rule is removed\n}",
    ),
    per_account=True,
)
def ec2_default_security_group_closed(sg: SecurityGroup, ctx: Context) -> Verdict:
    if not sg.default:
        return not_applicable("not a VPC's default group")
    if sg.ingress:
        return failed(f"the default group allows {len(sg.ingress)} inbound rule(s)")
    if sg.egress is None:
        return unknown("egress")
    if sg.egress:
        return failed(f"the default group allows {len(sg.egress)} outbound rule(s)")
    return passed("no inbound or outbound rules")
