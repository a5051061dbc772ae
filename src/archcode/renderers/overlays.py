"""Where overlays come from: a check's report (findings), pricing (cost), two models (diff).

Each source returns ``dict[node id, Decoration]``; the renderers draw whatever is set. A source
that does not exist yet raises a UsageError rather than producing empty decorations, so that a
diagram never shows "no findings" or "$0.00" for something that was not computed.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from archcode.errors import UsageError
from archcode.model.architecture import Architecture
from archcode.renderers.scene import Decoration, Overlay, Status
from archcode.reports.model_diff import connection_key
from archcode.reports.model_diff import diff_models as model_diff

if TYPE_CHECKING:
    from archcode.rules.findings import CheckReport


def findings_overlay(check: CheckReport) -> Overlay:
    """Each resource's failed checks, as ``check`` reported them: how many, and the worst
    severity. The diagram shows the verdicts the check reached, not a second evaluation: a
    waived finding does not colour its node, a custom rule's finding does."""
    worst: dict[str, tuple[int, str]] = {}
    zones: dict[str, tuple[int, str]] = {}
    counts: dict[str, int] = {}
    for finding in check.findings:
        if finding.status != "FAIL" or finding.resource is None:  # not waived, not UNKNOWN
            continue
        severity = finding.severity
        counts[finding.resource] = counts.get(finding.resource, 0) + 1
        if finding.resource not in worst or severity.rank > worst[finding.resource][0]:
            worst[finding.resource] = (severity.rank, severity.value)
        known = zones.get(finding.resource)
        if _about_zones(finding.rule.id, finding.rule.category.value) and (
            known is None or severity.rank > known[0]
        ):
            zones[finding.resource] = (severity.rank, severity.value)
    return {
        rid: Decoration(
            severity=sev, findings=counts[rid], zone_severity=zones.get(rid, (0, None))[1]
        )
        for rid, (_, sev) in worst.items()
    }


def _about_zones(rule_id: str, category: str) -> bool:
    """An availability rule about zones (``...-multi-az``, ``...-single-az-...``,
    ``...-per-az``): its failure is drawn in the zones the resource misses."""
    return category == "availability" and "az" in rule_id.split("-")


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


def diff_models(
    base: Architecture, head: Architecture
) -> tuple[Architecture, Overlay, dict[tuple[str, str], Status]]:
    """One model holding both sides (removed resources and flows kept), each node's diff status
    and each flow's, by (source, target), all read from the report's model diff.

    A resource whose kind changed keeps its id, so it is drawn once, as "changed".
    """
    changes = model_diff(base, head)
    replaced = set(changes.added) & set(changes.removed)
    status: dict[str, Status] = {c.id: "changed" for c in changes.changed}
    status.update(dict.fromkeys(changes.added, "added"))
    status.update(dict.fromkeys(replaced, "changed"))
    removed = {rid: base.resources[rid] for rid in changes.removed if rid not in replaced}
    status.update(dict.fromkeys(removed, "removed"))
    status.update({aid: "added" for aid in head.actors if aid not in base.actors})
    removed_actors = {aid: a for aid, a in base.actors.items() if aid not in head.actors}
    status.update(dict.fromkeys(removed_actors, "removed"))
    gone = set(changes.connections_removed)
    merged = Architecture.model_construct(
        name=head.name,
        description=head.description,
        account=head.account,
        region=head.region,
        actors={**head.actors, **removed_actors},
        resources={**head.resources, **removed},
        connections=[
            *head.connections,
            *(c for c in base.connections if connection_key(c) in gone),
        ],
    )
    edges: dict[tuple[str, str], Status] = {k[:2]: "added" for k in changes.connections_added}
    for key in changes.connections_removed:
        edges.setdefault(key[:2], "removed")
    return merged, {nid: Decoration(status=s) for nid, s in status.items()}, edges
