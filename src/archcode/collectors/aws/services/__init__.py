"""One collector per service group; each reads the kinds the registry gives it an API for."""

from __future__ import annotations

from archcode.collectors.aws.services import (
    account,
    alarms,
    apigateway,
    backup,
    cloudfront,
    cloudtrail,
    containers,
    datastores,
    delivery,
    dynamodb,
    ec2,
    edge,
    elbv2,
    iam,
    identity,
    kms,
    lambda_,
    logs,
    messaging,
    rds,
    s3,
    secretsmanager,
    workflows,
)
from archcode.collectors.aws.services.base import ServiceGroup

# In the order discovery starts them: the slow per-item services first.
GROUPS: tuple[ServiceGroup, ...] = (
    s3.GROUP,
    iam.GROUP,
    ec2.GROUP,
    rds.GROUP,
    lambda_.GROUP,
    dynamodb.GROUP,
    kms.GROUP,
    secretsmanager.GROUP,
    cloudtrail.GROUP,
    logs.GROUP,
    elbv2.GROUP,
    apigateway.GROUP,
    cloudfront.GROUP,
    messaging.GROUP,
    *containers.GROUPS,
    *datastores.GROUPS,
    *edge.GROUPS,
    *workflows.GROUPS,
    backup.GROUP,
    alarms.GROUP,
    *delivery.GROUPS,
    *identity.GROUPS,
    *account.GROUPS,
)
BY_NAME = {g.name: g for g in GROUPS}

__all__ = ["BY_NAME", "GROUPS", "ServiceGroup", "account"]
