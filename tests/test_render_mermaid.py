"""Mermaid text, views and the `render` command line (the browser checks are in
test_render_mermaid_browser.py)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from tests.conftest import EXAMPLES, load

from archcode.cli import main
from archcode.collectors import load_architecture
from archcode.model.registry import BY_KIND
from archcode.renderers import mermaid, prepare
from archcode.renderers.mermaid_text import Ids, label, quoted
from archcode.renderers.scene import Scene
from archcode.renderers.views import LAYER_TITLES, build_scene, subset

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "render"
ROOT = Path(__file__).resolve().parent.parent
LAYERED = ROOT / "examples" / "aws-layered-map.yaml"


def scene_of(path: Path, view: str = "auto") -> Scene:
    return build_scene(load_architecture(str(path)), view)


def group_path(scene: Scene, node_id: str) -> list[str]:
    """Roles of the groups from the root down to the node."""

    def find(group: object, trail: list[str]) -> list[str] | None:
        assert hasattr(group, "nodes")
        if node_id in group.nodes:
            return trail
        for child in group.groups:
            found = find(child, [*trail, child.role])
            if found is not None:
                return found
        return None

    found = find(scene.root, [])
    assert found is not None, node_id
    return found


# --- the generator's policy --------------------------------------------------------------------


def test_labels_encode_everything_mermaid_or_html_could_read() -> None:
    assert label('say "hi" <b>#1</b> | 50% {x} [y] `z` \\') == (
        "say #quot;hi#quot; #lt;b#gt;#35;1#lt;/b#gt; #124; 50#37; #123;x#125; #91;y#93; "
        "#96;z#96; #92;"
    )
    assert label("tab\there\x00") == "tab here "
    assert quoted(["a", "b"]) == '"a<br/>b"'
    assert "%%" not in label("%%{init: {}}%%")


def test_ids_are_safe_unique_and_deterministic() -> None:
    ids = Ids()
    made = [ids("n", key) for key in ("end", "o", "x-ray", "a-b", "a.b", "a_b", "1st", "a-b")]
    assert made[-1] == made[3]  # same key, same id
    assert len(set(made[:-1])) == 7
    for made_id in made:
        assert re.fullmatch(r"n_[A-Za-z0-9_]+", made_id)
    again = Ids()
    assert [again("n", k) for k in ("end", "o", "x-ray", "a-b", "a.b", "a_b", "1st")] == made[:-1]


@pytest.mark.parametrize("path", [*EXAMPLES, *sorted(FIXTURES.glob("*.yaml"))], ids=str)
def test_every_model_draws_every_node_and_edge(path: Path) -> None:
    scene = prepare(load_architecture(str(path)))
    text = mermaid.render(scene)
    node_lines = re.findall(r"^\s+(n_\w+)[\[\(\{]", text, re.MULTILINE)
    assert len(node_lines) == len(set(node_lines)) == len(scene.nodes)
    assert len(re.findall(r"^\s+n_\w+ -(?:->|\.->)", text, re.MULTILINE)) == len(scene.edges)
    opened = re.findall(r"^\s*subgraph ", text, re.MULTILINE)
    assert len(opened) == len(re.findall(r"^\s*end$", text, re.MULTILINE))
    assert mermaid.fits(text, len(scene.edges))


# --- views ---------------------------------------------------------------------------------------


def test_infra_view_nests_account_region_vpc_zone_subnet() -> None:
    scene = scene_of(FIXTURES / "three-tier.yaml", "infra")
    assert group_path(scene, "web-a") == ["account", "region", "vpc", "az", "private_subnet"]
    # A resource spread over zones is drawn once per zone, the copies naming the resource.
    assert group_path(scene, "alb") == ["account", "region", "vpc", "az", "public_subnet"]
    assert group_path(scene, "alb@eu-west-1b") == group_path(scene, "alb")
    assert scene.nodes["alb@eu-west-1b"].of == "alb"
    assert scene.nodes["alb@eu-west-1b"].name == scene.nodes["alb"].name
    # A Multi-AZ database: its primary in one zone, its standby in the other.
    assert (scene.nodes["db"].note, scene.nodes["db@eu-west-1b"].note) == ("primary", "standby")
    assert group_path(scene, "cdn") == ["account", "global"]
    assert group_path(scene, "assets") == ["account", "global"]
    assert group_path(scene, "worker") == ["account", "region"]
    assert group_path(scene, "users") == []  # actors at the edge, outside the account
    for structural in ("vpc", "pub-a", "app-a"):
        assert structural not in scene.nodes
    keys = [g.key for g in scene.root.walk()]
    assert len(keys) == len(set(keys))
    labels = [g.label for g in scene.root.walk() if g.role == "private_subnet"]
    assert labels == ["Private subnet app", "Private subnet app"]


def test_edges_carry_protocol_and_port() -> None:
    scene = scene_of(FIXTURES / "three-tier.yaml", "infra")
    labels = {(e.source, e.target): e.label for e in scene.edges}
    assert labels[("users", "cdn")] == "https:443"
    assert labels[("web-a", "proxy")] == "postgresql:5432"
    assert labels[("web-a", "queue")] == "https"
    assert labels[("queue", "worker")] is None
    assert labels[("cdn", "assets")] == "routes to"  # a reference, drawn dashed


def test_the_layered_map_comes_out_as_layers() -> None:
    """The aws-layered-map seed: every service node, the layers as subgraphs."""
    arch = load_architecture(str(LAYERED))
    scene = build_scene(arch)  # auto: the resources carry `layer` tags
    assert scene.view == "layers"
    groups = {g.label: g for g in scene.root.groups}
    order = ["actor", "compute", "networking", "storage", "integration", "security"]
    assert list(groups) == [LAYER_TITLES[k] for k in [*order, "operations"]]
    for rid, resource in arch.resources.items():
        if resource.kind in ("subnet", "security_group"):
            assert rid not in scene.nodes
            continue
        layer = resource.tags.get("layer")
        if layer is not None:
            assert rid in groups[LAYER_TITLES[layer]].nodes, rid
    for aid in arch.actors:
        assert aid in groups["User & Application Layer"].nodes
    # The seed's service nodes, by name, in the layers it puts them in.
    seed = {
        "AWS Compute Layer": {"EC2", "Lambda", "ECS", "EKS"},
        "AWS Networking Layer": {"VPC", "ALB", "NLB", "API Gateway", "CloudFront"},
        "AWS Storage Layer": {"S3", "EBS", "RDS", "DynamoDB", "EFS"},
        "AWS Security Layer": {"IAM", "KMS", "WAF", "Shield", "Secrets Manager"},
        "AWS Operations Layer": {"CloudWatch", "CloudTrail", "X-Ray", "CodePipeline"}
        | {"CodeBuild", "CodeDeploy"},
    }
    for title, services in seed.items():
        nodes = [scene.nodes[n] for n in groups[title].nodes]
        shown = " ".join(f"{n.name} {n.kind_label} {BY_KIND[n.kind].title}" for n in nodes)
        for service in services:
            assert service in shown, (title, service)
    text = mermaid.render(scene, "TB")
    assert text.startswith('---\ntitle: "AWS layered map \u2014 Data flows only: references')
    assert "--relations all\"\n---\nflowchart TB\n" in text
    for title in groups:
        assert f'["{label(title)}"]' in text
    # References to subnets are drawn to the VPC, as the seed's "EC2 --> VPC".
    drawn = build_scene(arch, relations="all").edges
    assert any(e.source == "ec2" and e.target == "vpc" for e in drawn)


def test_subset_keeps_neighbours_and_group_keys() -> None:
    scene = scene_of(FIXTURES / "three-tier.yaml", "infra")
    part = subset(scene, ["web-a"], "part")
    assert set(part.nodes) == {"web-a", "alb", "proxy", "queue"}
    assert {g.key for g in part.root.walk()} <= {g.key for g in scene.root.walk()}


def test_big_models_split_into_views_and_say_so(capsys: pytest.CaptureFixture[str]) -> None:
    lines = ["name: big", "region: eu-west-1", "resources:"]
    conns = ["connections:"]
    for r in range(4):
        lines.append(f"  vpc{r}: {{kind: vpc}}")
        lines.append(f"  s{r}: {{kind: subnet, vpc: vpc{r}, az: eu-west-1a, public: false}}")
        for i in range(150):
            lines.append(f"  f{r}-{i}: {{kind: lambda, subnets: s{r}, name: 'fn {r}.{i}'}}")
            conns.append(f"  - f{r}-{i} -> f{r}-{(i + 1) % 150}")
    scene = prepare(load("\n".join(lines + conns) + "\n"), "infra")
    parts = mermaid.views(scene)
    assert len(parts) == 2  # four VPC boxes packed two per view
    for part in parts:
        assert part.edges <= mermaid.MAX_EDGES and len(part.text) <= mermaid.MAX_CHARS
    assert sum(p.nodes for p in parts) == 600
    assert any("split into 2 views" in note for note in scene.notes)
    joined = mermaid.join(parts)
    assert joined.count("```mermaid\n") == 2 and "## View 2 of 2" in joined


def test_a_box_too_big_to_split_collapses_repeated_resources() -> None:
    lines = ["name: flat", "region: eu-west-1", "resources:", "  q: {kind: sqs}"]
    conns = ["connections:"]
    for i in range(700):
        lines.append(f"  f{i}: {{kind: lambda}}")
        conns.append(f"  - f{i} -> q")
    scene = prepare(load("\n".join(lines + conns) + "\n"), "infra")
    (part,) = mermaid.views(scene)
    assert "700 x Lambda" in part.text
    assert part.edges == 1


# --- the command line ----------------------------------------------------------------------------


def run(*args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "archcode", "render", *args], capture_output=True, check=False
    )


def test_mermaid_goes_to_standard_output_by_default() -> None:
    done = run(str(FIXTURES / "three-tier.yaml"))
    assert done.returncode == 0, done.stderr
    assert "\n---\nflowchart LR\n  accTitle: " in done.stdout.decode()


def test_markdown_output_fences_the_diagram(tmp_path: Path) -> None:
    out = tmp_path / "arch.md"
    assert main(["render", str(LAYERED), "-o", str(out)]) == 0
    text = out.read_text()
    assert text.startswith("```mermaid\n---\ntitle: ") and text.endswith("```\n")
    assert "\n---\nflowchart TB\n" in text


def test_png_to_a_pipe_writes_the_image_bytes() -> None:
    done = run(str(FIXTURES / "three-tier.yaml"), "--format", "png")
    assert done.returncode == 0, done.stderr
    assert done.stdout[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "jpeg"], "--format 'jpeg'"),
        (["--direction", "XY"], "--direction 'XY'"),
        (["--view", "sideways"], "--view 'sideways'"),
        (["--view", "region:mars-1"], "known: eu-west-1"),
        (["--diff"], "--diff takes two models"),
    ],
)
def test_bad_options_exit_2_with_one_line(
    args: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["render", str(FIXTURES / "three-tier.yaml"), *args]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_a_bad_model_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: x\nresources:\n  a: {kind: lambda, memory_mb: lots}\n")
    assert main(["render", str(bad)]) == 2
    assert "memory_mb" in capsys.readouterr().err


def test_region_view_keeps_one_region_and_its_neighbours(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["render", str(FIXTURES / "three-tier.yaml"), "--view", "region:eu-west-1"]) == 0
    out = capsys.readouterr().out
    assert "n_worker" in out and "n_cdn" in out  # the CDN talks to the ALB in the region
    assert "n_users" not in out  # users only talk to the CDN


def test_diff_marks_added_removed_and_changed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    base = tmp_path / "base.yaml"
    head = tmp_path / "head.yaml"
    base.write_text(
        "name: d\nregion: eu-west-1\nresources:\n"
        "  fn: {kind: lambda, memory_mb: 128}\n  old: {kind: sqs}\n  same: {kind: sns}\n"
        "connections:\n  - fn -> old\n"
    )
    head.write_text(
        "name: d\nregion: eu-west-1\nresources:\n"
        "  fn: {kind: lambda, memory_mb: 256}\n  new: {kind: dynamodb}\n  same: {kind: sns}\n"
        "connections:\n  - fn -> new\n"
    )
    assert main(["render", "--diff", str(base), str(head)]) == 0
    out = capsys.readouterr().out
    assert re.search(r"class n_fn st_changed", out)
    assert re.search(r"class n_new st_added", out)
    assert re.search(r"class n_old st_removed", out)
    assert "n_same" in out and not re.search(r"class [^\n]*n_same[^\n]* st_", out)
    assert "linkStyle 0 stroke:#2e7d32" in out and "linkStyle 1 stroke:#c62828" in out
    assert 'legend_added["added"]' in out


def test_diff_draws_a_resource_whose_kind_changed_once_as_changed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    base = tmp_path / "base.yaml"
    head = tmp_path / "head.yaml"
    base.write_text("name: d\nregion: eu-west-1\nresources:\n  bus: {kind: sqs}\n")
    head.write_text("name: d\nregion: eu-west-1\nresources:\n  bus: {kind: sns}\n")
    assert main(["render", "--diff", str(base), str(head)]) == 0
    out = capsys.readouterr().out
    assert re.search(r"class n_bus st_changed", out)
    assert out.count("n_bus[") == 1  # one node, not a removed SQS beside an added SNS
    assert "legend_added" not in out and "legend_removed" not in out


def test_with_findings_colours_nodes_by_their_worst_finding(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["render", str(FIXTURES / "three-tier.yaml"), "--with-findings"]) == 0
    out = capsys.readouterr().out
    assert re.search(r"class [\w,]+ sev_(critical|high|medium|low)", out)
    assert "subgraph legend" in out and "worst finding:" in out


def test_findings_view_keeps_flagged_resources_and_neighbours(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["render", str(FIXTURES / "three-tier.yaml"), "--view", "findings"]) == 0
    out = capsys.readouterr().out
    flagged = {n for group in re.findall(r"class ([\w,]+) sev_", out) for n in group.split(",")}
    assert flagged
    drawn = set(re.findall(r"^\s+(n_\w+)[\[({>]", out, re.M))
    edges = re.findall(r"^\s+(n_\w+) [-.=>]+(?:\|[^\n]*\|)? (n_\w+)$", out, re.M)
    neighbours = {b if a in flagged else a for a, b in edges if {a, b} & flagged}
    assert flagged <= drawn and drawn <= flagged | neighbours
    assert main(["render", str(FIXTURES / "three-tier.yaml")]) == 0
    whole = set(re.findall(r"^\s+(n_\w+)[\[({>]", capsys.readouterr().out, re.M))
    # Resources neither flagged nor next to a flagged one are left out (placeholders for the
    # zones a resource misses are drawn only with findings).
    assert {n for n in drawn if "_missing_" not in n} < whole


def test_with_cost_shows_costs_and_subtotals_never_zero_for_missing_prices(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["render", str(FIXTURES / "three-tier.yaml"), "--with-cost"]) == 0
    out = capsys.readouterr().out
    assert re.search(r'n_worker\(\["worker<br/>Lambda<br/>\$\d+\.\d\d/mo"\]\)', out)
    assert "price missing" in out  # an EC2 instance without an instance type
    assert re.search(r"subtotal \$[\d,]+\.\d\d/mo", out)
    assert "$0.00/mo" not in out


def test_relations_choose_which_references_are_drawn() -> None:
    arch = load_architecture(str(FIXTURES / "three-tier.yaml"))

    def relation_labels(view: str, relations: str) -> set[str | None]:
        scene = build_scene(arch, view, relations)
        return {e.label for e in scene.edges if e.kind == "relation"}

    assert relation_labels("infra", "auto") == {"routes to", "proxies to", "standby replica"}
    assert "encrypted by" in relation_labels("infra", "all")
    assert relation_labels("infra", "none") == set()
    # The layered map hides references unless asked (its caption says so).
    assert relation_labels("layers", "auto") == set()
    assert build_scene(arch, "layers").caption
    assert "encrypted by" in relation_labels("layers", "all")
    assert "in VPC" in relation_labels("layers", "all")  # subnets are drawn as their VPC


def test_view_headings_are_inert_markdown() -> None:
    heading = mermaid.markdown_heading("a <script>x</script> [link](javascript:y) # *b*\nc")
    assert "<" not in heading and "](" not in heading and "\n" not in heading
    assert heading.startswith("a &lt;script&gt;")


def test_accounts_and_regions_each_get_their_box() -> None:
    arch = load(
        """
        name: multi
        account: "111111111111"
        region: eu-west-1
        resources:
          a: {kind: lambda}
          b: {kind: lambda, region: us-east-1}
          c: {kind: lambda, account: "222222222222"}
          d: {kind: s3, account: "222222222222"}
        """
    )
    scene = build_scene(arch, "infra")
    accounts = [g.label for g in scene.root.groups]
    assert accounts == ["AWS account 111111111111", "AWS account 222222222222"]
    first, second = scene.root.groups
    assert [g.label for g in first.groups] == ["eu-west-1", "us-east-1"]
    assert [g.label for g in second.groups] == ["eu-west-1", "Global services"]
    assert second.groups[1].nodes == ["d"]
