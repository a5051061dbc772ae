"""Where overlays come from: the rules engine (findings), pricing (cost), two models (diff).

Each source returns ``dict[node id, Decoration]``; the renderers draw whatever is set. A source
that does not exist yet raises a UsageError rather than producing empty decorations, so that a
diagram never shows "no findings" or "$0.00" for something that was not computed.
"""

from __future__ import annotations

import importlib
from typing import Any

from archcode.errors import UsageError
from archcode.model.architecture import Architecture
from archcode.renderers.scene import Decoration, Overlay, Status


def findings_overlay(arch: Architecture) -> Overlay:
    """Each resource's failed checks: how many, and the worst severity."""
    try:
        rules = importlib.import_module("archcode.rules")
        evaluate = rules.evaluate
        fail = rules.Outcome.FAIL
    except (ImportError, AttributeError):
        raise UsageError(
            "--with-findings: the rules engine is not available in this build; no findings drawn"
        ) from None
    worst: dict[str, tuple[int, str]] = {}
    counts: dict[str, int] = {}
    for result in evaluate(arch):
        if result.outcome != fail or result.resource is None:
            continue
        severity = result.rule.severity
        counts[result.resource] = counts.get(result.resource, 0) + 1
        if result.resource not in worst or severity.rank > worst[result.resource][0]:
            worst[result.resource] = (severity.rank, severity.value)
    return {rid: Decoration(severity=sev, findings=counts[rid]) for rid, (_, sev) in worst.items()}


def cost_overlay(arch: Architecture) -> Overlay:
    """Each priced component's monthly cost from archcode's pricing (shipped price table and
    default usage); a component with a missing price says so instead of showing zero."""
    try:
        estimate = importlib.import_module("archcode.cost").estimate
    except (ImportError, AttributeError):
        raise UsageError(
            "--with-cost: pricing is not available in this build; no costs are drawn"
        ) from None
    overlay: dict[str, Decoration] = {}
    for rid, component in estimate(arch).components.items():
        total = component.total
        if total is None:
            overlay[rid] = Decoration(cost_missing=True)
        else:
            overlay[rid] = Decoration(monthly_cost=float(total))
    return overlay


def diff_models(base: Architecture, head: Architecture) -> tuple[Architecture, Overlay]:
    """One model holding both sides (removed resources kept), and each node's diff status.

    A resource is "changed" when any of its fields differ; connections are compared by
    (from, to, protocol, port, label).
    """
    status: dict[str, Status] = {}
    for rid, resource in head.resources.items():
        before = base.resources.get(rid)
        if before is None:
            status[rid] = "added"
        elif before.model_dump() != resource.model_dump():
            status[rid] = "changed"
    for aid in head.actors:
        if aid not in base.actors:
            status[aid] = "added"
    removed = {rid: r for rid, r in base.resources.items() if rid not in head.resources}
    removed_actors = {aid: a for aid, a in base.actors.items() if aid not in head.actors}
    status.update(dict.fromkeys(removed, "removed"))
    status.update(dict.fromkeys(removed_actors, "removed"))
    head_keys = {_conn_key(c) for c in head.connections}
    extra = [c for c in base.connections if _conn_key(c) not in head_keys]
    merged = Architecture.model_construct(
        name=head.name,
        description=head.description,
        account=head.account,
        region=head.region,
        actors={**head.actors, **removed_actors},
        resources={**head.resources, **removed},
        connections=[*head.connections, *extra],
    )
    return merged, {nid: Decoration(status=s) for nid, s in status.items()}


def connection_status(base: Architecture, head: Architecture) -> dict[tuple[str, str], Status]:
    """Added and removed data flows, by (source, target)."""
    base_keys = {_conn_key(c) for c in base.connections}
    head_keys = {_conn_key(c) for c in head.connections}
    out: dict[tuple[str, str], Status] = {}
    for key in head_keys - base_keys:
        out[(key[0], key[1])] = "added"
    for key in base_keys - head_keys:
        out.setdefault((key[0], key[1]), "removed")
    return out


def _conn_key(conn: Any) -> tuple[str, str, str | None, int | None, str | None]:
    return (conn.source, conn.target, conn.protocol, conn.port, conn.label)
