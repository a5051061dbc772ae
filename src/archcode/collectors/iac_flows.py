"""Data flows an IaC source implies but does not write down as connections.

Importers add the flows their format shows (a function's environment naming a table, an API
integration naming a function); ``derive_flows`` then adds those that follow from the model's
own fields (collectors.flows, shared with discovery: a proxy reaches its targets, a function
writes to its log group) and sends flows from inside a VPC through the VPC endpoint of the
service they reach, as the traffic goes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from archcode.collectors.flows import FLOW_SOURCES, FLOW_TARGETS, describe, https, implied_flows

if TYPE_CHECKING:
    from archcode.collectors.iac_draft import Draft

__all__ = ["FLOW_SOURCES", "FLOW_TARGETS", "derive_flows", "https"]
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


def derive_flows(draft: Draft) -> None:
    """Flows that follow from the model's fields (decided in collectors.flows, as for
    discovery), through VPC endpoints, described by their targets; then the internet in front
    of entry points."""
    for source, target, details in list(implied_flows(draft.resources)):
        draft.connect(source, target, **details)
    _through_endpoints(draft)
    for (_source, target), details in draft.connections.items():
        describe(details, draft.resources.get(target, {}))
    _internet(draft)


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


def _internet(draft: Draft) -> None:
    """The internet reaches every entry point that no other entry point fronts.

    CloudFront, public API Gateway APIs and internet-facing load balancers are entry points;
    one behind another (an API as a CloudFront origin) is drawn behind it, as architects do.
    """
    entries = {
        rid
        for rid, fields in draft.resources.items()
        if fields["kind"] == "cloudfront_distribution"
        or (fields["kind"] == "api_gateway" and fields.get("endpoint_type") != "private")
        or (fields["kind"] == "load_balancer" and fields.get("scheme") == "internet-facing")
    }
    fronted = {target for source, target in draft.connections if source in entries}
    actor = INTERNET if INTERNET not in draft.resources else f"{INTERNET}-actor"
    for rid in sorted(entries - fronted):
        draft.actors[actor] = {"kind": "internet", "name": "The internet"}
        draft.connect(actor, rid, **_entry_protocol(draft.resources[rid]))


def _vpc_of(draft: Draft, rid: str) -> str | None:
    for subnet in draft.resources[rid].get("subnets", []):
        vpc = draft.resources.get(subnet, {}).get("vpc")
        if vpc:
            return str(vpc)
    return None


def _through_endpoints(draft: Draft) -> None:
    """A flow from inside a VPC to a service with an endpoint in that VPC goes through it."""
    endpoints: dict[tuple[str, str], str] = {}
    for rid, fields in draft.resources.items():
        if fields["kind"] == "vpc_endpoint" and fields.get("vpc"):
            reaches = ENDPOINT_SERVICES.get(str(fields.get("service")))
            if reaches:
                endpoints.setdefault((str(fields["vpc"]), reaches), rid)
    if not endpoints:
        return
    for (source, target), details in list(draft.connections.items()):
        if source not in draft.resources or target not in draft.resources:
            continue
        vpc = _vpc_of(draft, source)
        endpoint = endpoints.get((vpc, draft.resources[target]["kind"])) if vpc else None
        if endpoint is None or endpoint in (source, target):
            continue
        del draft.connections[(source, target)]
        extra = {k: v for k, v in details.items() if k not in ("from", "to")}
        draft.connect(source, endpoint, **extra)
        draft.connect(endpoint, target, **extra)
