"""What rules see: the architecture, its graph and derived facts, each computed once per run."""

from __future__ import annotations

from functools import cached_property
from typing import Any, NoReturn

from archcode.model.architecture import Architecture, Connection, CoverageGap
from archcode.model.base import Resource
from archcode.model.graph import Graph, flow_graph, to_graph


class Context:
    """Shared, lazily built views of one architecture; rules must treat them as read-only."""

    def __init__(self, arch: Architecture) -> None:
        self.arch = arch
        self._members: dict[str, Resource] = arch.resources  # what rules are run on

    @cached_property
    def graph(self) -> Graph:
        return to_graph(self.arch)

    @cached_property
    def flows(self) -> Graph:
        return flow_graph(self.graph)

    @cached_property
    def _by_kind(self) -> dict[str, list[tuple[str, Resource]]]:
        index: dict[str, list[tuple[str, Resource]]] = {}
        for rid, resource in self._members.items():
            index.setdefault(resource.kind, []).append((rid, resource))
        return index

    @cached_property
    def _position(self) -> dict[str, int]:
        return {rid: i for i, rid in enumerate(self._members)}

    def position(self, resource_id: str) -> int:
        """Where the resource is in the document (results are in this order)."""
        return self._position[resource_id]

    def of_kind(self, *kinds: str) -> list[tuple[str, Resource]]:
        """Resources of the given kinds, in document order (indexed once per run)."""
        return self.targets(*kinds)

    def holds(self, kinds: tuple[str, ...]) -> bool:
        """Whether any resource is of one of ``kinds`` (most accounts hold few kinds)."""
        return any(kind in self._by_kind for kind in kinds)

    def targets(self, *kinds: str) -> list[tuple[str, Resource]]:
        """The resources a resource rule of ``kinds`` is run on (``of_kind``, for the engine)."""
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
        return {id(r): rid for rid, r in self._members.items()}

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


class CrossAccountPeek(BaseException):
    """A rule run on one account's part of the model looked beyond that account.

    A BaseException, not an Exception: neither a rule's own ``except Exception`` nor the
    engine's error containment may turn it into a verdict. The engine runs the rule over the
    whole model instead, so a rule wrongly marked per-account costs time, not correctness.
    """


class _OwnResources(dict[str, Resource]):
    """One account's resources, as ``arch.resources`` of its part: another account's
    resource, or a scan of them all, is a CrossAccountPeek rather than a silent "none"."""

    def __init__(self, own: dict[str, Resource], merged: dict[str, Resource]) -> None:
        super().__init__(own)
        self._merged = merged

    def _own(self, key: object) -> bool:
        if dict.__contains__(self, key):
            return True
        if key in self._merged:
            raise CrossAccountPeek(f"resource {key!r} of another account")
        return False

    def __contains__(self, key: object) -> bool:
        return self._own(key)

    def __getitem__(self, key: str) -> Resource:
        self._own(key)
        return dict.__getitem__(self, key)

    def get(self, key: str, default: Any = None) -> Any:
        return dict.__getitem__(self, key) if self._own(key) else default

    def _scan(self, *_args: object) -> Any:
        raise CrossAccountPeek("a scan of the model's resources")

    __iter__ = keys = values = items = __len__ = _scan


class AccountContext(Context):
    """One account's part of a multi-account model, for rules marked per-account.

    It holds only that account's resources and refuses what could look further (another
    account's resource by id, the graph, scans by kind, referrers, connections) with
    CrossAccountPeek: a per-account rule may use ``resource``, ``id_of`` and ``unread``.
    Nothing here builds the whole model's derived views (graph, indexes); the part still holds
    the whole model's resource ids, to tell another account's resource from one not modelled.
    """

    def __init__(self, merged: Architecture, account: str | None, own: dict[str, Resource]):
        part = merged.model_copy(update={"resources": _OwnResources(own, merged.resources)})
        super().__init__(part)
        self.account = account
        self._members = own

    def resource(self, resource_id: str | None) -> Resource | None:
        return self.arch.resources.get(resource_id) if resource_id else None

    def _refuse(self, what: str) -> NoReturn:
        raise CrossAccountPeek(f"{what} of a model of several accounts")

    @property
    def graph(self) -> Graph:
        self._refuse("the graph")

    @property
    def flows(self) -> Graph:
        self._refuse("the data flows")

    def of_kind(self, *kinds: str) -> list[tuple[str, Resource]]:
        self._refuse(f"a scan of {', '.join(kinds)}")

    def connections_of(self, node_id: str) -> list[Connection]:
        self._refuse("the connections")

    def referrers(self, resource_id: str, relation: str) -> list[str]:
        self._refuse(f"the referrers ({relation})")


def account_parts(arch: Architecture) -> dict[str | None, dict[str, Resource]]:
    """The model's resources by account, in document order (one entry: one account)."""
    parts: dict[str | None, dict[str, Resource]] = {}
    for rid, resource in arch.resources.items():
        part = parts.get(resource.account)
        if part is None:
            part = parts[resource.account] = {}
        part[rid] = resource
    return parts
