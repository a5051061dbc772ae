"""The Cognito user pool kind (cognito_user_pool)."""

# Annotations are evaluated as the class is made, not kept as strings (no `from __future__
# import annotations`): pydantic would parse and evaluate each string again (issue 17).

from typing import Literal

from pydantic import Field

from archcode.model.base import Resource


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
