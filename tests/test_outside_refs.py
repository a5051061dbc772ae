"""References to what the model does not hold: kept as written, accepted, counted as set.

A trail encrypted with a key of a central security account, a web ACL that Firewall Manager
owns, a function in subnets the template is given: each is set, to something outside the model.
The same facts are read from archcode YAML, a CloudFormation template, a Terraform plan and a
live account (moto over HTTP), and the rules give the same verdicts on all of them.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import boto3
import pytest
from tests.moto_aws import ACCOUNT_A, ACCOUNT_B, lambda_zip

from archcode.cli import main
from archcode.collectors import load_architecture
from archcode.errors import InputError
from archcode.model.architecture import Architecture
from archcode.model.refs import is_outside, outside_account
from archcode.rules.engine import evaluate

SECURITY_KEY = f"arn:aws:kms:us-east-1:{ACCOUNT_B}:key/1234abcd-12ab-34cd-56ef-1234567890ab"
FMS_ACL = f"arn:aws:wafv2:us-east-1:{ACCOUNT_A}:regional/webacl/FMManagedWebACLV2-x/0a1b2c3d"
SUBNETS = ["subnet-0123456789abcdef0", "subnet-0fedcba9876543210"]
GROUP = "sg-0123456789abcdef0"


def outcomes(arch: Architecture) -> dict[tuple[str, str | None], str]:
    return {(r.rule.id, r.resource): r.outcome.value for r in evaluate(arch)}


def assert_verdicts(arch: Architecture, trail: str, fn: str, lb: str | None) -> None:
    """The verdicts every source must give on the outside references."""
    got = outcomes(arch)
    assert got[("cloudtrail-trail-kms-encrypted", trail)] == "PASS"
    assert got[("lambda-function-in-vpc", fn)] == "PASS"
    # Which zones outside subnets are in is not known: not a FAIL, not a PASS.
    assert got[("lambda-function-multi-az", fn)] == "UNKNOWN"
    if lb is not None:
        assert got[("internet-entry-point-waf", lb)] == "PASS"


@pytest.mark.parametrize(
    ("value", "outside"),
    [
        (SECURITY_KEY, True),
        (FMS_ACL, True),
        ("arn:aws-us-gov:kms:us-gov-west-1:111122223333:alias/trail", True),
        ("subnet-0123456789abcdef0", True),
        ("sg-1234abcd", True),
        ("1234abcd-12ab-34cd-56ef-1234567890ab", True),
        ("mrk-1234abcd12ab34cd56ef1234567890ab", True),
        ("alias/aws/rds", True),
        ("${SubnetIds}", True),
        ("data_key", False),  # an id of the document, misspelled or not
        ("private-a", False),
        ("db-a1", False),
        ("subnet-xyz", False),
        ("arn:nope", False),
    ],
)
def test_what_counts_as_outside_the_model(value: str, outside: bool) -> None:
    assert is_outside(value) is outside


def test_outside_account_of_an_arn() -> None:
    assert outside_account(SECURITY_KEY) == ACCOUNT_B
    assert outside_account("alias/aws/rds") is None
    assert outside_account("arn:aws:s3:::bucket") is None


# --- archcode YAML ----------------------------------------------------------------------------
YAML = f"""\
archcode: 1
name: outside
account: "{ACCOUNT_A}"
region: us-east-1
resources:
  trail: {{kind: cloudtrail_trail, multi_region: true, kms_key: "{SECURITY_KEY}"}}
  fn:
    kind: lambda
    runtime: python3.12
    subnets: {json.dumps(SUBNETS)}
    security_groups: [{GROUP}]
  alb: {{kind: alb, scheme: internet-facing, web_acl: "{FMS_ACL}", security_groups: [{GROUP}]}}
