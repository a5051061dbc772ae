"""One verdict per policy fact, whatever the source (issue 13, sections 1 and 7).

Each judgement is fed the SAME generated inputs through a CloudFormation template, a Terraform
plan (JSON), a live account (the collectors against the moto server, or fed recorded API
answers in AWS's documented shape where moto cannot express the input) and a hand-written YAML
model; every source must give the verdict the case was generated for.

The expected verdicts come from the generators' own parameters (a Deny with a false
aws:SecureTransport, a "*" principal that no narrowing operator pins ...), never from the code
under test.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import boto3
import pytest
import yaml
from tests.moto_aws import ACCOUNT_A, lambda_zip
from tests.test_iac_terraform import config, plan, ref, resource

from archcode.cli import main
from archcode.collectors import load_architecture
from archcode.collectors.aws.assemble import assemble
from archcode.collectors.aws.draft import Ctx
from archcode.collectors.aws.reader import ABSENT
from archcode.collectors.aws.services import iam as iam_collector
from archcode.collectors.aws.services import lambda_ as lambda_collector
from archcode.collectors.cloudformation import to_architecture
from archcode.collectors.yaml_model import load_yaml_model
from archcode.model.architecture import Architecture, CoverageGap
from archcode.model.cidr import is_anywhere
from archcode.rules.engine import evaluate

REGION = "us-east-1"
OTHER_ACCOUNT = "111122223333"
ORG = "o-a1b2c3d4e5"
SOURCE_ARN = f"arn:aws:execute-api:{REGION}:{ACCOUNT_A}:a1b2c3/*"
ROLE_ARN = f"arn:aws:iam::{ACCOUNT_A}:role/fn-role"
PRINCIPALS_ALL: list[Any] = ["*", {"AWS": "*"}, {"AWS": ["*"]}]


@dataclass(frozen=True)
class Case:
    """One generated input: a name (a valid bucket/topic/function name), the input, the
    verdict the generator expects."""

    name: str
    data: Any
    expected: str
    notes: str = ""


def _verdicts(
    arch: Architecture, rule: str, name_of: Callable[[Any], str | None]
) -> dict[str, str]:
    """Outcome of ``rule`` per resource, keyed by the resource's real name (else its id: a
    YAML author names resources by id)."""
    out: dict[str, str] = {}
    for result in evaluate(arch):
        if result.rule.id != rule or result.resource is None:
            continue
        out[name_of(arch.resources[result.resource]) or result.resource] = result.outcome.value
    return out


def _renamed(verdicts: dict[str, str], names: dict[str, str]) -> dict[str, str]:
    """Verdicts keyed by the case name where a template gives its resource no name."""
    return {names.get(k, k): v for k, v in verdicts.items()}


def _cfn(resources: dict[str, Any]) -> Architecture:
    template = {"AWSTemplateFormatVersion": "2010-09-09", "Resources": resources}
    return to_architecture(json.dumps(template, indent=1), "t.json")


def _tf(tmp: Path, resources: list[dict[str, Any]], configs: list[dict[str, Any]]) -> Architecture:
    path = tmp / "plan.json"
    path.write_text(json.dumps(plan(resources, configs), indent=1))
    return load_architecture(str(path), diagnostics=[])


def _yaml(resources: dict[str, Any]) -> Architecture:
    return load_yaml_model(yaml.safe_dump({"name": "judged", "resources": resources}), "j.yaml")


def _discover(tmp: Path, services: str) -> Architecture:
    out = tmp / f"{services}.yaml"
    code = main(["discover", "--regions", REGION, "--services", services, "-o", str(out)])
    assert code == 0, f"discover --services {services} exited {code}"
    return load_architecture(str(out))


def _one_verdict(case: Case, verdicts: dict[str, dict[str, str]]) -> None:
    got = {source: found.get(case.name, "absent") for source, found in verdicts.items()}
    assert set(got.values()) == {case.expected}, f"{case.name} {case.notes}: {got}"


# --- "the bucket policy requires TLS" --------------------------------------------------------

_TLS_OPERATORS = ["Bool", "BoolIfExists", "bool", "BOOLIFEXISTS", "ForAnyValue:Bool"]
_TLS_KEYS = ["aws:SecureTransport", "AWS:SecureTransport", "aws:securetransport"]
_TLS_VALUES: list[tuple[Any, bool]] = [
    ("false", True),
    (False, True),
    (["false"], True),
    ([False], True),
    ("False", True),
    ("true", False),
    (["true"], False),
]
_TLS_ACTIONS: list[tuple[Any, bool]] = [
    ("s3:*", True),
    ("S3:*", True),
    ("*", True),
    (["s3:GetObject", "s3:PutObject"], True),
]


def _bucket_doc(name: str, statement: dict[str, Any]) -> dict[str, Any]:
    arns = [f"arn:aws:s3:::{name}", f"arn:aws:s3:::{name}/*"]
    allow = {
        "Sid": "Read",
        "Effect": "Allow",
        "Principal": {"AWS": f"arn:aws:iam::{ACCOUNT_A}:root"},
        "Action": "s3:GetObject",
        "Resource": arns[1],
    }
    return {"Version": "2012-10-17", "Statement": [allow, {**statement, "Resource": arns}]}


def _tls_cases() -> list[Case]:
    cases: list[Case] = []
    grid = itertools.product(_TLS_OPERATORS, _TLS_KEYS, _TLS_VALUES)
    rotate = itertools.cycle(itertools.product(PRINCIPALS_ALL, _TLS_ACTIONS))
    for i, (operator, key, (value, denies)) in enumerate(grid):
        principal, (action, all_objects) = next(rotate)
        name = f"tls-{i:03d}"
        statement = {
            "Sid": "TlsOnly",
            "Effect": "Deny",
            "Principal": principal,
            "Action": action,
            "Condition": {operator: {key: value}},
        }
        expected = "PASS" if denies and all_objects else "FAIL"
        notes = f"{operator} {key}={value!r} principal={principal!r} action={action!r}"
        cases.append(Case(name, _bucket_doc(name, statement), expected, notes))
    base = {"Effect": "Deny", "Principal": "*", "Action": "s3:*"}
    tls = {"Condition": {"Bool": {"aws:SecureTransport": "false"}}}
    for n, (statement, expected, notes) in enumerate(
        [
            ({**base, **tls, "Effect": "Allow"}, "FAIL", "an Allow denies nothing"),
            (
                {**base, **tls, "Principal": {"AWS": f"arn:aws:iam::{OTHER_ACCOUNT}:root"}},
                "FAIL",
                "denies one account only",
            ),
            ({**base, **tls, "Action": "s3:PutObject"}, "FAIL", "reads stay open"),
            (
                {**base, "Condition": {"NumericLessThan": {"s3:TlsVersion": "1.2"}}},
                "FAIL",
                "no aws:SecureTransport condition",
            ),
            ({**base, **tls, "Action": ["S3:GetObject", "S3:PutObject"]}, "PASS", "prefix case"),
            (
                {
                    **base,
                    "Condition": {
                        "Bool": {"aws:SecureTransport": "false", "aws:ViaAWSService": "false"}
                    },
                },
                "FAIL",
                "a second key narrows the deny",
            ),
            (
                {
                    **base,
                    **tls,
                    "Condition": {
                        **tls["Condition"],
                        "StringNotEquals": {"aws:SourceVpce": "vpce-1"},
                    },
                },
                "FAIL",
                "a second operator narrows the deny",
            ),
        ]
    ):
        name = f"tls-x{n}"
        cases.append(Case(name, _bucket_doc(name, statement), expected, notes))
    for name, resource_, expected in [
        ("tls-static", "arn:aws:s3:::tls-static/static/*", "FAIL"),
        ("tls-star", "*", "PASS"),
    ]:
        doc = _bucket_doc(name, {**base, **tls})
        doc["Statement"][1]["Resource"] = resource_
        cases.append(Case(name, doc, expected, f"the deny covers {resource_}"))
    cases.append(Case("tls-none", None, "FAIL", "no bucket policy at all"))
    return cases


TLS_CASES = _tls_cases()


@pytest.fixture(scope="module")
def tls_verdicts(
    aws_env: dict[str, str], tmp_path_factory: pytest.TempPathFactory
) -> dict[str, dict[str, str]]:
    tmp = tmp_path_factory.mktemp("tls")
    cfn: dict[str, Any] = {}
    tf_res: list[dict[str, Any]] = []
    tf_cfg: list[dict[str, Any]] = []
    yml: dict[str, Any] = {}
    s3 = boto3.client("s3", region_name=REGION)
    for i, case in enumerate(TLS_CASES):
        cfn[f"B{i}"] = {"Type": "AWS::S3::Bucket", "Properties": {"BucketName": case.name}}
        tf_res.append(resource(f"aws_s3_bucket.b{i}", {"bucket": case.name}))
        yml[case.name] = {"kind": "s3_bucket", "bucket_name": case.name}
        s3.create_bucket(Bucket=case.name)
        if case.data is None:
            yml[case.name]["tls_only"] = False  # a YAML author states the absence
            continue
        cfn[f"P{i}"] = {
            "Type": "AWS::S3::BucketPolicy",
            "Properties": {"Bucket": {"Ref": f"B{i}"}, "PolicyDocument": case.data},
        }
        tf_res.append(
            resource(
                f"aws_s3_bucket_policy.p{i}", {"bucket": case.name, "policy": json.dumps(case.data)}
            )
        )
        tf_cfg.append(
            config(f"aws_s3_bucket_policy.p{i}", {"bucket": ref(f"aws_s3_bucket.b{i}.id")})
        )
        yml[case.name]["policy"] = case.data
        # The YAML flag says the opposite: the policy decides (docs/format.md).
        yml[case.name]["tls_only"] = case.expected != "PASS"
        s3.put_bucket_policy(Bucket=case.name, Policy=json.dumps(case.data))

    def bucket_name(r: Any) -> str | None:
        name = getattr(r, "bucket_name", None) or r.name
        return str(name) if name else None

    rule = "s3-bucket-tls-only"
    return {
        "cloudformation": _verdicts(_cfn(cfn), rule, bucket_name),
        "terraform": _verdicts(_tf(tmp, tf_res, tf_cfg), rule, bucket_name),
        "live": _verdicts(_discover(tmp, "s3"), rule, bucket_name),
        "yaml": _verdicts(_yaml(yml), rule, bucket_name),
    }


@pytest.mark.parametrize("case", TLS_CASES, ids=lambda c: c.name)
def test_the_bucket_requires_tls_one_verdict_from_every_source(
    case: Case, tls_verdicts: dict[str, dict[str, str]]
) -> None:
    _one_verdict(case, tls_verdicts)


def test_the_tls_cases_cover_both_verdicts_and_every_shape() -> None:
    assert {c.expected for c in TLS_CASES} == {"PASS", "FAIL"}
    assert sum(c.expected == "PASS" for c in TLS_CASES) >= 20
    assert len(TLS_CASES) >= 100


def test_a_yaml_flag_holds_without_a_policy_and_yields_to_one() -> None:
    deny = _bucket_doc(
        "b",
        {
            "Effect": "Deny",
            "Principal": "*",
            "Action": "s3:*",
            "Condition": {"Bool": {"aws:SecureTransport": "false"}},
        },
    )
    arch = _yaml(
        {
            "flag-on": {"kind": "s3_bucket", "tls_only": True},
            "flag-off": {"kind": "s3_bucket", "tls_only": False},
            "flag-unset": {"kind": "s3_bucket"},
            "policy-wins": {"kind": "s3_bucket", "tls_only": False, "policy": deny},
        }
    )
    got = _verdicts(arch, "s3-bucket-tls-only", lambda r: r.name)
    assert got == {
        "flag-on": "PASS",
        "flag-off": "FAIL",
        "flag-unset": "UNKNOWN",
        "policy-wins": "PASS",
    }


# --- "the Lambda function is public" ---------------------------------------------------------

_CONDITION_ARGS = (
    "SourceAccount",
    "SourceArn",
    "PrincipalOrgID",
    "FunctionUrlAuthType",
    "InvokedViaFunctionUrl",
)
_NARROWING = {"SourceAccount", "SourceArn", "PrincipalOrgID"}
_LAMBDA_PRINCIPALS = ["*", OTHER_ACCOUNT, "s3.amazonaws.com", f"arn:aws:iam::{OTHER_ACCOUNT}:root"]
_ARG_VALUES = {
    "SourceAccount": ACCOUNT_A,
    "SourceArn": SOURCE_ARN,
    "PrincipalOrgID": ORG,
    "FunctionUrlAuthType": "NONE",
    "InvokedViaFunctionUrl": True,  # a bool in templates and plans (October 2025)
}


def _lambda_cases() -> list[Case]:
    cases = []
    subsets = [
        frozenset(c)
        for n in range(len(_CONDITION_ARGS) + 1)
        for c in itertools.combinations(_CONDITION_ARGS, n)
    ]
    for i, (principal, args) in enumerate(itertools.product(_LAMBDA_PRINCIPALS, subsets)):
        public = principal == "*" and not args & _NARROWING
        data = {"Principal": principal, **{a: _ARG_VALUES[a] for a in sorted(args)}}
        data["Action"] = (
            "lambda:InvokeFunctionUrl" if "FunctionUrlAuthType" in args else "lambda:InvokeFunction"
        )
        cases.append(Case(f"fn-{i:03d}", [data], "FAIL" if public else "PASS", repr(data)))
    # Two permissions: one narrowed, one open; and none at all.
    both = [
        {"Principal": "*", "Action": "lambda:InvokeFunction", "SourceArn": SOURCE_ARN},
        {"Principal": "*", "Action": "lambda:InvokeFunction"},
    ]
    cases.append(Case("fn-two", both, "FAIL", "one open permission among two"))
    cases.append(Case("fn-none", [], "PASS", "no permission at all"))
    return cases


LAMBDA_CASES = _lambda_cases()


def _aws_statement(sid: str, perm: dict[str, Any], fn_arn: str) -> dict[str, Any]:
    """The statement Lambda writes for AddPermission, as GetPolicy returns it (AWS docs)."""
    principal = perm["Principal"]
    if principal == "*":
        written: Any = "*"
    elif principal.endswith(".amazonaws.com"):
        written = {"Service": principal}
    elif principal.isdigit():
        written = {"AWS": f"arn:aws:iam::{principal}:root"}
    else:
        written = {"AWS": principal}
    condition: dict[str, dict[str, str]] = {}
    if "SourceAccount" in perm:
        condition.setdefault("StringEquals", {})["AWS:SourceAccount"] = perm["SourceAccount"]
    if "PrincipalOrgID" in perm:
        condition.setdefault("StringEquals", {})["aws:PrincipalOrgID"] = perm["PrincipalOrgID"]
    if "FunctionUrlAuthType" in perm:
        condition.setdefault("StringEquals", {})["lambda:FunctionUrlAuthType"] = perm[
            "FunctionUrlAuthType"
        ]
    if "SourceArn" in perm:
        condition["ArnLike"] = {"AWS:SourceArn": perm["SourceArn"]}
    if "InvokedViaFunctionUrl" in perm:
        condition["Bool"] = {"lambda:InvokedViaFunctionUrl": "true"}
    found = {
        "Sid": sid,
        "Effect": "Allow",
        "Principal": written,
        "Action": perm["Action"],
        "Resource": fn_arn,
    }
    if condition:
        found["Condition"] = condition
    return found


class RecordedLambda:
    """Reader stand-in answering ListFunctions and GetPolicy from recorded answers."""

    def __init__(self, functions: dict[str, list[dict[str, Any]]]) -> None:
        self.account, self.region = ACCOUNT_A, REGION
        self.functions = functions
        self.gaps: list[CoverageGap] = []

    def _arn(self, name: str) -> str:
        return f"arn:aws:lambda:{REGION}:{ACCOUNT_A}:function:{name}"

    def call(self, operation: str, **kwargs: Any) -> Any:
        if operation == "list_functions":
            return {
                "Functions": [
                    {
                        "FunctionName": n,
                        "FunctionArn": self._arn(n),
                        "Runtime": "python3.12",
                        "Role": ROLE_ARN,
                        "MemorySize": 128,
                        "Timeout": 3,
                    }
                    for n in self.functions
                ]
            }
        name = kwargs.get("FunctionName", "")
        if operation == "get_policy":
            perms = self.functions[name]
            if not perms:
                return ABSENT  # ResourceNotFoundException: the function has no policy
            statements = [_aws_statement(f"s{j}", p, self._arn(name)) for j, p in enumerate(perms)]
            policy = {"Version": "2012-10-17", "Id": "default", "Statement": statements}
            return {"Policy": json.dumps(policy), "RevisionId": "r1"}
        if operation == "get_function_url_config":
            return ABSENT
        return None

    def pages(self, operation: str, **kwargs: Any) -> list[dict[str, Any]] | None:
        found = self.call(operation, **kwargs)
        return [found] if isinstance(found, dict) else None

    def items(self, operation: str, key: str, **kwargs: Any) -> list[Any] | None:
        pages = self.pages(operation, **kwargs)
        return None if pages is None else [i for p in pages for i in p.get(key) or []]

    def gap(self, operation: str, error: str, *args: Any, **kwargs: Any) -> None:
        self.gaps.append(CoverageGap(service="x", operation=operation, error=error))


def _run(collect: Callable[[Ctx], None], reader: Any) -> Architecture:
    ctx = Ctx(reader)
    collect(ctx)
    return assemble("t", ctx.found, ctx.links, ctx.aliases, reader.gaps, [ACCOUNT_A], [REGION])


def _moto_expresses(perms: list[dict[str, Any]]) -> bool:
    """moto 5 writes an account principal as a bare string, keeps FunctionUrlAuthType and
    InvokedViaFunctionUrl as they were sent and overwrites one StringEquals block with the
    other: those go through recorded answers."""
    return all(
        (p["Principal"] == "*" or p["Principal"].endswith(".amazonaws.com"))
        and "FunctionUrlAuthType" not in p
        and "InvokedViaFunctionUrl" not in p
        and not {"SourceAccount", "PrincipalOrgID"} <= set(p)
        for p in perms
    )


_TF_ARGS = {
    "Principal": "principal",
    "Action": "action",
    "SourceAccount": "source_account",
    "SourceArn": "source_arn",
    "PrincipalOrgID": "principal_org_id",
    "FunctionUrlAuthType": "function_url_auth_type",
    "InvokedViaFunctionUrl": "invoked_via_function_url",
}


@pytest.fixture(scope="module")
def lambda_verdicts(
    aws_env: dict[str, str], tmp_path_factory: pytest.TempPathFactory
) -> dict[str, dict[str, str]]:
    tmp = tmp_path_factory.mktemp("lambda")
    role = boto3.client("iam").create_role(
        RoleName="fn-role", AssumeRolePolicyDocument=json.dumps({"Statement": []})
    )["Role"]["Arn"]
    client = boto3.client("lambda", region_name=REGION)
    cfn: dict[str, Any] = {}
    tf_res: list[dict[str, Any]] = []
    tf_cfg: list[dict[str, Any]] = []
    yml: dict[str, Any] = {}
    moto_cases = [c for c in LAMBDA_CASES if _moto_expresses(c.data)]
    for i, case in enumerate(LAMBDA_CASES):
        cfn[f"F{i}"] = {
            "Type": "AWS::Lambda::Function",
            "Properties": {
                "FunctionName": case.name,
                "Runtime": "python3.12",
                "Role": role,
                "Handler": "app.handler",
                "Code": {"ZipFile": "x"},
            },
        }
        tf_res.append(
            resource(
                f"aws_lambda_function.f{i}",
                {
                    "function_name": case.name,
                    "runtime": "python3.12",
                    "role": role,
                    "handler": "app.handler",
                },
            )
        )
        statements = []
        for j, perm in enumerate(case.data):
            cfn[f"P{i}x{j}"] = {
                "Type": "AWS::Lambda::Permission",
                "Properties": {"FunctionName": {"Ref": f"F{i}"}, **perm},
            }
            values = {"function_name": case.name, "statement_id": f"s{j}"}
            values |= {_TF_ARGS[k]: v for k, v in perm.items()}
            tf_res.append(resource(f"aws_lambda_permission.p{i}x{j}", values))
            tf_cfg.append(
                config(
                    f"aws_lambda_permission.p{i}x{j}",
                    {"function_name": ref(f"aws_lambda_function.f{i}.function_name")},
                )
            )
            statements.append(_aws_statement(f"s{j}", perm, f"arn:aws:lambda:::{case.name}"))
        yml[case.name] = {"kind": "lambda_function"}
        if statements:
            yml[case.name]["policy"] = {"Statement": statements}
            yml[case.name]["public_policy"] = case.expected == "PASS"  # the policy decides
        else:
            yml[case.name]["public_policy"] = False
        if case in moto_cases:
            client.create_function(
                FunctionName=case.name,
                Runtime="python3.12",
                Role=role,
                Handler="app.handler",
                Code={"ZipFile": lambda_zip()},
            )
            for j, perm in enumerate(case.data):
                client.add_permission(FunctionName=case.name, StatementId=f"s{j}", **perm)
    recorded = RecordedLambda({c.name: c.data for c in LAMBDA_CASES})

    def fn_name(r: Any) -> str | None:
        return str(r.name) if r.name else None

    rule = "lambda-function-not-public"
    moto_names = {c.name for c in moto_cases}
    live = _verdicts(_discover(tmp, "lambda"), rule, fn_name)
    assert set(live) == moto_names
    return {
        "cloudformation": _verdicts(_cfn(cfn), rule, fn_name),
        "terraform": _verdicts(_tf(tmp, tf_res, tf_cfg), rule, fn_name),
        "recorded": _verdicts(_run(lambda_collector.collect, recorded), rule, fn_name),
        "yaml": _verdicts(_yaml(yml), rule, fn_name),
        "live": live,
    }


@pytest.mark.parametrize("case", LAMBDA_CASES, ids=lambda c: c.name)
def test_the_function_is_public_one_verdict_from_every_source(
    case: Case, lambda_verdicts: dict[str, dict[str, str]]
) -> None:
    verdicts = dict(lambda_verdicts)
    if case.name not in verdicts["live"]:
        del verdicts["live"]  # moto cannot express it; the recorded answer stands for live
    _one_verdict(case, verdicts)


def test_the_lambda_cases_cover_both_verdicts_and_moto_most_open_ones() -> None:
    assert {c.expected for c in LAMBDA_CASES} == {"PASS", "FAIL"}
    moto = [c for c in LAMBDA_CASES if _moto_expresses(c.data)]
    assert len(moto) >= 10 and {c.expected for c in moto} == {"PASS", "FAIL"}


def test_a_permission_learnt_at_apply_still_narrows(tmp_path: Path) -> None:
    """A plan's source_arn known only after apply is a condition whose value is unknown."""
    fn = resource("aws_lambda_function.f", {"function_name": "f", "role": ROLE_ARN})
    perm = resource(
        "aws_lambda_permission.p",
        {"function_name": "f", "principal": "*", "action": "lambda:InvokeFunction"},
    )
    cfg = config(
        "aws_lambda_permission.p",
        {
            "function_name": ref("aws_lambda_function.f.function_name"),
            "source_arn": ref("aws_api_gateway_rest_api.api.execution_arn"),
        },
    )
    unknown_principal = resource(
        "aws_lambda_permission.q", {"function_name": "g", "action": "lambda:InvokeFunction"}
    )
    fn2 = resource("aws_lambda_function.g", {"function_name": "g", "role": ROLE_ARN})
    cfg2 = config(
        "aws_lambda_permission.q",
        {
            "function_name": ref("aws_lambda_function.g.function_name"),
            "principal": ref("var.principal"),
        },
    )
    arch = _tf(tmp_path, [fn, perm, fn2, unknown_principal], [cfg, cfg2])
    got = _verdicts(arch, "lambda-function-not-public", lambda r: r.name)
    assert got == {"f": "PASS", "g": "UNKNOWN"}


