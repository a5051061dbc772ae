"""One verdict per trust policy, whatever the source (issue 13, sections 1 and 7).

A trust policy's conditions narrow a broad principal by the same judgement as a resource
policy's (rules/analysis/conditions.py): keys and operators in any case; ``...IfExists``,
``ForAllValues:``, ``Null``, negated operators and a wildcard-only ``StringLike`` narrow
nothing. Generated trust policies (operators x keys x value shapes x principal spellings) go
through a CloudFormation template, a Terraform plan, recorded live IAM answers and a YAML model;
the expected verdicts come from the generator's parameters.
"""

from __future__ import annotations

import itertools
import json
from pathlib import Path
from typing import Any

import pytest
from tests.moto_aws import ACCOUNT_A
from tests.test_iac_terraform import resource
from tests.test_judgements_policy import (
    PRINCIPALS_ALL,
    Case,
    RecordedLambda,
    _cfn,
    _one_verdict,
    _run,
    _tf,
    _verdicts,
    _yaml,
)

from archcode.collectors.aws.reader import ABSENT
from archcode.collectors.aws.services import iam as iam_collector
from archcode.model.architecture import Architecture

OTHER = "111122223333"
TRUST_RULE = "iam-role-trust-restricted"
PATH_RULE = "iam-no-assume-role-path-to-sensitive-data"

# (key, pins who may assume the role)
_KEYS = [
    ("aws:PrincipalOrgID", True),
    ("AWS:PRINCIPALORGID", True),
    ("aws:PrincipalAccount", True),
    ("aws:principalarn", True),
    ("aws:SourceAccount", True),
    ("aws:PrincipalOrgPaths", True),
    ("aws:MultiFactorAuthPresent", False),
    ("aws:RequestedRegion", False),
]
# (operator, narrows)
_OPERATORS = [
    ("StringEquals", True),
    ("stringequals", True),
    ("StringLike", True),
    ("ForAnyValue:StringEquals", True),
    ("ForAnyValue:StringLike", True),
    ("StringEqualsIfExists", False),
    ("stringlikeifexists", False),
    ("ForAllValues:StringEquals", False),
    ("StringNotEquals", False),
    ("StringNotLike", False),
    ("Null", False),
]
# (value, narrows under a "like" operator, narrows under an exact one)
_VALUES: list[tuple[Any, bool, bool]] = [
    ("o-a1b2c3d4e5", True, True),
    (["o-a1b2c3d4e5"], True, True),
    (["o-a1b2c3d4e5", "o-f6g7h8i9j0"], True, True),
    ("*", False, True),  # StringLike "*" matches every value; StringEquals "*" only "*"
    (["*"], False, True),
]


def _trust(principal: Any, condition: dict[str, Any] | None) -> dict[str, Any]:
    statement: dict[str, Any] = {
        "Effect": "Allow",
        "Principal": principal,
        "Action": "sts:AssumeRole",
    }
    if condition is not None:
        statement["Condition"] = condition
    return {"Version": "2012-10-17", "Statement": [statement]}


def _star_cases() -> list[Case]:
    cases = []
    spellings = itertools.cycle(PRINCIPALS_ALL)
    for i, ((key, pins), (op, narrows), (value, like_ok, exact_ok)) in enumerate(
        itertools.product(_KEYS, _OPERATORS, _VALUES)
    ):
        like = "like" in op.lower()
        restricted = pins and narrows and (like_ok if like else exact_ok)
        principal = next(spellings)
        doc = _trust(principal, {op: {key: value}})
        notes = f"{op} {key}={value!r} principal={principal!r}"
        cases.append(Case(f"star-{i:03d}", doc, "PASS" if restricted else "FAIL", notes))
    cases.append(Case("star-bare", _trust("*", None), "FAIL", "no condition"))
    cases.append(
        Case(
            "star-two",
            _trust(
                {"AWS": "*"},
                {
                    "StringEqualsIfExists": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"},
                    "StringEquals": {"aws:SourceAccount": ACCOUNT_A},
                },
            ),
            "PASS",
            "one narrowing condition of two",
        )
    )
    return cases


# (operator, value, pins the outside account)
_EXTERNAL_ID = [
    ("StringEquals", "vendor-id", True),
    ("stringequals", ["vendor-id"], True),
    ("StringLike", "vendor-*", True),
    ("StringLike", "*", False),
    ("StringEqualsIfExists", "vendor-id", False),
    ("StringNotEquals", "vendor-id", False),
    ("Null", "false", False),
    ("ForAllValues:StringEquals", ["vendor-id"], False),
]


def _account_cases() -> list[Case]:
    cases = []
    keys = itertools.cycle(["sts:ExternalId", "STS:EXTERNALID", "sts:externalid"])
    principals = itertools.cycle(
        [
            {"AWS": f"arn:aws:iam::{OTHER}:root"},
            {"AWS": OTHER},
            {"AWS": [f"arn:aws:iam::{OTHER}:root"]},
        ]
    )
    for i, (op, value, pins) in enumerate(_EXTERNAL_ID):
        key, principal = next(keys), next(principals)
        doc = _trust(principal, {op: {key: value}})
        cases.append(Case(f"acct-{i:02d}", doc, "PASS" if pins else "FAIL", f"{op} {key}"))
    cases.append(Case("acct-bare", _trust({"AWS": OTHER}, None), "FAIL", "no ExternalId"))
    return cases


