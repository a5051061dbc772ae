"""Terraform JSON (`terraform show -json plan.out`, or of a state) into the architecture model.

Values come from ``planned_values`` (or ``values`` for a state): there, an attribute Terraform
only learns at apply time is left out, so a missing attribute is unknown, never a default.
References come from ``configuration``: a reference such as ``aws_kms_key.main.arn`` is what
links a bucket's encryption to its key when the key's ARN is not known yet. The AWS provider's
(v4+) separate S3 bucket resources (versioning, encryption, public access block, policy,
logging, lifecycle, ownership, website, replication) are joined back onto their bucket.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from archcode.collectors import tf_account
from archcode.collectors.iac_draft import (
    Draft,
    as_dict,
    as_list,
    dig,
    map_safely,
    prune,
    waivers_from_tags,
)
from archcode.collectors.iac_flows import FLOW_SOURCES, FLOW_TARGETS, https
from archcode.collectors.json_text import load_json
from archcode.collectors.tf_kinds import AUXILIARY, MAPPERS, TfProps
from archcode.errors import InputError, Problem
from archcode.model.base import Location
from archcode.model.registry import spec_for_tf_type

_ADDRESS = re.compile(r'"address"\s*:\s*"((?:[^"\\]|\\.)*)"')


@dataclass
class TfResource:
    address: str  # planned address, e.g. module.db.aws_db_instance.main[0]
    config_address: str  # without instance keys, e.g. module.db.aws_db_instance.main
    type: str
    values: dict[str, Any]
    expressions: dict[str, Any]
    module: str  # "" for the root module, else "module.db."
    index: Any = None
    location: Location = field(default_factory=lambda: Location("", 1))


@dataclass
class Plan:
    name: str
    data: dict[str, Any]
    lines: dict[str, int]


def parse(text: str, name: str) -> Plan:
    data = load_json(text, name)
    if not isinstance(data, dict) or not (
        isinstance(data.get("planned_values"), dict) or isinstance(data.get("values"), dict)
    ):
        raise InputError(
            [Problem(name, "a Terraform JSON document has planned_values (plan) or values (state)")]
        )
    _check_format_version(data.get("format_version", "1.0"), name)
    lines: dict[str, int] = {}
    line, last = 1, 0
    for match in _ADDRESS.finditer(text):
        address = json.loads(f'"{match.group(1)}"')
        if address not in lines:
            line += text.count("\n", last, match.start())
            last = match.start()
            lines[address] = line
    return Plan(name, data, lines)


# Terraform 0.12 to 1.0 wrote 0.1 or 0.2, 1.1 onwards 1.x: one structure, only added keys. A
# major version above 1 may change it ("reject any input which reports an unsupported major
# version", Terraform's JSON output format documentation).
READABLE_MAJOR = 1
_FORMAT_VERSION = re.compile(r"(\d+)\.(\d+)")


def _check_format_version(version: Any, name: str) -> None:
    """Refuse only a format this reader cannot know, and say why."""
    found = _FORMAT_VERSION.fullmatch(version) if isinstance(version, str) else None
    if found is None:
        raise InputError(
            [Problem(name, f"format_version {version!r} is not a Terraform JSON version (N.M)")]
        )
    if int(found.group(1)) > READABLE_MAJOR:
        raise InputError(
            [
                Problem(
                    name,
                    f"Terraform JSON format_version {version}: major version "
                    f"{found.group(1)} may change the structure; archcode reads 0.x and "
                    f"{READABLE_MAJOR}.x (Terraform 0.12 and later)",
                )
            ]
        )


def load_terraform(plan: Plan, draft: Draft) -> Draft:
    """Add the plan's managed AWS resources to the draft."""
    data = plan.data
    values = data.get("planned_values") or data.get("values") or {}
    config = dig(data, "configuration", "root_module")
    expressions = _config_expressions(config if isinstance(config, dict) else {}, "")
    providers = as_dict(dig(data, "configuration", "provider_config"))
    region = dig(providers, "aws", "expressions", "region", "constant_value")
    if isinstance(region, str) and draft.region is None:
        draft.region = region
    provider_of = _config_providers(config if isinstance(config, dict) else {}, "")
    resources: dict[str, TfResource] = {}
    for module, raw in _planned(values.get("root_module") or {}, ""):
        if raw.get("mode") != "managed" or not isinstance(raw.get("type"), str):
            continue
        address = str(raw.get("address"))
        config_address = re.sub(r"\[[^\]]*\]$", "", address)
        config_key = re.sub(r"\[[^\]]*\]", "", address)
        resources[address] = TfResource(
            address,
            config_address,
            raw["type"],
            as_dict(raw.get("values")),
            expressions.get(config_key, {}),
            module,
            raw.get("index"),
            Location(plan.name, plan.lines.get(address, 1), 1),
        )
    created = {
        str(change.get("address"))
        for change in as_list(data.get("resource_changes"))
        if isinstance(change, dict) and "create" in as_list(dig(change, "change", "actions"))
    }
    index = _Index(resources, created)
    model_ids: dict[str, str] = {}
    for address, res in resources.items():
        spec = spec_for_tf_type(res.type)
        if spec is not None:
            model_ids[address] = _model_id(address)
        elif res.type in tf_account.TYPES:
            region = _region(providers, provider_of.get(res.config_address)) or draft.region
            draft.account_settings.append(tf_account.account_setting(res.type, res.values, region))
        elif res.type not in AUXILIARY:
            draft.warn(
                None,
                f"resource {address}: unsupported type {res.type}: not in the model",
                res.location,
            )
    index.model_ids = model_ids
    for address, rid in model_ids.items():
        res = resources[address]
        kind = _kind(res.type)
        mapper = MAPPERS.get(res.type)
        props = TfProps(res, index)
        fields = map_safely(draft, rid, res.location, mapper, props) if mapper else {}
        tags = {
            str(k): str(v)
            for k, v in as_dict(res.values.get("tags")).items()
            if isinstance(v, str | int | float)
        }
        draft.add(
            rid,
            {
                "kind": kind,
                **prune(fields),
                **prune(
                    {
                        "name": _display_name(res, tags),
                        "tags": tags,
                        "region": _region(providers, provider_of.get(res.config_address))
                        or draft.region,
                    }
                ),
            },
            res.location,
        )
        draft.waivers.extend(waivers_from_tags(rid, tags, res.location))
    _connect(index, draft)
    return draft


