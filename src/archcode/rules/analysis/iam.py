"""IAM policy analysis: wildcards, admin, NotAction, privilege escalation, trust, assumption paths.

Action names are matched the way IAM matches them: case-insensitively, with ``*`` and ``?``
wildcards (fnmatch on lowercased names). Only what the model holds is analysed: identity
policies (inline, customer managed and the best-known AWS managed ones by ARN) and trust
policies. Conditions are not evaluated, except the few that restrict a trust policy (judged
in conditions.py, as for resource policies).
"""

from __future__ import annotations

import fnmatch
import re
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from functools import cache
from typing import TYPE_CHECKING

from archcode.model.base import Resource
from archcode.model.iam import Statement, _Document
from archcode.rules.analysis.conditions import ORG_KEYS, narrowed
from archcode.rules.analysis.memo import per_context
from archcode.rules.analysis.paths import edges_by_relation
from archcode.rules.context import Context

if TYPE_CHECKING:
    from archcode.model.kinds.iam_group import IamGroup
    from archcode.model.kinds.iam_policy import IamPolicy
    from archcode.model.kinds.iam_role import IamRole
    from archcode.model.kinds.iam_user import IamUser
    from archcode.model.kinds.s3_bucket import S3Bucket
else:
    from archcode.model.kinds.lazy import IamGroup, IamPolicy, IamRole, IamUser, S3Bucket

Document = _Document


@dataclass(frozen=True)
class SourcedDocument:
    """A policy document and where it came from, for messages."""

    source: str
    document: Document


@cache
def _lower(pattern: str) -> str:
    return pattern.lower()


@cache
def _pattern(pattern: str) -> re.Pattern[str]:
    return re.compile(fnmatch.translate(pattern.lower()))


def action_matches(pattern: str, action: str) -> bool:
    """Whether an action pattern from a policy (wildcards allowed) covers a concrete action."""
    return _pattern(pattern).match(action.lower()) is not None


def covers_action(statement: Statement, action: str) -> bool:
    """Whether the statement's Action (or the complement of its NotAction) includes ``action``."""
    if statement.action is not None:
        return any(action_matches(p, action) for p in statement.action)
    return not any(action_matches(p, action) for p in statement.not_action or ())


def all_resources(statement: Statement) -> bool:
    """Resource is "*" (or absent), or the statement uses NotResource (all but a few)."""
    if statement.not_resource is not None:
        return True
    return statement.resource is None or "*" in statement.resource


def covers_resource(statement: Statement, arns: Iterable[str]) -> bool:
    """Whether the statement's resources include one of ``arns`` (the same resource's names)."""
    names = [a.lower() for a in arns]
    if statement.not_resource is not None:
        return not any(fnmatchcase(n, _lower(p)) for n in names for p in statement.not_resource)
    if statement.resource is None or "*" in statement.resource:
        return True
    return any(fnmatchcase(n, _lower(p)) for n in names for p in statement.resource)


def allows(statement: Statement) -> bool:
    return statement.effect == "Allow"


# --- statement-level findings ----------------------------------------------------------------

_SERVICE_WILDCARD = re.compile(r"^[a-z0-9-]+:\*$", re.IGNORECASE)


def is_full_admin(statement: Statement) -> bool:
    """Allow of every action on every resource (IAM.1)."""
    return (
        allows(statement)
        and statement.action is not None
        and any(a in ("*", "*:*") for a in statement.action)
        and statement.resource is not None
        and "*" in statement.resource
    )


def service_wildcards(statement: Statement) -> list[str]:
    """``service:*`` actions an Allow statement grants (IAM.21)."""
    if not allows(statement) or statement.action is None:
        return []
    return [a for a in statement.action if _SERVICE_WILDCARD.match(a)]


def partial_wildcards(statement: Statement) -> list[str]:
    """Narrower wildcards such as ``s3:Get*`` that still grow with every new API action."""
    if not allows(statement) or statement.action is None:
        return []
    return [
        a
        for a in statement.action
        if a not in ("*", "*:*") and not _SERVICE_WILDCARD.match(a) and ("*" in a or "?" in a)
    ]


def uses_not_elements(statement: Statement) -> list[str]:
    """``NotAction`` / ``NotResource`` in an Allow: grants everything except a list."""
    if not allows(statement):
        return []
    return [
        name
        for name, value in (
            ("NotAction", statement.not_action),
            ("NotResource", statement.not_resource),
        )
        if value is not None
    ]


