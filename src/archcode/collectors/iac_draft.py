"""What CloudFormation and Terraform importers share: typed conversions and the model draft.

An importer fills a ``Draft`` with one field mapping per resource, connections, waivers and
diagnostics; ``Draft.build`` validates each resource on its own (a field that cannot be mapped
becomes unknown, with a warning, instead of failing the whole run) and returns the model.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

from pydantic import TypeAdapter, ValidationError

from archcode.errors import InputError, Problem
from archcode.model.architecture import Architecture, Id, Waiver
from archcode.model.base import Location, Resource
from archcode.model.compact import share_fields_sets
from archcode.model.integrity import check_integrity
from archcode.model.partial import null_bad_entries
from archcode.model.refs import iter_refs
from archcode.model.registry import BY_KIND

P = TypeVar("P")
ABSENT: Any = object()  # a property the source does not set (AWS's default applies)
# A field the source leaves undetermined whose model default would say "none" (an empty list):
# ``prune`` keeps it, as None, so the model holds "not known" instead of its default.
NOT_KNOWN: Any = object()


@dataclass(frozen=True)
class TemplateWaiver:
    """A waiver written next to its resource (CloudFormation Metadata, or tags), with where.

    ``Draft.build`` turns each into the model's own form (``Architecture.waivers``), which the
    rules engine applies like any in-model waiver; a waiver without its reason or expiry is an
    input error at its line, as in a waivers file.
    """

    rule: str
    resource: str
    reason: str | None = None
    expires: str | None = None
    file: str | None = None
    line: int | None = None


def to_bool(value: Any, default: bool | None = None) -> bool | None:
    """True/False, "true"/"false" as CloudFormation writes them; anything unresolved: None."""
    if value is ABSENT:
        return default
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.lower() in ("true", "false"):
        return value.lower() == "true"
    return None


def to_int(value: Any, default: int | None = None) -> int | None:
    if value is ABSENT:
        return default
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        try:
            return int(value.strip())
        except ValueError:
            return None
    return None


def to_float(value: Any, default: float | None = None) -> float | None:
    if value is ABSENT:
        return default
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value)
        except ValueError:
            return None
    return None


def to_str(value: Any, default: str | None = None) -> str | None:
    if value is ABSENT:
        return default
    if isinstance(value, str):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return None


def to_str_list(value: Any) -> list[str]:
    """The known strings of a list (a single string counts as one); unknown items are dropped."""
    if value is ABSENT or value is None:
        return []
    items = value if isinstance(value, list) else [value]
    return [s for s in (to_str(i) for i in items) if s is not None]


def to_known_str_list(value: Any) -> Any:
    """The strings of a list, or NOT_KNOWN when the list or one of its items is not determined
    (a parameter without a default, a condition on the region): unknown, not empty."""
    if value is ABSENT or value is None:
        return []
    items = value if isinstance(value, list) else [value]
    known = [to_str(i) for i in items]
    return NOT_KNOWN if any(s is None for s in known) else [s for s in known if s is not None]


def dig(value: Any, *keys: str | int) -> Any:
    """value[k1][k2]..., or ABSENT as soon as a level is missing."""
    for key in keys:
        if isinstance(key, int):
            if not isinstance(value, list) or len(value) <= key:
                return ABSENT
            value = value[key]
        else:
            if not isinstance(value, dict) or key not in value:
                return ABSENT
            value = value[key]
    return value


def as_dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def map_safely(
    draft: Draft, rid: str, location: Location, mapper: Callable[[P], dict[str, Any]], props: P
) -> dict[str, Any]:
    """A mapper's fields; if the source is too odd for it, the generic fields and a warning.

    Templates are input: a mapper meeting a shape it does not expect must not stop the run. The
    exception is kept on the draft (``mapper_errors``): it is archcode's bug, which tests and
    ``--debug`` show.
    """
    try:
        return mapper(props)
    except Exception as exc:  # any surprise in odd input becomes a warning
        draft.mapper_errors.append((rid, exc))
        draft.warn(rid, f"properties not read ({type(exc).__name__}); facts left unknown", location)
        return {}


def prune(fields: Mapping[str, Any]) -> dict[str, Any]:
    """Drop fields left None or empty, so the model's own defaults apply (NOT_KNOWN: None)."""
    return {
        k: None if v is NOT_KNOWN else v
        for k, v in fields.items()
        if v is NOT_KNOWN or (v is not None and v != [] and v != {})
    }


