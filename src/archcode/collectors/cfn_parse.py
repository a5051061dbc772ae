"""CloudFormation template text (YAML with short intrinsic tags, or JSON) into plain data.

Short tags become the long JSON form (`!Ref X` is `{"Ref": "X"}`, `!GetAtt A.B` is
`{"Fn::GetAtt": ["A", "B"]}`), so the evaluator sees one form. The YAML loader is a subclass of
PyYAML's safe loader (the C one when libyaml is there): it never builds Python objects from tags.
Lines of resources and of their properties are kept for error messages and SARIF.
"""

from __future__ import annotations

import json
import re
from typing import Any

import yaml

from archcode.collectors.json_text import load_json
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
from archcode.collectors.yaml_model import MAX_DEPTH, _check_expansion
from archcode.errors import InputError, Problem
from archcode.model.refs import Path

_BaseLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

Positions = dict[Path, tuple[int, int]]

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
# Record positions down to resource properties: Resources / Id / Properties / Name.
_POSITION_DEPTH = 4
_DEEP: Path = ("",)
_ANCHOR = re.compile(r"&[^\s]")
_PLAIN_TAGS = frozenset(
    f"tag:yaml.org,2002:{name}"
    for name in ("str", "int", "float", "bool", "null", "seq", "map", "timestamp", "binary")
)  # a path below the positioned levels


class CfnLoader(_BaseLoader):  # type: ignore[misc, valid-type]
    """Safe loader that knows CloudFormation's short tags (and nothing that builds objects)."""


def _intrinsic_name(tag: str) -> str:
    name = tag[1:]
    return name if name in ("Ref", "Condition") else f"Fn::{name}"


def _construct_tagged(loader: yaml.SafeLoader, tag_suffix: str, node: yaml.Node) -> Any:
    tag = "!" + tag_suffix
    value: Any
    if isinstance(node, yaml.ScalarNode):
        value = loader.construct_scalar(node)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    elif isinstance(node, yaml.MappingNode):
        value = loader.construct_mapping(node, deep=True)
    else:
        value = None
    return _long_form(tag, value)


# Registered for callers that construct without positions (yaml.load(text, CfnLoader)).
CfnLoader.add_multi_constructor("!", _construct_tagged)


def _long_form(tag: str, value: Any) -> dict[str, Any]:
    name = _intrinsic_name(tag)
    if name == "Fn::GetAtt" and isinstance(value, str):
        resource, _, attribute = value.partition(".")
        value = [resource, attribute]
    return {name: value}


def parse_template(text: str, name: str) -> tuple[Any, Positions]:
    """The template's data and the (line, column) of resources and their properties."""
    stripped = text.lstrip()
    if stripped.startswith("{"):
        return _parse_json(text, name)
    return _parse_yaml(text, name)


def _parse_json(text: str, name: str) -> tuple[Any, Positions]:
    data = load_json(text, name)
    positions, duplicate = _scan_json(text, "Resources")
    if duplicate is not None:
        key, line, column, first = duplicate
        message = f"duplicate key {key!r} (first at line {first})"
        raise InputError([Problem(name, message, line, column)])
    return data, positions


# A JSON string (with its escapes) optionally followed by a colon, or a bracket.
_JSON_TOKEN = re.compile(r'"((?:[^"\\]|\\.)*)"(\s*:)?|[{}\[\]]')


def json_positions(text: str, section: str) -> Positions:
    """Lines of the keys under a top-level section, down to resource properties, in one pass."""
    return _scan_json(text, section)[0]


def _scan_json(text: str, section: str) -> tuple[Positions, tuple[str, int, int, int] | None]:
    """Positions of the keys under a top-level section, and the first duplicate key, if any.

    json gives no positions and keeps the last of two equal keys silently; CloudFormation
    refuses such a template, as archcode's YAML readers do. This scans the text for strings
    and brackets only, so it is linear and cheap. Paths are relative to the section:
    (Id,), (Id, "Properties"), (Id, "Properties", Name).
    """
    positions: Positions = {}
    stack: list[str | None] = []  # the key that opened each container (None in a list)
    keys: list[dict[str, int] | None] = []  # each open object's keys and their lines
    key: str | None = None
    line, last = 1, 0
    inside = False
    for match in _JSON_TOKEN.finditer(text):
        token = match.group(0)
        if match.group(2):  # a key
            key = match.group(1)
            if "\\" in key:
                key = _unescaped(key)
            start = match.start()
            line += text.count("\n", last, start)
            last = start
            seen = keys[-1] if keys else None
            if seen is not None:
                if key in seen:
                    return positions, (key, line, start - text.rfind("\n", 0, start), seen[key])
                seen[key] = line
            depth = len(stack)
            if depth == 1:
                inside = key == section
            elif inside and 2 <= depth <= _POSITION_DEPTH and None not in stack[1:]:
                column = start - text.rfind("\n", 0, start)
                path = (*(str(p) for p in stack[2:]), key)
                positions[path] = (line, column)
            continue
        if token == "{" or token == "[":
            stack.append(key)
            keys.append({} if token == "{" else None)
            key = None
        elif token == "}" or token == "]":
            if stack:
                stack.pop()
                keys.pop()
            key = None
    return positions, None


