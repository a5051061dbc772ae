"""A Lambda permission (AWS::Lambda::Permission, aws_lambda_permission) written as the
resource-policy statement Lambda itself adds for it, the shape GetPolicy returns live.

Every source then stores the same document and the one judgement over the model
(rules/analysis/resource_policy.py) reads it; nothing here decides whether it is public.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from archcode.collectors.iac_draft import to_str

# A value the source sets but cannot tell (an unresolved intrinsic, known after apply): the
# condition exists, its value is unknown.
UNRESOLVED = "(unresolved)"

# (argument, condition operator, condition key) as Lambda writes them into the function policy.
CONDITIONS = (
    ("source_account", "StringEquals", "AWS:SourceAccount"),
    ("source_arn", "ArnLike", "AWS:SourceArn"),
    ("principal_org_id", "StringEquals", "aws:PrincipalOrgID"),
    ("function_url_auth_type", "StringEquals", "lambda:FunctionUrlAuthType"),
    ("event_source_token", "StringEquals", "lambda:EventSourceToken"),
    ("invoked_via_function_url", "Bool", "lambda:InvokedViaFunctionUrl"),
)


def text(value: Any) -> str | None:
    """An argument's value as the policy writes it (a bool as "true"); None when unknown."""
    return str(value).lower() if isinstance(value, bool) else to_str(value)


def _principal(text: str) -> Any:
    if text == "*":
        return "*"
    if text.endswith((".amazonaws.com", ".amazon.com")):
        return {"Service": text}
    return {"AWS": text}  # an account id or an IAM ARN


def statement(sid: str, args: Mapping[str, str | None]) -> dict[str, Any] | None:
    """The statement for one permission; None when its principal or action is not known.

    ``args`` holds the arguments the source sets, by the names above plus ``principal`` and
    ``action``; a value of None is set but unknown.
    """
    principal, action = args.get("principal"), args.get("action")
    if not principal or not action:
        return None
    condition: dict[str, dict[str, str]] = {}
    for name, operator, key in CONDITIONS:
        if name in args:
            condition.setdefault(operator, {})[key] = args[name] or UNRESOLVED
    found: dict[str, Any] = {
        "Sid": sid,
        "Effect": "Allow",
        "Principal": _principal(principal),
        "Action": action,
    }
    if condition:
        found["Condition"] = condition
    return found


def policy_fields(statements: Iterable[dict[str, Any] | None]) -> dict[str, Any]:
    """The model fields for a function's permissions: the policy document when every one was
    read, no policy at all (``public_policy`` False) when there are none, unknown otherwise."""
    found = list(statements)
    if not found:
        return {"public_policy": False, "policy": None}
    if any(s is None for s in found):
        return {"public_policy": None, "policy": None}
    return {"public_policy": None, "policy": {"Version": "2012-10-17", "Statement": found}}