# Actions that read or write the data itself, by service (KMS decryption has its own rule).
DATA_ACTIONS = (
    "s3:GetObject",
    "s3:PutObject",
    "s3:DeleteObject",
    "dynamodb:GetItem",
    "dynamodb:BatchGetItem",
    "dynamodb:Query",
    "dynamodb:Scan",
    "dynamodb:PutItem",
    "dynamodb:UpdateItem",
    "dynamodb:DeleteItem",
    "dynamodb:BatchWriteItem",
    "rds-db:connect",
    "rds-data:ExecuteStatement",
    "secretsmanager:GetSecretValue",
    "ssm:GetParameter",
    "ssm:GetParameters",
    "sqs:ReceiveMessage",
    "sqs:SendMessage",
    "kinesis:GetRecords",
    "kinesis:PutRecord",
    "elasticfilesystem:ClientMount",
    "elasticfilesystem:ClientWrite",
    "es:ESHttpGet",
    "es:ESHttpPut",
)
DECRYPT_ACTIONS = ("kms:Decrypt", "kms:ReEncryptFrom")


def data_actions_on_all_resources(
    statement: Statement, actions: Iterable[str] = DATA_ACTIONS
) -> list[str]:
    """Data actions an Allow statement grants on every resource (``Resource: "*"``)."""
    if not allows(statement) or not all_resources(statement):
        return []
    return [a for a in actions if covers_action(statement, a)]


# --- documents of a principal ----------------------------------------------------------------


