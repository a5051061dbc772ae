"""One verdict whatever the source: IAM policies attached to roles, users' groups, assume-role
paths where the account is (not) known, Elastic Beanstalk option settings and implied flows.

Each input is written three ways (a CloudFormation template, a Terraform plan, the same
resources created in a real moto server and discovered) and the verdicts are compared by the
resources' names, so the sources cannot disagree without a test failing.
"""

from __future__ import annotations

import itertools
import json
import random
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

import boto3
import pytest
from tests.test_iac_terraform import config, plan, ref, resource
from tests.test_iac_terraform import load as load_plan

from archcode.cli import main
from archcode.collectors import load_architecture
from archcode.model.architecture import Architecture
from archcode.rules.engine import evaluate

# --- IAM: attached policies and groups ---------------------------------------------------------

V = "2012-10-17"
ADMIN = {"Version": V, "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}
ESCALATE = {
    "Version": V,
    "Statement": [
        {
            "Effect": "Allow",
            "Action": ["iam:PassRole", "lambda:CreateFunction", "lambda:InvokeFunction"],
            "Resource": "*",
        }
    ],
}
SERVICE_WILDCARD = {
    "Version": V,
    "Statement": [{"Effect": "Allow", "Action": ["s3:*"], "Resource": "*"}],
}
READ_NAMED = {
    "Version": V,
    "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::data/*"}],
}
DOCUMENTS = {"admin": ADMIN, "escalate": ESCALATE, "wild": SERVICE_WILDCARD, "named": READ_NAMED}
# How a policy reaches its principal: inline or managed, on a role, a user or a group (a
# group's users hold what the group holds).
HOLDERS = (
    "role-inline",
    "role-managed",
    "user-inline",
    "user-managed",
    "group-inline",
    "group-managed",
)
# How a user is put in a group (CloudFormation / Terraform each have two ways).
MEMBERSHIPS = ("on-user", "separate")

IAM_RULES = (
    "iam-policy-no-full-admin",
    "iam-policy-no-service-wildcards",
    "iam-principal-no-privilege-escalation",
)


@dataclass(frozen=True)
class IamCase:
    name: str  # prefix of every resource name of the case
    holder: str
    document: str
    membership: str


def iam_cases() -> list[IamCase]:
    combos = itertools.product(HOLDERS, sorted(DOCUMENTS), MEMBERSHIPS)
    cases = [IamCase(f"c{i}", h, d, m) for i, (h, d, m) in enumerate(combos)]
    return [c for c in cases if c.holder.startswith("group") or c.membership == "on-user"]


TRUST = {
    "Version": V,
    "Statement": [
        {
            "Effect": "Allow",
            "Principal": {"Service": "lambda.amazonaws.com"},
            "Action": "sts:AssumeRole",
        }
    ],
}


def cfn_iam(cases: list[IamCase]) -> str:
    resources: dict[str, Any] = {}
    for c in cases:
        doc = DOCUMENTS[c.document]
        role, group, user, pol = f"{c.name}Role", f"{c.name}Group", f"{c.name}User", f"{c.name}Pol"
        on_role = c.holder.startswith("role")
        if on_role:
            resources[role] = {
                "Type": "AWS::IAM::Role",
                "Properties": {"RoleName": f"{c.name}-role", "AssumeRolePolicyDocument": TRUST},
            }
        elif c.holder.startswith("user"):
            resources[user] = {
                "Type": "AWS::IAM::User",
                "Properties": {"UserName": f"{c.name}-user"},
            }
        else:
            resources[group] = {
                "Type": "AWS::IAM::Group",
                "Properties": {"GroupName": f"{c.name}-group"},
            }
            user_props: dict[str, Any] = {"UserName": f"{c.name}-user"}
            if c.membership == "on-user":
                user_props["Groups"] = [{"Ref": group}]
            else:
                resources[f"{c.name}Add"] = {
                    "Type": "AWS::IAM::UserToGroupAddition",
                    "Properties": {"GroupName": {"Ref": group}, "Users": [{"Ref": user}]},
                }
            resources[user] = {"Type": "AWS::IAM::User", "Properties": user_props}
        target = (
            {"Roles": [{"Ref": role}]}
            if on_role
            else {"Users": [{"Ref": user}]}
            if c.holder.startswith("user")
            else {"Groups": [{"Ref": group}]}
        )
        if c.holder.endswith("inline"):
            props = {"PolicyName": f"{c.name}-inline", "PolicyDocument": doc, **target}
            resources[pol] = {"Type": "AWS::IAM::Policy", "Properties": props}
        else:
            props = {"ManagedPolicyName": f"{c.name}-managed", "PolicyDocument": doc, **target}
            resources[pol] = {"Type": "AWS::IAM::ManagedPolicy", "Properties": props}
    return json.dumps({"Resources": resources})


def tf_iam(cases: list[IamCase]) -> dict[str, Any]:
    resources: list[dict[str, Any]] = []
    configs: list[dict[str, Any]] = []
    for c in cases:
        doc = json.dumps(DOCUMENTS[c.document])
        role, group, user = (
            f"aws_iam_role.{c.name}",
            f"aws_iam_group.{c.name}",
            (f"aws_iam_user.{c.name}"),
        )
        on_role = c.holder.startswith("role")
        if on_role:
            resources.append(
                resource(role, {"name": f"{c.name}-role", "assume_role_policy": json.dumps(TRUST)})
            )
            key, owner = "role", role
        elif c.holder.startswith("user"):
            resources.append(resource(user, {"name": f"{c.name}-user"}))
            key, owner = "user", user
        else:
            resources.append(resource(group, {"name": f"{c.name}-group"}))
            resources.append(resource(user, {"name": f"{c.name}-user"}))
            key, owner = "group", group
            if c.membership == "on-user":
                address = f"aws_iam_user_group_membership.{c.name}"
                resources.append(
                    resource(address, {"user": f"{c.name}-user", "groups": [f"{c.name}-group"]})
                )
                configs.append(
                    config(address, {"user": ref(f"{user}.name"), "groups": ref(f"{group}.name")})
                )
            else:
                address = f"aws_iam_group_membership.{c.name}"
                resources.append(
                    resource(
                        address,
                        {"name": c.name, "group": f"{c.name}-group", "users": [f"{c.name}-user"]},
                    )
                )
                configs.append(
                    config(address, {"group": ref(f"{group}.name"), "users": ref(f"{user}.name")})
                )
        if c.holder.endswith("inline"):
            address = f"aws_iam_{key}_policy.{c.name}"
            resources.append(
                resource(
                    address, {"name": f"{c.name}-inline", key: f"{c.name}-{key}", "policy": doc}
                )
            )
            configs.append(config(address, {key: ref(f"{owner}.name")}))
        else:
            policy = f"aws_iam_policy.{c.name}"
            resources.append(resource(policy, {"name": f"{c.name}-managed", "policy": doc}))
            address = f"aws_iam_{key}_policy_attachment.{c.name}"
            resources.append(resource(address, {key: f"{c.name}-{key}"}))  # arn: after apply
            configs.append(
                config(address, {key: ref(f"{owner}.name"), "policy_arn": ref(f"{policy}.arn")})
            )
    return plan(resources, configs)


