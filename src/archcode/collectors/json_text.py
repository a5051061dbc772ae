"""JSON input (a CloudFormation template, a Terraform plan) into plain data, or one problem."""

from __future__ import annotations

import json
from typing import Any

from archcode.errors import InputError, Problem

# The last document format detection parsed, kept for the loader that reads the same text next
# (a big plan is parsed once, not twice). One entry, handed over once.
_parsed: list[tuple[str, Any]] = []


def parse_for_detection(text: str) -> Any:
    """json.loads, keeping the result for the ``load_json`` of the same text that follows."""
    data = json.loads(text)
    _parsed[:] = [(text, data)]
    return data


def load_json(text: str, name: str) -> Any:
    """The parsed document; bad JSON is an input error at its line and column."""
    if _parsed:
        ((seen, data),) = _parsed
        _parsed.clear()
        if seen is text:
            return data
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(
            [Problem(name, f"not valid JSON: {exc.msg}", exc.lineno, exc.colno)]
        ) from None
    except RecursionError:  # json's own nesting limit, far above any real document's
        raise InputError([Problem(name, "nested too deeply")]) from None
