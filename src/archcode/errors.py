"""The exceptions archcode raises on purpose, and how a problem in an input is reported."""

from __future__ import annotations

import re
from dataclasses import dataclass

# What must not reach a terminal raw: C0 and C1 controls (ESC starts CSI and OSC sequences that
# recolour a log or retitle a window), DEL, bidirectional marks and overrides (they make one id
# read as another) and lone surrogates (not encodable: printing them would fail).
_UNSAFE = re.compile(
    r"[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)


def shown(text: str) -> str:
    """Text from the input made safe for a terminal: unsafe characters as \\xNN or \\uNNNN."""
    return _UNSAFE.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


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
        where = shown(self.file)
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        parts = [where]
        if self.resource is not None:
            parts.append(f"resource {shown(self.resource)}")
        if self.field:
            parts.append(shown(self.field))
        parts.append(_one_line(self.message))
        return ": ".join(parts)


def _one_line(text: str) -> str:
    # A problem is one line even when the input (an attacker-chosen name, say) holds newlines;
    # what else could act on a terminal is shown escaped.
    return shown(" ".join(text.split()))


class ArchcodeError(Exception):
    """Base of every error archcode raises on purpose."""


class InputError(ArchcodeError):
    """Bad input: the command exits 2 and prints one line per problem."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


class UsageError(ArchcodeError):
    """A command was called in a way that cannot work (exit 2)."""