def seed_iam(cases: list[IamCase]) -> None:
    iam = boto3.client("iam")
    for c in cases:
        doc = json.dumps(DOCUMENTS[c.document])
        if c.holder.startswith("role"):
            name = f"{c.name}-role"
            iam.create_role(RoleName=name, AssumeRolePolicyDocument=json.dumps(TRUST))
            put: Callable[..., Any] = iam.put_role_policy
            attach: Callable[..., Any] = iam.attach_role_policy
            key = "RoleName"
        elif c.holder.startswith("user"):
            name = f"{c.name}-user"
            iam.create_user(UserName=name)
            put, attach, key = iam.put_user_policy, iam.attach_user_policy, "UserName"
        else:
            name = f"{c.name}-group"
            iam.create_group(GroupName=name)
            iam.create_user(UserName=f"{c.name}-user")
            iam.add_user_to_group(GroupName=name, UserName=f"{c.name}-user")
            put, attach, key = iam.put_group_policy, iam.attach_group_policy, "GroupName"
        if c.holder.endswith("inline"):
            put(**{key: name}, PolicyName=f"{c.name}-inline", PolicyDocument=doc)
        else:
            arn = iam.create_policy(PolicyName=f"{c.name}-managed", PolicyDocument=doc)["Policy"][
                "Arn"
            ]
            attach(**{key: name}, PolicyArn=arn)


def verdicts(arch: Architecture, rules: tuple[str, ...]) -> dict[tuple[str, str], str]:
    """(rule, resource name) -> outcome, for the named resources."""
    out: dict[tuple[str, str], str] = {}
    for result in evaluate(arch):
        if result.rule.id not in rules or result.resource is None:
            continue
        res = arch.resources[result.resource]
        out[(result.rule.id, res.name or result.resource)] = result.outcome.value
    return out


def discover(tmp_path: Path, services: str) -> Architecture:
    out = tmp_path / "model.yaml"
    args = ["discover", "--regions", "us-east-1", "--services", services, "-o", str(out)]
    assert main(args) == 0
    return load_architecture(str(out))


@pytest.fixture(scope="module")
def iam_live(aws_env: dict[str, str], tmp_path_factory: pytest.TempPathFactory) -> Architecture:
    seed_iam(iam_cases())
    return discover(tmp_path_factory.mktemp("iam"), "iam")


def test_iam_attached_policies_and_groups_judge_the_same_from_every_source(
    tmp_path: Path, iam_live: Architecture
) -> None:
    cases = iam_cases()
    cfn_path = tmp_path / "t.json"
    cfn_path.write_text(cfn_iam(cases))
    sources = {
        "cloudformation": load_architecture(str(cfn_path)),
        "terraform": load_plan(tmp_path, tf_iam(cases)),
        "live": iam_live,
    }
    got = {source: verdicts(arch, IAM_RULES) for source, arch in sources.items()}
    live = got.pop("live")
    live = {k: v for k, v in live.items() if k[1].startswith("c")}
    for source, found in got.items():
        differ = {k: (v, live.get(k)) for k, v in found.items() if live.get(k) != v}
        missing = set(live) - set(found)
        assert not differ, f"{source} differs from live: {sorted(differ.items())[:10]}"
        assert not missing, f"{source} lacks verdicts: {sorted(missing)[:10]}"
    # The facts behind the verdicts, so that three wrong answers cannot agree.
    for c in cases:
        holder = f"{c.name}-role" if c.holder.startswith("role") else f"{c.name}-user"
        escalates = live[("iam-principal-no-privilege-escalation", holder)]
        assert escalates == ("FAIL" if c.document in ("admin", "escalate") else "PASS"), c
        owner = {
            "role-inline": f"{c.name}-role",
            "user-inline": f"{c.name}-user",
            "group-inline": f"{c.name}-group",
        }.get(c.holder, f"{c.name}-managed")
        assert live[("iam-policy-no-full-admin", owner)] == (
            "FAIL" if c.document == "admin" else "PASS"
        ), c
        assert live[("iam-policy-no-service-wildcards", owner)] == (
            "FAIL" if c.document == "wild" else "PASS"
        ), c


def test_an_iam_policy_resource_is_the_inline_policy_of_what_it_names() -> None:
    """AWS::IAM::Policy is not a managed policy: AWS writes it into each role, user and group."""
    cases = [IamCase("x", "role-inline", "admin", "on-user")]
    from archcode.collectors.cloudformation import to_architecture

    arch = to_architecture(cfn_iam(cases), "t.json")
    assert "xPol" not in arch.resources
    role = arch.resources["xRole"]
    assert list(role.inline_policies) == ["x-inline"]  # type: ignore[attr-defined]


# --- assume-role paths: the account known or not -------------------------------------------------


def _allow(actions: list[str], resource: str = "*") -> dict[str, Any]:
    return {
        "Version": V,
        "Statement": [{"Effect": "Allow", "Action": actions, "Resource": resource}],
    }


ACCOUNT = "123456789012"  # moto's default account


def path_template(principal: str, user_reads: bool, denied: str | None = None) -> str:
    """A user allowed sts:AssumeRole on every role, and a role trusting ``principal`` that
    reads a bucket; the user reads the bucket itself when ``user_reads``; the role's policy
    also denies reading ``denied`` (a named resource or "*") when given."""
    user_actions = ["sts:AssumeRole"] + (["s3:GetObject"] if user_reads else [])
    role_policy = _allow(["s3:GetObject"])
    if denied is not None:
        role_policy["Statement"].append(
            {"Effect": "Deny", "Action": "s3:GetObject", "Resource": denied}
        )
    doc = {
        "Resources": {
            "Data": {"Type": "AWS::S3::Bucket", "Properties": {"BucketName": "path-data"}},
            "Dev": {
                "Type": "AWS::IAM::User",
                "Properties": {
                    "UserName": "dev",
                    "Policies": [{"PolicyName": "p", "PolicyDocument": _allow(user_actions)}],
                },
            },
            "Ops": {
                "Type": "AWS::IAM::Role",
                "Properties": {
                    "RoleName": "ops",
                    "AssumeRolePolicyDocument": {
                        "Version": V,
                        "Statement": [
                            {
                                "Effect": "Allow",
                                "Principal": {"AWS": principal},
                                "Action": "sts:AssumeRole",
                            }
                        ],
                    },
                    "Policies": [{"PolicyName": "p", "PolicyDocument": role_policy}],
                },
            },
        }
    }
    return json.dumps(doc)


