"""The five seed architectures under examples/: they validate, and they say what the seeds say."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from typing import TypeVar

import networkx as nx
import pytest
from tests.conftest import ROOT

from archcode.cli import main
from archcode.collectors import load_architecture
from archcode.model import Architecture
from archcode.model.base import Resource, VpcPlaced
from archcode.model.graph import CONNECTS_TO, flow_graph, to_graph
from archcode.model.kinds.compute import EcsService, LambdaFunction
from archcode.model.kinds.data import (
    DbSnapshot,
    DynamodbTable,
    OpensearchDomain,
    RdsInstance,
    RdsProxy,
    S3Bucket,
)
from archcode.model.kinds.network import (
    ApiGateway,
    CloudFrontDistribution,
    LoadBalancer,
    Route53Zone,
    SecurityGroup,
    Subnet,
    VpcEndpoint,
)
from archcode.model.kinds.security import IamRole, KmsKey
from archcode.model.registry import BY_KIND

EXAMPLES_DIR = ROOT / "examples"
SEED_MAP = ROOT / "tests" / "fixtures" / "seeds" / "aws-layered-map.mmd"
R = TypeVar("R", bound=Resource)
NAMES = (
    "aws-layered-map",
    "cloudfront-lambda-dynamodb",
    "modern-serverless-app",
    "serverless-django",
    "serverless-encrypted-backups",
)


@cache
def example(name: str) -> Architecture:
    return load_architecture(str(EXAMPLES_DIR / f"{name}.yaml"))


def test_exactly_the_five_seed_examples_exist() -> None:
    assert sorted(p.stem for p in EXAMPLES_DIR.glob("*.yaml")) == sorted(NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_example_validates_through_the_cli(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    path = str(EXAMPLES_DIR / f"{name}.yaml")
    assert main(["validate", path]) == 0
    assert capsys.readouterr().out.startswith(f"{path}: ok (")


@pytest.mark.parametrize("name", NAMES)
def test_example_header_names_schema_seed_and_deliberate_findings(name: str) -> None:
    text = (EXAMPLES_DIR / f"{name}.yaml").read_text()
    assert text.startswith("# yaml-language-server: $schema=../schema/archcode.schema.json\n")
    header = text.split("\narchcode: 1\n", 1)[0]
    assert re.search(r'# Seed: "[^"/]+"', header)  # the seed by its title, no path
    assert "DELIBERATE findings" in header


@pytest.mark.parametrize("name", NAMES)
def test_every_flow_starts_at_an_actor_or_is_reached_from_one(name: str) -> None:
    arch = example(name)
    assert arch.actors, "the seeds start their data flows at users, browsers or apps"
    flows = flow_graph(to_graph(arch)).to_networkx()
    reached = set().union(*(nx.descendants(flows, a) | {a} for a in arch.actors))
    first_hops = {c.target for c in arch.connections if c.source in arch.actors}
    assert first_hops - set(arch.actors), "some flow must enter AWS from an actor"
    assert reached & set(arch.resources)


def _flows(arch: Architecture) -> set[tuple[str, str]]:
    return {(c.source, c.target) for c in arch.connections}


def get(arch: Architecture, rid: str | None, cls: type[R]) -> R:
    """The resource `rid`, which must be of the model class `cls`."""
    assert rid is not None
    resource = arch.resources[rid]
    assert isinstance(resource, cls), (rid, resource.kind)
    return resource


def all_of(arch: Architecture, cls: type[R]) -> list[tuple[str, R]]:
    return [(rid, r) for rid, r in arch.resources.items() if isinstance(r, cls)]


# --- serverless-django -----------------------------------------------------------------------


def test_django_reaches_its_database_only_through_rds_proxy() -> None:
    arch = example("serverless-django")
    ((lambda_id, _),) = all_of(arch, LambdaFunction)
    ((proxy_id, proxy),) = all_of(arch, RdsProxy)
    ((db_id, _),) = all_of(arch, RdsInstance)
    assert proxy.targets == [db_id]
    flows = _flows(arch)
    assert {(lambda_id, proxy_id), (proxy_id, db_id)} <= flows
    assert (lambda_id, db_id) not in flows
    # Every path from the users to the database goes through the proxy.
    graph = flow_graph(to_graph(arch)).to_networkx()
    graph.remove_node(proxy_id)
    assert not any(nx.has_path(graph, actor, db_id) for actor in arch.actors)


def test_django_follows_the_seeds_security_section() -> None:
    arch = example("serverless-django")
    db = get(arch, "db", RdsInstance)
    assert (db.storage_encrypted, db.publicly_accessible, db.require_tls) == (True, False, True)
    assert get(arch, db.kms_key, KmsKey).manager == "customer"
    for rid in ("django", "db", "db_proxy"):
        for subnet in get(arch, rid, VpcPlaced).subnets:
            assert get(arch, subnet, Subnet).public is False, (rid, subnet)
    # The database's security group admits the proxy's security group only.
    (db_sg,) = db.security_groups
    (proxy_sg,) = get(arch, "db_proxy", RdsProxy).security_groups
    rules = get(arch, db_sg, SecurityGroup).ingress
    assert rules and all(r.security_group == proxy_sg and not r.cidr for r in rules)
    # Credentials come from Secrets Manager, granted by a real policy on the execution role.
    role = get(arch, get(arch, "django", LambdaFunction).role, IamRole)
    grants = {
        (action, resource)
        for document in role.inline_policies.values()
        for statement in document.statement
        for action in statement.action or []
        for resource in statement.resource or []
    }
    assert any(a == "secretsmanager:GetSecretValue" and ":secret:" in r for a, r in grants)
    assert {e.service for _, e in all_of(arch, VpcEndpoint)} == {"s3", "secretsmanager"}


# --- serverless-encrypted-backups ------------------------------------------------------------


def test_backups_are_copied_to_a_second_region_under_a_key_of_that_region() -> None:
    arch = example("serverless-encrypted-backups")
    copies = [(rid, s) for rid, s in all_of(arch, DbSnapshot) if s.copy_of]
    assert copies
    for rid, copy in copies:
        original = get(arch, copy.copy_of, DbSnapshot)
        assert copy.region and original.region and copy.region != original.region, rid
        key = get(arch, copy.kms_key, KmsKey)
        assert (key.region, key.manager, copy.encrypted) == (copy.region, "customer", True)
        source = get(arch, original.source, RdsInstance)
        assert source.storage_encrypted is True and source.region == original.region


def test_backups_snapshot_is_encrypted_with_the_customer_key_and_kept_in_s3() -> None:
    arch = example("serverless-encrypted-backups")
    ((_, snapshot),) = [(rid, s) for rid, s in all_of(arch, DbSnapshot) if s.source]
    key = get(arch, snapshot.kms_key, KmsKey)
    assert (key.manager, key.region, snapshot.encrypted) == ("customer", "us-east-1", True)
    assert get(arch, snapshot.exported_to, S3Bucket).encryption == "sse-kms"
    assert {("backend", "db_proxy"), ("db_proxy", "db")} <= _flows(arch)
    assert all_of(arch, Route53Zone)
    assert all_of(arch, CloudFrontDistribution)


# --- cloudfront-lambda-dynamodb --------------------------------------------------------------


def test_cloudfront_usage_reproduces_the_seeds_cost_estimate() -> None:
    arch = example("cloudfront-lambda-dynamodb")
    ((_, cdn),) = all_of(arch, CloudFrontDistribution)
    usage = cdn.usage
    assert usage is not None and usage.users and usage.mb_per_visit and usage.visits_per_user
    gb = usage.users * usage.mb_per_visit * usage.visits_per_user / 1024
    assert round(gb * 0.17, 2) == 332.03  # the seed's upper bound at its own $0.17/GB
    assert usage.viewer_region == "india"
    ((_, backend),) = all_of(arch, LambdaFunction)
    assert backend.usage is not None and backend.usage.monthly_requests is not None
    assert round(backend.usage.monthly_requests * 0.20 / 1_000_000, 2) == 0.04
    assert backend.usage.monthly_requests == usage.users * usage.visits_per_user


def test_cloudfront_fronts_both_the_site_and_the_api() -> None:
    arch = example("cloudfront-lambda-dynamodb")
    ((_, cdn),) = all_of(arch, CloudFrontDistribution)
    origin_kinds = {arch.resources[str(o.target)].kind for o in cdn.origins}
    assert origin_kinds == {"s3_bucket", "api_gateway"}
    graph = flow_graph(to_graph(arch)).to_networkx()
    ((table_id, table),) = all_of(arch, DynamodbTable)
    path = nx.shortest_path(graph, "browser", table_id)
    kinds = [arch.resources[n].kind for n in path[1:]]
    assert kinds == ["cloudfront_distribution", "api_gateway", "lambda_function", "dynamodb_table"]
    # The seed admits no self-recovery and no monitoring yet.
    assert not arch.of_kind("cloudwatch_alarm")
    assert table.point_in_time_recovery is False


# --- modern-serverless-app -------------------------------------------------------------------


def test_modern_app_has_one_public_and_one_private_subnet_per_az() -> None:
    arch = example("modern-serverless-app")
    by_az: dict[str, list[bool]] = {}
    for _, subnet in all_of(arch, Subnet):
        by_az.setdefault(str(subnet.az), []).append(bool(subnet.public))
    assert len(by_az) >= 2
    assert all(sorted(kinds) == [False, True] for kinds in by_az.values())
    assert arch.of_kind("internet_gateway")
    for _, sg in all_of(arch, SecurityGroup):
        assert sg.ingress, "every security group states its inbound rules"


def test_modern_app_has_every_service_the_seed_names() -> None:
    arch = example("modern-serverless-app")
    kinds = {r.kind for r in arch.resources.values()}
    named = {
        "elastic_beanstalk_environment",  # ReactJS frontend and Python backend
        "ecs_service",  # Fargate backend services
        "api_gateway",  # REST and WebSockets
        "eventbridge_bus",  # event router
        "msk_cluster",  # Apache Kafka
        "rds_cluster",  # Amazon Aurora
        "dynamodb_table",
        "opensearch_domain",  # Elasticsearch
        "eks_cluster",  # AWS Load Balancer Controller
        "load_balancer",  # ALB and NLB
        "autoscaling_group",
        "codepipeline_pipeline",
        "cloudwatch_log_group",
        "iam_role",
        "kms_key",
    }
    assert named <= kinds
    assert {a.api_type for _, a in all_of(arch, ApiGateway)} == {"rest", "websocket"}
    assert {lb.type for _, lb in all_of(arch, LoadBalancer)} == {"application", "network"}
    ((_, search),) = all_of(arch, OpensearchDomain)
    assert str(search.engine_version).startswith("Elasticsearch")
    assert [s for _, s in all_of(arch, EcsService) if s.launch_type == "FARGATE"]


# --- aws-layered-map -------------------------------------------------------------------------

# Where each node of the seed's Mermaid map lives in the example (ids), and of which kind.
LAYERED_MAP: dict[str, tuple[tuple[str, ...], str]] = {
    "Users": (("users",), "users"),
    "WebApp": (("web_app",), "web_app"),
    "MobileApp": (("mobile_app",), "mobile_app"),
    "API": (("api",), "api_client"),
    "EC2": (("ec2",), "ec2_instance"),
    "Lambda": (("lambda",), "lambda_function"),
    "ECS": (("ecs",), "ecs_service"),
    "EKS": (("eks",), "eks_cluster"),
    "VPC": (("vpc",), "vpc"),
    "ALB": (("alb",), "load_balancer"),
    "NLB": (("nlb",), "load_balancer"),
    "APIGW": (("apigw",), "api_gateway"),
    "CloudFront": (("cloudfront",), "cloudfront_distribution"),
    "S3": (("s3",), "s3_bucket"),
    "EBS": (("ebs",), "ebs_volume"),
    "RDS": (("rds",), "rds_instance"),
    "DynamoDB": (("dynamodb",), "dynamodb_table"),
    "EFS": (("efs",), "efs_file_system"),
    "IAM": (("ec2_role", "lambda_role", "ecs_task_role", "eks_role"), "iam_role"),
    "KMS": (("kms",), "kms_key"),
    "WAF": (("waf",), "waf_web_acl"),
    "Shield": (("shield",), "shield_protection"),
    "SecretsManager": (("secrets_manager",), "secrets_manager_secret"),
    "CloudWatch": (("cloudwatch", "cloudwatch_alarm"), "cloudwatch_*"),
    "CloudTrail": (("cloudtrail",), "cloudtrail_trail"),
    "XRay": (("xray",), "xray_group"),
    "CodePipeline": (("codepipeline",), "codepipeline_pipeline"),
    "CodeBuild": (("codebuild",), "codebuild_project"),
    "CodeDeploy": (("codedeploy",), "codedeploy_application"),
}
# The Infrastructure layer is placement (region, availability zones), not resources.
INFRASTRUCTURE = {"Regions", "AvailabilityZones", "DataCenters"}
SEED_LAYERS = {
    "User & Application Layer": "actors",
    "AWS Compute Layer": "compute",
    "AWS Networking Layer": "networking",
    "AWS Storage Layer": "storage",
    "AWS Security Layer": "security",
    "AWS Operations Layer": "operations",
    "AWS Infrastructure Layer": "infrastructure",
}


def _mermaid_block() -> str:
    return SEED_MAP.read_text()


def seed_nodes() -> dict[str, str]:
    """Node id -> layer, from the seed's Mermaid subgraphs."""
    nodes: dict[str, str] = {}
    layer = None
    for line in _mermaid_block().splitlines():
        line = line.strip()
        if start := re.match(r'subgraph "(.+)"', line):
            layer = SEED_LAYERS[start.group(1)]
        elif line == "end":
            layer = None
        elif layer and (node := re.match(r"(\w+)\[", line)):
            nodes[node.group(1)] = layer
    return nodes


