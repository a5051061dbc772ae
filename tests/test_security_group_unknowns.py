"""Security group rules a template or plan leaves open until deploy time are not known, never
absent: the exposure rules say UNKNOWN for them instead of a silent PASS (issue 14). A known
violation still fails; a parameter's default is what the template deploys unless told otherwise.
"""

from __future__ import annotations

import json
import textwrap
from pathlib import Path
from typing import Any

import pytest

from archcode.collectors import load_architecture
from archcode.collectors.cloudformation import to_architecture
from archcode.model.architecture import Architecture
from archcode.model.kinds.network import SecurityGroup
from archcode.rules.base import Outcome
from archcode.rules.engine import evaluate
from archcode.rules.registry import builtin_rules

SG_RULES = (
    "security-group-restricted-common-ports",
    "security-group-only-authorized-ports-open",
)
AWS = "registry.terraform.io/hashicorp/aws"


def outcomes(arch: Architecture, rule_id: str) -> dict[str | None, Outcome]:
    rule = builtin_rules()[rule_id]
    return {r.resource: r.outcome for r in evaluate(arch, [rule])}


def cfn(body: str, parameters: dict[str, str] | None = None) -> Architecture:
    head = textwrap.dedent(
        """
        Parameters:
          Cidr: {Type: String}
          Port: {Type: Number}
          SSHLocation: {Type: String, Default: 0.0.0.0/0}
          Imported: {Type: String}
        Conditions:
          Wide: !Equals [!Ref Imported, "yes"]
        Resources:
          Vpc: {Type: AWS::EC2::VPC, Properties: {CidrBlock: 10.0.0.0/16}}
        """
    )
    text = head + textwrap.indent(textwrap.dedent(body), "  ")
    return to_architecture(text, "t.yaml", parameters=parameters)


def group(props: str) -> str:
    return f"Sg:\n  Type: AWS::EC2::SecurityGroup\n  Properties:\n    GroupDescription: g\n{props}"


# What each rule said before: the unknown part was dropped and the group PASSed.
CFN_UNKNOWN = {
    "cidr-parameter": group(
        "    SecurityGroupIngress:\n"
        "      - {IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: !Ref Cidr}\n"
    ),
    "cidr-ipv6-import": group(
        "    SecurityGroupIngress:\n"
        "      - {IpProtocol: tcp, FromPort: 3389, ToPort: 3389,"
        " CidrIpv6: !ImportValue net-cidr6}\n"
    ),
    "cidr-if": group(
        "    SecurityGroupIngress:\n"
        "      - IpProtocol: tcp\n        FromPort: 22\n        ToPort: 22\n"
        "        CidrIp: !If [Wide, 0.0.0.0/0, 10.0.0.0/8]\n"
    ),
    "protocol-if": group(
        "    SecurityGroupIngress:\n"
        "      - IpProtocol: !If [Wide, '-1', icmp]\n        FromPort: -1\n        ToPort: -1\n"
        "        CidrIp: 0.0.0.0/0\n"
    ),
    "whole-rule-if": group(
        "    SecurityGroupIngress:\n"
        "      - !If [Wide, {IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 0.0.0.0/0},"
        " !Ref AWS::NoValue]\n"
    ),
    "standalone-ingress": group("")
    + "\nIn:\n  Type: AWS::EC2::SecurityGroupIngress\n  Properties:\n"
    "    GroupId: !GetAtt Sg.GroupId\n    IpProtocol: tcp\n    FromPort: 3306\n"
    "    ToPort: 3306\n    CidrIp: !Ref Cidr\n",
    "ports-parameter": group(
        "    SecurityGroupIngress:\n"
        "      - {IpProtocol: tcp, FromPort: !Ref Port, ToPort: !Ref Port, CidrIp: 0.0.0.0/0}\n"
    ),
}


@pytest.mark.parametrize("name", sorted(CFN_UNKNOWN))
@pytest.mark.parametrize("rule_id", SG_RULES)
def test_cfn_rule_set_at_deploy_time_is_unknown_not_pass(name: str, rule_id: str) -> None:
    arch = cfn(CFN_UNKNOWN[name])
    assert outcomes(arch, rule_id)["Sg"] is Outcome.UNKNOWN


def test_the_unknown_range_is_kept_in_the_model() -> None:
    sg = cfn(CFN_UNKNOWN["cidr-parameter"]).resources["Sg"]
    assert isinstance(sg, SecurityGroup)
    (rule,) = sg.ingress
    assert rule.cidr is None and rule.port_range == (22, 22)
    ports = cfn(CFN_UNKNOWN["ports-parameter"]).resources["Sg"]
    assert isinstance(ports, SecurityGroup)
    assert ports.ingress[0].cidr == ["0.0.0.0/0"] and ports.ingress[0].port_range is None