def path_plan(principal: str, user_reads: bool, denied: str | None = None) -> dict[str, Any]:
    template = json.loads(path_template(principal, user_reads, denied))["Resources"]
    dev, ops = template["Dev"]["Properties"], template["Ops"]["Properties"]
    return plan(
        [
            resource("aws_s3_bucket.data", {"bucket": "path-data"}),
            resource("aws_iam_user.dev", {"name": "dev"}),
            resource(
                "aws_iam_user_policy.dev",
                {
                    "name": "p",
                    "user": "dev",
                    "policy": json.dumps(dev["Policies"][0]["PolicyDocument"]),
                },
            ),
            resource(
                "aws_iam_role.ops",
                {
                    "name": "ops",
                    "assume_role_policy": json.dumps(ops["AssumeRolePolicyDocument"]),
                    "inline_policy": [
                        {"name": "p", "policy": json.dumps(ops["Policies"][0]["PolicyDocument"])}
                    ],
                },
            ),
        ]
    )


PATH_RULE = ("iam-no-assume-role-path-to-sensitive-data",)
ROOTS = (f"arn:aws:iam::{ACCOUNT}:root", ACCOUNT, "arn:aws:iam::210987654321:root")


# A Deny on the bucket by name stops a path as a Deny on "*" does: `*` and a named resource
# are judged by the same rules.
DENIALS = (None, "*", "arn:aws:s3:::path-data/*")


@pytest.mark.parametrize("principal", ROOTS)
@pytest.mark.parametrize("user_reads", [False, True])
@pytest.mark.parametrize("denied", DENIALS)
def test_a_template_does_not_know_its_account_so_an_account_trust_is_unknown(
    tmp_path: Path, principal: str, user_reads: bool, denied: str | None
) -> None:
    cfn_path = tmp_path / "t.json"
    cfn_path.write_text(path_template(principal, user_reads, denied))
    expected = "UNKNOWN" if denied is None else "PASS"  # the role cannot read the bucket
    for arch in (
        load_architecture(str(cfn_path)),
        load_plan(tmp_path, path_plan(principal, user_reads, denied)),
    ):
        assert arch.account is None
        assert verdicts(arch, PATH_RULE) == {(PATH_RULE[0], "path-data"): expected}


@pytest.mark.parametrize("user_reads", [False, True])
@pytest.mark.parametrize("denied", DENIALS)
def test_live_the_account_is_known_and_data_already_held_is_no_path(
    aws_env: dict[str, str], tmp_path: Path, user_reads: bool, denied: str | None
) -> None:
    from tests.moto_aws import reset

    reset(aws_env["AWS_ENDPOINT_URL"])
    root = f"arn:aws:iam::{ACCOUNT}:root"
    doc = json.loads(path_template(root, user_reads, denied))["Resources"]
    iam = boto3.client("iam")
    boto3.client("s3").create_bucket(Bucket="path-data")
    iam.create_user(UserName="dev")
    policy = doc["Dev"]["Properties"]["Policies"][0]["PolicyDocument"]
    iam.put_user_policy(UserName="dev", PolicyName="p", PolicyDocument=json.dumps(policy))
    ops = doc["Ops"]["Properties"]
    iam.create_role(
        RoleName="ops", AssumeRolePolicyDocument=json.dumps(ops["AssumeRolePolicyDocument"])
    )
    policy = ops["Policies"][0]["PolicyDocument"]
    iam.put_role_policy(RoleName="ops", PolicyName="p", PolicyDocument=json.dumps(policy))
    arch = discover(tmp_path, "iam,s3")
    assert arch.account == ACCOUNT
    found = verdicts(arch, PATH_RULE)
    expected = "FAIL" if not user_reads and denied is None else "PASS"
    assert found == {(PATH_RULE[0], "path-data"): expected}


# --- Elastic Beanstalk option settings ----------------------------------------------------------

BEANSTALK_FIELDS = (
    "tier",
    "instance_type",
    "min_instances",
    "max_instances",
    "load_balancer_type",
    "managed_updates",
    "enhanced_health",
    "environment",
)
# Options and the values each may take (None: the value is an integer or a bool as CFN writes).
OPTION_POOL: list[tuple[str, str, list[Any]]] = [
    ("aws:elasticbeanstalk:environment", "EnvironmentType", ["SingleInstance", "LoadBalanced"]),
    (
        "aws:elasticbeanstalk:environment",
        "LoadBalancerType",
        ["application", "network", "classic", "Application", "gateway"],
    ),
    ("aws:autoscaling:launchconfiguration", "InstanceType", ["t3.micro", "m5.large"]),
    ("aws:ec2:instances", "InstanceTypes", ["t3.small,t3.medium", " c5.large "]),
    ("aws:autoscaling:asg", "MinSize", [1, 2, "3", "x"]),
    ("aws:autoscaling:asg", "MaxSize", [4, "8"]),
    ("aws:elasticbeanstalk:managedactions", "ManagedActionsEnabled", [True, False, "TRUE"]),
    ("aws:elasticbeanstalk:healthreporting:system", "SystemType", ["enhanced", "basic"]),
    ("aws:elasticbeanstalk:application:environment", "DB_HOST", ["db.internal"]),
    ("aws:elasticbeanstalk:application:environment", "API_KEY", ["not-read"]),
    # the right option name in the wrong namespace is another option
    ("aws:autoscaling:asg", "InstanceType", ["r5.large"]),
    ("aws:elasticbeanstalk:environment", "SystemType", ["enhanced"]),
]


def generated_settings(seed: int) -> tuple[list[tuple[str, str, Any]], str | None]:
    rng = random.Random(seed)
    picked = rng.sample(OPTION_POOL, rng.randint(0, len(OPTION_POOL)))
    settings = [(ns, name, rng.choice(values)) for ns, name, values in picked]
    for _ in range(rng.randint(0, 3)):  # duplicates: the same value, or another one
        if settings:
            ns, name, value = rng.choice(settings)
            pool = next(v for n, o, v in OPTION_POOL if (n, o) == (ns, name))
            settings.append((ns, name, rng.choice([value, *pool])))
    rng.shuffle(settings)
    return settings, rng.choice([None, "WebServer", "Worker"])


def _as_string(value: Any) -> str:
    return ("true" if value else "false") if isinstance(value, bool) else str(value)


def beanstalk_sources(
    tmp_path: Path, settings: list[tuple[str, str, Any]], tier: str | None
) -> dict[str, dict[str, Any]]:
    from archcode.collectors.aws.services.containers import beanstalk_from_reply
    from archcode.collectors.cloudformation import to_architecture

    props: dict[str, Any] = {
        "ApplicationName": "app",
        "OptionSettings": [{"Namespace": n, "OptionName": o, "Value": v} for n, o, v in settings],
    }
    if tier:
        props["Tier"] = {"Name": tier, "Type": "SQS/HTTP" if tier == "Worker" else "Standard"}
    template = {
        "Resources": {"Env": {"Type": "AWS::ElasticBeanstalk::Environment", "Properties": props}}
    }
    cfn = to_architecture(json.dumps(template), "t.json").resources["Env"]
    values: dict[str, Any] = {
        "application": "app",
        "setting": [
            {"namespace": n, "name": o, "value": _as_string(v), "resource": ""}
            for n, o, v in settings
        ],
    }
    if tier:
        values["tier"] = tier
    address = "aws_elastic_beanstalk_environment.env"
    tf = load_plan(tmp_path, plan([resource(address, values)])).resources[address]
    reply = {
        "ConfigurationSettings": [
            {
                "OptionSettings": [
                    {"Namespace": n, "OptionName": o, "Value": _as_string(v)}
                    for n, o, v in settings
                ]
            }
        ]
    }

    class NoIndex:  # nothing else was discovered: no reference resolves
        def ref(self, value: Any, region: str | None = None) -> None:
            return None

        def refs(self, values: Any, region: str | None = None) -> list[Any]:
            return []

    live = beanstalk_from_reply(NoIndex(), reply, tier)  # type: ignore[arg-type]
    return {
        "cloudformation": {f: getattr(cfn, f) for f in BEANSTALK_FIELDS},
        "terraform": {f: getattr(tf, f) for f in BEANSTALK_FIELDS},
        "live": {
            f: live.get(f) if f != "tier" else live.get(f) or "WebServer" for f in BEANSTALK_FIELDS
        },
    }


