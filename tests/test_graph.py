"""The model graph: typed relationships and data flows as edges."""

from __future__ import annotations

from tests.conftest import load

from archcode.model.graph import flow_graph, to_graph


def test_graph_has_typed_relations_and_flows() -> None:
    arch = load(
        """
        name: g
        actors: {users: {kind: users}}
        resources:
          vpc: {kind: vpc}
          a: {kind: subnet, vpc: vpc}
          key: {kind: kms}
          db: {kind: rds, subnets: a, kms_key: key}
          fn: {kind: lambda, subnets: [a]}
        connections:
          - {from: users, to: fn, protocol: https}
          - {from: fn, to: db, protocol: postgresql, port: 5432}
        """
    )
    graph = to_graph(arch)
    edges = {(u, v, d["relation"]) for u, v, d in graph.edges(data=True)}
    assert edges == {
        ("a", "vpc", "in_vpc"),
        ("db", "a", "in_subnet"),
        ("db", "key", "encrypted_by"),
        ("fn", "a", "in_subnet"),
        ("users", "fn", "connects_to"),
        ("fn", "db", "connects_to"),
    }
    assert graph.nodes["users"]["actor"] is True
    flows = flow_graph(graph)
    assert list(flows.edges) == [("users", "fn"), ("fn", "db")]
    assert flows.edges["users", "fn"]["encrypted"] is True
    assert flows.edges["fn", "db"]["encrypted"] is None


def test_graph_goes_to_networkx_unchanged_for_its_algorithms() -> None:
    arch = load(
        """
        name: g
        actors: {users: {kind: users}}
        resources:
          key: {kind: kms}
          q: {kind: sqs, kms_key: key}
          fn: {kind: lambda}
        connections: [users -> fn, {from: fn, to: q, protocol: https}, {from: fn, to: q}]
        """
    )
    graph = to_graph(arch)
    multi = graph.to_networkx()
    assert multi.is_multigraph() and multi.graph["name"] == "g"
    assert dict(multi.nodes(data=True)) == graph.nodes
    assert list(multi.edges(data=True)) == list(graph.edges(data=True))
    assert multi.number_of_edges("fn", "q") == 2  # one edge per flow, as written
    flows = flow_graph(graph)
    simple = flows.to_networkx()
    assert not simple.is_multigraph()
    # A simple graph keeps one edge per pair: the later flow's attributes update the first's.
    assert list(simple.edges(data=True)) == list(flows.edges(data=True))
    assert flows.edges["fn", "q"]["encrypted"] is None
    assert list(flows.predecessors("q")) == ["fn"] and list(flows.successors("users")) == ["fn"]
