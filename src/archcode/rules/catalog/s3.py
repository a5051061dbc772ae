"""S3 buckets: public access, TLS-only access, versioning."""

from __future__ import annotations

from typing import TYPE_CHECKING

from archcode.model.account import S3AccountPublicAccessBlock
from archcode.rules.analysis import iam
from archcode.rules.analysis.resource_policy import public_statement, requires_tls
from archcode.rules.base import (
    Category,
    Frameworks,
    Outcome,
    Remediation,
    Severity,
    Verdict,
    expect,
    failed,
    passed,
)
from archcode.rules.context import Context
from archcode.rules.registry import resource_rule

if TYPE_CHECKING:
    from archcode.model.kinds.s3_bucket import S3Bucket


@resource_rule(
    id="s3-bucket-block-public-access",
    title="S3 buckets have all Block Public Access settings enabled",
    severity=Severity.HIGH,
    category=Category.NETWORK_EXPOSURE,
    kinds=("s3_bucket",),
    # Not S3.1: that control fails on the account-level setting, which this rule does not read
    # (a bucket without its own settings fails here even when the account blocks public access).
    frameworks=Frameworks(security_hub=("S3.8",), cis=("2.1.4",), well_architected=("SEC03-BP07",)),
    rationale="Block Public Access overrides any bucket policy or ACL that would make objects "
    "public: one mistaken grant cannot leak the bucket. Judged per bucket (Security Hub S3.8); "
    "the account-wide setting (S3.1) is a different control.",
    remediation=Remediation(
        text="Turn on all four Block Public Access settings; serve public content through "
        "CloudFront with origin access control instead.",
        yaml="block_public_access: true",
        cloudformation="PublicAccessBlockConfiguration:\n  BlockPublicAcls: true\n"
        "  BlockPublicPolicy: true\n  IgnorePublicAcls: true\n  RestrictPublicBuckets: true",
        terraform=(
            'resource "aws_s3_bucket_public_access_block" "bucket" {\n'
            "  bucket                  = aws_s3_bucket.bucket.id\n"
            "  block_public_acls       = true\n"
            "  block_public_policy     = true\n"
            "  ignore_public_acls      = true\n"
            "  restrict_public_buckets = true\n"
            "}"
        ),
    ),
    per_account=True,
)
def s3_bucket_block_public_access(bucket: S3Bucket, ctx: Context) -> Verdict:
    return expect(
        bucket.block_public_access,
        "block_public_access",
        "Block Public Access is not fully enabled",
    )


@resource_rule(
    id="s3-bucket-tls-only",
    title="S3 bucket policies deny requests that do not use TLS",
    severity=Severity.MEDIUM,
    category=Category.ENCRYPTION,
    kinds=("s3_bucket",),
    frameworks=Frameworks(security_hub=("S3.5",), cis=("2.1.1",), well_architected=("SEC09-BP02",)),
    rationale="S3 answers plain HTTP too: only a policy denying aws:SecureTransport = false "
    "guarantees every request to the bucket is encrypted in transit.",
    remediation=Remediation(
        text="Add a bucket policy statement denying s3:* when aws:SecureTransport is false.",
        yaml="tls_only: true",
        cloudformation="Type: AWS::S3::BucketPolicy\nProperties:\n  Bucket: !Ref Bucket\n"
        "  PolicyDocument:\n    Statement:\n      - Effect: Deny\n        Principal: '*'\n"
        "        Action: 's3:*'\n        Resource: [!GetAtt Bucket.Arn, !Sub '${Bucket.Arn}/*']\n"
        "        Condition: {Bool: {'aws:SecureTransport': 'false'}}",
        terraform=(
            'data "aws_iam_policy_document" "tls_only" {\n'
            "  statement {\n"
            '    effect    = "Deny"\n'
            '    actions   = ["s3:*"]\n'
            '    resources = [aws_s3_bucket.bucket.arn, "${aws_s3_bucket.bucket.arn}/*"]\n'
            "    principals {\n"
            '      type        = "*"\n'
            '      identifiers = ["*"]\n'
            "    }\n"
            "    condition {\n"
            '      test     = "Bool"\n'
            '      variable = "aws:SecureTransport"\n'
            '      values   = ["false"]\n'
            "    }\n"
            "  }\n"
            "}"
        ),
    ),
    per_account=True,
)
def s3_bucket_tls_only(bucket: S3Bucket, ctx: Context) -> Verdict:
    return expect(requires_tls(bucket), "tls_only", "the bucket policy does not require TLS")


@resource_rule(
    id="s3-bucket-versioning",
    title="S3 buckets have versioning enabled",
    severity=Severity.LOW,
    category=Category.BACKUP,
    kinds=("s3_bucket",),
    frameworks=Frameworks(security_hub=("S3.14",), well_architected=("REL09-BP01",)),
    rationale="Versioning keeps overwritten and deleted objects recoverable, against both "
    "mistakes and ransomware that rewrites objects.",
    remediation=Remediation(
        text="Enable versioning (and a lifecycle rule expiring old versions).",
        yaml="versioning: true",
        cloudformation="VersioningConfiguration:\n  Status: Enabled",
        terraform=(
            'resource "aws_s3_bucket_versioning" "bucket" {\n'
            "  bucket = aws_s3_bucket.bucket.id\n"
            "  versioning_configuration {\n"
            '    status = "Enabled"\n'
            "  }\n"
            "}"
        ),
    ),
    per_account=True,
)
def s3_bucket_versioning(bucket: S3Bucket, ctx: Context) -> Verdict:
    return expect(bucket.versioning, "versioning", "versioning is off")