@pytest.mark.parametrize("seed", range(60))
def test_beanstalk_option_settings_read_the_same_from_every_source(
    tmp_path: Path, seed: int
) -> None:
    settings, tier = generated_settings(seed)
    got = beanstalk_sources(tmp_path, settings, tier)
    assert got["cloudformation"] == got["terraform"] == got["live"], (settings, tier, got)
    # The order the settings come in changes nothing.
    again = beanstalk_sources(tmp_path, list(reversed(settings)), tier)
    assert again == got


def test_beanstalk_precedence_is_decided_once(tmp_path: Path) -> None:
    lc, env = "aws:autoscaling:launchconfiguration", "aws:elasticbeanstalk:environment"
    cases: list[tuple[list[tuple[str, str, Any]], str | None, dict[str, Any]]] = [
        # InstanceTypes replaces the obsolete InstanceType
        (
            [
                (lc, "InstanceType", "m5.large"),
                ("aws:ec2:instances", "InstanceTypes", "t3.small,t3"),
            ],
            None,
            {"instance_type": "t3.small", "load_balancer_type": "classic"},
        ),
        # two different values for one option: unknown, whatever the order
        (
            [("aws:autoscaling:asg", "MinSize", "1"), ("aws:autoscaling:asg", "MinSize", 2)],
            None,
            {"min_instances": None},
        ),
        (
            [("aws:autoscaling:asg", "MinSize", "2"), ("aws:autoscaling:asg", "MinSize", 2)],
            None,
            {"min_instances": 2},
        ),
        # a single instance or a worker has no load balancer, whatever the type says
        (
            [(env, "LoadBalancerType", "application"), (env, "EnvironmentType", "SingleInstance")],
            None,
            {"load_balancer_type": "none"},
        ),
        ([(env, "LoadBalancerType", "network")], "Worker", {"load_balancer_type": "none"}),
        # not set: unknown, not false
        ([], None, {"managed_updates": None, "enhanced_health": None, "instance_type": None}),
        (
            [("aws:elasticbeanstalk:managedactions", "ManagedActionsEnabled", True)],
            None,
            {"managed_updates": True},
        ),
    ]
    for settings, tier, expected in cases:
        for source, fields in beanstalk_sources(tmp_path, settings, tier).items():
            assert {k: fields[k] for k in expected} == expected, (source, settings)


def test_beanstalk_references_from_every_source(tmp_path: Path) -> None:
    """Subnets, security groups and the instance profile's role, named in the settings."""
    from archcode.collectors.aws.services.containers import beanstalk_from_reply
    from archcode.collectors.cloudformation import to_architecture

    template = textwrap.dedent(
        """
        Resources:
          Vpc: {Type: AWS::EC2::VPC, Properties: {CidrBlock: 10.0.0.0/16}}
          SubnetA: {Type: AWS::EC2::Subnet, Properties: {VpcId: !Ref Vpc, CidrBlock: 10.0.0.0/24}}
          SubnetB: {Type: AWS::EC2::Subnet, Properties: {VpcId: !Ref Vpc, CidrBlock: 10.0.1.0/24}}
          Sg: {Type: AWS::EC2::SecurityGroup, Properties: {GroupDescription: w, VpcId: !Ref Vpc}}
          Role:
            Type: AWS::IAM::Role
            Properties: {AssumeRolePolicyDocument: {Statement: []}}
          Profile: {Type: AWS::IAM::InstanceProfile, Properties: {Roles: [!Ref Role]}}
          Env:
            Type: AWS::ElasticBeanstalk::Environment
            Properties:
              ApplicationName: app
              OptionSettings:
                - {Namespace: "aws:ec2:vpc", OptionName: Subnets,
                   Value: !Join [",", [!Ref SubnetA, !Ref SubnetB]]}
                - {Namespace: "aws:autoscaling:launchconfiguration", OptionName: SecurityGroups,
                   Value: !Ref Sg}
                - {Namespace: "aws:autoscaling:launchconfiguration",
                   OptionName: IamInstanceProfile, Value: !Ref Profile}
                # the same option name in another namespace names no profile
                - {Namespace: "aws:elasticbeanstalk:environment", OptionName: IamInstanceProfile,
                   Value: other}
        """
    )
    env = to_architecture(template, "t.yaml").resources["Env"]
    assert (env.subnets, env.security_groups, env.role) == (  # type: ignore[attr-defined]
        ["SubnetA", "SubnetB"],
        ["Sg"],
        "Role",
    )
    lc = "aws:autoscaling:launchconfiguration"
    address = "aws_elastic_beanstalk_environment.env"
    settings = [
        ("aws:ec2:vpc", "Subnets", "subnet-a,subnet-b", ref("aws_subnet.a.id", "aws_subnet.b.id")),
        (lc, "SecurityGroups", "sg-1", ref("aws_security_group.web.id")),
        (lc, "IamInstanceProfile", "web", ref("aws_iam_instance_profile.web.name")),
    ]
    document = plan(
        [
            resource("aws_vpc.main", {"id": "vpc-1", "cidr_block": "10.0.0.0/16"}),
            resource("aws_subnet.a", {"id": "subnet-a", "vpc_id": "vpc-1"}),
            resource("aws_subnet.b", {"id": "subnet-b", "vpc_id": "vpc-1"}),
            resource("aws_security_group.web", {"id": "sg-1", "name": "web", "vpc_id": "vpc-1"}),
            resource("aws_iam_role.web", {"name": "web-role", "assume_role_policy": "{}"}),
            resource("aws_iam_instance_profile.web", {"name": "web", "role": "web-role"}),
            resource(
                address,
                {
                    "application": "app",
                    "setting": [
                        {"namespace": n, "name": o, "value": v, "resource": ""}
                        for n, o, v, _r in settings
                    ],
                },
            ),
        ],
        [
            config(
                address,
                {
                    "setting": [
                        {
                            "namespace": {"constant_value": n},
                            "name": {"constant_value": o},
                            "value": r,
                        }
                        for n, o, _v, r in settings
                    ]
                },
            ),
            config("aws_iam_instance_profile.web", {"role": ref("aws_iam_role.web.name")}),
        ],
    )
    tf = load_plan(tmp_path, document).resources[address]
    assert (tf.subnets, tf.security_groups, tf.role) == (  # type: ignore[attr-defined]
        ["aws_subnet.a", "aws_subnet.b"],
        ["aws_security_group.web"],
        "aws_iam_role.web",
    )

    class Index:  # the discovered resources, by the names the option values use
        known: ClassVar[dict[str, str]] = {
            "subnet-a": "a",
            "subnet-b": "b",
            "sg-1": "web-sg",
            "web": "web-role",
        }

        def ref(self, value: Any, region: str | None = None) -> str | None:
            return self.known.get(value)

        def refs(self, values: Any, region: str | None = None) -> list[str]:
            return [self.known[v] for v in values if v in self.known]

    reply = {
        "ConfigurationSettings": [
            {
                "OptionSettings": [
                    {"Namespace": n, "OptionName": o, "Value": v} for n, o, v, _r in settings
                ]
            }
        ]
    }
    live = beanstalk_from_reply(Index(), reply, None)  # type: ignore[arg-type]
    assert (live["subnets"], live["security_groups"], live["role"]) == (
        ["a", "b"],
        ["web-sg"],
        "web-role",
    )