def test_a_known_violation_beats_an_unknown_rule() -> None:
    arch = cfn(
        group(
            "    SecurityGroupIngress:\n"
            "      - {IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: !Ref Cidr}\n"
            "      - {IpProtocol: tcp, FromPort: 3389, ToPort: 3389, CidrIp: 0.0.0.0/0}\n"
        )
    )
    for rule_id in SG_RULES:
        assert outcomes(arch, rule_id)["Sg"] is Outcome.FAIL


def test_known_fine_rules_and_an_unknown_peer_group_pass() -> None:
    # A source group set at deploy time admits some group, never the whole internet.
    arch = cfn(
        group(
            "    SecurityGroupIngress:\n"
            "      - {IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 0.0.0.0/0}\n"
            "      - {IpProtocol: tcp, FromPort: 22, ToPort: 22,"
            " SourceSecurityGroupId: !ImportValue bastion-sg}\n"
        )
    )
    for rule_id in SG_RULES:
        assert outcomes(arch, rule_id)["Sg"] is Outcome.PASS


def test_the_vpcs_own_range_is_known() -> None:
    arch = cfn(
        group(
            "    SecurityGroupIngress:\n"
            "      - {IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: !GetAtt Vpc.CidrBlock}\n"
        )
    )
    sg = arch.resources["Sg"]
    assert isinstance(sg, SecurityGroup) and sg.ingress[0].cidr == ["10.0.0.0/16"]
    for rule_id in SG_RULES:
        assert outcomes(arch, rule_id)["Sg"] is Outcome.PASS


def test_a_parameter_default_is_what_deploys_unless_given() -> None:
    body = group(
        "    SecurityGroupIngress:\n"
        "      - {IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: !Ref SSHLocation}\n"
    )
    assert outcomes(cfn(body), SG_RULES[0])["Sg"] is Outcome.FAIL
    given = cfn(body, parameters={"SSHLocation": "10.0.0.0/8"})
    assert outcomes(given, SG_RULES[0])["Sg"] is Outcome.PASS


def test_a_data_store_behind_an_unknown_range_is_unknown() -> None:
    arch = cfn(
        group(
            "    VpcId: !Ref Vpc\n    SecurityGroupIngress:\n"
            "      - {IpProtocol: tcp, FromPort: 5432, ToPort: 5432, CidrIp: !Ref Cidr}\n"
        )
        + "\nIgw: {Type: AWS::EC2::InternetGateway}\n"
        "Att: {Type: AWS::EC2::VPCGatewayAttachment, Properties: {VpcId: !Ref Vpc,"
        " InternetGatewayId: !Ref Igw}}\n"
        "Pub: {Type: AWS::EC2::Subnet, Properties: {VpcId: !Ref Vpc, CidrBlock: 10.0.0.0/24}}\n"
        "Rt: {Type: AWS::EC2::RouteTable, Properties: {VpcId: !Ref Vpc}}\n"
        "Route: {Type: AWS::EC2::Route, Properties: {RouteTableId: !Ref Rt,"
        " DestinationCidrBlock: 0.0.0.0/0, GatewayId: !Ref Igw}}\n"
        "Assoc: {Type: AWS::EC2::SubnetRouteTableAssociation, Properties: {SubnetId: !Ref Pub,"
        " RouteTableId: !Ref Rt}}\n"
        "Subnets: {Type: AWS::RDS::DBSubnetGroup, Properties: {DBSubnetGroupDescription: d,"
        " SubnetIds: [!Ref Pub]}}\n"
        "Db:\n  Type: AWS::RDS::DBInstance\n  Properties:\n    Engine: postgres\n"
        "    DBInstanceClass: db.t3.micro\n    PubliclyAccessible: true\n"
        "    DBSubnetGroupName: !Ref Subnets\n    VPCSecurityGroups: [!GetAtt Sg.GroupId]\n"
    )
    assert outcomes(arch, "data-store-not-internet-reachable")["Db"] is Outcome.UNKNOWN


# --- Terraform plans: "known after apply" is absent from planned_values (a list element: null)


def tf_resource(address: str, values: dict[str, Any]) -> dict[str, Any]:
    rtype, name = address.split(".")
    return {
        "address": address,
        "mode": "managed",
        "type": rtype,
        "name": name,
        "provider_name": AWS,
        "schema_version": 0,
        "values": values,
        "sensitive_values": {},
    }


def tf_plan(tmp_path: Path, resources: list[dict[str, Any]], config: list[Any]) -> Architecture:
    document = {
        "format_version": "1.2",
        "terraform_version": "1.9.8",
        "planned_values": {"root_module": {"resources": resources}},
        "configuration": {
            "provider_config": {
                "aws": {"name": "aws", "expressions": {"region": {"constant_value": "eu-west-1"}}}
            },
            "root_module": {"resources": config},
        },
    }
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(document))
    return load_architecture(str(path))


def tf_config(address: str, expressions: dict[str, Any]) -> dict[str, Any]:
    rtype, name = address.split(".")
    return {"address": address, "mode": "managed", "type": rtype, "name": name,
            "provider_config_key": "aws", "expressions": expressions}  # fmt: skip


