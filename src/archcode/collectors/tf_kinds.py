"""Terraform AWS provider (v4/v5) resource attributes into the model's fields, one per type.

An attribute missing from the plan is unknown (Terraform learns it at apply time). AWS's
defaults for a new resource are applied only where the plan creates the resource and the
configuration does not set the argument (a bucket with no public access block resource blocks
public access since 2023). References come from the configuration's expressions first, then
from known values (an existing key's ARN).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from archcode.collectors import lambda_permission
from archcode.collectors.beanstalk import beanstalk_fields
from archcode.collectors.iac_draft import (
    ABSENT,
    NOT_KNOWN,
    dig,
    to_bool,
    to_float,
    to_int,
    to_known_str_list,
    to_str,
    to_str_list,
)
from archcode.model.kinds._shared import (
    DYNAMODB_SCALED_DIMENSIONS,
    AclPermission,
    ReadWrite,
    RouteTarget,
    acl_public,
    advanced_selector,
    canned_acl_grants,
    ebs_encryption,
    management_read_write,
    public_grants,
    read_write,
    weakest_viewer_policy,
)
from archcode.model.origins import lambda_url_domain
from archcode.model.refs import is_outside
from archcode.model.routing import TARGET_KEYS, key_name, target_of

if TYPE_CHECKING:
    from archcode.collectors.terraform import TfResource, _Index

Fields = dict[str, Any]
KMS = ("kms_key",)
ROLE = ("iam_role",)
SUBNET = ("subnet",)
SG = ("security_group",)


class TfProps:
    """One planned resource's values, its configuration expressions and the plan's index."""

    def __init__(self, res: TfResource, index: _Index) -> None:
        self.res = res
        self.index = index

    @property
    def creating(self) -> bool:
        """The plan creates the resource, so AWS's defaults for new resources apply."""
        return self.res.address in self.index.created

    def get(self, *path: str | int) -> Any:
        """The planned value at ``path``, ABSENT when the plan leaves it out (unknown)."""
        return dig(self.res.values, *path)

    def b(self, *path: str | int) -> bool | None:
        value = self.get(*path)
        return None if value is ABSENT or value is None else to_bool(value)

    def i(self, *path: str | int) -> int | None:
        value = self.get(*path)
        return None if value is ABSENT or value is None else to_int(value)

    def s(self, *path: str | int) -> str | None:
        value = self.get(*path)
        return None if value is ABSENT or value is None else to_str(value)

    def configured(self, key: str) -> bool:
        return key in self.res.expressions

    def ref(self, *path: str | int, kinds: tuple[str, ...] = ()) -> str | None:
        found = self.refs(*path, kinds=kinds)
        return found[0] if found else None

    def refs(self, *path: str | int, kinds: tuple[str, ...] = ()) -> list[str]:
        """Model ids the argument at ``path`` references (configuration, then known values)."""
        return refs_of(self.index, self.res, self.res.expressions, self.res.values, path, kinds)

    def attached(self, tf_type: str, key: str) -> list[TfResource]:
        return self.index.attached(tf_type, self.res, key)

    def policy(self, *path: str | int) -> Any:
        return _policy(self.get(*path))


def refs_of(
    index: _Index,
    res: TfResource,
    expressions: Any,
    values: Any,
    path: tuple[str | int, ...],
    kinds: tuple[str, ...],
) -> list[str]:
    expression = _expression_at(expressions, path)
    found: list[str] = []
    targets = index.references(expression, res)
    in_model = any(t.address in index.model_ids for t in targets)
    for target in targets:
        rid = index.model_ids.get(target.address)
        if rid and (not kinds or index.kind_of(target.address) in kinds) and rid not in found:
            found.append(rid)
    if found:
        return found
    value = dig(values, *path)
    for item in value if isinstance(value, list) else [value]:
        address = index.by_value.get(item) if isinstance(item, str) else None
        rid = index.model_ids.get(address) if address else None
        if rid and (not kinds or index.kind_of(str(address)) in kinds) and rid not in found:
            found.append(rid)
        elif _outside(item, address, in_model) and item not in found:
            found.append(item)
    if not found and not in_model and value is ABSENT:
        # Set by the configuration to what is known only after apply (a module's output, a
        # data source): it is set, to something outside the plan.
        given = index.first_reference(expression)
        marker = f"${{{_BRACKETS.sub('', given)}}}" if given else ""
        if is_outside(marker):
            found.append(marker)
    return found


_BRACKETS = re.compile(r"\[[^\]]*\]")


def _outside(item: Any, address: str | None, in_model: bool) -> bool:
    """A known value that names nothing in the plan: a key in another account, a web ACL
    that Firewall Manager owns, a subnet id from a variable or a data source."""
    return not in_model and address is None and isinstance(item, str) and is_outside(item)


def _expression_at(expressions: Any, path: tuple[str | int, ...]) -> Any:
    """Configuration expressions follow the value path; blocks are lists of objects there too."""
    value = expressions
    for key in path:
        if isinstance(key, int):
            if isinstance(value, list):
                value = value[key] if key < len(value) else None
            # a single block may be written as an object
        elif isinstance(value, dict):
            value = value.get(key)
        else:
            return None
    return value


def _known_list(value: Any) -> Any:
    """A list attribute: left out of the plan is known only after apply, null is none."""
    return NOT_KNOWN if value is ABSENT else to_known_str_list(value)


def _policy(value: Any) -> Any:
    if isinstance(value, str) and value.strip():
        try:
            return json.loads(value)
        except json.JSONDecodeError:
            return None
    return value if isinstance(value, dict) else None


def _b_or_unset(p: TfProps, key: str, aws_default: bool) -> bool | None:
    """A boolean argument; null in the plan (older providers write no default) is unset, so
    AWS's default holds for a resource the plan creates. Left out (known after apply): unknown."""
    return _default(p, aws_default) if p.get(key) is None else p.b(key)


def _default(p: TfProps, value: Any) -> Any:
    """An AWS default that holds for a resource the plan creates; unknown otherwise."""
    return value if p.creating else None


def _or_default(p: TfProps, value: Any, default: Any) -> Any:
    """A value the plan states, else the AWS default for a resource the plan creates."""
    return value if value is not None else _default(p, default)


def _sub(p: TfProps, res: TfResource) -> TfProps:
    return TfProps(res, p.index)


# --- storage --------------------------------------------------------------------------------
_S3_ALGORITHMS = {"AES256": "sse-s3", "aws:kms": "sse-kms", "aws:kms:dsse": "dsse-kms"}


def _acl_grants(acl: TfProps) -> list[AclPermission] | None:
    """aws_s3_bucket_acl: a canned `acl`, or access_control_policy grants."""
    canned = acl.s("acl")
    if canned:
        return canned_acl_grants(canned)
    grants = acl.get("access_control_policy", 0, "grant")
    if not isinstance(grants, list):
        return None
    return public_grants(
        [(to_str(dig(g, "grantee", 0, "uri")), to_str(dig(g, "permission"))) for g in grants]
    )


def _inline_acl_grants(p: TfProps) -> list[AclPermission] | None:
    """The AWS provider v3 inline `acl` and `grant` arguments; neither: the private ACL."""
    canned = p.s("acl")
    if canned:
        return canned_acl_grants(canned)
    grants = p.get("grant")
    if isinstance(grants, list) and grants:
        return public_grants(
            [
                (to_str(dig(g, "uri")), str(permission))
                for g in grants
                for permission in to_str_list(dig(g, "permissions"))
            ]
        )
    return [] if p.creating else None  # a new bucket's ACL is private


def s3_bucket(p: TfProps) -> Fields:
    sse = p.attached("aws_s3_bucket_server_side_encryption_configuration", "bucket")
    inline_sse = p.get("server_side_encryption_configuration")
    path: tuple[str | int, ...] = ("rule", 0, "apply_server_side_encryption_by_default", 0)
    if sse:
        q = _sub(p, sse[0])
        encryption = _S3_ALGORITHMS.get(str(q.s(*path, "sse_algorithm")))
        key = q.ref(*path, "kms_master_key_id", kinds=KMS)
    elif isinstance(inline_sse, list) and inline_sse:
        encryption = _S3_ALGORITHMS.get(str(to_str(dig(inline_sse, 0, *path, "sse_algorithm"))))
        key = p.ref("server_side_encryption_configuration", 0, *path, "kms_master_key_id")
    else:
        encryption, key = "sse-s3", None  # every bucket is encrypted since January 2023
    block = p.attached("aws_s3_bucket_public_access_block", "bucket")
    if block:
        q = _sub(p, block[0])
        flags = [
            q.b(k)
            for k in (
                "block_public_acls",
                "block_public_policy",
                "ignore_public_acls",
                "restrict_public_buckets",
            )
        ]
        block_all: bool | None = None if None in flags else all(flags)
    elif _canned_acl(p) in _PUBLIC_ACLS:
        block_all = False  # a public ACL takes effect only with Block Public Access off
    else:
        block_all = _default(p, True)  # new buckets block public access since April 2023
    versioning = p.attached("aws_s3_bucket_versioning", "bucket")
    if versioning:
        q = _sub(p, versioning[0])
        status = q.s("versioning_configuration", 0, "status")
        mfa = q.s("versioning_configuration", 0, "mfa_delete")
        versioned = None if status is None else status == "Enabled"
        mfa_delete = (
            None
            if mfa is None and q.get("versioning_configuration") is ABSENT
            else (mfa == "Enabled")
        )
    elif _inline(p, "versioning"):  # the AWS provider v3 inline block
        versioned = p.b("versioning", 0, "enabled")
        mfa_delete = p.b("versioning", 0, "mfa_delete")
    else:
        versioned, mfa_delete = _default(p, False), _default(p, False)
    # The policy document is stored and judged over the model (tls_only is then decided from
    # it); no bucket policy at all is recorded as tls_only False.
    policies = p.attached("aws_s3_bucket_policy", "bucket")
    if policies:
        document, tls_only = _sub(p, policies[0]).policy("policy"), None
    elif p.get("policy") not in (ABSENT, None, "") or p.configured("policy"):
        document, tls_only = p.policy("policy"), None  # the AWS provider v3 inline argument
    else:
        document, tls_only = None, _default(p, False)
    ownership = p.attached("aws_s3_bucket_ownership_controls", "bucket")
    if ownership:
        owner = _sub(p, ownership[0]).s("rule", 0, "object_ownership")
        acls_disabled = None if owner is None else owner == "BucketOwnerEnforced"
    elif _canned_acl(p) not in (None, "private"):
        acls_disabled = False  # an ACL other than private needs ACLs enabled
    else:
        acls_disabled = _default(p, True)
    replication = p.attached("aws_s3_bucket_replication_configuration", "bucket")
    acls = p.attached("aws_s3_bucket_acl", "bucket")
    acl = acl_public(_acl_grants(_sub(p, acls[0])) if acls else _inline_acl_grants(p))
    replicates: list[str] = []
    for rep in replication:
        q = _sub(p, rep)
        for index, _rule in enumerate(q.get("rule") if isinstance(q.get("rule"), list) else []):
            replicates += q.refs("rule", index, "destination", 0, "bucket", kinds=("s3_bucket",))
    lock = p.b("object_lock_enabled")
    if lock is None and not p.configured("object_lock_enabled"):
        lock = bool(p.attached("aws_s3_bucket_object_lock_configuration", "bucket")) or _default(
            p, False
        )
    return {
        "bucket_name": p.s("bucket"),
        "encryption": encryption,
        "kms_key": key,
        "block_public_access": block_all,
        "tls_only": tls_only,
        "versioning": versioned,
        "mfa_delete": mfa_delete,
        "object_lock": lock,
        "access_logging": _inline(p, "logging") or _exists(p, "aws_s3_bucket_logging"),
        "lifecycle_rules": _inline(p, "lifecycle_rule")
        or _exists(p, "aws_s3_bucket_lifecycle_configuration"),
        "acls_disabled": acls_disabled,
        "website_hosting": _inline(p, "website")
        or _exists(p, "aws_s3_bucket_website_configuration"),
        "acl_public_read": acl[0],
        "acl_public_write": acl[1],
        "replicates_to": replicates,
        "policy": document,
    }


