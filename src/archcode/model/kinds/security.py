"""Security and identity kinds: keys, secrets, IAM, WAF, Shield, Cognito.

One module per kind (kinds/<kind>.py); this module re-exports its group's, for
the collectors, pricers, renderers and tests that import them by group. Nothing on the
`archcode check` path imports it: that would build every class of the group."""

from archcode.model.kinds._shared import KmsRef, PolicyRefs
from archcode.model.kinds.cognito_user_pool import CognitoUserPool
from archcode.model.kinds.iam_group import IamGroup
from archcode.model.kinds.iam_policy import IamPolicy
from archcode.model.kinds.iam_role import IamRole
from archcode.model.kinds.iam_user import AccessKey, IamUser
from archcode.model.kinds.kms_key import KmsKey
from archcode.model.kinds.secrets_manager_secret import SecretsManagerSecret
from archcode.model.kinds.shield_protection import ShieldProtection
from archcode.model.kinds.waf_web_acl import WafWebAcl

__all__ = [
    "AccessKey",
    "CognitoUserPool",
    "IamGroup",
    "IamPolicy",
    "IamRole",
    "IamUser",
    "KmsKey",
    "KmsRef",
    "PolicyRefs",
    "SecretsManagerSecret",
    "ShieldProtection",
    "WafWebAcl",
]