# --- a "*" principal narrowed by a condition (SNS topics; every resource policy) -------------

_KEYS = [
    "AWS:SourceOwner",
    "aws:SourceOwner",
    "aws:sourceowner",
    "aws:SourceAccount",
    "AWS:SOURCEACCOUNT",
    "aws:SourceArn",
    "aws:PrincipalOrgID",
    "aws:principalorgid",
    "aws:SourceVpce",
    "aws:PrincipalAccount",
]
# (operator, narrows "*")
_OPERATORS = [
    ("StringEquals", True),
    ("stringequals", True),
    ("StringLike", True),
    ("ForAnyValue:StringEquals", True),
    ("StringEqualsIfExists", False),
    ("ForAllValues:StringEquals", False),
    ("StringNotEquals", False),
]


def _topic_arn(name: str) -> str:
    return f"arn:aws:sns:{REGION}:{ACCOUNT_A}:{name}"


def _topic_cases() -> list[Case]:
    cases = []
    grid = itertools.product(_KEYS, _OPERATORS)
    rotate = itertools.cycle(itertools.product(PRINCIPALS_ALL, ["scalar", "list"]))
    for i, (key, (operator, narrows)) in enumerate(grid):
        principal, shape = next(rotate)
        value: Any = ACCOUNT_A if shape == "scalar" else [ACCOUNT_A]
        name = f"topic-{i:03d}"
        statement = {
            "Sid": "s",
            "Effect": "Allow",
            "Principal": principal,
            "Action": ["SNS:Publish", "sns:Subscribe"],
            "Resource": _topic_arn(name),
            "Condition": {operator: {key: value}},
        }
        doc = {"Version": "2008-10-17", "Statement": [statement]}
        notes = f"{operator} {key} principal={principal!r} {shape}"
        cases.append(Case(name, doc, "PASS" if narrows else "FAIL", notes))
    extra: list[tuple[dict[str, Any], str, str]] = [
        ({"Effect": "Allow", "Principal": "*", "Action": "SNS:Publish"}, "FAIL", "no condition"),
        (
            {
                "Effect": "Allow",
                "Principal": {"AWS": f"arn:aws:iam::{OTHER_ACCOUNT}:root"},
                "Action": "sns:Publish",
            },
            "PASS",
            "a named account",
        ),
        ({"Effect": "Deny", "Principal": "*", "Action": "sns:*"}, "PASS", "a Deny"),
        (
            {
                "Effect": "Allow",
                "Principal": "*",
                "Action": "sns:Publish",
                "Condition": {"Bool": {"aws:SecureTransport": "true"}},
            },
            "FAIL",
            "TLS pins no one",
        ),
    ]
    for n, (statement, expected, notes) in enumerate(extra):
        name = f"topic-x{n}"
        doc = {"Statement": [{**statement, "Resource": _topic_arn(name)}]}
        cases.append(Case(name, doc, expected, notes))
    # The policy AWS gives every new topic, verbatim (AWS:SourceOwner = the owner account).
    name = "topic-default"
    default = {
        "Version": "2008-10-17",
        "Id": "__default_policy_ID",
        "Statement": [
            {
                "Sid": "__default_statement_ID",
                "Effect": "Allow",
                "Principal": {"AWS": "*"},
                "Action": [
                    "SNS:GetTopicAttributes",
                    "SNS:SetTopicAttributes",
                    "SNS:AddPermission",
                    "SNS:RemovePermission",
                    "SNS:DeleteTopic",
                    "SNS:Subscribe",
                    "SNS:ListSubscriptionsByTopic",
                    "SNS:Publish",
                ],
                "Resource": _topic_arn(name),
                "Condition": {"StringEquals": {"AWS:SourceOwner": ACCOUNT_A}},
            }
        ],
    }
    cases.append(Case(name, default, "PASS", "AWS's default topic policy"))
    return cases


