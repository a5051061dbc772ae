"""Meta-lint over the one registry: every row must be true of the real libraries it names.

Each invariant is a small checker returning the problems it finds; the tests assert the
registry has none, and the last tests feed the checkers known-bad entries so a checker that
silently accepts everything would fail.
"""

from __future__ import annotations

import importlib
import re
import typing
from collections import Counter
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

import boto3
import pytest
from pydantic import TypeAdapter, ValidationError

import archcode.verbs.validate  # noqa: F401  (registers the verb main() runs below)
from archcode.cli import main
from archcode.collectors import load_architecture
from archcode.model.base import Resource, VpcPlaced
from archcode.model.registry import (
    ACTORS,
    BY_KIND,
    KINDS,
    ApiCall,
    KindSpec,
    Layer,
    MermaidShape,
    resolve_kind,
    spec_for_cfn_type,
)

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "kinds"
SPEC_IDS = [spec.kind for spec in KINDS]

CFN_TYPE = re.compile(r"^AWS::[A-Za-z0-9]+::[A-Za-z0-9]+$")
TF_TYPE = re.compile(r"^aws_[a-z0-9]+(_[a-z0-9]+)*$")
IAM_ACTION = re.compile(r"^[a-z0-9][a-z0-9-]*:[A-Za-z0-9]+$")
# Discovery may only read. API Gateway's management API authorises by HTTP verb (`apigateway:GET`).
READ_ONLY_ACTION = re.compile(r"^(?:(?:List|Get|Describe|BatchGet)(?:[A-Z0-9].*)?|GET)$")
READ_ONLY_OPERATION = re.compile(r"^(?:List|Get|Describe|BatchGet)[A-Z0-9]")
PASCAL_CASE = re.compile(r"^[A-Z][A-Za-z0-9]*$")


# --- checkers ------------------------------------------------------------------------------


def duplicates(names: Iterable[str]) -> list[str]:
    return sorted(name for name, count in Counter(names).items() if count > 1)


def node_problem(path: str) -> str | None:
    """Why a dotted `diagrams` class path does not name a real node class, or None."""
    import diagrams

    module_name, _, class_name = path.rpartition(".")
    if not module_name.startswith("diagrams."):
        return f"{path}: not in the diagrams package"
    try:
        module = importlib.import_module(module_name)
    except ImportError as exc:
        return f"{path}: {exc}"
    node = getattr(module, class_name, None)
    if not (isinstance(node, type) and issubclass(node, diagrams.Node)):
        return f"{path}: {module_name} has no node class {class_name}"
    return None


def iam_action_problem(action: str) -> str | None:
    """Why an IAM action is malformed or not read-only, or None."""
    if not IAM_ACTION.match(action):
        return f"{action}: not service:Action"
    verb = action.partition(":")[2]
    if not READ_ONLY_ACTION.match(verb):
        return f"{action}: not a read-only action"
    return None


@cache
def _session() -> Any:
    # One session for every client: its loader caches the service models it has read.
    return boto3.session.Session()


@cache
def _client(service: str) -> Any:
    return _session().client(service, region_name="us-east-1")


@cache
def _services() -> frozenset[str]:
    return frozenset(_session().get_available_services())


def api_problems(call: ApiCall) -> list[str]:
    """Why a registry API call is not a real, read-only boto3 operation with matching actions."""
    where = f"{call.service}.{call.operation}"
    if call.service not in _services():
        return [f"{where}: boto3 has no service {call.service!r}"]
    client = _client(call.service)
    model = client.meta.service_model
    operation = client.meta.method_to_api_mapping.get(call.operation)
    problems: list[str] = []
    if operation is None or operation not in model.operation_names:
        problems.append(f"{where}: no such operation on the {call.service} client")
    elif not (PASCAL_CASE.match(operation) and READ_ONLY_OPERATION.match(operation)):
        problems.append(f"{where}: {operation} is not a read-only operation")
    if not call.iam_actions:
        problems.append(f"{where}: no IAM actions")
    # The IAM prefix is the service's own name or its endpoint/signing name (states, es ...).
    prefixes = {model.service_name, model.endpoint_prefix, model.signing_name}
    for action in call.iam_actions:
        problem = iam_action_problem(action)
        if problem is None and action.partition(":")[0] not in prefixes:
            problem = f"{action}: prefix is not one of {sorted(prefixes)}"
        if problem:
            problems.append(f"{where}: {problem}")
    return problems