def _region(providers: dict[str, Any], key: str | None) -> str | None:
    """The region of the provider configuration (an alias such as `aws.dr`) a resource uses."""
    region = dig(providers, key, "expressions", "region", "constant_value") if key else None
    return region if isinstance(region, str) else None


def _config_providers(module: Any, prefix: str) -> dict[str, str]:
    """The provider configuration key of every configured resource, by address."""
    return {
        address: raw["provider_config_key"]
        for address, raw in _configured(module, prefix)
        if isinstance(raw.get("provider_config_key"), str)
    }


def _configured(module: Any, prefix: str) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every resource of the configuration and its modules' calls, with its full address."""
    for raw in as_list(as_dict(module).get("resources")):
        if isinstance(raw, dict):
            yield f"{prefix}{raw.get('address')}", raw
    for name, call in as_dict(as_dict(module).get("module_calls")).items():
        inner = call.get("module") if isinstance(call, dict) else None
        if isinstance(inner, dict):
            yield from _configured(inner, f"{prefix}module.{name}.")


def _display_name(res: TfResource, tags: dict[str, str]) -> str | None:
    """The resource's own name (tag Name, name, bucket, identifier ...), for display."""
    if tags.get("Name"):
        return tags["Name"]
    for key in ("name", "bucket", "function_name", "identifier", "cluster_identifier"):
        value = res.values.get(key)
        if isinstance(value, str) and value:
            return value
    return None


def _model_id(address: str) -> str:
    """A model id from an address: `aws_s3_bucket.b["x y"]` becomes `aws_s3_bucket.b.x-y`."""
    text = re.sub(r'\["?([^"\]]*)"?\]', r".\1", address)
    text = re.sub(r"[^A-Za-z0-9_.:/@+=-]", "-", text)
    return text if text[:1].isalnum() else f"r{text}"


def _planned(module: Any, prefix: str) -> Iterator[tuple[str, dict[str, Any]]]:
    for raw in as_list(as_dict(module).get("resources")):
        if isinstance(raw, dict):
            yield prefix, raw
    for child in as_list(as_dict(module).get("child_modules")):
        if isinstance(child, dict):
            yield from _planned(child, f"{child.get('address', '')}.")


def _config_expressions(module: Any, prefix: str) -> dict[str, dict[str, Any]]:
    """Expressions of every configured resource, by address (module path included)."""
    return {
        address: raw["expressions"]
        for address, raw in _configured(module, prefix)
        if isinstance(raw.get("expressions"), dict)
    }