def seed_edges() -> Iterator[tuple[str, str]]:
    for line in _mermaid_block().splitlines():
        if edge := re.fullmatch(r"\s*(\w+) --> (\w+)\s*", line):
            yield edge.group(1), edge.group(2)


def test_layered_map_covers_every_node_of_the_seed() -> None:
    nodes = seed_nodes()
    assert len(nodes) == 32  # 4 actors, 25 services, 3 infrastructure nodes
    assert set(nodes) == set(LAYERED_MAP) | INFRASTRUCTURE


def test_layered_map_places_every_node_with_its_kind_and_layer() -> None:
    arch = example("aws-layered-map")
    for node, (ids, kind) in LAYERED_MAP.items():
        for node_id in ids:
            found = arch.node(node_id)
            assert found is not None, (node, node_id)
            if node_id in arch.actors:
                assert found.kind == kind, node
                continue
            assert found.kind == kind or (
                kind.endswith("*") and found.kind.startswith(kind[:-1])
            ), (node, found.kind)
            resource = arch.resources[node_id]
            assert resource.tags.get("layer") == BY_KIND[resource.kind].layer, node_id


def test_layered_map_layers_agree_with_the_seed() -> None:
    arch = example("aws-layered-map")
    for node, layer in seed_nodes().items():
        if layer in ("actors", "infrastructure"):
            continue
        for node_id in LAYERED_MAP[node][0]:
            assert arch.resources[node_id].tags["layer"] == layer, node


