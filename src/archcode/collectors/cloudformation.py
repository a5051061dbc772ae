"""CloudFormation templates (YAML or JSON, SAM included) into the architecture model.

Per template: parse (line-aware), resolve parameters, conditions and intrinsics
(``cfn_eval``), expand what the SAM transform would create (an execution role per function
without one, the implicit APIs of function events), then map each resource through the
registry (``spec_for_cfn_type``) and its type's mapper (``cfn_kinds``). References become model
references where a field exists for them (role, kms_key, subnets ...) and connections where they
stand for a data flow (a function's environment naming a table, an API integration naming a
function). Types the model has no kind for are reported as diagnostics, never fatal.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any

from archcode.collectors.cfn_eval import Evaluator, ResRef
from archcode.collectors.cfn_kinds import AUXILIARY, MAPPERS, Props, to_list
from archcode.collectors.cfn_parse import parse_template
from archcode.collectors.cfn_view import SAM_IMPLICIT_APIS, CfnResource, TemplateView
from archcode.collectors.iac_draft import (
    Draft,
    TemplateWaiver,
    as_dict,
    as_list,
    dig,
    map_safely,
    prune,
    to_str,
    waivers_from_tags,
)
from archcode.collectors.iac_flows import FLOW_SOURCES, FLOW_TARGETS, https
from archcode.errors import InputError, Problem
from archcode.model.architecture import Architecture
from archcode.model.base import Location
from archcode.model.registry import spec_for_cfn_type

_SAM_BASIC_ROLE = "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"
_SAM_VPC_ROLE = "arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole"


@dataclass
class Template:
    name: str  # the file name shown in messages
    data: dict[str, Any]
    positions: dict[tuple[str | int, ...], tuple[int, int]]


def parse(text: str, name: str) -> Template:
    data, positions = parse_template(text, name)
    if not isinstance(data, dict) or not isinstance(data.get("Resources"), dict):
        raise InputError([Problem(name, "a CloudFormation template has a Resources mapping", 1, 1)])
    return Template(name, data, positions)


def logical_ids(template: Template) -> list[str]:
    return [str(k) for k in template.data["Resources"]]


def load_cloudformation(
    templates: Iterable[Template],
    name: str,
    parameters: Mapping[str, Any] | None = None,
    draft: Draft | None = None,
    prefixes: Mapping[str, str] | None = None,
) -> Draft:
    """Add the templates' resources to a draft (a new one named ``name`` by default).

    ``prefixes`` gives, per template name, a prefix for its ids: templates of one directory
    whose logical ids collide are told apart by their file name.
    """
    draft = draft or Draft(name)
    for template in templates:
        prefix = (prefixes or {}).get(template.name, "")
        _import(template, draft, parameters or {}, prefix)
    return draft


def to_architecture(
    text: str, name: str, parameters: Mapping[str, Any] | None = None
) -> Architecture:
    """One template into an architecture (diagnostics are dropped: see ``load_cloudformation``)."""
    return load_cloudformation([parse(text, name)], PurePath(name).stem, parameters).build()


def _import(template: Template, draft: Draft, parameters: Mapping[str, Any], prefix: str) -> None:
    data = template.data
    ev = Evaluator(data, parameters)
    resources: dict[str, CfnResource] = {}
    globals_ = data.get("Globals") if isinstance(data.get("Globals"), dict) else {}
    _warn_macros(draft, template)
    for rid, body in data["Resources"].items():
        rid = str(rid)
        line, column = template.positions.get((rid,), (1, 1))
        location = Location(template.name, line, column)
        if not isinstance(body, dict) or not isinstance(body.get("Type"), str):
            draft.warn(None, f"resource {rid}: no Type; skipped", location)
            continue
        condition = body.get("Condition")
        if isinstance(condition, str) and ev.condition(condition) is False:
            continue  # the condition is false with the given parameters: not deployed
        cfn_type = body["Type"]
        raw = _with_globals(cfn_type, as_dict(body.get("Properties")), globals_)
        ev.referenced.clear()
        ev.unresolved.clear()
        # A SAM function's events name its triggers, not resources it uses: kept apart.
        props = as_dict(ev.value({k: v for k, v in raw.items() if k != "Events"}))
        if "Transform" not in data:  # a transform may add the resources it names
            _warn_unresolved(draft, template, rid, raw, ev.unresolved)
        referenced = set(ev.referenced)
        if "Events" in raw:
            props["Events"] = ev.value(raw["Events"])
        depends = body.get("DependsOn")
        resources[rid] = CfnResource(
            rid,
            cfn_type,
            props,
            as_dict(body.get("Metadata")),
            location,
            raw_props=raw,
            referenced=referenced,
            depends_on=[d for d in to_list(depends) or [depends] if isinstance(d, str)],
        )
    _expand_sam(resources)
    kind_of: dict[str, str] = {}
    for rid, res in resources.items():
        spec = spec_for_cfn_type(res.type)
        if spec is not None:
            kind_of[rid] = spec.kind
        elif res.type not in AUXILIARY:
            draft.warn(
                None,
                f"resource {rid}: unsupported type {res.type}: not in the model",
                res.location,
            )
    view = TemplateView(resources, kind_of, prefix)
    for rid, kind in kind_of.items():
        res = resources[rid]
        mapper = MAPPERS.get(res.type, _generic)
        fields = map_safely(draft, rid, res.location, mapper, Props(res, view, ev))
        tags = _tags(res.props.get(_TAG_PROPERTIES.get(res.type, "Tags")))
        out_id = prefix + rid
        draft.add(
            out_id,
            {
                "kind": kind,
                **prune(fields),
                **prune(
                    {
                        "name": _display_name(res.props, tags, res.type),
                        "description": to_str(res.props.get("Description")),
                        "tags": tags,
                    }
                ),
            },
            res.location,
        )
        draft.waivers.extend(_metadata_waivers(out_id, res))
        draft.waivers.extend(waivers_from_tags(out_id, tags, res.location))
    _connect(view, draft)


# Transforms archcode reads itself; any other is a macro whose output it never sees.
_EXPANDED_TRANSFORMS = frozenset({"AWS::Serverless-2016-10-31"})


def _warn_macros(draft: Draft, template: Template) -> None:
    """A template run through a macro is judged as written, before the macro: say so."""
    transform = template.data.get("Transform")
    names = transform if isinstance(transform, list) else [transform]
    for name in names:
        if isinstance(name, dict):
            name = name.get("Name")  # {Name: AWS::Include, Parameters: ...}
        if name is None or name in _EXPANDED_TRANSFORMS:
            continue
        line, column = template.positions.get(("Transform",), (1, 1))
        draft.warn(
            None,
            f"Transform {name} is not expanded: resources are read as written, "
            "before the macro changes them",
            Location(template.name, line, column),
        )


def _warn_unresolved(
    draft: Draft, template: Template, rid: str, raw: Mapping[str, Any], names: set[str]
) -> None:
    """One warning per property that refers to a name the template does not define."""
    for prop, value in raw.items():
        for name in sorted(n for n in names if _mentions(value, n)):
            line, column = template.positions.get((rid, "Properties", prop), (None, None))
            draft.diagnostics.append(
                Problem(
                    template.name,
                    f"refers to {name}, which is neither a resource nor a parameter of the "
                    "template; left unknown",
                    line,
                    column,
                    rid,
                    f"Properties.{prop}",
                )
            )


def _mentions(value: Any, name: str) -> bool:
    """Whether a raw property value refers to ``name`` (Ref, GetAtt or a Sub placeholder)."""
    if isinstance(value, dict):
        if value.get("Ref") == name:
            return True
        target = value.get("Fn::GetAtt")
        if isinstance(target, list) and target and target[0] == name:
            return True
        return any(_mentions(v, name) for v in value.values())
    if isinstance(value, list):
        return any(_mentions(v, name) for v in value)
    return isinstance(value, str) and ("${" + name + "}" in value or "${" + name + "." in value)


# Properties that name a resource, for display (the logical id stays the model id).
_NAME_PROPERTIES = (
    "BucketName", "FunctionName", "TableName", "DBInstanceIdentifier", "DBClusterIdentifier",
    "DBProxyName", "QueueName", "TopicName", "RoleName", "LogGroupName", "StateMachineName",
    "ClusterName", "ServiceName", "DomainName", "UserName", "GroupName", "ManagedPolicyName",
    "Name",
)  # fmt: skip


# Types whose tags are not in `Tags` (a Key/Value list, or a map for the Backup and Cognito ones).
_TAG_PROPERTIES = {
    "AWS::EFS::FileSystem": "FileSystemTags",
    "AWS::Backup::BackupVault": "BackupVaultTags",
    "AWS::Backup::BackupPlan": "BackupPlanTags",
    "AWS::Cognito::UserPool": "UserPoolTags",
    "AWS::Route53::HostedZone": "HostedZoneTags",
}
# Types whose name is in a property of their own (or nested), not one of _NAME_PROPERTIES.
_NAME_PATHS: dict[str, tuple[str, ...]] = {
    "AWS::ElasticBeanstalk::Environment": ("EnvironmentName",),
    "AWS::IAM::ManagedPolicy": ("ManagedPolicyName",),
    "AWS::IAM::Policy": ("PolicyName",),
    "AWS::IAM::User": ("UserName",),
    "AWS::CloudWatch::Alarm": ("AlarmName",),
    "AWS::XRay::Group": ("GroupName",),
    "AWS::CodeDeploy::Application": ("ApplicationName",),
    "AWS::Backup::BackupVault": ("BackupVaultName",),
    "AWS::Backup::BackupPlan": ("BackupPlan", "BackupPlanName"),
    "AWS::Backup::BackupSelection": ("BackupSelection", "SelectionName"),
    "AWS::Cognito::UserPool": ("UserPoolName",),
    "AWS::EC2::LaunchTemplate": ("LaunchTemplateName",),
    "AWS::CloudTrail::Trail": ("TrailName",),
}


def _display_name(props: dict[str, Any], tags: dict[str, str], cfn_type: str) -> str | None:
    if tags.get("Name"):
        return tags["Name"]
    own = to_str(dig(props, *_NAME_PATHS[cfn_type])) if cfn_type in _NAME_PATHS else None
    if own:
        return own
    for key in _NAME_PROPERTIES:
        name = props.get(key)
        if isinstance(name, str) and name and not name.startswith("com.amazonaws."):
            return name
    return None


def _generic(_props: Props) -> dict[str, Any]:
    return {}


def _with_globals(cfn_type: str, raw: dict[str, Any], globals_: Any) -> dict[str, Any]:
    """SAM Globals: the section's properties apply to each resource that does not set them."""
    if not cfn_type.startswith("AWS::Serverless::"):
        return raw
    section = globals_.get(cfn_type.removeprefix("AWS::Serverless::"))
    if not isinstance(section, dict):
        return raw
    return _merge(section, raw)


