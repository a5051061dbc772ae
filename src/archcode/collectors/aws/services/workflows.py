"""Events and workflows: EventBridge buses and rules (with their targets as connections) and
Step Functions state machines."""

from __future__ import annotations

import json
from typing import Any

from archcode.collectors.aws.draft import Ctx
from archcode.collectors.aws.services.base import ServiceGroup, listing, policy_json

_BUS, _RULE, _SFN = ("eventbridge_bus",), ("eventbridge_rule",), ("step_functions_state_machine",)


def _pattern(text: Any) -> dict[str, Any] | None:
    try:
        value = json.loads(text) if isinstance(text, str) else None
    except json.JSONDecodeError:
        return None
    return value if isinstance(value, dict) else None


def collect_events(ctx: Ctx) -> None:
    for bus in listing(ctx, "eventbridge_bus", "EventBuses") or []:
        name = bus["Name"]
        bus_id = ctx.add(
            "eventbridge_bus",
            f"bus/{name}",
            {
                "name": name,
                "arn": bus.get("Arn"),
                "policy": policy_json(bus.get("Policy")),
                "has_policy": bool(bus.get("Policy")),
                "kms_key": ctx.ref(bus.get("KmsKeyIdentifier")),
            },
        )
        for rule in listing(ctx, "eventbridge_rule", "Rules", EventBusName=name) or []:
            targets = ctx.reader.items(
                "list_targets_by_rule", "Targets", kinds=_RULE, Rule=rule["Name"], EventBusName=name
            )
            handles = ctx.refs(t.get("Arn") for t in targets or [])
            ctx.add(
                "eventbridge_rule",
                f"rule/{name}/{rule['Name']}",
                {
                    "name": rule["Name"],
                    "arn": rule.get("Arn"),
                    "bus": bus_id,
                    "schedule": rule.get("ScheduleExpression"),
                    "event_pattern": _pattern(rule.get("EventPattern")),
                    "targets": handles,
                    "enabled": rule.get("State") != "DISABLED",
                },
            )


def collect_stepfunctions(ctx: Ctx) -> None:
    for machine in listing(ctx, "step_functions_state_machine", "stateMachines") or []:
        arn = machine["stateMachineArn"]
        reply = ctx.reader.call("describe_state_machine", kinds=_SFN, stateMachineArn=arn)
        sm = reply if isinstance(reply, dict) else {}
        level = (sm.get("loggingConfiguration") or {}).get("level")
        ctx.add(
            "step_functions_state_machine",
            f"sfn/{machine['name']}",
            {
                "name": machine["name"],
                "arn": arn,
                "type": machine.get("type", "STANDARD"),
                "role": ctx.ref(sm.get("roleArn")),
                "logging_level": level if level in ("ALL", "ERROR", "FATAL", "OFF") else None,
                "tracing": (sm.get("tracingConfiguration") or {}).get("enabled"),
                "kms_key": ctx.ref((sm.get("encryptionConfiguration") or {}).get("kmsKeyId")),
            },
        )


GROUPS = (
    ServiceGroup("events", (*_BUS, *_RULE), collect_events),
    ServiceGroup("stepfunctions", _SFN, collect_stepfunctions),
)
