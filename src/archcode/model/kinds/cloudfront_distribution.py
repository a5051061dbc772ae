"""The CloudFront distribution kind (cloudfront_distribution)."""

# Annotations are evaluated as the class is made, not kept as strings (no `from __future__
# import annotations`): pydantic would parse and evaluate each string again (issue 17).

from typing import Annotated, Literal

from pydantic import Field

from archcode.model.base import Resource, Strict, StrList, ref


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
