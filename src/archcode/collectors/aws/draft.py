"""What collectors find, before references between resources are resolved.

Collectors know a referenced resource only by what the API says about it (an ARN, a native id
such as vpc-0abc, a bucket name, a key alias). They wrap such values in a `Handle`; once every
collector has run, `resolve` turns each handle into the id of the resource it names. When that
resource was not discovered (a key in another account, a region not read, a read denied) an ARN
or AWS id stays as it is, a reference outside the model (``model.refs.is_outside``); any other
value is dropped, so the written model never holds a dangling reference.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from archcode.collectors.aws.reader import Reader

_UNSAFE = re.compile(r"[^A-Za-z0-9_.:/@+=-]+")


@dataclass(frozen=True)
class Handle:
    """A value that names a resource: global (an ARN) or local to an account and region."""

    value: str
    account: str | None = None
    region: str | None = None


@dataclass
class Found:
    rid: str
    kind: str
    fields: dict[str, Any]
    handles: list[Handle]


@dataclass
class Link:
    """A data flow seen in the account (an API integration, an event source mapping ...)."""

    source: Handle | str
    target: Handle | str
    protocol: str | None = None
    port: int | None = None
    label: str | None = None


def tags(items: Any) -> dict[str, str]:
    """AWS's [{Key, Value}] (or {k: v}) tag shapes as a plain mapping."""
    if isinstance(items, dict):
        return {str(k): str(v) for k, v in items.items()}
    out: dict[str, str] = {}
    for item in items or []:
        key = item.get("Key", item.get("key"))
        if key is not None:
            out[str(key)] = str(item.get("Value", item.get("value", "")))
    return out


def local_id(text: str) -> str:
    """A native name made safe for an archcode id (names are attacker-controlled)."""
    cleaned = _UNSAFE.sub("-", text).strip("-") or "unnamed"
    return cleaned[:200]


@dataclass
class Ctx:
    """What one (account, region, service) task found, and how it reads AWS."""

    reader: Reader
    regions: frozenset[str] = frozenset()  # the regions read for this account (global tasks)
    found: list[Found] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    aliases: list[tuple[Handle, Handle]] = field(default_factory=list)
    outside: list[tuple[Handle, str]] = field(default_factory=list)
    # Account settings read (model.account.AccountSettings fields; "region" when regional).
    settings: list[dict[str, Any]] = field(default_factory=list)

    @property
    def account(self) -> str:
        return self.reader.account

    @property
    def region(self) -> str:
        return self.reader.region

    def rid(self, local: str, region: str | None = None) -> str:
        return f"{self.account}/{region or self.region}/{local_id(local)}"

    def ref(self, value: Any, region: str | None = None) -> Handle | None:
        """A handle for an ARN (global) or a native id/name (local to account and region)."""
        if not value or not isinstance(value, str):
            return None
        if value.startswith("arn:"):
            return Handle(value)
        return Handle(value, self.account, region or self.region)

    def refs(self, values: Any, region: str | None = None) -> list[Handle]:
        return [h for v in values or [] if (h := self.ref(v, region)) is not None]

    def add(
        self,
        kind: str,
        local: str,
        fields: dict[str, Any],
        *names: Any,
        region: str | None = None,
    ) -> str:
        """Record a resource; `names` are the other values (ARN, id, name) it is known by."""
        region = region or (self.region if self.region != "global" else None)
        rid = self.rid(local, region or "global")
        body = {k: v for k, v in fields.items() if v is not None}
        body["kind"] = kind
        body["account"] = self.account
        if region:
            body["region"] = region
        handles = [self.ref(local, region or "global")]
        handles += [self.ref(n, region or "global") for n in (*names, body.get("arn"))]
        self.found.append(Found(rid, kind, body, [h for h in handles if h is not None]))
        return rid

    def link(
        self,
        source: Handle | str | None,
        target: Handle | str | None,
        protocol: str | None = None,
        port: int | None = None,
        label: str | None = None,
    ) -> None:
        if source is not None and target is not None:
            self.links.append(Link(source, target, protocol, port, label))

    def known_outside(self, name: Handle | None, value: str) -> None:
        """A name of something read but kept outside the model (an AWS managed key): references
        to it become ``value`` (``alias/aws/rds``), which says what it is."""
        if name is not None:
            self.outside.append((name, value))

    def alias(self, alias: Handle | None, of: Handle | None) -> None:
        """Another name for a resource found elsewhere (a key alias, an instance profile)."""
        if alias is not None and of is not None:
            self.aliases.append((alias, of))
