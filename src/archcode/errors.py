"""The exceptions archcode raises on purpose, and how a problem in an input is reported."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One problem in an input, printed as ``file:line:col: resource <id>: <field>: <message>``."""

    file: str
    message: str
    line: int | None = None
    column: int | None = None
    resource: str | None = None
    field: str | None = None

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        parts = [where]
        if self.resource is not None:
            parts.append(f"resource {self.resource}")
        if self.field:
            parts.append(self.field)
        parts.append(_one_line(self.message))
        return ": ".join(parts)


def _one_line(text: str) -> str:
    # A problem is one line even when the input (an attacker-chosen name, say) holds newlines.
    return " ".join(text.split())


class ArchcodeError(Exception):
    """Base of every error archcode raises on purpose."""


class InputError(ArchcodeError):
    """Bad input: the command exits 2 and prints one line per problem."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


class UsageError(ArchcodeError):
    """A command was called in a way that cannot work (exit 2)."""