@dataclass
class Draft:
    """The architecture an importer is building, before validation."""

    name: str
    region: str | None = None
    resources: dict[str, dict[str, Any]] = field(default_factory=dict)
    actors: dict[str, dict[str, Any]] = field(default_factory=dict)
    locations: dict[str, Location] = field(default_factory=dict)
    connections: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)
    waivers: list[TemplateWaiver] = field(default_factory=list)
    diagnostics: list[Problem] = field(default_factory=list)
    mapper_errors: list[tuple[str, Exception]] = field(default_factory=list)
    account_settings: list[dict[str, Any]] = field(default_factory=list)  # model.account

    def add(self, rid: str, fields: dict[str, Any], location: Location) -> None:
        self.resources[rid] = fields
        self.locations[rid] = location

    def connect(self, source: str, target: str, **details: Any) -> None:
        if source != target and (source, target) not in self.connections:
            self.connections[(source, target)] = {"from": source, "to": target, **details}

    def warn(self, rid: str | None, message: str, location: Location | None = None) -> None:
        where = location or (self.locations.get(rid) if rid else None)
        self.diagnostics.append(
            Problem(
                where.file if where else self.name,
                message,
                where.line if where else None,
                where.column if where else None,
                rid,
            )
        )

    def build(self) -> Architecture:
        """Validate every resource, then the whole; unmappable fields become unknown."""
        from archcode.collectors.iac_flows import derive_flows

        self._check_ids()
        derive_flows(self)
        models: dict[str, Resource] = {}
        for rid, fields in self.resources.items():
            model = self._validate_resource(rid, fields)
            if model is not None:
                models[rid] = model
        skipped = set(self.resources) - set(models)
        if skipped:
            # References to a skipped resource would dangle: they become unknown too.
            for rid, model in list(models.items()):
                if any(target in skipped for _path, _mark, target in iter_refs(model)):
                    fields = _scrub(model.model_dump(exclude_unset=True, by_alias=True), skipped)
                    models[rid] = BY_KIND[fields["kind"]].model.model_validate(fields)
        nodes = set(models) | set(self.actors)
        connections = [
            c for c in self.connections.values() if c["from"] in nodes and c["to"] in nodes
        ]
        document = {
            "name": self.name,
            "region": self.region,
            "resources": models,
            "actors": self.actors,
            "connections": connections,
            "waivers": self._waivers(set(models)),
        }
        if self.account_settings:
            document["account_settings"] = self.account_settings
        try:
            arch = Architecture.model_validate(document)
        except ValidationError as exc:
            raise InputError(self._located(exc)) from None
        problems = [
            Problem(
                self.locations[str(issue.path[1])].file,
                issue.message,
                self.locations[str(issue.path[1])].line,
                resource=str(issue.path[1]),
                field=".".join(str(p) for p in issue.path[2:]) or None,
            )
            for issue in check_integrity(arch)
            if len(issue.path) >= 2 and str(issue.path[1]) in self.locations
        ]
        if problems:
            raise InputError(problems)
        arch.set_locations({rid: loc for rid, loc in self.locations.items() if rid in models})
        share_fields_sets(arch)
        return arch

    def _check_ids(self) -> None:
        """A logical id or address the model cannot name (a space, a control character, over
        512 characters) is a problem at its resource, before anything is built on it."""
        problems = [
            Problem(
                where.file if (where := self.locations.get(rid)) else self.name,
                f"invalid id {rid[:80]!r}{'...' if len(rid) > 80 else ''}: {_ID_RULE}",
                where.line if where else None,
                where.column if where else None,
            )
            for rid in self.resources
            if not _valid_id(rid)
        ]
        if problems:
            raise InputError(problems)

    def _located(self, exc: ValidationError) -> list[Problem]:
        """The model's refusal of the whole, as problems at the resources it names."""
        problems = []
        for error in exc.errors(include_url=False):
            loc = error["loc"]
            rid = str(loc[1]) if len(loc) >= 2 and loc[0] in ("resources", "actors") else None
            where = self.locations.get(rid) if rid else None
            problems.append(
                Problem(
                    where.file if where else self.name,
                    str(error["msg"]),
                    where.line if where else None,
                    where.column if where else None,
                    resource=rid,
                    field=".".join(str(p) for p in loc[2:]) or ".".join(str(p) for p in loc),
                )
            )
        return problems

    def _waivers(self, ids: set[str]) -> list[Waiver]:
        """The model's waivers; one problem per incomplete one (reason and expiry required)."""
        found: list[Waiver] = []
        problems: list[Problem] = []
        for w in self.waivers:
            if w.resource not in ids:
                continue
            # The id names exactly this resource: glob characters in it are taken literally.
            glob = "".join(f"[{c}]" if c in "*?[" else c for c in w.resource)
            try:
                found.append(
                    Waiver(rule=w.rule, resource=glob, reason=w.reason or "", expires=w.expires)
                )
            except ValidationError as exc:
                fields = ", ".join(sorted({str(e["loc"][0]) for e in exc.errors() if e["loc"]}))
                problems.append(
                    Problem(
                        w.file or self.name,
                        f"waiver of {w.rule}: {fields}: a waiver needs a reason and an expiry "
                        "date (YYYY-MM-DD)",
                        w.line,
                        resource=w.resource,
                    )
                )
        if problems:
            raise InputError(problems)
        return found

    def _validate_resource(self, rid: str, fields: dict[str, Any]) -> Resource | None:
        spec = BY_KIND[fields["kind"]]
        try:
            return spec.model.model_validate(fields)
        except ValidationError as exc:
            fields, nulled = null_bad_entries(spec.model, fields, exc.errors())
        for path in nulled:
            self.warn(rid, f"{path}: the source value does not fit the model; left unknown")
        try:
            return spec.model.model_validate(fields)
        except ValidationError as exc:
            bad = {str(e["loc"][0]) for e in exc.errors() if e["loc"]}
        kept = {k: v for k, v in fields.items() if k not in bad or k == "kind"}
        for name in sorted(bad - {"kind"}):
            if fields.get(name) is not None:
                self.warn(rid, f"{name}: the source value does not fit the model; left unknown")
        try:
            return spec.model.model_validate(kept)
        except ValidationError as exc:
            missing = ", ".join(sorted({str(e["loc"][0]) for e in exc.errors() if e["loc"]}))
            self.warn(rid, f"skipped: required {missing} is not known from the source")
            return None