# Canned ACLs that grant every user (or every AWS account) access to the bucket.
_PUBLIC_ACLS = ("public-read", "public-read-write", "authenticated-read")


def _canned_acl(p: TfProps) -> str | None:
    """The bucket's canned ACL: the v3 inline argument or an aws_s3_bucket_acl resource."""
    acls = p.attached("aws_s3_bucket_acl", "bucket")
    return _sub(p, acls[0]).s("acl") if acls else p.s("acl")


def _inline(p: TfProps, block: str) -> bool:
    """The AWS provider v3 inline block (versioning, logging ...) is set on the bucket."""
    value = p.get(block)
    return isinstance(value, list) and bool(value)


def _exists(p: TfProps, tf_type: str) -> bool | None:
    return True if p.attached(tf_type, "bucket") else _default(p, False)


def _subnets_of_group(p: TfProps, key: str) -> list[str]:
    groups = p.index.references(p.res.expressions.get(key), p.res)
    found: list[str] = []
    for group in groups:
        if group.type == "aws_db_subnet_group":
            found += _sub(p, group).refs("subnet_ids", kinds=SUBNET)
    return found


def _force_ssl(p: TfProps) -> bool | None:
    groups = p.index.references(p.res.expressions.get("parameter_group_name"), p.res)
    if not groups:
        name = p.s("parameter_group_name")
        return False if name is not None and name.startswith("default.") else None
    params = groups[0].values.get("parameter")
    for param in params if isinstance(params, list) else []:
        if dig(param, "name") in ("rds.force_ssl", "require_secure_transport"):
            return str(dig(param, "value")).lower() in ("1", "on", "true")
    return False if isinstance(params, list) else None


def db_instance(p: TfProps) -> Fields:
    monitoring = p.i("monitoring_interval")
    return {
        "engine": p.s("engine"),
        "engine_version": p.s("engine_version"),
        "instance_class": p.s("instance_class"),
        "allocated_storage_gb": p.i("allocated_storage"),
        "storage_type": p.s("storage_type"),
        "storage_encrypted": p.b("storage_encrypted"),
        "kms_key": p.ref("kms_key_id", kinds=KMS),
        "multi_az": p.b("multi_az"),
        "backup_retention_days": p.i("backup_retention_period"),
        "publicly_accessible": p.b("publicly_accessible"),
        "deletion_protection": _b_or_unset(p, "deletion_protection", False),
        "iam_auth": _b_or_unset(p, "iam_database_authentication_enabled", False),
        "auto_minor_version_upgrade": p.b("auto_minor_version_upgrade"),
        "enhanced_monitoring": None if monitoring is None else monitoring > 0,
        "copy_tags_to_snapshot": p.b("copy_tags_to_snapshot"),
        "require_tls": _force_ssl(p),
        "log_exports": _known_list(p.get("enabled_cloudwatch_logs_exports")),
        "port": p.i("port"),
        "replica_of": p.ref("replicate_source_db", kinds=("rds_instance",)),
        "subnets": _subnets_of_group(p, "db_subnet_group_name"),
        "security_groups": p.refs("vpc_security_group_ids", kinds=SG),
    }


def rds_cluster(p: TfProps) -> Fields:
    mode = p.s("engine_mode")
    return {
        "engine": p.s("engine"),
        "engine_version": p.s("engine_version"),
        "engine_mode": mode if mode in ("provisioned", "serverless") else None,
        "serverless_v2_min_acu": to_float(
            dig(p.res.values, "serverlessv2_scaling_configuration", 0, "min_capacity")
        ),
        "serverless_v2_max_acu": to_float(
            dig(p.res.values, "serverlessv2_scaling_configuration", 0, "max_capacity")
        ),
        "storage_encrypted": p.b("storage_encrypted"),
        "kms_key": p.ref("kms_key_id", kinds=KMS),
        "backup_retention_days": p.i("backup_retention_period"),
        "deletion_protection": p.b("deletion_protection"),
        "iam_auth": p.b("iam_database_authentication_enabled"),
        "copy_tags_to_snapshot": p.b("copy_tags_to_snapshot"),
        "log_exports": _known_list(p.get("enabled_cloudwatch_logs_exports")),
        "backtrack_window_s": _or_default(p, p.i("backtrack_window"), 0),
        "audit_logging": _audit_logging(p),
        "availability_zones": to_str_list(p.get("availability_zones")),
        "replica_of": p.ref("replication_source_identifier", kinds=("rds_cluster",)),
        **_members(p),
        "subnets": _subnets_of_group(p, "db_subnet_group_name"),
        "security_groups": p.refs("vpc_security_group_ids", kinds=SG),
    }


def _audit_logging(p: TfProps) -> bool | None:
    """Advanced Auditing in the aws_rds_cluster_parameter_group: server_audit_logging 1 (or ON)
    and server_audit_events naming some event. The default group leaves it off."""
    group = _named(p, "aws_rds_cluster_parameter_group", "db_cluster_parameter_group_name")
    if group is None:
        name = p.s("db_cluster_parameter_group_name")
        if name is not None and name.startswith("default."):
            return False
        configured = p.configured("db_cluster_parameter_group_name")
        return None if configured or name is not None else _default(p, False)
    params = _sub(p, group).get("parameter")
    if not isinstance(params, list):
        return None
    found = {dig(x, "name"): to_str(dig(x, "value")) for x in params}
    logging = str(found.get("server_audit_logging") or "0").lower()
    return logging in ("1", "on") and bool((found.get("server_audit_events") or "").strip())


def _members(p: TfProps) -> Fields:
    """Multi-AZ and exposure of a cluster, from its aws_rds_cluster_instance members."""
    members = [_sub(p, m) for m in p.attached("aws_rds_cluster_instance", "cluster_identifier")]
    zones = {m.s("availability_zone") for m in members}
    public = [m.b("publicly_accessible") for m in members]
    classes = [c for m in members if (c := m.s("instance_class"))]
    return {
        "instance_class": p.s("db_cluster_instance_class") or (classes[0] if classes else None),
        "instance_count": len(members) if members else None,
        "multi_az": True
        if len(zones - {None}) >= 2
        else (None if None in zones or len(members) > 1 else (False if members else None)),
        "publicly_accessible": True
        if any(public)
        else (False if public and all(f is False for f in public) else None),
    }


def db_proxy(p: TfProps) -> Fields:
    auth = p.get("auth")
    auth = auth if isinstance(auth, list) else []
    modes = {to_str(dig(a, "iam_auth")) for a in auth}
    targets: list[str] = []
    for target in p.attached("aws_db_proxy_target", "db_proxy_name"):
        q = _sub(p, target)
        targets += q.refs("db_instance_identifier", kinds=("rds_instance",))
        targets += q.refs("db_cluster_identifier", kinds=("rds_cluster",))
    return {
        "engine_family": p.s("engine_family"),
        "secrets": [
            r
            for i in range(len(auth))
            for r in p.refs("auth", i, "secret_arn", kinds=("secrets_manager_secret",))
        ],
        "targets": targets,
        "role": p.ref("role_arn", kinds=ROLE),
        "require_tls": p.b("require_tls"),
        "iam_auth": "REQUIRED"
        if "REQUIRED" in modes
        else ("DISABLED" if modes == {"DISABLED"} else None),
        "idle_client_timeout_s": p.i("idle_client_timeout"),
        "subnets": p.refs("vpc_subnet_ids", kinds=SUBNET),
        "security_groups": p.refs("vpc_security_group_ids", kinds=SG),
    }


def _autoscaled(p: TfProps) -> bool | None:
    """Each capacity dimension of the table has an aws_appautoscaling_target (resource_id
    table/<name>, by reference or by value) and an aws_appautoscaling_policy that scales it (a
    target alone only bounds the capacity)."""
    name, index = p.s("name"), p.index
    targets = {t.address: t for t in p.attached("aws_appautoscaling_target", "resource_id")}
    for target in index.by_type.get("aws_appautoscaling_target", []):
        if name and target.values.get("resource_id") == f"table/{name}":
            targets[target.address] = target
    dimensions: dict[str, str | None] = {
        address: _sub(p, t).s("scalable_dimension")
        for address, t in targets.items()
        if _sub(p, t).s("service_namespace") == "dynamodb"
    }
    scaled: set[str | None] = set()
    for policy in index.by_type.get("aws_appautoscaling_policy", []):
        named = {t.address for t in index.references(policy.expressions, policy)}
        for address, dimension in dimensions.items():
            by_value = policy.values.get("resource_id") == targets[address].values.get(
                "resource_id"
            ) and policy.values.get("scalable_dimension") in (dimension, None)
            if address in named or by_value:
                scaled.add(dimension)
    return True if scaled >= DYNAMODB_SCALED_DIMENSIONS else _default(p, False)


def dynamodb_table(p: TfProps) -> Fields:
    enabled = p.b("server_side_encryption", 0, "enabled")
    sse = p.get("server_side_encryption")
    if sse == [] or (sse is not ABSENT and enabled is False):
        encryption: str | None = "aws_owned"
    elif enabled:
        has_key = p.get("server_side_encryption", 0, "kms_key_arn") not in (ABSENT, None, "") or (
            bool(p.refs("server_side_encryption", 0, "kms_key_arn"))
        )
        encryption = "customer_managed" if has_key else "aws_managed"
    elif sse is ABSENT and not p.configured("server_side_encryption"):
        encryption = "aws_owned"  # DynamoDB encrypts every table, with an AWS owned key unless told
    else:
        encryption = None
    replicas = p.get("replica")
    return {
        "billing_mode": p.s("billing_mode"),
        "read_capacity": p.i("read_capacity") or None,
        "write_capacity": p.i("write_capacity") or None,
        "point_in_time_recovery": p.b("point_in_time_recovery", 0, "enabled"),
        "encryption": encryption,
        "kms_key": p.ref("server_side_encryption", 0, "kms_key_arn", kinds=KMS),
        "deletion_protection": p.b("deletion_protection_enabled"),
        "autoscaling": _autoscaled(p),
        "stream_enabled": p.b("stream_enabled"),
        "ttl_enabled": p.b("ttl", 0, "enabled"),
        "global_table_regions": [s for s in (to_str(dig(r, "region_name")) for r in replicas) if s]
        if isinstance(replicas, list)
        else [],
    }


