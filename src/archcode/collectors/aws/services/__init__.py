"""One collector per service group; each reads the kinds the registry gives it an API for."""

from __future__ import annotations

from archcode.collectors.aws.services import (
    apigateway,
    cloudfront,
    cloudtrail,
    dynamodb,
    ec2,
    elbv2,
    iam,
    kms,
    lambda_,
    logs,
    messaging,
    rds,
    s3,
    secretsmanager,
)
from archcode.collectors.aws.services.base import ServiceGroup

# In the order discovery starts them: the slow per-item services first.
GROUPS: tuple[ServiceGroup, ...] = tuple(
    m.GROUP
    for m in (
        s3,
        iam,
        ec2,
        rds,
        lambda_,
        dynamodb,
        kms,
        secretsmanager,
        cloudtrail,
        logs,
        elbv2,
        apigateway,
        cloudfront,
        messaging,
    )
)
BY_NAME = {g.name: g for g in GROUPS}

__all__ = ["BY_NAME", "GROUPS", "ServiceGroup"]
