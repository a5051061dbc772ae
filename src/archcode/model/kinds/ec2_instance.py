"""The EC2 instance kind (ec2_instance)."""

# Annotations are evaluated as the class is made, not kept as strings (no `from __future__
# import annotations`): pydantic would parse and evaluate each string again (issue 17).

from typing import Annotated, Literal

from pydantic import Field

from archcode.model.base import VpcPlaced, ref


class Ec2Instance(VpcPlaced):
    kind: Literal["ec2_instance"] = "ec2_instance"
    instance_type: str | None = Field(default=None, examples=["t3.micro"])
    ami: str | None = None
    public_ip: bool | None = None
    role: Annotated[str | None, ref("assumes_role", "iam_role")] = None
    imdsv2_required: bool | None = None
    detailed_monitoring: bool | None = None
    platform: Literal["linux", "windows"] = "linux"
    network_interface_count: int | None = Field(
        default=None,
        ge=1,
        description="Network interfaces (ENIs and EFAs) attached to the instance, the primary "
        "one included.",
    )
