"""S3 buckets: public access, TLS-only access, versioning."""

from __future__ import annotations

from archcode.model.kinds.data import S3Bucket
from archcode.rules.analysis.resource_policy import requires_tls
from archcode.rules.base import Category, Frameworks, Remediation, Severity, Verdict, expect
from archcode.rules.context import Context
from archcode.rules.registry import resource_rule


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
            "resource \"aws_s3_bucket_public_access_block\" \"bucket\" {\n"
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
            "data \"aws_iam_policy_document\" \"tls_only\" {\n"
            "  statement {\n"
            "    effect    = \"Deny\"\n"
            "    actions   = [\"s3:*\"]\n"
            "    resources = [aws_s3_bucket.bucket.arn, \"${aws_s3_bucket.bucket.arn}/*\"]\n"
            "    principals {\n"
            "      type        = \"*\"\n"
            "      identifiers = [\"*\"]\n"
            "    }\n"
            "    condition {\n"
            "      test     = \"Bool\"\n"
            "      variable = \"aws:SecureTransport\"\n"
            "      values   = [\"false\"]\n"
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
            "resource \"aws_s3_bucket_versioning\" \"bucket\" {\n"
            "  bucket = aws_s3_bucket.bucket.id\n"
            "  versioning_configuration {\n"
            "    status = \"Enabled\"\n"
            "  }\n"
            "}"
        ),
    ),
    per_account=True,
)
def s3_bucket_versioning(bucket: S3Bucket, ctx: Context) -> Verdict:
    return expect(bucket.versioning, "versioning", "versioning is off")
