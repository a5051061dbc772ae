"""S3: buckets with encryption, Block Public Access, versioning, TLS-only policy, logging,
replication, object ownership, Object Lock and lifecycle rules. S3 has no list call that returns
these: several reads per bucket are the floor."""

from __future__ import annotations

from typing import Any

from archcode.collectors.aws.draft import Ctx
from archcode.collectors.aws.reader import ABSENT
from archcode.collectors.aws.services.base import ServiceGroup, listing, policy_json
from archcode.model.kinds._shared import acl_public, public_grants

_KIND = ("s3_bucket",)
_PAB_FLAGS = ("BlockPublicAcls", "IgnorePublicAcls", "BlockPublicPolicy", "RestrictPublicBuckets")
_SSE = {"AES256": "sse-s3", "aws:kms": "sse-kms", "aws:kms:dsse": "dsse-kms"}


def _region(ctx: Ctx, bucket: dict[str, Any]) -> str | None:
    if bucket.get("BucketRegion"):
        return str(bucket["BucketRegion"])
    reply = ctx.reader.call("get_bucket_location", kinds=_KIND, Bucket=bucket["Name"])
    if not isinstance(reply, dict):
        return None
    location = reply.get("LocationConstraint")
    return {None: "us-east-1", "": "us-east-1", "EU": "eu-west-1"}.get(location, location)


def _bucket(ctx: Ctx, name: str, region: str) -> dict[str, Any]:
    def read(operation: str, *absent: str) -> Any:
        return ctx.reader.call(operation, kinds=_KIND, absent=absent, region=region, Bucket=name)

    fields: dict[str, Any] = {"name": name, "bucket_name": name, "arn": f"arn:aws:s3:::{name}"}
    enc = read("get_bucket_encryption", "ServerSideEncryptionConfigurationNotFoundError")
    if enc is ABSENT:
        fields["encryption"] = "none"
    elif isinstance(enc, dict):
        rules = (enc.get("ServerSideEncryptionConfiguration") or {}).get("Rules") or [{}]
        default = rules[0].get("ApplyServerSideEncryptionByDefault") or {}
        fields["encryption"] = _SSE.get(default.get("SSEAlgorithm", ""), "none")
        fields["kms_key"] = ctx.ref(default.get("KMSMasterKeyID"), region)

    pab = read("get_public_access_block", "NoSuchPublicAccessBlockConfiguration")
    if pab is ABSENT:
        fields["block_public_access"] = False
    elif isinstance(pab, dict):
        conf = pab.get("PublicAccessBlockConfiguration") or {}
        fields["block_public_access"] = all(conf.get(f) for f in _PAB_FLAGS)

    versioning = read("get_bucket_versioning")
    if isinstance(versioning, dict):
        fields["versioning"] = versioning.get("Status") == "Enabled"
        fields["mfa_delete"] = versioning.get("MFADelete") == "Enabled"

    policy = read("get_bucket_policy", "NoSuchBucketPolicy")
    if policy is ABSENT:
        fields["tls_only"] = False  # no bucket policy at all: nothing denies plain HTTP
    elif isinstance(policy, dict):
        fields["policy"] = policy_json(policy.get("Policy"))  # judged over the model

    logging = read("get_bucket_logging")
    if isinstance(logging, dict):
        fields["access_logging"] = bool(logging.get("LoggingEnabled"))

    replication = read("get_bucket_replication", "ReplicationConfigurationNotFoundError")
    if isinstance(replication, dict):
        rules = (replication.get("ReplicationConfiguration") or {}).get("Rules") or []
        fields["replicates_to"] = ctx.refs(
            (r.get("Destination") or {}).get("Bucket") for r in rules
        )

    owner = read("get_bucket_ownership_controls", "OwnershipControlsNotFoundError")
    if owner is ABSENT:
        fields["acls_disabled"] = False
    elif isinstance(owner, dict):
        rules = (owner.get("OwnershipControls") or {}).get("Rules") or [{}]
        fields["acls_disabled"] = rules[0].get("ObjectOwnership") == "BucketOwnerEnforced"

    acl = read("get_bucket_acl")
    if isinstance(acl, dict):
        grants = public_grants(
            [
                ((g.get("Grantee") or {}).get("URI"), g.get("Permission"))
                for g in acl.get("Grants") or []
            ]
        )
        public_read, public_write = acl_public(grants)
        fields["acl_public_read"] = public_read
        fields["acl_public_write"] = public_write

    lock = read("get_object_lock_configuration", "ObjectLockConfigurationNotFoundError")
    if lock is ABSENT:
        fields["object_lock"] = False
    elif isinstance(lock, dict):
        conf = lock.get("ObjectLockConfiguration") or {}
        fields["object_lock"] = conf.get("ObjectLockEnabled") == "Enabled"

    lifecycle = read("get_bucket_lifecycle_configuration", "NoSuchLifecycleConfiguration")
    if lifecycle is ABSENT:
        fields["lifecycle_rules"] = False
    elif isinstance(lifecycle, dict):
        fields["lifecycle_rules"] = bool(lifecycle.get("Rules"))
    return fields


def collect(ctx: Ctx) -> None:
    for bucket in listing(ctx, "s3_bucket", "Buckets") or []:
        name = bucket["Name"]
        region = _region(ctx, bucket)
        if region is None:  # listed, but where it lives could not be read: kept, facts unknown
            ctx.add(
                "s3_bucket",
                name,
                {"name": name, "bucket_name": name, "arn": f"arn:aws:s3:::{name}"},
            )
            continue
        if ctx.regions and region not in ctx.regions:
            continue
        ctx.add("s3_bucket", name, _bucket(ctx, name, region), region=region)


GROUP = ServiceGroup("s3", ("s3_bucket",), collect, global_service=True)
