"""The archcode YAML format: safe, line-aware loading into the typed model.

Every problem in a file is reported in one run, one line each, with file, line and column:
syntax errors, duplicate keys, alias bombs, unknown fields and kinds, wrong types, dangling
references and forbidden cycles.
"""

from __future__ import annotations

import difflib
import re
import types
import typing
from dataclasses import dataclass
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from archcode.collectors.yaml_events import (
    MAPPING,
    MAPPING_END,
    SCALAR,
    SEQUENCE,
    SEQUENCE_END,
    Composed,
    single_document,
    skip_node,
)
from archcode.errors import InputError, Problem
from archcode.gcpause import paused_gc
from archcode.model.architecture import Architecture
from archcode.model.base import Location
from archcode.model.compact import share_fields_sets
from archcode.model.integrity import check_integrity
from archcode.model.refs import Path
from archcode.model.registry import BY_KIND, KIND_NAMES

# The C parser when PyYAML has libyaml: the same safe grammar, several times faster.
_BaseLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

MAX_DEPTH = 64
# How many nodes aliases may add to a document: generous for anchors used as templates,
# refusing the "billion laughs" kind of document before it is expanded.
MAX_ALIAS_EXPANSION = 1_000_000
_STR_TAG = "tag:yaml.org,2002:str"


class _Loader(_BaseLoader):  # type: ignore[misc, valid-type]
    pass


@dataclass
class Parsed:
    data: Any
    positions: dict[Path, tuple[int, int]]
    problems: list[Problem]


@paused_gc()
def parse_yaml(text: str, name: str, *, every_position: bool = True) -> Parsed:
    """Plain Python data from YAML, with the 1-based (line, column) of every key and item.

    With ``every_position`` false only the top-level keys and the entries of each top-level
    section (``("resources", id)``) are located: what a valid document needs (the locations of
    its resources). Positions are about a quarter of the parsed data's memory.
    """
    # Without anchors, the data is built straight from the parser's events: no node tree,
    # which was the largest part of the loader's peak memory (bench/README.md, bench_memory).
    # A document the event builder does not handle the same way (anchors, aliases, merge keys,
    # a mapping as a key, any YAML error) is composed whole as before: same data, same messages.
    if "&" not in text:
        try:
            return _EventBuilder(_Loader(text), name, every_position).document()
        except Composed:
            pass
    return _parse_composed(text, name)


def _parse_composed(text: str, name: str) -> Parsed:
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        message = exc.problem or str(exc)
        if exc.context and "expected a single document" in exc.context:
            message = "expected a single YAML document, found several"
        raise InputError(
            [
                Problem(
                    name,
                    message,
                    mark.line + 1 if mark else None,
                    mark.column + 1 if mark else None,
                )
            ]
        ) from None
    except yaml.YAMLError as exc:
        raise InputError([Problem(name, f"not valid YAML: {exc}")]) from None
    finally:
        loader.dispose()
    if node is None:
        raise InputError([Problem(name, "the document is empty")])
    # An alias needs an anchor (`&name`): without one nothing can expand, and the check,
    # which walks every node, would cost as much as composing the document.
    if "&" in text:
        _check_expansion(node, name)
    # Without anchors no node is reached twice: the builder then lets go of each subtree as soon
    # as it is built, so that the node tree (about three quarters of the loader's peak memory)
    # and the plain data are never both whole.
    builder = _Builder(loader, name, consume="&" not in text)
    data = builder.build(node, (), 0)
    return Parsed(data, builder.positions, builder.problems)


def _check_expansion(root: yaml.Node, name: str) -> None:
    """Refuse recursive aliases and aliases that blow the document up (billion laughs)."""
    sizes: dict[int, int] = {}
    unique = 0
    in_progress: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        key = id(node)
        if done:
            in_progress.discard(key)
            children = _children(node)
            sizes[key] = 1 + sum(sizes[id(c)] for c in children)
            if sizes[key] > unique + MAX_ALIAS_EXPANSION:
                raise InputError(
                    [
                        Problem(
                            name,
                            "aliases expand the document too far (a YAML alias bomb?)",
                            node.start_mark.line + 1,
                            node.start_mark.column + 1,
                        )
                    ]
                )
            continue
        if key in sizes:
            continue
        if key in in_progress:
            raise InputError(
                [
                    Problem(
                        name,
                        "an alias refers to a node that contains it (recursive alias)",
                        node.start_mark.line + 1,
                        node.start_mark.column + 1,
                    )
                ]
            )
        unique += 1
        in_progress.add(key)
        stack.append((node, True))
        stack.extend((child, False) for child in _children(node) if id(child) not in sizes)


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


