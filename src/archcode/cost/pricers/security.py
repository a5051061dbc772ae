"""Pricers for security kinds: KMS, Secrets Manager, WAF, Shield Advanced, Cognito."""

from __future__ import annotations

from archcode.cost.context import PricingContext
from archcode.cost.pricers import pricer
from archcode.cost.report import CostLine
from archcode.model.kinds import security


@pricer("kms_key")
def kms_key(key: security.KmsKey, ctx: PricingContext) -> list[CostLine]:
    lines = []
    if key.manager == "customer":
        lines.append(ctx.line("Customer managed key", 1, service="awskms", usage_type="KMS-Keys"))
    else:
        ctx.note("AWS managed keys have no monthly fee")
    lines.append(
        ctx.line(
            "Symmetric requests",
            ctx.usage.number("monthly_requests"),
            service="awskms",
            usage_type="KMS-Requests",
            uses=["monthly_requests"],
            free="kms_requests",
        )
    )
    return lines


@pricer("secrets_manager_secret")
def secrets_manager_secret(
    secret: security.SecretsManagerSecret, ctx: PricingContext
) -> list[CostLine]:
    copies = 1 + len(secret.replica_regions)
    svc = {"service": "AWSSecretsManager"}
    return [
        ctx.line(
            f"Secret-months ({copies} incl. replicas)",
            copies,
            usage_type="AWSSecretsManager-Secrets",
            **svc,
        ),
        ctx.line(
            "API requests",
            ctx.usage.number("monthly_requests"),
            usage_type="AWSSecretsManager-APIRequest",
            uses=["monthly_requests"],
            **svc,
        ),
    ]


@pricer("waf_web_acl")
def waf_web_acl(acl: security.WafWebAcl, ctx: PricingContext) -> list[CostLine]:
    # Web ACLs for CloudFront are created and billed in us-east-1.
    region = "us-east-1" if acl.scope == "CLOUDFRONT" else None
    svc = {"service": "awswaf"}
    return [
        ctx.line("Web ACL", 1, usage_type="WebACL", region=region, **svc),
        ctx.line(
            f"Rules ({len(acl.rules)})", len(acl.rules), usage_type="Rule", region=region, **svc
        ),
        ctx.line(
            "Requests",
            ctx.usage.number("monthly_requests"),
            usage_type="Request",
            region=region,
            uses=["monthly_requests"],
            **svc,
        ),
    ]


@pricer("shield_protection")
def shield_protection(protection: security.ShieldProtection, ctx: PricingContext) -> list[CostLine]:
    if not protection.advanced:
        ctx.note("Shield Standard is free")
        return []
    ctx.note("Shield Advanced is one subscription per organization, whatever it protects")
    return [
        ctx.line(
            "Shield Advanced subscription",
            1,
            service="AWSShield",
            usage_type="ShieldAdvanced-Subscription",
            region="global",
        )
    ]


@pricer("cognito_user_pool")
def cognito_user_pool(pool: security.CognitoUserPool, ctx: PricingContext) -> list[CostLine]:
    mau = (
        pool.monthly_active_users
        if pool.monthly_active_users is not None
        else ctx.usage.number("users")
    )
    uses = [] if pool.monthly_active_users is not None else ["users"]
    return [
        ctx.line(
            "Monthly active users (Essentials)",
            mau,
            service="AmazonCognito",
            usage_type="CognitoUserPool-MAU-Essentials",
            uses=uses,
            free="cognito_mau",
        )
    ]
