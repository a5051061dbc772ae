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
    service: str | None = None  # the boto3 service, for a group that reads no kind (account)


def api(kind: str, index: int = 0) -> ApiCall:
    """The registry's listing call for a kind: collectors never name a kind's API themselves."""
    return BY_KIND[kind].api[index]


def listing(ctx: Ctx, kind: str, key: str, index: int = 0, **params: Any) -> list[Any] | None:
    """Every item of a kind's registered listing call (paginated); None when it failed."""
    call = api(kind, index)
    return ctx.reader.items(call.operation, key, kinds=(kind,), service=call.service, **params)


def policy_json(value: Any) -> Any:
    """A policy document as data, whether AWS sent it as a JSON string or already parsed.

    Stored as AWS wrote it ("SNS:Publish", "AWS:SourceOwner"): the judgements over the model
    read IAM's case-insensitive parts case-insensitively."""
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except json.JSONDecodeError:
            return None
    return value if isinstance(value, dict) else None