class _Index:
    """Answers "which resource does this reference or value name" across the plan."""

    def __init__(self, resources: dict[str, TfResource], created: set[str]) -> None:
        self.resources = resources
        self.created = created  # addresses the plan creates
        self.model_ids: dict[str, str] = {}
        self.by_config: dict[str, list[TfResource]] = defaultdict(list)
        self.by_type: dict[str, list[TfResource]] = defaultdict(list)
        self.by_value: dict[str, str] = {}
        self._attached: dict[tuple[str, str], dict[str, list[TfResource]]] = {}
        for res in resources.values():
            self.by_config[res.config_address].append(res)
            self.by_type[res.type].append(res)
            for key in ("arn", "id", "bucket", "name", "invoke_arn"):
                value = res.values.get(key)
                if isinstance(value, str) and value:
                    self.by_value.setdefault(value, res.address)

    def kind_of(self, address: str) -> str | None:
        spec = spec_for_tf_type(self.resources[address].type)
        return spec.kind if spec else None

    def attached(self, tf_type: str, res: TfResource, key: str) -> list[TfResource]:
        """Resources of a type whose ``key`` argument names ``res`` (by reference or value)."""
        table = self._attached.get((tf_type, key))
        if table is None:  # built once per (type, key): joining stays linear
            table = defaultdict(list)
            for other in self.by_type.get(tf_type, []):
                targets = {t.address for t in self.references(other.expressions.get(key), other)}
                value = other.values.get(key)
                for item in value if isinstance(value, list) else [value]:  # users = [...]
                    if isinstance(item, str) and item in self.by_value:
                        targets.add(self.by_value[item])
                for target in targets:
                    table[target].append(other)
            self._attached[(tf_type, key)] = table
        return table.get(res.address, [])

    def resolve(self, reference: str, referrer: TfResource) -> list[TfResource]:
        """The resources a configuration reference (`aws_kms_key.main.arn`) points at."""
        parts = reference.split(".")
        for end in range(len(parts), 1, -1):
            candidate = referrer.module + re.sub(r"\[[^\]]*\]$", "", ".".join(parts[:end]))
            found = self.by_config.get(candidate)
            if found:
                if len(found) > 1:
                    same = [r for r in found if r.index == referrer.index]
                    return same or found
                return found
        return []

    def first_reference(self, expression: Any) -> str | None:
        """The first reference an expression makes, as written (``module.vpc.private_subnets``)."""
        return next(_references(expression), None)

    def references(self, expression: Any, referrer: TfResource) -> list[TfResource]:
        found: dict[str, TfResource] = {}
        for reference in _references(expression):
            for res in self.resolve(reference, referrer):
                found[res.address] = res
        return list(found.values())


def _references(expression: Any) -> Iterator[str]:
    if isinstance(expression, dict):
        refs = expression.get("references")
        if isinstance(refs, list):
            yield from (r for r in refs if isinstance(r, str))
        for key, value in expression.items():
            if key != "references":
                yield from _references(value)
    elif isinstance(expression, list):
        for item in expression:
            yield from _references(item)


def _kind(tf_type: str) -> str:
    """The kind of a type the caller knows the registry lists."""
    spec = spec_for_tf_type(tf_type)
    if spec is None:
        raise KeyError(tf_type)
    return spec.kind


def _connect(index: _Index, draft: Draft) -> None:
    ids = index.model_ids
    kind = {a: _kind(index.resources[a].type) for a in ids}

    def flow(source: str, target: str) -> None:
        if source in ids and target in ids and source != target:
            draft.connect(ids[source], ids[target], **https(kind[target]))

    role_refs: dict[str, set[str]] = defaultdict(set)
    for res in index.resources.values():
        if res.type in ("aws_iam_role_policy", "aws_iam_role_policy_attachment"):
            roles = index.references(res.expressions.get("role"), res)
            mentioned = {r.address for r in index.references(res.expressions, res)}
            for role in roles:
                role_refs[role.address] |= mentioned
    for res in index.resources.values():
        address = res.address
        if kind.get(address) in FLOW_SOURCES:
            mentioned = {r.address for r in index.references(res.expressions, res)}
            for task in index.references(res.expressions.get("task_definition"), res):
                # an ECS service's containers and task role
                mentioned |= {r.address for r in index.references(task.expressions, task)}
                for role in index.references(task.expressions.get("task_role_arn"), task):
                    mentioned |= role_refs.get(role.address, set())
            typed = {
                r.address
                for key in ("role", "kms_key_arn", "vpc_config")
                for r in index.references(res.expressions.get(key), res)
            }
            for role in index.references(res.expressions.get("role"), res):
                mentioned |= role_refs.get(role.address, set())
            for target in sorted(mentioned - typed):
                if kind.get(target) in FLOW_TARGETS:
                    flow(address, target)
        # CloudFront origins, EventBridge rule targets, API integrations and event sources are
        # model fields: their flows are derived once, for every source (collectors.flows).
        elif kind.get(address) == "codepipeline_pipeline":  # what its actions build and deploy
            for deployed in index.references(res.expressions.get("stage"), res):
                flow(address, deployed.address)
        elif res.type == "aws_lb_listener":
            _balanced(res, index, draft)
        elif res.type == "aws_db_snapshot_copy":  # the copy reads its source snapshot
            for source in index.references(
                res.expressions.get("source_db_snapshot_identifier"), res
            ):
                flow(source.address, address)
        elif res.type == "aws_rds_export_task":
            for source in index.references(res.expressions.get("source_arn"), res):
                for bucket in index.references(res.expressions.get("s3_bucket_name"), res):
                    flow(source.address, bucket.address)


def _balanced(listener: TfResource, index: _Index, draft: Draft) -> None:
    """A load balancer reaches its targets in the target group's protocol."""
    ids = index.model_ids
    for lb in index.references(listener.expressions.get("load_balancer_arn"), listener):
        for group in index.references(listener.expressions.get("default_action"), listener):
            protocol = group.values.get("protocol")
            if group.type != "aws_lb_target_group" or protocol not in ("HTTPS", "TLS"):
                continue
            for service in index.attached("aws_ecs_service", group, "load_balancer"):
                if lb.address in ids and service.address in ids:
                    draft.connect(ids[lb.address], ids[service.address], protocol=protocol.lower())


__all__ = ["Plan", "load_terraform", "parse"]