TOPIC_CASES = _topic_cases()


@pytest.fixture(scope="module")
def topic_verdicts(
    aws_env: dict[str, str], tmp_path_factory: pytest.TempPathFactory
) -> dict[str, dict[str, str]]:
    tmp = tmp_path_factory.mktemp("sns")
    sns = boto3.client("sns", region_name=REGION)
    cfn: dict[str, Any] = {}
    tf_res: list[dict[str, Any]] = []
    tf_cfg: list[dict[str, Any]] = []
    yml: dict[str, Any] = {}
    for i, case in enumerate(TOPIC_CASES):
        cfn[f"T{i}"] = {"Type": "AWS::SNS::Topic", "Properties": {"TopicName": case.name}}
        cfn[f"P{i}"] = {
            "Type": "AWS::SNS::TopicPolicy",
            "Properties": {"Topics": [{"Ref": f"T{i}"}], "PolicyDocument": case.data},
        }
        arn = _topic_arn(case.name)
        if i % 2:  # the policy as the topic's own argument, or as an aws_sns_topic_policy
            tf_res.append(
                resource(
                    f"aws_sns_topic.t{i}",
                    {"name": case.name, "arn": arn, "policy": json.dumps(case.data)},
                )
            )
        else:
            tf_res.append(resource(f"aws_sns_topic.t{i}", {"name": case.name, "arn": arn}))
            tf_res.append(
                resource(
                    f"aws_sns_topic_policy.p{i}", {"arn": arn, "policy": json.dumps(case.data)}
                )
            )
            tf_cfg.append(
                config(f"aws_sns_topic_policy.p{i}", {"arn": ref(f"aws_sns_topic.t{i}.arn")})
            )
        yml[case.name] = {"kind": "sns_topic", "policy": case.data}
        sns.create_topic(Name=case.name)
        if case.name != "topic-default":  # moto, as AWS, gives a new topic the default policy
            sns.set_topic_attributes(
                TopicArn=arn, AttributeName="Policy", AttributeValue=json.dumps(case.data)
            )

    def topic_name(r: Any) -> str | None:
        return str(r.name) if r.name else None

    rule = "resource-policy-not-public"
    return {
        "cloudformation": _verdicts(_cfn(cfn), rule, topic_name),
        "terraform": _verdicts(_tf(tmp, tf_res, tf_cfg), rule, topic_name),
        "live": _verdicts(_discover(tmp, "messaging"), rule, topic_name),
        "yaml": _verdicts(_yaml(yml), rule, topic_name),
    }


