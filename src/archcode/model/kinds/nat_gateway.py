"""The NAT gateway kind (nat_gateway)."""

# Annotations are evaluated as the class is made, not kept as strings (no `from __future__
# import annotations`): pydantic would parse and evaluate each string again (issue 17).

from typing import Annotated, Literal

from archcode.model.base import Resource, ref


class NatGateway(Resource):
    kind: Literal["nat_gateway"] = "nat_gateway"
    subnet: Annotated[str | None, ref("in_subnet", "subnet")] = None
    connectivity: Literal["public", "private"] = "public"
