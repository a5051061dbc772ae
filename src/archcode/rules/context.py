"""What rules see: the architecture, its graph and derived facts, each computed once per run."""

from __future__ import annotations

from functools import cached_property

from archcode.model.architecture import Architecture, Connection, CoverageGap
from archcode.model.base import Resource
from archcode.model.graph import Graph, flow_graph, to_graph


class Context:
    """Shared, lazily built views of one architecture; rules must treat them as read-only."""

    def __init__(self, arch: Architecture) -> None:
        self.arch = arch

    @cached_property
    def graph(self) -> Graph:
        return to_graph(self.arch)

    @cached_property
    def flows(self) -> Graph:
        return flow_graph(self.graph)

    @cached_property
    def _by_kind(self) -> dict[str, list[tuple[str, Resource]]]:
        index: dict[str, list[tuple[str, Resource]]] = {}
        for rid, resource in self.arch.resources.items():
            index.setdefault(resource.kind, []).append((rid, resource))
        return index

    @cached_property
    def _position(self) -> dict[str, int]:
        return {rid: i for i, rid in enumerate(self.arch.resources)}

    def of_kind(self, *kinds: str) -> list[tuple[str, Resource]]:
        """Resources of the given kinds, in document order (indexed once per run)."""
        if len(kinds) == 1:
            return list(self._by_kind.get(kinds[0], ()))
        # From the index, not a scan of every resource: rules over a family of kinds are many.
        found = [pair for kind in dict.fromkeys(kinds) for pair in self._by_kind.get(kind, ())]
        position = self._position
        return sorted(found, key=lambda pair: position[pair[0]])

    @cached_property
    def _connections(self) -> dict[str, list[Connection]]:
        index: dict[str, list[Connection]] = {}
        for conn in self.arch.connections:
            index.setdefault(conn.source, []).append(conn)
            if conn.target != conn.source:
                index.setdefault(conn.target, []).append(conn)
        return index

    def connections_of(self, node_id: str) -> list[Connection]:
        """The data flows from or to a node, in document order (indexed once per run)."""
        return self._connections.get(node_id, [])

    @cached_property
    def _ids(self) -> dict[int, str]:
        return {id(r): rid for rid, r in self.arch.resources.items()}

    def id_of(self, resource: Resource) -> str:
        """The id of a resource object of this architecture (checks receive the object)."""
        return self._ids[id(resource)]

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

    def unread(self, kind: str, account: str | None = None) -> list[CoverageGap]:
        """Reads of ``kind`` that discovery could not make (in ``account``, or any).

        A model-wide rule must not FAIL on "there is none" when the reads that would have
        found one were denied: that is UNKNOWN.
        """
        return [
            gap
            for gap in self.arch.coverage
            if kind in gap.kinds and (account is None or gap.account in (account, None))
        ]