def _admin_document() -> Document:
    return Document.model_validate(
        {"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}
    )


def _power_user_document() -> Document:
    return Document.model_validate(
        {
            "Statement": [
                {
                    "Effect": "Allow",
                    "NotAction": ["iam:*", "organizations:*", "account:*"],
                    "Resource": "*",
                }
            ]
        }
    )


def _iam_full_document() -> Document:
    return Document.model_validate(
        {
            "Statement": [
                {"Effect": "Allow", "Action": ["iam:*", "organizations:*"], "Resource": "*"}
            ]
        }
    )


# The AWS managed policies whose grants matter most, by name (the ARN's last segment).
KNOWN_AWS_POLICIES = {
    "AdministratorAccess": _admin_document,
    "PowerUserAccess": _power_user_document,
    "IAMFullAccess": _iam_full_document,
}


def aws_policy_name(arn: str) -> str:
    return arn.rsplit("/", 1)[-1]


def own_documents(resource: Resource) -> list[SourcedDocument]:
    """Documents the resource itself defines and its owner can edit (not AWS managed ones)."""
    if isinstance(resource, IamPolicy):
        return [] if resource.aws_managed else [SourcedDocument("the policy", resource.document)]
    if isinstance(resource, IamRole | IamUser | IamGroup):
        return [
            SourcedDocument(f"inline policy {name!r}", doc)
            for name, doc in resource.inline_policies.items()
            if doc is not None
        ]
    return []


def unread_documents(resource: Resource) -> list[str]:
    """Inline policies the resource has whose documents were not read: nothing can pass."""
    if isinstance(resource, IamRole | IamUser | IamGroup):
        return [f"inline policy {n!r}" for n, d in resource.inline_policies.items() if d is None]
    return []


def _attached_documents(
    resource: IamRole | IamUser | IamGroup, ctx: Context, prefix: str = ""
) -> list[SourcedDocument]:
    """Inline, attached customer managed and known AWS managed policies of one principal."""
    docs = [SourcedDocument(f"{prefix}{d.source}", d.document) for d in own_documents(resource)]
    for pid in resource.managed_policies:
        policy = ctx.resource(pid)
        if isinstance(policy, IamPolicy):
            docs.append(SourcedDocument(f"{prefix}policy {pid!r}", policy.document))
    for arn in resource.managed_policy_arns:
        build = KNOWN_AWS_POLICIES.get(aws_policy_name(arn))
        if build is not None:
            docs.append(
                SourcedDocument(f"{prefix}AWS managed policy {aws_policy_name(arn)}", build())
            )
    return docs


@per_context
def _groups_by_name(ctx: Context) -> dict[tuple[str | None, str], str]:
    """Group id by (account, name): a user names its groups by name (or by model id), and a
    group name means the group of the user's own account."""
    found: dict[tuple[str | None, str], str] = {}
    for gid, group in ctx.of_kind("iam_group"):
        if group.name:
            found.setdefault((group.account or ctx.arch.account, group.name), gid)
    return found


def user_groups(user: IamUser, ctx: Context) -> list[str]:
    """Ids of the model's groups the user is in."""
    by_name = _groups_by_name(ctx)
    account = user.account or ctx.arch.account
    found = []
    for entry in user.groups:
        if isinstance(ctx.resource(entry), IamGroup):
            found.append(entry)
        elif (account, entry) in by_name:
            found.append(by_name[(account, entry)])
    return list(dict.fromkeys(found))


def effective_documents(resource: IamRole | IamUser, ctx: Context) -> list[SourcedDocument]:
    """Every identity policy of a role or user: inline, attached, known AWS managed ARNs, and
    for a user those of the groups it is in."""
    docs = _attached_documents(resource, ctx)
    if isinstance(resource, IamUser):
        for gid in user_groups(resource, ctx):
            group = ctx.resource(gid)
            if isinstance(group, IamGroup):
                docs += _attached_documents(group, ctx, f"group {gid!r}: ")
    return docs


def statements(docs: Iterable[SourcedDocument]) -> Iterator[tuple[str, Statement]]:
    for doc in docs:
        for statement in doc.document.statement:
            yield doc.source, statement


class Permissions:
    """The union of a principal's identity policies (Deny on every resource subtracts)."""

    def __init__(self, docs: Iterable[SourcedDocument]) -> None:
        found = [s for _src, s in statements(docs)]
        self.allow = [s for s in found if s.effect == "Allow"]
        unconditional = [s for s in found if s.effect == "Deny" and s.condition is None]
        self.deny = [s for s in unconditional if all_resources(s)]
        # A Deny naming resources subtracts on those resources, as one on "*" does everywhere.
        self.deny_named = [s for s in unconditional if not all_resources(s)]
        # Services the Allow statements can touch (None: any, through "*" or NotAction); the
        # service prefix of an action never holds a wildcard, so this is an exact pre-filter.
        self.services: set[str] | None = set()
        for statement in self.allow:
            if statement.action is None or any(a in ("*", "*:*") for a in statement.action):
                self.services = None
                break
            self.services.update(a.split(":", 1)[0].lower() for a in statement.action)

    def _touches(self, action: str) -> bool:
        return self.services is None or action.split(":", 1)[0].lower() in self.services

    def can(self, action: str, *, on_all: bool = False) -> bool:
        """Allowed on some resource (on every resource with ``on_all``), and not denied."""
        if not self._touches(action):
            return False
        if any(covers_action(s, action) for s in self.deny):
            return False
        return any(
            covers_action(s, action) and (not on_all or all_resources(s)) for s in self.allow
        )

    def can_on(self, action: str, arns: list[str]) -> bool | None:
        """Allowed on the resource named by ``arns``; None when no ARN is known to match."""
        if not self._touches(action):
            return False
        if any(covers_action(s, action) for s in self.deny):
            return False
        if arns and any(
            covers_action(s, action) and covers_resource(s, arns) for s in self.deny_named
        ):
            return False
        granting = [s for s in self.allow if covers_action(s, action)]
        if any(all_resources(s) for s in granting):
            return True
        if not granting:
            return False
        if not arns:
            return None
        return any(covers_resource(s, arns) for s in granting)


# The Rhino Security Labs privilege-escalation methods; "*" marks an action needed on all.
ESCALATIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("create a new default policy version", ("iam:CreatePolicyVersion",)),
    ("switch a policy's default version", ("iam:SetDefaultPolicyVersion",)),
    ("launch EC2 with a passed role", ("iam:PassRole", "ec2:RunInstances")),
    ("create access keys for other users", ("iam:CreateAccessKey",)),
    ("create a console login for other users", ("iam:CreateLoginProfile",)),
    ("change other users' console passwords", ("iam:UpdateLoginProfile",)),
    ("attach policies to users", ("iam:AttachUserPolicy",)),
    ("attach policies to groups", ("iam:AttachGroupPolicy",)),
    ("attach policies to roles", ("iam:AttachRolePolicy",)),
    ("write inline user policies", ("iam:PutUserPolicy",)),
    ("write inline group policies", ("iam:PutGroupPolicy",)),
    ("write inline role policies", ("iam:PutRolePolicy",)),
    ("add users to groups", ("iam:AddUserToGroup",)),
    (
        "rewrite a trust policy and assume the role",
        ("iam:UpdateAssumeRolePolicy", "sts:AssumeRole"),
    ),
    (
        "create and invoke a Lambda function with a passed role",
        ("iam:PassRole", "lambda:CreateFunction", "lambda:InvokeFunction"),
    ),
    (
        "create a Lambda function with a passed role and an event source",
        ("iam:PassRole", "lambda:CreateFunction", "lambda:CreateEventSourceMapping"),
    ),
    ("replace the code of an existing Lambda function", ("lambda:UpdateFunctionCode",)),
    ("create a Glue dev endpoint with a passed role", ("iam:PassRole", "glue:CreateDevEndpoint")),
    ("take over an existing Glue dev endpoint", ("glue:UpdateDevEndpoint",)),
    (
        "create a CloudFormation stack with a passed role",
        ("iam:PassRole", "cloudformation:CreateStack"),
    ),
    (
        "create a Data Pipeline with a passed role",
        ("iam:PassRole", "datapipeline:CreatePipeline", "datapipeline:PutPipelineDefinition"),
    ),
)