# Scalars of these tags construct to immutable values: one object for each spelling.
_IMMUTABLE_TAGS = frozenset(f"tag:yaml.org,2002:{t}" for t in ("int", "float", "bool", "null"))
_VALUE_TAG = "tag:yaml.org,2002:value"  # a `=` key, which PyYAML reads as the text "="
_MERGE_TAG = "tag:yaml.org,2002:merge"


class _EventBuilder:
    """Plain data from the event stream, as ``_Builder`` builds it from composed nodes.

    Each scalar text is kept once (a document repeats its keys, kinds, regions and ports
    thousands of times), and positions below the entries of the top-level sections are kept
    only when asked for.
    """

    def __init__(self, loader: _Loader, name: str, every_position: bool) -> None:
        self.loader = loader
        self.name = name
        self.every_position = every_position
        self.positions: dict[Path, tuple[int, int]] = {}
        self.problems: list[Problem] = []
        self.texts: dict[str, str] = {}
        self.constants: dict[tuple[str, str], Any] = {}

    def document(self) -> Parsed:
        data = single_document(self.loader, lambda: self.build((), 0))
        return Parsed(data, self.positions, self.problems)

    def _problem(self, mark: Any, message: str) -> None:
        self.problems.append(Problem(self.name, message, mark.line + 1, mark.column + 1))

    def _locate(self, path: Path, mark: Any) -> None:
        if self.every_position or len(path) <= 2:
            self.positions[path] = (mark.line + 1, mark.column + 1)

    def build(self, path: Path, depth: int) -> Any:
        loader = self.loader
        event = loader.get_event()
        if getattr(event, "anchor", None) is not None or not isinstance(
            event, SCALAR | SEQUENCE | MAPPING
        ):
            raise Composed  # an anchor or an alias
        if depth > MAX_DEPTH:
            self._problem(event.start_mark, f"nested deeper than {MAX_DEPTH} levels")
            skip_node(loader, event)  # its start is read: the rest of it, not the next node
            return None
        if isinstance(event, SCALAR):
            return self._scalar(event, key=False)
        if isinstance(event, SEQUENCE):
            items = []
            index = 0
            while not loader.check_event(SEQUENCE_END):
                item_path = (*path, index)
                self._locate(item_path, loader.peek_event().start_mark)
                items.append(self.build(item_path, depth + 1))
                index += 1
            loader.get_event()
            return items
        mapping: dict[Any, Any] = {}
        first_seen: dict[Any, int] = {}
        while not loader.check_event(MAPPING_END):
            key_event = loader.get_event()
            if not isinstance(key_event, SCALAR) or key_event.anchor is not None:
                raise Composed  # a collection or an alias as a key
            mark: Any = key_event.start_mark
            if depth + 1 > MAX_DEPTH:
                self._problem(mark, f"nested deeper than {MAX_DEPTH} levels")
                raw_key = None
            else:
                raw_key = self._scalar(key_event, key=True)
            if not isinstance(raw_key, str | int | float | bool):
                self._problem(mark, "a mapping key must be a plain scalar")
                self._skip()
                continue
            # Keys are names in this format: `80:` or `yes:` as keys mean the text.
            key = raw_key if isinstance(raw_key, str) else self._text(key_event.value)
            line = mark.line + 1
            if key in first_seen:
                self._problem(mark, f"duplicate key {key!r} (first at line {first_seen[key]})")
                self._skip()
                continue
            first_seen[key] = line
            key_path = (*path, key)
            self._locate(key_path, mark)
            mapping[key] = self.build(key_path, depth + 1)
        loader.get_event()
        return mapping

    def _text(self, value: str) -> str:
        return self.texts.setdefault(value, value)

    def _scalar(self, event: yaml.ScalarEvent, *, key: bool) -> Any:
        tag = event.tag
        if tag is None or tag == "!":
            tag = self.loader.resolve(yaml.ScalarNode, event.value, event.implicit)
        if tag == _STR_TAG or (key and tag == _VALUE_TAG):
            return self._text(event.value)
        if tag == _MERGE_TAG and key:
            raise Composed  # `<<:` merges a mapping: the composing loader flattens it
        if tag in _IMMUTABLE_TAGS and (tag, event.value) in self.constants:
            return self.constants[tag, event.value]
        start: Any = event.start_mark  # the C parser's own Mark type
        node = yaml.ScalarNode(tag, event.value, start, event.end_mark, event.style)  # type: ignore[arg-type]
        try:
            value = self.loader.construct_object(node)
        except yaml.constructor.ConstructorError as exc:
            self._problem(event.start_mark, exc.problem or str(exc))
            return None
        except (ValueError, OverflowError) as exc:  # `!!int x`, 5,000 digits
            self._problem(event.start_mark, _scalar_message(node, exc))
            return None
        finally:
            self.loader.constructed_objects.pop(node, None)  # the constructor's cache
        if tag in _IMMUTABLE_TAGS:
            self.constants[tag, event.value] = value
        return value

    def _skip(self) -> None:
        """Consume the events of the node about to be read, building nothing."""
        skip_node(self.loader, self.loader.get_event())


