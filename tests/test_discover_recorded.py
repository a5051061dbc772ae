"""Collectors run on recorded API responses (shapes as AWS documents them), for the services the
moto end-to-end seed does not exercise: CloudFront, API Gateway, ELBv2, Route 53."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from archcode.collectors.aws.assemble import assemble
from archcode.collectors.aws.draft import Ctx, Found, Handle
from archcode.collectors.aws.reader import ABSENT
from archcode.collectors.aws.services import apigateway, cloudfront, edge, elbv2
from archcode.model.architecture import Architecture, CoverageGap

ACCOUNT, REGION = "111122223333", "eu-west-1"
FN_ARN = f"arn:aws:lambda:{REGION}:{ACCOUNT}:function:api-handler"
LB_ARN = f"arn:aws:elasticloadbalancing:{REGION}:{ACCOUNT}:loadbalancer/app/web/50dc6c495c0c9188"


class Recorded:
    """Reader stand-in: answers each operation from recorded responses (no AWS)."""

    def __init__(self, region: str, responses: dict[str, Any]) -> None:
        self.account, self.region, self.responses = ACCOUNT, region, responses
        self.gaps: list[CoverageGap] = []
        self.calls = 0

    def call(self, operation: str, **kwargs: Any) -> Any:
        self.calls += 1
        found = self.responses.get(operation)
        if found == "absent":
            return ABSENT
        if found is None:
            self.gaps.append(CoverageGap(service="x", operation=operation, error="AccessDenied"))
        return found

    def pages(self, operation: str, **kwargs: Any) -> list[dict[str, Any]] | None:
        found = self.call(operation, **kwargs)
        return [found] if isinstance(found, dict) else None

    def items(self, operation: str, key: str, **kwargs: Any) -> list[Any] | None:
        pages = self.pages(operation, **kwargs)
        return None if pages is None else [i for p in pages for i in p.get(key) or []]

    def gap(self, operation: str, error: str, *args: Any, **kwargs: Any) -> None:
        self.gaps.append(CoverageGap(service="x", operation=operation, error=error))


def run(collect: Any, region: str, responses: dict[str, Any], *extra: Found) -> Architecture:
    ctx = Ctx(Recorded(region, responses))  # type: ignore[arg-type]
    collect(ctx)
    found = [*extra, *ctx.found]
    return assemble("t", found, ctx.links, ctx.aliases, ctx.reader.gaps, [ACCOUNT], [region])


def _function() -> Found:
    rid = f"{ACCOUNT}/{REGION}/api-handler"
    return Found(rid, "lambda_function", {"kind": "lambda_function"}, [])


def _bucket() -> Found:
    rid = f"{ACCOUNT}/us-east-1/site-assets"
    return Found(rid, "s3_bucket", {"kind": "s3_bucket"}, [Handle("arn:aws:s3:::site-assets")])


def test_cloudfront_distribution_and_origins() -> None:
    listing = {
        "DistributionList": {
            "Items": [
                {
                    "Id": "E2QWRUHAPOMQZL",
                    "ARN": f"arn:aws:cloudfront::{ACCOUNT}:distribution/E2Q",
                    "DomainName": "d111111abcdef8.cloudfront.net",
                    "Comment": "site",
                    "Aliases": {"Quantity": 1, "Items": ["www.example.com"]},
                    "Origins": {
                        "Quantity": 2,
                        "Items": [
                            {
                                "Id": "s3",
                                "DomainName": "site-assets.s3.us-east-1.amazonaws.com",
                                "S3OriginConfig": {"OriginAccessIdentity": ""},
                                "OriginAccessControlId": "E1OAC",
                                "CustomHeaders": {
                                    "Quantity": 1,
                                    "Items": [
                                        {"HeaderName": "X-Secret", "HeaderValue": "do-not-keep"}
                                    ],
                                },
                            },
                            {
                                "Id": "legacy",
                                "DomainName": "legacy.example.com",
                                "CustomOriginConfig": {
                                    "OriginProtocolPolicy": "http-only",
                                    "OriginSslProtocols": {"Items": ["TLSv1.2", "TLSv1"]},
                                },
                            },
                        ],
                    },
                    "DefaultCacheBehavior": {"ViewerProtocolPolicy": "redirect-to-https"},
                    "ViewerCertificate": {
                        "MinimumProtocolVersion": "TLSv1.2_2021",
                        "CloudFrontDefaultCertificate": False,
                    },
                    "WebACLId": f"arn:aws:wafv2:us-east-1:{ACCOUNT}:global/webacl/edge/abc",
                    "PriceClass": "PriceClass_100",
                    "OriginGroups": {"Quantity": 0},
                }
            ]
        }
    }
    arch = run(cloudfront.collect, "global", {"list_distributions": listing}, _bucket())
    [(rid, dist)] = arch.of_kind("cloudfront_distribution")
    assert dist.viewer_protocol_policy == "redirect-to-https"
    assert dist.minimum_protocol_version == "TLSv1.2_2021" and dist.aliases == ["www.example.com"]
    s3_origin, legacy = dist.origins
    assert s3_origin.target == f"{ACCOUNT}/us-east-1/site-assets"
    assert s3_origin.origin_access == "oac"
    assert legacy.target is None and legacy.origin_protocol_policy == "http-only"
    assert legacy.minimum_origin_ssl_protocol == "TLSv1"
    # The web ACL was not discovered (Firewall Manager's, say): kept as its ARN, outside the model.
    assert dist.web_acl == f"arn:aws:wafv2:us-east-1:{ACCOUNT}:global/webacl/edge/abc"
    [flow] = [c for c in arch.connections if c.source in arch.resources]
    assert (flow.source, flow.target, flow.protocol) == (rid, s3_origin.target, "https")
    # the internet reaches the entry point, as it does from a template or plan
    assert ("internet", rid, "https") in {
        (c.source, c.target, c.protocol) for c in arch.connections
    }
    assert "do-not-keep" not in arch.model_dump_json()


def test_rest_api_with_stage_and_lambda_integration() -> None:
    uri = f"arn:aws:apigateway:{REGION}:lambda:path/2015-03-31/functions/{FN_ARN}/invocations"
    responses = {
        "get_rest_apis": {
            "items": [
                {"id": "a1b2c3", "name": "orders", "endpointConfiguration": {"types": ["REGIONAL"]}}
            ]
        },
        "get_stages": {
            "item": [
                {
                    "stageName": "prod",
                    "tracingEnabled": True,
                    "methodSettings": {"*/*": {"loggingLevel": "ERROR"}},
                    "cacheClusterEnabled": False,
                }
            ]
        },
        "get_resources": {
            "items": [
                {
                    "resourceMethods": {
                        "GET": {"authorizationType": "AWS_IAM", "methodIntegration": {"uri": uri}},
                        "POST": {"authorizationType": "NONE", "methodIntegration": {"uri": uri}},
                    }
                }
            ]
        },
        "get_apis": {"Items": []},
    }
    fn = _function()
    fn.handles.append(Handle(FN_ARN))
    arch = run(apigateway.collect, REGION, responses, fn)
    [(rid, api)] = arch.of_kind("api_gateway")
    assert (api.api_type, api.endpoint_type, api.stage) == ("rest", "regional", "prod")
    assert api.authorization == "none"  # the weakest method decides
    assert (api.execution_logging, api.access_logging, api.xray_tracing) == (True, False, True)
    assert {(c.source, c.target, c.protocol) for c in arch.connections} == {
        ("internet", rid, "https"),  # a regional API is an entry point
        (rid, fn.rid, "https"),
    }


def test_load_balancer_listeners_attributes_and_targets() -> None:
    responses = {
        "describe_load_balancers": {
            "LoadBalancers": [
                {
                    "LoadBalancerArn": LB_ARN,
                    "LoadBalancerName": "web",
                    "Type": "application",
                    "Scheme": "internet-facing",
                    "DNSName": "web-1.eu-west-1.elb.amazonaws.com",
                    "AvailabilityZones": [{"ZoneName": "eu-west-1a", "SubnetId": "subnet-1"}],
                    "SecurityGroups": ["sg-1"],
                    "CreatedTime": datetime(2024, 1, 1),
                }
            ]
        },
        "describe_load_balancer_attributes": {
            "Attributes": [
                {"Key": "deletion_protection.enabled", "Value": "true"},
                {"Key": "routing.http.drop_invalid_header_fields.enabled", "Value": "false"},
                {"Key": "access_logs.s3.enabled", "Value": "false"},
            ]
        },
        "describe_listeners": {
            "Listeners": [
                {
                    "Protocol": "HTTP",
                    "Port": 80,
                    "DefaultActions": [
                        {"Type": "redirect", "RedirectConfig": {"Protocol": "HTTPS"}}
                    ],
                },
                {
                    "Protocol": "HTTPS",
                    "Port": 443,
                    "SslPolicy": "ELBSecurityPolicy-TLS13-1-2-2021-06",
                },
            ]
        },
        "describe_target_groups": {"TargetGroups": [{"TargetGroupArn": "arn:tg"}]},
        "describe_target_health": {"TargetHealthDescriptions": [{"Target": {"Id": FN_ARN}}]},
    }
    fn = _function()
    fn.handles.append(Handle(FN_ARN))
    arch = run(elbv2.collect, REGION, responses, fn)
    [(rid, lb)] = arch.of_kind("load_balancer")
    assert (lb.type, lb.scheme, lb.deletion_protection, lb.drop_invalid_headers) == (
        "application",
        "internet-facing",
        True,
        False,
    )
    assert [(ls.protocol, ls.port, ls.redirect_to_https) for ls in lb.listeners] == [
        ("HTTP", 80, True),
        ("HTTPS", 443, False),
    ]
    assert lb.targets == [fn.rid] and lb.subnets == []  # subnet-1 was not discovered
    assert [(c.source, c.target) for c in arch.connections if c.source != "internet"] == [
        (rid, fn.rid)
    ]
    assert ("internet", rid) in {(c.source, c.target) for c in arch.connections}


def test_route53_records_alias_to_a_discovered_distribution() -> None:
    responses = {
        "list_hosted_zones": {
            "HostedZones": [
                {"Id": "/hostedzone/Z1", "Name": "example.com.", "Config": {"PrivateZone": False}}
            ]
        },
        "list_resource_record_sets": {
            "ResourceRecordSets": [
                {
                    "Name": "www.example.com.",
                    "Type": "A",
                    "AliasTarget": {"DNSName": "d111111abcdef8.cloudfront.net."},
                },
                {"Name": "example.com.", "Type": "MX", "ResourceRecords": [{"Value": "10 mx"}]},
                {"Name": "x.example.com.", "Type": "NAPTR", "ResourceRecords": [{"Value": "?"}]},
            ]
        },
        "list_query_logging_configs": {"QueryLoggingConfigs": []},
    }
    dist = Found(
        f"{ACCOUNT}/global/E2Q",
        "cloudfront_distribution",
        {"kind": "cloudfront_distribution"},
        [Handle("d111111abcdef8.cloudfront.net", ACCOUNT, "global")],
    )
    arch = run(edge.collect_route53, "global", responses, dist)
    [(rid, zone)] = arch.of_kind("route53_zone")
    assert zone.domain == "example.com" and zone.query_logging_enabled is False
    assert [(r.type, r.alias, r.target) for r in zone.records] == [
        ("A", True, dist.rid),
        ("MX", False, None),
    ]
    assert [(c.source, c.target) for c in arch.connections if c.source != "internet"] == [
        (rid, dist.rid)
    ]


def test_a_denied_read_leaves_facts_unknown() -> None:
    """Listener and attribute reads denied: the load balancer is kept, its facts unknown."""
    responses = {
        "describe_load_balancers": {
            "LoadBalancers": [
                {"LoadBalancerArn": LB_ARN, "LoadBalancerName": "web", "Type": "network"}
            ]
        },
        "describe_target_groups": {"TargetGroups": []},
    }
    arch = run(elbv2.collect, REGION, responses)
    [(_, lb)] = arch.of_kind("load_balancer")
    assert lb.type == "network" and lb.deletion_protection is None and lb.listeners == []
    assert {g.operation for g in arch.coverage} == {
        "describe_load_balancer_attributes",
        "describe_listeners",
    }
