"""The S3 bucket kind (s3_bucket)."""

# Annotations are evaluated as the class is made, not kept as strings (no `from __future__
# import annotations`): pydantic would parse and evaluate each string again (issue 17).

from typing import Annotated, Literal

from pydantic import Field

from archcode.model.base import Resource, StrList, ref
from archcode.model.iam import PolicyDocument
from archcode.model.kinds._shared import KmsRef


class S3Bucket(Resource):
    kind: Literal["s3_bucket"] = "s3_bucket"
    bucket_name: str | None = None
    encryption: Literal["none", "sse-s3", "sse-kms", "dsse-kms"] | None = None
    kms_key: KmsRef = None
    block_public_access: bool | None = Field(
        default=None, description="All four bucket-level Block Public Access settings are on."
    )
    tls_only: bool | None = Field(
        default=None,
        description="The bucket policy denies requests without aws:SecureTransport; used only "
        "when `policy` is not given (the policy decides when it is).",
    )
    versioning: bool | None = None
    mfa_delete: bool | None = None
    object_lock: bool | None = None
    access_logging: bool | None = None
    lifecycle_rules: bool | None = None
    acls_disabled: bool | None = Field(
        default=None, description="Object ownership BucketOwnerEnforced."
    )
    acl_public_read: bool | None = Field(
        default=None,
        description="The bucket ACL grants READ or FULL_CONTROL to AllUsers or "
        "AuthenticatedUsers (a bucket with ACLs disabled grants nothing).",
    )
    acl_public_write: bool | None = Field(
        default=None,
        description="The bucket ACL grants WRITE or FULL_CONTROL to AllUsers or "
        "AuthenticatedUsers.",
    )
    website_hosting: bool | None = None
    replicates_to: Annotated[StrList, ref("replicates_to", "s3_bucket")] = Field(
        default_factory=list
    )
    policy: PolicyDocument | None = None