class _Builder:
    def __init__(self, loader: _Loader, name: str, consume: bool = False) -> None:
        self.loader = loader
        self.name = name
        self.consume = consume
        self.positions: dict[Path, tuple[int, int]] = {}
        self.problems: list[Problem] = []

    def _problem(self, node: yaml.Node, message: str) -> None:
        mark = node.start_mark
        self.problems.append(Problem(self.name, message, mark.line + 1, mark.column + 1))

    def build(self, node: yaml.Node, path: Path, depth: int) -> Any:
        if depth > MAX_DEPTH:
            self._problem(node, f"nested deeper than {MAX_DEPTH} levels")
            return None
        if isinstance(node, yaml.ScalarNode):
            if node.tag == _STR_TAG:
                return node.value
            try:
                return self.loader.construct_object(node)
            except yaml.constructor.ConstructorError as exc:
                self._problem(node, exc.problem or str(exc))
                return None
            except (ValueError, OverflowError) as exc:  # `!!int x`, 5,000 digits
                self._problem(node, _scalar_message(node, exc))
                return None
        if isinstance(node, yaml.SequenceNode):
            items = []
            children = self._take(node)
            for index in range(len(children)):
                child = children.pop()
                self.positions[(*path, index)] = (
                    child.start_mark.line + 1,
                    child.start_mark.column + 1,
                )
                items.append(self.build(child, (*path, index), depth + 1))
            return items
        if isinstance(node, yaml.MappingNode):
            try:
                self.loader.flatten_mapping(node)  # resolves `<<: *anchor` merge keys
            except yaml.constructor.ConstructorError as exc:
                self._problem(node, exc.problem or str(exc))
                return {}
            mapping: dict[Any, Any] = {}
            first_seen: dict[Any, int] = {}
            pairs = self._take(node)
            while pairs:
                key_node, value_node = pairs.pop()
                raw_key = self.build(key_node, path, depth + 1)
                if not isinstance(raw_key, str | int | float | bool):
                    self._problem(key_node, "a mapping key must be a plain scalar")
                    continue
                # Keys are names in this format: `80:` or `yes:` as keys mean the text.
                key = raw_key if isinstance(raw_key, str) else key_node.value
                line = key_node.start_mark.line + 1
                if key in first_seen:
                    self._problem(
                        key_node, f"duplicate key {key!r} (first at line {first_seen[key]})"
                    )
                    continue
                first_seen[key] = line
                self.positions[(*path, key)] = (line, key_node.start_mark.column + 1)
                mapping[key] = self.build(value_node, (*path, key), depth + 1)
            return mapping
        self._problem(node, "unsupported YAML node")
        return None

    def _take(self, node: yaml.CollectionNode) -> list[Any]:
        """The node's children, last first (popped in document order); detached from the node
        when consuming, so that each is freed once built."""
        children = list(reversed(node.value))
        if self.consume:
            node.value = []
        return children


