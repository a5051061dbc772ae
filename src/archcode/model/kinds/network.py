"""Networking kinds: VPC and its parts, DNS, CDN, API front doors, load balancers."""

# Annotations are evaluated as the class is made, not kept as strings (no `from __future__
# import annotations`): pydantic would parse and evaluate each string again (issue 17).

from typing import Annotated, Literal

from pydantic import Field, model_validator

from archcode.model.base import Resource, Strict, StrList, VpcPlaced, ref
from archcode.model.iam import PolicyDocument


class Vpc(Resource):
    kind: Literal["vpc"] = "vpc"
    cidr: str | None = None
    flow_logs_enabled: bool | None = None


RouteTarget = Literal[
    "internet_gateway",
    "egress_only_internet_gateway",
    "nat_gateway",
    "transit_gateway",
    "vpc_peering",
    "vpc_endpoint",
    "vpn_gateway",
    "network_interface",
    "instance",
    "local",
    "other",
]


class Route(Strict):
    """One route of the subnet's route table, as the source wrote it."""

    destination: str | None = Field(
        default=None,
        description="IPv4 or IPv6 range (or prefix list id) the route sends; null: not known.",
    )
    target: RouteTarget | None = Field(
        default=None, description="What kind of thing the route sends to; null: not known."
    )
    target_id: str | None = Field(default=None, description="The target's id, when known.")


class Subnet(Resource):
    kind: Literal["subnet"] = "subnet"
    vpc: Annotated[str, ref("in_vpc", "vpc")]
    az: str | None = Field(default=None, description="Availability zone, e.g. us-east-1a.")
    cidr: str | None = None
    public: bool | None = Field(
        default=None,
        description="Routes 0.0.0.0/0 (or ::/0) to an internet gateway. When `routes` is "
        "given, the routes decide and this flag is ignored.",
    )
    routes: list[Route] | None = Field(
        default=None,
        description="The routes of the subnet's route table (its own, else the VPC's main "
        "table); null: not read (a template does not show the main table).",
    )
    map_public_ip_on_launch: bool | None = None


class InternetGateway(Resource):
    kind: Literal["internet_gateway"] = "internet_gateway"
    vpc: Annotated[str | None, ref("attached_to", "vpc")] = None


class NatGateway(Resource):
    kind: Literal["nat_gateway"] = "nat_gateway"
    subnet: Annotated[str | None, ref("in_subnet", "subnet")] = None
    connectivity: Literal["public", "private"] = "public"


class SecurityGroupRule(Strict):
    """One ingress or egress rule; `port` is shorthand for from_port = to_port.

    A template or plan may leave part of a rule open until deploy time (a parameter without a
    default, a condition, an import, a value known after apply): that part is null here
    (`cidr`, `ipv6_cidr`, `protocol`) or `ports_known` is false. Not known, never "none".
    """

    protocol: Literal["tcp", "udp", "icmp", "icmpv6", "all"] | None = Field(
        default="tcp", description="null: not known (set at deploy time)."
    )
    port: int | None = Field(default=None, ge=0, le=65535)
    from_port: int | None = Field(default=None, ge=-1, le=65535)
    to_port: int | None = Field(default=None, ge=-1, le=65535)
    ports_known: bool = Field(
        default=True, description="False when the ports are set at deploy time."
    )
    cidr: StrList | None = Field(
        default_factory=list,
        description="IPv4 ranges, e.g. 0.0.0.0/0; null: not known (set at deploy time).",
    )
    ipv6_cidr: StrList | None = Field(
        default_factory=list, description="IPv6 ranges; null: not known (set at deploy time)."
    )
    security_group: Annotated[str | None, ref("allows_from", "security_group")] = None
    prefix_list: str | None = None
    description: str | None = None

    @model_validator(mode="after")
    def _port_or_range(self) -> "SecurityGroupRule":
        if self.port is not None and (self.from_port is not None or self.to_port is not None):
            raise ValueError("give either port or from_port/to_port, not both")
        return self

    @property
    def ranges(self) -> list[str] | None:
        """Every IPv4 and IPv6 range it admits; None when one of them is not known."""
        if self.cidr is None or self.ipv6_cidr is None:
            return None
        return [*self.cidr, *self.ipv6_cidr]

    @property
    def port_range(self) -> tuple[int, int] | None:
        """The inclusive port range; every port when none is given or the protocol is all;
        None when the protocol or the ports are not known."""
        if self.protocol == "all":
            return (0, 65535)
        if self.protocol is None or not self.ports_known:
            return None
        if self.port is not None:
            return (self.port, self.port)
        low = self.from_port if self.from_port not in (None, -1) else 0
        high = self.to_port if self.to_port not in (None, -1) else 65535
        return (low, high)


class SecurityGroup(Resource):
    kind: Literal["security_group"] = "security_group"
    vpc: Annotated[str | None, ref("in_vpc", "vpc")] = None
    ingress: list[SecurityGroupRule] = Field(default_factory=list)
    egress: list[SecurityGroupRule] | None = Field(
        default=None, description="Outbound rules; unknown when absent."
    )
    default: bool = Field(
        default=False,
        description="The VPC's default group (GroupName default). A group a template or plan "
        "creates never is one; discovery reads it.",
    )


