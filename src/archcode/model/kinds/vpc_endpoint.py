"""The VPC endpoint kind (vpc_endpoint)."""

# Annotations are evaluated as the class is made, not kept as strings (no `from __future__
# import annotations`): pydantic would parse and evaluate each string again (issue 17).

from typing import Annotated, Literal

from pydantic import Field

from archcode.model.base import VpcPlaced, ref
from archcode.model.iam import PolicyDocument


class VpcEndpoint(VpcPlaced):
    kind: Literal["vpc_endpoint"] = "vpc_endpoint"
    vpc: Annotated[str | None, ref("in_vpc", "vpc")] = None
    service: str = Field(description="Service the endpoint reaches, e.g. s3, secretsmanager.")
    endpoint_type: Literal["gateway", "interface", "gateway_load_balancer"] = "interface"
    private_dns_enabled: bool | None = None
    policy: PolicyDocument | None = None
