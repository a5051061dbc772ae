"""Secrets Manager secrets: automatic rotation, and no secret left unused."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

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
    from archcode.model.kinds.secrets_manager_secret import SecretsManagerSecret


@resource_rule(
    id="secretsmanager-secret-rotation",
    title="Secrets Manager secrets have automatic rotation enabled",
    severity=Severity.MEDIUM,
    category=Category.SECRETS,
    kinds=("secrets_manager_secret",),
    frameworks=Frameworks(security_hub=("SecretsManager.1",), well_architected=("SEC02-BP03",)),
    rationale="A credential that never changes stays valid wherever it leaked to; rotation "
    "bounds that window without an application change.",
    remediation=Remediation(
        text="Enable rotation with a rotation function (managed rotation for RDS secrets).",
        yaml="rotation_enabled: true\nrotation_days: 30\nrotation_function: rotate-db-secret",
        cloudformation="Type: AWS::SecretsManager::RotationSchedule\nProperties:\n"
        "  SecretId: !Ref Secret\n  RotationLambdaARN: !GetAtt Rotator.Arn\n"
        "  RotationRules: {AutomaticallyAfterDays: 30}",
        terraform=(
            'resource "aws_secretsmanager_secret_rotation" "secret" {\n'
            "  secret_id           = aws_secretsmanager_secret.secret.id\n"
            "  rotation_lambda_arn = aws_lambda_function.rotator.arn\n"
            "  rotation_rules {\n"
            "    automatically_after_days = 30\n"
            "  }\n"
            "}"
        ),
    ),
    per_account=True,
)
def secretsmanager_secret_rotation(secret: SecretsManagerSecret, ctx: Context) -> Verdict:
    return expect(secret.rotation_enabled, "rotation_enabled", "automatic rotation is off")


# Security Hub SecretsManager.3's default unusedForDays.
UNUSED_DAYS = 90


@resource_rule(
    id="secretsmanager-secret-used",
    title="Secrets Manager secrets have been used in the last 90 days",
    severity=Severity.MEDIUM,
    category=Category.LEAST_PRIVILEGE,
    kinds=("secrets_manager_secret",),
    frameworks=Frameworks(security_hub=("SecretsManager.3",), well_architected=("SEC02-BP03",)),
    rationale="A secret nothing reads is a credential kept alive for no one: it still opens "
    "whatever it guards, and costs money. Like SecretsManager.3 (unusedForDays 90) it fails a "
    "secret whose value was last retrieved, or, never retrieved, created, more than 90 days "
    "ago. Only a discovered model knows this: from a template or plan it is UNKNOWN.",
    remediation=Remediation(
        text="Delete the secret (with a recovery window) once nothing uses it, or find out "
        "why its consumers stopped reading it. Not a template setting: it is how the secret "
        "is used.",
        yaml="last_accessed_date: 2026-11-30  # as discovery reads it",
        cloudformation="# Remove the AWS::SecretsManager::Secret from the template once "
        "nothing reads it (deletion keeps a 7 to 30 day recovery window).",
        terraform="# Remove the aws_secretsmanager_secret once nothing reads it\n"
        "# (recovery_window_in_days keeps it restorable for 7 to 30 days).",
    ),
)
def secretsmanager_secret_used(secret: SecretsManagerSecret, ctx: Context) -> Verdict:
    seen = secret.last_accessed_date or secret.created_date
    if seen is None:
        return Verdict(
            Outcome.UNKNOWN,
            "when the secret was last retrieved is not known (last_accessed_date: live "
            "discovery reads it; a template or plan cannot say)",
        )
    idle = (datetime.now(UTC).date() - seen).days
    what = "last retrieved" if secret.last_accessed_date else "never retrieved, created"
    if idle > UNUSED_DAYS:
        return failed(f"{what} {idle} days ago (more than {UNUSED_DAYS})")
    return passed(f"{what} {idle} days ago")