# --- Flows the model's fields imply --------------------------------------------------------------

# Event targets by kind: (CloudFormation type and properties, Terraform type and values).
EVENT_TARGETS: dict[str, tuple[str, dict[str, Any], str, dict[str, Any]]] = {
    "sqs_queue": (
        "AWS::SQS::Queue",
        {"QueueName": "t-queue"},
        "aws_sqs_queue",
        {"name": "t-queue"},
    ),
    "sns_topic": (
        "AWS::SNS::Topic",
        {"TopicName": "t-topic"},
        "aws_sns_topic",
        {"name": "t-topic"},
    ),
    "kinesis_stream": (
        "AWS::Kinesis::Stream",
        {"Name": "t-stream", "ShardCount": 1},
        "aws_kinesis_stream",
        {"name": "t-stream", "shard_count": 1},
    ),
}


def _flow_set(arch: Architecture) -> set[tuple[str, str, str | None]]:
    def name(rid: str) -> str:
        res = arch.resources.get(rid)
        return (res.name if res is not None and res.name else rid).split("/")[-1]

    return {(name(c.source), name(c.target), c.protocol) for c in arch.connections}


def cfn_events(kinds: list[str], on_default_bus: bool) -> str:
    resources: dict[str, Any] = {}
    targets = []
    for i, kind in enumerate(kinds):
        cfn_type, props, _tf, _v = EVENT_TARGETS[kind]
        resources[f"T{i}"] = {"Type": cfn_type, "Properties": props}
        targets.append({"Id": f"t{i}", "Arn": {"Fn::GetAtt": [f"T{i}", "Arn"]}})
    rule: dict[str, Any] = {
        "Name": "t-rule",
        "EventPattern": {"source": ["app"]},
        "Targets": targets,
    }
    if not on_default_bus:
        resources["Bus"] = {"Type": "AWS::Events::EventBus", "Properties": {"Name": "t-bus"}}
        rule["EventBusName"] = {"Ref": "Bus"}
    resources["Rule"] = {"Type": "AWS::Events::Rule", "Properties": rule}
    return json.dumps({"Resources": resources})


def tf_events(kinds: list[str], on_default_bus: bool) -> dict[str, Any]:
    resources = []
    configs = []
    rule_values: dict[str, Any] = {"name": "t-rule", "event_pattern": '{"source": ["app"]}'}
    rule_config: dict[str, Any] = {}
    if not on_default_bus:
        resources.append(resource("aws_cloudwatch_event_bus.bus", {"name": "t-bus"}))
        rule_values["event_bus_name"] = "t-bus"
        rule_config["event_bus_name"] = ref("aws_cloudwatch_event_bus.bus.name")
    resources.append(resource("aws_cloudwatch_event_rule.rule", rule_values))
    configs.append(config("aws_cloudwatch_event_rule.rule", rule_config))
    for i, kind in enumerate(kinds):
        _cfn, _props, tf_type, values = EVENT_TARGETS[kind]
        resources.append(resource(f"{tf_type}.t{i}", values))
        resources.append(resource(f"aws_cloudwatch_event_target.t{i}", {"target_id": f"t{i}"}))
        configs.append(
            config(
                f"aws_cloudwatch_event_target.t{i}",
                {
                    "rule": ref("aws_cloudwatch_event_rule.rule.name"),
                    "arn": ref(f"{tf_type}.t{i}.arn"),
                },
            )
        )
    return plan(resources, configs)


def seed_events(kinds: list[str], on_default_bus: bool) -> None:
    arns = []
    for kind in kinds:
        if kind == "sqs_queue":
            sqs = boto3.client("sqs")
            url = sqs.create_queue(QueueName="t-queue")["QueueUrl"]
            arns.append(
                sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"][
                    "QueueArn"
                ]
            )
        elif kind == "sns_topic":
            arns.append(boto3.client("sns").create_topic(Name="t-topic")["TopicArn"])
        else:
            kinesis = boto3.client("kinesis")
            kinesis.create_stream(StreamName="t-stream", ShardCount=1)
            arns.append(
                kinesis.describe_stream_summary(StreamName="t-stream")["StreamDescriptionSummary"][
                    "StreamARN"
                ]
            )
    events = boto3.client("events")
    bus = "default"
    if not on_default_bus:
        bus = "t-bus"
        events.create_event_bus(Name=bus)
    events.put_rule(Name="t-rule", EventBusName=bus, EventPattern='{"source": ["app"]}')
    events.put_targets(
        Rule="t-rule",
        EventBusName=bus,
        Targets=[{"Id": f"t{i}", "Arn": arn} for i, arn in enumerate(arns)],
    )


EVENT_CASES = [
    (list(kinds), bus)
    for n in (1, 2, 3)
    for kinds in itertools.combinations(sorted(EVENT_TARGETS), n)
    for bus in (True, False)
]


@pytest.mark.parametrize(("kinds", "on_default_bus"), EVENT_CASES)
def test_event_rule_flows_are_derived_the_same_from_every_source(
    aws_env: dict[str, str], tmp_path: Path, kinds: list[str], on_default_bus: bool
) -> None:
    from tests.moto_aws import reset

    cfn_path = tmp_path / "t.json"
    cfn_path.write_text(cfn_events(kinds, on_default_bus))
    cfn = _flow_set(load_architecture(str(cfn_path)))
    tf = _flow_set(load_plan(tmp_path, tf_events(kinds, on_default_bus)))
    reset(aws_env["AWS_ENDPOINT_URL"])
    seed_events(kinds, on_default_bus)
    live = _flow_set(discover(tmp_path, "events,messaging,kinesis"))
    names = [EVENT_TARGETS[k][3]["name"] for k in kinds]
    expected = {("t-rule", n, "https") for n in names}
    if not on_default_bus:  # events reach the targets from the bus, through the rule
        expected |= {("t-bus", n, "https") for n in names}
    assert cfn == expected
    assert tf == expected
    # Discovery also finds the default bus, which a template or plan does not define: the
    # same derivation then draws its flows too.
    default = {("default", n, "https") for n in names} if on_default_bus else set()
    assert live == expected | default


