"""Secrets Manager secrets: automatic rotation."""

from __future__ import annotations

from archcode.model.kinds.security import SecretsManagerSecret
from archcode.rules.base import Category, Frameworks, Remediation, Severity, Verdict, expect
from archcode.rules.context import Context
from archcode.rules.registry import resource_rule


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
            "resource \"aws_secretsmanager_secret_rotation\" \"secret\" {\n"
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
