"""Security and identity kinds: keys, secrets, IAM, WAF, Shield, Cognito."""

# Annotations are evaluated as the class is made, not kept as strings (no `from __future__
# import annotations`): pydantic would parse and evaluate each string again (issue 17).

from datetime import date
from typing import Annotated, Literal

from pydantic import Field

from archcode.model.base import Resource, Strict, StrList, ref
from archcode.model.iam import PolicyDocument

KmsRef = Annotated[str | None, ref("encrypted_by", "kms_key")]
PolicyRefs = Annotated[StrList, ref("has_policy", "iam_policy")]
_INLINE = "Inline policies by name; null: the policy exists but its document was not read."


class KmsKey(Resource):
    kind: Literal["kms_key"] = "kms_key"
    manager: Literal["customer", "aws"] = "customer"
    rotation_enabled: bool | None = None
    multi_region: bool | None = None
    key_spec: str | None = Field(default=None, examples=["SYMMETRIC_DEFAULT"])
    aliases: StrList = Field(default_factory=list)
    pending_deletion: bool | None = None
    policy: PolicyDocument | None = None


class SecretsManagerSecret(Resource):
    """A secret's metadata only: archcode never reads or stores a secret's value."""

    kind: Literal["secrets_manager_secret"] = "secrets_manager_secret"
    kms_key: KmsRef = None
    rotation_enabled: bool | None = None
    rotation_days: int | None = Field(default=None, ge=1, le=1000)
    rotation_function: Annotated[str | None, ref("rotated_by", "lambda_function")] = None
    replica_regions: StrList = Field(default_factory=list)
    policy: PolicyDocument | None = None
    last_accessed_date: date | None = Field(
        default=None,
        description="The day the secret's value was last retrieved (LastAccessedDate; live "
        "discovery only, no template or plan knows it).",
    )
    created_date: date | None = Field(
        default=None, description="The day the secret was created (CreatedDate)."
    )


class IamRole(Resource):
    kind: Literal["iam_role"] = "iam_role"
    path: str = "/"
    trust_policy: PolicyDocument | None = Field(
        default=None, description="Who may assume the role (AssumeRolePolicyDocument)."
    )
    managed_policies: PolicyRefs = Field(default_factory=list)
    managed_policy_arns: StrList = Field(
        default_factory=list, description="AWS managed policies attached by ARN."
    )
    inline_policies: dict[str, PolicyDocument | None] = Field(
        default_factory=dict, description=_INLINE
    )
    permissions_boundary: str | None = None
    max_session_hours: float | None = Field(default=None, ge=1, le=12)


class IamPolicy(Resource):
    kind: Literal["iam_policy"] = "iam_policy"
    aws_managed: bool = False
    document: PolicyDocument


class AccessKey(Strict):
    """Metadata of an access key; the key id and secret are never part of the model."""

    active: bool = True
    age_days: int | None = Field(default=None, ge=0)
    last_used_days: int | None = Field(default=None, ge=0)


class IamGroup(Resource):
    """Its policies count for every user in it (the users name their groups)."""

    kind: Literal["iam_group"] = "iam_group"
    managed_policies: PolicyRefs = Field(default_factory=list)
    managed_policy_arns: StrList = Field(
        default_factory=list, description="AWS managed policies attached by ARN."
    )
    inline_policies: dict[str, PolicyDocument | None] = Field(
        default_factory=dict, description=_INLINE
    )


class IamUser(Resource):
    kind: Literal["iam_user"] = "iam_user"
    managed_policies: PolicyRefs = Field(default_factory=list)
    managed_policy_arns: StrList = Field(default_factory=list)
    inline_policies: dict[str, PolicyDocument | None] = Field(
        default_factory=dict, description=_INLINE
    )
    groups: StrList = Field(
        default_factory=list,
        description="IAM groups the user is in, by model id or group name; an iam_group "
        "resource of that id or name lends the user its policies.",
    )
    console_access: bool | None = None
    mfa_enabled: bool | None = None
    access_keys: list[AccessKey] = Field(default_factory=list)


class WafWebAcl(Resource):
    kind: Literal["waf_web_acl"] = "waf_web_acl"
    scope: Literal["REGIONAL", "CLOUDFRONT"] = "REGIONAL"
    default_action: Literal["allow", "block"] = "allow"
    rules: StrList = Field(default_factory=list, description="Rule and managed rule group names.")
    logging_enabled: bool | None = None
    metrics_enabled: bool | None = None


class ShieldProtection(Resource):
    kind: Literal["shield_protection"] = "shield_protection"
    advanced: bool = True
    protects: Annotated[StrList, ref("protects")] = Field(default_factory=list)


class CognitoUserPool(Resource):
    kind: Literal["cognito_user_pool"] = "cognito_user_pool"
    mfa: Literal["OFF", "ON", "OPTIONAL"] | None = None
    advanced_security: bool | None = None
    advanced_security_enforced: bool | None = Field(
        default=None,
        description="Threat protection (advanced security) acts on risky sign-ins (ENFORCED "
        "mode), not only reports them (AUDIT).",
    )
    password_min_length: int | None = Field(default=None, ge=6, le=99)
    password_requires_all_classes: bool | None = Field(
        default=None,
        description="The password policy requires a lowercase letter, an uppercase letter, a "
        "number and a symbol.",
    )
    temporary_password_days: int | None = Field(default=None, ge=0, le=365)
    deletion_protection: bool | None = None
    monthly_active_users: int | None = Field(default=None, ge=0)
