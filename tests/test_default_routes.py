"""A subnet is public when its route table sends the whole internet, IPv4 or IPv6 and however
the range is spelled, to an internet gateway: one verdict from a template, a plan and live.

Every source stores the routes it read (model field ``routes``); ``subnet_public`` judges them
once (model/routing.py). A subnet without its own route table follows the VPC's main table:
live reads it; a template or plan does not show it, so there the answer is unknown."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from tests.test_iac_terraform import config, load, plan, ref, resource

from archcode.collectors.aws.assemble import assemble
from archcode.collectors.aws.draft import Ctx
from archcode.collectors.aws.reader import ABSENT
from archcode.collectors.aws.services import ec2
from archcode.collectors.cloudformation import to_architecture
from archcode.model.architecture import Architecture
from archcode.model.kinds.network import Subnet
from archcode.model.routing import subnet_public
from archcode.renderers.views import scene_node

# (route key, destination, public?)
ROUTES = [
    ("v4", "0.0.0.0/0", True),
    ("v4", "0.0.0.0/00", True),
    ("v4", "10.0.0.0/8", False),
    ("v6", "::/0", True),
    ("v6", "0000:0000::/0", True),
    ("v6", "0::0/0", True),
    ("v6", "2001:db8::/32", False),
]
_CFN_KEY = {"v4": "DestinationCidrBlock", "v6": "DestinationIpv6CidrBlock"}
_TF_ROUTE_KEY = {"v4": "destination_cidr_block", "v6": "destination_ipv6_cidr_block"}
_TF_BLOCK_KEY = {"v4": "cidr_block", "v6": "ipv6_cidr_block"}


def from_template(family: str, destination: str) -> bool | None:
    template = {
        "Resources": {
            "Vpc": {"Type": "AWS::EC2::VPC", "Properties": {"CidrBlock": "10.0.0.0/16"}},
            "Igw": {"Type": "AWS::EC2::InternetGateway"},
            "Subnet": {"Type": "AWS::EC2::Subnet", "Properties": {"VpcId": {"Ref": "Vpc"}}},
            "Table": {"Type": "AWS::EC2::RouteTable", "Properties": {"VpcId": {"Ref": "Vpc"}}},
            "Assoc": {
                "Type": "AWS::EC2::SubnetRouteTableAssociation",
                "Properties": {"SubnetId": {"Ref": "Subnet"}, "RouteTableId": {"Ref": "Table"}},
            },
            "Default": {
                "Type": "AWS::EC2::Route",
                "Properties": {
                    "RouteTableId": {"Ref": "Table"},
                    _CFN_KEY[family]: destination,
                    "GatewayId": {"Ref": "Igw"},
                },
            },
        }
    }
    return _public(to_architecture(json.dumps(template), "t.json"), "Subnet")


def from_plan(tmp_path: Path, family: str, destination: str, inline: bool) -> bool | None:
    table_values: dict[str, Any] = {"vpc_id": "vpc-1"}
    table_expr: dict[str, Any] = {"vpc_id": ref("aws_vpc.v.id")}
    extra_resources, extra_config = [], []
    if inline:
        table_values["route"] = [{_TF_BLOCK_KEY[family]: destination, "gateway_id": "igw-1"}]
        table_expr["route"] = [{"gateway_id": ref("aws_internet_gateway.g.id")}]
    else:
        extra_resources.append(
            resource(
                "aws_route.default",
                {
                    "route_table_id": "rtb-1",
                    _TF_ROUTE_KEY[family]: destination,
                    "gateway_id": "igw-1",
                },
            )
        )
        extra_config.append(
            config(
                "aws_route.default",
                {
                    "route_table_id": ref("aws_route_table.t.id"),
                    "gateway_id": ref("aws_internet_gateway.g.id"),
                },
            )
        )
    document = plan(
        [
            resource("aws_vpc.v", {"cidr_block": "10.0.0.0/16"}),
            resource("aws_internet_gateway.g", {"vpc_id": "vpc-1"}),
            resource("aws_subnet.s", {"vpc_id": "vpc-1", "cidr_block": "10.0.1.0/24"}),
            resource("aws_route_table.t", table_values),
            resource("aws_route_table_association.a", {"subnet_id": "subnet-1"}),
            *extra_resources,
        ],
        [
            config("aws_internet_gateway.g", {"vpc_id": ref("aws_vpc.v.id")}),
            config("aws_subnet.s", {"vpc_id": ref("aws_vpc.v.id")}),
            config("aws_route_table.t", table_expr),
            config(
                "aws_route_table_association.a",
                {
                    "subnet_id": ref("aws_subnet.s.id"),
                    "route_table_id": ref("aws_route_table.t.id"),
                },
            ),
            *extra_config,
        ],
    )
    return _public(load(tmp_path, document), "aws_subnet.s")


def _public(arch: Architecture, sid: str) -> bool | None:
    """The judged verdict of the subnet whose id is (or, discovered, ends in) ``sid``."""
    (subnet,) = [r for k, r in arch.resources.items() if k == sid or k.endswith("/" + sid)]
    assert isinstance(subnet, Subnet)
    return subnet_public(subnet)


class RecordedEc2:
    """Reader stand-in answering the EC2 listings from recorded DescribeX answers."""

    account, region = "123456789012", "us-east-1"

    def __init__(self, answers: dict[str, list[dict[str, Any]]]) -> None:
        self.answers = answers
        self.gaps: list[Any] = []

    def items(self, operation: str, key: str, **kwargs: Any) -> list[Any] | None:
        return self.answers.get(operation, [])

    def call(self, operation: str, **kwargs: Any) -> Any:
        return ABSENT

    def pages(self, operation: str, **kwargs: Any) -> list[dict[str, Any]] | None:
        return []

    def gap(self, *args: Any, **kwargs: Any) -> None:
        raise AssertionError(f"no gap expected: {args}")


def discovered(tables: list[dict[str, Any]], subnets: list[str]) -> Architecture:
    reader = RecordedEc2(
        {
            "describe_vpcs": [{"VpcId": "vpc-1", "CidrBlock": "10.0.0.0/16"}],
            "describe_subnets": [
                {"SubnetId": s, "VpcId": "vpc-1", "AvailabilityZone": "us-east-1a"} for s in subnets
            ],
            "describe_route_tables": tables,
            "describe_internet_gateways": [
                {"InternetGatewayId": "igw-1", "Attachments": [{"VpcId": "vpc-1"}]}
            ],
        }
    )
    ctx = Ctx(reader)  # type: ignore[arg-type]
    ec2.collect(ctx)
    return assemble("t", ctx.found, ctx.links, ctx.aliases, [], [reader.account], [reader.region])


def from_live(family: str, destination: str) -> bool | None:
    key = {"v4": "DestinationCidrBlock", "v6": "DestinationIpv6CidrBlock"}[family]
    tables = [
        {
            "VpcId": "vpc-1",
            "Associations": [{"Main": False, "SubnetId": "subnet-1"}],
            "Routes": [
                {"DestinationCidrBlock": "10.0.0.0/16", "GatewayId": "local"},
                {key: destination, "GatewayId": "igw-1"},
            ],
        }
    ]
    return _public(discovered(tables, ["subnet-1"]), "subnet-1")


@pytest.mark.parametrize(("family", "destination", "public"), ROUTES)
def test_one_verdict_from_every_source(
    tmp_path: Path, family: str, destination: str, public: bool
) -> None:
    verdicts = {
        "cloudformation": from_template(family, destination),
        "terraform route": from_plan(tmp_path, family, destination, inline=False),
        "terraform inline": from_plan(tmp_path, family, destination, inline=True),
        "live": from_live(family, destination),
    }
    assert verdicts == dict.fromkeys(verdicts, public)


# --- the VPC's main route table -----------------------------------------------------------


def _main_table_template(target: dict[str, Any]) -> dict[str, Any]:
    """A subnet with no association; the VPC has a table routing anywhere somewhere."""
    return {
        "Parameters": {"Gw": {"Type": "String"}},
        "Resources": {
            "Vpc": {"Type": "AWS::EC2::VPC", "Properties": {"CidrBlock": "10.0.0.0/16"}},
            "Igw": {"Type": "AWS::EC2::InternetGateway"},
            "Subnet": {"Type": "AWS::EC2::Subnet", "Properties": {"VpcId": {"Ref": "Vpc"}}},
            "Table": {"Type": "AWS::EC2::RouteTable", "Properties": {"VpcId": {"Ref": "Vpc"}}},
            "Default": {
                "Type": "AWS::EC2::Route",
                "Properties": {
                    "RouteTableId": {"Ref": "Table"},
                    "DestinationCidrBlock": "0.0.0.0/0",
                    **target,
                },
            },
        },
    }


@pytest.mark.parametrize("main_to_igw", [True, False])
def test_the_main_route_table_live_knows_templates_and_plans_do_not(
    tmp_path: Path, main_to_igw: bool
) -> None:
    target = {"GatewayId": "igw-1"} if main_to_igw else {"NatGatewayId": "nat-1"}
    live = discovered(
        [
            {
                "VpcId": "vpc-1",
                "Associations": [{"Main": True}],
                "Routes": [{"DestinationCidrBlock": "0.0.0.0/0", **target}],
            },
            {  # another subnet's own table: no bearing on subnet-1
                "VpcId": "vpc-1",
                "Associations": [{"Main": False, "SubnetId": "subnet-2"}],
                "Routes": [{"DestinationCidrBlock": "0.0.0.0/0", "NatGatewayId": "nat-1"}],
            },
        ],
        ["subnet-1", "subnet-2"],
    )
    assert _public(live, "subnet-1") is main_to_igw
    assert _public(live, "subnet-2") is False

    template = _main_table_template({"GatewayId": {"Ref": "Igw"}})
    assert _public(to_architecture(json.dumps(template), "t.json"), "Subnet") is None

    document = plan(
        [
            resource("aws_vpc.v", {"cidr_block": "10.0.0.0/16"}),
            resource("aws_internet_gateway.g", {}),
            resource("aws_subnet.s", {"cidr_block": "10.0.1.0/24"}),
            resource(
                "aws_route_table.t",
                {"route": [{"cidr_block": "0.0.0.0/0", "gateway_id": "igw-1"}]},
            ),
        ],
        [
            config("aws_subnet.s", {"vpc_id": ref("aws_vpc.v.id")}),
            config("aws_route_table.t", {"vpc_id": ref("aws_vpc.v.id")}),
        ],
    )
    assert _public(load(tmp_path, document), "aws_subnet.s") is None


# --- what the route sends to ----------------------------------------------------------------

# (CloudFormation route target, public?)
TARGETS: list[tuple[dict[str, Any], bool | None]] = [
    ({"GatewayId": {"Ref": "Igw"}}, True),
    ({"GatewayId": "igw-0123456789abcdef0"}, True),  # an id the template is given
    ({"GatewayId": {"Ref": "Gw"}}, None),  # a parameter: an IGW or a virtual private gateway
    ({"NatGatewayId": "nat-0123456789abcdef0"}, False),
    ({"GatewayId": "vgw-0123456789abcdef0"}, False),
    ({"TransitGatewayId": {"Ref": "Gw"}}, False),
    ({"VpcPeeringConnectionId": "pcx-0123456789abcdef0"}, False),
]


@pytest.mark.parametrize(("target", "public"), TARGETS)
def test_the_route_target_decides_from_a_template_and_live(
    target: dict[str, Any], public: bool | None
) -> None:
    template = _main_table_template(target)
    template["Resources"]["Assoc"] = {
        "Type": "AWS::EC2::SubnetRouteTableAssociation",
        "Properties": {"SubnetId": {"Ref": "Subnet"}, "RouteTableId": {"Ref": "Table"}},
    }
    assert _public(to_architecture(json.dumps(template), "t.json"), "Subnet") is public
    literal = {k: v for k, v in target.items() if isinstance(v, str)}
    if literal:  # live always knows the id
        tables = [
            {
                "VpcId": "vpc-1",
                "Associations": [{"Main": False, "SubnetId": "subnet-1"}],
                "Routes": [{"DestinationCidrBlock": "0.0.0.0/0", **literal}],
            }
        ]
        assert _public(discovered(tables, ["subnet-1"]), "subnet-1") is public


def test_a_literal_gateway_id_in_a_plan(tmp_path: Path) -> None:
    """An internet gateway the plan does not create, named by its id: public."""
    document = plan(
        [
            resource(
                "aws_subnet.s", {"vpc_id": "vpc-0123456789abcdef0", "cidr_block": "10.0.1.0/24"}
            ),
            resource(
                "aws_route_table.t",
                {"route": [{"cidr_block": "0.0.0.0/0", "gateway_id": "igw-0abc"}]},
            ),
            resource("aws_route_table_association.a", {"subnet_id": "subnet-1"}),
            resource(
                "aws_route_table.n", {"route": [{"cidr_block": "0.0.0.0/0", "gateway_id": ""}]}
            ),
        ],
        [
            config(
                "aws_route_table_association.a",
                {
                    "subnet_id": ref("aws_subnet.s.id"),
                    "route_table_id": ref("aws_route_table.t.id"),
                },
            ),
        ],
    )
    assert _public(load(tmp_path, document), "aws_subnet.s") is True


def test_yaml_routes_decide_over_the_flag() -> None:
    from archcode.collectors.yaml_model import load_yaml_model

    text = """
name: routes
resources:
  v: {kind: vpc}
  flagged: {kind: subnet, vpc: v, public: true}
  routed:
    kind: subnet
    vpc: v
    public: true
    routes: [{destination: 0.0.0.0/0, target: nat_gateway}]
  open:
    kind: subnet
    vpc: v
    routes: [{destination: "::/0", target: internet_gateway, target_id: igw-1}]
  unread: {kind: subnet, vpc: v}
"""
    arch = load_yaml_model(text, "r.yaml")
    got = {sid: _public(arch, sid) for sid in ("flagged", "routed", "open", "unread")}
    assert got == {"flagged": True, "routed": False, "open": True, "unread": None}
    # the diagram draws the judged value too, not the flag
    labels = {sid: scene_node(sid, arch.resources[sid]).kind_label for sid in got}
    assert labels == {
        "flagged": "Public subnet",
        "routed": "Private subnet",
        "open": "Public subnet",
        "unread": "Subnet",
    }
