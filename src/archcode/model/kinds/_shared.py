"""What several kinds, or code that needs no kind's model class, share: reference
annotations, value vocabularies and the helpers the sources use to fill fields."""

# Annotations are evaluated as the class is made, not kept as strings (no `from __future__
# import annotations`): pydantic would parse and evaluate each string again (issue 17).

from typing import Annotated, Any, Literal

from pydantic import BeforeValidator

from archcode.model.base import StrList, ref

RouteTarget = Literal[
    "internet_gateway",
    "egress_only_internet_gateway",
    "nat_gateway",
    "transit_gateway",
    "vpc_peering",
    "vpc_endpoint",
    "vpn_gateway",
    "network_interface",
    "instance",
    "local",
    "other",
]


ViewerProtocolPolicy = Literal["allow-all", "redirect-to-https", "https-only"]


_VIEWER_ORDER: tuple[str, ...] = ("allow-all", "redirect-to-https", "https-only")


def weakest_viewer_policy(policies: list[str | None]) -> str | None:
    """A distribution is as strict as its weakest cache behavior (default or path pattern):
    one allow-all behavior accepts plain HTTP; a behavior not known leaves it unknown."""
    if "allow-all" in policies:
        return "allow-all"
    known = [p for p in policies if p in _VIEWER_ORDER]
    if not policies or len(known) < len(policies):
        return None
    return min(known, key=_VIEWER_ORDER.index)


def _names_only(value: Any) -> Any:
    # Environment values may be secrets: the model keeps the variable names and drops the values.
    if isinstance(value, dict):
        return sorted(str(k) for k in value)
    return value


EnvNames = Annotated[list[str], BeforeValidator(_names_only)]


EbsEncryption = Literal["encrypted", "unencrypted", "unstated", "no_volumes"]


def ebs_encryption(encrypted: list[bool | None]) -> EbsEncryption:
    """What a template's EBS volumes say of encryption, from each one's Encrypted (None: not
    stated); every source reads the mappings its own way and decides here."""
    if False in encrypted:
        return "unencrypted"
    if None in encrypted:
        return "unstated"
    return "encrypted" if encrypted else "no_volumes"


KmsRef = Annotated[str | None, ref("encrypted_by", "kms_key")]


# The port an engine listens on when none is given (AWS::RDS::DBInstance Port, CreateDBInstance).
RDS_DEFAULT_PORTS = {
    "postgres": 5432,
    "aurora-postgresql": 5432,
    "mysql": 3306,
    "mariadb": 3306,
    "aurora": 3306,
    "aurora-mysql": 3306,
    "oracle": 1521,
    "sqlserver": 1433,
    "db2": 50000,
}


def rds_default_port(engine: str | None) -> int | None:
    """The engine's default port (oracle-ee as oracle, sqlserver-se as sqlserver)."""
    if engine is None:
        return None
    engine = engine.lower()
    return RDS_DEFAULT_PORTS.get(engine) or RDS_DEFAULT_PORTS.get(engine.split("-")[0])


# What `autoscaling` means: both capacity dimensions of the table itself are registered with
# Application Auto Scaling and have a scaling policy (a global secondary index's are its own).
DYNAMODB_SCALED_DIMENSIONS = frozenset(
    {"dynamodb:table:ReadCapacityUnits", "dynamodb:table:WriteCapacityUnits"}
)


AclPermission = Literal["READ", "WRITE", "READ_ACP", "WRITE_ACP", "FULL_CONTROL"]


# The ACL grantee groups that make a grant public: anyone, and any AWS account.
PUBLIC_ACL_GROUPS = frozenset(
    {
        "http://acs.amazonaws.com/groups/global/AllUsers",
        "http://acs.amazonaws.com/groups/global/AuthenticatedUsers",
    }
)


# What each canned ACL grants the public groups (CloudFormation AccessControl, the API's
# x-amz-acl and Terraform's acl written without case or dashes).
_CANNED: dict[str, list[AclPermission]] = {
    "private": [],
    "publicread": ["READ"],
    "publicreadwrite": ["READ", "WRITE"],
    "authenticatedread": ["READ"],
    "awsexecread": [],
    "bucketownerread": [],
    "bucketownerfullcontrol": [],
    "logdeliverywrite": [],
}


def canned_acl_grants(acl: str) -> list[AclPermission] | None:
    """The permissions a canned ACL grants the public groups; None: not a canned ACL."""
    return _CANNED.get(acl.replace("-", "").replace("_", "").lower())


def acl_public(permissions: list[AclPermission] | None) -> tuple[bool | None, bool | None]:
    """(public read, public write) from what an ACL grants the public groups (None: not
    known), as S3.2 and S3.3 read them."""
    if permissions is None:
        return None, None
    return (
        bool({"READ", "FULL_CONTROL"} & set(permissions)),
        bool({"WRITE", "FULL_CONTROL"} & set(permissions)),
    )


def public_grants(grants: list[tuple[str | None, str | None]]) -> list[AclPermission]:
    """The permissions of (grantee group URI, permission) grants that go to a public group."""
    found: list[AclPermission] = []
    for uri, permission in grants:
        for known in ("READ", "WRITE", "READ_ACP", "WRITE_ACP", "FULL_CONTROL"):
            if uri in PUBLIC_ACL_GROUPS and permission == known and known not in found:
                found.append(known)
    return found


ReadWrite = Literal["All", "ReadOnly", "WriteOnly"]


def read_write(value: object) -> ReadWrite | None:
    """A selector's ReadWriteType as the model holds it (None: not one of AWS's values)."""
    for known in ("All", "ReadOnly", "WriteOnly"):
        if value == known:
            return known
    return None


def management_read_write(selectors: list[tuple[bool, ReadWrite | None]]) -> ReadWrite | None:
    """Which management events a trail's selectors log together, from each selector's (logs
    management events, read/write type; None: not known). None when no selector logs them or
    one's type is not known. Every source turns its own selectors into these pairs."""
    types = {rw for logs, rw in selectors if logs}
    if not types or None in types:
        return None
    if "All" in types or {"ReadOnly", "WriteOnly"} <= types:
        return "All"
    return "ReadOnly" if "ReadOnly" in types else "WriteOnly"


def advanced_selector(
    fields: dict[str, tuple[list[str], list[str]]],
) -> tuple[bool, ReadWrite | None]:
    """An advanced event selector as (logs management events, read/write type), from its field
    selectors: field -> (Equals, NotEquals) values."""
    category = fields.get("eventCategory", ([], []))
    if "Management" not in category[0]:
        return False, None
    equals, not_equals = fields.get("readOnly", ([], []))
    if not equals and not not_equals:
        return True, "All"
    read_only = (equals == ["true"]) or (not_equals == ["false"])
    write_only = (equals == ["false"]) or (not_equals == ["true"])
    return True, "ReadOnly" if read_only else "WriteOnly" if write_only else None


PolicyRefs = Annotated[StrList, ref("has_policy", "iam_policy")]


INLINE_POLICIES_DOC = (
    "Inline policies by name; null: the policy exists but its document was not read."
)
