"""An editable diagrams.net (draw.io) file of a scene: the same boxes, nodes, labels and edges as
the Graphviz picture, drawn with draw.io's own AWS 2019+ library (``mxgraph.aws4.*``).

Graphviz lays the scene out (the DOT of `diagrams_adapter`, run as ``dot -Tjson0``); this module
reads the positions back and writes them as mxGraph cells: every box a container (a group shape
of draw.io's "AWS / Groups" palette), nested as in the scene, every node an AWS shape inside its
box, every edge between the two cells. Labels are plain text (``html=0``): a name is never
markup. The shape names come from draw.io's sidebar (Sidebar-AWS4.js in jgraph/drawio); the
test suite checks each one against a list taken from that file.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass

from archcode.renderers.diagrams_adapter import SEVERITY_COLOURS, DotBuilder
from archcode.renderers.graphviz_run import render_image
from archcode.renderers.mermaid import node_lines
from archcode.renderers.scene import Scene, SceneGroup, SceneNode

POINTS_PER_INCH = 72.0
ICON = 60.0  # the side of an AWS icon in draw.io units (its palette uses 78)

# A service icon (draw.io's `resourceIcon` shape: the white glyph on its category's colour)
# or a resource shape (a coloured glyph), by the `diagrams` class the registry names.
_RES = "res"
_SHAPE = "shape"
ICONS: dict[str, tuple[str, str]] = {
    "InternetGateway": (_SHAPE, "internet_gateway"),
    "NATGateway": (_SHAPE, "nat_gateway"),
    "Endpoint": (_SHAPE, "endpoints"),
    "Route53HostedZone": (_SHAPE, "hosted_zone"),
    "CloudFront": (_RES, "cloudfront"),
    "APIGateway": (_RES, "api_gateway"),
    "ELB": (_RES, "elastic_load_balancing"),
    "ALB": (_SHAPE, "application_load_balancer"),
    "NLB": (_SHAPE, "network_load_balancer"),
    "VPC": (_RES, "vpc"),
    "GenericFirewall": (_SHAPE, "generic_firewall"),
    "Lambda": (_RES, "lambda"),
    "EC2": (_RES, "ec2"),
    "EC2AutoScaling": (_RES, "auto_scaling2"),
    "ECS": (_RES, "ecs"),
    "Fargate": (_RES, "fargate"),
    "EKS": (_RES, "eks"),
    "ElasticBeanstalk": (_RES, "elastic_beanstalk"),
    "RDS": (_RES, "rds"),
    "Aurora": (_RES, "aurora"),
    "ElasticBlockStoreEBSSnapshot": (_SHAPE, "snapshot"),
    "Dynamodb": (_RES, "dynamodb"),
    "ElastiCache": (_RES, "elasticache"),
    # draw.io's palette names the OpenSearch service icon after its old name.
    "AmazonOpensearchService": (_RES, "elasticsearch_service"),
    "S3": (_RES, "s3"),
    "EFS": (_RES, "elastic_file_system"),
    "EBS": (_RES, "elastic_block_store"),
    "Backup": (_RES, "backup"),
    "SQS": (_RES, "sqs"),
    "SNS": (_RES, "sns"),
    "EventbridgeCustomEventBusResource": (_SHAPE, "eventbridge_custom_event_bus_resource"),
    "EventbridgeRule": (_SHAPE, "rule_3"),
    "StepFunctions": (_RES, "step_functions"),
    "ManagedStreamingForKafka": (_RES, "managed_streaming_for_kafka"),
    "KinesisDataStreams": (_RES, "kinesis_data_streams"),
    "KMS": (_RES, "key_management_service"),
    "SecretsManager": (_RES, "secrets_manager"),
    "IAMRole": (_SHAPE, "role"),
    "IAMPermissions": (_SHAPE, "permissions"),
    "User": (_SHAPE, "user"),
    "Users": (_SHAPE, "users"),
    "WAF": (_RES, "waf"),
    "Shield": (_RES, "shield"),
    "Cognito": (_RES, "cognito"),
    "Cloudtrail": (_RES, "cloudtrail"),
    "CloudwatchLogs": (_SHAPE, "cloudwatch_logs"),
    "CloudwatchAlarm": (_SHAPE, "alarm"),
    "XRay": (_RES, "xray"),
    "Codepipeline": (_RES, "codepipeline"),
    "Codebuild": (_RES, "codebuild"),
    "Codedeploy": (_RES, "codedeploy"),
    "Client": (_SHAPE, "client"),
    "MobileClient": (_SHAPE, "mobile_client"),
    "GenericSDK": (_SHAPE, "external_sdk"),
    "InternetAlt1": (_SHAPE, "internet_alt1"),
    "GenericOfficeBuilding": (_SHAPE, "office_building"),
    "TraditionalServer": (_SHAPE, "traditional_server"),
    "General": (_RES, "general"),
}
# Kinds `diagrams` has no icon for, drawn with draw.io's own.
KIND_ICONS: dict[str, tuple[str, str]] = {"rds_proxy": (_SHAPE, "rds_proxy")}
# The palette colour of each registry layer (draw.io's AWS category colours).
LAYER_COLOURS = {
    "compute": "#ED7100",
    "storage": "#7AA116",
    "networking": "#8C4FFF",
    "integration": "#E7157B",
    "security": "#DD344C",
    "operations": "#E7157B",
    "actor": "#232F3D",
}
DATABASE_COLOUR = "#C925D1"  # draw.io draws databases apart from storage
DATABASE_ICONS = {"rds", "aurora", "dynamodb", "elasticache", "rds_proxy"}

_COMMON = "outlineConnect=0;gradientColor=none;dashed=0;html=0;"
_LABEL_BELOW = "verticalLabelPosition=bottom;verticalAlign=top;align=center;fontSize=11;"
_GROUP = (
    "outlineConnect=0;gradientColor=none;html=0;whiteSpace=wrap;fontSize=12;fontStyle=0;"
    "container=1;pointerEvents=0;collapsible=0;recursiveResize=0;verticalAlign=top;align=left;"
)
_AWS_GROUP = _GROUP + "shape=mxgraph.aws4.group;spacingLeft=30;dashed=0;"
# The "AWS / Groups" palette's styles, by scene box role.
GROUP_STYLES: dict[str, str] = {
    "account": _AWS_GROUP + "grIcon=mxgraph.aws4.group_account;strokeColor=#CD2264;"
    "fillColor=none;fontColor=#CD2264;",
    "cloud": _AWS_GROUP + "grIcon=mxgraph.aws4.group_aws_cloud_alt;strokeColor=#232F3E;"
    "fillColor=none;fontColor=#232F3E;",
    "region": _GROUP + "shape=mxgraph.aws4.group;spacingLeft=30;"
    "grIcon=mxgraph.aws4.group_region;strokeColor=#00A4A6;fillColor=none;fontColor=#147EBA;"
    "dashed=1;",
    "vpc": _AWS_GROUP + "grIcon=mxgraph.aws4.group_vpc2;strokeColor=#8C4FFF;fillColor=none;"
    "fontColor=#AAB7B8;",
    "az": _GROUP + "fillColor=none;strokeColor=#147EBA;dashed=1;fontColor=#147EBA;align=center;",
    "private_subnet": _AWS_GROUP + "grIcon=mxgraph.aws4.group_security_group;grStroke=0;"
    "strokeColor=#00A4A6;fillColor=#E6F6F7;fontColor=#147EBA;",
    "public_subnet": _AWS_GROUP + "grIcon=mxgraph.aws4.group_security_group;grStroke=0;"
    "strokeColor=#7AA116;fillColor=#F2F6E8;fontColor=#248814;",
}
GENERIC_GROUP = _GROUP + "fillColor=none;strokeColor=#5A6C86;dashed=1;fontColor=#5A6C86;"
FILLED_GROUP = _GROUP + "fillColor=#EFF0F3;strokeColor=none;dashed=0;fontColor=#232F3D;"


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    width: float
    height: float


def shape_style(node: SceneNode) -> str:
    """The draw.io style of a node: its AWS shape, or a dashed box for a missing zone."""
    if node.missing:
        fill, border = SEVERITY_COLOURS.get(node.decoration.severity or "info", ("#fff", "#000"))
        return (
            f"rounded=1;whiteSpace=wrap;html=0;dashed=1;fillColor={fill};strokeColor={border};"
            "fontSize=11;"
        )
    found = KIND_ICONS.get(node.kind)
    if found is None and node.icon is not None:
        found = ICONS.get(node.icon.rsplit(".", 1)[-1])
    if found is None:
        found = ICONS.get(node.icon_fallback.rsplit(".", 1)[-1], ICONS["General"])
    how, name = found
    colour = DATABASE_COLOUR if name in DATABASE_ICONS else LAYER_COLOURS.get(node.category)
    colour = colour or "#232F3D"
    if how == _RES:
        style = (
            f"{_COMMON}{_LABEL_BELOW}fillColor={colour};strokeColor=#ffffff;aspect=fixed;"
            f"shape=mxgraph.aws4.resourceIcon;resIcon=mxgraph.aws4.{name};"
        )
    else:
        style = f"{_COMMON}{_LABEL_BELOW}fillColor={colour};strokeColor=none;aspect=fixed;"
        style += "pointerEvents=1;"
        style += f"shape=mxgraph.aws4.{name};"
    severity = node.decoration.severity
    if severity is not None:  # the finding's colour on the label, as the other pictures do
        fill, border = SEVERITY_COLOURS.get(severity, SEVERITY_COLOURS["info"])
        style += f"labelBackgroundColor={fill};labelBorderColor={border};"
    if node.supporting:
        style += "fontSize=9;"
    return style


def group_style(group: SceneGroup) -> str:
    if group.role == "account" and group.key == "account:-":
        return GROUP_STYLES["cloud"]
    if group.role in GROUP_STYLES:
        return GROUP_STYLES[group.role]
    return FILLED_GROUP if group.role in ("actors", "layer", "global") else GENERIC_GROUP


def _box(bb: str, height: float) -> Box:
    """A Graphviz bounding box (points, origin bottom left) as a top-left box."""
    x1, y1, x2, y2 = (float(v) for v in bb.split(","))
    return Box(x1, height - y2, x2 - x1, y2 - y1)


def _node_box(obj: dict[str, str], height: float) -> Box:
    cx, cy = (float(v) for v in obj["pos"].split(","))
    w = float(obj["width"]) * POINTS_PER_INCH
    h = float(obj["height"]) * POINTS_PER_INCH
    return Box(cx - w / 2, height - cy - h / 2, w, h)


def to_drawio(scene: Scene, direction: str = "LR") -> tuple[str, list[str]]:
    """The .drawio XML of a scene laid out by Graphviz, and notes for standard error."""
    notes = list(scene.notes)
    builders: list[DotBuilder] = []

    def build(simple: bool) -> str:
        builder = DotBuilder(scene, direction, simple)
        builders.append(builder)
        return builder.build()

    _source, raw = render_image(build, "json0", len(scene.nodes), notes)
    builder = builders[-1]  # its icon notes are about `diagrams`, not draw.io: not repeated
    layout = json.loads(raw)
    height = float(layout["bb"].split(",")[3])
    objects = {obj["name"]: obj for obj in layout.get("objects", [])}
    writer = _Writer(scene, builder, objects, height)
    return writer.xml(), notes


class _Writer:
    def __init__(
        self, scene: Scene, builder: DotBuilder, objects: dict[str, dict[str, str]], height: float
    ) -> None:
        self.scene = scene
        self.ids = builder.ids
        self.objects = objects
        self.height = height
        self.root = ET.Element("root")
        _cell(self.root, {"id": "0"})
        _cell(self.root, {"id": "1", "parent": "0"})
        self.cell_of: dict[str, str] = {}  # scene node id -> cell id

    def xml(self) -> str:
        heading = [self.scene.title, *([self.scene.caption] if self.scene.caption else [])]
        title = _cell(
            self.root,
            {
                "id": "title",
                "value": "\n".join(heading),
                "style": "text;html=0;align=left;verticalAlign=top;fontSize=16;fontStyle=1;",
                "vertex": "1",
                "parent": "1",
            },
        )
        _geometry(title, Box(0, -60, 900, 50))
        self._group(self.scene.root, "1", Box(0, 0, 0, 0))
        for index, edge in enumerate(self.scene.edges):
            source, target = self.cell_of.get(edge.source), self.cell_of.get(edge.target)
            if source is None or target is None:
                continue
            style = "html=0;endArrow=block;endFill=1;rounded=1;strokeColor=#545B64;fontSize=10;"
            if edge.kind == "relation":
                style += "dashed=1;strokeColor=#AEB6BE;"
            cell = _cell(
                self.root,
                {
                    "id": f"edge-{index}",
                    "value": edge.label or "",
                    "style": style,
                    "edge": "1",
                    "parent": "1",
                    "source": source,
                    "target": target,
                },
            )
            ET.SubElement(cell, "mxGeometry", attrib={"relative": "1", "as": "geometry"})
        model = ET.Element(
            "mxGraphModel",
            grid="1",
            gridSize="10",
            guides="1",
            tooltips="1",
            connect="1",
            arrows="1",
            fold="1",
            page="0",
            pageScale="1",
            math="0",
            shadow="0",
        )
        model.append(self.root)
        mxfile = ET.Element("mxfile", host="archcode", type="device")
        diagram = ET.SubElement(mxfile, "diagram", id="archcode", name=self.scene.title[:80])
        diagram.append(model)
        ET.indent(mxfile)
        return ET.tostring(mxfile, encoding="unicode") + "\n"

    def _group(self, group: SceneGroup, parent: str, origin: Box) -> None:
        for nid in group.nodes:
            self._node(self.scene.nodes[nid], parent, origin)
        for child in group.groups:
            name = "cluster_" + self.ids("g", child.key, child.key.rsplit("/", 1)[-1])
            obj = self.objects.get(name)
            if obj is None or "bb" not in obj:
                continue
            box = _box(obj["bb"], self.height)
            cell_id = name.removeprefix("cluster_")
            label = child.label
            cost = self.scene.group_cost(child)
            if cost is not None:
                label += "\n" + cost
            cell = _cell(
                self.root,
                {
                    "id": cell_id,
                    "value": label,
                    "style": group_style(child),
                    "vertex": "1",
                    "parent": parent,
                },
            )
            _geometry(cell, _relative(box, origin))
            self._group(child, cell_id, box)

    def _node(self, node: SceneNode, parent: str, origin: Box) -> None:
        name = self.ids("n", node.id)
        obj = self.objects.get(name)
        if obj is None or "pos" not in obj:
            return
        box = _node_box(obj, self.height)
        if node.missing:
            shape = box
        else:  # the icon at the top of Graphviz's node box, its label below it
            size = ICON * (0.6 if node.supporting else 1.0)
            shape = Box(box.x + (box.width - size) / 2, box.y + 4, size, size)
        cell = _cell(
            self.root,
            {
                "id": name,
                "value": "\n".join(node_lines(node)),
                "style": shape_style(node),
                "vertex": "1",
                "parent": parent,
            },
        )
        _geometry(cell, _relative(shape, origin))
        self.cell_of[node.id] = name


def _relative(box: Box, origin: Box) -> Box:
    return Box(box.x - origin.x, box.y - origin.y, box.width, box.height)


def _cell(root: ET.Element, attrib: dict[str, str]) -> ET.Element:
    return ET.SubElement(root, "mxCell", attrib=attrib)


def _geometry(cell: ET.Element, box: Box) -> None:
    place = {"x": box.x, "y": box.y, "width": box.width, "height": box.height}
    attrib = {key: f"{value:.1f}" for key, value in place.items()}
    ET.SubElement(cell, "mxGeometry", attrib={**attrib, "as": "geometry"})


def shape_names() -> Iterator[str]:
    """Every draw.io shape name this module writes (checked against draw.io's palette)."""
    for _how, name in [*ICONS.values(), *KIND_ICONS.values()]:
        yield name
