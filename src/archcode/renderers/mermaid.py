"""Mermaid flowcharts of a scene, split into views when Mermaid's limits would be crossed.

Mermaid throws past 500 edges ("Edge limit exceeded") and draws an error picture past
50,000 characters (``maxTextSize``) without raising. Neither limit can be changed from inside a
diagram, and GitHub uses the defaults, so a big model becomes several diagrams: one per part of
its nesting (account, region, VPC, zone, subnet, layer), each with the neighbours its part talks
to; a part still too big has its repeated resources collapsed ("12 x Lambda").
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from archcode.renderers import mermaid_text as mt
from archcode.renderers.scene import (
    SEVERITIES,
    STATUS_COLOURS,
    Scene,
    SceneEdge,
    SceneGroup,
    SceneNode,
    cost_line,
)
from archcode.renderers.views import subset

# Kept a little under Mermaid's limits (500 edges, 50,000 characters) for safety.
MAX_EDGES = 480
MAX_CHARS = 48_000

_SHAPES = {
    "rect": ("[", "]"),
    "round": ("(", ")"),
    "stadium": ("([", "])"),
    "cylinder": ("[(", ")]"),
    "hexagon": ("{{", "}}"),
    "subroutine": ("[[", "]]"),
    "circle": ("((", "))"),
}

# One style per registry layer (fill, stroke), then overlays, which come later and so win.
CATEGORY_STYLES = {
    "actor": ("#e1f5ff", "#0277bd"),
    "compute": ("#fff3e0", "#ed7100"),
    "networking": ("#f3e8ff", "#8c4fff"),
    "storage": ("#e8f5e9", "#3f8624"),
    "integration": ("#fce4ec", "#e7157b"),
    "security": ("#ffebee", "#dd344c"),
    "operations": ("#e3f2fd", "#1565c0"),
}
SEVERITY_STYLES = {
    "critical": "fill:#b71c1c,stroke:#7f0000,color:#ffffff,stroke-width:3px",
    "high": "fill:#ef6c00,stroke:#b53d00,color:#ffffff,stroke-width:3px",
    "medium": "fill:#fdd835,stroke:#c6a700,color:#000000,stroke-width:2px",
    "low": "fill:#90caf9,stroke:#1565c0,color:#000000,stroke-width:2px",
    "info": "fill:#eeeeee,stroke:#757575,color:#000000",
}
STATUS_STYLES = {
    "added": f"stroke:{STATUS_COLOURS['added']},stroke-width:3px",
    "removed": f"stroke:{STATUS_COLOURS['removed']},stroke-width:3px,stroke-dasharray:5 5",
    "changed": f"stroke:{STATUS_COLOURS['changed']},stroke-width:3px",
}


# Boxes styled by role as in the Graphviz picture (AWS's group colours): public subnets green,
# private subnets teal, zones dashed blue, the supporting panel dashed grey.
GROUP_STYLES = {
    "account": "fill:#ffffff,stroke:#232f3e,stroke-width:2px",
    "region": "fill:#ffffff,stroke:#00a4a6,stroke-dasharray:5 5",
    "global": "fill:#f7f7f7,stroke:#7d8998,stroke-dasharray:5 5",
    "vpc": "fill:#ffffff,stroke:#8c4fff,stroke-width:2px",
    "az": "fill:#ffffff,stroke:#147eba,stroke-dasharray:5 5",
    "public_subnet": "fill:#f2f6e8,stroke:#7aa116",
    "private_subnet": "fill:#e6f6f7,stroke:#00a4a6",
    "subnet": "fill:#f4f4f4,stroke:#7d8998",
    "layer": "fill:#f8f9fa,stroke:#aeb6be",
    "actors": "fill:#e1f5ff,stroke:#0277bd",
    "support": "fill:#fafafa,stroke:#aeb6be,stroke-dasharray:5 5",
}


@dataclass(frozen=True)
class MermaidView:
    title: str
    text: str
    nodes: int
    edges: int


def name_lines(node: SceneNode) -> list[str]:
    """The name (its newlines kept as line breaks), then the kind unless the name says it."""
    lines = mt.multiline(node.name)
    if node.name.strip().lower() != node.kind_label.lower():
        lines.append(node.kind_label)
    if node.note:
        lines.append(node.note)
    return lines


def node_lines(node: SceneNode) -> list[str]:
    """The lines a node shows: its name (newlines kept), its kind, then any overlay."""
    lines = name_lines(node)
    deco = node.decoration
    if node.missing:
        return [*lines, f"finding: {deco.severity}"]
    if deco.severity is not None:
        lines.append(f"{deco.findings} finding{'s' if deco.findings != 1 else ''}: {deco.severity}")
    cost = cost_line(deco)
    if cost is not None:
        lines.append(cost)
    if deco.status is not None:
        lines.append(deco.status)
    return lines


def render(scene: Scene, direction: str = "LR") -> str:
    """One Mermaid flowchart of the whole scene (no splitting: see `views`)."""
    ids = mt.Ids()
    # The title above the picture, and accTitle/accDescr for screen readers (<title>, <desc>).
    out = [
        "---",
        # The caption (what the picture leaves out) under the name, as in the Graphviz picture.
        mt.title_line(scene.title + (f" \u2014 {scene.caption}" if scene.caption else "")),
        "---",
        f"flowchart {direction}",
        f"  accTitle: {mt.accessible(scene.title)}",
        f"  accDescr: {mt.accessible(describe(scene))}",
    ]

    def node_id(nid: str) -> str:
        return ids("n", nid)

    def draw_group(group: SceneGroup, depth: int) -> None:
        pad = "  " * depth
        for nid in group.nodes:
            node = scene.nodes[nid]
            opening, closing = _SHAPES.get(node.shape, _SHAPES["rect"])
            out.append(f"{pad}{node_id(nid)}{opening}{mt.quoted(node_lines(node))}{closing}")
        for child in group.groups:
            title = [*mt.multiline(child.label)]
            cost = scene.group_cost(child)
            if cost is not None:
                title.append(cost)
            group_id = ids("g", child.key, child.key.rsplit("/", 1)[-1])
            out.append(f"{pad}subgraph {group_id} [{mt.quoted(title)}]")
            draw_group(child, depth + 1)
            out.append(f"{pad}end")
            if child.role in GROUP_STYLES:
                group_styles.append(f"  style {group_id} {GROUP_STYLES[child.role]}")

    group_styles: list[str] = []
    draw_group(scene.root, 1)
    link_styles: list[str] = []
    for index, edge in enumerate(scene.edges):
        arrow = "-->" if edge.kind == "flow" else "-.->"
        text = f"|{mt.quoted(mt.multiline(edge.label))}|" if edge.label else ""
        out.append(f"  {node_id(edge.source)} {arrow}{text} {node_id(edge.target)}")
        if edge.status is not None:
            link_styles.append(
                f"  linkStyle {index} stroke:{STATUS_COLOURS[edge.status]},stroke-width:3px"
            )
    out.extend(link_styles)
    out.extend(group_styles)
    out.extend(_legend(scene))
    out.extend(_classes(scene, node_id))
    return "\n".join(out) + "\n"


def describe(scene: Scene) -> str:
    """What the picture shows, in one sentence a screen reader can say."""
    view = {"infra": "Infrastructure", "layers": "Layered"}.get(scene.view, scene.view)
    resources = len({n.model_id for n in scene.nodes.values() if n.category != "actor"})
    actors = sum(1 for n in scene.nodes.values() if n.category == "actor")
    flows = sum(1 for e in scene.edges if e.kind == "flow")
    zones = sorted({g.label for g in scene.root.walk() if g.role == "az"})
    text = f"{view} view of {scene.title}: {resources} resources, {actors} actors, {flows} flows"
    if zones:
        text += f", in {len(zones)} availability zones"
    return text + (f". {scene.caption}" if scene.caption else "")


def _legend(scene: Scene) -> list[str]:
    severities = {n.decoration.severity for n in scene.nodes.values()} - {None}
    statuses = {n.decoration.status for n in scene.nodes.values()} - {None}
    if not severities and not statuses:
        return []
    out = ['  subgraph legend ["Legend"]']
    for severity in SEVERITIES:
        if severity in severities:
            out.append(f'    legend_{severity}["worst finding: {severity}"]:::sev_{severity}')
    for status in STATUS_STYLES:
        if status in statuses:
            out.append(f'    legend_{status}["{status}"]:::st_{status}')
    out.append("  end")
    return out


def _classes(scene: Scene, node_id: Callable[[str], str]) -> list[str]:
    out = []
    by_class: dict[str, list[str]] = {}
    for node in scene.nodes.values():
        by_class.setdefault(f"cat_{node.category}", []).append(node_id(node.id))
        if node.decoration.severity in SEVERITY_STYLES:
            by_class.setdefault(f"sev_{node.decoration.severity}", []).append(node_id(node.id))
        if node.decoration.status is not None:
            by_class.setdefault(f"st_{node.decoration.status}", []).append(node_id(node.id))
        if node.missing or node.supporting:
            by_class.setdefault("missing" if node.missing else "supporting", []).append(
                node_id(node.id)
            )
    for category, (fill, stroke) in CATEGORY_STYLES.items():
        out.append(f"  classDef cat_{category} fill:{fill},stroke:{stroke},color:#000000")
    for severity, style in SEVERITY_STYLES.items():
        out.append(f"  classDef sev_{severity} {style}")
    for status, style in STATUS_STYLES.items():
        out.append(f"  classDef st_{status} {style}")
    out.append("  classDef missing stroke-dasharray:6 4,stroke-width:2px")
    out.append("  classDef supporting font-size:11px")
    for name, members in by_class.items():
        out.append(f"  class {','.join(members)} {name}")
    return out


def fits(text: str, edges: int) -> bool:
    return edges <= MAX_EDGES and len(text) <= MAX_CHARS


def views(scene: Scene, direction: str = "LR") -> list[MermaidView]:
    """The scene as one diagram when Mermaid can draw it, else as several (see module doc)."""
    text = render(scene, direction)
    if fits(text, len(scene.edges)):
        return [_view(scene, text)]
    parts = _split(scene, direction, text, depth=0)
    scene.notes.append(
        f"Mermaid: {len(scene.nodes)} nodes and {len(scene.edges)} edges ({len(text):,} "
        f"characters) are over Mermaid's limits (500 edges, 50,000 characters): "
        f"split into {len(parts)} views"
    )
    return parts


def _split(scene: Scene, direction: str, text: str, depth: int) -> list[MermaidView]:
    """Views of a scene too big for one: neighbouring parts of its nesting packed together
    while they fit, a part too big split further, a part that cannot be split collapsed."""
    if fits(text, len(scene.edges)):
        return [_view(scene, text)]
    parts = _parts(scene.root)
    if len(parts) < 2 or depth >= 8:
        return [_collapsed(scene, direction)]
    sizer = _Sizer(scene)
    bins: list[list[tuple[str, list[str]]]] = [[]]
    for part in parts:
        if bins[-1] and not sizer.fits([*bins[-1], part]):
            bins.append([])
        bins[-1].append(part)
    if len(bins) == 1:  # the estimate was wrong: split every part on its own
        bins = [[part] for part in parts]
    out: list[MermaidView] = []
    for packed in bins:
        sub = _part(scene, packed)
        out.extend(_split(sub, direction, render(sub, direction), depth + 1))
    return out


class _Sizer:
    """Estimates the size of a part's diagram without writing it (packing parts into views
    would otherwise write each candidate); the written view is still checked exactly."""

    def __init__(self, scene: Scene) -> None:
        self.incident: dict[str, list[int]] = {}
        for index, edge in enumerate(scene.edges):
            self.incident.setdefault(edge.source, []).append(index)
            self.incident.setdefault(edge.target, []).append(index)
        self.edges = scene.edges
        # A node line, its class entry and a share of the boxes around it; an edge line.
        self.node_chars = {
            nid: len(mt.quoted(node_lines(node))) + 2 * len(nid) + 60
            for nid, node in scene.nodes.items()
        }
        self.edge_chars = [
            len(e.source) + len(e.target) + 20 + (len(mt.quoted([e.label])) if e.label else 0)
            for e in scene.edges
        ]

    def fits(self, parts: list[tuple[str, list[str]]]) -> bool:
        core = {node for _label, nodes in parts for node in nodes}
        kept = set(core)
        for node in core:
            for index in self.incident.get(node, ()):
                kept.update((self.edges[index].source, self.edges[index].target))
        edges = {
            index
            for node in kept
            for index in self.incident.get(node, ())
            if self.edges[index].source in kept and self.edges[index].target in kept
        }
        chars = 2_500 + sum(self.node_chars.get(n, 0) for n in kept)
        chars += sum(self.edge_chars[index] for index in edges)
        return len(edges) <= MAX_EDGES and chars <= MAX_CHARS


def _view(scene: Scene, text: str) -> MermaidView:
    return MermaidView(scene.title, text, len(scene.nodes), len(scene.edges))


def _part(scene: Scene, parts: list[tuple[str, list[str]]]) -> Scene:
    """The scene cut down to some parts and their neighbours, titled after them."""
    members = [node for _label, nodes in parts for node in nodes]
    part = subset(scene, members, scene.view)
    if len(part.nodes) >= len(scene.nodes):  # neighbours would bring everything back
        part = subset(scene, members, scene.view, neighbours=False)
    labels = [" ".join(label.split()) for label, _nodes in parts]
    named = labels[0] if len(labels) == 1 else f"{labels[0]} ... {labels[-1]} ({len(labels)})"
    part.title = f"{scene.title} / {named}"
    return part


def _parts(root: SceneGroup) -> list[tuple[str, list[str]]]:
    """The first level of the nesting that divides the scene into two or more parts."""
    group = root
    while len(group.groups) == 1 and not (group.nodes and group is not root):
        group = group.groups[0]
    parts = [(g.label, g.node_ids()) for g in group.groups]
    if group.nodes and group is not root:
        parts.append((f"{group.label} (outside the boxes above)", list(group.nodes)))
    return [(label, members) for label, members in parts if members]


def _collapsed(scene: Scene, direction: str) -> MermaidView:
    """Repeated resources of one kind in one box become one node "N x kind"."""
    scene = subset(scene, scene.nodes, scene.view, neighbours=False)  # a copy: boxes change
    keep_of: dict[str, str] = {}
    counts: dict[str, int] = {}
    for group in scene.root.walk():
        first_of_kind: dict[tuple[str, str | None], str] = {}
        kept_nodes = []
        for nid in group.nodes:
            node = scene.nodes[nid]
            key = (node.kind, node.decoration.severity)
            if key in first_of_kind:
                keep_of[nid] = first_of_kind[key]
                counts[first_of_kind[key]] += 1
            else:
                first_of_kind[key] = nid
                keep_of[nid] = nid
                counts[nid] = 1
                kept_nodes.append(nid)
        group.nodes = kept_nodes
    nodes = {nid: scene.nodes[nid] for nid in counts}
    for nid, count in counts.items():
        if count > 1:
            node = nodes[nid]
            nodes[nid] = SceneNode(
                node.id, f"{count} x {node.kind_label}", node.kind, node.kind_label,
                node.category, node.shape, node.icon, node.icon_fallback, node.decoration,
            )  # fmt: skip
    seen: set[tuple[str, str, str]] = set()
    edges: list[SceneEdge] = []
    for edge in scene.edges:
        source, target = keep_of.get(edge.source), keep_of.get(edge.target)
        if source is None or target is None or source == target:
            continue
        if (source, target, edge.kind) not in seen:
            seen.add((source, target, edge.kind))
            edges.append(SceneEdge(source, target, edge.label, edge.kind, edge.status))
    small = Scene(scene.title, scene.view, scene.root, nodes, edges)
    text = render(small, direction)
    if not fits(text, len(edges)):  # still too big: keep the data flows only, then the nodes
        small.edges = [e for e in edges if e.kind == "flow"][:MAX_EDGES]
        text = render(small, direction)
    title = f"{scene.title} (repeated resources collapsed)"
    return MermaidView(title, text, len(nodes), len(small.edges))


def markdown_heading(text: str) -> str:
    """A view title as Markdown heading text, escaped as the reports escape a comment's cells."""
    from archcode.reports.markdown import escape  # only split views need it

    return escape(text)


def join(parts: list[MermaidView], markdown: bool = False) -> str:
    """One view as plain Mermaid (or a fenced block); several as Markdown, one block each."""
    if len(parts) == 1 and not markdown:
        return parts[0].text
    if len(parts) == 1:
        return f"```mermaid\n{parts[0].text}```\n"
    out = [
        f"<!-- archcode: split into {len(parts)} Mermaid diagrams to stay within Mermaid's "
        "limits (500 edges, 50,000 characters) -->\n"
    ]
    for number, part in enumerate(parts, 1):
        heading = markdown_heading(part.title)
        out.append(f"## View {number} of {len(parts)}: {heading}\n\n```mermaid\n{part.text}```\n")
    return "\n".join(out)
