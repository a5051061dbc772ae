"""Zones as architects draw them: AZ boxes in the VPC, subnets in them (empty ones too), a
resource once per zone it runs in, the gap a multi-AZ finding points at, supporting resources
gathered aside. Checked on the scene, the Mermaid text and the real `dot` SVG."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

from tests.conftest import load

from archcode.collectors import load_architecture
from archcode.renderers import mermaid, prepare, render
from archcode.renderers.overlays import findings_overlay
from archcode.renderers.scene import Scene, SceneGroup
from archcode.renderers.views import build_scene
from archcode.rules.checking import check_loaded

ROOT = Path(__file__).resolve().parent.parent
DJANGO = ROOT / "examples" / "serverless-django.yaml"
SVG = "{http://www.w3.org/2000/svg}"

ONE_ZONE_LAMBDA = """
    name: one zone
    account: "111122223333"
    region: eu-west-1
    actors:
      users: {kind: users}
    resources:
      vpc: {kind: vpc, cidr: 10.0.0.0/16}
      pub-a: {kind: subnet, vpc: vpc, az: eu-west-1a, public: true}
      pub-b: {kind: subnet, vpc: vpc, az: eu-west-1b, public: true}
      app-a: {kind: subnet, vpc: vpc, az: eu-west-1a, public: false}
      app-b: {kind: subnet, vpc: vpc, az: eu-west-1b, public: false}
      spare: {kind: subnet, vpc: vpc, az: eu-west-1c, public: false, name: spare}
      alb: {kind: alb, name: front, subnets: [pub-a, pub-b]}
      fn: {kind: lambda, name: handler, subnets: [app-a], role: fn-role}
      fn-role: {kind: iam_role, name: handler role}
      table: {kind: dynamodb, name: orders}
    connections:
      - {from: users, to: alb, protocol: https, port: 443}
      - {from: alb, to: fn, protocol: https}
      - {from: fn, to: table, protocol: https}
