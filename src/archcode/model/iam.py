"""IAM policy documents as AWS writes them (Effect, Action/NotAction, Resource/NotResource ...)."""

from __future__ import annotations

import json
import re
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, field_validator, model_validator

from archcode.model.base import Strict, StrList

# `service:Action` with IAM's wildcards, a lone `*`, or `*:*` (AWS accepts it: every action).
# Service prefixes are case-insensitive: AWS's own defaults write "SNS:Publish".
_ACTION = re.compile(r"^(\*|\*:\*|[a-z0-9][a-z0-9-]*:[A-Za-z0-9*?]+)$", re.IGNORECASE)
PRINCIPAL_TYPES = ("AWS", "Service", "Federated", "CanonicalUser")


def _principal(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: [v] if isinstance(v, str) else v for k, v in value.items()}
    return value


Principal = Annotated[
    str | dict[str, list[str]],
    BeforeValidator(_principal, json_schema_input_type=str | dict[str, str | list[str]]),
]


class Statement(Strict):
    """One statement of a policy. Field names follow the IAM JSON grammar."""

    sid: str | None = Field(default=None, alias="Sid")
    effect: Literal["Allow", "Deny"] = Field(alias="Effect")
    action: StrList | None = Field(default=None, alias="Action")
    not_action: StrList | None = Field(default=None, alias="NotAction")
    resource: StrList | None = Field(default=None, alias="Resource")
    not_resource: StrList | None = Field(default=None, alias="NotResource")
    principal: Principal | None = Field(default=None, alias="Principal")
    not_principal: Principal | None = Field(default=None, alias="NotPrincipal")
    condition: dict[str, dict[str, Any]] | None = Field(default=None, alias="Condition")

    @field_validator("action", "not_action")
    @classmethod
    def _actions_well_formed(cls, actions: list[str] | None) -> list[str] | None:
        for action in actions or []:
            if not _ACTION.match(action):
                raise ValueError(f"{action!r} is not an IAM action (service:Action or *)")
        return actions

    @field_validator("principal", "not_principal")
    @classmethod
    def _principal_well_formed(
        cls, value: str | dict[str, list[str]] | None
    ) -> str | dict[str, list[str]] | None:
        if isinstance(value, str) and value != "*":
            raise ValueError('a principal is "*" or a map such as {AWS: [arn...]}')
        if isinstance(value, dict):
            unknown = sorted(set(value) - set(PRINCIPAL_TYPES))
            if unknown:
                raise ValueError(f"unknown principal type {unknown[0]!r}; use {PRINCIPAL_TYPES}")
        return value

    @model_validator(mode="after")
    def _one_of_each_pair(self) -> Statement:
        if (self.action is None) == (self.not_action is None):
            raise ValueError("a statement has exactly one of Action and NotAction")
        if self.resource is not None and self.not_resource is not None:
            raise ValueError("a statement has at most one of Resource and NotResource")
        return self

    @property
    def principals(self) -> list[str]:
        """Every principal the statement names, `*` included, flattened across types."""
        if self.principal is None:
            return []
        if isinstance(self.principal, str):
            return [self.principal]
        return [p for values in self.principal.values() for p in values]


def _document(value: Any) -> Any:
    # CloudFormation and the AWS APIs often carry policies as JSON strings.
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except json.JSONDecodeError as exc:
            raise ValueError(f"policy document is not valid JSON: {exc.msg}") from None
    if isinstance(value, dict):
        statements = value.get("Statement", value.get("statement"))
        if isinstance(statements, dict):
            value = {**value, "Statement": [statements]}
            value.pop("statement", None)
    return value


class _Document(Strict):
    version: Literal["2012-10-17", "2008-10-17"] = Field(default="2012-10-17", alias="Version")
    id: str | None = Field(default=None, alias="Id")
    statement: list[Statement] = Field(alias="Statement")


PolicyDocument = Annotated[_Document, BeforeValidator(_document)]
"""A policy document; a JSON string and a single statement are accepted too."""
