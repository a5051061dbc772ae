"""The EC2 launch template kind (launch_template)."""

# Annotations are evaluated as the class is made, not kept as strings (no `from __future__
# import annotations`): pydantic would parse and evaluate each string again (issue 17).

from typing import Literal

from pydantic import Field

from archcode.model.base import Resource
from archcode.model.kinds._shared import EbsEncryption


class LaunchTemplate(Resource):
    """An EC2 launch template, as its default version says (what Security Hub judges; an Auto
    Scaling group's own facts say what the version it launches does)."""

    kind: Literal["launch_template"] = "launch_template"
    instance_type: str | None = None
    imdsv2_required: bool | None = Field(
        default=None,
        description="MetadataOptions HttpTokens is required; not stated: unknown (the AMI or "
        "the account's IMDS default decides).",
    )
    public_ip: bool | None = Field(
        default=None,
        description="A network interface asks for a public IPv4 address "
        "(AssociatePublicIpAddress).",
    )
    ebs_encryption: EbsEncryption | None = Field(
        default=None,
        description="The EBS volumes of its block device mappings: every one states "
        "Encrypted true (encrypted), one states false (unencrypted), one leaves it unstated "
        "(the snapshot or the account's default decides), or it maps none (no_volumes).",
    )