def escalation_methods(perms: Permissions) -> list[str]:
    """Names of the escalation methods the permissions make possible."""
    found = [name for name, actions in ESCALATIONS if all(perms.can(a) for a in actions)]
    if perms.can("sts:AssumeRole", on_all=True):
        found.append("assume any role (sts:AssumeRole on *)")
    return found


# --- trust policies --------------------------------------------------------------------------

_EXTERNAL_ID = ("sts:externalid",)
_ACCOUNT_IN = re.compile(r"^(?:arn:aws[a-z-]*:iam::)?(\d{12})(?::|$)")


def principal_account(principal: str) -> str | None:
    """The account of an AWS principal: a bare id, a root ARN or a role/user ARN."""
    found = _ACCOUNT_IN.match(principal)
    return found.group(1) if found else None


def aws_principals(statement: Statement) -> list[str]:
    if statement.principal is None:
        return []
    if isinstance(statement.principal, str):
        return [statement.principal]
    return list(statement.principal.get("AWS", ()))


@dataclass(frozen=True)
class TrustProblem:
    principal: str
    message: str


def trust_problems(role: IamRole, own_account: str | None) -> tuple[list[TrustProblem], bool]:
    """Trust statements open to everyone, or to other accounts without sts:ExternalId.

    The boolean says whether something could not be decided (the role's account unknown).
    """
    problems: list[TrustProblem] = []
    undecided = False
    for statement in role.trust_policy.statement if role.trust_policy else ():
        if not allows(statement):
            continue
        for principal in aws_principals(statement):
            if principal == "*":
                if not narrowed(statement, ORG_KEYS):
                    problems.append(TrustProblem("*", "trusts every AWS principal ('*')"))
                continue
            account = principal_account(principal)
            if account is None:
                continue
            if own_account is None:
                undecided = True
            elif account != own_account and not narrowed(statement, _EXTERNAL_ID):
                problems.append(
                    TrustProblem(
                        principal, f"trusts account {account} without an sts:ExternalId condition"
                    )
                )
    return problems, undecided


# --- role assumption paths -------------------------------------------------------------------


def principal_arns(rid: str, resource: Resource) -> list[str]:
    """The ARN of a role or user: stated, else built from account, path and name."""
    if resource.arn:
        return [resource.arn]
    if resource.account is None:
        return []
    name = resource.name or rid
    if isinstance(resource, IamRole):
        return [f"arn:aws:iam::{resource.account}:role{resource.path}{name}"]
    if isinstance(resource, IamUser):
        return [f"arn:aws:iam::{resource.account}:user/{name}"]
    return []


def resource_arns(resource: Resource) -> list[str]:
    """Names a policy's Resource may use for this resource (object ARNs for buckets)."""
    arns = [resource.arn] if resource.arn else []
    if isinstance(resource, S3Bucket):
        bucket = resource.arn or (
            f"arn:aws:s3:::{resource.bucket_name}" if resource.bucket_name else None
        )
        if bucket:
            arns = [bucket, f"{bucket}/object"]
    return arns


SENSITIVE_ACTIONS: dict[str, tuple[str, ...]] = {
    "s3_bucket": ("s3:GetObject", "s3:PutObject", "s3:DeleteObject"),
    "dynamodb_table": ("dynamodb:GetItem", "dynamodb:Query", "dynamodb:Scan", "dynamodb:PutItem"),
    "rds_instance": ("rds-db:connect", "rds-data:ExecuteStatement"),
    "rds_cluster": ("rds-db:connect", "rds-data:ExecuteStatement"),
    "secrets_manager_secret": ("secretsmanager:GetSecretValue",),
    "kms_key": ("kms:Decrypt",),
    "efs_file_system": ("elasticfilesystem:ClientMount",),
    "opensearch_domain": ("es:ESHttpGet",),
}

