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
from dataclasses import replace
from typing import TYPE_CHECKING

from archcode.errors import UsageError
from archcode.model.architecture import Actor, Architecture, Connection
from archcode.model.base import Resource
from archcode.model.refs import iter_refs
from archcode.model.registry import ACTORS_BY_KIND, BY_KIND
from archcode.model.routing import subnet_public
from archcode.renderers.scene import (
    Decoration,
    GroupRole,
    Scene,
    SceneEdge,
    SceneGroup,
    SceneNode,
)

if TYPE_CHECKING:
    from archcode.model.kinds.efs_file_system import EfsFileSystem
    from archcode.model.kinds.elasticache_cluster import ElasticacheCluster
    from archcode.model.kinds.opensearch_domain import OpensearchDomain
    from archcode.model.kinds.rds_cluster import RdsCluster
    from archcode.model.kinds.rds_instance import RdsInstance
    from archcode.model.kinds.subnet import Subnet
else:  # isinstance only: a drawing builds the classes of the kinds it holds, no others
    from archcode.model.kinds.lazy import (
        EfsFileSystem,
        ElasticacheCluster,
        OpensearchDomain,
        RdsCluster,
        RdsInstance,
        Subnet,
    )

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
    ``none``; ``auto`` is ``none`` for layers (the caption says so) and ``traffic`` for infra.
    """
    if relations not in RELATIONS:
        raise UsageError(f"unknown relations {relations!r}; choose one of {', '.join(RELATIONS)}")
    if view == "auto":
        tagged = any(LAYER_TAG in r.tags for r in arch.resources.values())
        view = "layers" if tagged else "infra"
    if relations == "auto":
        relations = "none" if view == "layers" else "traffic"
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
        # a subnet's public/private variant is the judgement over its routes, not the flag
        value = (
            subnet_public(node)
            if isinstance(node, Subnet)
            else getattr(node, spec.variant_field, None)
        )
        variant = spec.variants.get(value)
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
    scene = Scene(arch.name, "layers", root, nodes, found)
    if relations != "all":  # a mesh of references across every layer reads as noise
        hidden = "references between resources" if relations == "none" else "roles, keys, logs"
        scene.caption = f"Data flows only: {hidden} are drawn with --relations all"
    return scene


def infra_scene(arch: Architecture, relations: str = "traffic") -> Scene:
    root = SceneGroup("root", arch.name, "root")
    nodes: dict[str, SceneNode] = {}
    for aid, actor in arch.actors.items():
        nodes[aid] = scene_node(aid, actor)
        root.nodes.append(aid)
    placer = _Placer(arch, root)
    placer.all_subnets()
    support = _Support(arch, placer)
    for rid, resource in arch.resources.items():
        if resource.kind in STRUCTURE_KINDS:
            continue
        node = scene_node(rid, resource)
        if support.takes(rid, resource):
            node.supporting = True
            nodes[rid] = node
            continue
        for index, (group, zone, note) in enumerate(placer.places(resource)):
            # A copy is named after its zone (or its subnet, when the zone is not known).
            node_id = rid if index == 0 else f"{rid}@{zone or group.key.rsplit(':', 1)[-1]}"
            nodes[node_id] = replace(
                node, id=node_id, of=None if index == 0 else rid, note=note, zone=zone
            )
            group.nodes.append(node_id)
    support.place()
    found = edges(arch, {n.model_id for n in nodes.values()}, _skipped(relations, CONTAINMENT))
    scene = Scene(arch.name, "infra", root, nodes, spread_edges(found, nodes, relations != "none"))
    if support.groups and relations != "all":
        scene.caption = (
            "Roles, keys, logs, alarms and secrets are gathered aside; their "
            "references are drawn with --relations all"
        )
    scene.prune(keep_roles=frozenset({"az", "public_subnet", "private_subnet", "subnet"}))
    return scene


def spread_edges(
    found: list[SceneEdge], nodes: dict[str, SceneNode], standby: bool = True
) -> list[SceneEdge]:
    """Edges between model ids as edges between drawn nodes, for resources drawn once per zone.

    A node in a zone talks to the copy in its own zone (a copy with no partner there sends
    nothing: the gap shows); a node in no zone talks to every copy (the fan-out of an API or a
    CDN), and every copy to a node in no zone; a target nobody reaches gets the first source's
    edge; a standby receives nothing but its primary's replication. Labels are said once."""
    copies: dict[str, list[SceneNode]] = {}
    for node in nodes.values():
        copies.setdefault(node.model_id, []).append(node)
    out: list[SceneEdge] = []
    seen: set[tuple[str, str]] = set()
    for edge in found:
        sources = [n for n in copies[edge.source] if n.note != "standby"]
        targets = [n for n in copies[edge.target] if n.note != "standby"]
        pairs: list[tuple[SceneNode, SceneNode]] = []
        for source in sources:
            same = [t for t in targets if t.zone is not None and t.zone == source.zone]
            if not same and (source.zone is None or all(t.zone is None for t in targets)):
                same = targets  # from outside the zones, or to a node in none: every copy
            pairs.extend((source, t) for t in same)
        reached = {t.id for _s, t in pairs}
        pairs.extend((sources[0], t) for t in targets if t.id not in reached)
        label = edge.label
        for source, target in pairs:
            if (source.id, target.id) in seen or source.id == target.id:
                continue
            seen.add((source.id, target.id))
            out.append(replace(edge, source=source.id, target=target.id, label=label))
            label = None  # said once: the other zones' edges carry the same traffic
    for node in nodes.values():
        if standby and node.note == "standby":
            out.append(SceneEdge(node.model_id, node.id, "standby replica", "relation"))
    return out


