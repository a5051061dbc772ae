"""Views of an architecture as scenes: the nested infrastructure, the layered map, subsets.

- ``infra``: account -> region -> VPC -> availability zone -> subnet (public/private), global
  services (CloudFront, Route 53, IAM, S3 ...) in the account but outside every region, actors
  at the edge, outside the account. VPCs, subnets and security groups are drawn as boxes or not
  at all, never as nodes.
- ``layers``: one group per layer (users & applications, compute, networking, storage,
  integration, security, operations), the layered map of the aws-layered-map seed. A resource's
  ``layer`` tag picks its box (else the registry's layer of its kind); every actor and resource
  is a node except subnets and security groups, whose references are drawn to their VPC.
- ``auto``: ``layers`` when any resource has a ``layer`` tag (the model says how it is
  layered), else ``infra``.
"""

from __future__ import annotations

from collections.abc import Iterable

from archcode.errors import UsageError
from archcode.model.architecture import Actor, Architecture, Connection
from archcode.model.base import Resource
from archcode.model.kinds.network import Subnet
from archcode.model.refs import iter_refs
from archcode.model.registry import ACTORS_BY_KIND, BY_KIND
from archcode.renderers.scene import GroupRole, Scene, SceneEdge, SceneGroup, SceneNode

VIEWS = ("auto", "infra", "layers")

# Drawn as boxes (VPC, subnet) or left out (security groups guard, they do not carry traffic).
STRUCTURE_KINDS = frozenset({"vpc", "subnet", "security_group"})
# References that the nesting already shows.
CONTAINMENT = frozenset({"in_subnet", "in_vpc", "attached_to", "serves_vpc"})
# References about identity, keys and monitoring rather than traffic: drawn only when asked
# (`--relations all`), since on a network picture they are the clutter users complain about.
ADMINISTRATIVE = frozenset(
    {
        "assumes_role",
        "encrypted_by",
        "has_policy",
        "logs_of",
        "monitors",
        "member_of",
        "allows_from",
        "rotated_by",
        "uses_secret",
    }
)
RELATIONS = ("auto", "all", "traffic", "none")

LAYER_TAG = "layer"
LAYER_TITLES = {
    "actor": "User & Application Layer",
    "compute": "AWS Compute Layer",
    "networking": "AWS Networking Layer",
    "storage": "AWS Storage Layer",
    "integration": "AWS Integration Layer",
    "security": "AWS Security Layer",
    "operations": "AWS Operations Layer",
}


def default_direction(view: str) -> str:
    """Layers read top to bottom (as in the seed map), networks left to right."""
    return "TB" if view == "layers" else "LR"


def build_scene(arch: Architecture, view: str = "auto", relations: str = "auto") -> Scene:
    """The scene for a named view (see the module docstring).

    ``relations``: which references become dashed edges besides the data flows: ``all``,
    ``traffic`` (routing, triggers, delivery, replication, backups: not roles, keys, logs),
    ``none``; ``auto`` is ``all`` for layers and ``traffic`` for infra.
    """
    if relations not in RELATIONS:
        raise UsageError(f"unknown relations {relations!r}; choose one of {', '.join(RELATIONS)}")
    if view == "auto":
        tagged = any(LAYER_TAG in r.tags for r in arch.resources.values())
        view = "layers" if tagged else "infra"
    if relations == "auto":
        relations = "all" if view == "layers" else "traffic"
    if view == "infra":
        return infra_scene(arch, relations)
    if view == "layers":
        return layers_scene(arch, relations)
    raise UsageError(f"unknown view {view!r}; choose one of {', '.join(VIEWS)}")


def scene_node(node_id: str, node: Resource | Actor) -> SceneNode:
    """How one resource or actor is drawn, read from the registry (variants included)."""
    if isinstance(node, Actor):
        actor = ACTORS_BY_KIND[node.kind]
        return SceneNode(
            node_id,
            node.name or node_id,
            node.kind,
            actor.title,
            "actor",
            actor.mermaid_shape,
            actor.diagram_node,
            "diagrams.aws.general.General",
        )
    spec = BY_KIND[node.kind]
    icon, kind_label = spec.diagram_node, spec.label
    if spec.variant_field is not None:
        variant = spec.variants.get(getattr(node, spec.variant_field, None))
        if variant is not None:
            icon, kind_label = variant.diagram_node, variant.label
    return SceneNode(
        node_id,
        node.name or node_id,
        node.kind,
        kind_label,
        spec.layer,
        spec.mermaid_shape,
        icon,
        spec.diagram_fallback,
    )


