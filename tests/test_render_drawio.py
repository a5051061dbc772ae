"""`archcode render --format drawio`: an editable diagrams.net file, checked by parsing its XML:
the scene's nesting as containers, its nodes with their labels and draw.io's own AWS shapes,
its edges between the right cells, names kept as text."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from tests.conftest import EXAMPLES

from archcode.cli import main
from archcode.collectors import load_architecture
from archcode.renderers import prepare, render
from archcode.renderers.mermaid import node_lines
from archcode.renderers.mermaid_text import Ids, multiline
from archcode.renderers.scene import Scene

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "render"
ARTIFACTS = ROOT / "test-artifacts"
# draw.io's AWS library (names taken from its sidebar; source noted in the file).
AWS4 = {
    line
    for line in (FIXTURES / "drawio-aws4-shapes.txt").read_text().splitlines()
    if line and not line.startswith("#")
}


def cells_of(xml: str) -> dict[str, ET.Element]:
    tree = ET.fromstring(xml)
    assert tree.tag == "mxfile"
    model = tree.find("diagram/mxGraphModel/root")
    assert model is not None
    cells = {c.attrib["id"]: c for c in model.findall("mxCell")}
    assert "0" in cells and cells["1"].attrib["parent"] == "0"
    return cells


def style_of(cell: ET.Element) -> dict[str, str]:
    parts = [p for p in cell.attrib.get("style", "").split(";") if p]
    return {p.partition("=")[0]: p.partition("=")[2] for p in parts}


def check(scene: Scene, xml: str) -> dict[str, ET.Element]:
    cells = cells_of(xml)
    ids = Ids()  # the same ids the DOT builder gives: nodes first (as drawn), then boxes
    order = [n for g in scene.root.walk() for n in g.nodes]
    node_cell = {nid: ids("n", nid) for nid in order}
    # Every node: its cell, its label, a shape of draw.io's AWS library (or a missing zone box).
    for nid, cell_id in node_cell.items():
        cell = cells[cell_id]
        assert cell.attrib["value"] == "\n".join(node_lines(scene.nodes[nid]))
        style = style_of(cell)
        assert style["html"] == "0"  # plain text: a name is never markup
        if scene.nodes[nid].missing:
            assert style["dashed"] == "1"
            continue
        shape = style["shape"].removeprefix("mxgraph.aws4.")
        name = style["resIcon"].removeprefix("mxgraph.aws4.") if shape == "resourceIcon" else shape
        assert name in AWS4, (nid, name)
    # Every box a container, nested as in the scene.
    parent_of: dict[str, str] = {}

    def walk(group: object, parent: str) -> None:
        for nid in group.nodes:  # type: ignore[attr-defined]
            parent_of[node_cell[nid]] = parent
        for child in group.groups:  # type: ignore[attr-defined]
            gid = ids("g", child.key, child.key.rsplit("/", 1)[-1])
            cell = cells[gid]
            assert cell.attrib["value"].split("\n")[0] == child.label.split("\n")[0]
            assert style_of(cell)["container"] == "1"
            parent_of[gid] = parent
            walk(child, gid)

    walk(scene.root, "1")
    for cell_id, parent in parent_of.items():
        assert cells[cell_id].attrib["parent"] == parent, cell_id
    # Every edge between the cells of its ends, labelled as in the scene.
    edges = [c for c in cells.values() if c.attrib.get("edge") == "1"]
    assert len(edges) == len(scene.edges)
    drawn = {(e.attrib["source"], e.attrib["target"], e.attrib["value"]) for e in edges}
    for edge in scene.edges:
        assert (node_cell[edge.source], node_cell[edge.target], edge.label or "") in drawn
    return cells


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_every_example_becomes_an_editable_drawio_file(path: Path) -> None:
    scene = prepare(load_architecture(str(path)))
    xml = render(scene, "drawio").content
    assert isinstance(xml, str)
    check(scene, xml)
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / f"{path.stem}.drawio").write_text(xml)


def test_zones_subnets_and_groups_use_the_aws_group_shapes() -> None:
    scene = prepare(load_architecture(str(ROOT / "examples" / "serverless-django.yaml")))
    cells = check(scene, str(render(scene, "drawio").content))
    icons = {
        style_of(c).get("grIcon", "").removeprefix("mxgraph.aws4.")
        for c in cells.values()
        if style_of(c).get("container") == "1"
    } - {""}
    assert {"group_account", "group_region", "group_vpc2", "group_security_group"} <= icons
    assert icons <= AWS4
    zones = [c for c in cells.values() if c.attrib.get("value", "").startswith("Availability")]
    assert len(zones) == 2 and all(style_of(z)["dashed"] == "1" for z in zones)
    # Geometry: each box lies inside its parent (child coordinates are relative to it).
    for cell in cells.values():
        geo = cell.find("mxGeometry")
        parent = cells.get(cell.attrib.get("parent", ""))
        if geo is None or parent is None or parent.find("mxGeometry") is None:
            continue
        if cell.attrib.get("edge") == "1" or parent.attrib["id"] in ("0", "1"):
            continue
        outer = parent.find("mxGeometry")
        assert outer is not None
        assert float(geo.attrib["x"]) >= -1 and float(geo.attrib["y"]) >= -1
        assert (
            float(geo.attrib["x"]) + float(geo.attrib["width"]) <= float(outer.attrib["width"]) + 1
        )


def test_hostile_names_stay_text_in_the_xml(tmp_path: Path) -> None:
    out = tmp_path / "hostile.drawio"
    assert main(["render", str(FIXTURES / "hostile.yaml"), "-f", "drawio", "-o", str(out)]) == 0
    text = out.read_text()
    assert "<script" not in text and "<img" not in text  # escaped by the XML writer
    arch = load_architecture(str(FIXTURES / "hostile.yaml"))
    values = {c.attrib.get("value", "") for c in cells_of(text).values()}
    for rid, resource in arch.resources.items():
        if resource.kind in ("vpc", "subnet", "security_group"):
            continue
        name = "\n".join(multiline(resource.name or rid))  # a newline in a name: a line break
        assert any(v.startswith(name) for v in values), name


def test_drawio_is_byte_identical_across_runs() -> None:
    path = ROOT / "examples" / "modern-serverless-app.yaml"
    first, second = (render(prepare(load_architecture(str(path))), "drawio").content for _ in "ab")
    assert first == second
    assert re.search(r'<mxfile host="archcode"', str(first))
