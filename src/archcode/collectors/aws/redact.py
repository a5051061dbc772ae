"""Blanking secret values out of raw API responses before they are written to --raw DIR.

Discovery never asks for a secret value (no GetSecretValue, no Decrypt), but some list calls
carry values that may be secrets anyway: Lambda environment variables, ECS container
environments, commands and entry points, CloudFront origin custom headers, API Gateway stage
variables, EventBridge target inputs, literal parameters in Step Functions definitions. Their
names are kept, their values are not.
"""

from __future__ import annotations

import json
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
        "AccessKeyId",  # IAM ListAccessKeys: the key's id is a credential's half
        "SessionToken",
        "PrivateKey",
        "Input",  # EventBridge target input: constant JSON sent to the target
        "InputTemplate",  # EventBridge InputTransformer: a template with literal text
    }
)
# Lists of strings that are commands (a password given on a command line): ECS containers.
_ARGUMENT_LISTS = frozenset({"command", "entryPoint"})
# Maps whose keys are names but whose values may be secrets: Lambda Environment.Variables,
# API Gateway stage variables (REST: variables, HTTP/WebSocket: StageVariables).
_NAME_VALUE_MAPS = frozenset({"Variables", "variables", "StageVariables"})
# Step Functions definitions (JSON text): literal values in these fields are blanked; paths
# (keys ending in ".$") and the states' structure are kept.
_DEFINITION_KEYS = frozenset({"definition"})
_ASL_LITERALS = frozenset(
    {"Parameters", "Arguments", "Result", "ResultSelector", "ItemSelector", "Assign", "Output"}
)
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
            elif key in _ARGUMENT_LISTS and isinstance(item, list):
                out[key] = [REDACTED for _ in item]
            elif key in _DEFINITION_KEYS and isinstance(item, str):
                out[key] = _blank_definition(item)
            else:
                out[key] = redact(item)
        return out
    if isinstance(value, list):
        return [redact(item) for item in value]
    return value


def _blank_definition(text: str) -> str:
    """A state machine definition with its literal parameters blanked (unreadable: all of it)."""
    try:
        data = json.loads(text)
    except ValueError:
        return REDACTED
    return json.dumps(_blank_asl(data))


def _blank_asl(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _literals(v) if k in _ASL_LITERALS else _blank_asl(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_blank_asl(v) for v in value]
    return value


def _literals(value: Any, path_key: bool = False) -> Any:
    """Every literal leaf blanked; a value under a "key.$" is a path or intrinsic, kept."""
    if isinstance(value, dict):
        return {k: _literals(v, k.endswith(".$")) for k, v in value.items()}
    if isinstance(value, list):
        return [_literals(v, path_key) for v in value]
    return value if path_key else REDACTED


def _blank_value(entry: Any) -> Any:
    if isinstance(entry, dict):
        return {k: (REDACTED if k.lower() == "value" else redact(v)) for k, v in entry.items()}
    return redact(entry)