def _scalar_message(node: yaml.ScalarNode, exc: Exception) -> str:
    if "4300" in str(exc):
        return "integer literal longer than 4300 digits"
    tag = node.tag.rpartition(":")[2] or node.tag
    shown = repr(node.value[:40]) + ("..." if len(node.value) > 40 else "")
    return f"{shown} is not a valid {tag}"


def load_yaml_model(text: str, name: str) -> Architecture:
    """Validate an archcode YAML document into an Architecture, or raise InputError.

    A valid document needs only where its resources are; the position of every key is
    recorded (by parsing again) only when there are problems to locate.
    """
    parsed = parse_yaml(text, name, every_position=False)
    if not parsed.problems and isinstance(parsed.data, dict):
        try:
            return validate_document(parsed.data, name, parsed.positions)
        except InputError:
            pass
        parsed = Parsed(None, {}, [])  # let go before parsing again
    parsed = parse_yaml(text, name)
    data = parsed.data
    if not isinstance(data, dict):
        message = "an archcode document is a mapping (name, resources ...)"
        raise InputError([*parsed.problems, Problem(name, message, 1, 1)])
    return validate_document(data, name, parsed.positions, parsed.problems)


@paused_gc()
def validate_document(
    data: dict[str, Any],
    name: str,
    positions: dict[Path, tuple[int, int]],
    earlier: list[Problem] | None = None,
) -> Architecture:
    """Validate plain data into an Architecture, reporting every problem with its position.

    ``earlier`` problems (duplicate keys, say) are reported together with these.
    """
    problems: list[Problem] = list(earlier or [])
    invalid: set[tuple[str, str | int]] = set()
    arch: Architecture | None
    try:
        arch = Architecture.model_validate(data)
    except ValidationError as exc:
        for error in exc.errors(include_url=False):
            problem, entry = _problem_from_error(error, data, name, positions)
            problems.append(problem)
            if entry is not None:
                invalid.add(entry)
        arch = _validate_rest(data, invalid)
    if arch is not None:
        invalid_ids = frozenset(str(key) for section, key in invalid if section != "connections")
        for issue in check_integrity(arch, invalid_ids):
            problems.append(_located(name, issue.path, issue.message, positions))
        arch.set_locations(_locations(arch, name, positions))
    if problems:
        problems.sort(key=lambda p: (p.line or 0, p.column or 0))
        raise InputError(problems)
    assert arch is not None
    share_fields_sets(arch)
    return arch


def _validate_rest(
    data: dict[str, Any], invalid: set[tuple[str, str | int]]
) -> Architecture | None:
    """The document without its invalid entries, so that references can still be checked."""
    trimmed = dict(data)
    for section in ("resources", "actors"):
        if isinstance(data.get(section), dict):
            trimmed[section] = {
                k: v for k, v in data[section].items() if (section, k) not in invalid
            }
    if isinstance(data.get("connections"), list):
        trimmed["connections"] = [
            c for i, c in enumerate(data["connections"]) if ("connections", i) not in invalid
        ]
    try:
        return Architecture.model_validate(trimmed)
    except ValidationError:
        return None  # top-level fields are wrong: those problems are already reported


_TYPE_TAG = re.compile(r"^(str|int|float|bool|none|list\[.*|dict\[.*|function-.*|.*\[.*\].*)$")


