"""The one place archcode uses the `diagrams` package: a scene in, DOT source out.

`diagrams` keeps the current diagram and cluster in globals, renders (runs `dot`, with no time
limit) when the `with Diagram` block exits, names nodes with random UUIDs and names clusters
after their labels, so that two subnets labelled alike merge into one box. This adapter:

- never lets `diagrams` render: the DOT source is taken and `dot` is run by
  `archcode.renderers.graphviz_run` under a time limit;
- passes stable node ids and gives every cluster an id made from its scene key, so the DOT is
  byte-identical from run to run and boxes never merge;
- writes icon paths relative to the `diagrams` package (`resources/aws/...png`), so that the DOT
  does not depend on where Python is installed; `dot` runs in that folder;
- escapes every label (a name like ``<b>x</b>`` is text, not an HTML-like label).
"""

from __future__ import annotations

import importlib
import itertools
import math
import os
import textwrap
from functools import cache
from pathlib import Path
from types import TracebackType
from typing import Any

import diagrams
from graphviz import escape, nohtml  # type: ignore[import-untyped]

from archcode.renderers.mermaid import name_lines
from archcode.renderers.mermaid_text import Ids, multiline
from archcode.renderers.scene import (
    STATUS_COLOURS,
    Scene,
    SceneEdge,
    SceneGroup,
    SceneNode,
    cost_line,
)

GENERIC_ICON = "diagrams.aws.general.General"
WRAP_AT = 22  # characters per label line under an icon

GRAPH_ATTRS = {
    "pad": "0.5",
    "splines": "spline",  # labelled edges: `ortho` drops labels, `curved` can take minutes
    "nodesep": "0.7",
    "ranksep": "1.0",
    "compound": "true",
    "fontsize": "18",
    "labelloc": "t",
}
# A big or slow graph is laid out again with cheaper settings.
SIMPLE_GRAPH_ATTRS = {
    **GRAPH_ATTRS,
    "splines": "line",
    "nslimit": "2",
    "nslimit1": "2",
    "mclimit": "0.3",
    "remincross": "false",
}
CLUSTER_STYLES: dict[str, dict[str, str]] = {
    "account": {"pencolor": "#232F3E", "bgcolor": "#FFFFFF", "style": "solid", "penwidth": "2"},
    "region": {"pencolor": "#00A4A6", "bgcolor": "#FFFFFF", "style": "dashed"},
    "global": {"pencolor": "#7D8998", "bgcolor": "#F7F7F7", "style": "dashed"},
    "vpc": {"pencolor": "#8C4FFF", "bgcolor": "#FFFFFF", "style": "solid", "penwidth": "2"},
    "az": {"pencolor": "#147EBA", "bgcolor": "#FFFFFF", "style": "dashed"},
    "public_subnet": {"pencolor": "#7AA116", "bgcolor": "#F2F6E8", "style": "solid"},
    "private_subnet": {"pencolor": "#00A4A6", "bgcolor": "#E6F6F7", "style": "solid"},
    "subnet": {"pencolor": "#7D8998", "bgcolor": "#F4F4F4", "style": "solid"},
    "layer": {"pencolor": "#AEB6BE", "bgcolor": "#F8F9FA", "style": "rounded"},
    "actors": {"pencolor": "#0277BD", "bgcolor": "#E1F5FF", "style": "rounded"},
    "legend": {"pencolor": "#AEB6BE", "bgcolor": "#FFFFFF", "style": "rounded"},
    "support": {"pencolor": "#AEB6BE", "bgcolor": "#FAFAFA", "style": "rounded,dashed"},
}
SEVERITY_COLOURS = {  # (fill, border)
    "critical": ("#FFCDD2", "#B71C1C"),
    "high": ("#FFE0B2", "#E65100"),
    "medium": ("#FFF9C4", "#C6A700"),
    "low": ("#E3F2FD", "#1565C0"),
    "info": ("#F5F5F5", "#757575"),
}