def _found(rid: str, kind: str, handles: list[str] | None = None, **fields: Any) -> Any:
    from archcode.collectors.aws.draft import Found, Handle

    return Found(rid, kind, {"kind": kind, **fields}, [Handle(h) for h in handles or []])


ORIGIN_POLICIES = ("http-only", "https-only", "match-viewer")
VIEWER_POLICIES = ("allow-all", "redirect-to-https", "https-only")


@pytest.mark.parametrize("origin_policy", ORIGIN_POLICIES)
@pytest.mark.parametrize("viewer_policy", VIEWER_POLICIES)
def test_origin_and_proxy_flows_are_derived_the_same_from_every_source(
    tmp_path: Path, origin_policy: str, viewer_policy: str
) -> None:
    """A distribution's origins (an S3 bucket and a load balancer) and a proxy's target, from
    a template, a plan, and the discovered fields (the collectors' output) assembled."""
    from archcode.collectors.aws.assemble import assemble
    from archcode.collectors.aws.draft import Handle

    lb_arn = "arn:aws:elasticloadbalancing:us-east-1:1:loadbalancer/app/t-lb/1"
    template = {
        "Resources": {
            "Site": {"Type": "AWS::S3::Bucket", "Properties": {"BucketName": "t-site"}},
            "Lb": {
                "Type": "AWS::ElasticLoadBalancingV2::LoadBalancer",
                "Properties": {"Name": "t-lb", "Scheme": "internal"},
            },
            "Cdn": {
                "Type": "AWS::CloudFront::Distribution",
                "Properties": {
                    "DistributionConfig": {
                        "Enabled": True,
                        "Origins": [
                            {
                                "Id": "s3",
                                "DomainName": {"Fn::GetAtt": ["Site", "RegionalDomainName"]},
                                "S3OriginConfig": {},
                            },
                            {
                                "Id": "lb",
                                "DomainName": {"Fn::GetAtt": ["Lb", "DNSName"]},
                                "CustomOriginConfig": {"OriginProtocolPolicy": origin_policy},
                            },
                        ],
                        "DefaultCacheBehavior": {
                            "TargetOriginId": "lb",
                            "ViewerProtocolPolicy": viewer_policy,
                        },
                    }
                },
            },
            "Db": {
                "Type": "AWS::RDS::DBInstance",
                "Properties": {
                    "DBInstanceIdentifier": "t-db",
                    "Engine": "postgres",
                    "DBInstanceClass": "db.t3.micro",
                },
            },
            "Proxy": {
                "Type": "AWS::RDS::DBProxy",
                "Properties": {
                    "DBProxyName": "t-proxy",
                    "EngineFamily": "POSTGRESQL",
                    "RequireTLS": True,
                    "Auth": [],
                    "RoleArn": "arn:aws:iam::1:role/r",
                    "VpcSubnetIds": [],
                },
            },
            "Targets": {
                "Type": "AWS::RDS::DBProxyTargetGroup",
                "Properties": {
                    "DBProxyName": {"Ref": "Proxy"},
                    "TargetGroupName": "default",
                    "DBInstanceIdentifiers": [{"Ref": "Db"}],
                },
            },
        }
    }
    cfn_path = tmp_path / "t.json"
    cfn_path.write_text(json.dumps(template))
    cfn = load_architecture(str(cfn_path))
    document = plan(
        [
            resource("aws_s3_bucket.site", {"bucket": "t-site"}),
            resource(
                "aws_lb.lb", {"name": "t-lb", "internal": True, "load_balancer_type": "application"}
            ),
            resource(
                "aws_cloudfront_distribution.cdn",
                {
                    "enabled": True,
                    "origin": [
                        {
                            "origin_id": "s3",
                            "domain_name": "t-site.s3.amazonaws.com",
                            "custom_origin_config": [],
                            "s3_origin_config": [],
                        },
                        {
                            "origin_id": "lb",
                            "domain_name": "t-lb.elb.amazonaws.com",
                            "custom_origin_config": [
                                {
                                    "origin_protocol_policy": origin_policy,
                                    "http_port": 80,
                                    "https_port": 443,
                                    "origin_ssl_protocols": ["TLSv1.2"],
                                }
                            ],
                        },
                    ],
                    "default_cache_behavior": [
                        {"target_origin_id": "lb", "viewer_protocol_policy": viewer_policy}
                    ],
                },
            ),
            resource(
                "aws_db_instance.db",
                {"identifier": "t-db", "engine": "postgres", "instance_class": "db.t3.micro"},
            ),
            resource(
                "aws_db_proxy.proxy",
                {"name": "t-proxy", "engine_family": "POSTGRESQL", "require_tls": True},
            ),
            resource(
                "aws_db_proxy_target.t",
                {"db_proxy_name": "t-proxy", "target_group_name": "default"},
            ),
        ],
        [
            config(
                "aws_cloudfront_distribution.cdn",
                {
                    "origin": [
                        {"domain_name": ref("aws_s3_bucket.site.bucket_regional_domain_name")},
                        {"domain_name": ref("aws_lb.lb.dns_name")},
                    ]
                },
            ),
            config(
                "aws_db_proxy_target.t",
                {
                    "db_proxy_name": ref("aws_db_proxy.proxy.name"),
                    "db_instance_identifier": ref("aws_db_instance.db.identifier"),
                },
            ),
        ],
    )
    tf = load_plan(tmp_path, document)
    found = [
        _found("site", "s3_bucket", ["arn:aws:s3:::t-site"], name="t-site"),
        _found("lb", "load_balancer", [lb_arn], name="t-lb", scheme="internal"),
        _found(
            "cdn",
            "cloudfront_distribution",
            name="cdn",
            viewer_protocol_policy=viewer_policy,
            origins=[
                {"target": Handle("arn:aws:s3:::t-site")},
                {"target": Handle(lb_arn), "origin_protocol_policy": origin_policy},
            ],
        ),
        _found(
            "db",
            "rds_instance",
            ["arn:aws:rds:us-east-1:1:db:t-db"],
            name="t-db",
            engine="postgres",
        ),
        _found(
            "proxy",
            "rds_proxy",
            name="t-proxy",
            engine_family="POSTGRESQL",
            require_tls=True,
            targets=[Handle("arn:aws:rds:us-east-1:1:db:t-db")],
        ),
    ]
    live = assemble("t", found, [], [], [], ["1"], ["us-east-1"])

    def flows(arch: Architecture) -> dict[tuple[str, str], tuple[str | None, bool | None]]:
        def name(rid: str) -> str:
            res = arch.resources[rid]
            return "cdn" if res.kind == "cloudfront_distribution" else str(res.name)

        return {
            (name(c.source), name(c.target)): (c.protocol, c.encrypted)
            for c in arch.connections
            if c.source in arch.resources and c.target in arch.resources
        }

    got = {"cloudformation": flows(cfn), "terraform": flows(tf), "live": flows(live)}
    lb_protocol = {"http-only": "http", "https-only": "https"}.get(
        origin_policy, "https" if viewer_policy != "allow-all" else None
    )
    expected = {
        ("cdn", "t-site"): ("https", None),
        ("cdn", "t-lb"): (lb_protocol, None),
        # the proxy's RequireTLS is about its clients; the database's own setting is not set
        ("t-proxy", "t-db"): ("postgresql", None),
    }
    for source, found_flows in got.items():
        assert found_flows == expected, source
    # The internet in front of the distribution (the internal load balancer is behind it).
    for arch in (cfn, tf, live):
        entries = {
            (c.source, arch.resources[c.target].kind)
            for c in arch.connections
            if c.source not in arch.resources
        }
        assert entries == {("internet", "cloudfront_distribution")}