# --- compute --------------------------------------------------------------------------------
def lambda_function(p: TfProps) -> Fields:
    urls = p.attached("aws_lambda_function_url", "function_name")
    url_auth = _sub(p, urls[0]).s("authorization_type") if urls else None
    permissions = p.attached("aws_lambda_permission", "function_name")
    tracing = p.s("tracing_config", 0, "mode")
    reserved = p.i("reserved_concurrent_executions")
    variables = p.get("environment", 0, "variables")
    return {
        "runtime": p.s("runtime"),
        "architecture": p.s("architectures", 0),
        "memory_mb": p.i("memory_size"),
        "timeout_s": p.i("timeout"),
        "role": p.ref("role", kinds=ROLE),
        "environment": sorted(variables) if isinstance(variables, dict) else [],
        "kms_key": p.ref("kms_key_arn", kinds=KMS),
        "reserved_concurrency": None if reserved is None or reserved < 0 else reserved,
        "provisioned_concurrency": _provisioned(p),
        "tracing": {"Active": "active", "PassThrough": "passthrough"}.get(str(tracing)),
        "dead_letter": p.ref(
            "dead_letter_config", 0, "target_arn", kinds=("sqs_queue", "sns_topic")
        ),
        "function_url_auth": url_auth if url_auth in ("NONE", "AWS_IAM") else None,
        **lambda_permission.policy_fields(_permission(_sub(p, perm)) for perm in permissions),
        "subnets": p.refs("vpc_config", 0, "subnet_ids", kinds=SUBNET),
        "security_groups": p.refs("vpc_config", 0, "security_group_ids", kinds=SG),
        # its flows are derived from this field, as for every source
        "event_sources": list(
            dict.fromkeys(
                ref
                for mapping in p.attached("aws_lambda_event_source_mapping", "function_name")
                for ref in _sub(p, mapping).refs("event_source_arn")
            )
        ),
    }


_PERMISSION_ARGS = (
    "principal",
    "action",
    "source_account",
    "source_arn",
    "principal_org_id",
    "function_url_auth_type",
    "event_source_token",
    "invoked_via_function_url",
)


def _permission(q: TfProps) -> dict[str, Any] | None:
    """An aws_lambda_permission as the statement Lambda writes for it; an argument the plan
    learns at apply (a source ARN) is set but unknown."""
    args: dict[str, str | None] = {}
    for name in _PERMISSION_ARGS:
        value = q.get(name)
        found = None if value is ABSENT else lambda_permission.text(value)
        if found or q.configured(name):
            args[name] = found or None
    return lambda_permission.statement(q.s("statement_id") or q.res.address, args)


def _provisioned(p: TfProps) -> int | None:
    """Provisioned concurrency over the function's aliases and versions (unknown if any is)."""
    configs = p.attached("aws_lambda_provisioned_concurrency_config", "function_name")
    counts = [_sub(p, c).i("provisioned_concurrent_executions") for c in configs]
    if None in counts:
        return None
    return sum(c for c in counts if c is not None) if counts else _default(p, 0)


def _interface_count(p: TfProps) -> int | None:
    """network_interface blocks (the primary interface when there are none) and the
    aws_network_interface_attachment resources naming the instance."""
    blocks = p.get("network_interface")
    attached = len(p.attached("aws_network_interface_attachment", "instance_id"))
    if isinstance(blocks, list) and blocks:
        return len(blocks) + attached
    if p.configured("network_interface") or p.configured("launch_template"):
        return None  # not in the plan's values, or the template's interfaces
    return 1 + attached


def instance(p: TfProps) -> Fields:
    return {
        "instance_type": p.s("instance_type"),
        "ami": p.s("ami"),
        "public_ip": p.b("associate_public_ip_address"),
        "imdsv2_required": None
        if p.s("metadata_options", 0, "http_tokens") is None
        else p.s("metadata_options", 0, "http_tokens") == "required",
        "detailed_monitoring": p.b("monitoring"),
        "network_interface_count": _interface_count(p),
        "role": _profile_role(p, _named(p, "aws_iam_instance_profile", "iam_instance_profile")),
        "subnets": p.refs("subnet_id", kinds=SUBNET),
        "security_groups": p.refs("vpc_security_group_ids", kinds=SG),
    }


# --- networking -----------------------------------------------------------------------------
def vpc(p: TfProps) -> Fields:
    logs = p.attached("aws_flow_log", "vpc_id")
    return {"cidr": p.s("cidr_block"), "flow_logs_enabled": True if logs else _default(p, False)}


def subnet(p: TfProps) -> Fields:
    return {
        "vpc": p.ref("vpc_id", kinds=("vpc",)),
        "az": p.s("availability_zone"),
        "cidr": p.s("cidr_block"),
        "map_public_ip_on_launch": p.b("map_public_ip_on_launch"),
        "routes": _subnet_routes(p),
    }


# Plan types a route's target may reference, by the kind of target they are.
_ROUTE_TARGET_TYPES: dict[str, RouteTarget] = {
    "aws_internet_gateway": "internet_gateway",
    "aws_egress_only_internet_gateway": "egress_only_internet_gateway",
    "aws_nat_gateway": "nat_gateway",
    "aws_ec2_transit_gateway": "transit_gateway",
    "aws_vpc_peering_connection": "vpc_peering",
    "aws_vpc_endpoint": "vpc_endpoint",
    "aws_vpn_gateway": "vpn_gateway",
    "aws_network_interface": "network_interface",
    "aws_instance": "instance",
}


def _route(
    index: _Index, owner: TfResource, values: Any, expressions: Any, destinations: tuple[str, ...]
) -> Fields:
    """One route as the plan writes it (a table's inline ``route`` or an ``aws_route``): its
    destination, and its target from the resource it references, else the literal id."""
    given = [dig(values, key) for key in destinations]
    destination = next((v for v in given if isinstance(v, str) and v), None)
    keys = [
        k
        for k in {*(values if isinstance(values, dict) else {}), *(expressions or {})}
        if key_name(k) in TARGET_KEYS
    ]
    for key in sorted(keys):
        targets = index.references(dig(expressions, key), owner)
        if targets:
            first = targets[0]
            kind = _ROUTE_TARGET_TYPES.get(first.type, "other")
            return {"destination": destination, "target": kind, "target_id": first.address}
        literal = dig(values, key)
        if isinstance(literal, str) and literal:
            return {"destination": destination, "target": target_of(literal), "target_id": literal}
    return {"destination": destination, "target": None}


def _subnet_routes(p: TfProps) -> list[Fields] | None:
    """The routes of the subnet's own route table: inline ``route`` blocks and ``aws_route``
    resources. None when the subnet follows the VPC's main table, which a plan may not show,
    or its table is outside the plan."""
    associations = p.attached("aws_route_table_association", "subnet_id")
    if not associations:
        return None
    index = p.index
    # every table holds the route to the VPC's own range, which a plan does not write
    routes: list[Fields] = [{"target": "local", "target_id": "local"}]
    inline = ("cidr_block", "ipv6_cidr_block", "destination_prefix_list_id")
    for association in associations:
        tables = index.references(association.expressions.get("route_table_id"), association)
        if not tables:
            return None
        for table in tables:
            known, written = table.values.get("route"), table.expressions.get("route")
            if isinstance(known, list):
                for i, route in enumerate(known):
                    expressions = _expression_at(table.expressions, ("route", i))
                    if isinstance(written, dict):
                        # `route` written as an attribute: its targets are what it references
                        expressions = {"gateway_id": written}
                    routes.append(_route(index, table, route, expressions, inline))
            elif isinstance(written, list):  # the set is unknown: the blocks as configured
                for block in written:
                    constants = {k: dig(block, k, "constant_value") for k in inline}
                    routes.append(_route(index, table, constants, block, inline))
            for route in index.attached("aws_route", table, "route_table_id"):
                destinations = (
                    "destination_cidr_block",
                    "destination_ipv6_cidr_block",
                    "destination_prefix_list_id",
                )
                routes.append(_route(index, route, route.values, route.expressions, destinations))
    return routes


def internet_gateway(p: TfProps) -> Fields:
    return {"vpc": p.ref("vpc_id", kinds=("vpc",))}


def nat_gateway(p: TfProps) -> Fields:
    return {"subnet": p.ref("subnet_id", kinds=SUBNET), "connectivity": p.s("connectivity_type")}


_PROTOCOLS = {"-1": "all", "6": "tcp", "17": "udp", "1": "icmp", "58": "icmpv6"}
# A rule whose block a plan leaves wholly to apply time: nothing of it is known, but it is one.
_UNKNOWN_RULE: Fields = {"protocol": None, "cidr": None, "ipv6_cidr": None, "ports_known": False}
# The rule fields whose None the model reads as "not known" (an empty range list is "none").
_NONE_IS_NOT_KNOWN = ("protocol", "cidr", "ipv6_cidr")


def _ranges(value: Any) -> list[str] | None:
    """CIDR blocks: left out of the plan (or a null element) is known only after apply."""
    found = _known_list(value)
    return None if found is NOT_KNOWN else list(found)


def _rule(p: TfProps, rule: Any, path: tuple[str | int, ...], sg_key: str) -> Fields | None:
    """An inline block, an aws_security_group_rule, or (sg_key referenced_security_group_id)
    an aws_vpc_security_group_*_rule, whose attributes are named differently."""
    vpc_rule = sg_key == "referenced_security_group_id"
    raw = dig(rule, "ip_protocol" if vpc_rule else "protocol")
    name = to_str(raw)
    protocol = _PROTOCOLS.get(name, name.lower()) if name is not None else None
    if protocol is None and raw is not ABSENT:
        return None  # null: not a rule
    if protocol not in ("tcp", "udp", "icmp", "icmpv6", "all", None):
        return None  # another IP protocol (ESP, GRE...): no ports, not what rules judge
    peers = refs_of(p.index, p.res, p.res.expressions, p.res.values, (*path, sg_key), SG)
    keys = ("cidr_ipv4", "cidr_ipv6") if vpc_rule else ("cidr_blocks", "ipv6_cidr_blocks")
    fields: Fields = {
        "protocol": protocol,
        "cidr": _ranges(dig(rule, keys[0])),
        "ipv6_cidr": _ranges(dig(rule, keys[1])),
        "security_group": peers[0] if peers else None,
        "prefix_list": to_str(dig(rule, "prefix_list_id"))
        or next(iter(to_str_list(dig(rule, "prefix_list_ids"))), None),
        "description": to_str(dig(rule, "description")) or None,
    }
    if protocol != "all":
        ports = [dig(rule, "from_port"), dig(rule, "to_port")]
        fields["from_port"], fields["to_port"] = (to_int(v) for v in ports)
        if ABSENT in ports:
            fields["ports_known"] = False  # known after apply
    return {k: v for k, v in fields.items() if k in _NONE_IS_NOT_KNOWN or v not in (None, [])}


