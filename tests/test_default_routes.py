"""A subnet is public when its route table sends the whole internet, IPv4 or IPv6 and however
the range is spelled, to an internet gateway: one verdict from a template, a plan and live."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from tests.test_iac_terraform import config, load, plan, ref, resource

from archcode.collectors.aws.services.ec2 import _public_subnets
from archcode.collectors.cloudformation import to_architecture

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
    arch = to_architecture(json.dumps(template), "t.json")
    return arch.resources["Subnet"].public  # type: ignore[attr-defined,no-any-return]


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
    arch = load(tmp_path, document)
    return arch.resources["aws_subnet.s"].public  # type: ignore[attr-defined,no-any-return]


def from_live(family: str, destination: str) -> bool | None:
    key = {"v4": "DestinationCidrBlock", "v6": "DestinationIpv6CidrBlock"}[family]
    tables = [
        {
            "VpcId": "vpc-1",
            "Associations": [{"Main": False, "SubnetId": "subnet-1"}],
            "Routes": [{key: destination, "GatewayId": "igw-1"}],
        }
    ]
    return _public_subnets(tables)[0]["subnet-1"]


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
