"""Images through `diagrams` and the real Graphviz `dot`: stable DOT, icons, nesting, SVG/PNG."""

from __future__ import annotations

import os
import random
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from tests.conftest import EXAMPLES

from archcode.cli import main
from archcode.collectors import load_architecture
from archcode.model.registry import ACTORS, KINDS
from archcode.renderers import prepare
from archcode.renderers.diagrams_adapter import icon_class, icons_dir, to_dot
from archcode.renderers.graphviz_run import render_image
from archcode.renderers.mermaid import name_lines
from archcode.renderers.views import scene_node

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "render"
MODELS = [*EXAMPLES, *sorted(FIXTURES.glob("*.yaml"))]
SVG = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}"


def dot_of(path: Path, runs: int = 1) -> list[str]:
    """`archcode render -f dot` in fresh interpreters, side by side (random ids would differ
    between two processes, not within one)."""
    command = [sys.executable, "-m", "archcode", "render", str(path), "--format", "dot"]
    procs = [subprocess.Popen(command, stdout=subprocess.PIPE, text=True) for _ in range(runs)]
    outputs = [proc.communicate()[0] for proc in procs]
    assert all(proc.returncode == 0 for proc in procs)
    return outputs


@pytest.mark.parametrize("path", MODELS, ids=lambda p: p.stem)
def test_dot_is_byte_identical_across_runs(path: Path) -> None:
    first, second = dot_of(path, runs=2)
    assert first == second
    assert first.startswith("digraph ")
    assert str(icons_dir()) not in first  # icon paths are relative: the same on every machine


def test_dot_matches_the_snapshot() -> None:
    """Regenerate after an intended change: archcode render tests/fixtures/render/three-tier.yaml
    -f dot -o tests/fixtures/render/three-tier.dot"""
    expected = (FIXTURES / "three-tier.dot").read_text()
    assert dot_of(FIXTURES / "three-tier.yaml")[0] == expected


def test_every_registry_icon_resolves_or_falls_back_with_a_diagnostic() -> None:
    arch = load_architecture(str(FIXTURES / "three-tier.yaml"))
    base = arch.resources["worker"]
    for spec in KINDS:
        node = scene_node("x", base)
        node.kind, node.icon, node.icon_fallback = (
            spec.kind,
            spec.diagram_node,
            spec.diagram_fallback,
        )
        cls, diagnostic = icon_class(node)
        if spec.diagram_node is None:
            assert diagnostic is not None and spec.kind in diagnostic
            assert f"{cls.__module__}.{cls.__name__}" == spec.diagram_fallback
        else:
            assert diagnostic is None, diagnostic
            assert cls._icon, spec.kind  # a real picture, not an empty box
        for variant in spec.variants.values():
            node.icon = variant.diagram_node
            assert icon_class(node)[1] is None, variant
    for actor in ACTORS:
        node.icon = actor.diagram_node
        assert icon_class(node)[1] is None, actor


def test_a_missing_icon_class_is_a_diagnostic_not_an_import_error() -> None:
    arch = load_architecture(str(FIXTURES / "three-tier.yaml"))
    node = scene_node("worker", arch.resources["worker"])
    node.icon = "diagrams.aws.nosuchmodule.Nothing"
    cls, diagnostic = icon_class(node)
    assert cls.__name__ == "General"
    assert diagnostic is not None and "diagrams.aws.nosuchmodule.Nothing" in diagnostic


def test_rds_proxy_is_drawn_with_the_rds_icon_and_says_so(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["render", str(FIXTURES / "three-tier.yaml"), "-f", "dot"]) == 0
    out, err = capsys.readouterr()
    assert "rds_proxy" in err and "diagrams.aws.database.RDS" in err
    proxy = next(line for line in out.splitlines() if line.strip().startswith("n_proxy "))
    assert 'image="resources/aws/database/rds.png"' in proxy


def test_clusters_labelled_alike_stay_apart_and_nest() -> None:
    dot = to_dot(prepare(load_architecture(str(FIXTURES / "three-tier.yaml")), "infra"))[0]
    names = re.findall(r"subgraph (\S+) \{", dot)
    assert len(names) == len(set(names))
    assert dot.count('label="Private subnet app"') == 2
    # account > region > VPC > AZ > subnet, by indentation of the nested subgraphs.
    depth = {m.group(2): len(m.group(1)) for m in re.finditer(r"(\t*)subgraph (\S+) \{", dot)}
    assert depth["cluster_g_account_111122223333"] < depth["cluster_g_region_eu_west_1"]
    assert depth["cluster_g_region_eu_west_1"] < depth["cluster_g_vpc_vpc"]
    assert depth["cluster_g_vpc_vpc"] < depth["cluster_g_az_eu_west_1a"]
    assert depth["cluster_g_az_eu_west_1a"] < depth["cluster_g_subnet_app_a"]
    assert depth["cluster_g_global"] == depth["cluster_g_region_eu_west_1"]
    assert 'label="https:443"' in dot and 'label="postgresql:5432"' in dot


def _svg(path: Path, tmp_path: Path) -> ET.Element:
    out = tmp_path / (path.stem + ".svg")
    assert main(["render", str(path), "-f", "svg", "-o", str(out)]) == 0
    text = out.read_text()
    assert "site-packages" not in text and str(icons_dir()) not in text and "file:" not in text
    return ET.fromstring(text)