def icons_dir() -> Path:
    """The folder our relative icon paths start from: `diagrams` installs its `resources/`
    beside the package, and `dot` is run with this folder as working directory."""
    return Path(os.path.dirname(os.path.dirname(os.path.abspath(diagrams.__file__))))


@cache
def _node_class(path: str) -> type[diagrams.Node]:
    module, _, name = path.rpartition(".")
    cls = getattr(importlib.import_module(module), name)
    if not (isinstance(cls, type) and issubclass(cls, diagrams.Node)):
        raise TypeError(f"{path} is not a diagrams node class")
    return cls


def icon_class(node: SceneNode) -> tuple[type[diagrams.Node], str | None]:
    """The node class for a scene node, and a diagnostic when a fallback had to be used."""
    if node.icon is not None:
        try:
            return _node_class(node.icon), None
        except (ImportError, AttributeError, TypeError, ValueError):
            reason = f"{node.icon} does not exist in diagrams {_version()}"
    else:
        reason = f"diagrams {_version()} has no icon for it"
    for fallback in (node.icon_fallback, GENERIC_ICON):
        try:
            cls = _node_class(fallback)
        except (ImportError, AttributeError, TypeError, ValueError):
            continue
        return cls, f"{node.kind}: {reason}; drawn with {fallback}"
    raise RuntimeError(f"diagrams has no {GENERIC_ICON}")  # the package itself is broken


def _version() -> str:
    try:
        from importlib.metadata import version

        return version("diagrams")
    except Exception:  # metadata missing: only the message suffers
        return "(unknown version)"


class _Diagram(diagrams.Diagram):  # type: ignore[misc]
    """A diagrams context that collects DOT and never renders or writes a file."""

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        diagrams.setdiagram(None)


class _Cluster(diagrams.Cluster):  # type: ignore[misc]
    """A cluster whose graphviz name is a unique id, not its label."""

    def __init__(self, cluster_id: str, label: str, graph_attr: dict[str, str]) -> None:
        super().__init__(label=label, graph_attr=graph_attr)
        self.name = cluster_id
        self.dot.name = cluster_id


def _wrap(line: str) -> list[str]:
    """A long name on several lines, broken at spaces only: icons are a fixed 1.4 inches wide,
    and a long label would run over its neighbours."""
    return textwrap.wrap(line, WRAP_AT, break_long_words=False, break_on_hyphens=False) or [line]


def _lines(lines: list[str]) -> str:
    """Graphviz label text: each line escaped, joined by DOT's centred line break.

    Backslashes are doubled (`escape`), the label is marked as not HTML-like (`nohtml`), and
    `&` is written as `&amp;` because Graphviz decodes entities such as `&lt;` in plain labels.
    """
    text: str = nohtml("\\n".join(str(escape(line.replace("&", "&amp;"))) for line in lines))
    return text