def field_value_problem(model: type[Resource], field: str, value: object) -> str | None:
    """Why a preset or variant value is not a valid value of the model's field, or None."""
    info = model.model_fields.get(field)
    if info is None:
        return f"{model.__name__} has no field {field!r}"
    try:
        TypeAdapter(info.annotation).validate_python(value)
    except ValidationError as exc:
        return f"{model.__name__}.{field} = {value!r}: {exc.errors()[0]['msg']}"
    return None


# --- names ---------------------------------------------------------------------------------


def test_there_is_a_registry() -> None:
    assert len(KINDS) >= 48  # every kind the issue lists
    assert set(BY_KIND) == {spec.kind for spec in KINDS}


def test_kinds_and_model_classes_are_unique() -> None:
    assert duplicates(spec.kind for spec in KINDS) == []
    assert duplicates(spec.model.__name__ for spec in KINDS) == []


def test_kinds_are_snake_case() -> None:
    assert [s.kind for s in KINDS if not re.fullmatch(r"[a-z][a-z0-9]*(_[a-z0-9]+)*", s.kind)] == []


def test_aliases_are_unique_and_collide_with_no_kind_type_or_actor() -> None:
    aliases = [alias for spec in KINDS for alias in spec.aliases]
    assert duplicates(aliases) == []
    taken = {spec.kind for spec in KINDS} | {a.kind for a in ACTORS}
    taken |= {cfn for spec in KINDS for cfn in spec.cfn_types}
    assert sorted(set(aliases) & taken) == []


def test_every_name_resolves_to_its_kind() -> None:
    for spec in KINDS:
        assert resolve_kind(spec.kind) == (spec.kind, {})
        for alias, preset in spec.aliases.items():
            assert resolve_kind(alias) == (spec.kind, preset)
        for cfn_type in spec.cfn_types:
            assert resolve_kind(cfn_type) == (spec.kind, {})
            assert spec_for_cfn_type(cfn_type) is spec


def test_cloudformation_types_are_unique_and_well_formed() -> None:
    types = [cfn for spec in KINDS for cfn in spec.cfn_types]
    assert duplicates(types) == []
    assert [t for t in types if not CFN_TYPE.match(t)] == []


def test_terraform_types_are_unique_and_aws_prefixed() -> None:
    types = [tf for spec in KINDS for tf in spec.tf_types]
    assert duplicates(types) == []
    assert [t for t in types if not TF_TYPE.match(t)] == []
    assert [s.kind for s in KINDS if not s.tf_types] == []


# --- models --------------------------------------------------------------------------------


@pytest.mark.parametrize("spec", KINDS, ids=SPEC_IDS)
def test_model_is_discriminated_by_its_own_kind(spec: KindSpec) -> None:
    field = spec.model.model_fields["kind"]
    assert typing.get_origin(field.annotation) is typing.Literal
    assert typing.get_args(field.annotation) == (spec.kind,)
    assert field.default == spec.kind
    assert issubclass(spec.model, Resource)


@pytest.mark.parametrize("spec", KINDS, ids=SPEC_IDS)
def test_layer_shape_and_labels_are_from_the_vocabulary(spec: KindSpec) -> None:
    assert spec.layer in typing.get_args(Layer)
    assert spec.mermaid_shape in typing.get_args(MermaidShape)
    assert spec.title.strip() and spec.label.strip()


@pytest.mark.parametrize("spec", KINDS, ids=SPEC_IDS)
def test_alias_presets_and_variants_are_valid_field_values(spec: KindSpec) -> None:
    problems = [
        field_value_problem(spec.model, field, value)
        for preset in spec.aliases.values()
        for field, value in preset.items()
    ]
    assert (spec.variant_field is None) == (not spec.variants)
    if spec.variant_field is not None:
        problems += [field_value_problem(spec.model, spec.variant_field, v) for v in spec.variants]
    assert [p for p in problems if p] == []


# --- diagrams nodes ------------------------------------------------------------------------


@pytest.mark.parametrize("spec", KINDS, ids=SPEC_IDS)
def test_diagram_nodes_import_from_the_diagrams_package(spec: KindSpec) -> None:
    paths = [spec.diagram_fallback, *(v.diagram_node for v in spec.variants.values())]
    if spec.diagram_node is not None:
        paths.append(spec.diagram_node)
    assert [p for p in map(node_problem, paths) if p] == []


def test_a_kind_without_its_own_icon_falls_back_to_a_specific_one() -> None:
    iconless = [spec for spec in KINDS if spec.diagram_node is None]
    generic = KindSpec.__dataclass_fields__["diagram_fallback"].default
    assert [s.kind for s in iconless if s.diagram_fallback == generic] == []


# --- discovery API and IAM -----------------------------------------------------------------


