"""EC2 and VPC: VPCs, subnets (public when routed to an internet gateway), gateways, security
groups and their rules, VPC endpoints, instances and EBS volumes."""

from __future__ import annotations

from typing import Any

from archcode.collectors.aws.draft import Ctx, tags
from archcode.collectors.aws.services.base import ServiceGroup, listing, policy_json
from archcode.model.kinds._shared import ebs_encryption
from archcode.model.routing import target_of

_PROTOCOLS = {
    "-1": "all",
    "tcp": "tcp",
    "udp": "udp",
    "icmp": "icmp",
    "icmpv6": "icmpv6",
    "6": "tcp",
    "17": "udp",
    "1": "icmp",
    "58": "icmpv6",
}


def _name(item: dict[str, Any], default: str) -> str:
    return tags(item.get("Tags")).get("Name") or default


# DescribeRouteTables route keys naming a target, in the order AWS fills them.
_TARGET_KEYS = (
    "GatewayId",
    "NatGatewayId",
    "TransitGatewayId",
    "VpcPeeringConnectionId",
    "EgressOnlyInternetGatewayId",
    "NetworkInterfaceId",
    "InstanceId",
    "CarrierGatewayId",
    "LocalGatewayId",
)


def _route(route: dict[str, Any]) -> dict[str, Any]:
    """A route as the model stores it; whether it makes the subnet public is judged later."""
    keys = ("DestinationCidrBlock", "DestinationIpv6CidrBlock", "DestinationPrefixListId")
    destination = next((route[key] for key in keys if route.get(key)), None)
    target_id = next((str(route[key]) for key in _TARGET_KEYS if route.get(key)), None)
    target = target_of(target_id) if target_id else None
    return {"destination": destination, "target": target, "target_id": target_id}


def _subnet_routes(
    route_tables: list[dict[str, Any]],
) -> tuple[dict[str, list[dict[str, Any]]], dict[str, list[dict[str, Any]]]]:
    """(subnet → routes of its own table; vpc → routes of its main table)."""
    by_subnet: dict[str, list[dict[str, Any]]] = {}
    by_vpc_main: dict[str, list[dict[str, Any]]] = {}
    for table in route_tables:
        routes = [_route(r) for r in table.get("Routes") or []]
        for assoc in table.get("Associations") or []:
            if assoc.get("Main"):
                by_vpc_main[table.get("VpcId", "")] = routes
            elif assoc.get("SubnetId"):
                by_subnet[assoc["SubnetId"]] = routes
    return by_subnet, by_vpc_main


