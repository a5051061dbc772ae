"""Reading YAML from libyaml's event stream, without composing a node tree.

Shared by the archcode YAML reader (yaml_model) and the CloudFormation reader (cfn_parse),
whose event builders differ in what they make of scalars, tags and positions but frame a
document and skip a node alike. Whatever an event builder does not handle exactly as its
composing loader does raises ``Composed``, and the caller composes the document instead.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import yaml

SCALAR, SEQUENCE, MAPPING = yaml.ScalarEvent, yaml.SequenceStartEvent, yaml.MappingStartEvent
SEQUENCE_END, MAPPING_END = yaml.SequenceEndEvent, yaml.MappingEndEvent

T = TypeVar("T")


class Composed(Exception):
    """The event builder met something only the composing loader handles exactly."""


def single_document(loader: Any, build: Callable[[], T]) -> T:
    """``build()`` over the one document of the stream; none, several or a YAML error (whose
    message the composing loader words) is Composed. The loader is disposed of either way."""
    try:
        loader.get_event()  # stream start
        if loader.check_event(yaml.StreamEndEvent):
            raise Composed  # empty: the composing loader says so
        loader.get_event()  # document start
        data = build()
        loader.get_event()  # document end
        if not loader.check_event(yaml.StreamEndEvent):
            raise Composed  # several documents: refused by the composing loader
    except yaml.YAMLError:
        raise Composed from None
    finally:
        loader.dispose()
    return data


def skip_node(loader: Any, event: Any) -> None:
    """Consume the rest of the node that ``event`` (already read) starts, building nothing.

    An anchor or an alias is Composed: the composing loader checks their expansion."""
    if getattr(event, "anchor", None) is not None:
        raise Composed
    level = 1 if isinstance(event, SEQUENCE | MAPPING) else 0
    while level:
        event = loader.get_event()
        if getattr(event, "anchor", None) is not None:
            raise Composed
        if isinstance(event, SEQUENCE | MAPPING):
            level += 1
        elif isinstance(event, SEQUENCE_END | MAPPING_END):
            level -= 1