def flow_label(conn: Connection) -> str | None:
    """``https:443``, ``postgresql:5432``, ``port 443`` or ``https``, then the free label."""
    if conn.protocol and conn.port is not None:
        endpoint: str | None = f"{conn.protocol}:{conn.port}"
    elif conn.port is not None:
        endpoint = f"port {conn.port}"
    else:
        endpoint = conn.protocol
    parts = [p for p in (endpoint, conn.label) if p]
    return " ".join(parts) if parts else None


def edges(
    arch: Architecture,
    drawn: Iterable[str],
    skip: frozenset[str] | None,
    redirect: dict[str, str] | None = None,
) -> list[SceneEdge]:
    """Data flows, then the references between drawn nodes that no data flow already shows.

    ``skip``: relations not drawn (None: no reference at all). ``redirect`` sends references
    to an undrawn node to another one (a subnet to its VPC).
    """
    drawn = set(drawn)
    redirect = redirect or {}
    out: list[SceneEdge] = []
    linked: set[tuple[str, str]] = set()
    for conn in arch.connections:
        if conn.source in drawn and conn.target in drawn:
            out.append(SceneEdge(conn.source, conn.target, flow_label(conn), "flow"))
            linked.add((conn.source, conn.target))
    for rid, resource in arch.resources.items():
        if rid not in drawn or skip is None:
            continue
        for _path, mark, ref_target in iter_refs(resource):
            target = redirect.get(ref_target, ref_target)
            pair = (rid, target)
            if mark.relation in skip or target not in drawn or pair in linked or target == rid:
                continue
            linked.add(pair)
            relation = "in VPC" if target != ref_target else mark.relation.replace("_", " ")
            out.append(SceneEdge(rid, target, relation, "relation"))
    return out


def _skipped(relations: str, always: frozenset[str]) -> frozenset[str] | None:
    """The relations not drawn; None when no reference is drawn at all."""
    if relations == "none":
        return None
    return always | ADMINISTRATIVE if relations == "traffic" else always


def layers_scene(arch: Architecture, relations: str = "all") -> Scene:
    root = SceneGroup("root", arch.name, "root")
    nodes: dict[str, SceneNode] = {}
    for aid, actor in arch.actors.items():
        nodes[aid] = scene_node(aid, actor)
    layer_of = {aid: "actor" for aid in arch.actors}
    redirect: dict[str, str] = {}
    for rid, resource in arch.resources.items():
        if isinstance(resource, Subnet):
            redirect[rid] = resource.vpc
        if resource.kind in ("subnet", "security_group"):
            continue
        nodes[rid] = scene_node(rid, resource)
        tagged = resource.tags.get(LAYER_TAG, "").lower()
        layer_of[rid] = tagged if tagged in LAYER_TITLES else nodes[rid].category
    for category, title in LAYER_TITLES.items():
        members = [nid for nid in nodes if layer_of[nid] == category]
        if members:
            group = root.child(
                f"layer:{category}", title, "actors" if category == "actor" else "layer"
            )
            group.nodes.extend(members)
    found = edges(arch, nodes, _skipped(relations, frozenset()), redirect)
    return Scene(arch.name, "layers", root, nodes, found)


def infra_scene(arch: Architecture, relations: str = "traffic") -> Scene:
    root = SceneGroup("root", arch.name, "root")
    nodes: dict[str, SceneNode] = {}
    for aid, actor in arch.actors.items():
        nodes[aid] = scene_node(aid, actor)
        root.nodes.append(aid)
    placer = _Placer(arch, root)
    for rid, resource in arch.resources.items():
        if resource.kind in STRUCTURE_KINDS:
            continue
        nodes[rid] = scene_node(rid, resource)
        placer.group_for(resource).nodes.append(rid)
    scene = Scene(
        arch.name, "infra", root, nodes, edges(arch, nodes, _skipped(relations, CONTAINMENT))
    )
    scene.prune()
    return scene


