"""The typed model of an AWS architecture and the registry of resource kinds.

The names below are loaded on first use (PEP 562): importing one submodule, say
``archcode.model.base``, does not build every kind's model class nor import networkx.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from archcode.model.architecture import Actor, Architecture, Connection
    from archcode.model.base import Resource, Usage
    from archcode.model.graph import to_graph
    from archcode.model.integrity import Issue, check_integrity
    from archcode.model.registry import ACTORS, BY_KIND, KINDS, KindSpec, resolve_kind

_WHERE = {
    "ACTORS": "registry",
    "BY_KIND": "registry",
    "KINDS": "registry",
    "KindSpec": "registry",
    "resolve_kind": "registry",
    "Actor": "architecture",
    "Architecture": "architecture",
    "Connection": "architecture",
    "Resource": "base",
    "Usage": "base",
    "Issue": "integrity",
    "check_integrity": "integrity",
    "to_graph": "graph",
}

__all__ = [
    "ACTORS",
    "BY_KIND",
    "KINDS",
    "Actor",
    "Architecture",
    "Connection",
    "Issue",
    "KindSpec",
    "Resource",
    "Usage",
    "check_integrity",
    "resolve_kind",
    "to_graph",
]


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"archcode.model.{_WHERE[name]}"), name)
