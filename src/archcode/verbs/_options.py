"""Option types several verbs share; imports nothing of archcode, so that any verb module can
be imported first (verbs.check, say, by a test) without an import cycle through archcode.cli."""

from __future__ import annotations

from enum import StrEnum


class FailOn(StrEnum):
    CRITICAL = "critical"
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"
    NEVER = "never"