def _merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict) and not _intrinsic(value):
            merged[key] = _merge(merged[key], value)
        elif isinstance(value, list) and isinstance(merged.get(key), list):
            merged[key] = [*merged[key], *value]
        else:
            merged[key] = value
    return merged


def _intrinsic(value: dict[str, Any]) -> bool:
    return (len(value) == 1 and next(iter(value)) in ("Ref", "Condition")) or any(
        str(k).startswith("Fn::") for k in value
    )


def _expand_sam(resources: dict[str, CfnResource]) -> None:
    """What the SAM transform creates that matters to the model: roles and implicit APIs."""
    for rid, res in list(resources.items()):
        if res.type != "AWS::Serverless::Function":
            continue
        if "Role" not in res.props:
            role_id = f"{rid}Role"
            res.implicit_role = role_id
            resources[role_id] = _sam_role(res, role_id)
        for event in as_dict(res.props.get("Events")).values():
            if not isinstance(event, dict):
                continue
            implicit = SAM_IMPLICIT_APIS.get(str(event.get("Type")))
            event_props = as_dict(event.get("Properties"))
            key = "RestApiId" if event.get("Type") == "Api" else "ApiId"
            if implicit and key not in event_props and implicit not in resources:
                resources[implicit] = CfnResource(
                    implicit,
                    f"AWS::Serverless::{event['Type']}",
                    {"StageName": "Prod"} if implicit == "ServerlessRestApi" else {},
                    {},
                    res.location,
                )


