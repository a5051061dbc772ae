"""The Subnet kind (subnet)."""

# Annotations are evaluated as the class is made, not kept as strings (no `from __future__
# import annotations`): pydantic would parse and evaluate each string again (issue 17).

from typing import Annotated, Literal

from pydantic import Field

from archcode.model.base import Resource, Strict, ref
from archcode.model.kinds._shared import RouteTarget


class Route(Strict):
    """One route of the subnet's route table, as the source wrote it."""

    destination: str | None = Field(
        default=None,
        description="IPv4 or IPv6 range (or prefix list id) the route sends; null: not known.",
    )
    target: RouteTarget | None = Field(
        default=None, description="What kind of thing the route sends to; null: not known."
    )
    target_id: str | None = Field(default=None, description="The target's id, when known.")


class Subnet(Resource):
    kind: Literal["subnet"] = "subnet"
    vpc: Annotated[str, ref("in_vpc", "vpc")]
    az: str | None = Field(default=None, description="Availability zone, e.g. us-east-1a.")
    cidr: str | None = None
    public: bool | None = Field(
        default=None,
        description="Routes 0.0.0.0/0 (or ::/0) to an internet gateway. When `routes` is "
        "given, the routes decide and this flag is ignored.",
    )
    routes: list[Route] | None = Field(
        default=None,
        description="The routes of the subnet's route table (its own, else the VPC's main "
        "table); null: not read (a template does not show the main table).",
    )
    map_public_ip_on_launch: bool | None = None