def security_group(p: TfProps) -> Fields:
    rules: dict[str, list[Fields] | None] = {}
    for direction in ("ingress", "egress"):
        inline = p.get(direction)
        found: list[Fields] | None = None
        if inline is ABSENT and p.res.expressions.get(direction) is not None:
            found = [dict(_UNKNOWN_RULE)]  # blocks written, their values known after apply
        elif isinstance(inline, list):
            found = [
                r
                for i, rule in enumerate(inline)
                if (r := _rule(p, rule, (direction, i), "security_groups")) is not None
            ]
        for extra in p.attached(f"aws_vpc_security_group_{direction}_rule", "security_group_id"):
            q = _sub(p, extra)
            r = _rule(q, extra.values, (), "referenced_security_group_id")
            if r is not None:
                found = [*(found or []), r]
        for extra in p.attached("aws_security_group_rule", "security_group_id"):
            if extra.values.get("type") == direction:
                q = _sub(p, extra)
                r = _rule(q, extra.values, (), "source_security_group_id")
                if r is not None:
                    found = [*(found or []), r]
        rules[direction] = found
    return {"vpc": p.ref("vpc_id", kinds=("vpc",)), **rules}


def vpc_endpoint(p: TfProps) -> Fields:
    service = p.s("service_name")
    kind = p.s("vpc_endpoint_type")
    return {
        "vpc": p.ref("vpc_id", kinds=("vpc",)),
        "service": service.rsplit(".", 1)[-1] if service else None,
        "endpoint_type": {
            "Gateway": "gateway",
            "Interface": "interface",
            "GatewayLoadBalancer": "gateway_load_balancer",
        }.get(str(kind)),
        "private_dns_enabled": p.b("private_dns_enabled"),
        "policy": p.policy("policy"),
        "subnets": p.refs("subnet_ids", kinds=SUBNET),
        "security_groups": p.refs("security_group_ids", kinds=SG),
    }


def _viewer_policy(p: TfProps) -> str | None:
    """The weakest of the default and the ordered (path pattern) cache behaviors."""
    ordered = p.get("ordered_cache_behavior")
    if ordered is not ABSENT and not isinstance(ordered, list):
        return None
    behaviors = [
        p.get("default_cache_behavior", 0),
        *(ordered if isinstance(ordered, list) else []),
    ]
    return weakest_viewer_policy([to_str(dig(b, "viewer_protocol_policy")) for b in behaviors])


def cloudfront(p: TfProps) -> Fields:
    origins = []
    raw_origins = p.get("origin")
    for index, origin in enumerate(raw_origins if isinstance(raw_origins, list) else []):
        custom = dig(origin, "custom_origin_config", 0)
        oai = dig(origin, "s3_origin_config", 0, "origin_access_identity")
        oac_expression = _expression_at(
            p.res.expressions, ("origin", index, "origin_access_control_id")
        )
        targets = p.refs("origin", index, "domain_name")
        url = _named(p, "aws_lambda_function_url", "origin", index, "domain_name")
        if url is not None:  # a function URL's host names its function
            targets = _sub(p, url).refs("function_name", kinds=("lambda_function",)) or targets
        if to_str(dig(origin, "origin_access_control_id")) or p.index.references(
            oac_expression, p.res
        ):
            access: str | None = "oac"
        elif oai is not ABSENT:
            access = "oai" if oai else "none"
        elif url is not None or lambda_url_domain(to_str(dig(origin, "domain_name"))):
            access = "none"  # a function URL origin without origin access control
        else:
            access = None
        ssl = to_str_list(dig(custom, "origin_ssl_protocols"))
        origins.append(
            {
                "target": targets[0] if targets else None,
                "domain": to_str(dig(origin, "domain_name")),
                "origin_protocol_policy": to_str(dig(custom, "origin_protocol_policy")),
                "origin_access": access,
                "minimum_origin_ssl_protocol": sorted(ssl)[0] if ssl else None,
            }
        )
    default_cert = p.b("viewer_certificate", 0, "cloudfront_default_certificate")
    method = p.s("viewer_certificate", 0, "ssl_support_method")
    method = method if method in ("sni-only", "vip", "static-ip") else None
    logging = p.get("logging_config")
    groups = p.get("origin_group")
    return {
        "aliases": to_str_list(p.get("aliases")),
        "origins": [{k: v for k, v in o.items() if v is not None} for o in origins],
        "viewer_protocol_policy": _viewer_policy(p),
        "minimum_protocol_version": p.s("viewer_certificate", 0, "minimum_protocol_version"),
        "web_acl": p.ref("web_acl_id", kinds=("waf_web_acl",)),
        "logging_enabled": None if logging is ABSENT else bool(logging),
        "default_root_object": p.s("default_root_object") or None,
        "price_class": p.s("price_class"),
        "origin_failover": None if groups is ABSENT else bool(groups),
        "uses_default_certificate": default_cert,
        "ssl_support_method": None if default_cert is not False else method,
    }


_AUTH = {
    "NONE": "none",
    "AWS_IAM": "iam",
    "COGNITO_USER_POOLS": "cognito",
    "CUSTOM": "lambda",
    "JWT": "jwt",
}


def _weakest(values: set[str | None]) -> str | None:
    if not values or None in values:
        return None
    if "NONE" in values:
        return "none"
    return _AUTH.get(sorted(v for v in values if v)[0])


def _integrations(p: TfProps, tf_type: str, key: str, uri: str) -> list[str]:
    """What the API's integrations call: the function or resource of the URI, and the
    load balancers of the VPC link they connect through."""
    found: list[str] = []
    index = p.index
    for integration in p.attached(tf_type, key):
        targets = index.references(integration.expressions.get(uri), integration)
        for link in index.references(integration.expressions.get("connection_id"), integration):
            targets += index.references(link.expressions.get("target_arns"), link)
        found += [index.model_ids[t.address] for t in targets if t.address in index.model_ids]
    return list(dict.fromkeys(r for r in found if r != index.model_ids.get(p.res.address)))


def rest_api(p: TfProps) -> Fields:
    stages = p.attached("aws_api_gateway_stage", "rest_api_id")
    settings = p.attached("aws_api_gateway_method_settings", "rest_api_id")
    methods = p.attached("aws_api_gateway_method", "rest_api_id")
    stage = _sub(p, stages[0]) if stages else None
    levels = {_sub(p, s).s("settings", 0, "logging_level") for s in settings}
    endpoint = p.s("endpoint_configuration", 0, "types", 0)
    fields: Fields = {
        "api_type": "rest",
        "endpoint_type": endpoint.lower() if endpoint else None,
        "authorization": _weakest({_sub(p, m).s("authorization") for m in methods}),
        # A web ACL is associated with a stage (resource_arn = the stage's ARN).
        "web_acl": next((acl for s in stages if (acl := _web_acl(_sub(p, s)))), None),
    }
    if stage is None:  # no stage in the plan: what a stage would say is unknown
        fields |= dict.fromkeys(
            ("xray_tracing", "cache_enabled", "cache_encrypted", "client_certificate")
        )
    else:
        logs = stage.get("access_log_settings")
        fields |= {
            "stage": stage.s("stage_name"),
            "xray_tracing": stage.b("xray_tracing_enabled"),
            "access_logging": None if logs is ABSENT else bool(logs),
            "cache_enabled": stage.b("cache_cluster_enabled"),
            # a certificate created by the same plan has no id yet: its expression says it
            "client_certificate": bool(stage.s("client_certificate_id"))
            or stage.configured("client_certificate_id"),
            "execution_logging": bool(levels & {"INFO", "ERROR"}),
            "cache_encrypted": any(
                _sub(p, s).b("settings", 0, "cache_data_encrypted") for s in settings
            ),
            "throttling_rate_limit": next(
                (
                    rate
                    for s in settings
                    if (rate := to_float(_sub(p, s).get("settings", 0, "throttling_rate_limit")))
                    and rate > 0
                ),
                None,
            ),
        }
    fields["integrations"] = _integrations(p, "aws_api_gateway_integration", "rest_api_id", "uri")
    return fields


def http_api(p: TfProps) -> Fields:
    stages = p.attached("aws_apigatewayv2_stage", "api_id")
    routes = p.attached("aws_apigatewayv2_route", "api_id")
    stage = _sub(p, stages[0]) if stages else None
    logs = stage.get("access_log_settings") if stage else ABSENT
    return {
        "api_type": "websocket" if p.s("protocol_type") == "WEBSOCKET" else "http",
        "endpoint_type": "regional",
        "stage": stage.s("name") if stage else None,
        "access_logging": None if logs is ABSENT else bool(logs),
        # only WebSocket APIs write execution logs
        "execution_logging": stage.s("default_route_settings", 0, "logging_level")
        in ("INFO", "ERROR")
        if stage and p.s("protocol_type") == "WEBSOCKET"
        else None,
        "throttling_rate_limit": to_float(
            stage.get("default_route_settings", 0, "throttling_rate_limit") if stage else None
        ),
        "authorization": _weakest({_sub(p, r).s("authorization_type") for r in routes}),
        "integrations": _integrations(
            p, "aws_apigatewayv2_integration", "api_id", "integration_uri"
        ),
    }


def _web_acl(p: TfProps) -> str | None:
    for association in p.attached("aws_wafv2_web_acl_association", "resource_arn"):
        found = _sub(p, association).refs("web_acl_arn", kinds=("waf_web_acl",))
        if found:
            return found[0]
    return None


def load_balancer(p: TfProps) -> Fields:
    kind = p.s("load_balancer_type")
    internal = p.b("internal")
    listeners, targets = [], []
    for listener in p.attached("aws_lb_listener", "load_balancer_arn"):
        q = _sub(p, listener)
        protocol, port = q.s("protocol"), q.i("port")
        if protocol and port:
            listeners.append(
                {
                    "protocol": protocol,
                    "port": port,
                    "ssl_policy": q.s("ssl_policy"),
                    "redirect_to_https": q.s("default_action", 0, "type") == "redirect"
                    and q.s("default_action", 0, "redirect", 0, "protocol") == "HTTPS",
                }
            )
        for group in p.index.references(
            _expression_at(listener.expressions, ("default_action", 0, "target_group_arn")),
            listener,
        ):
            for attachment in p.index.attached(
                "aws_lb_target_group_attachment", group, "target_group_arn"
            ):
                targets += _sub(p, attachment).refs("target_id")
            # ECS registers a service's tasks in the groups the service names
            for service in p.index.attached("aws_ecs_service", group, "load_balancer"):
                if service.address in p.index.model_ids:
                    targets.append(p.index.model_ids[service.address])
    return {
        "type": kind if kind in ("application", "network", "gateway") else None,
        "scheme": None if internal is None else ("internal" if internal else "internet-facing"),
        "subnets": p.refs("subnets", kinds=SUBNET),
        "security_groups": p.refs("security_groups", kinds=SG),
        "access_logs_enabled": p.b("access_logs", 0, "enabled")
        if isinstance(p.get("access_logs"), list) and p.get("access_logs")
        else _default(p, False),
        "deletion_protection": p.b("enable_deletion_protection"),
        "drop_invalid_headers": p.b("drop_invalid_header_fields"),
        "cross_zone": p.b("enable_cross_zone_load_balancing"),
        "listeners": listeners,
        "targets": targets,
        "web_acl": _web_acl(p),
    }


