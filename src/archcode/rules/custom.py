"""Custom rules without code: a declarative YAML format, validated against the model.

A rules file holds ``rules:``, each with the metadata of a built-in rule, the ``kinds`` it
checks, an optional ``where`` (which of those resources it applies to; the others are
NOT_APPLICABLE) and a ``require`` condition that must hold. Every field a condition names is
checked against the kinds' models when the file loads, so a misspelled field or kind is an
error at its line, not a rule that silently never matches. See docs/check.md for the grammar.

Conditions are three-valued: a field that is not known (None) makes the outcome UNKNOWN, never
a PASS; ``all``/``any``/``not`` combine them the way SQL does.
"""

from __future__ import annotations

import re
import types
import typing
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError

from archcode.errors import InputError, Problem
from archcode.io import read_text
from archcode.model.architecture import Connection
from archcode.model.base import Resource
from archcode.model.refs import Path
from archcode.model.registry import ACTORS_BY_KIND, BY_KIND, resolve_kind
from archcode.rules.analysis.resource_policy import JUDGED_FIELDS
from archcode.rules.base import (
    Category,
    Frameworks,
    Outcome,
    Remediation,
    Rule,
    Severity,
    Verdict,
    failed,
    not_applicable,
    passed,
)
from archcode.rules.context import Context
from archcode.rules.yamlfile import problem_at, validation_problems

Tri = bool | None  # True, False, or None: not known
Condition = Callable[[Resource, str, Context, list[str]], Tri]
"""(resource, its id, context, unknown-fields accumulator) -> True / False / None."""

FIELD_OPERATORS = (
    "equals",
    "not_equals",
    "in",
    "not_in",
    "exists",
    "matches",
    "contains",
    "at_least",
    "at_most",
)
CONNECTION_KEYS = ("direction", "to_kind", "from_kind", "protocol_in", "port_in", "encrypted")


