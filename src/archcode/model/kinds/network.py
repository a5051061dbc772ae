"""Networking kinds: VPC and its parts, DNS, CDN, API front doors, load balancers.

One module per kind (kinds/<kind>.py); this module re-exports its group's, for
the collectors, pricers, renderers and tests that import them by group. Nothing on the
`archcode check` path imports it: that would build every class of the group."""

from archcode.model.kinds._shared import (
    RouteTarget,
    ViewerProtocolPolicy,
    weakest_viewer_policy,
)
from archcode.model.kinds.api_gateway import ApiGateway
from archcode.model.kinds.cloudfront_distribution import CloudFrontDistribution, CloudFrontOrigin
from archcode.model.kinds.internet_gateway import InternetGateway
from archcode.model.kinds.load_balancer import Listener, LoadBalancer
from archcode.model.kinds.nat_gateway import NatGateway
from archcode.model.kinds.route53_zone import DnsRecord, Route53Zone
from archcode.model.kinds.security_group import SecurityGroup, SecurityGroupRule
from archcode.model.kinds.subnet import Route, Subnet
from archcode.model.kinds.vpc import Vpc
from archcode.model.kinds.vpc_endpoint import VpcEndpoint

__all__ = [
    "ApiGateway",
    "CloudFrontDistribution",
    "CloudFrontOrigin",
    "DnsRecord",
    "InternetGateway",
    "Listener",
    "LoadBalancer",
    "NatGateway",
    "Route",
    "Route53Zone",
    "RouteTarget",
    "SecurityGroup",
    "SecurityGroupRule",
    "Subnet",
    "ViewerProtocolPolicy",
    "Vpc",
    "VpcEndpoint",
    "weakest_viewer_policy",
]