# --- integration, security, operations ------------------------------------------------------
def sqs_queue(p: TfProps) -> Fields:
    if p.refs("kms_master_key_id") or p.s("kms_master_key_id"):
        encryption: str | None = "sse-kms"
    else:
        managed = p.b("sqs_managed_sse_enabled")
        if managed is None and not p.configured("sqs_managed_sse_enabled"):
            managed = _default(p, True)  # new queues are SSE-SQS encrypted since late 2022
        encryption = None if managed is None else ("sse-sqs" if managed else "none")
    redrive = _policy(p.get("redrive_policy"))
    dlq = p.index.by_value.get(str(dig(redrive, "deadLetterTargetArn")))
    dlq_refs = [
        p.index.model_ids[t.address]
        for t in p.index.references(p.res.expressions.get("redrive_policy"), p.res)
        if t.address in p.index.model_ids and t.type == "aws_sqs_queue"
    ]
    return {
        "fifo": bool(p.b("fifo_queue")),
        "encryption": encryption,
        "kms_key": p.ref("kms_master_key_id", kinds=KMS),
        "visibility_timeout_s": p.i("visibility_timeout_seconds"),
        "retention_s": p.i("message_retention_seconds"),
        "dead_letter_queue": dlq_refs[0] if dlq_refs else p.index.model_ids.get(str(dlq)),
        "policy": _queue_policy(p),
    }


def _queue_policy(p: TfProps) -> Any:
    """The queue's policy: an aws_sqs_queue_policy naming it (by URL) wins over the inline
    argument, as AWS keeps one policy per queue."""
    attached = p.attached("aws_sqs_queue_policy", "queue_url")
    return _sub(p, attached[0]).policy("policy") if attached else p.policy("policy")


def sns_topic(p: TfProps) -> Fields:
    return {
        "fifo": bool(p.b("fifo_topic")),
        "kms_key": p.ref("kms_master_key_id", kinds=KMS),
        "policy": _topic_policy(p),
    }


def _topic_policy(p: TfProps) -> Any:
    """The topic's policy: an aws_sns_topic_policy naming it wins over the inline argument."""
    attached = p.attached("aws_sns_topic_policy", "arn")
    return _sub(p, attached[0]).policy("policy") if attached else p.policy("policy")


def kms_key(p: TfProps) -> Fields:
    aliases = p.attached("aws_kms_alias", "target_key_id")
    return {
        "rotation_enabled": p.b("enable_key_rotation"),
        "multi_region": p.b("multi_region"),
        "key_spec": p.s("customer_master_key_spec"),
        "aliases": [s for s in (_sub(p, a).s("name") for a in aliases) if s],
        "pending_deletion": _default(p, False),
        "policy": p.policy("policy"),
    }


def secret(p: TfProps) -> Fields:
    rotations = p.attached("aws_secretsmanager_secret_rotation", "secret_id")
    policies = p.attached("aws_secretsmanager_secret_policy", "secret_arn")
    rotation = _sub(p, rotations[0]) if rotations else None
    replicas = p.get("replica")
    return {
        "kms_key": p.ref("kms_key_id", kinds=KMS),
        "rotation_enabled": True if rotation else _default(p, False),
        "rotation_days": rotation.i("rotation_rules", 0, "automatically_after_days")
        if rotation
        else None,
        "rotation_function": rotation.ref("rotation_lambda_arn", kinds=("lambda_function",))
        if rotation
        else None,
        "replica_regions": [s for s in (to_str(dig(r, "region")) for r in replicas) if s]
        if isinstance(replicas, list)
        else [],
        "policy": _sub(p, policies[0]).policy("policy") if policies else None,
    }


def _identity_policies(p: TfProps, key: str, inline_type: str, attach_type: str) -> Fields:
    """Policies of a role, user or group: its own arguments, the inline policies written as
    resources of their own (aws_iam_*_policy) and the attachments (aws_iam_*_policy_attachment,
    aws_iam_policy_attachment naming it among its roles, users or groups)."""
    arns = to_str_list(p.get("managed_policy_arns"))
    managed: list[str] = []
    attachments = p.attached(attach_type, key) + p.attached("aws_iam_policy_attachment", f"{key}s")
    for attachment in attachments:
        q = _sub(p, attachment)
        # An ARN outside the plan is an attached policy by ARN, not a model policy.
        found = [r for r in q.refs("policy_arn", kinds=("iam_policy",)) if not is_outside(r)]
        managed += found
        arn = q.s("policy_arn")
        if not found and arn:
            arns.append(arn)
    blocks = p.get("inline_policy")
    # A document that cannot be read (not JSON, known only after apply) stays as None: the
    # policy exists, its grants are unknown, and no rule may pass it.
    inline = {
        str(dig(item, "name")): _policy(dig(item, "policy"))
        for item in (blocks if isinstance(blocks, list) else [])
        if isinstance(dig(item, "name"), str) and dig(item, "name")
    }
    for policy in p.attached(inline_type, key):
        q = _sub(p, policy)
        inline[q.s("name") or policy.address] = q.policy("policy")
    return {
        "managed_policies": sorted(set(managed)),
        "managed_policy_arns": sorted(set(arns)),
        "inline_policies": inline,
    }


def iam_role(p: TfProps) -> Fields:
    session = p.i("max_session_duration")
    return {
        "path": p.s("path"),
        "trust_policy": p.policy("assume_role_policy"),
        **_identity_policies(p, "role", "aws_iam_role_policy", "aws_iam_role_policy_attachment"),
        "permissions_boundary": p.s("permissions_boundary") or None,
        "max_session_hours": None if session is None else session / 3600,
    }


def iam_group(p: TfProps) -> Fields:
    return _identity_policies(p, "group", "aws_iam_group_policy", "aws_iam_group_policy_attachment")


def _user_groups(p: TfProps) -> list[str]:
    """Groups by model id where the plan defines them, else by name as written."""
    found: list[str] = []
    for membership in p.attached("aws_iam_user_group_membership", "user"):
        q = _sub(p, membership)
        ids = q.refs("groups", kinds=("iam_group",))
        found += ids or to_str_list(q.get("groups"))
    for membership in p.attached("aws_iam_group_membership", "users"):
        q = _sub(p, membership)
        found += q.refs("group", kinds=("iam_group",)) or to_str_list(q.get("group"))
    return list(dict.fromkeys(found))


def iam_policy(p: TfProps) -> Fields:
    return {"document": p.policy("policy")}


def log_group(p: TfProps) -> Fields:
    retention = p.i("retention_in_days")
    logs_of = [
        p.index.model_ids[t.address]
        for t in p.index.references(p.res.expressions.get("name"), p.res)
        if t.address in p.index.model_ids
    ]
    return {
        "log_group_name": p.s("name"),
        "retention_days": retention or None,
        "kms_key": p.ref("kms_key_id", kinds=KMS),
        "logs_of": logs_of,
    }


def eventbridge_rule(p: TfProps) -> Fields:
    pattern = _policy(p.get("event_pattern"))
    targets = [
        p.index.model_ids[t.address]
        for target in p.attached("aws_cloudwatch_event_target", "rule")
        for t in p.index.references(target.expressions.get("arn"), target)
        if t.address in p.index.model_ids
    ]
    state = p.s("state")
    return {
        "bus": p.ref("event_bus_name", kinds=("eventbridge_bus",)),
        "schedule": p.s("schedule_expression") or None,
        "event_pattern": pattern,
        "targets": targets,
        "enabled": state != "DISABLED" if state else True,
    }


def _efs_encrypted(p: TfProps) -> bool | None:
    """The API creates an unencrypted file system unless told (the console's default differs)."""
    encrypted = p.b("encrypted")
    if encrypted is None and not p.configured("encrypted"):
        if p.configured("kms_key_id") or p.s("kms_key_id"):
            return None  # a key without `encrypted` is refused by the API: left unknown
        return False if p.creating else None
    return encrypted


def efs(p: TfProps) -> Fields:
    backups = p.attached("aws_efs_backup_policy", "file_system_id")
    status = _sub(p, backups[0]).s("backup_policy", 0, "status") if backups else None
    return {
        "encrypted": _efs_encrypted(p),
        "kms_key": p.ref("kms_key_id", kinds=KMS),
        "one_zone": None
        if p.get("availability_zone_name") is ABSENT
        else bool(p.s("availability_zone_name")),
        "performance_mode": p.s("performance_mode"),
        "throughput_mode": p.s("throughput_mode"),
        "automatic_backups": status == "ENABLED" if status else _default(p, False),
        **_mount_targets(p),
    }


def _mount_targets(p: TfProps) -> Fields:
    """Where the file system is reachable: its mount targets' subnets and security groups."""
    mounts = [_sub(p, m) for m in p.attached("aws_efs_mount_target", "file_system_id")]
    return {
        "subnets": list(
            dict.fromkeys(s for m in mounts for s in m.refs("subnet_id", kinds=SUBNET))
        ),
        "security_groups": list(
            dict.fromkeys(g for m in mounts for g in m.refs("security_groups", kinds=SG))
        ),
    }


def ebs(p: TfProps) -> Fields:
    return {
        "volume_type": p.s("type"),
        "size_gb": p.i("size"),
        "iops": p.i("iops"),
        "encrypted": p.b("encrypted"),
        "kms_key": p.ref("kms_key_id", kinds=KMS),
        "az": p.s("availability_zone"),
        "attached_to": next(
            (
                i
                for a in p.attached("aws_volume_attachment", "volume_id")
                for i in _sub(p, a).refs("instance_id", kinds=("ec2_instance",))
            ),
            None,
        ),
    }


def ebs_snapshot(p: TfProps) -> Fields:
    """A snapshot of a volume (aws_ebs_snapshot) or a copy (aws_ebs_snapshot_copy), with the
    accounts aws_snapshot_create_volume_permission shares it with. The AWS provider's resource
    takes an account id only, so a plan does not make a snapshot public (a new snapshot is
    private); a `group = "all"` some provider forks accept is read as public."""
    permissions = [
        _sub(p, permission)
        for permission in p.attached("aws_snapshot_create_volume_permission", "snapshot_id")
    ]
    shared = [str(account) for q in permissions if (account := q.s("account_id"))]
    public = "all" in shared or any(q.s("group") == "all" for q in permissions)
    kms_key = p.ref("kms_key_id", kinds=KMS)
    encrypted = True if kms_key or p.s("kms_key_id") else p.b("encrypted")
    volumes = p.index.references(p.res.expressions.get("volume_id"), p.res)
    if volumes and volumes[0].type == "aws_ebs_volume":
        # A snapshot is encrypted as its volume is (a plan leaves `encrypted` unknown).
        volume = _sub(p, volumes[0])
        encrypted = volume.b("encrypted") if encrypted is None else encrypted
        kms_key = kms_key or volume.ref("kms_key_id", kinds=KMS)
    return {
        "volume": p.ref("volume_id", kinds=("ebs_volume",)),
        "size_gb": p.i("volume_size"),
        "encrypted": encrypted,
        "kms_key": kms_key,
        "public": public,
        "shared_with_accounts": [a for a in shared if a != "all"],
    }


def shield_protection(p: TfProps) -> Fields:
    return {"protects": p.refs("resource_arn")}


