"""Data flows a model's own fields imply, decided once for templates, plans and discovery.

Every source reads the targets, origins and event sources a resource names into the model's
fields (a proxy's ``targets``, a distribution's ``origins``, a rule's ``targets``, a log
group's ``logs_of``, a function's ``event_sources``, an API's ``integrations``); the flows
those fields imply, and what a flow's target says about the flow (a database's protocol, TLS
it enforces), are decided here only, over field dicts as the model holds them. Flows a format
shows in other ways (references in a template, security group reachability discovered live)
are the sources' own; ``describe`` decorates them too.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from archcode.model.registry import BY_KIND

Fields = Mapping[str, Any]

# Kinds whose references to data and messaging resources are data flows.
FLOW_SOURCES = frozenset(
    {
        "lambda_function",
        "ec2_instance",
        "autoscaling_group",
        "ecs_service",
        "eks_cluster",
        "elastic_beanstalk_environment",
        "step_functions_state_machine",
        "codebuild_project",
    }
)
FLOW_TARGETS = frozenset(
    spec.kind
    for spec in BY_KIND.values()
    if spec.layer in ("storage", "integration")
    and spec.kind
    not in ("backup_plan", "backup_selection", "backup_vault", "db_snapshot", "ebs_snapshot")
) | {"secrets_manager_secret", "lambda_function"}
# Services reached through the AWS API (always TLS); a database protocol is not known.
HTTPS_TARGETS = frozenset(
    {
        "s3_bucket",
        "dynamodb_table",
        "sqs_queue",
        "sns_topic",
        "secrets_manager_secret",
        "kinesis_stream",
        "lambda_function",
        "eventbridge_bus",
        "step_functions_state_machine",
        "cloudwatch_log_group",
        "kms_key",
        "api_gateway",  # execute-api endpoints accept HTTPS only
    }
)
# Database protocols by engine, for flows to a proxy or a database.
_DB_PROTOCOLS = {"postgres": "postgresql", "aurora-postgresql": "postgresql", "mysql": "mysql",
                 "aurora-mysql": "mysql", "mariadb": "mysql", "POSTGRESQL": "postgresql",
                 "MYSQL": "mysql"}  # fmt: skip


def https(kind: str | None) -> dict[str, Any]:
    return {"protocol": "https"} if kind in HTTPS_TARGETS else {}


def _origin_protocol(distribution: Fields, origin: Fields, kind: str | None) -> dict[str, Any]:
    """CloudFront speaks to an origin as its protocol policy says (match-viewer: as the viewer
    does, which is HTTPS only when the viewer policy forces it)."""
    policy = origin.get("origin_protocol_policy")
    if policy == "http-only":
        return {"protocol": "http"}
    if policy == "https-only":
        return {"protocol": "https"}
    viewer = distribution.get("viewer_protocol_policy")
    if policy == "match-viewer":
        return {"protocol": "https"} if viewer in ("https-only", "redirect-to-https") else {}
    return https(kind)


def implied_flows(resources: Mapping[str, Fields]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """(source, target, details) for every flow the resources' fields imply."""

    def kind(rid: Any) -> str | None:
        found = resources.get(rid) if isinstance(rid, str) else None
        return None if found is None else found.get("kind")

    def flow(source: Any, target: Any, **details: Any) -> Iterator[tuple[str, str, dict[str, Any]]]:
        if kind(source) and kind(target) and source != target:
            yield str(source), str(target), details

    for rid, fields in resources.items():
        what = fields.get("kind")
        if what == "rds_proxy":
            for target in fields.get("targets") or []:
                yield from flow(rid, target, label="proxies to")
        elif what == "load_balancer":
            for target in fields.get("targets") or []:
                yield from flow(rid, target, label="forwards to")
        elif what == "cloudfront_distribution":
            for origin in fields.get("origins") or []:
                target = origin.get("target")
                protocol = _origin_protocol(fields, origin, kind(target))
                yield from flow(rid, target, label="origin", **protocol)
        elif what == "eventbridge_rule":  # events go from the bus through the rule
            for target in fields.get("targets") or []:
                if kind(target) in FLOW_TARGETS:
                    yield from flow(rid, target, label="triggers", **https(kind(target)))
                    yield from flow(fields.get("bus"), target, **https(kind(target)))
        elif what == "cloudwatch_log_group":
            for source in fields.get("logs_of") or []:
                if kind(source) in FLOW_SOURCES:
                    yield from flow(source, rid, protocol="https")
        elif what == "api_gateway":  # what its integrations call
            for target in fields.get("integrations") or []:
                yield from flow(rid, target, label="integration", **https(kind(target)))
        elif what == "lambda_function":  # what feeds the function its events
            for source in fields.get("event_sources") or []:
                yield from flow(source, rid, label="event source", **https(what))
        elif what == "db_snapshot":  # an export writes the snapshot to the bucket
            yield from flow(rid, fields.get("exported_to"), **https("s3_bucket"))


