"""The Auto Scaling group kind (autoscaling_group)."""

# Annotations are evaluated as the class is made, not kept as strings (no `from __future__
# import annotations`): pydantic would parse and evaluate each string again (issue 17).

from typing import Annotated, Literal

from pydantic import Field

from archcode.model.base import VpcPlaced, ref


class AutoScalingGroup(VpcPlaced):
    kind: Literal["autoscaling_group"] = "autoscaling_group"
    instance_type: str | None = None
    min_size: int | None = Field(default=None, ge=0)
    max_size: int | None = Field(default=None, ge=0)
    desired_capacity: int | None = Field(default=None, ge=0)
    role: Annotated[str | None, ref("assumes_role", "iam_role")] = None
    health_check_type: Literal["EC2", "ELB"] | None = None
    imdsv2_required: bool | None = Field(
        default=None,
        description="The launch template or configuration requires IMDSv2 (HttpTokens "
        "required); not stated: unknown (the AMI or the account default decides).",
    )
    public_ip: bool | None = Field(
        default=None,
        description="The launch template or configuration asks for a public IPv4 address on "
        "launched instances (not asking leaves it to the subnet's setting).",
    )
    multiple_instance_types: bool | None = Field(
        default=None,
        description="The group can launch more than one instance type: a mixed instances "
        "policy with two or more instance type overrides, or attribute-based instance types.",
    )
