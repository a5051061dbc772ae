"""Least privilege: admin grants, wildcards, NotAction, escalation, trust, assumption paths.

Statement-level rules judge the documents a resource defines itself (a customer managed
policy's document, a role's, user's or group's inline policies), so an attached policy is
reported once, on the policy. Principal-level rules (escalation, assumption paths) judge
everything a role or user holds, a user's groups' policies included.
A full-admin statement is reported by the admin rule only, not again by the narrower ones.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from archcode.model.base import Resource
from archcode.model.iam import Statement
from archcode.rules.analysis import iam
from archcode.rules.analysis.memo import per_context
from archcode.rules.base import (
    Category,
    Frameworks,
    Outcome,
    Remediation,
    Severity,
    Verdict,
    failed,
    none_found,
    not_applicable,
    passed,
    unknown,
)
from archcode.rules.context import Context
from archcode.rules.registry import architecture_rule, resource_rule

if TYPE_CHECKING:
    from archcode.model.kinds.iam_group import IamGroup
    from archcode.model.kinds.iam_policy import IamPolicy
    from archcode.model.kinds.iam_role import IamRole
    from archcode.model.kinds.iam_user import IamUser
else:
    from archcode.model.kinds.lazy import IamGroup, IamPolicy, IamRole, IamUser

POLICY_KINDS = ("iam_policy", "iam_role", "iam_user", "iam_group")
LEAST_PRIVILEGE = ("SEC03-BP02",)


def _judge_statements(
    resource: Resource, finding: Callable[[Statement], list[str]], what: str
) -> Verdict:
    """FAIL naming each own document whose statements ``finding`` flags."""
    if isinstance(resource, IamPolicy) and resource.aws_managed:
        return not_applicable("AWS managed policies cannot be edited")
    docs = iam.own_documents(resource)
    unread = iam.unread_documents(resource)
    if not docs and not unread:
        return none_found("defines no policy document of its own")
    hits: dict[str, list[str]] = {}
    for source, statement in iam.statements(docs):
        if iam.is_full_admin(statement):
            continue  # reported by iam-policy-no-full-admin
        for item in finding(statement):
            hits.setdefault(source, []).append(item)
    if not hits:
        return unknown(", ".join(unread)) if unread else passed()
    return failed(
        "; ".join(
            f"{source} {what} {', '.join(dict.fromkeys(items))}" for source, items in hits.items()
        )
    )


@resource_rule(
    id="iam-policy-no-full-admin",
    title='IAM policies do not allow full administrative privileges ("*" on "*")',
    severity=Severity.HIGH,
    category=Category.LEAST_PRIVILEGE,
    kinds=POLICY_KINDS,
    frameworks=Frameworks(security_hub=("IAM.1",), cis=("1.16",), well_architected=LEAST_PRIVILEGE),
    rationale="Whoever holds a *:* grant can do anything in the account, including erasing "
    "the audit trail; one leaked credential becomes a full takeover. Security Hub IAM.1 judges "
    "customer managed policies only; this rule also fails inline policies and an attached "
    "AdministratorAccess, which grant the same (a FAIL on a role or user is archcode's own).",
    remediation=Remediation(
        text="Grant the specific actions and resources the workload uses (IAM Access Analyzer "
        "can generate a policy from CloudTrail activity).",
        yaml="document:\n  Statement:\n    - Effect: Allow\n      Action: [dynamodb:GetItem, "
        "dynamodb:PutItem]\n      Resource: arn:aws:dynamodb:us-east-1:123456789012:table/orders",
        cloudformation="PolicyDocument:\n  Statement:\n    - Effect: Allow\n"
        "      Action: [dynamodb:GetItem, dynamodb:PutItem]\n      Resource: !GetAtt Orders.Arn",
        terraform=(
            'data "aws_iam_policy_document" "app" {\n'
            "  statement {\n"
            '    actions   = ["dynamodb:GetItem", "dynamodb:PutItem"]\n'
            "    resources = [aws_dynamodb_table.orders.arn]\n"
            "  }\n"
            "}"
        ),
    ),
    per_account=True,
)
def iam_policy_no_full_admin(resource: Resource, ctx: Context) -> Verdict:
    if isinstance(resource, IamPolicy) and resource.aws_managed:
        return not_applicable("AWS managed policies cannot be edited")
    sources = [
        src for src, s in iam.statements(iam.own_documents(resource)) if iam.is_full_admin(s)
    ]
    if isinstance(resource, IamRole | IamUser | IamGroup):
        sources += [
            f"AWS managed policy {iam.aws_policy_name(arn)}"
            for arn in resource.managed_policy_arns
            if iam.aws_policy_name(arn) == "AdministratorAccess"
        ]
    if sources:
        return failed(f"{', '.join(dict.fromkeys(sources))} allows * on *")
    unread = iam.unread_documents(resource)
    if unread:
        return unknown(", ".join(unread))
    return none_found("", Outcome.PASS)  # a document discovery could not read may grant it


@resource_rule(
    id="iam-policy-no-service-wildcards",
    title='IAM policies do not allow every action of a service ("s3:*")',
    severity=Severity.LOW,
    category=Category.LEAST_PRIVILEGE,
    kinds=POLICY_KINDS,
    frameworks=Frameworks(security_hub=("IAM.21",), well_architected=LEAST_PRIVILEGE),
    rationale="service:* includes the destructive and permission-changing actions of the "
    "service, and every action AWS adds to it later. Security Hub IAM.21 judges customer "
    "managed policies only; this rule also fails the inline policies of roles, users and "
    "groups (a FAIL on those is archcode's own, as AWS Control Tower's CT.IAM.PR.5 has it).",
    remediation=Remediation(
        text="List the actions the workload calls instead of service:*.",
        yaml="Action: [s3:GetObject, s3:PutObject]",
        cloudformation="Action: [s3:GetObject, s3:PutObject]",
        terraform='actions = ["s3:GetObject", "s3:PutObject"]',
    ),
    per_account=True,
)
def iam_policy_no_service_wildcards(resource: Resource, ctx: Context) -> Verdict:
    return _judge_statements(resource, iam.service_wildcards, "allows")


@resource_rule(
    id="iam-policy-no-partial-action-wildcards",
    title='IAM policies name actions without wildcards ("s3:Get*")',
    severity=Severity.INFO,
    category=Category.LEAST_PRIVILEGE,
    kinds=POLICY_KINDS,
    frameworks=Frameworks(well_architected=LEAST_PRIVILEGE),
    rationale="A prefix wildcard such as s3:Get* silently grows as AWS adds actions; it is "
    "narrower than service:*, so it is reported for information.",
    remediation=Remediation(
        text="Spell out the actions the wildcard was meant to cover.",
        yaml="Action: [s3:GetObject, s3:GetObjectVersion]",
        cloudformation="Action: [s3:GetObject, s3:GetObjectVersion]",
        terraform='actions = ["s3:GetObject", "s3:GetObjectVersion"]',
    ),
    per_account=True,
)
def iam_policy_no_partial_wildcards(resource: Resource, ctx: Context) -> Verdict:
    return _judge_statements(resource, iam.partial_wildcards, "uses wildcard actions")


@resource_rule(
    id="iam-policy-no-wildcard-resource-data-access",
    title='IAM policies do not grant data read or write actions on every resource ("*")',
    severity=Severity.MEDIUM,
    category=Category.LEAST_PRIVILEGE,
    kinds=POLICY_KINDS,
    frameworks=Frameworks(well_architected=LEAST_PRIVILEGE),
    rationale="Resource: * on data actions reaches every bucket, table, secret and queue in "
    "the account, including the ones created after the policy was written.",
    remediation=Remediation(
        text="Scope Resource to the ARNs of the data the workload owns.",
        yaml="Resource: arn:aws:s3:::media-bucket/*",
        cloudformation="Resource: !Sub '${MediaBucket.Arn}/*'",
        terraform='resources = ["${aws_s3_bucket.media.arn}/*"]',
    ),
    per_account=True,
)
def iam_policy_no_wildcard_resource_data(resource: Resource, ctx: Context) -> Verdict:
    return _judge_statements(resource, iam.data_actions_on_all_resources, 'grants on Resource "*":')


@resource_rule(
    id="iam-policy-no-kms-decrypt-all-keys",
    title="IAM policies do not allow decryption with every KMS key",
    severity=Severity.MEDIUM,
    category=Category.LEAST_PRIVILEGE,
    kinds=POLICY_KINDS,
    frameworks=Frameworks(security_hub=("KMS.1", "KMS.2"), well_architected=("SEC08-BP01",)),
    rationale="kms:Decrypt on * decrypts whatever any key in the account protects; key policies "
    "are then the only barrier left.",
    remediation=Remediation(
        text="Name the key ARNs the workload decrypts with.",
        yaml="Action: kms:Decrypt\nResource: arn:aws:kms:us-east-1:123456789012:key/1234abcd",
        cloudformation="Action: kms:Decrypt\nResource: !GetAtt AppKey.Arn",
        terraform=('actions   = ["kms:Decrypt"]\nresources = [aws_kms_key.app.arn]'),
    ),
    per_account=True,
)
def iam_policy_no_kms_decrypt_all(resource: Resource, ctx: Context) -> Verdict:
    def decrypts(statement: Statement) -> list[str]:
        return iam.data_actions_on_all_resources(statement, iam.DECRYPT_ACTIONS)

    return _judge_statements(resource, decrypts, 'grants on Resource "*":')


@resource_rule(
    id="iam-policy-no-allow-not-action",
    title="IAM policies do not Allow with NotAction or NotResource",
    severity=Severity.MEDIUM,
    category=Category.LEAST_PRIVILEGE,
    kinds=POLICY_KINDS,
    frameworks=Frameworks(well_architected=LEAST_PRIVILEGE),
    rationale="Allow with NotAction grants every action except a list, including every action "
    "AWS adds later; with NotResource, every resource but a few.",
    remediation=Remediation(
        text="Rewrite the statement as an Allow of named actions on named resources; use Deny "
        "with NotAction only for guardrails.",
        yaml="- Effect: Allow\n  Action: [sqs:SendMessage]\n  Resource: arn:aws:sqs:us-east-1:"
        "123456789012:orders",
        cloudformation="- Effect: Allow\n  Action: [sqs:SendMessage]\n"
        "  Resource: !GetAtt Orders.Arn",
        terraform=(
            "statement {\n"
            '  effect    = "Allow"\n'
            '  actions   = ["sqs:SendMessage"]\n'
            "  resources = [aws_sqs_queue.orders.arn]\n"
            "}"
        ),
    ),
    per_account=True,
)
def iam_policy_no_allow_not_action(resource: Resource, ctx: Context) -> Verdict:
    return _judge_statements(resource, iam.uses_not_elements, "allows with")


@resource_rule(
    id="iam-principal-no-privilege-escalation",
    title="IAM roles and users hold no privilege-escalation permission set",
    severity=Severity.HIGH,
    category=Category.LEAST_PRIVILEGE,
    kinds=("iam_role", "iam_user"),
    frameworks=Frameworks(well_architected=LEAST_PRIVILEGE),
    rationale="Permissions such as iam:CreatePolicyVersion, iam:AttachRolePolicy or iam:PassRole "
    "with lambda:CreateFunction let a principal grant itself administrator access (the Rhino "
    "Security Labs escalation methods).",
    remediation=Remediation(
        text="Remove the IAM-changing actions, or scope iam:PassRole to the one role the "
        "workload passes and add a permissions boundary.",
        yaml="permissions_boundary: arn:aws:iam::123456789012:policy/workload-boundary",
        cloudformation="PermissionsBoundary: !Ref WorkloadBoundary",
        terraform="permissions_boundary = aws_iam_policy.workload_boundary.arn",
    ),
)
def iam_principal_no_privilege_escalation(principal: IamRole | IamUser, ctx: Context) -> Verdict:
    docs = iam.effective_documents(principal, ctx)
    if any(iam.is_full_admin(s) for _src, s in iam.statements(docs)):
        return failed("already holds full administrator access (* on *)")
    methods = iam.escalation_methods(iam.Permissions(docs))
    if methods:
        return failed(f"can escalate privileges: {'; '.join(methods)}")
    unread = iam.unread_documents(principal)
    return unknown(", ".join(unread)) if unread else passed()


@resource_rule(
    id="iam-role-trust-restricted",
    title="IAM role trust policies trust no one ('*') and other accounts only with sts:ExternalId",
    severity=Severity.HIGH,
    category=Category.LEAST_PRIVILEGE,
    kinds=("iam_role",),
    frameworks=Frameworks(well_architected=("SEC03-BP07",)),
    rationale="A trust policy open to '*' lets any AWS account assume the role; trusting "
    "another account without an external id exposes the role to the confused-deputy problem.",
    remediation=Remediation(
        text="Trust named principals; for a third party, require the external id it gave you.",
        yaml="trust_policy:\n  Statement:\n    - Effect: Allow\n      Principal: {AWS: "
        "arn:aws:iam::210987654321:root}\n      Action: sts:AssumeRole\n      Condition: "
        "{StringEquals: {sts:ExternalId: vendor-issued-id}}",
        cloudformation="AssumeRolePolicyDocument:\n  Statement:\n    - Effect: Allow\n"
        "      Principal: {AWS: arn:aws:iam::210987654321:root}\n      Action: sts:AssumeRole\n"
        "      Condition: {StringEquals: {'sts:ExternalId': vendor-issued-id}}",
        terraform=(
            'data "aws_iam_policy_document" "trust" {\n'
            "  statement {\n"
            '    actions = ["sts:AssumeRole"]\n'
            "    principals {\n"
            '      type        = "AWS"\n'
            '      identifiers = ["arn:aws:iam::210987654321:root"]\n'
            "    }\n"
            "    condition {\n"
            '      test     = "StringEquals"\n'
            '      variable = "sts:ExternalId"\n'
            '      values   = ["vendor-issued-id"]\n'
            "    }\n"
            "  }\n"
            "}"
        ),
    ),
)
def iam_role_trust_restricted(role: IamRole, ctx: Context) -> Verdict:
    if role.trust_policy is None:
        return unknown("trust_policy")
    problems, undecided = iam.trust_problems(role, role.account or ctx.arch.account)
    if problems:
        return failed("; ".join(p.message for p in problems))
    if undecided:
        return unknown("account (to tell other accounts from the role's own)")
    return passed()


@per_context
def _chain_grants(ctx: Context) -> dict[str, iam.Permissions]:
    """Roles reached through a trust hop, with their permissions, by role id."""
    parent = iam.chained_reach(ctx)
    found: dict[str, iam.Permissions] = {}
    for node, chained in parent:
        role = ctx.resource(node)
        if chained and isinstance(role, IamRole) and node not in found:
            found[node] = iam.Permissions(iam.effective_documents(role, ctx))
    return found


@architecture_rule(
    id="iam-no-assume-role-path-to-sensitive-data",
    title="No principal reaches a data store, secret or key by assuming another role",
    severity=Severity.MEDIUM,
    category=Category.LEAST_PRIVILEGE,
    kinds=tuple(iam.SENSITIVE_ACTIONS),
    frameworks=Frameworks(well_architected=("SEC03-BP02", "SEC03-BP07")),
    rationale="A role chain (a user or workload assuming a role that trusts it, or an outside "
    "account assuming one) extends access far beyond what the starting principal's own policy "
    "shows; reviewers of that policy never see it.",
    remediation=Remediation(
        text="Narrow the trust policy of the role in the path to the principals that need it, "
        "or scope the role's data permissions to the resources those principals own.",
        yaml="trust_policy:\n  Statement:\n    - Effect: Allow\n      Principal: {Service: "
        "lambda.amazonaws.com}\n      Action: sts:AssumeRole",
        cloudformation="AssumeRolePolicyDocument:\n  Statement:\n    - Effect: Allow\n"
        "      Principal: {Service: lambda.amazonaws.com}\n      Action: sts:AssumeRole",
        terraform=(
            'data "aws_iam_policy_document" "trust" {\n'
            "  statement {\n"
            '    actions = ["sts:AssumeRole"]\n'
            "    principals {\n"
            '      type        = "Service"\n'
            '      identifiers = ["lambda.amazonaws.com"]\n'
            "    }\n"
            "  }\n"
            "}"
        ),
    ),
)
def iam_assume_role_paths(ctx: Context) -> Iterator[Verdict]:
    parent = iam.chained_reach(ctx)
    chained = _chain_grants(ctx)
    undecided = _undecided_grants(ctx)
    held: dict[str, iam.Permissions] = {}
    # Per kind, the chained roles granting its actions on every resource, then on some.
    grants_all: dict[str, list[str]] = {}
    specific: dict[str, list[str]] = {}
    for kind, actions in iam.SENSITIVE_ACTIONS.items():
        for rid, perms in chained.items():
            if any(perms.can(a, on_all=True) for a in actions):
                grants_all.setdefault(kind, []).append(rid)
            elif any(perms.can(a) for a in actions):
                specific.setdefault(kind, []).append(rid)
    for sid, resource in ctx.of_kind(*iam.SENSITIVE_ACTIONS):
        actions = iam.SENSITIVE_ACTIONS[resource.kind]
        arns = iam.resource_arns(resource)
        via: str | None = None
        unsure = False
        for rid in [*grants_all.get(resource.kind, ()), *specific.get(resource.kind, ())]:
            answer = _reaches(chained[rid], actions, arns)
            if answer is True and not _already_held(ctx, parent, rid, actions, arns, held):
                via = rid
                break
            unsure = unsure or answer is None
        if via is not None:
            chain = (*iam.state_path(parent, (via, True)), sid)
            yield Verdict(
                Outcome.FAIL,
                f"{_who(chain[0])} reaches {sid} by assuming role {via}: {' -> '.join(chain)}",
                resource=sid,
                # the reported path names model ids only (no account or outsider nodes)
                path=tuple(n for n in chain if n in ctx.arch.resources),
            )
            continue
        open_roles = [
            (rid, principal)
            for rid, (principal, perms) in undecided.items()
            if _reaches(perms, actions, arns) is not False
        ]
        if open_roles:
            rid, principal = open_roles[0]
            yield Verdict(
                Outcome.UNKNOWN,
                f"role {rid} trusts {principal} and the model does not say its own account, "
                "so who may assume it is unknown",
                resource=sid,
            )
        elif unsure:
            yield Verdict(Outcome.UNKNOWN, "arn is not known", resource=sid)
        else:
            yield Verdict(Outcome.PASS, "", resource=sid)


def _reaches(perms: iam.Permissions, actions: tuple[str, ...], arns: list[str]) -> bool | None:
    """Whether the permissions reach the resource (None: no ARN is known to tell)."""
    answers = [perms.can_on(a, arns) for a in actions]
    if any(answers):
        return True
    return None if any(a is None for a in answers) else False


@per_context
def _undecided_grants(ctx: Context) -> dict[str, tuple[str, iam.Permissions]]:
    """Roles whose trust names an account the model cannot place, with their permissions."""
    found: dict[str, tuple[str, iam.Permissions]] = {}
    for rid, principal in iam.assume_graph(ctx).undecided.items():
        role = ctx.resource(rid)
        if isinstance(role, IamRole):
            found[rid] = (principal, iam.Permissions(iam.effective_documents(role, ctx)))
    return found


def _already_held(
    ctx: Context,
    parent: dict[iam.State, iam.State | None],
    via: str,
    actions: tuple[str, ...],
    arns: list[str],
    perms_of: dict[str, iam.Permissions],
) -> bool:
    """A principal that already holds the access before its first trust hop gains nothing by
    assuming a role (a role trusting its own account reaching itself is no path)."""
    for node in _before_first_hop(parent, via):
        holder = ctx.resource(node)
        if isinstance(holder, IamRole | IamUser):
            if node not in perms_of:
                perms_of[node] = iam.Permissions(iam.effective_documents(holder, ctx))
            if _reaches(perms_of[node], actions, arns) is True:
                return True
    return False


def _before_first_hop(parent: dict[iam.State, iam.State | None], via: str) -> list[str]:
    """The principals on the recorded path to ``via`` that hold their access directly."""
    found: list[str] = []
    cursor: iam.State | None = (via, True)
    while cursor is not None:
        if not cursor[1]:
            found.append(cursor[0])
        cursor = parent[cursor]
    return found


def _who(start: str) -> str:
    return "a principal outside the account" if start == iam.EXTERNAL else start


MAX_KEY_AGE_DAYS = 90


@resource_rule(
    id="iam-user-access-keys-rotated",
    title=f"IAM users' active access keys are rotated within {MAX_KEY_AGE_DAYS} days",
    severity=Severity.MEDIUM,
    category=Category.SECRETS,
    kinds=("iam_user",),
    frameworks=Frameworks(security_hub=("IAM.3",), cis=("1.14",), well_architected=("SEC02-BP05",)),
    rationale="A long-lived access key ends up in laptops, CI variables and old scripts; "
    "rotation bounds how long a copied key keeps working.",
    remediation=Remediation(
        text="Create a new key, switch its users over, deactivate and delete the old one; "
        "better, replace the user with a role (OIDC federation for CI).",
        yaml="access_keys:\n  - {active: true, age_days: 12}",
        cloudformation="Type: AWS::IAM::AccessKey\nProperties:\n  UserName: !Ref Deployer\n"
        "  Serial: 2   # bump to rotate",
        terraform=(
            "# create the new key, move its users over, then remove the old key\n"
            'resource "aws_iam_access_key" "deployer_v2" {\n'
            "  user = aws_iam_user.deployer.name\n"
            "}"
        ),
    ),
    per_account=True,
)
def iam_user_access_keys_rotated(user: IamUser, ctx: Context) -> Verdict:
    active = [key for key in user.access_keys if key.active]
    if not active:
        return none_found("no active access key", Outcome.PASS)
    ages = [key.age_days for key in active]
    old = [age for age in ages if age is not None and age > MAX_KEY_AGE_DAYS]
    if old:
        return failed(f"an active access key is {max(old)} days old")
    if None in ages:
        return unknown("age_days of an active access key")
    return passed()
