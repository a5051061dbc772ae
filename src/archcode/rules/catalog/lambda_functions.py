"""Lambda functions: VPC placement and zone spread."""

from __future__ import annotations

from typing import TYPE_CHECKING

from archcode.rules.analysis.placement import spans_two_zones
from archcode.rules.base import (
    Category,
    Frameworks,
    Remediation,
    Severity,
    Verdict,
    failed,
    not_applicable,
    passed,
)
from archcode.rules.context import Context
from archcode.rules.registry import resource_rule

if TYPE_CHECKING:
    from archcode.model.kinds.lambda_function import LambdaFunction


@resource_rule(
    id="lambda-function-in-vpc",
    title="Lambda functions run inside a VPC",
    severity=Severity.LOW,
    category=Category.NETWORK_EXPOSURE,
    kinds=("lambda_function",),
    frameworks=Frameworks(security_hub=("Lambda.3",), well_architected=("SEC05-BP01",)),
    rationale="A function attached to a VPC reaches private resources without exposing them, "
    "and its traffic is subject to security groups, NACLs and flow logs.",
    remediation=Remediation(
        text="Attach the function to private subnets in two or more zones, with a security group.",
        yaml="subnets: [private-a, private-b]\nsecurity_groups: [fn-sg]",
        cloudformation="VpcConfig:\n  SubnetIds: [!Ref PrivateA, !Ref PrivateB]\n"
        "  SecurityGroupIds: [!Ref FnSg]",
        terraform=(
            "vpc_config {\n"
            "  subnet_ids         = [aws_subnet.private_a.id, aws_subnet.private_b.id]\n"
            "  security_group_ids = [aws_security_group.fn.id]\n"
            "}"
        ),
    ),
    per_account=True,
)
def lambda_function_in_vpc(fn: LambdaFunction, ctx: Context) -> Verdict:
    if fn.subnets:
        return passed()
    return failed("the function is not attached to a VPC")


@resource_rule(
    id="lambda-function-multi-az",
    title="Lambda functions in a VPC use subnets in at least two Availability Zones",
    severity=Severity.MEDIUM,
    category=Category.AVAILABILITY,
    kinds=("lambda_function",),
    frameworks=Frameworks(security_hub=("Lambda.5",), well_architected=("REL10-BP01",)),
    rationale="A VPC function only runs in the zones of its subnets: with one zone, a zone "
    "outage stops every invocation.",
    remediation=Remediation(
        text="Add a subnet in a second Availability Zone.",
        yaml="subnets: [private-a, private-b]",
        cloudformation="VpcConfig:\n  SubnetIds: [!Ref PrivateA, !Ref PrivateB]",
        terraform=(
            "vpc_config {\n"
            "  subnet_ids         = [aws_subnet.private_a.id, aws_subnet.private_b.id]\n"
            "  security_group_ids = [aws_security_group.fn.id]\n"
            "}"
        ),
    ),
    per_account=True,
)
def lambda_function_multi_az(fn: LambdaFunction, ctx: Context) -> Verdict:
    if not fn.subnets:
        return not_applicable("not attached to a VPC: Lambda spreads it across zones")
    return spans_two_zones(fn, ctx)