def _sam_role(fn: CfnResource, role_id: str) -> CfnResource:
    """The execution role SAM generates: basic execution, VPC access, and the Policies."""
    arns = [_SAM_BASIC_ROLE] + ([_SAM_VPC_ROLE] if "VpcConfig" in fn.props else [])
    inline: list[dict[str, Any]] = []
    policies = fn.props.get("Policies")
    for index, policy in enumerate(policies if isinstance(policies, list) else [policies]):
        if isinstance(policy, str):
            arns.append(
                policy if policy.startswith("arn:") else f"arn:aws:iam::aws:policy/{policy}"
            )
        elif isinstance(policy, dict) and "Statement" in policy:
            inline.append({"PolicyName": f"{role_id}Policy{index}", "PolicyDocument": policy})
    raw_policies = fn.raw_props.get("Policies")
    return CfnResource(
        role_id,
        "AWS::IAM::Role",
        {
            "AssumeRolePolicyDocument": _LAMBDA_TRUST,
            "ManagedPolicyArns": arns,
            "Policies": inline,
        },
        {},
        fn.location,
        raw_props={
            "AssumeRolePolicyDocument": _LAMBDA_TRUST,
            "Policies": [
                {"PolicyName": f"{role_id}Policy{i}", "PolicyDocument": p}
                for i, p in enumerate(raw_policies if isinstance(raw_policies, list) else [])
                if isinstance(p, dict) and "Statement" in p
            ],
        },
        # Policy templates (DynamoDBCrudPolicy: {TableName: !Ref Table}) name what it may use.
        referenced={r for r in fn.referenced if r in _mentioned_in_policies(fn)},
    )


