"""Elastic Beanstalk environment fields from its option settings, decided once for every source.

A template (`OptionSettings`), a plan (`setting` blocks) and DescribeConfigurationSettings all
give the same thing: (namespace, option name, value) triples. Each source reads those triples
as written and calls ``beanstalk_fields``; which setting applies, the defaults and the meaning
of each option are decided here only. References (subnets, security groups, the instance
profile) are returned as the index of the setting that applies, for the source to resolve in
its own terms (logical ids, plan addresses, discovered handles).

Precedence, the same for every source and independent of the order the settings come in:
- an option set twice to the same value is that value; set to different values it is unknown
  (a Terraform plan's settings are a set without order, so "the last one" means nothing);
- `aws:ec2:instances` `InstanceTypes` replaces the obsolete `InstanceType` of
  `aws:autoscaling:launchconfiguration`: its first entry wins, the old option is the fallback;
- a single-instance environment or a worker tier has no load balancer, whatever
  `LoadBalancerType` says; otherwise the default type is `classic` (the API's default);
- instance logs are not streamed to CloudWatch Logs unless `StreamLogs` says so (the API's
  default is false);
- an option that is not set leaves its field unknown, except those with an API default above.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

ENVIRONMENT = "aws:elasticbeanstalk:environment"
LAUNCH = "aws:autoscaling:launchconfiguration"
ASG = "aws:autoscaling:asg"
INSTANCES = "aws:ec2:instances"
VPC = "aws:ec2:vpc"
HEALTH = "aws:elasticbeanstalk:healthreporting:system"
MANAGED = "aws:elasticbeanstalk:managedactions"
APP_ENV = "aws:elasticbeanstalk:application:environment"
LOGS = "aws:elasticbeanstalk:cloudwatch:logs"

# Model field -> the option whose value names resources of that field.
REFERENCES = {
    "subnets": (VPC, "Subnets"),
    "security_groups": (LAUNCH, "SecurityGroups"),
    "instance_profile": (LAUNCH, "IamInstanceProfile"),
}
_LB_TYPES = ("application", "network", "classic")
Setting = tuple[str, str, Any]  # (namespace, option name, value as the source holds it)


def text(value: Any) -> str | None:
    """An option value as AWS stores it (a string); None when the source does not know it."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    return value.strip() if isinstance(value, str) else None


def applying(settings: Sequence[Setting]) -> dict[tuple[str, str], int | None]:
    """(namespace, name) -> index of the setting that applies; None when duplicates disagree."""
    chosen: dict[tuple[str, str], int | None] = {}
    for index, (namespace, name, value) in enumerate(settings):
        key = (namespace, name)
        if key not in chosen:
            chosen[key] = index
            continue
        before = chosen[key]
        if before is None:
            continue
        old = settings[before][2]
        same = old == value or (text(old) is not None and text(old) == text(value))
        if not same:
            chosen[key] = None
    return chosen


def split(value: str | None) -> list[str]:
    """The entries of a comma-separated option value."""
    return [item.strip() for item in (value or "").split(",") if item.strip()]


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def beanstalk_fields(
    settings: Sequence[Setting], tier: str | None
) -> tuple[dict[str, Any], dict[str, int]]:
    """The environment's fields, and for each reference field the index of its setting."""
    chosen = applying(settings)

    def option(namespace: str, name: str) -> str | None:
        index = chosen.get((namespace, name))
        return None if index is None else text(settings[index][2])

    tier = tier or "WebServer"
    single = option(ENVIRONMENT, "EnvironmentType") == "SingleInstance"
    lb = (option(ENVIRONMENT, "LoadBalancerType") or "classic").lower()
    health = option(HEALTH, "SystemType")
    managed = option(MANAGED, "ManagedActionsEnabled")
    types = split(option(INSTANCES, "InstanceTypes"))
    stream = (option(LOGS, "StreamLogs") or "false").lower()
    fields: dict[str, Any] = {
        "tier": tier if tier in ("WebServer", "Worker") else None,
        "instance_type": types[0] if types else option(LAUNCH, "InstanceType"),
        "min_instances": _int(option(ASG, "MinSize")),
        "max_instances": _int(option(ASG, "MaxSize")),
        "load_balancer_type": "none"
        if single or tier == "Worker"
        else (lb if lb in _LB_TYPES else None),
        "managed_updates": None if managed is None else managed.lower() == "true",
        "enhanced_health": None if health is None else health.lower() == "enhanced",
        # a conflicting duplicate is unknown; not set is the API's default (false)
        "stream_logs": None
        if chosen.get((LOGS, "StreamLogs"), 0) is None
        else stream == "true",
        # names only: the values of environment properties are never read
        "environment": sorted({name for namespace, name, _v in settings if namespace == APP_ENV}),
    }
    refs = {
        field: index for field, key in REFERENCES.items() if (index := chosen.get(key)) is not None
    }
    return fields, refs