"""


def test_yaml_accepts_outside_references_and_rules_count_them_as_set(tmp_path: Path) -> None:
    path = tmp_path / "outside.yaml"
    path.write_text(YAML)
    arch = load_architecture(str(path))
    assert arch.resources["trail"].kms_key == SECURITY_KEY  # type: ignore[attr-defined]
    assert_verdicts(arch, "trail", "fn", "alb")


def test_yaml_still_refuses_a_misspelled_id(tmp_path: Path) -> None:
    path = tmp_path / "typo.yaml"
    path.write_text(YAML.replace(f'kms_key: "{SECURITY_KEY}"', "kms_key: trail_kye"))
    with pytest.raises(InputError) as raised:
        load_architecture(str(path))
    [problem] = raised.value.problems
    assert "'trail_kye' names no resource" in problem.message


# --- CloudFormation ---------------------------------------------------------------------------
TEMPLATE = f"""\
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  SecurityAccount: {{Type: String}}
  Subnets: {{Type: "List<AWS::EC2::Subnet::Id>"}}
Resources:
  Trail:
    Type: AWS::CloudTrail::Trail
    Properties:
      IsLogging: true
      IsMultiRegionTrail: true
      S3BucketName: central-audit-logs
      KMSKeyId: {SECURITY_KEY}
  TrailFromParameters:
    Type: AWS::CloudTrail::Trail
    Properties:
      IsLogging: true
      S3BucketName: central-audit-logs
      KMSKeyId: !Sub "arn:aws:kms:${{AWS::Region}}:${{SecurityAccount}}:alias/trail"
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      Role: arn:aws:iam::{ACCOUNT_A}:role/fn
      Code: {{ZipFile: "def handler(e, c): return 1"}}
      VpcConfig:
        SubnetIds: {json.dumps(SUBNETS)}
        SecurityGroupIds: [{GROUP}]
  FnFromParameters:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      Role: arn:aws:iam::{ACCOUNT_A}:role/fn
      Code: {{ZipFile: "def handler(e, c): return 1"}}
      VpcConfig:
        SubnetIds: !Ref Subnets
        SecurityGroupIds: [!ImportValue shared-app-sg]
  Alb:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    Properties:
      Scheme: internet-facing
      Subnets: {json.dumps(SUBNETS)}
      SecurityGroups: [{GROUP}]
  AlbAcl:
    Type: AWS::WAFv2::WebACLAssociation
    Properties:
      ResourceArn: !Ref Alb
      WebACLArn: {FMS_ACL}
