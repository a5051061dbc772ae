"""Rule-side YAML files (waivers, custom rules): pydantic errors as file:line: field problems."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from archcode.errors import Problem
from archcode.model.refs import Path


def position(positions: dict[Path, tuple[int, int]], path: Path) -> tuple[int | None, int | None]:
    """The line and column of the deepest part of ``path`` the document has."""
    probe = path
    while probe and probe not in positions:
        probe = probe[:-1]
    return positions.get(probe, (None, None))


def dotted(path: Path) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def problem_at(
    name: str, positions: dict[Path, tuple[int, int]], path: Path, message: str
) -> Problem:
    line, column = position(positions, path)
    return Problem(name, message, line, column, field=dotted(path) or None)


def validation_problems(
    exc: ValidationError, name: str, positions: dict[Path, tuple[int, int]], prefix: Path = ()
) -> list[Problem]:
    """One problem per pydantic error, placed at the key it is about."""
    problems = []
    for error in exc.errors(include_url=False):
        loc: Path = (*prefix, *(p for p in error["loc"] if isinstance(p, str | int)))
        problems.append(problem_at(name, positions, loc, _message(error)))
    return problems


def _message(error: Any) -> str:
    kind = error["type"]
    if kind == "extra_forbidden":
        return "unknown field"
    if kind == "missing":
        return "required field is missing"
    if kind == "string_pattern_mismatch":
        return "must not be empty"
    message = str(error["msg"]).removeprefix("Value error, ")
    given = error.get("input")
    if isinstance(given, str | int | float | bool):
        shown = repr(given)
        message += f" (got {shown[:60]}{'...' if len(shown) > 60 else ''})"
    return message
