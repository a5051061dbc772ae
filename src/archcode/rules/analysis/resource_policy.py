"""Judgements over resource policies, made once over the model for every source.

Sources store the document AWS (or the template, or the plan) holds; whether a bucket requires
TLS and whether a statement is open to everyone is decided here, the same way for a template,
a plan, a discovered account and a hand-written model.

Which conditions narrow a "*" principal is decided in conditions.py, shared with the trust
policy analysis.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from archcode.model.iam import Statement, _Document
from archcode.model.routing import subnet_public
from archcode.rules.analysis import iam
from archcode.rules.analysis.conditions import ORG_KEYS, conditions, narrowed

if TYPE_CHECKING:
    from archcode.model.kinds.lambda_function import LambdaFunction
    from archcode.model.kinds.s3_bucket import S3Bucket
    from archcode.model.kinds.subnet import Subnet
else:
    from archcode.model.kinds.lazy import LambdaFunction, S3Bucket, Subnet

# Conditions that pin a "*" principal to an organisation, account, source or network.
RESTRICTING_KEYS = ORG_KEYS | frozenset(
    k.lower()
    for k in (
        "aws:SourceOwner",  # the older name of aws:SourceAccount (SNS, S3 notifications)
        "aws:SourceOrgPaths",
        "aws:SourceVpc",
        "aws:SourceVpce",
        "aws:SourceIp",
        "kms:CallerAccount",
        "kms:ViaService",
    )
)


def restricted(statement: Statement) -> bool:
    """Some condition pins the statement to an organisation, account, source or network."""
    return narrowed(statement, RESTRICTING_KEYS)


def public_statement(statement: Statement) -> bool:
    """An Allow to every AWS principal that no condition narrows down."""
    if statement.effect != "Allow" or "*" not in iam.aws_principals(statement):
        return False
    return not restricted(statement)


def public_statements(document: _Document) -> list[str]:
    """The Sid (or position) of every public statement of the document."""
    return [
        s.sid or f"statement {i + 1}"
        for i, s in enumerate(document.statement)
        if public_statement(s)
    ]


# --- "the bucket policy requires TLS" --------------------------------------------------------


def _false(value: Any) -> bool:
    # JSON writes false or "false"; YAML may give a bool; AWS reads the value case-insensitively.
    return value is False or (isinstance(value, str) and value.strip().lower() == "false")


def _denies_plain_http(statement: Statement) -> bool:
    # The deny's only condition: a second one would narrow it to the requests matching both.
    found = list(conditions(statement))
    if len(found) != 1:
        return False
    op, key, values = found[0]
    return op.base == "bool" and key == "aws:securetransport" and any(map(_false, values))


def _every_object(statement: Statement) -> bool:
    """The statement's Resource takes in every object of the bucket (``bucket/*``, ``*``), not
    a prefix of it; the bucket itself is the policy's, whatever its name resolves to."""
    if statement.resource is None or statement.not_resource is not None:
        return True
    for pattern in statement.resource:
        if pattern == "*" or pattern.endswith(":::*"):
            return True
        if pattern.endswith("/*") and "/" not in pattern[:-2].rpartition(":")[2]:
            return True
    return False


def denies_insecure_transport(document: _Document) -> bool:
    """A Deny to everyone, of reads and writes on every object, when aws:SecureTransport is
    false.

    ``Bool`` or ``BoolIfExists`` (the key is always present on S3 requests), the value as a
    string, a bool or a list, the key and operator in any case.
    """
    for statement in document.statement:
        if statement.effect != "Deny" or statement.not_principal is not None:
            continue
        if statement.principal is not None and "*" not in iam.aws_principals(statement):
            continue
        if not all(iam.covers_action(statement, a) for a in ("s3:GetObject", "s3:PutObject")):
            continue
        if _every_object(statement) and _denies_plain_http(statement):
            return True
    return False


def requires_tls(bucket: S3Bucket) -> bool | None:
    """Whether every request to the bucket must use TLS.

    The bucket policy decides when the model holds it. Without one, ``tls_only`` as written:
    a YAML author's statement, or a source's record that the bucket has no policy at all
    (False); None is unknown.
    """
    if bucket.policy is not None:
        return denies_insecure_transport(bucket.policy)
    return bucket.tls_only


# --- "the Lambda function is public" ---------------------------------------------------------


def function_is_public(fn: LambdaFunction) -> bool | None:
    """Whether the function's resource policy lets anyone invoke it.

    The policy decides when the model holds it; without one, ``public_policy`` as written (a
    source records False when the function has no policy at all); None is unknown.
    """
    if fn.policy is not None:
        return bool(public_statements(fn.policy))
    return fn.public_policy


def _judged_tls(resource: Any) -> bool | None:
    return requires_tls(resource) if isinstance(resource, S3Bucket) else None


def _judged_public(resource: Any) -> bool | None:
    return function_is_public(resource) if isinstance(resource, LambdaFunction) else None


def _judged_subnet(resource: Any) -> bool | None:
    return subnet_public(resource) if isinstance(resource, Subnet) else None


# Fields whose value, for every reader (built-in and custom rules), is the judgement over the
# resource's policy when it has one: kind -> field -> judgement.
JUDGED_FIELDS: dict[str, dict[str, Callable[[Any], bool | None]]] = {
    "s3_bucket": {"tls_only": _judged_tls},
    "lambda_function": {"public_policy": _judged_public},
    "subnet": {"public": _judged_subnet},
}