"""


def test_cloudformation_keeps_literal_ids_arns_and_deploy_time_values(tmp_path: Path) -> None:
    path = tmp_path / "outside.cfn.yaml"
    path.write_text(TEMPLATE)
    arch = load_architecture(str(path))
    trail, fn, alb = (arch.resources[r] for r in ("Trail", "Fn", "Alb"))
    assert trail.kms_key == SECURITY_KEY  # type: ignore[attr-defined]
    assert fn.subnets == SUBNETS and fn.security_groups == [GROUP]  # type: ignore[attr-defined]
    assert fn.role == f"arn:aws:iam::{ACCOUNT_A}:role/fn"  # type: ignore[attr-defined]
    assert alb.web_acl == FMS_ACL  # type: ignore[attr-defined]
    # Given at deploy time: set, to something the template does not name.
    by_parameter = arch.resources["FnFromParameters"]
    assert by_parameter.subnets == ["${Subnets}"]  # type: ignore[attr-defined]
    assert by_parameter.security_groups == ["${ImportValue}"]  # type: ignore[attr-defined]
    key = arch.resources["TrailFromParameters"].kms_key  # type: ignore[attr-defined]
    assert key == "arn:aws:kms:${AWS::Region}:${SecurityAccount}:alias/trail"
    assert_verdicts(arch, "Trail", "Fn", "Alb")
    got = outcomes(arch)
    assert got[("cloudtrail-trail-kms-encrypted", "TrailFromParameters")] == "PASS"
    assert got[("lambda-function-in-vpc", "FnFromParameters")] == "PASS"


def test_cloudformation_parameter_default_ids_are_outside_references(tmp_path: Path) -> None:
    path = tmp_path / "defaults.cfn.yaml"
    path.write_text(
        TEMPLATE.replace(
            'Subnets: {Type: "List<AWS::EC2::Subnet::Id>"}',
            f'Subnets: {{Type: "List<AWS::EC2::Subnet::Id>", Default: "{",".join(SUBNETS)}"}}',
        )
    )
    arch = load_architecture(str(path))
    assert arch.resources["FnFromParameters"].subnets == SUBNETS  # type: ignore[attr-defined]


# --- Terraform plan ---------------------------------------------------------------------------
AWS = "registry.terraform.io/hashicorp/aws"


def _resource(address: str, values: dict[str, Any]) -> dict[str, Any]:
    rtype, name = address.split(".")
    return {"address": address, "mode": "managed", "type": rtype, "name": name,
            "provider_name": AWS, "schema_version": 0, "values": values}  # fmt: skip


def _config(address: str, expressions: dict[str, Any]) -> dict[str, Any]:
    rtype, name = address.split(".")
    return {"address": address, "mode": "managed", "type": rtype, "name": name,
            "expressions": expressions}  # fmt: skip


def _plan() -> dict[str, Any]:
    resources = [
        _resource("aws_kms_key.local", {"arn": f"arn:aws:kms:us-east-1:{ACCOUNT_A}:key/local"}),
        _resource(
            "aws_cloudtrail.trail",
            {
                "name": "trail",
                "is_multi_region_trail": True,
                "enable_logging": True,
                "s3_bucket_name": "central-audit-logs",
                "kms_key_id": SECURITY_KEY,
            },
        ),
        _resource("aws_cloudtrail.local", {"name": "local", "kms_key_id": None}),
        _resource(
            "aws_lambda_function.fn",
            {
                "function_name": "fn",
                "runtime": "python3.12",
                "role": f"arn:aws:iam::{ACCOUNT_A}:role/fn",
                "vpc_config": [{"subnet_ids": SUBNETS, "security_group_ids": [GROUP]}],
            },
        ),
        _resource(
            "aws_lb.alb",
            {
                "name": "alb",
                "load_balancer_type": "application",
                "internal": False,
                "subnets": SUBNETS,
                "security_groups": [GROUP],
            },
        ),
        _resource("aws_wafv2_web_acl_association.acl", {"web_acl_arn": FMS_ACL}),
    ]
    config = [
        # The local trail's key comes from the plan's own key, known after apply.
        _config("aws_cloudtrail.local", {"kms_key_id": {"references": ["aws_kms_key.local.arn",
                                                                       "aws_kms_key.local"]}}),
        _config("aws_lambda_function.fn", {"vpc_config": [{"subnet_ids": {"references": [
            "var.subnet_ids"]}}]}),
        _config("aws_wafv2_web_acl_association.acl", {
            "resource_arn": {"references": ["aws_lb.alb.arn", "aws_lb.alb"]},
            "web_acl_arn": {"references": ["var.fms_web_acl_arn"]}}),
    ]  # fmt: skip
    return {
        "format_version": "1.2",
        "terraform_version": "1.9.8",
        "planned_values": {"root_module": {"resources": resources}},
        "resource_changes": [
            {"address": r["address"], "change": {"actions": ["create"]}} for r in resources
        ],
        "configuration": {
            "provider_config": {
                "aws": {"name": "aws", "expressions": {"region": {"constant_value": "us-east-1"}}}
            },
            "root_module": {"resources": config},
        },
    }


def test_terraform_keeps_known_values_that_name_nothing_in_the_plan(tmp_path: Path) -> None:
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(_plan(), indent=1))
    arch = load_architecture(str(path))
    trail = arch.resources["aws_cloudtrail.trail"]
    assert trail.kms_key == SECURITY_KEY  # type: ignore[attr-defined]
    # A reference to the plan's own key is still the model's key.
    assert arch.resources["aws_cloudtrail.local"].kms_key == "aws_kms_key.local"  # type: ignore[attr-defined]
    fn = arch.resources["aws_lambda_function.fn"]
    assert fn.subnets == SUBNETS and fn.security_groups == [GROUP]  # type: ignore[attr-defined]
    assert arch.resources["aws_lb.alb"].web_acl == FMS_ACL  # type: ignore[attr-defined]
    assert_verdicts(arch, "aws_cloudtrail.trail", "aws_lambda_function.fn", "aws_lb.alb")


# --- live, through moto -----------------------------------------------------------------------
def test_discovery_keeps_what_it_did_not_discover_as_outside_references(
    aws_env: dict[str, str], tmp_path: Path
) -> None:
    """A trail with a key of another account and a function in subnets: only CloudTrail and
    Lambda are read, so the key, the subnets and the group are outside the model."""
    boto3.client("s3").create_bucket(Bucket="central-audit-logs")
    boto3.client("cloudtrail").create_trail(
        Name="org-trail",
        S3BucketName="central-audit-logs",
        IsMultiRegionTrail=True,
        KmsKeyId=SECURITY_KEY,
    )
    boto3.client("cloudtrail").start_logging(Name="org-trail")
    trust = {"Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole",
                            "Principal": {"Service": "lambda.amazonaws.com"}}]}  # fmt: skip
    role = boto3.client("iam").create_role(
        RoleName="fn", AssumeRolePolicyDocument=json.dumps(trust)
    )
    boto3.client("lambda").create_function(
        FunctionName="fn",
        Runtime="python3.12",
        Role=role["Role"]["Arn"],
        Handler="app.handler",
        Code={"ZipFile": lambda_zip()},
        VpcConfig={"SubnetIds": SUBNETS, "SecurityGroupIds": [GROUP]},
    )
    out = tmp_path / "live.yaml"
    assert main(["discover", "--services", "cloudtrail,lambda", "-o", str(out)]) == 0
    arch = load_architecture(str(out))  # the written model passes the integrity checks
    assert not [g for g in arch.coverage if g.error.startswith("CollectorError")]
    [(trail_id, trail)] = arch.of_kind("cloudtrail_trail")
    [(fn_id, fn)] = arch.of_kind("lambda_function")
    assert trail.kms_key == SECURITY_KEY  # type: ignore[attr-defined]
    assert sorted(fn.subnets) == sorted(SUBNETS)  # type: ignore[attr-defined]
    assert fn.security_groups == [GROUP]  # type: ignore[attr-defined]
    assert fn.role == f"arn:aws:iam::{ACCOUNT_A}:role/fn"  # type: ignore[attr-defined]
    assert_verdicts(arch, trail_id, fn_id, None)


def test_terraform_value_known_after_apply_is_set_outside_the_plan(tmp_path: Path) -> None:
    """subnet_ids = module.vpc.private_subnets, unknown until apply: the function is in a VPC."""
    document = _plan()
    for res in document["planned_values"]["root_module"]["resources"]:
        if res["address"] == "aws_lambda_function.fn":
            del res["values"]["vpc_config"][0]["subnet_ids"]  # what Terraform omits: unknown
    for conf in document["configuration"]["root_module"]["resources"]:
        if conf["address"] == "aws_lambda_function.fn":
            conf["expressions"]["vpc_config"] = [
                {"subnet_ids": {"references": ["module.vpc.private_subnets[0]", "module.vpc"]}}
            ]
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(document))
    arch = load_architecture(str(path))
    fn = arch.resources["aws_lambda_function.fn"]
    assert fn.subnets == ["${module.vpc.private_subnets}"]  # type: ignore[attr-defined]
    got = outcomes(arch)
    assert got[("lambda-function-in-vpc", "aws_lambda_function.fn")] == "PASS"
    assert got[("lambda-function-multi-az", "aws_lambda_function.fn")] == "UNKNOWN"


def test_cloudformation_nested_stack_outputs_are_outside_references(tmp_path: Path) -> None:
    """The pattern of public templates that build the VPC in a nested stack (for example
    gford1000-aws/lambda_in_vpc): SubnetIds split from the stack's output."""
    path = tmp_path / "nested.cfn.yaml"
    path.write_text(
        "Parameters:\n  VpcTemplateUrl: {Type: String}\n"
        "Resources:\n"
        "  Network:\n    Type: AWS::CloudFormation::Stack\n"
        "    Properties: {TemplateURL: !Ref VpcTemplateUrl}\n"
        "  Fn:\n    Type: AWS::Lambda::Function\n    Properties:\n"
        "      Runtime: python3.12\n      Handler: app.handler\n"
        f"      Role: arn:aws:iam::{ACCOUNT_A}:role/fn\n"
        "      Code: {ZipFile: 'def handler(e, c): return 1'}\n"
        "      VpcConfig:\n"
        "        SubnetIds: !Split [',', !GetAtt Network.Outputs.PrivateSubnets]\n"
        "        SecurityGroupIds: [!GetAtt Network.Outputs.AppGroup]\n"
    )
    arch = load_architecture(str(path))
    fn = arch.resources["Fn"]
    assert fn.subnets == ["${Network.Outputs.PrivateSubnets}"]  # type: ignore[attr-defined]
    assert fn.security_groups == ["${Network.Outputs.AppGroup}"]  # type: ignore[attr-defined]
    assert outcomes(arch)[("lambda-function-in-vpc", "Fn")] == "PASS"