class _Placer:
    """Finds (creating on first use) the innermost box a resource belongs in."""

    def __init__(self, arch: Architecture, root: SceneGroup) -> None:
        self.arch = arch
        self.root = root
        self.subnets = {sid: s for sid, s in arch.resources.items() if isinstance(s, Subnet)}

    def account(self, account: str | None) -> SceneGroup:
        label = f"AWS account {account}" if account else "AWS cloud"
        return self.root.child(f"account:{account or '-'}", label, "account")

    def region(self, account: str | None, region: str | None) -> SceneGroup:
        parent = self.account(account)
        key = f"{parent.key}/region:{region or '-'}"
        return parent.child(key, region or "Region (unknown)", "region")

    def vpc(self, vpc_id: str) -> SceneGroup:
        vpc = self.arch.resources.get(vpc_id)
        account = vpc.account if vpc else self.arch.account
        region = vpc.region if vpc else self.arch.region
        parent = self.region(account, region)
        name = (vpc.name if vpc else None) or vpc_id
        cidr = getattr(vpc, "cidr", None)
        label = f"VPC {name}" + (f" ({cidr})" if cidr else "")
        return parent.child(f"{parent.key}/vpc:{vpc_id}", label, "vpc")

    def az(self, vpc_id: str, az: str | None) -> SceneGroup:
        parent = self.vpc(vpc_id)
        if az is None:
            return parent
        return parent.child(f"{parent.key}/az:{az}", az, "az")

    def subnet(self, subnet_id: str) -> SceneGroup:
        subnet = self.subnets[subnet_id]
        parent = self.az(subnet.vpc, subnet.az)
        role: GroupRole = "subnet"
        kind = "Subnet"
        if subnet.public is not None:
            role = "public_subnet" if subnet.public else "private_subnet"
            kind = "Public subnet" if subnet.public else "Private subnet"
        name = subnet.name or subnet_id
        label = f"{kind} {name}" + (f" ({subnet.cidr})" if subnet.cidr else "")
        return parent.child(f"{parent.key}/subnet:{subnet_id}", label, role)

    def group_for(self, resource: Resource) -> SceneGroup:
        subnet_ids = _subnets_of(resource)
        known = [s for s in subnet_ids if s in self.subnets]
        if known:
            if len(set(known)) == 1:
                return self.subnet(known[0])
            vpcs = {self.subnets[s].vpc for s in known}
            azs = {self.subnets[s].az for s in known}
            if len(vpcs) == 1:
                only = vpcs.pop()
                # Spread over zones (an ALB, a Multi-AZ database): the VPC box holds it.
                return self.az(only, azs.pop()) if len(azs) == 1 else self.vpc(only)
        vpc_ref = getattr(resource, "vpc", None)
        if isinstance(vpc_ref, str) and vpc_ref in self.arch.resources:
            return self.vpc(vpc_ref)
        if BY_KIND[resource.kind].global_service:
            parent = self.account(resource.account)
            return parent.child(f"{parent.key}/global", "Global services", "global")
        return self.region(resource.account, resource.region)


def _subnets_of(resource: Resource) -> list[str]:
    value = getattr(resource, "subnets", None) or getattr(resource, "subnet", None)
    if isinstance(value, str):
        return [value]
    return list(value) if isinstance(value, list) else []


def subset(scene: Scene, keep: Iterable[str], view: str, neighbours: bool = True) -> Scene:
    """A scene with only the kept nodes (and, with ``neighbours``, the nodes they link to).

    Groups keep their keys, so ids stay stable from the whole diagram to every part of it.
    """
    core = set(keep)
    kept = set(core)
    if neighbours:
        for edge in scene.edges:
            if edge.source in core or edge.target in core:
                kept.update((edge.source, edge.target))

    def copy(group: SceneGroup) -> SceneGroup:
        return SceneGroup(
            group.key,
            group.label,
            group.role,
            [copy(g) for g in group.groups],
            [n for n in group.nodes if n in kept],
        )

    part = Scene(
        scene.title,
        view,
        copy(scene.root),
        {k: v for k, v in scene.nodes.items() if k in kept},
        [e for e in scene.edges if e.source in kept and e.target in kept],
        list(scene.notes),
    )
    part.prune()
    return part


def parts_view(scene: Scene, role: str, name: str) -> Scene:
    """One region (``region:NAME``) or VPC (``vpc:ID``) of an infra scene, with neighbours."""
    found = [
        g
        for g in scene.root.walk()
        if g.role == role and g.key.rsplit("/", 1)[-1] == f"{role}:{name}"
    ]
    if not found:
        known = sorted({g.key.rsplit(":", 1)[-1] for g in scene.root.walk() if g.role == role})
        raise UsageError(
            f"--view {role}:{name}: no such {role} in the diagram; "
            f"known: {', '.join(known) or 'none'}"
        )
    members = [n for g in found for n in g.node_ids()]
    return subset(scene, members, f"{role} {name}")