class VpcEndpoint(VpcPlaced):
    kind: Literal["vpc_endpoint"] = "vpc_endpoint"
    vpc: Annotated[str | None, ref("in_vpc", "vpc")] = None
    service: str = Field(description="Service the endpoint reaches, e.g. s3, secretsmanager.")
    endpoint_type: Literal["gateway", "interface", "gateway_load_balancer"] = "interface"
    private_dns_enabled: bool | None = None
    policy: PolicyDocument | None = None


class DnsRecord(Strict):
    name: str
    type: Literal["A", "AAAA", "CNAME", "MX", "TXT", "NS", "SOA", "SRV", "CAA", "PTR"] = "A"
    alias: bool = False
    target: Annotated[str | None, ref("routes_to")] = None
    value: str | None = None


class Route53Zone(Resource):
    kind: Literal["route53_zone"] = "route53_zone"
    domain: str
    private: bool = False
    vpcs: Annotated[StrList, ref("serves_vpc", "vpc")] = Field(default_factory=list)
    records: list[DnsRecord] = Field(default_factory=list)
    query_logging_enabled: bool | None = None
    dnssec_enabled: bool | None = None


class CloudFrontOrigin(Strict):
    target: Annotated[str | None, ref("routes_to")] = None
    domain: str | None = None
    origin_protocol_policy: Literal["http-only", "https-only", "match-viewer"] | None = None
    origin_access: Literal["oac", "oai", "none"] | None = Field(
        default=None,
        description="How CloudFront authenticates to an S3 or Lambda function URL origin.",
    )
    minimum_origin_ssl_protocol: str | None = None


class CloudFrontDistribution(Resource):
    kind: Literal["cloudfront_distribution"] = "cloudfront_distribution"
    aliases: StrList = Field(default_factory=list)
    origins: list[CloudFrontOrigin] = Field(default_factory=list)
    viewer_protocol_policy: Literal["allow-all", "redirect-to-https", "https-only"] | None = None
    minimum_protocol_version: str | None = Field(default=None, examples=["TLSv1.2_2021"])
    web_acl: Annotated[str | None, ref("protected_by", "waf_web_acl")] = None
    logging_enabled: bool | None = None
    default_root_object: str | None = None
    price_class: Literal["PriceClass_All", "PriceClass_200", "PriceClass_100"] | None = None
    origin_failover: bool | None = None
    uses_default_certificate: bool | None = None
    ssl_support_method: Literal["sni-only", "vip", "static-ip"] | None = Field(
        default=None,
        description="How a custom certificate is served: SNI, or a dedicated IP address (vip); "
        "none with the default certificate.",
    )


ViewerProtocolPolicy = Literal["allow-all", "redirect-to-https", "https-only"]
_VIEWER_ORDER: tuple[str, ...] = ("allow-all", "redirect-to-https", "https-only")


def weakest_viewer_policy(policies: list[str | None]) -> str | None:
    """A distribution is as strict as its weakest cache behavior (default or path pattern):
    one allow-all behavior accepts plain HTTP; a behavior not known leaves it unknown."""
    if "allow-all" in policies:
        return "allow-all"
    known = [p for p in policies if p in _VIEWER_ORDER]
    if not policies or len(known) < len(policies):
        return None
    return min(known, key=_VIEWER_ORDER.index)


class ApiGateway(Resource):
    kind: Literal["api_gateway"] = "api_gateway"
    api_type: Literal["rest", "http", "websocket"] = "rest"
    endpoint_type: Literal["edge", "regional", "private"] | None = None
    stage: str | None = None
    authorization: Literal["none", "iam", "cognito", "lambda", "jwt"] | None = None
    execution_logging: bool | None = None
    access_logging: bool | None = None
    xray_tracing: bool | None = None
    cache_enabled: bool | None = None
    cache_encrypted: bool | None = None
    throttling_rate_limit: float | None = Field(default=None, ge=0)
    web_acl: Annotated[str | None, ref("protected_by", "waf_web_acl")] = None
    client_certificate: bool | None = None
    integrations: Annotated[StrList, ref("integrates_with")] = Field(
        default_factory=list,
        description="What the API's integrations call: functions, and the load balancers "
        "behind a VPC link.",
    )


class Listener(Strict):
    protocol: Literal["HTTP", "HTTPS", "TCP", "TLS", "UDP", "TCP_UDP", "GENEVE"]
    port: int = Field(ge=1, le=65535)
    ssl_policy: str | None = None
    redirect_to_https: bool | None = None


class LoadBalancer(VpcPlaced):
    kind: Literal["load_balancer"] = "load_balancer"
    type: Literal["application", "network", "gateway"] = "application"
    scheme: Literal["internet-facing", "internal"] | None = None
    listeners: list[Listener] = Field(default_factory=list)
    targets: Annotated[StrList, ref("routes_to")] = Field(default_factory=list)
    web_acl: Annotated[str | None, ref("protected_by", "waf_web_acl")] = None
    access_logs_enabled: bool | None = None
    deletion_protection: bool | None = None
    drop_invalid_headers: bool | None = None
    cross_zone: bool | None = None