@pytest.mark.parametrize("path", MODELS, ids=lambda p: p.stem)
def test_svg_is_self_contained(path: Path, tmp_path: Path) -> None:
    root = _svg(path, tmp_path)
    images = root.findall(f".//{SVG}image")
    scene = prepare(load_architecture(str(path)))
    assert len(images) == len(scene.nodes)  # every node drew its icon
    for image in images:
        href = image.get(f"{XLINK}href") or image.get("href") or ""
        assert href.startswith("data:image/png;base64,"), href[:80]


@pytest.mark.parametrize("path", MODELS, ids=lambda p: p.stem)
def test_png_is_drawn_by_dot(path: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.png"
    assert main(["render", str(path), "-f", "png", "-o", str(out)]) == 0
    data = out.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert width > 200 and height > 200


def test_svg_shows_hostile_names_as_text(tmp_path: Path) -> None:
    path = FIXTURES / "hostile.yaml"
    root = _svg(path, tmp_path)
    assert not root.findall(f".//{SVG}script")
    scene = prepare(load_architecture(str(path)))
    shown: dict[str, list[str]] = {}
    for group in root.iter(f"{SVG}g"):
        if group.get("class") == "node":
            title = group.find(f"{SVG}title")
            assert title is not None and title.text
            shown[title.text] = [t.text or "" for t in group.iter(f"{SVG}text")]
    from archcode.renderers.mermaid_text import Ids

    ids = Ids()
    for node_id in (n for g in scene.root.walk() for n in g.nodes):
        # Long names are wrapped at spaces: compare the words, line breaks aside.
        expected = " ".join(" ".join(name_lines(scene.nodes[node_id])).split())
        assert " ".join(" ".join(shown[ids("n", node_id)]).split()) == expected


def test_dot_runs_under_a_time_limit_with_a_simpler_fallback(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """100 nodes in 10 clusters with 200 random edges and `curved` splines take dot minutes
    (diagrams.md, 1.4); the simple layout draws them in a fraction of a second."""
    rng = random.Random(1)
    edges = "".join(f"a{rng.randrange(100)} -> a{rng.randrange(100)};" for _ in range(200))
    clusters = "".join(
        f"subgraph cluster_{c} {{{' '.join(f'a{i}' for i in range(c * 10, c * 10 + 10))}}}"
        for c in range(10)
    )

    def build(simple: bool) -> str:
        splines = "line" if simple else "curved"
        return f"digraph g {{splines={splines}; {clusters} {edges}}}"

    monkeypatch.setenv("ARCHCODE_DOT_TIMEOUT", "3")
    notes: list[str] = []
    source, image = render_image(build, "svg", 100, notes)
    assert "splines=line" in source and image.startswith(b"<?xml")
    assert notes and "simple layout" in notes[0]


def test_dot_missing_is_a_usage_error(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("PATH", "/nonexistent")
    assert main(["render", str(FIXTURES / "three-tier.yaml"), "-f", "svg", "-o", os.devnull]) == 2
    assert "apt-get install graphviz" in capsys.readouterr().err


def test_big_graphs_go_straight_to_the_simple_layout() -> None:
    built: list[bool] = []

    def build(simple: bool) -> str:
        built.append(simple)
        return "digraph g {a -> b}"

    notes: list[str] = []
    render_image(build, "svg", 401, notes)
    assert built == [True] and "simple layout" in notes[0]


def test_findings_and_diff_are_drawn_with_a_legend() -> None:
    from archcode.renderers.scene import Decoration

    scene = prepare(load_architecture(str(FIXTURES / "three-tier.yaml")), "infra")
    scene.apply(
        {
            "db": Decoration(severity="critical", findings=3),
            "queue": Decoration(status="removed"),
            "worker": Decoration(monthly_cost=12.5),
        }
    )
    dot = to_dot(scene)[0]
    db = next(line for line in dot.splitlines() if line.strip().startswith("n_db "))
    assert 'fillcolor="#FFCDD2"' in db and "3 findings: critical" in db
    queue = next(line for line in dot.splitlines() if line.strip().startswith("n_queue "))
    assert "dashed" in queue and "removed" in queue
    assert "$12.50/mo" in dot and "subtotal $12.50/mo" in dot
    legend = dot[dot.index("subgraph cluster_legend") :]
    assert "worst finding: critical" in legend and "removed" in legend


def test_icon_inlining_reads_only_the_icon_folder(tmp_path: Path) -> None:
    from archcode.renderers.svg_icons import inline_icons

    secret = tmp_path / "secret.png"
    secret.write_bytes(b"not an icon")
    svg = (
        '<svg xmlns:xlink="http://www.w3.org/1999/xlink">'
        '<image xlink:href="resources/aws/compute/lambda.png"/>'
        '<image xlink:href="resources/aws/../../../../../../etc/passwd"/>'
        f'<image xlink:href="{secret}"/></svg>'
    )
    out = inline_icons(svg)
    assert out.count('xlink:href="data:image/png;base64,') == 1
    assert out.count('xlink:href=""') == 2 and "passwd" not in out and str(secret) not in out