@pytest.mark.parametrize("case", TOPIC_CASES, ids=lambda c: c.name)
def test_a_narrowed_star_is_not_public_one_verdict_from_every_source(
    case: Case, topic_verdicts: dict[str, dict[str, str]]
) -> None:
    _one_verdict(case, topic_verdicts)


# --- IAM action prefixes in any case, and "*:*" ----------------------------------------------

# (action, service-wildcard rule, full-admin rule) with Resource "*"
_ACTIONS = [
    ("S3:*", "FAIL", "PASS"),
    ("s3:*", "FAIL", "PASS"),
    ("Sqs:*", "FAIL", "PASS"),
    ("*:*", "PASS", "FAIL"),
    ("*", "PASS", "FAIL"),
    ("S3:GetObject", "PASS", "PASS"),
    ("DynamoDB:GetItem", "PASS", "PASS"),
]


def _action_cases() -> list[Case]:
    cases = []
    for i, (action, wildcard, admin) in enumerate(_ACTIONS):
        for as_list in (False, True):
            doc = {
                "Version": "2012-10-17",
                "Statement": [
                    {"Effect": "Allow", "Action": [action] if as_list else action, "Resource": "*"}
                ],
            }
            name = f"pol-{i}{'l' if as_list else 's'}"
            cases.append(Case(name, doc, f"{wildcard}/{admin}", action))
    return cases