_ID_RULE = (
    "an id is up to 512 letters, digits and _ . : / @ + = - (starting with a letter or digit)"
)
_ID = TypeAdapter(Id)


def _valid_id(rid: str) -> bool:
    try:
        _ID.validate_python(rid)
    except ValidationError:
        return False
    return True


def _scrub(value: Any, ids: set[str]) -> Any:
    """The value without the given ids (list items dropped, single values set to None)."""
    if isinstance(value, dict):
        return {
            k: (None if isinstance(v, str) and v in ids else _scrub(v, ids))
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [_scrub(v, ids) for v in value if not (isinstance(v, str) and v in ids)]
    return value


def waivers_from_tags(
    rid: str, tags: Mapping[str, str], location: Location
) -> Iterable[TemplateWaiver]:
    """The tag convention: ``archcode:waive`` = "RULE-1 RULE-2" (spaces or commas), with an
    optional ``archcode:waive-reason`` and ``archcode:waive-expires`` (YYYY-MM-DD)."""
    rules = tags.get("archcode:waive")
    if not rules:
        return []
    reason = tags.get("archcode:waive-reason")
    expires = tags.get("archcode:waive-expires")
    return [
        TemplateWaiver(rule, rid, reason, expires, location.file, location.line)
        for rule in rules.replace(",", " ").split()
    ]


def print_diagnostics(diagnostics: Iterable[Problem]) -> None:
    for problem in diagnostics:
        print(f"warning: {problem}", file=sys.stderr)
