"""What changed between two architectures: resources and connections, field by field."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from archcode.model.architecture import Architecture, Connection

ConnectionKey = tuple[str, str, str | None, int | None]


@dataclass(frozen=True)
class FieldChange:
    field: str  # dotted path: "usage.monthly_requests", "ingress[0].cidr"
    before: Any
    after: Any


@dataclass(frozen=True)
class ResourceChange:
    id: str
    kind: str
    changes: list[FieldChange]


@dataclass(frozen=True)
class ModelDiff:
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: list[ResourceChange] = field(default_factory=list)
    connections_added: list[ConnectionKey] = field(default_factory=list)
    connections_removed: list[ConnectionKey] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (
            self.added
            or self.removed
            or self.changed
            or self.connections_added
            or self.connections_removed
        )


def connection_key(conn: Connection) -> ConnectionKey:
    return (conn.source, conn.target, conn.protocol, conn.port)


def _flatten(value: Any, prefix: str, out: dict[str, Any]) -> None:
    if isinstance(value, dict):
        for key in value:
            _flatten(value[key], f"{prefix}.{key}" if prefix else str(key), out)
    elif isinstance(value, list) and value and any(isinstance(v, dict | list) for v in value):
        for index, item in enumerate(value):
            _flatten(item, f"{prefix}[{index}]", out)
    else:
        out[prefix] = value


def _fields(arch: Architecture, rid: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    _flatten(arch.resources[rid].model_dump(mode="json", exclude_none=True), "", out)
    return out


def diff_models(base: Architecture, head: Architecture) -> ModelDiff:
    """Resources are matched by id; a kind change counts as removed + added."""
    base_ids, head_ids = set(base.resources), set(head.resources)
    common = sorted(base_ids & head_ids)
    replaced = {rid for rid in common if base.resources[rid].kind != head.resources[rid].kind}
    changed = []
    for rid in common:
        if rid in replaced:
            continue
        before, after = _fields(base, rid), _fields(head, rid)
        changes = [
            FieldChange(name, before.get(name), after.get(name))
            for name in sorted(before.keys() | after.keys())
            if before.get(name) != after.get(name)
        ]
        if changes:
            changed.append(ResourceChange(rid, head.resources[rid].kind, changes))
    base_conns = {connection_key(c) for c in base.connections}
    head_conns = {connection_key(c) for c in head.connections}

    def order(keys: set[ConnectionKey]) -> list[ConnectionKey]:
        return sorted(keys, key=lambda k: (k[0], k[1], k[2] or "", k[3] or 0))

    return ModelDiff(
        added=sorted((head_ids - base_ids) | replaced),
        removed=sorted((base_ids - head_ids) | replaced),
        changed=changed,
        connections_added=order(head_conns - base_conns),
        connections_removed=order(base_conns - head_conns),
    )
