"""Checks a validated architecture for what field types alone cannot: references and cycles."""

from __future__ import annotations

import difflib
from collections import defaultdict
from dataclasses import dataclass

from archcode.model.architecture import Architecture
from archcode.model.refs import Path, is_outside, iter_refs


@dataclass(frozen=True)
class Issue:
    """A problem at a path of the document, e.g. ("resources", "db", "kms_key")."""

    path: Path
    message: str


def _suggest(name: str, candidates: list[str]) -> str:
    close = difflib.get_close_matches(name, candidates, n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


def check_integrity(arch: Architecture, invalid_ids: frozenset[str] = frozenset()) -> list[Issue]:
    """Dangling references, references to the wrong kind, shared ids and forbidden cycles.

    A reference that names no resource of the model but has an AWS shape (an ARN, a native id
    such as subnet-0abc..., a KMS key id or alias, a ``${Parameter}`` known at deploy time) is
    outside the model, not dangling.

    ``invalid_ids`` are resources that exist in the source but failed validation: references
    to them are not reported again.
    """
    issues: list[Issue] = []
    ids = list(arch.resources) + list(arch.actors)
    for shared in sorted(set(arch.resources) & set(arch.actors)):
        issues.append(
            Issue(("actors", shared), f"id {shared!r} names both an actor and a resource")
        )

    acyclic: dict[str, list[tuple[str, str, Path]]] = defaultdict(list)
    for rid, resource in arch.resources.items():
        for path, mark, target in iter_refs(resource, ("resources", rid)):
            found = arch.resources.get(target)
            if found is None and (target in invalid_ids or is_outside(target)):
                continue  # outside the model: an ARN or AWS id, kept as written
            if found is None:
                where = "an actor, not a resource" if target in arch.actors else "no resource"
                issues.append(Issue(path, f"{target!r} names {where}{_suggest(target, ids)}"))
            elif mark.kinds and found.kind not in mark.kinds:
                wanted = " or ".join(mark.kinds)
                issues.append(Issue(path, f"{target!r} is a {found.kind}, expected {wanted}"))
            elif target == rid and mark.acyclic:
                issues.append(Issue(path, f"{mark.relation} may not point at the resource itself"))
            elif mark.acyclic:
                acyclic[mark.relation].append((rid, target, path))

    for index, conn in enumerate(arch.connections):
        for end, node in (("from", conn.source), ("to", conn.target)):
            if node not in arch.resources and node not in arch.actors and node not in invalid_ids:
                issues.append(
                    Issue(
                        ("connections", index, end),
                        f"{node!r} names no resource or actor{_suggest(node, ids)}",
                    )
                )

    if acyclic:
        import networkx as nx  # only a model with replica-like references needs it
    for relation, edges in acyclic.items():
        graph = nx.DiGraph()
        graph.add_edges_from((source, target, {"path": path}) for source, target, path in edges)
        for found in nx.simple_cycles(graph):
            # Start each cycle at its smallest id, so the message is the same on every run.
            start = found.index(min(found))
            cycle = found[start:] + found[:start]
            first = cycle[0]
            path = graph.edges[first, cycle[1 % len(cycle)]]["path"]
            loop = " -> ".join([*cycle, first])
            issues.append(Issue(path, f"{relation} forms a cycle: {loop}"))
    return issues