def _unescaped(key: str) -> str:
    try:
        return str(json.loads(f'"{key}"'))
    except ValueError:
        return key


def _parse_yaml(text: str, name: str) -> tuple[Any, Positions]:
    # Without anchors the data is built from the parser's events, without composing the node
    # tree (most of the reader's peak memory); anything the event builder does not handle the
    # same way (an anchor, an alias, a merge key, a YAML error, several documents, none) is
    # composed whole as before, so data, positions and messages are the same either way.
    if not _ANCHOR.search(text):
        try:
            builder = _EventBuilder(CfnLoader(text), name)
            data = builder.document()
        except Composed:
            pass
        else:
            if builder.problems:
                raise InputError(builder.problems)
            return data, builder.positions
    return _parse_composed(text, name)


def _parse_composed(text: str, name: str) -> tuple[Any, Positions]:
    loader = CfnLoader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise InputError(
            [
                Problem(
                    name,
                    exc.problem or str(exc),
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
        raise InputError([Problem(name, "the template is empty")])
    if _ANCHOR.search(text):  # without an anchor there is no alias to expand
        _check_expansion(node, name)
    builder = _Builder(loader, name)
    data = builder.build(node, (), 0)
    if builder.problems:
        raise InputError(builder.problems)
    return data, builder.positions


class _EventBuilder:
    """``_Builder``'s data and positions, from the event stream; each text kept once."""

    def __init__(self, loader: CfnLoader, name: str) -> None:
        self.loader = loader
        self.name = name
        self.positions: Positions = {}
        self.problems: list[Problem] = []
        self.texts: dict[str, str] = {}
        self.numbers: dict[tuple[str, str], Any] = {}

    def document(self) -> Any:
        return single_document(self.loader, lambda: self.build((), 0))

    def _problem(self, mark: Any, message: str) -> None:
        self.problems.append(Problem(self.name, message, mark.line + 1, mark.column + 1))

    def build(self, path: Path, depth: int) -> Any:
        event = self.loader.get_event()
        if getattr(event, "anchor", None) is not None or not isinstance(
            event, SCALAR | SEQUENCE | MAPPING
        ):
            raise Composed  # an anchor or an alias
        if depth > MAX_DEPTH:
            self._problem(event.start_mark, f"nested deeper than {MAX_DEPTH} levels")
            skip_node(self.loader, event)
            return None
        tag = event.tag
        if tag is None or tag == "!":
            kind: Any = yaml.ScalarNode if isinstance(event, SCALAR) else None
            if kind is None:
                kind = yaml.SequenceNode if isinstance(event, SEQUENCE) else yaml.MappingNode
            value = event.value if isinstance(event, SCALAR) else None
            tag = self.loader.resolve(kind, value, event.implicit)
        if tag.startswith("!"):
            return _long_form(tag, self._plain(event, tag, path, depth))
        if tag not in _PLAIN_TAGS:
            self._problem(
                event.start_mark, f"unsupported YAML tag {tag!r} (only CloudFormation's are read)"
            )
            skip_node(self.loader, event)
            return None
        return self._plain(event, tag, path, depth)

    def _plain(self, event: Any, tag: str, path: Path, depth: int) -> Any:
        loader = self.loader
        if isinstance(event, SCALAR):
            return self._scalar(event, tag)
        if isinstance(event, SEQUENCE):
            items = []
            while not loader.check_event(SEQUENCE_END):
                items.append(self.build(path, depth + 1))
            loader.get_event()
            return items
        mapping: dict[str, Any] = {}
        record = _records(path)
        while not loader.check_event(MAPPING_END):
            key_event = loader.get_event()
            if getattr(key_event, "anchor", None) is not None:
                raise Composed
            if not isinstance(key_event, SCALAR):
                self._problem(key_event.start_mark, "a mapping key must be a plain scalar")
                skip_node(self.loader, key_event)
                skip_node(self.loader, loader.get_event())
                continue
            key = self.texts.setdefault(key_event.value, key_event.value)
            if key == "<<":
                raise Composed  # perhaps a merge key: the composing loader flattens it
            if key in mapping:
                self._problem(key_event.start_mark, f"duplicate key {key!r}")
                skip_node(self.loader, loader.get_event())
                continue
            child: Path = (*path, key)
            if record:
                mark: Any = key_event.start_mark
                self.positions[child[1:]] = (mark.line + 1, mark.column + 1)
            mapping[key] = self.build(child if len(child) < _POSITION_DEPTH else _DEEP, depth + 1)
        loader.get_event()
        return mapping

    def _scalar(self, event: yaml.ScalarEvent, tag: str) -> Any:
        value = event.value
        if tag == _STR or tag.startswith("!"):
            return self.texts.setdefault(value, value)
        if tag == _BOOL:
            # CloudFormation reads yes/no/on/off as text; only true/false are booleans.
            lowered = value.lower()
            return lowered == "true" if lowered in ("true", "false") else value
        if tag == _NULL:
            return None
        if tag in (_INT, _FLOAT):
            known = self.numbers.get((tag, value), self)
            if known is not self:
                return known
            start: Any = event.start_mark  # the C parser's own Mark type
            node = yaml.ScalarNode(tag, value, start, event.end_mark, event.style)  # type: ignore[arg-type]
            try:
                number = self.loader.construct_object(node)
            except (yaml.constructor.ConstructorError, ValueError):
                number = value
            finally:
                self.loader.constructed_objects.pop(node, None)
            self.numbers[tag, value] = number
            return number
        # Timestamps and the like: CloudFormation sees the text.
        return value

class _Builder:
    """Plain data from composed YAML nodes; positions of Resources entries and properties."""

    def __init__(self, loader: yaml.SafeLoader, name: str) -> None:
        self.loader = loader
        self.name = name
        self.positions: Positions = {}
        self.problems: list[Problem] = []

    def _problem(self, node: yaml.Node, message: str) -> None:
        mark = node.start_mark
        self.problems.append(Problem(self.name, message, mark.line + 1, mark.column + 1))

    def build(self, node: yaml.Node, path: Path, depth: int) -> Any:
        if depth > MAX_DEPTH:
            self._problem(node, f"nested deeper than {MAX_DEPTH} levels")
            return None
        tag = node.tag
        if tag.startswith("!"):
            return _long_form(tag, self._plain(node, path, depth))
        if tag not in _PLAIN_TAGS:
            self._problem(node, f"unsupported YAML tag {tag!r} (only CloudFormation's are read)")
            return None
        return self._plain(node, path, depth)

    def _plain(self, node: yaml.Node, path: Path, depth: int) -> Any:
        if isinstance(node, yaml.ScalarNode):
            return self._scalar(node)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(child, path, depth + 1) for child in node.value]
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path, depth)
        self._problem(node, "unsupported YAML node")
        return None

    def _scalar(self, node: yaml.ScalarNode) -> Any:
        tag, value = node.tag, node.value
        if tag == _STR or tag.startswith("!"):
            return value
        if tag == _BOOL:
            # CloudFormation reads yes/no/on/off as text; only true/false are booleans.
            lowered = value.lower()
            return lowered == "true" if lowered in ("true", "false") else value
        if tag == _NULL:
            return None
        if tag in (_INT, _FLOAT):
            try:
                return self.loader.construct_object(node)
            except (yaml.constructor.ConstructorError, ValueError):
                return value
        # Timestamps and the like: CloudFormation sees the text.
        return value

    def _mapping(self, node: yaml.MappingNode, path: Path, depth: int) -> dict[str, Any]:
        try:
            self.loader.flatten_mapping(node)  # `<<: *anchor` merge keys
        except yaml.constructor.ConstructorError as exc:
            self._problem(node, exc.problem or str(exc))
            return {}
        mapping: dict[str, Any] = {}
        record = _records(path)
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self._problem(key_node, "a mapping key must be a plain scalar")
                continue
            key = key_node.value
            if key in mapping:
                self._problem(key_node, f"duplicate key {key!r}")
                continue
            child: Path = (*path, key)
            if record:
                mark = key_node.start_mark
                self.positions[child[1:]] = (mark.line + 1, mark.column + 1)
            mapping[key] = self.build(
                value_node, child if len(child) < _POSITION_DEPTH else _DEEP, depth + 1
            )
        return mapping


def _records(path: Path) -> bool:
    """Whether keys under this path are positioned: Resources' entries down to properties."""
    return bool(path) and path[0] == "Resources" and len(path) <= _POSITION_DEPTH - 1