def _problem_from_error(
    error: Any, data: dict[str, Any], name: str, positions: dict[Path, tuple[int, int]]
) -> tuple[Problem, tuple[str, str | int] | None]:
    loc: tuple[str | int, ...] = tuple(error["loc"])
    kind_tag = None
    if len(loc) >= 2 and loc[0] == "resources":
        body = data.get("resources", {}).get(loc[1])
        if isinstance(body, dict):
            found = KIND_NAMES.get(str(body.get("kind")))
            kind_tag = found[0] if found else None
    path: list[str | int] = []
    for index, part in enumerate(loc):
        last = index == len(loc) - 1
        if index == 2 and loc[0] == "resources" and part == kind_tag:
            continue  # the discriminated union's tag: not part of the document
        if (*path, part) in positions or (last and not _TYPE_TAG.match(str(part))):
            path.append(part)
        elif part == "[key]":
            break
    message = _message(error, loc, data, tuple(path))
    entry: tuple[str, str | int] | None = None
    if len(loc) >= 2 and loc[0] in ("resources", "actors", "connections"):
        entry = (str(loc[0]), loc[1])
    return _located(name, tuple(path), message, positions), entry


def _message(error: Any, loc: tuple[str | int, ...], data: dict[str, Any], path: Path) -> str:
    kind = error["type"]
    if kind == "union_tag_invalid":
        tag = str(error.get("ctx", {}).get("tag", ""))
        return f"kind: unknown kind {tag!r}{_did_you_mean(tag, list(KIND_NAMES))}"
    if kind == "union_tag_not_found":
        return "kind: missing (every resource names its kind, e.g. kind: lambda_function)"
    if kind == "extra_forbidden":
        field = str(loc[-1])
        return f"unknown field{_did_you_mean(field, _fields_at(data, path[:-1]))}"
    if kind == "missing":
        return "required field is missing"
    if loc and loc[-1] == "[key]":
        return f"invalid id {str(loc[-2])!r}: use letters, digits and _ . : / @ + = -"
    message = str(error["msg"]).removeprefix("Value error, ")
    given = error.get("input")
    if isinstance(given, str | int | float | bool) and not message.startswith(("a ", "an ")):
        shown = repr(given)
        message += f" (got {shown[:60]}{'...' if len(shown) > 60 else ''})"
    return message


def _did_you_mean(name: str, candidates: list[str]) -> str:
    close = difflib.get_close_matches(name, candidates, n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _fields_at(data: dict[str, Any], path: Path) -> list[str]:
    """Field names (and aliases) of the model that sits at a document path."""
    cls: type[BaseModel] | None = Architecture
    value: Any = data
    for depth, part in enumerate(path):
        if isinstance(value, dict):
            value = value.get(part)
        elif isinstance(value, list) and isinstance(part, int) and part < len(value):
            value = value[part]
        else:
            value = None
        if depth == 1 and path[0] == "resources":
            found = KIND_NAMES.get(str(value.get("kind"))) if isinstance(value, dict) else None
            cls = BY_KIND[found[0]].model if found else None
        elif cls is not None and isinstance(part, str):
            cls = _nested_model(cls, part)
        if cls is None:
            return []
    return [
        info.alias or field_name for field_name, info in (cls.model_fields if cls else {}).items()
    ]


def _nested_model(cls: type[BaseModel], field: str) -> type[BaseModel] | None:
    info = cls.model_fields.get(field) or next(
        (f for f in cls.model_fields.values() if f.alias == field), None
    )
    if info is None:
        return None
    pending: list[Any] = [info.annotation]
    while pending:
        annotation = pending.pop()
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            return annotation
        if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is not None:
            pending.extend(typing.get_args(annotation))
    return None


def _located(
    name: str, path: Path, message: str, positions: dict[Path, tuple[int, int]]
) -> Problem:
    resource = None
    field_path = path
    if len(path) >= 2 and path[0] in ("resources", "actors"):
        resource = str(path[1])
        field_path = path[2:]
    field = _dotted(field_path)
    if message.startswith("kind: "):
        message = message.removeprefix("kind: ")
        field = "kind"
    probe = path
    while probe and probe not in positions:
        probe = probe[:-1]
    line, column = positions.get(probe, (None, None))
    return Problem(name, message, line, column, resource, field or None)


def _dotted(path: Path) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _locations(
    arch: Architecture, name: str, positions: dict[Path, tuple[int, int]]
) -> dict[str, Location]:
    found: dict[str, Location] = {}
    for section, ids in (("resources", arch.resources), ("actors", arch.actors)):
        for node_id in ids:
            line, column = positions.get((section, node_id), (1, 1))
            found[node_id] = Location(name, line, column)
    return found