class DotBuilder:
    def __init__(self, scene: Scene, direction: str, simple: bool) -> None:
        self.scene = scene
        self.direction = direction
        self.simple = simple
        self.ids = Ids()
        self.diagnostics: list[str] = []

    def build(self) -> str:
        graph_attrs = dict(SIMPLE_GRAPH_ATTRS if self.simple else GRAPH_ATTRS)
        title = [" ".join(self.scene.title.split())]
        if self.scene.caption:  # under the title, in the graph's label (not its name)
            graph_attrs["label"] = _lines([*title, self.scene.caption])
        diagram = _Diagram(
            name=_lines(title),
            filename="archcode-unused",
            direction=self.direction,
            outformat="dot",
            show=False,
            graph_attr=graph_attrs,
        )
        with diagram:
            nodes: dict[str, diagrams.Node] = {}
            self._group(self.scene.root, nodes, top=True)
            self._legend()
            for edge in self.scene.edges:
                self._edge(edge, nodes)
            self._actors_at_the_edge(diagram)
        return str(diagram.dot.source)

    def _actors_at_the_edge(self, diagram: diagrams.Diagram) -> None:
        """Actors that only send go to the first rank, actors that only receive to the last."""
        sends = {e.source for e in self.scene.edges}
        receives = {e.target for e in self.scene.edges}
        for rank, wanted in (("source", sends - receives), ("sink", receives - sends)):
            actors = [n for n in self.scene.root.nodes if n in wanted]
            if actors:
                with diagram.dot.subgraph() as same_rank:
                    same_rank.attr(rank=rank)
                    for nid in actors:
                        same_rank.node(self.ids("n", nid))

    def _group(self, group: SceneGroup, nodes: dict[str, diagrams.Node], top: bool) -> None:
        for nid in group.nodes:
            nodes[nid] = self._node(self.scene.nodes[nid])
        if not top and group.role != "support":
            self._grid(group, nodes)
        for child in group.groups:
            label = [*multiline(child.label)]
            cost = self.scene.group_cost(child)
            if cost is not None:
                label.append(cost)
            style = {**CLUSTER_STYLES.get(child.role, {}), "fontsize": "13"}
            cluster_id = "cluster_" + self.ids("g", child.key, child.key.rsplit("/", 1)[-1])
            with _Cluster(cluster_id, _lines(label), style):
                self._group(child, nodes, top=False)
                if child.role == "support" and group.role != "support":
                    self._rows([nodes[n] for n in child.node_ids()])
                if not child.node_ids():  # Graphviz does not draw an empty cluster
                    _empty(self.ids("e", child.key, child.key.rsplit("/", 1)[-1]))

    def _grid(self, group: SceneGroup, nodes: dict[str, diagrams.Node]) -> None:
        """Lay a box's unconnected nodes out in rows: left alone, `dot` stacks them all in one
        rank, a column as tall as the diagram (IAM roles, keys, log groups)."""
        linked = {e.source for e in self.scene.edges} | {e.target for e in self.scene.edges}
        self._rows([nodes[n] for n in group.nodes if n not in linked])

    @staticmethod
    def _rows(alone: list[diagrams.Node]) -> None:
        """Invisible edges that put nodes in rows of about the square root of their number
        (the supporting panel: its small boxes side by side, not one tall column)."""
        if len(alone) < 3:
            return
        width = math.ceil(math.sqrt(len(alone)))
        for start in range(0, len(alone), width):
            row = alone[start : start + width]
            for left, right in itertools.pairwise(row):
                left.connect(right, diagrams.Edge(left, forward=True, style="invis"))

    def _node(self, node: SceneNode) -> diagrams.Node:
        if node.missing:
            return self._missing(node)
        cls, diagnostic = icon_class(node)
        if diagnostic is not None and diagnostic not in self.diagnostics:
            self.diagnostics.append(diagnostic)
        lines = [part for line in name_lines(node) for part in _wrap(line)]
        deco = node.decoration
        attrs: dict[str, str] = {}
        if deco.severity is not None:
            plural = "s" if deco.findings != 1 else ""
            lines.append(f"{deco.findings} finding{plural}: {deco.severity}")
            fill, border = SEVERITY_COLOURS.get(deco.severity, SEVERITY_COLOURS["info"])
            attrs |= {"shape": "box", "style": "rounded,filled,bold", "fillcolor": fill}
            attrs |= {"color": border, "penwidth": "3"}
        cost = cost_line(deco)
        if cost is not None:
            lines.append(cost)
        if deco.status is not None:
            lines.append(deco.status)
            colour = STATUS_COLOURS[deco.status]
            dashed = "dashed," if deco.status == "removed" else ""
            attrs |= {"shape": "box", "style": f"rounded,{dashed}bold", "color": colour}
            attrs |= {"penwidth": "3", "fontcolor": colour}
        icon = getattr(cls, "_icon", None)
        if icon:
            attrs["image"] = f"resources/{cls._icon_dir.removeprefix('resources/')}/{icon}"
        attrs["height"] = f"{1.9 + 0.4 * (len(lines) - 1):.1f}"
        if node.supporting and "shape" not in attrs:  # small: the data path gets the room
            attrs |= {"width": "0.8", "height": f"{1.1 + 0.25 * (len(lines) - 1):.2f}"}
            attrs["fontsize"] = "10"
        attrs["tooltip"] = escape(f"{node.kind} {node.model_id}")
        created: diagrams.Node = cls(_lines(lines), nodeid=self.ids("n", node.id), **attrs)
        return created

    def _missing(self, node: SceneNode) -> diagrams.Node:
        """The dashed placeholder for a zone a resource does not cover (see views)."""
        severity = node.decoration.severity or "info"
        fill, border = SEVERITY_COLOURS.get(severity, SEVERITY_COLOURS["info"])
        lines = [part for line in name_lines(node) for part in _wrap(line)]
        lines.append(f"finding: {severity}")
        created: diagrams.Node = diagrams.Node(
            _lines(lines),
            nodeid=self.ids("n", node.id),
            shape="box",
            style="rounded,dashed,filled",
            fillcolor=fill,
            color=border,
            penwidth="2",
            fixedsize="false",
            width="0",
            height="0",
            fontsize="11",
            tooltip=escape(f"{node.kind} {node.model_id}: {node.note}"),
        )
        return created

    def _edge(self, edge: SceneEdge, nodes: dict[str, diagrams.Node]) -> None:
        source, target = nodes.get(edge.source), nodes.get(edge.target)
        if source is None or target is None:
            return
        attrs: dict[str, Any] = {"forward": True}
        if edge.label and not self.simple:
            attrs["label"] = _lines(multiline(edge.label))
        if edge.kind == "relation":
            attrs |= {"style": "dashed", "color": "#AEB6BE", "fontsize": "10"}
        if edge.status is not None:
            attrs |= {"color": STATUS_COLOURS[edge.status], "penwidth": "2.5"}
            if edge.status == "removed":
                attrs["style"] = "dashed"
        source.connect(target, diagrams.Edge(source, **attrs))

    def _legend(self) -> None:
        severities = {n.decoration.severity for n in self.scene.nodes.values()} - {None}
        statuses = {n.decoration.status for n in self.scene.nodes.values()} - {None}
        if not severities and not statuses:
            return
        with _Cluster("cluster_legend", _lines(["Legend"]), CLUSTER_STYLES["legend"]):
            for severity, (fill, border) in SEVERITY_COLOURS.items():
                if severity in severities:
                    _plain(f"legend_{severity}", f"worst finding: {severity}", fill, border)
            for status, colour in STATUS_COLOURS.items():
                if status in statuses:
                    _plain(f"legend_{status}", status, "#FFFFFF", colour)


def _empty(nodeid: str) -> None:
    """What an empty box (a subnet with nothing drawn in it) shows, so that it is drawn."""
    diagrams.Node(
        "(nothing drawn here)",
        nodeid=nodeid,
        shape="plaintext",
        fontsize="10",
        fontcolor="#7D8998",
        fixedsize="false",
        width="0",
        height="0",
    )


def _plain(nodeid: str, text: str, fill: str, border: str) -> None:
    diagrams.Node(
        escape(text),
        nodeid=nodeid,
        shape="box",
        style="rounded,filled,bold",
        fillcolor=fill,
        color=border,
        penwidth="3",
        fixedsize="false",
        width="0",
        height="0",
    )


def to_dot(scene: Scene, direction: str = "LR", simple: bool = False) -> tuple[str, list[str]]:
    """DOT source for a scene, and diagnostics (icons that fell back)."""
    builder = DotBuilder(scene, direction, simple)
    return builder.build(), builder.diagnostics
