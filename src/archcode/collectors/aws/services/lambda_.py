"""Lambda: functions (VPC placement, role, environment variable NAMES only, never values),
resource policies, function URLs and event source mappings."""

from __future__ import annotations

from archcode.collectors.aws.draft import Ctx
from archcode.collectors.aws.reader import ABSENT
from archcode.collectors.aws.services.base import ServiceGroup, listing, policy_json

_KIND = ("lambda_function",)


def collect(ctx: Ctx) -> None:
    # Event source mappings, by function: read into the function's event_sources, whose flows
    # are derived as for templates and plans.
    sources: dict[str, list[str]] = {}
    for mapping in (
        ctx.reader.items("list_event_source_mappings", "EventSourceMappings", kinds=_KIND) or []
    ):
        if mapping.get("FunctionArn") and mapping.get("EventSourceArn"):
            sources.setdefault(mapping["FunctionArn"], []).append(mapping["EventSourceArn"])
    for fn in listing(ctx, "lambda_function", "Functions") or []:
        name, arn = fn["FunctionName"], fn.get("FunctionArn")
        vpc = fn.get("VpcConfig") or {}
        env = (fn.get("Environment") or {}).get("Variables") or {}
        policy = ctx.reader.call(
            "get_policy", kinds=_KIND, absent=("ResourceNotFoundException",), FunctionName=name
        )
        url = ctx.reader.call(
            "get_function_url_config",
            kinds=_KIND,
            absent=("ResourceNotFoundException",),
            FunctionName=name,
        )
        tracing = (fn.get("TracingConfig") or {}).get("Mode")
        ctx.add(
            "lambda_function",
            name,
            {
                "name": name,
                "arn": arn,
                "description": fn.get("Description") or None,
                "runtime": fn.get("Runtime"),
                "architecture": (fn.get("Architectures") or ["x86_64"])[0],
                "memory_mb": fn.get("MemorySize"),
                "timeout_s": fn.get("Timeout"),
                "role": ctx.ref(fn.get("Role")),
                # Names only: the values may be secrets and never leave this function.
                "environment": sorted(str(k) for k in env),
                "kms_key": ctx.ref(fn.get("KMSKeyArn")),
                "tracing": tracing.lower() if isinstance(tracing, str) else None,
                "dead_letter": ctx.ref((fn.get("DeadLetterConfig") or {}).get("TargetArn")),
                "subnets": ctx.refs(vpc.get("SubnetIds")),
                "security_groups": ctx.refs(vpc.get("SecurityGroupIds")),
                # No policy at all is a fact; a policy is stored and judged over the model.
                "public_policy": False if policy is ABSENT else None,
                "policy": policy_json(policy.get("Policy")) if isinstance(policy, dict) else None,
                "function_url_auth": url.get("AuthType") if isinstance(url, dict) else None,
                "event_sources": ctx.refs(sources.get(str(arn), [])),
            },
        )


GROUP = ServiceGroup("lambda", ("lambda_function",), collect)