def elasticache(p: TfProps) -> Fields:
    group = p.res.type == "aws_elasticache_replication_group"
    engine = p.s("engine")
    return {
        "engine": engine if engine in ("redis", "valkey", "memcached") else None,
        "engine_version": p.s("engine_version"),
        "node_type": p.s("node_type"),
        "num_nodes": p.i("num_cache_clusters") if group else p.i("num_cache_nodes"),
        "automatic_failover": p.b("automatic_failover_enabled") if group else False,
        "multi_az": p.b("multi_az_enabled") if group else False,
        "at_rest_encryption": p.b("at_rest_encryption_enabled") if group else False,
        "transit_encryption": p.b("transit_encryption_enabled"),
        "kms_key": p.ref("kms_key_id", kinds=KMS),
        "snapshot_retention_days": p.i("snapshot_retention_limit"),
        "auth_token_enabled": None
        if p.get("auth_token") is ABSENT and p.configured("auth_token")
        else p.configured("auth_token"),
        "auto_minor_version_upgrade": p.b("auto_minor_version_upgrade"),
        "default_subnet_group": _default_subnet_group(p),
        "security_groups": p.refs("security_group_ids", kinds=SG),
        "subnets": _cache_subnets(p),
    }


def _default_subnet_group(p: TfProps) -> bool | None:
    """Named 'default', or not named for a cache the plan creates (AWS then uses the 'default'
    group); a subnet group of the plan has another name ('default' is reserved)."""
    if _named(p, "aws_elasticache_subnet_group", "subnet_group_name"):
        return False
    name = p.s("subnet_group_name")
    if name is not None:
        return name.lower() == "default"
    return None if p.configured("subnet_group_name") else _default(p, True)


def _cache_subnets(p: TfProps) -> list[str]:
    """Subnets of the aws_elasticache_subnet_group the cache names."""
    group = _named(p, "aws_elasticache_subnet_group", "subnet_group_name")
    return _sub(p, group).refs("subnet_ids", kinds=SUBNET) if group else []


def _publishes(p: TfProps, log_type: str) -> bool | None:
    """A log_publishing_options block of this type that is not disabled."""
    options = p.get("log_publishing_options")
    if not isinstance(options, list):
        return None
    return any(
        dig(o, "log_type") == log_type and dig(o, "enabled") is not False
        for o in options
        if isinstance(o, dict)
    )


def _master_count(p: TfProps) -> int | None:
    # No dedicated master nodes unless dedicated_master_enabled says so (the AWS default).
    enabled = p.b("cluster_config", 0, "dedicated_master_enabled")
    if enabled is None:
        return None
    return p.i("cluster_config", 0, "dedicated_master_count") if enabled else 0


def opensearch(p: TfProps) -> Fields:
    return {
        "engine_version": p.s("engine_version") or p.s("elasticsearch_version"),
        "instance_type": p.s("cluster_config", 0, "instance_type"),
        "instance_count": p.i("cluster_config", 0, "instance_count"),
        "zone_awareness": p.b("cluster_config", 0, "zone_awareness_enabled"),
        "dedicated_master": p.b("cluster_config", 0, "dedicated_master_enabled"),
        "encryption_at_rest": p.b("encrypt_at_rest", 0, "enabled"),
        "node_to_node_encryption": p.b("node_to_node_encryption", 0, "enabled"),
        "enforce_https": p.b("domain_endpoint_options", 0, "enforce_https"),
        "tls_policy": p.s("domain_endpoint_options", 0, "tls_security_policy"),
        "kms_key": p.ref("encrypt_at_rest", 0, "kms_key_id", kinds=KMS),
        "dedicated_master_count": _master_count(p),
        "audit_logging": _publishes(p, "AUDIT_LOGS"),
        "error_logging": _publishes(p, "ES_APPLICATION_LOGS"),
        "fine_grained_access_control": p.b("advanced_security_options", 0, "enabled"),
        "storage_gb": p.i("ebs_options", 0, "volume_size"),
        "subnets": p.refs("vpc_options", 0, "subnet_ids", kinds=SUBNET),
        "security_groups": p.refs("vpc_options", 0, "security_group_ids", kinds=SG),
        "access_policy": _domain_policy(p),
    }


def _domain_policy(p: TfProps) -> Any:
    """The domain's access_policies, or a separate aws_opensearch_domain_policy's."""
    for tf_type in ("aws_opensearch_domain_policy", "aws_elasticsearch_domain_policy"):
        found = p.attached(tf_type, "domain_name")
        if found:
            return _sub(p, found[0]).policy("access_policies")
    return p.policy("access_policies")


def _trail_selectors(p: TfProps) -> list[tuple[bool, ReadWrite | None]] | None:
    """The trail's selectors as (logs management events, read/write); None: it has none."""
    advanced = p.get("advanced_event_selector")
    if isinstance(advanced, list) and advanced:
        fields_of = [dig(a, "field_selector") for a in advanced]
        return [
            advanced_selector(
                {
                    str(dig(f, "field")): (
                        to_str_list(dig(f, "equals")),
                        to_str_list(dig(f, "not_equals")),
                    )
                    for f in (fields if isinstance(fields, list) else [])
                }
            )
            for fields in fields_of
        ]
    basic = p.get("event_selector")
    if not isinstance(basic, list) or not basic:
        return None
    found: list[tuple[bool, ReadWrite | None]] = []
    for selector in basic:
        rw = dig(selector, "read_write_type")
        rw = "All" if rw in (ABSENT, None) else rw  # the argument's default
        logs = dig(selector, "include_management_events")
        found.append(
            (
                logs is not False,  # default true
                read_write(rw),
            )
        )
    return found


def cloudtrail(p: TfProps) -> Fields:
    selectors = _trail_selectors(p)
    return {
        "multi_region": p.b("is_multi_region_trail"),
        "management_events": p.b("include_global_service_events")
        if selectors is None
        else any(logs for logs, _rw in selectors),
        # a trail without selectors logs every management event, read and write
        "management_read_write": "All" if selectors is None else management_read_write(selectors),
        "log_file_validation": p.b("enable_log_file_validation"),
        "is_logging": p.b("enable_logging"),
        "organization_trail": p.b("is_organization_trail"),
        "kms_key": p.ref("kms_key_id", kinds=KMS),
        "bucket": p.ref("s3_bucket_name", kinds=("s3_bucket",)),
        "log_group": p.ref("cloud_watch_logs_group_arn", kinds=("cloudwatch_log_group",)),
    }


def eks(p: TfProps) -> Fields:
    logs = p.get("enabled_cluster_log_types")
    return {
        "version": p.s("version"),
        "endpoint_public_access": p.b("vpc_config", 0, "endpoint_public_access"),
        "endpoint_private_access": p.b("vpc_config", 0, "endpoint_private_access"),
        "public_access_cidrs": to_str_list(p.get("vpc_config", 0, "public_access_cidrs")),
        "secrets_kms_key": p.ref("encryption_config", 0, "provider", 0, "key_arn", kinds=KMS),
        "control_plane_logging": None if logs is ABSENT else bool(logs),
        "audit_logging": None if logs is ABSENT else "audit" in to_str_list(logs),
        "role": p.ref("role_arn", kinds=ROLE),
        "subnets": p.refs("vpc_config", 0, "subnet_ids", kinds=SUBNET),
        "security_groups": p.refs("vpc_config", 0, "security_group_ids", kinds=SG),
    }


def ecs_service(p: TfProps) -> Fields:
    tasks = p.index.references(p.res.expressions.get("task_definition"), p.res)
    task = _sub(p, tasks[0]) if tasks else None
    containers = _policy(task.get("container_definitions")) if task else None
    public = p.b("network_configuration", 0, "assign_public_ip")
    launch = p.s("launch_type")
    return {
        "launch_type": launch if launch in ("FARGATE", "EC2", "EXTERNAL") else None,
        "desired_count": p.i("desired_count"),
        "cpu": to_int(task.get("cpu")) if task else None,
        "memory_mb": to_int(task.get("memory")) if task else None,
        "task_role": task.ref("task_role_arn", kinds=ROLE) if task else None,
        "execution_role": task.ref("execution_role_arn", kinds=ROLE) if task else None,
        "assign_public_ip": public,
        "environment": sorted(
            {str(dig(e, "name")) for c in containers for e in (dig(c, "environment") or [])}
        )
        if isinstance(containers, list)
        else [],
        "subnets": p.refs("network_configuration", 0, "subnets", kinds=SUBNET),
        "security_groups": p.refs("network_configuration", 0, "security_groups", kinds=SG),
    }


def iam_user(p: TfProps) -> Fields:
    profiles = p.attached("aws_iam_user_login_profile", "user")
    return {
        **_identity_policies(p, "user", "aws_iam_user_policy", "aws_iam_user_policy_attachment"),
        "groups": _user_groups(p),
        "console_access": True if profiles else _default(p, False),
        "access_keys": [
            {"active": _sub(p, key).s("status") != "Inactive"}
            for key in p.attached("aws_iam_access_key", "user")
        ],
    }


def route53_zone(p: TfProps) -> Fields:
    records = []
    for record in p.attached("aws_route53_record", "zone_id"):
        r = _sub(p, record)
        planned = r.get("alias")
        alias = r.configured("alias") or (isinstance(planned, list) and bool(planned))
        targets = r.refs("alias", 0, "name") if alias else []
        name, kind = r.s("name"), r.s("type")
        if name and kind:
            records.append(
                {
                    "name": name.rstrip("."),
                    "type": kind,
                    "alias": alias,
                    "target": targets[0] if targets else None,
                }
            )
    return {
        "domain": (p.s("name") or "").rstrip(".") or None,
        "private": isinstance(p.get("vpc"), list) and bool(p.get("vpc")),
        "vpcs": p.refs("vpc", 0, "vpc_id", kinds=("vpc",)),
        "records": records,
        "query_logging_enabled": bool(p.attached("aws_route53_query_log", "zone_id")),
    }


def db_snapshot(p: TfProps) -> Fields:
    """A manual snapshot of an instance (aws_db_snapshot) or a copy (aws_db_snapshot_copy)."""
    copy = p.res.type == "aws_db_snapshot_copy"
    exports = p.index.attached("aws_rds_export_task", p.res, "source_arn")
    shared = to_str_list(p.get("shared_accounts"))
    kms_key = p.ref("kms_key_id", kinds=KMS)
    encrypted = True if kms_key or p.s("kms_key_id") else p.b("encrypted")
    instances = p.index.references(p.res.expressions.get("db_instance_identifier"), p.res)
    if not copy and instances and instances[0].type == "aws_db_instance":
        # A snapshot is encrypted as its instance is, with the instance's key.
        source = _sub(p, instances[0])
        encrypted = source.b("storage_encrypted") if encrypted is None else encrypted
        kms_key = kms_key or source.ref("kms_key_id", kinds=KMS)
    return {
        "source": None if copy else p.ref("db_instance_identifier", kinds=("rds_instance",)),
        "copy_of": p.ref("source_db_snapshot_identifier", kinds=("db_snapshot",)) if copy else None,
        # A copy given a key is re-encrypted with it.
        "encrypted": encrypted,
        "kms_key": kms_key,
        "public": "all" in shared if p.get("shared_accounts") is not ABSENT else None,
        "shared_with_accounts": [a for a in shared if a != "all"],
        "automated": False,  # Terraform creates manual snapshots only
        "exported_to": _sub(p, exports[0]).ref("s3_bucket_name", kinds=("s3_bucket",))
        if exports
        else None,
    }