def test_layered_map_draws_every_arrow_of_the_seed() -> None:
    arch = example("aws-layered-map")
    graph = to_graph(arch).to_networkx().to_undirected(as_view=True)
    for source, target in seed_edges():
        if source in INFRASTRUCTURE or target in INFRASTRUCTURE:
            _assert_placed(arch, source, target)
            continue
        sources, targets = LAYERED_MAP[source][0], LAYERED_MAP[target][0]
        if target == "VPC":  # containment: placed in subnets of the VPC
            for rid in sources:
                subnets = get(arch, rid, VpcPlaced).subnets
                assert subnets, rid
                assert all(get(arch, s, Subnet).vpc == "vpc" for s in subnets), rid
            continue
        assert any(graph.has_edge(a, b) for a in sources for b in targets), (source, target)


def _assert_placed(arch: Architecture, source: str, target: str) -> None:
    assert arch.region
    if target == "AvailabilityZones":
        for rid in LAYERED_MAP[source][0]:
            azs = {get(arch, s, Subnet).az for s in get(arch, rid, VpcPlaced).subnets}
            assert azs and all(str(az).startswith(arch.region) for az in azs), rid
    elif target == "Regions" and source == "VPC":
        assert arch.resources["vpc"].region == arch.region


def test_layered_map_data_flows_start_at_the_users() -> None:
    arch = example("aws-layered-map")
    graph = flow_graph(to_graph(arch)).to_networkx()
    for target in ("apigw", "lambda", "ec2", "ecs", "eks", "dynamodb", "rds"):
        assert nx.has_path(graph, "users", target), target
    assert all(d["relation"] == CONNECTS_TO for *_, d in graph.edges(data=True))
    rds = get(arch, "rds", RdsInstance)
    assert len({get(arch, s, Subnet).az for s in rds.subnets}) >= 2 and rds.multi_az is True
