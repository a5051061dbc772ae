"""Secrets belong in Secrets Manager, not in environment variables.

The model keeps environment variable names only (values are dropped at load time), so this
judges names: a variable called DB_PASSWORD holds a password; one called DB_PASSWORD_ARN or
DB_SECRET_NAME points at Secrets Manager and is what we want.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from archcode.model.base import Resource
from archcode.rules.base import (
    Category,
    Frameworks,
    Outcome,
    Remediation,
    Severity,
    Verdict,
    failed,
    none_found,
)
from archcode.rules.context import Context
from archcode.rules.registry import resource_rule

if TYPE_CHECKING:
    from archcode.model.kinds.codebuild_project import CodebuildProject
    from archcode.model.kinds.ecs_service import EcsService
    from archcode.model.kinds.elastic_beanstalk_environment import ElasticBeanstalkEnvironment
    from archcode.model.kinds.lambda_function import LambdaFunction
else:
    from archcode.model.kinds.lazy import (
        CodebuildProject,
        EcsService,
        ElasticBeanstalkEnvironment,
        LambdaFunction,
    )

_SECRET_WORDS = re.compile(
    r"(PASSWORD|PASSWD|PASSPHRASE|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|ACCESS_?KEY|CREDENTIAL"
    r"|CLIENT_?SECRET|AUTH_?KEY|SIGNING_?KEY|ENCRYPTION_?KEY|CONN(ECTION)?_?STRING|DSN)",
)
# Names that point at a secret instead of holding it.
_REFERENCE_SUFFIX = re.compile(
    r"_(ARN|NAME|ID|PARAM|PARAMETER|PATH|SSM|REF|URL|URI|ENDPOINT|FILE|TTL|REGION|ENABLED|"
    r"HEADER|LENGTH|EXPIRY|EXPIRES|ALGORITHM)$"
)
# Some names hold a credential even though they end like a reference.
_ALWAYS_SECRET = frozenset({"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"})


def secret_like(name: str) -> bool:
    """Whether an environment variable name says it holds a secret value."""
    upper = re.sub(r"[^A-Z0-9]+", "_", name.upper())
    if upper in _ALWAYS_SECRET:
        return True
    return bool(_SECRET_WORDS.search(upper)) and not _REFERENCE_SUFFIX.search(upper)


def _names(resource: Resource) -> list[str]:
    if isinstance(resource, LambdaFunction | EcsService | ElasticBeanstalkEnvironment):
        return list(resource.environment)
    if isinstance(resource, CodebuildProject):
        return list(resource.plaintext_environment)
    return []


@resource_rule(
    id="no-secrets-in-environment-variables",
    title="Functions, containers and builds take secrets from Secrets Manager, not environment "
    "variables",
    severity=Severity.HIGH,
    category=Category.SECRETS,
    kinds=("lambda_function", "ecs_service", "elastic_beanstalk_environment", "codebuild_project"),
    frameworks=Frameworks(well_architected=("SEC02-BP03",)),
    rationale="Environment variables are shown in the console, returned by Get* APIs to "
    "anyone with read access, copied into every version and never rotated; a secret in them "
    "leaks far beyond the code that needs it.",
    remediation=Remediation(
        text="Store the value in Secrets Manager, pass its ARN (e.g. DB_SECRET_ARN) and read "
        "it at start-up (the Parameters and Secrets Lambda extension caches it).",
        yaml="environment: [DB_SECRET_ARN]\nconnections:\n  - fn -> db-credentials",
        cloudformation="Environment:\n  Variables:\n    DB_SECRET_ARN: !Ref DbCredentials",
        terraform=(
            "environment {\n"
            "  variables = {\n"
            "    DB_SECRET_ARN = aws_secretsmanager_secret.db_credentials.arn\n"
            "  }\n"
            "}"
        ),
    ),
    per_account=True,
)
def no_secrets_in_environment(resource: Resource, ctx: Context) -> Verdict:
    suspicious = [n for n in _names(resource) if secret_like(n)]
    if suspicious:
        return failed(f"environment variables that hold secrets: {', '.join(sorted(suspicious))}")
    # The names come from a separate read (an ECS task definition, say): none may be unread.
    return none_found("no environment variable named like a secret", Outcome.PASS)