ACTION_CASES = _action_cases()


@pytest.fixture(scope="module")
def action_verdicts(
    aws_env: dict[str, str], tmp_path_factory: pytest.TempPathFactory
) -> dict[str, dict[str, str]]:
    tmp = tmp_path_factory.mktemp("iam")
    iam = boto3.client("iam")
    cfn: dict[str, Any] = {}
    tf_res: list[dict[str, Any]] = []
    yml: dict[str, Any] = {}
    for i, case in enumerate(ACTION_CASES):
        cfn[f"M{i}"] = {
            "Type": "AWS::IAM::ManagedPolicy",
            "Properties": {"ManagedPolicyName": case.name, "PolicyDocument": case.data},
        }
        tf_res.append(
            resource(f"aws_iam_policy.m{i}", {"name": case.name, "policy": json.dumps(case.data)})
        )
        yml[case.name] = {"kind": "iam_policy", "document": case.data}
        iam.create_policy(PolicyName=case.name, PolicyDocument=json.dumps(case.data))
    archs = {
        "cloudformation": _cfn(cfn),  # keyed M<i>: a managed policy's name is not its display
        "terraform": _tf(tmp, tf_res, []),
        "live": _discover(tmp, "iam"),  # exits 0: "*:*" no longer loses the model
        "yaml": _yaml(yml),
    }

    def policy_name(r: Any) -> str | None:
        return str(r.name) if r.name else None

    out: dict[str, dict[str, str]] = {}
    for source, arch in archs.items():
        wildcard = _verdicts(arch, "iam-policy-no-service-wildcards", policy_name)
        admin = _verdicts(arch, "iam-policy-no-full-admin", policy_name)
        out[source] = {n: f"{wildcard.get(n)}/{admin.get(n)}" for n in wildcard | admin}
    out["cloudformation"] = _renamed(
        out["cloudformation"], {f"M{i}": c.name for i, c in enumerate(ACTION_CASES)}
    )
    return out