@pytest.mark.parametrize("spec", KINDS, ids=SPEC_IDS)
def test_api_calls_are_real_read_only_boto3_operations(spec: KindSpec) -> None:
    assert spec.api, f"{spec.kind}: no API lists it"
    assert [p for call in spec.api for p in api_problems(call)] == []


def test_every_iam_action_is_well_formed_and_read_only() -> None:
    actions = [a for spec in KINDS for a in spec.iam_actions]
    assert actions
    assert [p for p in map(iam_action_problem, actions) if p] == []


# --- fixtures ------------------------------------------------------------------------------


def test_every_kind_has_a_fixture_and_every_fixture_a_kind() -> None:
    present = {path.stem for path in FIXTURES.glob("*.yaml")}
    assert sorted(set(BY_KIND) - present) == []
    assert sorted(present - set(BY_KIND)) == []


@pytest.mark.parametrize("spec", KINDS, ids=SPEC_IDS)
def test_fixture_loads_and_uses_its_kind_with_typed_fields(spec: KindSpec) -> None:
    arch = load_architecture(str(FIXTURES / f"{spec.kind}.yaml"))
    found = arch.of_kind(spec.kind)
    assert found, f"the {spec.kind} fixture has no {spec.kind}"
    common = set(VpcPlaced.model_fields) | set(Resource.model_fields)
    own = max(len(resource.model_fields_set - common) for _rid, resource in found)
    assert own >= 2 or len(set(spec.model.model_fields) - common) < 2, (
        f"the {spec.kind} fixture sets fewer than two {spec.kind} fields"
    )


def test_the_cli_validates_every_fixture() -> None:
    paths = sorted(str(p) for p in FIXTURES.glob("*.yaml"))
    assert main(["validate", *paths]) == 0


# --- actors --------------------------------------------------------------------------------


def test_actors_are_unique_and_distinct_from_resource_kinds() -> None:
    kinds = [actor.kind for actor in ACTORS]
    assert kinds
    assert duplicates(kinds) == []
    names = {spec.kind for spec in KINDS} | {a for spec in KINDS for a in spec.aliases}
    assert sorted(set(kinds) & names) == []
    assert [p for p in (node_problem(a.diagram_node) for a in ACTORS) if p] == []
    assert all(actor.title.strip() for actor in ACTORS)


# --- the checkers themselves catch bad entries ------------------------------------------------


def test_duplicates_are_found() -> None:
    assert duplicates(["rds", "s3", "rds"]) == ["rds"]


@pytest.mark.parametrize(
    "path",
    [
        "diagrams.aws.database.NoSuchIcon",
        "diagrams.aws.nowhere.RDS",
        "archcode.model.registry.KindSpec",
        "diagrams.aws.database.__name__",
    ],
)
def test_node_checker_rejects_what_is_not_a_node(path: str) -> None:
    assert node_problem(path) is not None


def test_node_checker_accepts_a_real_node() -> None:
    assert node_problem("diagrams.aws.database.RDS") is None


@pytest.mark.parametrize(
    "action",
    [
        "s3:PutBucketPolicy",
        "ec2:CreateVpc",
        "iam:AttachRolePolicy",
        "rds:DeleteDBInstance",
        "dynamodb:UpdateTable",
        "apigateway:POST",
        "ec2:describeVpcs",
        "ec2 DescribeVpcs",
        "DescribeVpcs",
        "ec2:Describe*",
    ],
)
def test_iam_checker_rejects_malformed_and_writing_actions(action: str) -> None:
    assert iam_action_problem(action) is not None


@pytest.mark.parametrize(
    "call",
    [
        ApiCall("ec2", "describe_nothing", ("ec2:DescribeVpcs",)),
        ApiCall("ec2", "create_vpc", ("ec2:DescribeVpcs",)),
        ApiCall("ec2", "describe_vpcs", ()),
        ApiCall("ec2", "describe_vpcs", ("rds:DescribeDBInstances",)),
        ApiCall("ec2", "DescribeVpcs", ("ec2:DescribeVpcs",)),
        ApiCall("no-such-service", "list_things", ("x:ListThings",)),
    ],
)
def test_api_checker_rejects_unreal_or_writing_calls(call: ApiCall) -> None:
    assert api_problems(call) != []


def test_field_checker_rejects_values_the_model_refuses() -> None:
    model = BY_KIND["load_balancer"].model
    assert field_value_problem(model, "type", "classic") is not None
    assert field_value_problem(model, "no_such_field", 1) is not None
    assert field_value_problem(model, "type", "network") is None
