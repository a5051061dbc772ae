"""IAM policy analysis: IAM's matching rules, escalation sets, trust policies, role chains."""

from __future__ import annotations

import pytest
from tests.conftest import load

from archcode.model.iam import Statement
from archcode.model.kinds.security import IamRole
from archcode.rules.analysis import iam
from archcode.rules.context import Context


def statement(**fields: object) -> Statement:
    return Statement.model_validate({"Effect": "Allow", "Resource": "*", **fields})


def perms(*statements: dict[str, object]) -> iam.Permissions:
    doc = iam.Document.model_validate({"Statement": list(statements)})
    return iam.Permissions([iam.SourcedDocument("test", doc)])


@pytest.mark.parametrize(
    ("pattern", "action", "matches"),
    [
        ("s3:GetObject", "s3:getobject", True),
        ("s3:get*", "s3:GetObjectVersion", True),
        ("s3:Get?bject", "s3:GetObject", True),
        ("s3:Get*", "s3:PutObject", False),
        ("*", "iam:PassRole", True),
        ("iam:*", "sts:AssumeRole", False),
        ("lambda:Create*", "lambda:CreateFunction", True),
    ],
)
def test_action_matching_is_case_insensitive_with_wildcards(
    pattern: str, action: str, matches: bool
) -> None:
    assert iam.action_matches(pattern, action) is matches


def test_not_action_covers_everything_else() -> None:
    s = statement(NotAction=["iam:*", "organizations:*"])
    assert iam.covers_action(s, "s3:DeleteBucket")
    assert not iam.covers_action(s, "iam:CreateUser")
    assert iam.uses_not_elements(s) == ["NotAction"]


def test_statement_findings() -> None:
    assert iam.is_full_admin(statement(Action="*"))
    assert not iam.is_full_admin(statement(Action="*", Effect="Deny"))
    assert not iam.is_full_admin(statement(Action="*", Resource="arn:aws:s3:::b"))
    assert iam.service_wildcards(statement(Action=["s3:*", "s3:Get*", "sqs:SendMessage"])) == [
        "s3:*"
    ]
    assert iam.partial_wildcards(statement(Action=["s3:*", "s3:Get*", "sqs:Send?essage"])) == [
        "s3:Get*",
        "sqs:Send?essage",
    ]
    scoped = statement(Action="dynamodb:*", Resource="arn:aws:dynamodb:*:*:table/t")
    assert iam.data_actions_on_all_resources(scoped) == []
    assert "dynamodb:Scan" in iam.data_actions_on_all_resources(statement(Action="dynamodb:*"))


def test_deny_on_every_resource_subtracts() -> None:
    p = perms(
        {"Effect": "Allow", "Action": "iam:*", "Resource": "*"},
        {"Effect": "Deny", "Action": "iam:PassRole", "Resource": "*"},
    )
    assert p.can("iam:CreatePolicyVersion")
    assert not p.can("iam:PassRole")


def test_can_on_matches_arns_and_knows_when_it_cannot_tell() -> None:
    p = perms({"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::media/*"})
    assert p.can_on("s3:GetObject", ["arn:aws:s3:::media", "arn:aws:s3:::media/object"])
    assert p.can_on("s3:GetObject", ["arn:aws:s3:::other/object"]) is False
    assert p.can_on("s3:GetObject", []) is None
    assert p.can_on("s3:PutObject", []) is False


@pytest.mark.parametrize(("name", "actions"), iam.ESCALATIONS, ids=[n for n, _ in iam.ESCALATIONS])
def test_each_escalation_method_needs_all_of_its_actions(
    name: str, actions: tuple[str, ...]
) -> None:
    full = perms({"Effect": "Allow", "Action": list(actions), "Resource": "*"})
    assert name in iam.escalation_methods(full)
    if len(actions) > 1:
        partial = perms({"Effect": "Allow", "Action": list(actions[1:]), "Resource": "*"})
        assert name not in iam.escalation_methods(partial)


def test_assume_role_on_everything_is_escalation_but_on_one_role_is_not() -> None:
    everything = perms({"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "*"})
    one = perms(
        {
            "Effect": "Allow",
            "Action": "sts:AssumeRole",
            "Resource": "arn:aws:iam::111111111111:role/reader",
        }
    )
    assert "assume any role (sts:AssumeRole on *)" in iam.escalation_methods(everything)
    assert iam.escalation_methods(one) == []


@pytest.mark.parametrize(
    ("principal", "account"),
    [
        ("111111111111", "111111111111"),
        ("arn:aws:iam::222222222222:root", "222222222222"),
        ("arn:aws:iam::333333333333:role/x", "333333333333"),
        ("arn:aws-us-gov:iam::444444444444:user/y", "444444444444"),
        ("*", None),
    ],
)
def test_principal_account(principal: str, account: str | None) -> None:
    assert iam.principal_account(principal) == account


def _role(trust: dict[str, object]) -> IamRole:
    return IamRole.model_validate({"trust_policy": {"Statement": [trust]}})


def test_trust_problems() -> None:
    base = {"Effect": "Allow", "Action": "sts:AssumeRole"}
    open_role = _role({**base, "Principal": {"AWS": "*"}})
    problems, _ = iam.trust_problems(open_role, "111111111111")
    assert [p.principal for p in problems] == ["*"]
    vendor = _role({**base, "Principal": {"AWS": "222222222222"}})
    assert iam.trust_problems(vendor, "111111111111")[0]
    assert iam.trust_problems(vendor, "222222222222") == ([], False)
    assert iam.trust_problems(vendor, None) == ([], True)
    pinned = _role(
        {
            **base,
            "Principal": {"AWS": "222222222222"},
            "Condition": {"StringEquals": {"sts:ExternalId": "x"}},
        }
    )
    assert iam.trust_problems(pinned, "111111111111") == ([], False)


def test_role_chain_path_goes_through_the_account_and_the_trusting_role() -> None:
    arch = load(
        """
        name: chain
        account: '111111111111'
        resources:
          fn: {kind: lambda, role: fn-role}
          fn-role:
            kind: role
            inline_policies:
              x: {Statement: [{Effect: Allow, Action: sts:AssumeRole, Resource: '*'}]}
          admin-role:
            kind: role
            trust_policy:
              Statement:
                - {Effect: Allow, Principal: {AWS: '111111111111'}, Action: sts:AssumeRole}
        """
    )
    ctx = Context(arch)
    parent = iam.chained_reach(ctx)
    assert ("fn-role", False) in parent
    assert iam.state_path(parent, ("admin-role", True)) == (
        "fn",
        "fn-role",
        "account:111111111111",
        "admin-role",
    )