class _Placer:
    """Finds (creating on first use) the innermost box a resource belongs in."""

    def __init__(self, arch: Architecture, root: SceneGroup) -> None:
        self.arch = arch
        self.root = root
        self.subnets = {sid: s for sid, s in arch.resources.items() if isinstance(s, Subnet)}

    def all_subnets(self) -> None:
        """Every subnet's box, zones in name order (the columns), public before private: a
        subnet that holds nothing drawn is still part of the network."""
        order = sorted(
            self.subnets,
            key=lambda s: (self.subnets[s].az or "", subnet_public(self.subnets[s]) is not True, s),
        )
        for sid in order:
            self.subnet(sid)

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
        return parent.child(f"{parent.key}/az:{az}", f"Availability Zone {az}", "az")

    def subnet(self, subnet_id: str) -> SceneGroup:
        subnet = self.subnets[subnet_id]
        parent = self.az(subnet.vpc, subnet.az)
        role: GroupRole = "subnet"
        kind = "Subnet"
        public = subnet_public(subnet)
        if public is not None:
            role = "public_subnet" if public else "private_subnet"
            kind = "Public subnet" if public else "Private subnet"
        name = subnet.name or subnet_id
        label = f"{kind} {name}" + (f" ({subnet.cidr})" if subnet.cidr else "")
        return parent.child(f"{parent.key}/subnet:{subnet_id}", label, role)

    def places(self, resource: Resource) -> list[tuple[SceneGroup, str | None, str | None]]:
        """Where a resource is drawn: (box, zone, note) once per zone it runs in."""
        known = [s for s in _subnets_of(resource) if s in self.subnets]
        vpcs = {self.subnets[s].vpc for s in known}
        if known and len(vpcs) == 1:
            # One subnet per zone; a subnet whose zone is not known counts as a zone of its own
            # (a template's `!Select [0, !GetAZs '']` is not read as a zone name).
            by_zone: dict[str, str] = {}
            for sid in known:
                by_zone.setdefault(self.subnets[sid].az or f"subnet:{sid}", sid)
            pinned = getattr(resource, "az", None)
            spread = _spread(resource)
            if pinned in by_zone:  # the zone it runs in first, then the others
                by_zone = {pinned: by_zone[pinned], **by_zone}
                if spread != "standby":
                    by_zone = {pinned: by_zone[pinned]}
            zones = [(self.subnets[sid].az, sid) for sid in by_zone.values()]
            if len(zones) == 1 or spread == "each":
                return [(self.subnet(sid), az, None) for az, sid in zones]
            if spread == "standby":
                (first, one), (second, other) = zones[0], zones[1]
                return [
                    (self.subnet(one), first, "primary"),
                    (self.subnet(other), second, "standby"),
                ]
            single = getattr(resource, "multi_az", None) is False
            note = "one zone (not known which)" if single else "zone not known"
            return [(self.vpc(vpcs.pop()), None, note)]
        if known:  # subnets of several VPCs: the region holds it
            return [(self.region(resource.account, resource.region), None, None)]
        vpc_ref = getattr(resource, "vpc", None)
        if isinstance(vpc_ref, str) and vpc_ref in self.arch.resources:
            return [(self.vpc(vpc_ref), None, None)]
        if BY_KIND[resource.kind].global_service:
            parent = self.account(resource.account)
            return [(parent.child(f"{parent.key}/global", "Global services", "global"), None, None)]
        return [(self.region(resource.account, resource.region), None, None)]


def _subnets_of(resource: Resource) -> list[str]:
    value = getattr(resource, "subnets", None) or getattr(resource, "subnet", None)
    if isinstance(value, str):
        return [value]
    return list(value) if isinstance(value, list) else []