def describe(details: dict[str, Any], target: Fields) -> None:
    """What the target says about a flow to it: a database's protocol by engine, encrypted when
    it forces TLS; HTTPS to an OpenSearch domain that enforces it; TLS to MSK brokers."""
    what = target.get("kind")
    if what in ("rds_proxy", "rds_instance", "rds_cluster"):
        protocol = _DB_PROTOCOLS.get(str(target.get("engine_family") or target.get("engine")))
        if protocol and "protocol" not in details:
            details["protocol"] = protocol
        if target.get("require_tls") is True:
            details["encrypted"] = True
    elif what == "opensearch_domain" and target.get("enforce_https") is True:
        details.setdefault("protocol", "https")
    elif what == "msk_cluster" and target.get("client_broker_encryption") == "TLS":
        details.setdefault("protocol", "tls")  # the brokers accept TLS clients only


class FlowGraph(Protocol):
    """Resources (model-shaped field dicts), connections by (source, target), and actors."""

    resources: dict[str, dict[str, Any]]
    connections: dict[tuple[str, str], dict[str, Any]]
    actors: dict[str, dict[str, Any]]

    def connect(self, source: str, target: str, **details: Any) -> None: ...


@dataclass
class Flows:
    """A FlowGraph over discovered resources (templates and plans use their Draft)."""

    resources: dict[str, dict[str, Any]]
    connections: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)
    actors: dict[str, dict[str, Any]] = field(default_factory=dict)

    def connect(self, source: str, target: str, **details: Any) -> None:
        if source != target and (source, target) not in self.connections:
            self.connections[(source, target)] = {"from": source, "to": target, **details}


def derive(graph: FlowGraph) -> None:
    """Flows that follow from the model's fields, sent through VPC endpoints, described by
    their targets; then the internet in front of entry points. The same for every source."""
    for source, target, details in list(implied_flows(graph.resources)):
        graph.connect(source, target, **details)
    _through_endpoints(graph)
    for (_source, target), details in graph.connections.items():
        describe(details, graph.resources.get(target, {}))
    _internet(graph)


INTERNET = "internet"
# VPC endpoint service name (the last part of com.amazonaws.<region>.<name>) -> kind it reaches.
ENDPOINT_SERVICES = {
    "s3": "s3_bucket",
    "dynamodb": "dynamodb_table",
    "secretsmanager": "secrets_manager_secret",
    "sqs": "sqs_queue",
    "sns": "sns_topic",
    "kinesis-streams": "kinesis_stream",
    "lambda": "lambda_function",
    "kms": "kms_key",
    "logs": "cloudwatch_log_group",
    "events": "eventbridge_bus",
    "states": "step_functions_state_machine",
}


def _entry_protocol(fields: dict[str, Any]) -> dict[str, Any]:
    kind = fields["kind"]
    if kind == "api_gateway":
        return {"protocol": "https"}
    if kind == "cloudfront_distribution":
        policy = fields.get("viewer_protocol_policy")
        if policy in ("redirect-to-https", "https-only"):
            return {"protocol": "https"}
        return {"protocol": "http"} if policy == "allow-all" else {}
    listeners = fields.get("listeners") or []
    if listeners and all(
        str(item.get("protocol")) in ("HTTPS", "TLS") or item.get("redirect_to_https")
        for item in listeners
    ):
        return {"protocol": "https"}
    return {}


def _internet(graph: FlowGraph) -> None:
    """The internet reaches every entry point that no other entry point fronts.

    CloudFront, public API Gateway APIs and internet-facing load balancers are entry points;
    one behind another (an API as a CloudFront origin) is drawn behind it, as architects do.
    """
    entries = {
        rid
        for rid, fields in graph.resources.items()
        if fields["kind"] == "cloudfront_distribution"
        or (fields["kind"] == "api_gateway" and fields.get("endpoint_type") != "private")
        or (fields["kind"] == "load_balancer" and fields.get("scheme") == "internet-facing")
    }
    fronted = {target for source, target in graph.connections if source in entries}
    actor = INTERNET if INTERNET not in graph.resources else f"{INTERNET}-actor"
    for rid in sorted(entries - fronted):
        graph.actors[actor] = {"kind": "internet", "name": "The internet"}
        graph.connect(actor, rid, **_entry_protocol(graph.resources[rid]))


def _vpc_of(graph: FlowGraph, rid: str) -> str | None:
    for subnet in graph.resources[rid].get("subnets", []):
        vpc = graph.resources.get(subnet, {}).get("vpc")
        if vpc:
            return str(vpc)
    return None


def _through_endpoints(graph: FlowGraph) -> None:
    """A flow from inside a VPC to a service with an endpoint in that VPC goes through it."""
    endpoints: dict[tuple[str, str], str] = {}
    for rid, fields in graph.resources.items():
        if fields["kind"] == "vpc_endpoint" and fields.get("vpc"):
            reaches = ENDPOINT_SERVICES.get(str(fields.get("service")))
            if reaches:
                endpoints.setdefault((str(fields["vpc"]), reaches), rid)
    if not endpoints:
        return
    for (source, target), details in list(graph.connections.items()):
        if source not in graph.resources or target not in graph.resources:
            continue
        vpc = _vpc_of(graph, source)
        endpoint = endpoints.get((vpc, graph.resources[target]["kind"])) if vpc else None
        if endpoint is None or endpoint in (source, target):
            continue
        del graph.connections[(source, target)]
        extra = {k: v for k, v in details.items() if k not in ("from", "to")}
        graph.connect(source, endpoint, **extra)
        graph.connect(endpoint, target, **extra)