INLINE = {
    "description": None,
    "ipv6_cidr_blocks": [],
    "prefix_list_ids": [],
    "security_groups": [],
    "self": False,
}
SG_ID = {"security_group_id": {"references": ["aws_security_group.sg.id", "aws_security_group.sg"]}}

TF_UNKNOWN: dict[str, list[dict[str, Any]]] = {
    "inline-cidr-after-apply": [
        tf_resource(
            "aws_security_group.sg",
            {"name": "sg", "ingress": [
                {**INLINE, "protocol": "tcp", "from_port": 22, "to_port": 22}
            ]},
        )
    ],
    "inline-cidr-element-after-apply": [
        tf_resource(
            "aws_security_group.sg",
            {"name": "sg", "ingress": [
                {**INLINE, "protocol": "tcp", "from_port": 22, "to_port": 22,
                 "cidr_blocks": [None]}
            ]},
        )
    ],
    "inline-protocol-after-apply": [
        tf_resource(
            "aws_security_group.sg",
            {"name": "sg", "ingress": [
                {**INLINE, "from_port": 0, "to_port": 0, "cidr_blocks": ["0.0.0.0/0"]}
            ]},
        )
    ],
    "security-group-rule": [
        tf_resource("aws_security_group.sg", {"name": "sg"}),
        tf_resource(
            "aws_security_group_rule.r",
            {"type": "ingress", "protocol": "tcp", "from_port": 22, "to_port": 22,
             "ipv6_cidr_blocks": None, "prefix_list_ids": None, "self": False},
        ),
    ],
    "vpc-ingress-rule": [
        tf_resource("aws_security_group.sg", {"name": "sg"}),
        tf_resource(
            "aws_vpc_security_group_ingress_rule.r",
            {"ip_protocol": "tcp", "from_port": 3389, "to_port": 3389, "cidr_ipv6": None,
             "prefix_list_id": None, "referenced_security_group_id": None},
        ),
    ],
    "vpc-ingress-rule-ports": [
        tf_resource("aws_security_group.sg", {"name": "sg"}),
        tf_resource(
            "aws_vpc_security_group_ingress_rule.r",
            {"ip_protocol": "tcp", "cidr_ipv4": "0.0.0.0/0", "cidr_ipv6": None,
             "prefix_list_id": None, "referenced_security_group_id": None},
        ),
    ],
}
TF_CONFIG = [
    tf_config("aws_security_group.sg", {"name": {"constant_value": "sg"}}),
    tf_config("aws_security_group_rule.r", SG_ID),
    tf_config("aws_vpc_security_group_ingress_rule.r", SG_ID),
]  # fmt: skip


@pytest.mark.parametrize("name", sorted(TF_UNKNOWN))
@pytest.mark.parametrize("rule_id", SG_RULES)
def test_tf_value_known_after_apply_is_unknown_not_pass(
    tmp_path: Path, name: str, rule_id: str
) -> None:
    arch = tf_plan(tmp_path, TF_UNKNOWN[name], TF_CONFIG)
    assert outcomes(arch, rule_id)["aws_security_group.sg"] is Outcome.UNKNOWN


def test_tf_known_rules_still_pass_and_fail(tmp_path: Path) -> None:
    fine = {**INLINE, "protocol": "tcp", "from_port": 443, "to_port": 443,
            "cidr_blocks": ["0.0.0.0/0"]}  # fmt: skip
    unknown = {**INLINE, "protocol": "tcp", "from_port": 22, "to_port": 22}
    ssh = {**fine, "from_port": 22, "to_port": 22}
    ok = tf_plan(tmp_path, [tf_resource("aws_security_group.sg", {"ingress": [fine]})], [])
    bad = tf_plan(
        tmp_path, [tf_resource("aws_security_group.sg", {"ingress": [unknown, ssh]})], []
    )
    for rule_id in SG_RULES:
        assert outcomes(ok, rule_id)["aws_security_group.sg"] is Outcome.PASS
        assert outcomes(bad, rule_id)["aws_security_group.sg"] is Outcome.FAIL


def test_tf_inline_blocks_wholly_known_after_apply_are_one_unknown_rule(tmp_path: Path) -> None:
    block = {
        "protocol": {"constant_value": "tcp"},
        "from_port": {"constant_value": 22},
        "to_port": {"constant_value": 22},
        "cidr_blocks": {"references": ["var.cidr"]},
    }
    config = [tf_config("aws_security_group.sg", {"ingress": [block]})]
    arch = tf_plan(tmp_path, [tf_resource("aws_security_group.sg", {"name": "sg"})], config)
    sg = arch.resources["aws_security_group.sg"]
    assert isinstance(sg, SecurityGroup) and len(sg.ingress) == 1
    assert sg.ingress[0].cidr is None and sg.ingress[0].port_range is None
    for rule_id in SG_RULES:
        assert outcomes(arch, rule_id)["aws_security_group.sg"] is Outcome.UNKNOWN
