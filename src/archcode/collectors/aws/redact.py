"""Blanking secret values out of raw API responses before they are written to --raw DIR.

Discovery never asks for a secret value (no GetSecretValue, no Decrypt), but some list calls
carry values that may be secrets anyway: Lambda environment variables, ECS container
environments, CloudFront origin custom headers. Their names are kept, their values are not.
"""

from __future__ import annotations

from typing import Any

REDACTED = "<redacted by archcode>"

# Keys whose value is replaced wherever they appear in a response.
_SECRET_KEYS = frozenset(
    {
        "HeaderValue",  # CloudFront origin custom headers (often a shared secret)
        "SecretString",
        "SecretBinary",
        "Password",
        "MasterUserPassword",
        "AuthToken",
        "SecretAccessKey",
        "SessionToken",
        "PrivateKey",
    }
)
# Maps whose keys are names but whose values may be secrets.
_NAME_VALUE_MAPS = frozenset({"Variables"})  # Lambda Environment.Variables
# Lists of {name, value} pairs (ECS containerDefinitions[].environment).
# ... and CodeBuild's environmentVariables (PLAINTEXT values may be secrets).
_NAME_VALUE_LISTS = frozenset({"environment", "Environment", "environmentVariables"})


# Elastic Beanstalk option settings in these namespaces carry environment values.
_SECRET_NAMESPACES = frozenset(
    {"aws:elasticbeanstalk:application:environment", "aws:cloudformation:template:parameter"}
)


def redact(value: Any) -> Any:
    """A copy of a response with every secret-bearing value replaced by a marker."""
    if isinstance(value, dict) and value.get("Namespace") in _SECRET_NAMESPACES:
        return {k: (REDACTED if k == "Value" else v) for k, v in value.items()}
    if isinstance(value, dict):
        out: dict[str, Any] = {}
        for key, item in value.items():
            if key in _SECRET_KEYS:
                out[key] = REDACTED
            elif key in _NAME_VALUE_MAPS and isinstance(item, dict):
                out[key] = dict.fromkeys(item, REDACTED)
            elif key in _NAME_VALUE_LISTS and isinstance(item, list):
                out[key] = [_blank_value(entry) for entry in item]
            else:
                out[key] = redact(item)
        return out
    if isinstance(value, list):
        return [redact(item) for item in value]
    return value


def _blank_value(entry: Any) -> Any:
    if isinstance(entry, dict):
        return {k: (REDACTED if k.lower() == "value" else redact(v)) for k, v in entry.items()}
    return redact(entry)
