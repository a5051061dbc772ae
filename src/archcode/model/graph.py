"""The graph of an architecture: containment, typed relationships and data flows.

Rules only look nodes and edges up and walk neighbours (their path searches are their own
linear BFS), so the graph is plain dictionaries: importing networkx costs a `check` more than
building and walking the graph of a large model. Where a graph algorithm is wanted,
``Graph.to_networkx`` gives the same graph to networkx.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any, Literal, overload

from archcode.model.refs import iter_refs

if TYPE_CHECKING:
    import networkx as nx

    from archcode.model.architecture import Architecture

CONNECTS_TO = "connects_to"

Attrs = dict[str, Any]


class Graph:
    """A directed graph with attributes on nodes and edges, in the subset of networkx's
    interface archcode uses (``nodes[n]``, ``edges(data=True)``, ``edges[u, v]``,
    ``successors``, ``predecessors``, ``in_edges`` ...), iterated in insertion order as
    networkx does.

    ``multi``: parallel edges between two nodes are kept (one per relationship); otherwise
    adding an edge again updates its attributes (networkx's DiGraph).
    """

    def __init__(self, name: str = "", *, multi: bool = False) -> None:
        self.name = name
        self.multi = multi
        self.nodes: dict[str, Attrs] = {}
        self._succ: dict[str, dict[str, list[Attrs]]] = {}
        self._pred: dict[str, dict[str, list[Attrs]]] = {}

    def __contains__(self, node: object) -> bool:
        return node in self.nodes

    def __iter__(self) -> Iterator[str]:
        return iter(self.nodes)

    def __len__(self) -> int:
        return len(self.nodes)

    def add_node(self, node: str, **attrs: Any) -> None:
        if node in self.nodes:
            self.nodes[node].update(attrs)
            return
        self.nodes[node] = attrs
        self._succ[node] = {}
        self._pred[node] = {}

    def add_nodes_from(self, nodes: Iterable[str | tuple[str, Attrs]]) -> None:
        for node in nodes:
            if isinstance(node, tuple):
                self.add_node(node[0], **node[1])
            else:
                self.add_node(node)

    def add_edge(self, u: str, v: str, **attrs: Any) -> None:
        for node in (u, v):
            if node not in self.nodes:
                self.add_node(node)
        parallel = self._succ[u].get(v)
        if parallel is None:
            parallel = self._succ[u][v] = []
            self._pred[v][u] = parallel
        if parallel and not self.multi:
            parallel[0].update(attrs)
        else:
            parallel.append(attrs)

    def add_edges_from(self, edges: Iterable[tuple[str, str] | tuple[str, str, Attrs]]) -> None:
        for edge in edges:
            self.add_edge(edge[0], edge[1], **(edge[2] if len(edge) == 3 else {}))

    @property
    def edges(self) -> EdgeView:
        """``edges(data=True)``, ``edges[u, v]`` (the first edge's attributes), ``list(edges)``."""
        return EdgeView(self)

    def has_edge(self, u: str, v: str) -> bool:
        return v in self._succ.get(u, {})

    def successors(self, node: str) -> Iterator[str]:
        return iter(self._succ[node])

    def predecessors(self, node: str) -> Iterator[str]:
        return iter(self._pred[node])

    @overload
    def in_edges(self, node: str, data: Literal[False] = ...) -> Iterator[tuple[str, str]]: ...
    @overload
    def in_edges(self, node: str, data: Literal[True]) -> Iterator[tuple[str, str, Attrs]]: ...
    def in_edges(self, node: str, data: bool = False) -> Iterator[Any]:
        for u, parallel in self._pred[node].items():
            for attrs in parallel:
                yield (u, node, attrs) if data else (u, node)

    def to_networkx(self) -> nx.MultiDiGraph | nx.DiGraph:
        """The same graph in networkx (a MultiDiGraph when ``multi``), for its algorithms."""
        import networkx as nx

        graph: nx.MultiDiGraph | nx.DiGraph = (nx.MultiDiGraph if self.multi else nx.DiGraph)(
            name=self.name
        )
        graph.add_nodes_from(self.nodes.items())
        graph.add_edges_from(self.edges(data=True))
        return graph


class EdgeView:
    """The edges of a graph, as networkx's edge view presents them."""

    def __init__(self, graph: Graph) -> None:
        self._graph = graph

    @overload
    def __call__(self, data: Literal[False] = ...) -> Iterator[tuple[str, str]]: ...
    @overload
    def __call__(self, data: Literal[True]) -> Iterator[tuple[str, str, Attrs]]: ...
    def __call__(self, data: bool = False) -> Iterator[Any]:
        for u, targets in self._graph._succ.items():
            for v, parallel in targets.items():
                for attrs in parallel:
                    yield (u, v, attrs) if data else (u, v)

    def __iter__(self) -> Iterator[tuple[str, str]]:
        return self()

    def __len__(self) -> int:
        return sum(len(p) for targets in self._graph._succ.values() for p in targets.values())

    def __getitem__(self, edge: tuple[str, str]) -> Attrs:
        return self._graph._succ[edge[0]][edge[1]][0]


def to_graph(arch: Architecture) -> Graph:
    """Nodes are resource and actor ids (attributes: kind, name, actor); edges carry `relation`.

    Data flows are ``connects_to`` edges with protocol, port, label and encryption; every
    reference in a resource becomes an edge named by its relation (``in_subnet``,
    ``encrypted_by``, ``replica_of`` ...) from the resource to its target.
    """
    graph = Graph(arch.name, multi=True)
    for aid, actor in arch.actors.items():
        graph.add_node(aid, kind=actor.kind, name=actor.name or aid, actor=True)
    for rid, resource in arch.resources.items():
        graph.add_node(rid, kind=resource.kind, name=resource.name or rid, actor=False)
    for rid, resource in arch.resources.items():
        for _path, mark, target in iter_refs(resource):
            if target in graph:
                graph.add_edge(rid, target, relation=mark.relation)
    for conn in arch.connections:
        graph.add_edge(
            conn.source,
            conn.target,
            relation=CONNECTS_TO,
            protocol=conn.protocol,
            port=conn.port,
            label=conn.label,
            encrypted=conn.encrypted_in_transit,
        )
    return graph


def flow_graph(graph: Graph) -> Graph:
    """Only the data flows, as a simple directed graph (for path questions)."""
    flows = Graph(graph.name)
    flows.add_nodes_from(graph.nodes.items())
    flows.add_edges_from(
        (u, v, d) for u, v, d in graph.edges(data=True) if d["relation"] == CONNECTS_TO
    )
    return flows