def _spread(resource: Resource) -> str:
    """How a resource occupies the zones of its subnets: ``each`` (a function, load balancer,
    endpoint, mount target runs in every one), ``standby`` (a Multi-AZ DB instance: a primary
    and one standby) or ``one`` (the subnets are a subnet group: the service picks one zone)."""
    if isinstance(resource, RdsInstance):
        return "standby" if resource.multi_az and not resource.cluster else "one"
    if isinstance(resource, RdsCluster):
        return "one"  # its instances, drawn in their own zones, show where it runs
    if isinstance(resource, ElasticacheCluster):
        return "each" if resource.multi_az else "one"
    if isinstance(resource, OpensearchDomain):
        return "each" if resource.zone_awareness else "one"
    if isinstance(resource, EfsFileSystem):
        return "one" if resource.one_zone else "each"
    return "each"


class _Support:
    """Supporting resources (registry: ``supporting``) gathered in one side box, one small box
    per resource they support: the role beside the function, keys shared by many together."""

    def __init__(self, arch: Architecture, placer: _Placer) -> None:
        self.arch = arch
        self.placer = placer
        self.groups: dict[str, list[str]] = {}

    def takes(self, rid: str, resource: Resource) -> bool:
        if not BY_KIND[resource.kind].supporting:
            return False
        self.groups.setdefault(self._owner(rid, resource), []).append(rid)
        return True

    def _owner(self, rid: str, resource: Resource) -> str:
        def carries(other: str) -> bool:  # a drawn resource on the data path, not a box
            found = self.arch.resources.get(other)
            return (
                found is not None
                and other != rid
                and found.kind not in STRUCTURE_KINDS
                and not BY_KIND[found.kind].supporting
            )

        for _path, _mark, target in iter_refs(resource):  # logs of, monitors
            if carries(target):
                return target
        users = {
            oid
            for oid, other in self.arch.resources.items()
            if carries(oid) and any(t == rid for _p, _m, t in iter_refs(other))
        }
        if len(users) == 1:
            return users.pop()
        return "-shared" if users else "-other"

    def place(self) -> None:
        if not self.groups:
            return
        account = self.placer.account(self.arch.account)
        panel = account.child(f"{account.key}/support", "Supporting resources", "support")
        for owner in sorted(self.groups, key=lambda o: (o.startswith("-"), o)):
            found = self.arch.resources.get(owner)
            label = {"-shared": "shared", "-other": "not attached"}.get(
                owner, f"for {(found.name if found else None) or owner}"
            )
            panel.child(f"{panel.key}/for:{owner}", label, "support").nodes.extend(
                self.groups[owner]
            )


def subset(scene: Scene, keep: Iterable[str], view: str, neighbours: bool = True) -> Scene:
    """A scene with only the kept nodes (and, with ``neighbours``, the nodes they link to).

    Groups keep their keys, so ids stay stable from the whole diagram to every part of it.
    """
    core = set(keep)
    core |= {n.id for n in scene.nodes.values() if n.of in core}  # a resource's other zones
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
        scene.caption,
    )
    part.prune()
    return part


def mark_missing_zones(scene: Scene) -> None:
    """A resource with a failed availability finding (``zone_severity``) gets a dashed
    placeholder in every zone of its VPC it is not drawn in, coloured by that finding, in the
    subnet box of the same kind (public, private) as its own: the finding lands on the gap."""
    parent: dict[int, SceneGroup] = {}
    home: dict[str, SceneGroup] = {}
    for group in scene.root.walk():
        for child in group.groups:
            parent[id(child)] = group
        for nid in group.nodes:
            home[nid] = group

    def ancestor(group: SceneGroup, role: str) -> SceneGroup | None:
        current: SceneGroup | None = group
        while current is not None and current.role != role:
            current = parent.get(id(current))
        return current

    for node in list(scene.nodes.values()):
        severity = node.decoration.zone_severity
        if severity is None or node.of is not None or node.id not in home:
            continue
        drawn = [n for n in scene.nodes.values() if n.model_id == node.id and n.id in home]
        zones = [ancestor(home[n.id], "az") for n in drawn]
        vpc = ancestor(home[node.id], "vpc")
        if vpc is None or any(z is None for z in zones):
            continue  # not in a zone (or zone not known): no gap to point at
        covered = {id(z) for z in zones}
        role = home[node.id].role
        for zone in (g for g in vpc.groups if g.role == "az" and id(g) not in covered):
            box = next((g for g in zone.groups if g.role == role), zone)
            name = zone.key.rsplit(":", 1)[-1]
            ghost = replace(
                node,
                id=f"{node.id}@missing:{name}",
                of=node.id,
                note=f"not in {name}",
                zone=name,
                missing=True,
                decoration=Decoration(severity=severity, findings=1),
            )
            scene.nodes[ghost.id] = ghost
            box.nodes.append(ghost.id)


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