@pytest.mark.parametrize("case", ACTION_CASES, ids=lambda c: c.name)
def test_action_prefixes_in_any_case_and_star_colon_star(
    case: Case, action_verdicts: dict[str, dict[str, str]]
) -> None:
    _one_verdict(case, action_verdicts)


def test_an_inline_policy_not_read_is_unknown_not_pass(tmp_path: Path) -> None:
    """A role's inline policy whose document cannot be read (bad JSON, a statement the model
    cannot hold) keeps its siblings and makes the admin rule UNKNOWN, from every source."""
    good = {"Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}
    bad = {"Statement": [{"Effect": "Allow", "Action": "GetObject", "Resource": "*"}]}
    trust = {
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": {"Service": "lambda.amazonaws.com"},
                "Action": "sts:AssumeRole",
            }
        ]
    }
    page = {
        "RoleDetailList": [
            {
                "RoleName": "r",
                "Arn": f"arn:aws:iam::{ACCOUNT_A}:role/r",
                "Path": "/",
                "AssumeRolePolicyDocument": json.dumps(trust),
                "RolePolicyList": [
                    {"PolicyName": "good", "PolicyDocument": json.dumps(good)},
                    {"PolicyName": "bad", "PolicyDocument": json.dumps(bad)},
                    {"PolicyName": "garbled", "PolicyDocument": "{not json"},
                ],
            }
        ]
    }

    class Recorded(RecordedLambda):
        def call(self, operation: str, **kwargs: Any) -> Any:
            return page if operation == "get_account_authorization_details" else ABSENT

    live = _run(iam_collector.collect, Recorded({}))
    cfn = _cfn(
        {
            "R": {
                "Type": "AWS::IAM::Role",
                "Properties": {
                    "RoleName": "r",
                    "AssumeRolePolicyDocument": trust,
                    "Policies": [
                        {"PolicyName": "good", "PolicyDocument": good},
                        {"PolicyName": "bad", "PolicyDocument": bad},
                        {"PolicyName": "garbled", "PolicyDocument": "{not json"},
                    ],
                },
            },
            "Attached": {
                "Type": "AWS::IAM::Policy",
                "Properties": {
                    "PolicyName": "attached",
                    "PolicyDocument": "{not json either",
                    "Roles": [{"Ref": "R"}],
                },
            },
        }
    )
    tf = _tf(
        tmp_path,
        [
            resource(
                "aws_iam_role.r",
                {
                    "name": "r",
                    "assume_role_policy": json.dumps(trust),
                    "inline_policy": [
                        {"name": "good", "policy": json.dumps(good)},
                        {"name": "bad", "policy": json.dumps(bad)},
                        {"name": "garbled", "policy": "{not json"},
                    ],
                },
            ),
            resource(
                "aws_iam_role_policy.attached",
                {"name": "attached", "role": "r", "policy": "{not json either"},
            ),
        ],
        [],
    )
    yml = _yaml(
        {
            "r": {
                "kind": "iam_role",
                "trust_policy": trust,
                "inline_policies": {"good": good, "bad": None},
            }
        }
    )
    for source, arch in {"live": live, "cloudformation": cfn, "terraform": tf, "yaml": yml}.items():
        (role,) = [r for r in arch.resources.values() if r.kind == "iam_role"]
        assert role.inline_policies["good"] is not None, source  # type: ignore[attr-defined]
        assert role.inline_policies["bad"] is None, source  # type: ignore[attr-defined]
        got = _verdicts(arch, "iam-policy-no-full-admin", lambda r: r.name)
        assert got == {"r": "UNKNOWN"}, source
    assert live.resources[next(iter(live.resources))].inline_policies["garbled"] is None  # type: ignore[attr-defined]
    # Text that is no JSON at all is a policy not read, too (it was dropped from templates and
    # plans, so the rule could pass on what was left).
    for source, arch in {"cloudformation": cfn, "terraform": tf}.items():
        (role,) = [r for r in arch.resources.values() if r.kind == "iam_role"]
        policies = role.inline_policies  # type: ignore[attr-defined]
        assert policies["garbled"] is None and policies["attached"] is None, source