EXTERNAL = "external:*"
State = tuple[str, bool]  # (principal node, reached through at least one trust hop)


@dataclass(frozen=True)
class AssumeGraph:
    """Who can become which role: execution roles, trust policies, and outside principals."""

    direct: dict[str, list[str]]  # resource -> its own roles (assumes_role)
    trust: dict[str, list[str]]  # principal (or account/external node) -> roles it may assume
    starts: list[str]
    # Roles trusting an account principal while their own account is unknown (a template does
    # not know the account it is deployed to): who may assume them cannot be decided.
    undecided: dict[str, str] = field(default_factory=dict)


def _own_account(resource: Resource, ctx: Context) -> str | None:
    return resource.account or ctx.arch.account


@per_context
def assume_graph(ctx: Context) -> AssumeGraph:
    direct: dict[str, list[str]] = {}
    for u, v, _data in edges_by_relation(ctx).get("assumes_role", ()):
        if ctx.graph.nodes[u].get("kind") != "backup_selection":
            direct.setdefault(u, []).append(v)
    by_arn: dict[str, str] = {}
    for rid, resource in ctx.of_kind("iam_role", "iam_user"):
        for arn in principal_arns(rid, resource):
            by_arn[arn.lower()] = rid
    trust: dict[str, list[str]] = {}
    undecided: dict[str, str] = {}
    roles = ctx.of_kind("iam_role")
    for rid, role in roles:
        assert isinstance(role, IamRole)
        own = _own_account(role, ctx)
        for statement in role.trust_policy.statement if role.trust_policy else ():
            if not allows(statement):
                continue
            for principal in aws_principals(statement):
                account = principal_account(principal)
                foreign = principal == "*" or (
                    account is not None and own is not None and account != own
                )
                if foreign:
                    if is_unpinned(principal, statement):
                        trust.setdefault(EXTERNAL, []).append(rid)
                elif principal.lower() in by_arn:
                    trust.setdefault(by_arn[principal.lower()], []).append(rid)
                elif account is not None and own is None:
                    undecided.setdefault(rid, principal)
                elif account is not None and (principal == account or principal.endswith(":root")):
                    trust.setdefault(f"account:{account}", []).append(rid)
    # Principals allowed sts:AssumeRole on every role reach the roles that trust their account.
    for rid, who in ctx.of_kind("iam_role", "iam_user"):
        assert isinstance(who, IamRole | IamUser)
        perms = Permissions(effective_documents(who, ctx))
        account = _own_account(who, ctx)
        if account is not None and perms.can("sts:AssumeRole", on_all=True):
            trust.setdefault(rid, []).append(f"account:{account}")
    starts = [*direct, *(rid for rid, _ in ctx.of_kind("iam_user"))]
    if EXTERNAL in trust:
        starts.append(EXTERNAL)
    return AssumeGraph(direct, trust, starts, undecided)


def is_unpinned(principal: str, statement: Statement) -> bool:
    """An outside principal counts unless the statement pins it (ExternalId, org, account)."""
    if principal == "*":
        return not narrowed(statement, ORG_KEYS)
    return not narrowed(statement, _EXTERNAL_ID)


@per_context
def chained_reach(ctx: Context) -> dict[State, State | None]:
    """BFS over (principal, chained) states from every starting principal."""
    graph = assume_graph(ctx)
    parent: dict[State, State | None] = {}
    queue: deque[State] = deque()
    for start in graph.starts:
        state = (start, start == EXTERNAL)
        if state not in parent:
            parent[state] = None
            queue.append(state)
    while queue:
        node, chained = queue.popleft()
        # An execution role keeps the state; every trust hop makes the path a chain.
        steps = [(r, chained) for r in graph.direct.get(node, ())]
        steps += [(r, True) for r in graph.trust.get(node, ())]
        for nxt in steps:
            if nxt not in parent:
                parent[nxt] = (node, chained)
                queue.append(nxt)
    return parent


def state_path(parent: dict[State, State | None], state: State) -> tuple[str, ...]:
    chain: list[str] = []
    cursor: State | None = state
    while cursor is not None:
        chain.append(cursor[0])
        cursor = parent[cursor]
    chain.reverse()
    return tuple(chain)
