"""Data flows a model's own fields imply, decided once for templates, plans and discovery.

Every source reads the targets, origins and event sources a resource names into the model's
fields (a proxy's ``targets``, a distribution's ``origins``, a rule's ``targets``, a log
group's ``logs_of``, a function's ``event_sources``); the flows those fields imply, and what a
flow's target says about the flow (a database's protocol, TLS it enforces), are decided here
only, over field dicts as the model holds them. Flows a format shows in other ways (references
in a template, security group reachability discovered live) are the sources' own;
``describe`` decorates them too.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

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
    and spec.kind not in ("backup_plan", "backup_selection", "backup_vault", "db_snapshot")
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
