"""What a diagram shows, independent of how it is drawn: nodes, nested groups, edges, overlays.

Both renderers (graphviz through `diagrams`, and Mermaid) draw a `Scene`; the views in
`archcode.renderers.views` build scenes from an architecture. Keeping this layer free of any
drawing library is what lets the two outputs agree on nesting, labels and decorations.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from typing import Literal

GroupRole = Literal[
    "root",
    "account",
    "region",
    "global",
    "vpc",
    "az",
    "public_subnet",
    "private_subnet",
    "subnet",
    "layer",
    "actors",
    "support",
]
EdgeKind = Literal["flow", "relation"]
Status = Literal["added", "removed", "changed"]
# One colour per diff status, for both renderers (green added, red removed, amber changed).
STATUS_COLOURS: dict[Status, str] = {"added": "#2e7d32", "removed": "#c62828", "changed": "#f9a825"}
SEVERITIES = ("critical", "high", "medium", "low", "info")


@dataclass(frozen=True)
class Decoration:
    """What an overlay adds to one node: its worst finding, its monthly cost, its diff status.

    The rules engine, pricing and `--diff` each produce a ``dict[node id, Decoration]``; the
    renderers only draw what is set, so a missing source never shows up as a zero.
    """

    severity: str | None = None  # worst failed finding: critical, high, medium, low, info
    findings: int = 0
    monthly_cost: float | None = None  # USD per month
    cost_missing: bool = False  # priced, but a price is missing: shown, never as zero
    status: Status | None = None
    # Worst failed availability finding (a multi-AZ rule): drawn in the zones the node misses.
    zone_severity: str | None = None

    def merged(self, other: Decoration) -> Decoration:
        return Decoration(
            severity=self.severity or other.severity,
            findings=self.findings or other.findings,
            monthly_cost=self.monthly_cost if self.monthly_cost is not None else other.monthly_cost,
            cost_missing=self.cost_missing or other.cost_missing,
            status=self.status or other.status,
            zone_severity=self.zone_severity or other.zone_severity,
        )


Overlay = Mapping[str, Decoration]


@dataclass
class SceneNode:
    id: str  # the model id (resource or actor)
    name: str  # what the reader sees: the resource's name, else its id
    kind: str
    kind_label: str  # "Lambda", "ALB" ... (variant aware)
    category: str  # the registry layer, or "actor"
    shape: str  # Mermaid shape name from the registry
    icon: str | None  # "diagrams.aws.compute.Lambda" style path, None when the kind has none
    icon_fallback: str
    decoration: Decoration = field(default_factory=Decoration)
    # A resource spread over zones is one node per zone: the copies name the model id in `of`.
    of: str | None = None
    note: str | None = None  # a line under the kind: "standby", "not in us-east-1b"
    zone: str | None = None  # the availability zone this node is drawn in, when in one
    supporting: bool = False  # a role, key, log group ...: drawn small, aside
    missing: bool = False  # a placeholder for a zone the resource does not cover

    @property
    def model_id(self) -> str:
        return self.of or self.id


@dataclass
class SceneGroup:
    key: str  # unique and stable: renderers derive cluster/subgraph ids from it
    label: str
    role: GroupRole
    groups: list[SceneGroup] = field(default_factory=list)
    nodes: list[str] = field(default_factory=list)

    def walk(self) -> Iterator[SceneGroup]:
        yield self
        for child in self.groups:
            yield from child.walk()

    def node_ids(self) -> list[str]:
        """Every node in this group and its subgroups, in drawing order."""
        return [n for g in self.walk() for n in g.nodes]

    def child(self, key: str, label: str, role: GroupRole) -> SceneGroup:
        """The subgroup with this key, created (in call order) on first use."""
        for group in self.groups:
            if group.key == key:
                return group
        group = SceneGroup(key, label, role)
        self.groups.append(group)
        return group


@dataclass(frozen=True)
class SceneEdge:
    source: str
    target: str
    label: str | None
    kind: EdgeKind
    status: Status | None = None


@dataclass
class Scene:
    title: str
    view: str
    root: SceneGroup
    nodes: dict[str, SceneNode]
    edges: list[SceneEdge]
    notes: list[str] = field(default_factory=list)  # said to the user on standard error
    caption: str | None = None  # a line under the title: what the picture leaves out

    def prune(self, keep_roles: frozenset[str] = frozenset()) -> None:
        """Drop groups left without nodes (an empty box says nothing), except boxes whose role
        is in ``keep_roles`` (a zone or subnet is part of the network even when empty)."""

        def keep(group: SceneGroup) -> bool:
            group.groups = [g for g in group.groups if keep(g)]
            return bool(group.nodes or group.groups or group.role in keep_roles)

        keep(self.root)

    def apply(self, overlay: Overlay) -> None:
        copies: dict[str, list[SceneNode]] = {}
        for node in self.nodes.values():
            copies.setdefault(node.model_id, []).append(node)
        for node_id, decoration in overlay.items():
            for node in copies.get(node_id, ()):
                own = decoration
                if node.of is not None:  # a resource's cost is said once, on its first node
                    own = replace(decoration, monthly_cost=None, cost_missing=False)
                node.decoration = own.merged(node.decoration)

    def group_cost(self, group: SceneGroup) -> str | None:
        """The subtotal line of a group ("subtotal $12.00/mo", "+ unpriced" when a price is
        missing under it), None when nothing under it was priced."""
        # A resource drawn in several zones is counted once, where its first node is.
        decorations = [
            self.nodes[n].decoration for n in group.node_ids() if self.nodes[n].of is None
        ]
        known = [d.monthly_cost for d in decorations if d.monthly_cost is not None]
        missing = any(d.cost_missing for d in decorations)
        if not known and not missing:
            return None
        text = f"subtotal {money(sum(known))}" if known else "subtotal unknown"
        return text + (" + unpriced" if missing and known else "")


def money(value: float) -> str:
    return f"${value:,.2f}/mo"


def cost_line(decoration: Decoration) -> str | None:
    """What a node says about its cost: an amount, "price missing", or nothing (not priced)."""
    if decoration.monthly_cost is not None:
        return money(decoration.monthly_cost)
    return "price missing" if decoration.cost_missing else None
