"""Diagrams from the model: Mermaid text, Graphviz images (through `diagrams`), draw.io files.

Pipeline: an architecture -> a `Scene` for a view (`views`) -> overlays applied (findings,
cost, diff) -> Mermaid (`mermaid`) or DOT (`diagrams_adapter`) -> `dot` under a time limit
(`graphviz_run`) -> self-contained SVG (`svg_icons`), or DOT laid out by `dot` and written as
an editable diagrams.net file (`drawio`).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from archcode.model.architecture import Architecture
from archcode.renderers import mermaid
from archcode.renderers.diagrams_adapter import to_dot
from archcode.renderers.graphviz_run import render_image
from archcode.renderers.scene import Decoration, Overlay, Scene, Status
from archcode.renderers.svg_icons import inline_icons
from archcode.renderers.views import build_scene, mark_missing_zones, subset

FORMATS = ("mermaid", "svg", "png", "dot", "drawio")
DIRECTIONS = ("LR", "TB")


@dataclass
class Rendered:
    content: str | bytes
    notes: list[str] = field(default_factory=list)  # for standard error: splits, fallbacks


def prepare(
    arch: Architecture,
    view: str = "auto",
    overlays: tuple[Overlay, ...] = (),
    edge_status: dict[tuple[str, str], Status] | None = None,
    findings_only: bool = False,
    relations: str = "auto",
) -> Scene:
    """The scene for a view with overlays applied (and, for findings_only, cut down)."""
    scene = build_scene(arch, view, relations)
    for overlay in overlays:
        scene.apply(overlay)
    if scene.view == "infra":
        mark_missing_zones(scene)
    if edge_status:
        scene.edges = [
            replace(e, status=edge_status.get((e.source, e.target))) if e.kind == "flow" else e
            for e in scene.edges
        ]
    if findings_only:
        flagged = [n.id for n in scene.nodes.values() if n.decoration.severity is not None]
        scene = subset(scene, flagged, f"{scene.view}, findings only")
        if not flagged:
            scene.notes.append("no resource has a failed finding: the findings view is empty")
    return scene


def render(
    scene: Scene, fmt: str = "mermaid", direction: str = "LR", markdown: bool = False
) -> Rendered:
    if fmt == "mermaid":
        parts = mermaid.views(scene, direction)
        return Rendered(mermaid.join(parts, markdown), list(scene.notes))
    if fmt == "drawio":
        from archcode.renderers.drawio import to_drawio

        xml, drawn = to_drawio(scene, direction)
        return Rendered(xml, drawn)
    notes = list(scene.notes)
    diagnostics: list[str] = []

    def build(simple: bool) -> str:
        source, found = to_dot(scene, direction, simple)
        diagnostics[:] = found
        return source

    if fmt == "dot":
        source = build(False)
        return Rendered(source, notes + diagnostics)
    _source, image = render_image(build, fmt, len(scene.nodes), notes)
    notes.extend(diagnostics)
    if fmt == "svg":
        return Rendered(inline_icons(image.decode("utf-8")), notes)
    return Rendered(image, notes)


__all__ = [
    "DIRECTIONS",
    "FORMATS",
    "Decoration",
    "Overlay",
    "Rendered",
    "Scene",
    "prepare",
    "render",
]