STAR_CASES = _star_cases()
ACCOUNT_CASES = _account_cases()
CASES = STAR_CASES + ACCOUNT_CASES


def _reads(name: str) -> dict[str, Any]:
    """The role's permissions: every object of its own bucket (a data store to reach)."""
    return {
        "Version": "2012-10-17",
        "Statement": [
            {"Effect": "Allow", "Action": "s3:GetObject", "Resource": f"arn:aws:s3:::{name}/*"}
        ],
    }


class RecordedIam(RecordedLambda):
    """GetAccountAuthorizationDetails answered with the generated roles, as AWS writes them
    (documents URL-encoded JSON strings are decoded by boto3: plain JSON text here)."""

    def __init__(self, cases: list[Case]) -> None:
        super().__init__({})
        self.cases = cases

    def call(self, operation: str, **kwargs: Any) -> Any:
        if operation != "get_account_authorization_details":
            return ABSENT
        roles = [
            {
                "RoleName": c.name,
                "RoleId": f"AROA{i:016d}",
                "Arn": f"arn:aws:iam::{ACCOUNT_A}:role/{c.name}",
                "Path": "/",
                "AssumeRolePolicyDocument": json.dumps(c.data),
                "RolePolicyList": [
                    {"PolicyName": "reads", "PolicyDocument": json.dumps(_reads(c.name))}
                ],
                "AttachedManagedPolicies": [],
            }
            for i, c in enumerate(self.cases)
        ]
        return {"RoleDetailList": roles, "UserDetailList": [], "GroupDetailList": [],
                "Policies": []}  # fmt: skip


def _name(resource: Any) -> str | None:
    found = getattr(resource, "bucket_name", None) or resource.name
    return str(found) if found else None


def _sources(tmp: Path, with_buckets: bool) -> dict[str, Architecture]:
    cfn: dict[str, Any] = {}
    tf: list[dict[str, Any]] = []
    yml: dict[str, Any] = {}
    for i, case in enumerate(CASES):
        cfn[f"R{i}"] = {
            "Type": "AWS::IAM::Role",
            "Properties": {
                "RoleName": case.name,
                "AssumeRolePolicyDocument": case.data,
                "Policies": [{"PolicyName": "reads", "PolicyDocument": _reads(case.name)}],
            },
        }
        tf.append(
            resource(
                f"aws_iam_role.r{i}",
                {
                    "name": case.name,
                    "assume_role_policy": json.dumps(case.data),
                    "inline_policy": [{"name": "reads", "policy": json.dumps(_reads(case.name))}],
                },
            )
        )
        yml[case.name] = {
            "kind": "iam_role",
            "name": case.name,
            "trust_policy": case.data,
            "inline_policies": {"reads": _reads(case.name)},
        }
        if with_buckets:
            cfn[f"B{i}"] = {"Type": "AWS::S3::Bucket", "Properties": {"BucketName": case.name}}
            tf.append(resource(f"aws_s3_bucket.b{i}", {"bucket": case.name}))
            yml[f"{case.name}-bucket"] = {"kind": "s3_bucket", "bucket_name": case.name}
    return {"cloudformation": _cfn(cfn), "terraform": _tf(tmp, tf, []), "yaml": _yaml(yml)}


@pytest.fixture(scope="module")
def trust_verdicts(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, str]]:
    archs = _sources(tmp_path_factory.mktemp("trust"), with_buckets=False)
    archs["live"] = _run(iam_collector.collect, RecordedIam(CASES))
    return {source: _verdicts(arch, TRUST_RULE, _name) for source, arch in archs.items()}


@pytest.fixture(scope="module")
def path_verdicts(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, str]]:
    archs = _sources(tmp_path_factory.mktemp("paths"), with_buckets=True)
    return {source: _verdicts(arch, PATH_RULE, _name) for source, arch in archs.items()}


@pytest.mark.parametrize("case", STAR_CASES, ids=lambda c: c.name)
def test_a_star_trust_is_narrowed_alike_from_every_source(
    case: Case, trust_verdicts: dict[str, dict[str, str]]
) -> None:
    _one_verdict(case, trust_verdicts)


@pytest.mark.parametrize("case", STAR_CASES, ids=lambda c: c.name)
def test_a_star_trust_opens_a_path_alike_from_every_template(
    case: Case, path_verdicts: dict[str, dict[str, str]]
) -> None:
    """The path rule sees the same narrowing: an unpinned "*" reaches the role's bucket."""
    _one_verdict(case, path_verdicts)


@pytest.mark.parametrize("case", ACCOUNT_CASES, ids=lambda c: c.name)
def test_an_outside_account_needs_a_narrowing_external_id(
    case: Case, trust_verdicts: dict[str, dict[str, str]]
) -> None:
    """Live knows the role's account; a template or plan without one cannot tell the outside
    account from its own: UNKNOWN there, never PASS."""
    assert trust_verdicts["live"].get(case.name) == case.expected, case.notes
    for source in ("cloudformation", "terraform", "yaml"):
        assert trust_verdicts[source].get(case.name) == "UNKNOWN", (source, case.notes)


def test_the_generated_cases_cover_both_verdicts() -> None:
    for cases in (STAR_CASES, ACCOUNT_CASES):
        assert {c.expected for c in cases} == {"PASS", "FAIL"}
    assert sum(c.expected == "PASS" for c in STAR_CASES) >= 20