def _rules(ctx: Ctx, permissions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    rules: list[dict[str, Any]] = []
    for perm in permissions:
        protocol = _PROTOCOLS.get(str(perm.get("IpProtocol")))
        if protocol is None:
            continue  # ESP, GRE ...: no port semantics the model can state
        base: dict[str, Any] = {"protocol": protocol}
        if protocol in ("tcp", "udp"):
            low, high = perm.get("FromPort"), perm.get("ToPort")
            if low is not None and low == high:
                base["port"] = low
            else:
                base["from_port"], base["to_port"] = low, high
        cidrs = [r["CidrIp"] for r in perm.get("IpRanges") or [] if r.get("CidrIp")]
        v6 = [r["CidrIpv6"] for r in perm.get("Ipv6Ranges") or [] if r.get("CidrIpv6")]
        if cidrs or v6:
            ranges = {"cidr": cidrs, "ipv6_cidr": v6}
            rules.append({**base, **{k: v for k, v in ranges.items() if v}})
        for pair in perm.get("UserIdGroupPairs") or []:
            rules.append({**base, "security_group": ctx.ref(pair.get("GroupId"))})
        for pl in perm.get("PrefixListIds") or []:
            rules.append({**base, "prefix_list": pl.get("PrefixListId")})
    return rules


def collect(ctx: Ctx) -> None:
    flow_logs = ctx.reader.items("describe_flow_logs", "FlowLogs", kinds=("vpc",))
    logged = {f.get("ResourceId") for f in flow_logs or []}
    for vpc in listing(ctx, "vpc", "Vpcs") or []:
        vid = vpc["VpcId"]
        ctx.add(
            "vpc",
            vid,
            {
                "name": _name(vpc, vid),
                "cidr": vpc.get("CidrBlock"),
                "tags": tags(vpc.get("Tags")),
                "flow_logs_enabled": (vid in logged) if flow_logs is not None else None,
            },
        )

    tables = ctx.reader.items("describe_route_tables", "RouteTables", kinds=("subnet",))
    by_subnet, by_vpc = _subnet_routes(tables or [])
    for sn in listing(ctx, "subnet", "Subnets") or []:
        sid, vpc_id = sn["SubnetId"], sn.get("VpcId")
        routes = by_subnet.get(sid, by_vpc.get(vpc_id or "")) if tables is not None else None
        ctx.add(
            "subnet",
            sid,
            {
                "name": _name(sn, sid),
                "vpc": ctx.ref(vpc_id),
                "az": sn.get("AvailabilityZone"),
                "cidr": sn.get("CidrBlock"),
                "routes": routes,
                "map_public_ip_on_launch": sn.get("MapPublicIpOnLaunch"),
                "arn": sn.get("SubnetArn"),
                "tags": tags(sn.get("Tags")),
            },
        )

    for igw in listing(ctx, "internet_gateway", "InternetGateways") or []:
        attached = [a.get("VpcId") for a in igw.get("Attachments") or []]
        ctx.add(
            "internet_gateway",
            igw["InternetGatewayId"],
            {
                "name": _name(igw, igw["InternetGatewayId"]),
                "tags": tags(igw.get("Tags")),
                "vpc": ctx.ref(attached[0]) if attached else None,
            },
        )

    for nat in listing(ctx, "nat_gateway", "NatGateways") or []:
        if nat.get("State") in ("deleted", "deleting", "failed"):
            continue
        ctx.add(
            "nat_gateway",
            nat["NatGatewayId"],
            {
                "name": _name(nat, nat["NatGatewayId"]),
                "tags": tags(nat.get("Tags")),
                "subnet": ctx.ref(nat.get("SubnetId")),
                "connectivity": nat.get("ConnectivityType") or "public",
            },
        )

    for sg in listing(ctx, "security_group", "SecurityGroups") or []:
        ctx.add(
            "security_group",
            sg["GroupId"],
            {
                "name": sg.get("GroupName") or sg["GroupId"],
                "description": sg.get("Description"),
                "vpc": ctx.ref(sg.get("VpcId")),
                "arn": sg.get("SecurityGroupArn"),
                "ingress": _rules(ctx, sg.get("IpPermissions") or []),
                "egress": _rules(ctx, sg.get("IpPermissionsEgress") or []),
                "default": sg.get("GroupName") == "default" if sg.get("GroupName") else None,
                "tags": tags(sg.get("Tags")),
            },
        )

    for ep in listing(ctx, "vpc_endpoint", "VpcEndpoints") or []:
        kind = str(ep.get("VpcEndpointType", "Interface"))
        ctx.add(
            "vpc_endpoint",
            ep["VpcEndpointId"],
            {
                "name": _name(ep, ep["VpcEndpointId"]),
                "tags": tags(ep.get("Tags")),
                "vpc": ctx.ref(ep.get("VpcId")),
                "service": str(ep.get("ServiceName", "unknown")).rsplit(".", 1)[-1],
                "endpoint_type": {
                    "Gateway": "gateway",
                    "GatewayLoadBalancer": "gateway_load_balancer",
                }.get(kind, "interface"),
                "subnets": ctx.refs(ep.get("SubnetIds")),
                "security_groups": ctx.refs(g.get("GroupId") for g in ep.get("Groups") or []),
                "private_dns_enabled": ep.get("PrivateDnsEnabled"),
                "policy": policy_json(ep.get("PolicyDocument")),
            },
        )

    reservations = listing(ctx, "ec2_instance", "Reservations") or []
    for inst in (i for r in reservations for i in r.get("Instances") or []):
        if (inst.get("State") or {}).get("Name") in ("terminated", "shutting-down"):
            continue
        iid = inst["InstanceId"]
        ctx.add(
            "ec2_instance",
            iid,
            {
                "name": _name(inst, iid),
                "tags": tags(inst.get("Tags")),
                "instance_type": inst.get("InstanceType"),
                "ami": inst.get("ImageId"),
                "subnets": ctx.refs([inst.get("SubnetId")]),
                "security_groups": ctx.refs(
                    g.get("GroupId") for g in inst.get("SecurityGroups") or []
                ),
                "az": (inst.get("Placement") or {}).get("AvailabilityZone"),
                "public_ip": bool(inst.get("PublicIpAddress")),
                "role": ctx.ref((inst.get("IamInstanceProfile") or {}).get("Arn")),
                "imdsv2_required": (inst.get("MetadataOptions") or {}).get("HttpTokens")
                == "required"
                if inst.get("MetadataOptions")
                else None,
                "detailed_monitoring": (inst.get("Monitoring") or {}).get("State") == "enabled",
                "network_interface_count": len(inst.get("NetworkInterfaces") or []) or None,
                "platform": "windows" if inst.get("Platform") == "windows" else "linux",
            },
        )

    for vol in listing(ctx, "ebs_volume", "Volumes") or []:
        attached = [a.get("InstanceId") for a in vol.get("Attachments") or []]
        ctx.add(
            "ebs_volume",
            vol["VolumeId"],
            {
                "name": _name(vol, vol["VolumeId"]),
                "tags": tags(vol.get("Tags")),
                "volume_type": vol.get("VolumeType"),
                "size_gb": vol.get("Size"),
                "iops": vol.get("Iops"),
                "encrypted": vol.get("Encrypted"),
                "kms_key": ctx.ref(vol.get("KmsKeyId")),
                "az": vol.get("AvailabilityZone"),
                "attached_to": ctx.ref(attached[0]) if attached else None,
            },
        )

    _snapshots(ctx)
    _launch_templates(ctx)


def _snapshot_sharing(ctx: Ctx, snapshot_id: str) -> tuple[bool | None, list[str]]:
    """Who may create volumes from the snapshot: the group 'all' (public), or accounts."""
    reply = ctx.reader.call(
        "describe_snapshot_attribute",
        kinds=("ebs_snapshot",),
        Attribute="createVolumePermission",
        SnapshotId=snapshot_id,
    )
    if not isinstance(reply, dict):
        return None, []
    permissions = reply.get("CreateVolumePermissions") or []
    public = any(p.get("Group") == "all" for p in permissions)
    return public, [str(p["UserId"]) for p in permissions if p.get("UserId")]


def _snapshots(ctx: Ctx) -> None:
    for snap in listing(ctx, "ebs_snapshot", "Snapshots", OwnerIds=["self"]) or []:
        sid = snap["SnapshotId"]
        public, shared = _snapshot_sharing(ctx, sid)
        ctx.add(
            "ebs_snapshot",
            sid,
            {
                "name": _name(snap, sid),
                "tags": tags(snap.get("Tags")),
                "volume": ctx.ref(snap.get("VolumeId")),
                "size_gb": snap.get("VolumeSize"),
                "encrypted": snap.get("Encrypted"),
                "kms_key": ctx.ref(snap.get("KmsKeyId")),
                "public": public,
                "shared_with_accounts": shared,
            },
        )


def _launch_templates(ctx: Ctx) -> None:
    """Every template's default version (what Security Hub judges), in one listing."""
    versions = listing(ctx, "launch_template", "LaunchTemplateVersions", Versions=["$Default"])
    for version in versions or []:
        tid = version["LaunchTemplateId"]
        data = version.get("LaunchTemplateData") or {}
        tokens = (data.get("MetadataOptions") or {}).get("HttpTokens")
        volumes = [m["Ebs"] for m in data.get("BlockDeviceMappings") or [] if m.get("Ebs")]
        ctx.add(
            "launch_template",
            tid,
            {
                "name": version.get("LaunchTemplateName") or tid,
                "instance_type": data.get("InstanceType"),
                "imdsv2_required": None
                if tokens not in ("required", "optional")
                else tokens == "required",
                "public_ip": any(
                    i.get("AssociatePublicIpAddress") for i in data.get("NetworkInterfaces") or []
                ),
                "ebs_encryption": ebs_encryption([v.get("Encrypted") for v in volumes]),
            },
        )


GROUP = ServiceGroup(
    "ec2",
    (
        "vpc",
        "subnet",
        "internet_gateway",
        "nat_gateway",
        "security_group",
        "vpc_endpoint",
        "ec2_instance",
        "ebs_volume",
        "ebs_snapshot",
        "launch_template",
    ),
    collect,
)