"""


def where(scene: Scene, node_id: str) -> list[SceneGroup]:
    """The boxes around a node, outermost first."""

    def find(group: SceneGroup, trail: list[SceneGroup]) -> list[SceneGroup] | None:
        if node_id in group.nodes:
            return trail
        for child in group.groups:
            found = find(child, [*trail, child])
            if found is not None:
                return found
        return None

    found = find(scene.root, [])
    assert found is not None, node_id
    return found


def zone_of(scene: Scene, node_id: str) -> str:
    return next(g.label for g in where(scene, node_id) if g.role == "az")


def test_serverless_django_is_drawn_in_its_two_zones() -> None:
    scene = build_scene(load_architecture(str(DJANGO)), "infra")
    vpc = next(g for g in scene.root.walk() if g.role == "vpc")
    zones = [g for g in vpc.groups if g.role == "az"]
    assert [z.label for z in zones] == [
        "Availability Zone us-east-1a",
        "Availability Zone us-east-1b",
    ]
    # Lambda, RDS Proxy and the interface endpoint run in both zones: one node in each.
    for rid in ("django", "db_proxy", "secrets_endpoint"):
        copies = [n for n in scene.nodes.values() if n.model_id == rid]
        assert {zone_of(scene, n.id) for n in copies} == {z.label for z in zones}, rid
        assert {n.name for n in copies} == {scene.nodes[rid].name}
        assert all(where(scene, n.id)[-1].role == "private_subnet" for n in copies)
    # The Multi-AZ database: primary and standby, in different zones.
    db = [n for n in scene.nodes.values() if n.model_id == "db"]
    assert sorted(n.note or "" for n in db) == ["primary", "standby"]
    assert len({zone_of(scene, n.id) for n in db}) == 2
    # A gateway endpoint is in the VPC, in no zone.
    assert where(scene, "s3_endpoint")[-1].role == "vpc"


def test_flows_follow_zones_and_a_standby_gets_only_replication() -> None:
    scene = build_scene(load_architecture(str(DJANGO)), "infra")
    flows = {(e.source, e.target) for e in scene.edges if e.kind == "flow"}
    assert ("django", "db_proxy") in flows
    assert ("django@us-east-1b", "db_proxy@us-east-1b") in flows
    assert ("django", "db_proxy@us-east-1b") not in flows  # a zone talks to its own copy
    assert {("api", "django"), ("api", "django@us-east-1b")} <= flows  # the regional fan-out
    assert ("db_proxy", "db") in flows
    assert not any(t == "db@us-east-1b" for _s, t in flows)  # the standby takes no traffic
    labels = [e.label for e in scene.edges if e.source.startswith("django") and "proxy" in e.target]
    assert labels.count("postgresql:5432 ORM queries") == 1  # said once
    assert any(e.target == "db@us-east-1b" and e.label == "standby replica" for e in scene.edges)


def test_empty_subnets_and_zones_are_drawn() -> None:
    scene = build_scene(load(ONE_ZONE_LAMBDA), "infra")
    spare = [g for g in scene.root.walk() if g.key.endswith("subnet:spare")]
    assert len(spare) == 1 and not spare[0].nodes
    assert where(scene, "fn")[-1].role == "private_subnet"
    assert [n.id for n in scene.nodes.values() if n.model_id == "fn"] == ["fn"]  # one zone only
    dot_svg = render(scene, "svg").content
    assert isinstance(dot_svg, str)
    titles = [t.text for t in ET.fromstring(dot_svg).iter(f"{SVG}title")]
    assert "cluster_g_subnet_spare" in titles  # Graphviz drew the empty box
    text = mermaid.render(scene)
    assert re.search(r"subgraph g_subnet_spare \[", text)


def test_a_failed_multi_az_finding_lands_on_the_missing_zone() -> None:
    arch = load(ONE_ZONE_LAMBDA)
    check = check_loaded([("arch.yaml", arch)])
    assert any(
        f.rule.id == "lambda-function-multi-az" and f.status == "FAIL" for f in check.findings
    )
    scene = prepare(arch, "infra", (findings_overlay(check),))
    ghosts = [n for n in scene.nodes.values() if n.missing]
    fn_ghosts = {zone_of(scene, n.id): n for n in ghosts if n.model_id == "fn"}
    # The function runs in 1a: 1b and 1c, where it is missing, carry the finding.
    assert set(fn_ghosts) == {"Availability Zone eu-west-1b", "Availability Zone eu-west-1c"}
    for ghost in fn_ghosts.values():
        assert ghost.decoration.severity is not None
        assert ghost.note is not None and ghost.note.startswith("not in eu-west-1")
        assert where(scene, ghost.id)[-1].role == "private_subnet"  # beside its own tier
    assert not any(n.model_id == "alb" for n in ghosts)  # the ALB covers its VPC's zones
    dot = render(scene, "dot").content
    assert isinstance(dot, str)
    assert re.search(r'n_fn_missing_eu_west_1b \[label="handler\\nLambda\\nnot in eu-west-1b', dot)
    assert "dashed" in dot.split("n_fn_missing_eu_west_1b", 1)[1].split("\n", 1)[0]
    text = mermaid.render(scene)
    assert "not in eu-west-1c" in text
    png = render(scene, "png").content  # for a reviewer: test-artifacts/zone-missing.png
    assert isinstance(png, bytes) and png.startswith(b"\x89PNG")
    (ROOT / "test-artifacts").mkdir(exist_ok=True)
    (ROOT / "test-artifacts" / "zone-missing.png").write_bytes(png)


def test_supporting_resources_are_gathered_beside_what_they_support() -> None:
    scene = build_scene(load_architecture(str(DJANGO)), "infra")
    panel = next(g for g in scene.root.walk() if g.key.endswith("/support"))
    boxes = {g.label: set(g.nodes) for g in panel.groups}
    assert boxes["for Django application"] == {"django_role", "django_logs", "django_errors"}
    assert boxes["for db_proxy"] == {"proxy_role", "db_credentials"}
    assert boxes["shared"] == {"data_key"}  # the database's and the bucket's key
    assert all(scene.nodes[n].supporting for n in panel.node_ids())
    # Their references are hidden unless asked; the caption says so.
    assert not any(e.target == "django_role" for e in scene.edges)
    assert scene.caption and "--relations all" in scene.caption
    everything = build_scene(load_architecture(str(DJANGO)), "infra", "all")
    assert any(e.target == "django_role" for e in everything.edges)
    dot = render(scene, "dot").content
    assert isinstance(dot, str)
    role_line = next(line for line in dot.splitlines() if line.strip().startswith("n_django_role"))
    assert "width=0.8" in role_line and "fontsize=10" in role_line  # drawn small


def test_dot_with_zones_is_byte_identical() -> None:
    arch = load_architecture(str(DJANGO))
    check = check_loaded([(str(DJANGO), arch)])
    first, second = (
        render(prepare(arch, "infra", (findings_overlay(check),)), "dot").content for _ in range(2)
    )
    assert first == second


def test_a_supporting_resource_is_never_owned_by_a_box() -> None:
    arch = load(
        """
        name: owners
        region: eu-west-1
        resources:
          vpc: {kind: vpc}
          a: {kind: subnet, vpc: vpc, az: eu-west-1a}
          logs: {kind: log_group, name: flow logs, logs_of: vpc}  # VPC flow logs: no node
          key: {kind: kms, name: key}
          fn: {kind: lambda, subnets: [a], kms_key: key}
          other: {kind: sqs, kms_key: key}
        """
    )
    scene = build_scene(arch, "infra")
    panel = next(g for g in scene.root.walk() if g.key.endswith("/support"))
    boxes = {g.label: set(g.nodes) for g in panel.groups}
    assert boxes == {"shared": {"key"}, "not attached": {"logs"}}


def test_subnets_whose_zone_is_not_known_still_count_apart() -> None:
    """As in templates that pick zones with `!Select [0, !GetAZs '']`: the load balancer is
    drawn in both its subnets, not once."""
    arch = load(
        """
        name: zones unknown
        region: eu-west-1
        resources:
          vpc: {kind: vpc}
          pub-1: {kind: subnet, vpc: vpc, public: true}
          pub-2: {kind: subnet, vpc: vpc, public: true}
          alb: {kind: alb, subnets: [pub-1, pub-2]}
        """
    )
    scene = build_scene(arch, "infra")
    copies = [n for n in scene.nodes.values() if n.model_id == "alb"]
    assert [n.id for n in copies] == ["alb", "alb@pub-2"]
    assert {where(scene, n.id)[-1].key.rsplit(":", 1)[-1] for n in copies} == {"pub-1", "pub-2"}
    assert not any(g.role == "az" for g in scene.root.walk())