def waf(p: TfProps) -> Fields:
    rules = p.get("rule")
    logging = p.attached("aws_wafv2_web_acl_logging_configuration", "resource_arn")
    return {
        "scope": p.s("scope"),
        "default_action": "block"
        if p.get("default_action", 0, "block") not in (ABSENT, [])
        else "allow",
        "rules": [str(dig(r, "name")) for r in rules if isinstance(dig(r, "name"), str)]
        if isinstance(rules, list)
        else [],
        "metrics_enabled": p.b("visibility_config", 0, "cloudwatch_metrics_enabled"),
        "logging_enabled": True if logging else _default(p, False),
    }


def kinesis(p: TfProps) -> Fields:
    encryption = p.s("encryption_type")
    return {
        "mode": p.s("stream_mode_details", 0, "stream_mode"),
        "shard_count": p.i("shard_count") or None,
        "encryption": encryption if encryption in ("NONE", "KMS") else None,
        "kms_key": p.ref("kms_key_id", kinds=KMS),
        "retention_hours": p.i("retention_period"),
    }


def state_machine(p: TfProps) -> Fields:
    return {
        "type": p.s("type"),
        "role": p.ref("role_arn", kinds=ROLE),
        "logging_level": p.s("logging_configuration", 0, "level"),
        "tracing": p.b("tracing_configuration", 0, "enabled"),
        "kms_key": p.ref("encryption_configuration", 0, "kms_key_id", kinds=KMS),
    }


def cognito(p: TfProps) -> Fields:
    mfa = p.s("mfa_configuration")
    mode = p.s("user_pool_add_ons", 0, "advanced_security_mode")
    protection = p.s("deletion_protection")
    return {
        "mfa": mfa if mfa in ("OFF", "ON", "OPTIONAL") else None,
        "advanced_security": mode in ("AUDIT", "ENFORCED") if mode else _default(p, False),
        "advanced_security_enforced": mode == "ENFORCED" if mode else _default(p, False),
        "password_min_length": p.i("password_policy", 0, "minimum_length"),
        "password_requires_all_classes": _all_true(
            [p.b("password_policy", 0, f"require_{c}") for c in _CLASSES]
        ),
        "temporary_password_days": p.i("password_policy", 0, "temporary_password_validity_days"),
        "deletion_protection": protection == "ACTIVE" if protection else _default(p, False),
    }


_CLASSES = ("lowercase", "uppercase", "numbers", "symbols")


def _all_true(values: list[bool | None]) -> bool | None:
    """False if any is False, True if all are True, else unknown."""
    if False in values:
        return False
    return True if all(values) else None


def backup_selection(p: TfProps) -> Fields:
    tags = p.get("selection_tag")
    return {
        "plan": p.ref("plan_id", kinds=("backup_plan",)),
        "resources": [r for r in p.refs("resources") if r != "*"],
        "role": p.ref("iam_role_arn", kinds=ROLE),
        "selection_tags": {
            key: str(to_str(dig(t, "value")) or "")
            for t in (tags if isinstance(tags, list) else [])
            if (key := to_str(dig(t, "key")))
        },
    }


def backup_plan(p: TfProps) -> Fields:
    rules = []
    raw = p.get("rule")
    for index, rule in enumerate(raw if isinstance(raw, list) else []):
        name = to_str(dig(rule, "rule_name"))
        if not name:
            continue
        copies = dig(rule, "copy_action")
        rules.append(
            {
                "name": name,
                "schedule": to_str(dig(rule, "schedule")),
                "retention_days": to_int(dig(rule, "lifecycle", 0, "delete_after")),
                "vault": p.ref("rule", index, "target_vault_name", kinds=("backup_vault",)),
                "copy_to": [
                    {
                        "vault": vault,
                        "retention_days": to_int(dig(c, "lifecycle", 0, "delete_after")),
                    }
                    for n, c in enumerate(copies if isinstance(copies, list) else [])
                    if (
                        vault := p.ref(
                            "rule",
                            index,
                            "copy_action",
                            n,
                            "destination_vault_arn",
                            kinds=("backup_vault",),
                        )
                    )
                ],
            }
        )
    return {"rules": rules}


def backup_vault(p: TfProps) -> Fields:
    locks = p.attached("aws_backup_vault_lock_configuration", "backup_vault_name")
    return {
        "kms_key": p.ref("kms_key_arn", kinds=KMS),
        "locked": True if locks else _default(p, False),
    }


def alarm(p: TfProps) -> Fields:
    return {
        "namespace": p.s("namespace"),
        "metric": p.s("metric_name"),
        "statistic": p.s("statistic"),
        "threshold": to_float(p.get("threshold")),
        "comparison": p.s("comparison_operator"),
        "monitors": p.refs("dimensions"),
        "actions": p.refs("alarm_actions", kinds=("sns_topic",)),
    }


# --- Auto Scaling, Elastic Beanstalk, MSK, EventBridge buses, CodePipeline, CodeBuild -------
def _profile_role(p: TfProps, profile: TfResource | None) -> str | None:
    return _sub(p, profile).ref("role", kinds=ROLE) if profile is not None else None


def _named(p: TfProps, tf_type: str, *path: str | int) -> TfResource | None:
    """The resource of a type the argument at ``path`` references (configuration first)."""
    expression = _expression_at(p.res.expressions, path)
    for res in p.index.references(expression, p.res):
        if res.type == tf_type:
            return res
    value = p.get(*path)
    address = p.index.by_value.get(value) if isinstance(value, str) else None
    found = p.index.resources.get(address) if address else None
    return found if found is not None and found.type == tf_type else None


def _required_tokens(lt: TfProps) -> bool | None:
    tokens = lt.s("metadata_options", 0, "http_tokens")
    return None if tokens not in ("required", "optional") else tokens == "required"


def _asks_public_ip(lt: TfProps) -> bool | None:
    # associate_public_ip_address of a launch template is a string ("true", "false" or unset).
    interfaces = lt.get("network_interfaces")
    if not isinstance(interfaces, list):
        return None
    value = dig(interfaces, 0, "associate_public_ip_address")
    return to_bool(value) is True


def launch_template(p: TfProps) -> Fields:
    """The template's arguments: the version Terraform makes default (update_default_version)
    or the first one; `encrypted` of a mapping is a string ("true", "false" or unset)."""
    interfaces = p.get("network_interfaces")
    mappings = p.get("block_device_mappings")
    volumes = [
        dig(m, "ebs", 0)
        for m in (mappings if isinstance(mappings, list) else [])
        if isinstance(dig(m, "ebs", 0), dict)
    ]
    return {
        "instance_type": p.s("instance_type"),
        "imdsv2_required": _required_tokens(p),
        "public_ip": any(
            to_bool(dig(i, "associate_public_ip_address")) is True
            for i in (interfaces if isinstance(interfaces, list) else [])
        ),
        "ebs_encryption": ebs_encryption([to_bool(dig(v, "encrypted")) for v in volumes])
        if mappings is not ABSENT
        else None,
    }


def autoscaling_group(p: TfProps) -> Fields:
    mixed = ("mixed_instances_policy", 0, "launch_template", 0, "launch_template_specification", 0)
    template = (
        _named(p, "aws_launch_template", "launch_template", 0, "id")
        or _named(p, "aws_launch_template", "launch_template", 0, "name")
        or _named(p, "aws_launch_template", *mixed, "launch_template_id")
        or _named(p, "aws_launch_template", *mixed, "launch_template_name")
    )
    lt = _sub(p, template) if template else None
    if lt is None:
        legacy = _named(p, "aws_launch_configuration", "launch_configuration")
        if legacy is not None:
            return _launch_configuration_group(p, _sub(p, legacy))
    profile = (
        _named(lt, "aws_iam_instance_profile", "iam_instance_profile", 0, "name")
        or _named(lt, "aws_iam_instance_profile", "iam_instance_profile", 0, "arn")
        if lt
        else None
    )
    return {
        **_group_sizes(p),
        "multiple_instance_types": _multiple_types(p),
        "instance_type": lt.s("instance_type") if lt else None,
        "imdsv2_required": _required_tokens(lt) if lt else None,
        "public_ip": _asks_public_ip(lt) if lt else None,
        "role": _profile_role(p, profile),
        "security_groups": lt.refs("vpc_security_group_ids", kinds=SG) if lt else [],
    }


def _multiple_types(p: TfProps) -> bool | None:
    """Two or more instance types among the mixed instances policy's overrides, or
    attribute-based selection (instance_requirements)."""
    policy = p.get("mixed_instances_policy")
    if not isinstance(policy, list):
        return None if p.configured("mixed_instances_policy") else _default(p, False)
    overrides = dig(policy, 0, "launch_template", 0, "override")
    overrides = overrides if isinstance(overrides, list) else []
    if any(dig(o, "instance_requirements") not in (ABSENT, None, []) for o in overrides):
        return True
    types = [to_str(dig(o, "instance_type")) for o in overrides]
    if len({t for t in types if t}) >= 2:
        return True
    return None if None in types else False


def _group_sizes(p: TfProps) -> Fields:
    return {
        "min_size": p.i("min_size"),
        "max_size": p.i("max_size"),
        "desired_capacity": p.i("desired_capacity"),
        "health_check_type": p.s("health_check_type"),
        "subnets": p.refs("vpc_zone_identifier", kinds=SUBNET),
    }


def _launch_configuration_group(p: TfProps, lc: TfProps) -> Fields:
    """A group launched from an aws_launch_configuration (the same facts, older arguments)."""
    profile = _named(lc, "aws_iam_instance_profile", "iam_instance_profile")
    return {
        **_group_sizes(p),
        "multiple_instance_types": False,  # a launch configuration has one instance type
        "instance_type": lc.s("instance_type"),
        "imdsv2_required": _required_tokens(lc),
        "public_ip": lc.b("associate_public_ip_address"),
        "role": _profile_role(p, profile),
        "security_groups": lc.refs("security_groups", kinds=SG),
    }


def beanstalk_environment(p: TfProps) -> Fields:
    """`setting` blocks as written; their meaning is decided in collectors.beanstalk."""
    blocks = p.get("setting")
    settings = [
        (str(dig(block, "namespace")), str(dig(block, "name")), dig(block, "value"))
        for block in (blocks if isinstance(blocks, list) else [])
    ]
    config_blocks = p.res.expressions.get("setting")
    # A block whose value is known only after apply may be missing from the planned set; the
    # configuration still says it is set (its value unknown, its references known).
    planned = {(n, o) for n, o, _v in settings}
    for block in config_blocks if isinstance(config_blocks, list) else []:
        namespace = dig(block, "namespace", "constant_value")
        name = dig(block, "name", "constant_value")
        if (
            isinstance(namespace, str)
            and isinstance(name, str)
            and (namespace, name) not in planned
        ):
            settings.append((namespace, name, None))
    fields, refs = beanstalk_fields(settings, p.s("tier"))

    def referenced(field: str) -> list[TfResource]:
        """What the applying setting's value references; the plan's settings are a set, so the
        configuration's block is matched by namespace and name."""
        if field not in refs:
            return []
        namespace, name, _value = settings[refs[field]]
        for block in config_blocks if isinstance(config_blocks, list) else []:
            if (
                dig(block, "namespace", "constant_value") == namespace
                and dig(block, "name", "constant_value") == name
            ):
                return p.index.references(dig(block, "value"), p.res)
        return []

    def ids(field: str, *kinds: str) -> list[str]:
        found = []
        for res in referenced(field):
            rid = p.index.model_ids.get(res.address)
            if rid and (not kinds or p.index.kind_of(res.address) in kinds):
                found.append(rid)
        return found

    profiles = [r for r in referenced("instance_profile") if r.type == "aws_iam_instance_profile"]
    return {
        "application": p.s("application"),
        "platform": p.s("solution_stack_name") or p.s("platform_arn"),
        **fields,
        "role": _profile_role(p, profiles[0]) if profiles else None,
        "subnets": ids("subnets", *SUBNET),
        "security_groups": ids("security_groups", *SG),
    }


