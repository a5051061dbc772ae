"""The typed model of an AWS architecture and the registry of resource kinds."""

from archcode.model.architecture import Actor, Architecture, Connection
from archcode.model.base import Resource, Usage
from archcode.model.graph import to_graph
from archcode.model.integrity import Issue, check_integrity
from archcode.model.registry import ACTORS, BY_KIND, KINDS, KindSpec, resolve_kind

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
