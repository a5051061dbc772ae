"""The analyses behind the catalogue: placement, reachability, traffic paths, backups, names."""

from __future__ import annotations

import pytest
from tests.conftest import load

from archcode.model.architecture import Architecture
from archcode.rules.analysis.backup import copy_regions, selections_by_resource
from archcode.rules.analysis.paths import actor_to_store, entry_points, entry_to_store, traffic
from archcode.rules.analysis.placement import single_az
from archcode.rules.analysis.reachability import all_of, default_port, open_to_world
from archcode.rules.catalog.secrets import secret_like
from archcode.rules.context import Context

NET = """
name: n
region: us-east-1
resources:
  vpc: {kind: vpc}
  a: {kind: subnet, vpc: vpc, az: us-east-1a}
  b: {kind: subnet, vpc: vpc, az: us-east-1b}
"""


@pytest.mark.parametrize(
    ("body", "confined"),
    [
        ("{kind: rds, multi_az: false}", True),
        ("{kind: rds, multi_az: true}", False),
        ("{kind: rds}", None),
        ("{kind: aurora, instance_count: 1}", True),
        ("{kind: redis, num_nodes: 1}", True),
        ("{kind: redis, multi_az: true}", False),
        ("{kind: efs, one_zone: true}", True),
        ("{kind: ec2, subnets: [a]}", True),
        ("{kind: asg, subnets: [a, b]}", False),
        ("{kind: asg, subnets: [a]}", True),
        ("{kind: ecs, subnets: [a, b], desired_count: 1}", True),
        ("{kind: lambda}", False),
        ("{kind: ecs}", None),
        ("{kind: vpc_endpoint, service: s3, endpoint_type: gateway}", False),
        ("{kind: ebs}", True),
    ],
)
def test_single_az(body: str, confined: bool | None) -> None:
    arch = load(NET + f"  x: {body}\n")
    assert single_az(arch.resources["x"], Context(arch)) is confined


def test_aurora_member_follows_its_cluster() -> None:
    arch = load(NET + "  c: {kind: aurora, multi_az: true}\n  m: {kind: rds, cluster: c}\n")
    assert single_az(arch.resources["m"], Context(arch)) is False


@pytest.mark.parametrize(
    ("name", "secret"),
    [
        ("DB_PASSWORD", True),
        ("db-password", True),
        ("STRIPE_API_KEY", True),
        ("GITHUB_TOKEN", True),
        ("AWS_ACCESS_KEY_ID", True),
        ("JWT_SIGNING_KEY", True),
        ("DATABASE_CONNECTION_STRING", True),
        ("DB_SECRET_ARN", False),
        ("API_KEY_SECRET_NAME", False),
        ("TOKEN_URL", False),
        ("PASSWORD_MIN_LENGTH", False),
        ("LOG_LEVEL", False),
        ("TABLE_NAME", False),
    ],
)
def test_secret_like_names(name: str, secret: bool) -> None:
    assert secret_like(name) is secret


def test_default_ports_and_world_open_groups() -> None:
    arch = load(
        NET + "  sg: {kind: sg, ingress: [{from_port: 5000, to_port: 6000, cidr: 0.0.0.0/0}]}\n"
        "  pg: {kind: rds, engine: aurora-postgresql, security_groups: [sg]}\n"
        "  my: {kind: rds, engine: mysql, port: 3307, security_groups: [sg]}\n"
        "  cache: {kind: elasticache, engine: memcached}\n"
    )
    ctx = Context(arch)
    pg, my = arch.resources["pg"], arch.resources["my"]
    assert default_port(pg) == 5432  # type: ignore[arg-type]
    assert default_port(my) == 3307  # type: ignore[arg-type]
    assert default_port(arch.resources["cache"]) == 11211  # type: ignore[arg-type]
    assert open_to_world(pg, 5432, ctx) == (True, "sg")  # type: ignore[arg-type]
    assert open_to_world(my, 3307, ctx) == (False, "")  # type: ignore[arg-type]
    assert all_of(True, None) is None and all_of(None, False) is False and all_of(True, True)


def test_traffic_joins_connections_with_origins_targets_and_proxies() -> None:
    arch = load(
        """
        name: t
        actors: {users: {kind: users}}
        resources:
          zone: {kind: route53, domain: example.com, records: [{name: example.com, target: cdn}]}
          cdn: {kind: cloudfront, origins: [{target: lb}]}
          lb: {kind: alb, targets: [app]}
          app: {kind: ecs}
          proxy: {kind: rds_proxy, targets: [db]}
          db: {kind: rds}
        connections: [users -> cdn, {from: app, to: proxy, protocol: tls}]
        """
    )
    ctx = Context(arch)
    graph = traffic(ctx)
    assert set(graph.edges) == {
        ("users", "cdn"),
        ("cdn", "lb"),
        ("lb", "app"),
        ("app", "proxy"),
        ("proxy", "db"),
    }
    assert graph.edges["app", "proxy"]["protocol"] == "tls"
    assert entry_points(ctx) == ["cdn"]
    reach = entry_to_store(ctx)
    assert reach.path_through("app") == ("cdn", "lb", "app", "proxy", "db")
    assert actor_to_store(ctx).path_over("lb", "app") == (
        "users",
        "cdn",
        "lb",
        "app",
        "proxy",
        "db",
    )


def test_long_chains_are_walked_without_recursion() -> None:
    """BFS, not recursion or path enumeration: a 3,000-tier chain still has one witness path."""
    n = 3000
    resources = {f"t{i}": {"kind": "ecs"} for i in range(n)}
    resources["db"] = {"kind": "dynamodb"}
    conns = [{"from": "users", "to": "t0"}]
    conns += [{"from": f"t{i}", "to": f"t{i + 1}"} for i in range(n - 1)]
    conns.append({"from": f"t{n - 1}", "to": "db"})
    arch = Architecture.model_validate(
        {
            "name": "chain",
            "actors": {"users": {"kind": "users"}},
            "resources": resources,
            "connections": conns,
        }
    )
    reach = entry_to_store(Context(arch))
    assert reach.on_path("t1500")
    assert len(reach.path_through("t1500")) == n + 1


def test_backup_selection_by_tag_any_of_and_copy_regions() -> None:
    arch = load(
        """
        name: b
        region: us-east-1
        resources:
          db: {kind: rds, tags: {tier: gold}}
          t: {kind: dynamodb, tags: {backup: 'yes'}}
          untagged: {kind: dynamodb}
          dr: {kind: backup_vault, region: eu-west-1}
          plan: {kind: backup_plan, rules: [{name: r, copy_to: [{vault: dr}]}]}
          sel: {kind: backup_selection, plan: plan, selection_tags: {tier: gold, backup: 'yes'}}
        """
    )
    ctx = Context(arch)
    assert selections_by_resource(ctx) == {"db": ["sel"], "t": ["sel"]}
    assert copy_regions("db", ctx) == ["eu-west-1"]
    assert copy_regions("untagged", ctx) == []
