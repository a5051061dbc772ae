"""KMS keys: automatic rotation of customer managed keys."""

from __future__ import annotations

from typing import TYPE_CHECKING

from archcode.rules.base import (
    Category,
    Frameworks,
    Remediation,
    Severity,
    Verdict,
    expect,
    not_applicable,
)
from archcode.rules.context import Context
from archcode.rules.registry import resource_rule

if TYPE_CHECKING:
    from archcode.model.kinds.kms_key import KmsKey


@resource_rule(
    id="kms-key-rotation",
    title="Customer managed symmetric KMS keys rotate automatically",
    severity=Severity.MEDIUM,
    category=Category.ENCRYPTION,
    kinds=("kms_key",),
    frameworks=Frameworks(security_hub=("KMS.4",), cis=("3.6",), well_architected=("SEC08-BP01",)),
    rationale="Rotation limits how much data one key version protects and how long a leaked "
    "version stays useful; AWS keeps old versions, so nothing needs re-encrypting.",
    remediation=Remediation(
        text="Enable automatic key rotation.",
        yaml="rotation_enabled: true",
        cloudformation="EnableKeyRotation: true",
        terraform="enable_key_rotation = true",
    ),
    per_account=True,
)
def kms_key_rotation(key: KmsKey, ctx: Context) -> Verdict:
    if key.manager == "aws":
        return not_applicable("AWS managed keys are rotated by AWS")
    if key.key_spec not in (None, "SYMMETRIC_DEFAULT"):
        return not_applicable(f"{key.key_spec} keys cannot rotate automatically")
    return expect(key.rotation_enabled, "rotation_enabled", "automatic rotation is off")
