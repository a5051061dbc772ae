"""What rules see: the architecture, its graph and derived facts, each computed once per run."""

from __future__ import annotations

from functools import cached_property

import networkx as nx

from archcode.model.architecture import Architecture
from archcode.model.base import Resource
from archcode.model.graph import flow_graph, to_graph


class Context:
    """Shared, lazily built views of one architecture; rules must treat them as read-only."""

    def __init__(self, arch: Architecture) -> None:
        self.arch = arch

    @cached_property
    def graph(self) -> nx.MultiDiGraph:
        return to_graph(self.arch)

    @cached_property
    def flows(self) -> nx.DiGraph:
        return flow_graph(self.graph)

    def resource(self, resource_id: str | None) -> Resource | None:
        return self.arch.resources.get(resource_id) if resource_id else None

    def referrers(self, resource_id: str, relation: str) -> list[str]:
        """Ids of resources that point at this one through ``relation`` (e.g. ``backs_up``)."""
        return sorted(
            {
                u
                for u, _v, d in self.graph.in_edges(resource_id, data=True)
                if d["relation"] == relation
            }
        )
