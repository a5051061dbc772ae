"""CloudFront distributions: HTTPS to viewers, and a WAF web ACL."""

from __future__ import annotations

from typing import TYPE_CHECKING

from archcode.rules.base import (
    Category,
    Frameworks,
    Remediation,
    Severity,
    Verdict,
    failed,
    passed,
    unknown,
)
from archcode.rules.context import Context
from archcode.rules.registry import resource_rule

if TYPE_CHECKING:
    from archcode.model.kinds.cloudfront_distribution import CloudFrontDistribution


@resource_rule(
    id="cloudfront-distribution-viewer-https",
    title="CloudFront distributions require HTTPS from viewers",
    severity=Severity.MEDIUM,
    category=Category.ENCRYPTION,
    kinds=("cloudfront_distribution",),
    frameworks=Frameworks(security_hub=("CloudFront.3",), well_architected=("SEC09-BP02",)),
    rationale="With allow-all, browsers can fetch pages and cookies over plain HTTP, open to "
    "interception and tampering on the way.",
    remediation=Remediation(
        text="Set the viewer protocol policy to redirect-to-https or https-only.",
        yaml="viewer_protocol_policy: redirect-to-https",
        cloudformation="DefaultCacheBehavior:\n  ViewerProtocolPolicy: redirect-to-https",
        terraform=('default_cache_behavior {\n  viewer_protocol_policy = "redirect-to-https"\n}'),
    ),
    per_account=True,
)
def cloudfront_viewer_https(cdn: CloudFrontDistribution, ctx: Context) -> Verdict:
    if cdn.viewer_protocol_policy is None:
        return unknown("viewer_protocol_policy")
    if cdn.viewer_protocol_policy == "allow-all":
        return failed("viewer protocol policy allow-all accepts plain HTTP")
    return passed(cdn.viewer_protocol_policy)


@resource_rule(
    id="cloudfront-distribution-waf",
    title="CloudFront distributions are associated with a WAF web ACL",
    severity=Severity.MEDIUM,
    category=Category.NETWORK_EXPOSURE,
    kinds=("cloudfront_distribution",),
    frameworks=Frameworks(security_hub=("CloudFront.6",), well_architected=("SEC05-BP03",)),
    relies_on=("waf_web_acl",),
    rationale="A web ACL at the edge filters injection, bad bots and floods before they reach "
    "the origin or run up its bill.",
    remediation=Remediation(
        text="Associate a WAF web ACL (scope CLOUDFRONT) with the distribution.",
        yaml="web_acl: edge-acl",
        cloudformation="DistributionConfig:\n  WebACLId: !GetAtt EdgeAcl.Arn",
        terraform='web_acl_id = aws_wafv2_web_acl.edge.arn # scope = "CLOUDFRONT"',
    ),
    per_account=True,
)
def cloudfront_waf(cdn: CloudFrontDistribution, ctx: Context) -> Verdict:
    # No web_acl means none is associated (the AWS default), not an unknown fact.
    return passed(f"web ACL {cdn.web_acl}") if cdn.web_acl else failed("no WAF web ACL")
