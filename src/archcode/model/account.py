"""Settings of an AWS account (and region) that no resource carries: what account-level
controls (EC2.7, S3.1, IAM.4/6/7/9, SSM.6/7, EMR.2, and EC2.1 through the snapshot setting)
judge. Every field None means not known: live discovery reads them; a template cannot say
them (a plan says those it manages), so a user states them as assumptions."""

# Annotations are evaluated as the class is made, not kept as strings (no `from __future__
# import annotations`): pydantic would parse and evaluate each string again (issue 17).

from typing import Literal

from pydantic import Field

from archcode.model.base import Strict


class S3AccountPublicAccessBlock(Strict):
    """The account-wide S3 Block Public Access settings (s3control GetPublicAccessBlock)."""

    block_public_acls: bool | None = None
    ignore_public_acls: bool | None = None
    block_public_policy: bool | None = None
    restrict_public_buckets: bool | None = None


class PasswordPolicy(Strict):
    """The IAM account password policy (iam GetAccountPasswordPolicy)."""

    minimum_length: int | None = Field(default=None, ge=0)
    require_uppercase: bool | None = None
    require_lowercase: bool | None = None
    require_symbols: bool | None = None
    require_numbers: bool | None = None
    max_age_days: int | None = Field(default=None, ge=0)
    reuse_prevention: int | None = Field(default=None, ge=0)


class PortRange(Strict):
    """An inclusive range of ports (one port: ``to_port`` unset)."""

    from_port: int = Field(ge=0, le=65535)
    to_port: int | None = Field(default=None, ge=0, le=65535)


class EmrBlockPublicAccess(Strict):
    """The regional EMR block public access configuration (emr
    GetBlockPublicAccessConfiguration): clusters may not start with security group rules open
    to 0.0.0.0/0 or ::/0, except on the permitted ports."""

    enabled: bool | None = Field(default=None, description="BlockPublicSecurityGroupRules is on.")
    permitted_ports: list[PortRange] | None = Field(
        default=None,
        description="Ports that may still be open to the world (AWS's default: 22); None: "
        "not known.",
    )


SnapshotBlock = Literal["block-all-sharing", "block-new-sharing", "unblocked"]


class AccountSettings(Strict):
    """Settings of one account; regional settings hold for ``region`` (None: every region
    of the model, or an account-wide setting)."""

    account: str | None = Field(default=None, description="Account id; None: the model's.")
    region: str | None = Field(
        default=None, description="Region of the regional settings (EBS default encryption)."
    )
    ebs_encryption_by_default: bool | None = Field(
        default=None, description="New EBS volumes are encrypted by default (regional)."
    )
    s3_public_access_block: S3AccountPublicAccessBlock | None = Field(
        default=None, description="Account-wide S3 Block Public Access."
    )
    password_policy: PasswordPolicy | None = Field(
        default=None, description="The IAM password policy; see has_password_policy."
    )
    has_password_policy: bool | None = Field(
        default=None, description="False: the account has no IAM password policy at all."
    )
    root_mfa: bool | None = Field(default=None, description="The root user has MFA.")
    root_hardware_mfa: bool | None = Field(
        default=None, description="The root user's MFA is a hardware device (not virtual)."
    )
    root_access_keys: bool | None = Field(
        default=None, description="The root user has at least one access key."
    )
    ebs_snapshot_block_public_access: SnapshotBlock | None = Field(
        default=None,
        description="EBS snapshot block public access (regional): block-all-sharing keeps "
        "even snapshots shared with 'all' private; block-new-sharing only refuses new public "
        "shares.",
    )
    ssm_documents_block_public_sharing: bool | None = Field(
        default=None,
        description="SSM documents cannot be shared publicly (regional service setting "
        "/ssm/documents/console/public-sharing-permission is Disable).",
    )
    ssm_automation_cloudwatch_logging: bool | None = Field(
        default=None,
        description="SSM Automation sends its script output to CloudWatch Logs (regional "
        "service setting /ssm/automation/customer-script-log-destination is CloudWatch).",
    )
    emr_block_public_access: EmrBlockPublicAccess | None = Field(
        default=None, description="EMR block public access (regional)."
    )