@pytest.mark.parametrize("source_kind", ["sqs_queue", "kinesis_stream"])
def test_event_source_flows_are_derived_the_same_from_every_source(
    aws_env: dict[str, str], tmp_path: Path, source_kind: str
) -> None:
    """An event source mapping feeding a function: the function's event_sources, one flow."""
    from tests.moto_aws import lambda_zip, reset

    cfn_type, props, tf_type, values = EVENT_TARGETS[source_kind]
    template = {
        "Resources": {
            "Src": {"Type": cfn_type, "Properties": props},
            "Fn": {
                "Type": "AWS::Lambda::Function",
                "Properties": {
                    "FunctionName": "t-fn",
                    "Runtime": "python3.12",
                    "Handler": "app.handler",
                    "Code": {"ZipFile": "x"},
                },
            },
            "Map": {
                "Type": "AWS::Lambda::EventSourceMapping",
                "Properties": {
                    "FunctionName": {"Ref": "Fn"},
                    "EventSourceArn": {"Fn::GetAtt": ["Src", "Arn"]},
                },
            },
        }
    }
    sam = {
        "Transform": "AWS::Serverless-2016-10-31",
        "Resources": {
            "Src": {"Type": cfn_type, "Properties": props},
            "Fn": {
                "Type": "AWS::Serverless::Function",
                "Properties": {
                    "FunctionName": "t-fn",
                    "Runtime": "python3.12",
                    "Handler": "app.handler",
                    "CodeUri": ".",
                    "Events": {
                        "E": {
                            "Type": "SQS" if source_kind == "sqs_queue" else "Kinesis",
                            "Properties": {
                                ("Queue" if source_kind == "sqs_queue" else "Stream"): {
                                    "Fn::GetAtt": ["Src", "Arn"]
                                }
                            },
                        }
                    },
                },
            },
        },
    }
    archs = {}
    for label, doc in (("cloudformation", template), ("sam", sam)):
        path = tmp_path / f"{label}.json"
        path.write_text(json.dumps(doc))
        archs[label] = load_architecture(str(path))
    archs["terraform"] = load_plan(
        tmp_path,
        plan(
            [
                resource(f"{tf_type}.src", values),
                resource(
                    "aws_lambda_function.fn", {"function_name": "t-fn", "runtime": "python3.12"}
                ),
                resource("aws_lambda_event_source_mapping.map", {"function_name": "t-fn"}),
            ],
            [
                config(
                    "aws_lambda_event_source_mapping.map",
                    {
                        "function_name": ref("aws_lambda_function.fn.arn"),
                        "event_source_arn": ref(f"{tf_type}.src.arn"),
                    },
                )
            ],
        ),
    )
    reset(aws_env["AWS_ENDPOINT_URL"])
    if source_kind == "sqs_queue":
        sqs = boto3.client("sqs")
        url = sqs.create_queue(QueueName="t-queue")["QueueUrl"]
        arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"][
            "QueueArn"
        ]
    else:
        kinesis = boto3.client("kinesis")
        kinesis.create_stream(StreamName="t-stream", ShardCount=1)
        arn = kinesis.describe_stream_summary(StreamName="t-stream")["StreamDescriptionSummary"][
            "StreamARN"
        ]
    role = boto3.client("iam").create_role(
        RoleName="t-fn-role", AssumeRolePolicyDocument=json.dumps(TRUST)
    )["Role"]["Arn"]
    lam = boto3.client("lambda")
    lam.create_function(
        FunctionName="t-fn",
        Runtime="python3.12",
        Role=role,
        Handler="app.handler",
        Code={"ZipFile": lambda_zip()},
    )
    lam.create_event_source_mapping(
        EventSourceArn=arn,
        FunctionName="t-fn",
        **({} if source_kind == "sqs_queue" else {"StartingPosition": "LATEST"}),
    )
    archs["live"] = discover(tmp_path, "lambda,messaging,kinesis")
    name = values["name"]
    for label, arch in archs.items():
        flows = {f for f in _flow_set(arch) if f[1] == "t-fn"}
        assert flows == {(name, "t-fn", "https")}, label
        [fn] = [r for r in arch.resources.values() if r.name == "t-fn"]
        assert [arch.resources[s].name for s in fn.event_sources] == [name], label  # type: ignore[attr-defined]


