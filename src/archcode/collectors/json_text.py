"""JSON input (a CloudFormation template, a Terraform plan) into plain data, or one problem."""

from __future__ import annotations

import json
from typing import Any

from archcode.errors import InputError, Problem


def load_json(text: str, name: str) -> Any:
    """The parsed document; bad JSON is an input error at its line and column."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(
            [Problem(name, f"not valid JSON: {exc.msg}", exc.lineno, exc.colno)]
        ) from None
    except RecursionError:  # json's own nesting limit, far above any real document's
        raise InputError([Problem(name, "nested too deeply")]) from None