def test_a_discovered_aws_managed_key_is_referred_to_by_its_alias() -> None:
    """KMS read, the key is AWS managed (not a resource of the model): a snapshot encrypted
    with it names alias/aws/rds, so the customer-managed-key rule can FAIL rather than guess;
    a key of another account stays its ARN, outside the model, and counts as a customer's."""
    from tests.test_discover_recorded import ACCOUNT, REGION, Recorded

    from archcode.collectors.aws.assemble import assemble
    from archcode.collectors.aws.draft import Ctx, Found, Handle
    from archcode.collectors.aws.services import kms

    key_id = "0b1c2d3e-1111-2222-3333-444455556666"
    key_arn = f"arn:aws:kms:{REGION}:{ACCOUNT}:key/{key_id}"
    responses = {
        "list_keys": {"Keys": [{"KeyId": key_id, "KeyArn": key_arn}]},
        "list_aliases": {"Aliases": [{"AliasName": "alias/aws/rds", "TargetKeyId": key_id}]},
        "describe_key": {"KeyMetadata": {"KeyId": key_id, "Arn": key_arn, "KeyManager": "AWS"}},
    }
    ctx = Ctx(Recorded(REGION, responses))  # type: ignore[arg-type]
    kms.collect(ctx)
    assert ctx.found == []  # AWS managed keys are not resources of the model

    def snapshot(name: str, key: str) -> Found:
        fields = {"kind": "db_snapshot", "account": ACCOUNT, "region": REGION,
                  "encrypted": True, "kms_key": Handle(key)}  # fmt: skip
        return Found(f"{ACCOUNT}/{REGION}/{name}", "db_snapshot", fields, [])

    found = [snapshot("managed", key_arn), snapshot("central", SECURITY_KEY)]
    arch = assemble("t", found, [], [], [], [ACCOUNT], [REGION], ctx.outside)
    managed, central = (arch.resources[f"{ACCOUNT}/{REGION}/{n}"] for n in ("managed", "central"))
    assert managed.kms_key == "alias/aws/rds"  # type: ignore[attr-defined]
    assert central.kms_key == SECURITY_KEY  # type: ignore[attr-defined]
    got = outcomes(arch)
    assert got[("backup-customer-managed-key", f"{ACCOUNT}/{REGION}/managed")] == "FAIL"
    assert got[("backup-customer-managed-key", f"{ACCOUNT}/{REGION}/central")] == "PASS"