class _Frameworks(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    security_hub: list[str] = Field(default_factory=list)
    cis: list[str] = Field(default_factory=list)
    well_architected: list[str] = Field(default_factory=list)


class _Remediation(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    text: str
    yaml: str = ""
    cloudformation: str = ""
    terraform: str = ""


class _RuleSpec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9._-]*$", max_length=100)
    title: str = Field(min_length=1)
    severity: Severity
    category: Category
    kinds: list[str] = Field(min_length=1)
    rationale: str = ""
    remediation: str | _Remediation = ""
    frameworks: _Frameworks = Field(default_factory=_Frameworks)
    message: str | None = None
    where: Any = None
    require: Any


class _RulesFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    rules: list[dict[str, Any]]


def load_rules(paths: Iterable[str], existing: Mapping[str, Rule] | None = None) -> list[Rule]:
    """The rules of every file, or InputError with one file:line problem each."""
    taken = set(existing or {})
    rules: list[Rule] = []
    problems: list[Problem] = []
    for path in paths:
        try:
            found = load_rules_file(path)
        except InputError as exc:
            problems.extend(exc.problems)
            continue
        for rule, where in found:
            if rule.id in taken:
                problems.append(
                    Problem(where.file, f"rule id {rule.id!r} is already taken", where.line, None)
                )
            taken.add(rule.id)
            rules.append(rule)
    if problems:
        raise InputError(problems)
    return rules


@dataclass(frozen=True)
class _Where:
    file: str
    line: int | None


def load_rules_file(path: str) -> list[tuple[Rule, _Where]]:
    from archcode.collectors.yaml_model import parse_yaml

    name, text = read_text(path)
    parsed = parse_yaml(text, name)
    if parsed.problems:
        raise InputError(parsed.problems)
    try:
        document = _RulesFile.model_validate(parsed.data)
    except ValidationError as exc:
        raise InputError(validation_problems(exc, name, parsed.positions)) from None
    builder = _Builder(name, parsed.positions)
    out = []
    for index, body in enumerate(document.rules):
        rule = builder.rule(body, ("rules", index))
        if rule is not None:
            out.append((rule, _Where(name, parsed.positions.get(("rules", index), (None,))[0])))
    if builder.problems:
        raise InputError(builder.problems)
    return out


class _Builder:
    """Turns rule bodies into Rules, collecting every problem with its position."""

    def __init__(self, name: str, positions: dict[Path, tuple[int, int]]) -> None:
        self.name = name
        self.positions = positions
        self.problems: list[Problem] = []

    def _error(self, path: Path, message: str) -> None:
        self.problems.append(problem_at(self.name, self.positions, path, message))

    def rule(self, body: dict[str, Any], at: Path) -> Rule | None:
        try:
            spec = _RuleSpec.model_validate(body)
        except ValidationError as exc:
            self.problems.extend(validation_problems(exc, self.name, self.positions, at))
            return None
        kinds = []
        for index, kind in enumerate(spec.kinds):
            found = resolve_kind(kind)
            if found is None:
                self._error((*at, "kinds", index), f"unknown kind {kind!r}{_hint(kind, BY_KIND)}")
            else:
                kinds.append(found[0])
        if len(kinds) != len(spec.kinds):
            return None
        models = [BY_KIND[k].model for k in kinds]
        before = len(self.problems)
        where = (
            self.condition(spec.where, (*at, "where"), models) if spec.where is not None else None
        )
        require = self.condition(spec.require, (*at, "require"), models)
        if len(self.problems) > before or require is None:
            return None
        remediation = (
            Remediation(spec.remediation)
            if isinstance(spec.remediation, str)
            else Remediation(**spec.remediation.model_dump())
        )
        frameworks = Frameworks(
            tuple(spec.frameworks.security_hub),
            tuple(spec.frameworks.cis),
            tuple(spec.frameworks.well_architected),
        )
        return Rule(
            spec.id,
            spec.title,
            spec.severity,
            spec.category,
            tuple(kinds),
            frameworks,
            spec.rationale,
            remediation,
            resource_check=_check(where, require, spec.message or f"not met: {spec.title}"),
            source=self.name,
        )

    def condition(self, body: Any, at: Path, models: Sequence[type[BaseModel]]) -> Condition | None:
        if not isinstance(body, dict):
            self._error(at, "a condition is a mapping (field, all, any, not or connection)")
            return None
        keys = set(body)
        if "field" in keys:
            return self._field(body, at, models)
        if len(keys) != 1:
            self._error(at, "use one of field, all, any, not, connection per condition")
            return None
        (key,) = keys
        value = body[key]
        if key in ("all", "any"):
            if not isinstance(value, list) or not value:
                self._error((*at, key), f"{key}: a non-empty list of conditions")
                return None
            parts = [self.condition(v, (*at, key, i), models) for i, v in enumerate(value)]
            if any(p is None for p in parts):
                return None
            return _all([p for p in parts if p]) if key == "all" else _any([p for p in parts if p])
        if key == "not":
            inner = self.condition(value, (*at, "not"), models)
            return None if inner is None else _not(inner)
        if key == "connection":
            return self._connection(value, (*at, "connection"))
        self._error(
            (*at, key),
            f"unknown condition {key!r}{_hint(key, ['field', 'all', 'any', 'not', 'connection'])}",
        )
        return None

    def _field(
        self, body: dict[str, Any], at: Path, models: Sequence[type[BaseModel]]
    ) -> Condition | None:
        operators = [k for k in body if k != "field"]
        unknown = [k for k in operators if k not in FIELD_OPERATORS]
        for key in unknown:
            self._error((*at, key), f"unknown operator {key!r}{_hint(key, FIELD_OPERATORS)}")
        if unknown:
            return None
        if len(operators) != 1:
            self._error(at, f"a field condition has one operator of {', '.join(FIELD_OPERATORS)}")
            return None
        (op,) = operators
        field = body["field"]
        if not isinstance(field, str) or not field:
            self._error((*at, "field"), "a field name, e.g. storage_encrypted or tags.env")
            return None
        parts = field.split(".")
        annotations = []
        for model in models:
            annotation, error = _resolve(model, parts)
            if error:
                self._error((*at, "field"), error)
                return None
            annotations.append(annotation)
        return self._operator(op, body[op], field, parts, annotations, (*at, op))

    def _operator(
        self, op: str, raw: Any, field: str, parts: list[str], annotations: list[Any], at: Path
    ) -> Condition | None:
        def typed(value: Any, where: Path) -> Any:
            """The value as the field's type would hold it (``"true"`` is True for a bool)."""
            result = value
            for annotation in annotations:
                try:
                    result = TypeAdapter(annotation).validate_python(value)
                except ValidationError as exc:
                    first = exc.errors(include_url=False)[0]["msg"]
                    self._error(where, f"{value!r} does not fit field {field}: {first}")
                    raise _Invalid from None
            return result

        try:
            if op == "exists":
                if not isinstance(raw, bool):
                    self._error(at, "exists: true or false")
                    return None
                return _exists(parts, raw)
            if op in ("equals", "not_equals"):
                return _compare(parts, field, typed(raw, at), op == "not_equals")
            if op in ("in", "not_in"):
                if not isinstance(raw, list) or not raw:
                    self._error(at, f"{op}: a non-empty list of values")
                    return None
                values = [typed(v, (*at, i)) for i, v in enumerate(raw)]
                return _member(parts, field, values, op == "not_in")
            if op == "matches":
                if not isinstance(raw, str):
                    self._error(at, "matches: a regular expression")
                    return None
                try:
                    pattern = re.compile(raw)
                except re.error as exc:
                    self._error(at, f"not a regular expression: {exc}")
                    return None
                return _matches(parts, field, pattern)
            if op == "contains":
                return _contains(parts, field, raw)
            if not isinstance(raw, int | float) or isinstance(raw, bool):
                self._error(at, f"{op}: a number")
                return None
            return _bound(parts, field, float(raw), op == "at_least")
        except _Invalid:
            return None

    def _connection(self, body: Any, at: Path) -> Condition | None:
        if not isinstance(body, dict) or not body:
            self._error(at, f"connection: a mapping of {', '.join(CONNECTION_KEYS)}")
            return None
        bad = [k for k in body if k not in CONNECTION_KEYS]
        for key in bad:
            hint = _hint(key, CONNECTION_KEYS)
            self._error((*at, key), f"unknown connection filter {key!r}{hint}")
        if bad:
            return None
        direction = body.get("direction")
        if direction is None:
            direction = "in" if "from_kind" in body and "to_kind" not in body else "out"
        if direction not in ("out", "in", "either"):
            self._error((*at, "direction"), "direction: out, in or either")
            return None
        ends: dict[str, frozenset[str] | None] = {}
        for key in ("to_kind", "from_kind"):
            raw = body.get(key)
            if raw is None:
                ends[key] = None
                continue
            names = [raw] if isinstance(raw, str) else raw
            if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
                self._error((*at, key), f"{key}: a kind or a list of kinds")
                return None
            kinds = set()
            for index, kind in enumerate(names):
                found = resolve_kind(kind)
                if found is not None:
                    kinds.add(found[0])
                elif kind in ACTORS_BY_KIND:
                    kinds.add(kind)
                else:
                    where = (*at, key) if isinstance(raw, str) else (*at, key, index)
                    known = [*BY_KIND, *ACTORS_BY_KIND]
                    self._error(where, f"unknown kind {kind!r}{_hint(kind, known)}")
                    return None
            ends[key] = frozenset(kinds)
        protocols = body.get("protocol_in")
        if protocols is not None and (
            not isinstance(protocols, list) or not all(isinstance(p, str) for p in protocols)
        ):
            self._error((*at, "protocol_in"), "protocol_in: a list of protocols")
            return None
        ports = body.get("port_in")
        if ports is not None and (
            not isinstance(ports, list) or not all(type(p) is int for p in ports)
        ):
            self._error((*at, "port_in"), "port_in: a list of port numbers")
            return None
        encrypted = body.get("encrypted")
        if encrypted is not None and not isinstance(encrypted, bool):
            self._error((*at, "encrypted"), "encrypted: true or false")
            return None
        return _connection(
            direction,
            ends["to_kind"],
            ends["from_kind"],
            frozenset(p.lower() for p in protocols) if protocols else None,
            frozenset(ports) if ports else None,
            encrypted,
        )


class _Invalid(Exception):
    """A value did not fit its field (already reported)."""


def _hint(name: str, candidates: Iterable[str]) -> str:
    import difflib

    close = difflib.get_close_matches(name, list(candidates), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _resolve(model: type[BaseModel], parts: list[str]) -> tuple[Any, str | None]:
    """The annotation a dotted field path leads to in ``model``, or an error message."""
    current: Any = model
    for depth, part in enumerate(parts):
        shown = ".".join(parts[: depth + 1])
        if isinstance(current, type) and issubclass(current, BaseModel):
            fields = current.model_fields
            info = fields.get(part) or next((f for f in fields.values() if f.alias == part), None)
            if info is None:
                kind = _kind_of(model)
                return None, f"unknown field {shown!r} of {kind}{_hint(part, fields)}"
            current = _unwrap(info.annotation)
            if (isinstance(current, type) and issubclass(current, BaseModel)) or _is_dict(current):
                continue
            if depth != len(parts) - 1:
                return None, f"{shown!r} of {_kind_of(model)} has no fields"
            return info.annotation, None
        if _is_dict(current):
            value_type = typing.get_args(current)[1] if typing.get_args(current) else Any
            current = _unwrap(value_type)
            if depth == len(parts) - 1:
                return value_type, None
            continue
        return None, f"{shown!r} of {_kind_of(model)} has no fields"
    return current, None


def _kind_of(model: type[BaseModel]) -> str:
    field = model.model_fields.get("kind")
    return str(field.default) if field is not None else model.__name__


def _unwrap(annotation: Any) -> Any:
    """The model or dict type inside Optional/Annotated, else the annotation itself."""
    pending = [annotation]
    while pending:
        current = pending.pop()
        if isinstance(current, type) and issubclass(current, BaseModel):
            return current
        if _is_dict(current):
            return current
        if isinstance(current, types.UnionType) or typing.get_origin(current) in (
            typing.Union,
            typing.Annotated,
        ):
            pending.extend(typing.get_args(current))
    return annotation


def _is_dict(annotation: Any) -> bool:
    return annotation is dict or typing.get_origin(annotation) is dict


def _value(resource: Resource, parts: list[str]) -> Any:
    judged = JUDGED_FIELDS.get(resource.kind, {}).get(parts[0]) if parts else None
    if judged is not None:  # the fact as judged from the policy, as built-in rules read it
        return judged(resource)
    current: Any = resource
    for part in parts:
        if current is None:
            return None
        if isinstance(current, BaseModel):
            fields = type(current).model_fields
            if part not in fields:  # an alias: find the field it names
                part = next((n for n, f in fields.items() if f.alias == part), part)
            current = getattr(current, part, None)
        elif isinstance(current, dict):
            current = current.get(part)
        else:
            return None
    return current


def _known(parts: list[str], field: str, test: Callable[[Any], bool]) -> Condition:
    def condition(resource: Resource, rid: str, ctx: Context, unknown: list[str]) -> Tri:
        value = _value(resource, parts)
        if value is None:
            unknown.append(field)
            return None
        return test(value)

    return condition


def _compare(parts: list[str], field: str, expected: Any, negate: bool) -> Condition:
    return _known(parts, field, lambda v: (v == expected) != negate)


def _member(parts: list[str], field: str, values: list[Any], negate: bool) -> Condition:
    return _known(parts, field, lambda v: (v in values) != negate)


def _matches(parts: list[str], field: str, pattern: re.Pattern[str]) -> Condition:
    return _known(parts, field, lambda v: pattern.fullmatch(str(v)) is not None)


def _contains(parts: list[str], field: str, item: Any) -> Condition:
    def test(value: Any) -> bool:
        if isinstance(value, list | tuple | set | frozenset | dict | str):
            return item in value
        return False

    return _known(parts, field, test)


def _bound(parts: list[str], field: str, limit: float, at_least: bool) -> Condition:
    def test(value: Any) -> bool:
        if not isinstance(value, int | float) or isinstance(value, bool):
            return False
        return value >= limit if at_least else value <= limit

    return _known(parts, field, test)


def _exists(parts: list[str], wanted: bool) -> Condition:
    def condition(resource: Resource, rid: str, ctx: Context, unknown: list[str]) -> Tri:
        value = _value(resource, parts)
        present = value is not None and value != [] and value != {}
        return present == wanted

    return condition


def _all(parts: Sequence[Condition]) -> Condition:
    def condition(resource: Resource, rid: str, ctx: Context, unknown: list[str]) -> Tri:
        results = [p(resource, rid, ctx, unknown) for p in parts]
        if False in results:
            return False
        return None if None in results else True

    return condition


def _any(parts: Sequence[Condition]) -> Condition:
    def condition(resource: Resource, rid: str, ctx: Context, unknown: list[str]) -> Tri:
        return _any_of([p(resource, rid, ctx, unknown) for p in parts])

    return condition


def _any_of(results: list[Tri]) -> Tri:
    """Three-valued OR: True wins, then unknown."""
    if True in results:
        return True
    return None if None in results else False


def _not(inner: Condition) -> Condition:
    def condition(resource: Resource, rid: str, ctx: Context, unknown: list[str]) -> Tri:
        result = inner(resource, rid, ctx, unknown)
        return None if result is None else not result

    return condition


def _connection(
    direction: str,
    to_kinds: frozenset[str] | None,
    from_kinds: frozenset[str] | None,
    protocols: frozenset[str] | None,
    ports: frozenset[int] | None,
    encrypted: bool | None,
) -> Condition:
    """True when at least one data flow of the resource matches every filter given."""

    def kind(ctx: Context, node: str) -> str | None:
        found = ctx.arch.node(node)
        return found.kind if found is not None else None

    def match(conn: Connection, rid: str, ctx: Context, unknown: list[str]) -> Tri:
        outgoing = conn.source == rid
        incoming = conn.target == rid
        if (direction == "out" and not outgoing) or (direction == "in" and not incoming):
            return False
        source, target = conn.source, conn.target
        if direction == "either" and incoming and not outgoing:
            source, target = target, source  # look at the other end as if outgoing
        if to_kinds is not None and kind(ctx, target) not in to_kinds:
            return False
        if from_kinds is not None and kind(ctx, source) not in from_kinds:
            return False
        if ports is not None and conn.port not in ports:
            if conn.port is None:
                unknown.append(f"port of {conn.source} -> {conn.target}")
                return None
            return False
        if protocols is not None and (conn.protocol or "").lower() not in protocols:
            if conn.protocol is None:
                unknown.append(f"protocol of {conn.source} -> {conn.target}")
                return None
            return False
        if encrypted is not None:
            state = conn.encrypted_in_transit
            if state is None:
                unknown.append(f"encryption of {conn.source} -> {conn.target}")
                return None
            return state == encrypted
        return True

    def condition(resource: Resource, rid: str, ctx: Context, unknown: list[str]) -> Tri:
        return _any_of([match(c, rid, ctx, unknown) for c in ctx.connections_of(rid)])

    return condition


def _check(
    where: Condition | None, require: Condition, fail_message: str
) -> Callable[[Resource, Context], Verdict]:
    def check(resource: Resource, ctx: Context) -> Verdict:
        rid = ctx.id_of(resource)
        unknown: list[str] = []
        if where is not None:
            applies = where(resource, rid, ctx, unknown)
            if applies is None:
                return Verdict(Outcome.UNKNOWN, _unknown_message(unknown, "where"))
            if not applies:
                return not_applicable("the rule's where condition does not hold")
        result = require(resource, rid, ctx, unknown)
        if result is None:
            return Verdict(Outcome.UNKNOWN, _unknown_message(unknown, "require"))
        return passed() if result else failed(fail_message)

    return check


def _unknown_message(fields: list[str], part: str) -> str:
    names = ", ".join(dict.fromkeys(fields)) or "a fact"
    return f"{names} not known ({part} condition)"
