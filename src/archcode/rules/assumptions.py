"""`check --assume FILE`: account settings a template or plan cannot say, stated by the user.

The file holds the archcode YAML's ``account_settings:`` section and nothing else. What the
model itself says (discovery read it, the YAML stated it) wins over an assumption.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from archcode.errors import InputError, Problem
from archcode.io import read_text
from archcode.model.account import AccountSettings
from archcode.model.architecture import Architecture
from archcode.rules.yamlfile import validation_problems


class _AssumeFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    account_settings: list[AccountSettings] = Field(default_factory=list)


def load_assumptions(path: str) -> list[AccountSettings]:
    """The account settings of an assumptions file, or InputError with located problems."""
    from archcode.collectors.yaml_model import parse_yaml

    name, text = read_text(path)
    parsed = parse_yaml(text, name)
    problems = list(parsed.problems)
    if not isinstance(parsed.data, dict):
        raise InputError(
            [*problems, Problem(name, "an assumptions file is a mapping: account_settings:", 1, 1)]
        )
    single = parsed.data.get("account_settings")
    try:
        if isinstance(single, dict):  # one account: a mapping, placed at its own keys
            _AssumeFile.model_validate({**parsed.data, "account_settings": []})
            settings = [AccountSettings.model_validate(single)]
        else:
            settings = list(_AssumeFile.model_validate(parsed.data).account_settings)
    except ValidationError as exc:
        prefix = ("account_settings",) if isinstance(single, dict) else ()
        raise InputError(
            [*problems, *validation_problems(exc, name, parsed.positions, prefix)]
        ) from None
    if problems:
        raise InputError(problems)
    return settings


def assume(arch: Architecture, settings: list[AccountSettings]) -> Architecture:
    """The architecture with ``settings`` assumed (its own settings come later and win)."""
    if not settings:
        return arch
    return arch.model_copy(update={"account_settings": [*settings, *arch.account_settings]})
