"""The least-privilege read-only IAM policy discovery needs, built from the registry."""

from __future__ import annotations

import json
from collections.abc import Iterable

from archcode.collectors.aws.services import GROUPS, ServiceGroup, account
from archcode.model.registry import BY_KIND

# Which regions are enabled: asked once per account, whatever the services.
ALWAYS = ("ec2:DescribeRegions",)
# Reads a group makes outside its own service: DynamoDB asks KMS who manages a table's key.
EXTRA = {
    "dynamodb": ("kms:DescribeKey",),
    account.GROUP.name: account.ACTIONS,
    account.REGIONAL.name: account.REGIONAL_ACTIONS,
}


def actions(groups: Iterable[ServiceGroup] = GROUPS) -> list[str]:
    """Every IAM action the chosen service groups need, sorted and without duplicates."""
    found: set[str] = set(ALWAYS)
    for group in groups:
        for kind in group.kinds:
            found.update(BY_KIND[kind].iam_actions)
        found.update(EXTRA.get(group.name, ()))
    return sorted(found)


def policy_document(groups: Iterable[ServiceGroup] = GROUPS) -> str:
    document = {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Sid": "ArchcodeDiscoverReadOnly",
                "Effect": "Allow",
                "Action": actions(groups),
                "Resource": "*",
            }
        ],
    }
    return json.dumps(document, indent=2) + "\n"
