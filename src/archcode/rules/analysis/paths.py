"""Traffic paths: from internet entry points and actors to data stores, in linear time.

Rather than enumerating paths (exponential), one multi-source BFS runs forward from the
sources and one backward from the data stores; a node lies on some source-to-store path when
both reach it, and a witness path is rebuilt from the two BFS parent maps.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from archcode.model.base import Resource
from archcode.model.graph import CONNECTS_TO, Graph
from archcode.rules.analysis.memo import per_context
from archcode.rules.context import Context

if TYPE_CHECKING:
    from archcode.model.kinds.api_gateway import ApiGateway
    from archcode.model.kinds.load_balancer import LoadBalancer
else:
    from archcode.model.kinds.lazy import ApiGateway, LoadBalancer

DATA_STORES = (
    "rds_instance",
    "rds_cluster",
    "dynamodb_table",
    "elasticache_cluster",
    "opensearch_domain",
    "s3_bucket",
    "efs_file_system",
)
# Relations that carry requests besides explicit connections: CDN origins, load balancer
# targets and RDS Proxy targets.
ROUTING_RELATIONS = frozenset({"routes_to", "proxies_to"})


@per_context
def edges_by_relation(ctx: Context) -> dict[str, list[tuple[str, str, dict[str, Any]]]]:
    """Every edge of the model graph, grouped by relation, in one pass."""
    grouped: dict[str, list[tuple[str, str, dict[str, Any]]]] = {}
    for u, v, data in ctx.graph.edges(data=True):
        grouped.setdefault(data["relation"], []).append((u, v, data))
    return grouped


@per_context
def traffic(ctx: Context) -> Graph:
    """Connections plus routing relations, as a simple directed graph (DNS zones left out)."""
    graph = Graph()
    graph.add_nodes_from(ctx.graph)
    kinds = ctx.graph.nodes
    grouped = edges_by_relation(ctx)
    for relation in ROUTING_RELATIONS:
        graph.add_edges_from(
            (u, v, {"relation": relation, "encrypted": None, "protocol": None})
            for u, v, _data in grouped.get(relation, ())
            if kinds[u].get("kind") != "route53_zone"
        )
    # Explicit connections win over a routing relation between the same two nodes.
    graph.add_edges_from(grouped.get(CONNECTS_TO, ()))
    return graph


def is_actor(ctx: Context, node: str) -> bool:
    return bool(ctx.graph.nodes[node].get("actor"))


def is_public_front_door(resource: Resource) -> bool:
    """CloudFront, a non-private API Gateway, an internet-facing load balancer."""
    if isinstance(resource, ApiGateway):
        return resource.endpoint_type != "private"
    if isinstance(resource, LoadBalancer):
        return resource.scheme == "internet-facing"
    return resource.kind == "cloudfront_distribution"


@per_context
def entry_points(ctx: Context) -> list[str]:
    """Resources the internet reaches first: targets of actors, CDNs, public APIs and LBs."""
    found: dict[str, None] = {}
    graph = traffic(ctx)
    for actor in ctx.arch.actors:
        for target in graph.successors(actor):
            if not is_actor(ctx, target):
                found[target] = None
    for rid, resource in ctx.arch.resources.items():
        if is_public_front_door(resource):
            found[rid] = None
    return list(found)


def _bfs(graph: Graph, sources: Iterable[str], reverse: bool) -> dict[str, str | None]:
    """Parent map of a multi-source BFS (sources map to None)."""
    parent: dict[str, str | None] = {}
    queue: deque[str] = deque()
    for source in sources:
        if source not in parent:
            parent[source] = None
            queue.append(source)
    step = graph.predecessors if reverse else graph.successors
    while queue:
        node = queue.popleft()
        for nxt in step(node):
            if nxt not in parent:
                parent[nxt] = node
                queue.append(nxt)
    return parent


@dataclass(frozen=True)
class Reach:
    """Forward reach from the sources and backward reach from the data stores."""

    forward: dict[str, str | None]
    backward: dict[str, str | None]

    def on_path(self, node: str) -> bool:
        return node in self.forward and node in self.backward

    def head(self, node: str) -> list[str]:
        """source -> ... -> node, along the forward BFS."""
        chain: list[str] = []
        cursor: str | None = node
        while cursor is not None:
            chain.append(cursor)
            cursor = self.forward[cursor]
        chain.reverse()
        return chain

    def tail(self, node: str) -> list[str]:
        """node -> ... -> data store, along the backward BFS (node included)."""
        chain: list[str] = []
        cursor: str | None = node
        while cursor is not None:
            chain.append(cursor)
            cursor = self.backward[cursor]
        return chain

    def path_through(self, node: str) -> tuple[str, ...]:
        """A witness path source -> ... -> node -> ... -> data store."""
        return (*self.head(node), *self.tail(node)[1:])

    def path_over(self, u: str, v: str) -> tuple[str, ...]:
        """A witness path through the edge u -> v."""
        return (*self.head(u), *self.tail(v))


def _stores(ctx: Context) -> list[str]:
    return [rid for rid, _ in ctx.of_kind(*DATA_STORES)]


@per_context
def entry_to_store(ctx: Context) -> Reach:
    """Reach over traffic from the internet entry points to the data stores."""
    graph = traffic(ctx)
    return Reach(_bfs(graph, entry_points(ctx), False), _bfs(graph, _stores(ctx), True))


@per_context
def actor_to_store(ctx: Context) -> Reach:
    """Reach over traffic from actors (users, browsers ...) to the data stores."""
    graph = traffic(ctx)
    return Reach(_bfs(graph, ctx.arch.actors, False), _bfs(graph, _stores(ctx), True))
