"""The report's diagram: inline SVG coloured by findings, and which SVG node is which resource."""

from __future__ import annotations

from dataclasses import dataclass

from archcode.model.architecture import Architecture
from archcode.renderers import Overlay, prepare
from archcode.renderers.diagrams_adapter import DotBuilder
from archcode.renderers.graphviz_run import render_image
from archcode.renderers.svg_icons import inline_icons


@dataclass(frozen=True)
class Diagram:
    svg: str
    node_ids: dict[str, str]  # graphviz node name (the SVG <title>) -> resource or actor id
    notes: list[str]


def diagram_svg(arch: Architecture, overlays: tuple[Overlay, ...]) -> Diagram:
    scene = prepare(arch, "auto", overlays)
    notes = list(scene.notes)
    builders: list[DotBuilder] = []

    def build(simple: bool) -> str:
        builder = DotBuilder(scene, "LR", simple)
        builders.append(builder)
        return builder.build()

    _source, image = render_image(build, "svg", len(scene.nodes), notes)
    ids = builders[-1].ids  # the builder whose DOT was drawn; its ids are deterministic
    # A resource drawn once per zone has several nodes, all naming it.
    node_ids = {ids("n", nid): node.model_id for nid, node in scene.nodes.items()}
    return Diagram(inline_icons(image.decode("utf-8")), node_ids, notes)