def msk_cluster(p: TfProps) -> Fields:
    brokers = ("broker_node_group_info", 0)
    transit = ("encryption_info", 0, "encryption_in_transit", 0)
    logs = p.get("logging_info", 0, "broker_logs", 0)
    public = p.s(*brokers, "connectivity_info", 0, "public_access", 0, "type")
    auth = p.get("client_authentication")
    return {
        "kafka_version": p.s("kafka_version"),
        "broker_instance_type": p.s(*brokers, "instance_type"),
        "broker_count": p.i("number_of_broker_nodes"),
        "storage_gb_per_broker": p.i(
            *brokers, "storage_info", 0, "ebs_storage_info", 0, "volume_size"
        ),
        "client_broker_encryption": p.s(*transit, "client_broker")
        or _default(p, "TLS" if p.get("encryption_info") in ([], ABSENT) else None),
        "in_cluster_encryption": p.b(*transit, "in_cluster")
        if p.get(*transit) not in (ABSENT, None)
        else _default(p, True),
        "kms_key": p.ref("encryption_info", 0, "encryption_at_rest_kms_key_arn", kinds=KMS),
        "public_access": None if public is None else public != "DISABLED",
        # Without any client authentication, MSK lets unauthenticated clients in.
        "unauthenticated_access": p.b("client_authentication", 0, "unauthenticated")
        if isinstance(auth, list) and auth
        else (_default(p, True) if auth == [] else None),
        "broker_logging": any(
            to_bool(dig(logs, dest, 0, "enabled"), default=False)
            for dest in ("cloudwatch_logs", "firehose", "s3")
        )
        if isinstance(logs, dict)
        else _default(p, False if p.get("logging_info") == [] else None),
        "subnets": p.refs(*brokers, "client_subnets", kinds=SUBNET),
        "security_groups": p.refs(*brokers, "security_groups", kinds=SG),
    }


def eventbridge_bus(p: TfProps) -> Fields:
    archives = p.attached("aws_cloudwatch_event_archive", "event_source_arn")
    policies = p.attached("aws_cloudwatch_event_bus_policy", "event_bus_name")
    return {
        "kms_key": p.ref("kms_key_identifier", kinds=KMS),
        "archive_enabled": True if archives else _default(p, False),
        "policy": _sub(p, policies[0]).policy("policy") if policies else None,
        "has_policy": True if policies else _default(p, False),
    }


def codepipeline(p: TfProps) -> Fields:
    stages = p.get("stage")
    return {
        "stages": [
            s for s in (to_str(dig(st, "name")) for st in stages if isinstance(st, dict)) if s
        ]
        if isinstance(stages, list)
        else [],
        "artifact_bucket": p.ref("artifact_store", 0, "location", kinds=("s3_bucket",)),
        "role": p.ref("role_arn", kinds=ROLE),
        "kms_key": p.ref("artifact_store", 0, "encryption_key", 0, "id", kinds=KMS),
    }


def codebuild(p: TfProps) -> Fields:
    variables = p.get("environment", 0, "environment_variable")
    logs_config = p.get("logs_config")
    if isinstance(logs_config, list):
        # CloudWatch Logs are on unless logs_config turns them off.
        cloudwatch = dig(logs_config, 0, "cloudwatch_logs", 0, "status")
        s3 = dig(logs_config, 0, "s3_logs", 0, "status")
        logging: bool | None = cloudwatch != "DISABLED" or s3 == "ENABLED"
        disabled = dig(logs_config, 0, "s3_logs", 0, "encryption_disabled")
        s3_encrypted: bool | None = disabled is not True
    else:
        logging = s3_encrypted = None
    return {
        "image": p.s("environment", 0, "image"),
        "compute_type": p.s("environment", 0, "compute_type"),
        "privileged_mode": p.b("environment", 0, "privileged_mode"),
        "role": p.ref("service_role", kinds=ROLE),
        "kms_key": p.ref("encryption_key", kinds=KMS),
        "logging_enabled": logging,
        "s3_logs_encrypted": s3_encrypted,
        "plaintext_environment": sorted(
            str(dig(v, "name"))
            for v in (variables if isinstance(variables, list) else [])
            if dig(v, "type") in (None, "PLAINTEXT") and isinstance(dig(v, "name"), str)
        ),
    }


Mapper = Callable[[TfProps], Fields]

MAPPERS: dict[str, Mapper] = {
    "aws_s3_bucket": s3_bucket,
    "aws_db_instance": db_instance,
    "aws_rds_cluster": rds_cluster,
    "aws_db_proxy": db_proxy,
    "aws_dynamodb_table": dynamodb_table,
    "aws_lambda_function": lambda_function,
    "aws_instance": instance,
    "aws_vpc": vpc,
    "aws_subnet": subnet,
    "aws_internet_gateway": internet_gateway,
    "aws_nat_gateway": nat_gateway,
    "aws_security_group": security_group,
    "aws_vpc_endpoint": vpc_endpoint,
    "aws_cloudfront_distribution": cloudfront,
    "aws_api_gateway_rest_api": rest_api,
    "aws_apigatewayv2_api": http_api,
    "aws_lb": load_balancer,
    "aws_alb": load_balancer,
    "aws_sqs_queue": sqs_queue,
    "aws_sns_topic": sns_topic,
    "aws_kms_key": kms_key,
    "aws_secretsmanager_secret": secret,
    "aws_iam_role": iam_role,
    "aws_iam_policy": iam_policy,
    "aws_cloudwatch_log_group": log_group,
    "aws_cloudwatch_event_rule": eventbridge_rule,
    "aws_cloudwatch_metric_alarm": alarm,
    "aws_efs_file_system": efs,
    "aws_ebs_volume": ebs,
    "aws_ebs_snapshot": ebs_snapshot,
    "aws_ebs_snapshot_copy": ebs_snapshot,
    "aws_elasticache_replication_group": elasticache,
    "aws_elasticache_cluster": elasticache,
    "aws_opensearch_domain": opensearch,
    "aws_elasticsearch_domain": opensearch,
    "aws_cloudtrail": cloudtrail,
    "aws_eks_cluster": eks,
    "aws_ecs_service": ecs_service,
    "aws_iam_user": iam_user,
    "aws_iam_group": iam_group,
    "aws_wafv2_web_acl": waf,
    "aws_kinesis_stream": kinesis,
    "aws_sfn_state_machine": state_machine,
    "aws_backup_vault": backup_vault,
    "aws_backup_plan": backup_plan,
    "aws_backup_selection": backup_selection,
    "aws_cognito_user_pool": cognito,
    "aws_shield_protection": shield_protection,
    "aws_route53_zone": route53_zone,
    "aws_db_snapshot": db_snapshot,
    "aws_db_snapshot_copy": db_snapshot,
    "aws_autoscaling_group": autoscaling_group,
    "aws_launch_template": launch_template,
    "aws_elastic_beanstalk_environment": beanstalk_environment,
    "aws_msk_cluster": msk_cluster,
    "aws_cloudwatch_event_bus": eventbridge_bus,
    "aws_codepipeline": codepipeline,
    "aws_codebuild_project": codebuild,
}

# Types read into the resource they attach to rather than kinds of their own.
AUXILIARY = frozenset(
    {
        "aws_network_interface_attachment",
        "aws_rds_cluster_parameter_group",
        "aws_s3_bucket_versioning",
        "aws_s3_bucket_server_side_encryption_configuration",
        "aws_s3_bucket_public_access_block",
        "aws_s3_bucket_policy",
        "aws_s3_bucket_logging",
        "aws_s3_bucket_lifecycle_configuration",
        "aws_s3_bucket_ownership_controls",
        "aws_s3_bucket_website_configuration",
        "aws_s3_bucket_replication_configuration",
        "aws_s3_bucket_object_lock_configuration",
        "aws_s3_bucket_acl",
        "aws_db_subnet_group",
        "aws_volume_attachment",
        "aws_snapshot_create_volume_permission",
        "aws_elasticache_subnet_group",
        "aws_db_parameter_group",
        "aws_db_proxy_target",
        "aws_db_proxy_default_target_group",
        "aws_lambda_permission",
        "aws_sns_topic_policy",
        "aws_sqs_queue_policy",
        "aws_lambda_function_url",
        "aws_lambda_event_source_mapping",
        "aws_appautoscaling_target",
        "aws_appautoscaling_policy",
        "aws_kms_alias",
        "aws_secretsmanager_secret_rotation",
        "aws_secretsmanager_secret_version",
        "aws_vpc_security_group_ingress_rule",
        "aws_vpc_security_group_egress_rule",
        "aws_security_group_rule",
        "aws_route_table",
        "aws_route_table_association",
        "aws_route",
        "aws_flow_log",
        "aws_eip",
        "aws_iam_role_policy_attachment",
        "aws_iam_role_policy",
        "aws_iam_instance_profile",
        "aws_iam_access_key",
        "aws_rds_export_task",
        "aws_route53_record",
        "aws_route53_query_log",
        "aws_launch_configuration",
        "aws_rds_cluster_instance",
        "aws_api_gateway_vpc_link",
        "aws_iam_user_policy",
        "aws_elastic_beanstalk_application",
        "aws_cloudwatch_event_archive",
        "aws_cloudwatch_event_bus_policy",
        "aws_api_gateway_stage",
        "aws_api_gateway_deployment",
        "aws_api_gateway_method",
        "aws_api_gateway_method_settings",
        "aws_api_gateway_integration",
        "aws_api_gateway_resource",
        "aws_apigatewayv2_stage",
        "aws_apigatewayv2_route",
        "aws_apigatewayv2_integration",
        "aws_cloudwatch_event_target",
        "aws_cloudfront_origin_access_control",
        "aws_lb_listener",
        "aws_lb_listener_rule",
        "aws_lb_target_group",
        "aws_lb_target_group_attachment",
        "aws_wafv2_web_acl_association",
        "aws_wafv2_web_acl_logging_configuration",
        "aws_efs_backup_policy",
        "aws_efs_mount_target",
        "aws_secretsmanager_secret_policy",
        "aws_opensearch_domain_policy",
        "aws_elasticsearch_domain_policy",
        "aws_lambda_provisioned_concurrency_config",
        "aws_ecs_task_definition",
        "aws_ecs_cluster",
        "aws_iam_user_login_profile",
        "aws_iam_user_policy_attachment",
        "aws_iam_group_policy",
        "aws_iam_group_policy_attachment",
        "aws_iam_group_membership",
        "aws_iam_user_group_membership",
        "aws_iam_policy_attachment",
        "aws_backup_vault_lock_configuration",
    }
)