_LAMBDA_TRUST = {
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Allow",
            "Principal": {"Service": "lambda.amazonaws.com"},
            "Action": "sts:AssumeRole",
        }
    ],
}


def _mentioned_in_policies(fn: CfnResource) -> set[str]:
    found: set[str] = set()
    _collect_refs(fn.props.get("Policies"), found)
    return found


def _collect_refs(value: Any, found: set[str]) -> None:
    if isinstance(value, ResRef):
        found.add(value.target)
    elif isinstance(value, dict):
        for item in value.values():
            _collect_refs(item, found)
    elif isinstance(value, list):
        for item in value:
            _collect_refs(item, found)


def _tags(value: Any) -> dict[str, str]:
    """Tags as CloudFormation writes them (a Key/Value list) or as SAM does (a mapping)."""
    tags: dict[str, str] = {}
    items: Iterable[tuple[Any, Any]]
    if isinstance(value, dict):
        items = value.items()
    elif isinstance(value, list):
        items = [(t.get("Key"), t.get("Value")) for t in value if isinstance(t, dict)]
    else:
        return tags
    for key, val in items:
        key_text, val_text = to_str(key), to_str(val)
        if key_text is not None and val_text is not None:
            tags[key_text] = val_text
    return tags


def _metadata_waivers(rid: str, res: CfnResource) -> list[TemplateWaiver]:
    """``Metadata: {archcode: {waivers: [RULE | {rule, reason, expires}]}}`` on a resource.

    A block of another shape is bad input at the resource, not a waiver silently lost.
    """
    where = res.location

    def bad(field: str, expected: str) -> InputError:
        return InputError(
            [Problem(where.file, f"expected {expected}", where.line, where.column, rid, field)]
        )

    block = res.metadata.get("archcode", {})
    if not isinstance(block, dict):
        raise bad("Metadata.archcode", "a mapping with waivers: [RULE | {rule, reason, expires}]")
    entries = block.get("waivers", [])
    if not isinstance(entries, list):
        raise bad("Metadata.archcode.waivers", "a list of RULE | {rule, reason, expires}")
    found: list[TemplateWaiver] = []
    for index, entry in enumerate(entries):
        if isinstance(entry, str):
            found.append(TemplateWaiver(entry, rid, None, None, where.file, where.line))
        elif isinstance(entry, dict) and _waiver_rule(entry):
            expires = entry.get("expires")
            found.append(
                TemplateWaiver(
                    _waiver_rule(entry),
                    rid,
                    to_str(entry.get("reason")),
                    None if expires is None else str(expires),
                    where.file,
                    where.line,
                )
            )
        else:
            raise bad(f"Metadata.archcode.waivers[{index}]", "a rule id or {rule, reason, expires}")
    return found


