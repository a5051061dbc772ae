"""What every service-group collector is: a name, the kinds it reads, and a collect function."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from archcode.collectors.aws.draft import Ctx
from archcode.model.registry import BY_KIND, ApiCall


@dataclass(frozen=True)
class ServiceGroup:
    name: str
    kinds: tuple[str, ...]
    collect: Callable[[Ctx], None]
    global_service: bool = False
    home_region: str | None = None  # the region a global service's API lives in, if fixed


def api(kind: str, index: int = 0) -> ApiCall:
    """The registry's listing call for a kind: collectors never name a kind's API themselves."""
    return BY_KIND[kind].api[index]


def listing(ctx: Ctx, kind: str, key: str, index: int = 0, **params: Any) -> list[Any] | None:
    """Every item of a kind's registered listing call (paginated); None when it failed."""
    call = api(kind, index)
    return ctx.reader.items(call.operation, key, kinds=(kind,), service=call.service, **params)


def _lower_prefix(action: Any) -> Any:
    # IAM service prefixes are case-insensitive and AWS's own defaults write "SNS:Publish".
    if isinstance(action, str) and ":" in action:
        prefix, _, name = action.partition(":")
        return f"{prefix.lower()}:{name}"
    return action


def _normalise(doc: dict[str, Any]) -> dict[str, Any]:
    statements = doc.get("Statement")
    items = [statements] if isinstance(statements, dict) else statements
    if not isinstance(items, list):
        return doc
    fixed = []
    for st in items:
        if isinstance(st, dict):
            st = dict(st)
            for key in ("Action", "NotAction"):
                value = st.get(key)
                if isinstance(value, list):
                    st[key] = [_lower_prefix(a) for a in value]
                elif value is not None:
                    st[key] = _lower_prefix(value)
        fixed.append(st)
    return {**doc, "Statement": fixed}


def policy_json(value: Any) -> Any:
    """A policy document as data, whether AWS sent it as a JSON string or already parsed."""
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except json.JSONDecodeError:
            return None
    return _normalise(value) if isinstance(value, dict) else None


def denies_insecure_transport(policy: Any) -> bool:
    """The policy denies requests made without TLS (aws:SecureTransport = false)."""
    doc = policy_json(policy) or {}
    statements = doc.get("Statement") or []
    if isinstance(statements, dict):
        statements = [statements]
    for st in statements:
        if st.get("Effect") != "Deny":
            continue
        for values in (st.get("Condition") or {}).values():
            flag = (values or {}).get("aws:SecureTransport")
            if str(flag).lower() in ("false", "['false']"):
                return True
    return False


def public_principal(policy: Any) -> bool:
    """Some Allow statement grants to everyone (`*`) without any condition."""
    doc = policy_json(policy) or {}
    statements = doc.get("Statement") or []
    if isinstance(statements, dict):
        statements = [statements]
    for st in statements:
        principal = st.get("Principal")
        everyone = principal == "*" or (
            isinstance(principal, dict) and principal.get("AWS") in ("*", ["*"])
        )
        if st.get("Effect") == "Allow" and everyone and not st.get("Condition"):
            return True
    return False