def test_api_integration_flows_are_derived_the_same_from_every_source(
    aws_env: dict[str, str], tmp_path: Path
) -> None:
    """A REST API whose method calls a function: the API's integrations, one flow."""
    from tests.moto_aws import lambda_zip, reset

    uri = {
        "Fn::Sub": "arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/"
        "${Fn.Arn}/invocations"
    }
    template = {
        "Resources": {
            "Fn": {
                "Type": "AWS::Lambda::Function",
                "Properties": {
                    "FunctionName": "t-fn",
                    "Runtime": "python3.12",
                    "Handler": "app.handler",
                    "Code": {"ZipFile": "x"},
                },
            },
            "Api": {"Type": "AWS::ApiGateway::RestApi", "Properties": {"Name": "t-api"}},
            "Get": {
                "Type": "AWS::ApiGateway::Method",
                "Properties": {
                    "RestApiId": {"Ref": "Api"},
                    "ResourceId": {"Fn::GetAtt": ["Api", "RootResourceId"]},
                    "HttpMethod": "GET",
                    "AuthorizationType": "NONE",
                    "Integration": {
                        "Type": "AWS_PROXY",
                        "IntegrationHttpMethod": "POST",
                        "Uri": uri,
                    },
                },
            },
        }
    }
    sam = {
        "Transform": "AWS::Serverless-2016-10-31",
        "Resources": {
            "Api": {
                "Type": "AWS::Serverless::Api",
                "Properties": {"Name": "t-api", "StageName": "prod"},
            },
            "Fn": {
                "Type": "AWS::Serverless::Function",
                "Properties": {
                    "FunctionName": "t-fn",
                    "Runtime": "python3.12",
                    "Handler": "app.handler",
                    "CodeUri": ".",
                    "Events": {
                        "Get": {
                            "Type": "Api",
                            "Properties": {
                                "RestApiId": {"Ref": "Api"},
                                "Path": "/",
                                "Method": "get",
                            },
                        }
                    },
                },
            },
        },
    }
    archs = {}
    for label, doc in (("cloudformation", template), ("sam", sam)):
        path = tmp_path / f"{label}.json"
        path.write_text(json.dumps(doc))
        archs[label] = load_architecture(str(path))
    archs["terraform"] = load_plan(
        tmp_path,
        plan(
            [
                resource(
                    "aws_lambda_function.fn", {"function_name": "t-fn", "runtime": "python3.12"}
                ),
                resource("aws_api_gateway_rest_api.api", {"name": "t-api"}),
                resource(
                    "aws_api_gateway_integration.get", {"http_method": "GET", "type": "AWS_PROXY"}
                ),
            ],
            [
                config(
                    "aws_api_gateway_integration.get",
                    {
                        "rest_api_id": ref("aws_api_gateway_rest_api.api.id"),
                        "uri": ref("aws_lambda_function.fn.invoke_arn"),
                    },
                )
            ],
        ),
    )
    reset(aws_env["AWS_ENDPOINT_URL"])
    role = boto3.client("iam").create_role(
        RoleName="t-fn-role", AssumeRolePolicyDocument=json.dumps(TRUST)
    )["Role"]["Arn"]
    fn_arn = boto3.client("lambda").create_function(
        FunctionName="t-fn",
        Runtime="python3.12",
        Role=role,
        Handler="app.handler",
        Code={"ZipFile": lambda_zip()},
    )["FunctionArn"]
    apigw = boto3.client("apigateway")
    api = apigw.create_rest_api(name="t-api")["id"]
    root = apigw.get_resources(restApiId=api)["items"][0]["id"]
    apigw.put_method(restApiId=api, resourceId=root, httpMethod="GET", authorizationType="NONE")
    apigw.put_integration(
        restApiId=api,
        resourceId=root,
        httpMethod="GET",
        type="AWS_PROXY",
        integrationHttpMethod="POST",
        uri=f"arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/{fn_arn}/invocations",
    )
    archs["live"] = discover(tmp_path, "apigateway,lambda")
    for label, arch in archs.items():
        flows = {f for f in _flow_set(arch) if f[1] == "t-fn"}
        assert flows == {("t-api", "t-fn", "https")}, (label, _flow_set(arch))
        [api_res] = [r for r in arch.resources.values() if r.kind == "api_gateway"]
        names = [arch.resources[t].name for t in api_res.integrations]  # type: ignore[attr-defined]
        assert names == ["t-fn"], label


def test_the_aws_sample_template_of_users_groups_and_policies() -> None:
    """AWS's own sample (tests/fixtures/public, source in its header): the policies are the
    groups' inline policies, the user is in both groups and holds what they grant."""
    from archcode.rules.analysis import iam
    from archcode.rules.context import Context

    path = Path(__file__).parent / "fixtures" / "public" / "iam-users-groups-policies.cfn.yaml"
    arch = load_architecture(str(path), diagnostics=[])
    assert {rid: r.kind for rid, r in arch.resources.items()} == {
        "CFNUser": "iam_user",
        "CFNUserGroup": "iam_group",
        "CFNAdminGroup": "iam_group",
    }
    user = arch.resources["CFNUser"]
    assert user.groups == ["CFNUserGroup", "CFNAdminGroup"]  # type: ignore[attr-defined]
    assert list(arch.resources["CFNAdminGroup"].inline_policies) == ["CFNAdmins"]  # type: ignore[attr-defined]
    perms = iam.Permissions(iam.effective_documents(user, Context(arch)))  # type: ignore[arg-type]
    assert perms.can("cloudformation:CreateStack") and not perms.can("iam:PassRole")
    found = {(r.rule.id, r.resource): r.outcome.value for r in evaluate(arch)}
    assert found[("iam-policy-no-service-wildcards", "CFNAdminGroup")] == "FAIL"
    assert found[("iam-policy-no-partial-action-wildcards", "CFNUserGroup")] == "FAIL"
    assert found[("iam-principal-no-privilege-escalation", "CFNUser")] == "PASS"


def test_a_group_name_means_the_group_of_the_users_own_account(tmp_path: Path) -> None:
    """Discovered from two accounts, two groups may share a name: each user gets its own."""
    from archcode.rules.analysis import iam
    from archcode.rules.context import Context

    model = tmp_path / "two.yaml"
    model.write_text(
        textwrap.dedent(
            """
            name: two accounts
            resources:
              a/admins:
                kind: iam_group
                name: admins
                account: '111111111111'
                managed_policy_arns: [arn:aws:iam::aws:policy/AdministratorAccess]
              b/admins: {kind: iam_group, name: admins, account: '222222222222'}
              b/dev: {kind: iam_user, account: '222222222222', groups: [admins]}
              a/dev: {kind: iam_user, account: '111111111111', groups: [admins]}
              a/ops: {kind: iam_user, account: '111111111111', groups: [b/admins]}
            """
        )
    )
    arch = load_architecture(str(model))
    ctx = Context(arch)
    groups = {
        rid: iam.user_groups(user, ctx)  # type: ignore[arg-type]
        for rid, user in arch.of_kind("iam_user")
    }
    assert groups == {"b/dev": ["b/admins"], "a/dev": ["a/admins"], "a/ops": ["b/admins"]}
    escalation = {
        r.resource: r.outcome.value
        for r in evaluate(arch)
        if r.rule.id == "iam-principal-no-privilege-escalation"
    }
    assert escalation == {"b/dev": "PASS", "a/dev": "FAIL", "a/ops": "PASS"}


def test_terraform_policy_attachment_names_roles_users_and_groups(tmp_path: Path) -> None:
    """aws_iam_policy_attachment attaches one managed policy to every role, user and group it
    lists, as the separate *_policy_attachment resources do."""
    doc = json.dumps(ADMIN)
    arch = load_plan(
        tmp_path,
        plan(
            [
                resource("aws_iam_policy.admin", {"name": "admin", "policy": doc}),
                resource("aws_iam_role.r", {"name": "r", "assume_role_policy": json.dumps(TRUST)}),
                resource("aws_iam_user.u", {"name": "u"}),
                resource("aws_iam_group.g", {"name": "g"}),
                resource(
                    "aws_iam_policy_attachment.all",
                    {"name": "all", "roles": ["r"], "users": ["u"], "groups": ["g"]},
                ),
            ],
            [
                config(
                    "aws_iam_policy_attachment.all",
                    {
                        "policy_arn": ref("aws_iam_policy.admin.arn"),
                        "roles": ref("aws_iam_role.r.name"),
                        "users": ref("aws_iam_user.u.name"),
                        "groups": ref("aws_iam_group.g.name"),
                    },
                )
            ],
        ),
    )
    for rid in ("aws_iam_role.r", "aws_iam_user.u", "aws_iam_group.g"):
        assert arch.resources[rid].managed_policies == ["aws_iam_policy.admin"], rid  # type: ignore[attr-defined]