# --- "anywhere", however the range is spelled ------------------------------------------------

# (range, is anywhere)
_RANGES = [
    ("::/0", True),
    ("0000:0000::/0", True),
    ("0::0/0", True),
    ("::0/0", True),
    ("0:0:0:0:0:0:0:0/0", True),
    ("0000:0000:0000:0000:0000:0000:0000:0000/0", True),
    ("2001:db8::/32", False),
    ("::/1", False),
    ("0.0.0.0/0", True),
    ("10.0.0.0/8", False),
    ("0.0.0.0/1", False),
    ("0.0.0.0/32", False),
]


def test_is_anywhere_reads_ranges_as_aws_does() -> None:
    for cidr, anywhere in _RANGES:
        assert is_anywhere(cidr) is anywhere, cidr
    assert not is_anywhere("not a range") and not is_anywhere("")


@pytest.fixture(scope="module")
def sg_verdicts(
    aws_env: dict[str, str], tmp_path_factory: pytest.TempPathFactory
) -> dict[str, dict[str, str]]:
    tmp = tmp_path_factory.mktemp("sg")
    ec2 = boto3.client("ec2", region_name=REGION)
    vpc = ec2.create_vpc(CidrBlock="10.9.0.0/16")["Vpc"]["VpcId"]
    cfn: dict[str, Any] = {}
    tf_res: list[dict[str, Any]] = []
    yml: dict[str, Any] = {}
    for i, (cidr, _anywhere) in enumerate(_RANGES):
        name = f"sg-case-{i:02d}"
        v6 = ":" in cidr
        cfn_rule = {
            "IpProtocol": "tcp",
            "FromPort": 22,
            "ToPort": 22,
            "CidrIpv6" if v6 else "CidrIp": cidr,
        }
        cfn[f"G{i}"] = {
            "Type": "AWS::EC2::SecurityGroup",
            "Properties": {
                "GroupName": name,
                "GroupDescription": "x",
                "SecurityGroupIngress": [cfn_rule],
            },
        }
        tf_rule = {
            "from_port": 22,
            "to_port": 22,
            "protocol": "tcp",
            "self": False,
            "cidr_blocks": [] if v6 else [cidr],
            "ipv6_cidr_blocks": [cidr] if v6 else [],
            "prefix_list_ids": [],
            "security_groups": [],
            "description": "",
        }
        tf_res.append(
            resource(f"aws_security_group.g{i}", {"name": name, "ingress": [tf_rule], "egress": []})
        )
        yml[name] = {
            "kind": "security_group",
            "ingress": [{"port": 22, **({"ipv6_cidr": [cidr]} if v6 else {"cidr": [cidr]})}],
        }
        group = ec2.create_security_group(GroupName=name, Description="x", VpcId=vpc)["GroupId"]
        ranges = {"Ipv6Ranges": [{"CidrIpv6": cidr}]} if v6 else {"IpRanges": [{"CidrIp": cidr}]}
        ec2.authorize_security_group_ingress(
            GroupId=group,
            IpPermissions=[{"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, **ranges}],
        )

    def group_name(r: Any) -> str | None:
        return str(r.name) if r.name and str(r.name).startswith("sg-case-") else None

    rule = "security-group-restricted-common-ports"
    return {
        "cloudformation": _renamed(
            _verdicts(_cfn(cfn), rule, group_name),
            {f"G{i}": f"sg-case-{i:02d}" for i in range(len(_RANGES))},
        ),
        "terraform": _verdicts(_tf(tmp, tf_res, []), rule, group_name),
        "live": _verdicts(_discover(tmp, "ec2"), rule, group_name),
        "yaml": _verdicts(_yaml(yml), rule, group_name),
    }


@pytest.mark.parametrize("index", range(len(_RANGES)), ids=[r for r, _ in _RANGES])
def test_anywhere_in_any_spelling_one_verdict_from_every_source(
    index: int, sg_verdicts: dict[str, dict[str, str]]
) -> None:
    cidr, anywhere = _RANGES[index]
    case = Case(f"sg-case-{index:02d}", cidr, "FAIL" if anywhere else "PASS", cidr)
    _one_verdict(case, sg_verdicts)


def test_template_intrinsics_in_a_permission() -> None:
    """References a template leaves to deploy time: the stack's account or an ARN is no "*"; a
    condition whose value is a reference still narrows; a principal nothing says is unknown."""

    def fn(name: str) -> dict[str, Any]:
        return {
            "Type": "AWS::Lambda::Function",
            "Properties": {"FunctionName": name, "Runtime": "python3.12", "Handler": "a.b",
                           "Role": ROLE_ARN, "Code": {"ZipFile": "x"}},
        }  # fmt: skip

    def perm(target: str, **props: Any) -> dict[str, Any]:
        base = {"FunctionName": {"Ref": target}, "Action": "lambda:InvokeFunction"}
        return {"Type": "AWS::Lambda::Permission", "Properties": {**base, **props}}

    template = {
        "AWSTemplateFormatVersion": "2010-09-09",
        "Parameters": {"Who": {"Type": "String"}},
        "Resources": {
            "Api": {"Type": "AWS::ApiGateway::RestApi", "Properties": {"Name": "a"}},
            "Own": fn("own"),
            "OwnP": perm("Own", Principal={"Ref": "AWS::AccountId"}),
            "Sub": fn("sub"),
            "SubP": perm(
                "Sub",
                Principal="*",
                SourceArn={
                    "Fn::Sub": "arn:aws:execute-api:${AWS::Region}:${AWS::AccountId}:${Api}/*"
                },
                SourceAccount={"Ref": "AWS::AccountId"},
            ),
            "Role": fn("role"),
            "RoleP": perm("Role", Principal={"Fn::GetAtt": ["Api", "RootResourceId"]}),
            "Param": fn("param"),
            "ParamP": perm("Param", Principal={"Ref": "Who"}),
        },
    }
    arch = to_architecture(json.dumps(template), "t.json")
    got = _verdicts(arch, "lambda-function-not-public", lambda r: r.name)
    assert got == {"own": "PASS", "sub": "PASS", "role": "PASS", "param": "UNKNOWN"}


def test_custom_rules_read_the_judged_value(
    tls_verdicts: dict[str, dict[str, str]], tmp_path: Path
) -> None:
    """A custom rule naming tls_only gets the verdict the built-in rule reached, from every
    source (the policy decides; the field alone would be unknown wherever a policy exists)."""
    from archcode.rules.custom import load_rules

    rules = tmp_path / "rules.yaml"
    rules.write_text(
        "rules:\n  - id: my-tls\n    title: TLS only\n    severity: high\n"
        "    category: encryption\n    kinds: [s3_bucket]\n"
        "    require: {field: tls_only, equals: true}\n"
    )
    (rule,) = load_rules([str(rules)])
    cases = [*[c for c in TLS_CASES if c.data is not None][:12], TLS_CASES[-1]]
    assert {c.expected for c in cases} == {"PASS", "FAIL"}
    resources = {
        f"B{i}": {"Type": "AWS::S3::Bucket", "Properties": {"BucketName": c.name}}
        for i, c in enumerate(cases)
    }
    for i, c in enumerate(cases):
        if c.data is not None:
            resources[f"P{i}"] = {
                "Type": "AWS::S3::BucketPolicy",
                "Properties": {"Bucket": {"Ref": f"B{i}"}, "PolicyDocument": c.data},
            }
    arch = _cfn(resources)
    got = {
        arch.resources[r.resource].bucket_name: r.outcome.value  # type: ignore[attr-defined]
        for r in evaluate(arch, [rule])
        if r.resource
    }
    assert got == {c.name: c.expected for c in cases}
    assert got == {c.name: tls_verdicts["cloudformation"][c.name] for c in cases}
