"""Whether a subnet is public: judged once over the routes the model holds, for every source.

Sources store the routes of the subnet's route table as written (destination, target kind and
id); a YAML author may state ``public`` instead. The routes decide when they are given.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from archcode.model.cidr import is_anywhere
from archcode.model.kinds._shared import RouteTarget

if TYPE_CHECKING:
    from archcode.model.kinds.subnet import Route, Subnet

# Id prefixes AWS gives route targets (GatewayId alone may name an IGW, a VGW or an endpoint).
_PREFIXES: tuple[tuple[str, RouteTarget], ...] = (
    ("igw-", "internet_gateway"),
    ("eigw-", "egress_only_internet_gateway"),
    ("nat-", "nat_gateway"),
    ("tgw-", "transit_gateway"),
    ("pcx-", "vpc_peering"),
    ("vpce-", "vpc_endpoint"),
    ("vgw-", "vpn_gateway"),
    ("eni-", "network_interface"),
    ("i-", "instance"),
)


def target_of(target_id: str) -> RouteTarget:
    """The kind of a route target named by its AWS id (``local`` for the VPC's own range)."""
    if target_id == "local":
        return "local"
    return next((kind for prefix, kind in _PREFIXES if target_id.startswith(prefix)), "other")


def routes_public(routes: list[Route]) -> bool | None:
    """Some route sends the whole internet (IPv4 or IPv6, any spelling) to an internet gateway.

    A route whose destination or target is not known could be that route: unknown, not False.
    """
    unsure = False
    for route in routes:
        anywhere = None if route.destination is None else is_anywhere(route.destination)
        to_igw = None if route.target is None else route.target == "internet_gateway"
        if anywhere and to_igw:
            return True
        unsure = unsure or (anywhere is not False and to_igw is not False)
    return None if unsure else False


def subnet_public(subnet: Subnet) -> bool | None:
    """The routes decide when the model holds them; else ``public`` as written (None: unknown)."""
    if subnet.routes is not None:
        return routes_public(subnet.routes)
    return subnet.public


# A route's target key, lowercased without underscores (CloudFormation ``NatGatewayId``,
# Terraform ``nat_gateway_id``, the EC2 API's answer): the kind it names. ``GatewayId`` names
# an internet gateway, a virtual private gateway or an endpoint: its value tells.
TARGET_KEYS: dict[str, RouteTarget | None] = {
    "gatewayid": None,
    "natgatewayid": "nat_gateway",
    "transitgatewayid": "transit_gateway",
    "vpcpeeringconnectionid": "vpc_peering",
    "egressonlyinternetgatewayid": "egress_only_internet_gateway",
    "egressonlygatewayid": "egress_only_internet_gateway",
    "networkinterfaceid": "network_interface",
    "instanceid": "instance",
    "vpcendpointid": "vpc_endpoint",
    "carriergatewayid": "other",
    "localgatewayid": "other",
    "corenetworkarn": "other",
}


def key_name(key: str) -> str:
    return key.replace("_", "").lower()