# What S3.2 and S3.3 call public read and public write: the actions of a public policy
# statement, and the ACL permissions granted to AllUsers or AuthenticatedUsers.
_READ_ACTIONS = ("s3:GetObject", "s3:ListBucket")
_WRITE_ACTIONS = ("s3:PutObject", "s3:DeleteObject")


def _account_block(bucket: S3Bucket, ctx: Context) -> S3AccountPublicAccessBlock:
    """The account-wide S3 Block Public Access flags stated for the bucket's account."""
    merged: dict[str, bool | None] = {}
    for settings in ctx.arch.settings_of(bucket.account or ctx.arch.account):
        if settings.s3_public_access_block is not None:
            merged.update(
                {k: v for k, v in settings.s3_public_access_block.model_dump().items() if v}
            )
    return S3AccountPublicAccessBlock.model_validate(merged)


def _public_access(
    bucket: S3Bucket, ctx: Context, actions: tuple[str, ...], acl_public: bool | None, field: str
) -> Verdict:
    """Public read or write in effect: Block Public Access (bucket or account) first, then
    the bucket policy's public statements and the ACL's public grants, as S3.2/S3.3 judge."""
    account = _account_block(bucket, ctx)
    if bucket.block_public_access or (
        account.restrict_public_buckets and account.ignore_public_acls
    ):
        return passed("Block Public Access stops public policies and ACLs")
    found = []
    if bucket.policy is not None and not account.restrict_public_buckets:
        found += [
            s.sid or f"statement {i + 1}"
            for i, s in enumerate(bucket.policy.statement)
            if public_statement(s) and any(iam.covers_action(s, a) for a in actions)
        ]
    acl_off = bucket.acls_disabled or account.ignore_public_acls
    acl = False if acl_off else acl_public
    if acl:
        found.append("its ACL (AllUsers or AuthenticatedUsers)")
    if found:
        return failed(f"public by {', '.join(found)}")
    if acl is None:
        return Verdict(
            Outcome.UNKNOWN,
            f"{field} is not known (and neither Block Public Access nor disabled ACLs "
            "rule the ACL out)",
        )
    return passed()


_PUBLIC_REMEDIATION = Remediation(
    text="Turn on Block Public Access (bucket or account); remove Principal '*' statements "
    "and AllUsers/AuthenticatedUsers ACL grants, or disable ACLs (BucketOwnerEnforced). "
    "Serve public content through CloudFront with origin access control.",
    yaml="block_public_access: true\nacls_disabled: true\nacl_public_read: false\n"
    "acl_public_write: false",
    cloudformation="PublicAccessBlockConfiguration:\n  BlockPublicAcls: true\n"
    "  BlockPublicPolicy: true\n  IgnorePublicAcls: true\n  RestrictPublicBuckets: true\n"
    "OwnershipControls:\n  Rules:\n    - ObjectOwnership: BucketOwnerEnforced",
    terraform='resource "aws_s3_bucket_ownership_controls" "bucket" {\n'
    "  bucket = aws_s3_bucket.bucket.id\n\n  rule {\n"
    '    object_ownership = "BucketOwnerEnforced"\n  }\n}',
)


@resource_rule(
    id="s3-bucket-no-public-read",
    title="S3 buckets do not allow public read access",
    severity=Severity.CRITICAL,
    category=Category.NETWORK_EXPOSURE,
    kinds=("s3_bucket",),
    frameworks=Frameworks(security_hub=("S3.2",), well_architected=("SEC03-BP07",)),
    rationale="Like Security Hub S3.2: Block Public Access (the bucket's, or the account's "
    "IgnorePublicAcls and RestrictPublicBuckets) passes; otherwise a public bucket policy "
    "statement allowing s3:GetObject or s3:ListBucket, or an ACL granting READ or "
    "FULL_CONTROL to AllUsers or AuthenticatedUsers, fails.",
    remediation=_PUBLIC_REMEDIATION,
)
def s3_bucket_no_public_read(bucket: S3Bucket, ctx: Context) -> Verdict:
    return _public_access(bucket, ctx, _READ_ACTIONS, bucket.acl_public_read, "acl_public_read")


@resource_rule(
    id="s3-bucket-no-public-write",
    title="S3 buckets do not allow public write access",
    severity=Severity.CRITICAL,
    category=Category.NETWORK_EXPOSURE,
    kinds=("s3_bucket",),
    frameworks=Frameworks(security_hub=("S3.3",), well_architected=("SEC03-BP07",)),
    rationale="Like Security Hub S3.3: Block Public Access (the bucket's, or the account's "
    "IgnorePublicAcls and RestrictPublicBuckets) passes; otherwise a public bucket policy "
    "statement allowing s3:PutObject or s3:DeleteObject, or an ACL granting WRITE or "
    "FULL_CONTROL to AllUsers or AuthenticatedUsers, fails.",
    remediation=_PUBLIC_REMEDIATION,
)
def s3_bucket_no_public_write(bucket: S3Bucket, ctx: Context) -> Verdict:
    return _public_access(bucket, ctx, _WRITE_ACTIONS, bucket.acl_public_write, "acl_public_write")