def _waiver_rule(entry: Mapping[str, Any]) -> str:
    rule = entry.get("rule") or entry.get("id")
    return rule if isinstance(rule, str) else ""


def _connect(view: TemplateView, draft: Draft) -> None:
    """Data flows implied by references, SAM events, API integrations and event sources."""
    kind_of = view.kind_of
    out = view.out

    def flow(source: str, target: str) -> None:
        if source in kind_of and target in kind_of and source != target:
            draft.connect(out(source), out(target), **https(kind_of[target]))

    roles: dict[str, set[str]] = {}
    for rid, res in view.resources.items():
        if kind_of.get(rid) == "iam_role":
            roles[rid] = set(res.referenced)
    for policy in view.of_type("AWS::IAM::Policy", "AWS::IAM::ManagedPolicy"):
        for role in view.refs_raw(policy.props.get("Roles")):
            roles.setdefault(role, set()).update(policy.referenced)

    for rid, res in view.resources.items():
        kind = kind_of.get(rid)
        if kind in FLOW_SOURCES:
            role_id = _role_of(res)
            mentioned = set(res.referenced) | set(res.depends_on)
            mentioned |= roles.get(role_id, set()) if role_id else set()
            task = view.resources.get(view.target(res.props.get("TaskDefinition")) or "")
            if kind == "ecs_service" and task is not None:  # the containers' references
                task_role = _role_of(task)
                mentioned |= set(task.referenced)
                mentioned |= roles.get(task_role, set()) if task_role else set()
            for target in sorted(mentioned):
                if kind_of.get(target) in FLOW_TARGETS and not _is_typed_ref(res, target):
                    flow(rid, target)
        # CloudFront origins, EventBridge rule targets, API integrations (SAM events included)
        # and event sources are model fields: their flows are derived once, for every source
        # (collectors.flows).
        if kind == "codepipeline_pipeline":  # what its actions build and deploy
            for stage in as_list(res.props.get("Stages")):
                for action in as_list(as_dict(stage).get("Actions")):
                    settings = as_dict(as_dict(action).get("Configuration"))
                    for target in view.refs_raw(list(settings.values())):
                        flow(rid, target)
        elif res.type == "AWS::ElasticLoadBalancingV2::Listener":
            _balanced(res, view, draft)


def _balanced(listener: CfnResource, view: TemplateView, draft: Draft) -> None:
    """A load balancer reaches its targets in the target group's protocol."""
    lb = view.target(listener.props.get("LoadBalancerArn"))
    group = view.target(dig(listener.props, "DefaultActions", 0, "TargetGroupArn"))
    group_res = view.resources.get(group or "")
    if lb not in view.kind_of or group is None or group_res is None:
        return
    protocol = to_str(group_res.props.get("Protocol"))
    if protocol not in ("HTTPS", "TLS"):
        return
    targets = [t for item in as_list(group_res.props.get("Targets"))
               for t in view.refs_raw(as_dict(item).get("Id"))]  # fmt: skip
    targets += [s.rid for s in view.attached(
        "AWS::ECS::Service", ("LoadBalancers", 0, "TargetGroupArn"), group)]  # fmt: skip
    for target in targets:
        if target in view.kind_of:
            draft.connect(view.out(lb), view.out(target), protocol=protocol.lower())


def _role_of(res: CfnResource) -> str | None:
    for key in ("Role", "RoleArn", "TaskRoleArn", "ServiceRole"):
        value = res.props.get(key)
        if isinstance(value, ResRef):
            return value.target
    return res.implicit_role


def _is_typed_ref(res: CfnResource, target: str) -> bool:
    """References that are placement or configuration, not a flow (a dead-letter queue is)."""
    for key in ("Role", "KmsKeyArn", "KmsKeyId", "VpcConfig"):
        value = res.props.get(key)
        if isinstance(value, ResRef) and value.target == target:
            return True
    return False
