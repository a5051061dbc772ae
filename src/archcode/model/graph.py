"""A networkx view of an architecture: containment, typed relationships and data flows."""

from __future__ import annotations

from typing import TYPE_CHECKING

from archcode.model.refs import iter_refs

if TYPE_CHECKING:
    import networkx as nx

    from archcode.model.architecture import Architecture

CONNECTS_TO = "connects_to"


def to_graph(arch: Architecture) -> nx.MultiDiGraph:
    """Nodes are resource and actor ids (attributes: kind, name, actor); edges carry `relation`.

    Data flows are ``connects_to`` edges with protocol, port, label and encryption; every
    reference in a resource becomes an edge named by its relation (``in_subnet``,
    ``encrypted_by``, ``replica_of`` ...) from the resource to its target.
    """
    import networkx as nx  # imported by the first rule that walks the graph, not at start

    graph = nx.MultiDiGraph(name=arch.name)
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


def flow_graph(graph: nx.MultiDiGraph) -> nx.DiGraph:
    """Only the data flows, as a simple directed graph (for path questions)."""
    import networkx as nx

    flows = nx.DiGraph()
    flows.add_nodes_from(graph.nodes(data=True))
    flows.add_edges_from(
        (u, v, d) for u, v, d in graph.edges(data=True) if d["relation"] == CONNECTS_TO
    )
    return flows
