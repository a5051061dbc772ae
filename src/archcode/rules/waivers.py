"""Waivers: accepted findings, from a waivers file or the architecture itself, until a date.

A waiver names a rule, a glob of resource ids, a reason and the last day it applies. A waiver
past that day no longer applies: the finding is active again and a warning says so. Waived
findings stay in every report with status WAIVED.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from archcode.errors import InputError, Problem
from archcode.io import read_text
from archcode.model.architecture import Architecture, Waiver
from archcode.rules.findings import OPEN_OUTCOMES, Finding, WaiverNote
from archcode.rules.yamlfile import problem_at, validation_problems


@dataclass(frozen=True)
class PlacedWaiver:
    """A waiver and where it was written ("waivers.yaml:12", or "arch.yaml (in-model)")."""

    waiver: Waiver
    origin: str
    architecture: str | None = None  # in-model waivers apply to their own architecture only

    def matches(self, finding: Finding) -> bool:
        if self.architecture is not None and finding.architecture != self.architecture:
            return False
        return (
            finding.rule.id == self.waiver.rule
            and finding.resource is not None
            and fnmatch.fnmatchcase(finding.resource, self.waiver.resource)
        )


class _WaiverFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    waivers: list[Waiver] = Field(default_factory=list)


def load_waivers(path: str, known_rules: Iterable[str]) -> list[PlacedWaiver]:
    """The waivers of a YAML file, or InputError with one file:line problem each."""
    from archcode.collectors.yaml_model import parse_yaml

    name, text = read_text(path)
    parsed = parse_yaml(text, name)
    problems = list(parsed.problems)
    if not isinstance(parsed.data, dict):
        raise InputError(
            [*problems, Problem(name, "a waivers file is a mapping: waivers: [...]", 1, 1)]
        )
    try:
        document = _WaiverFile.model_validate(parsed.data)
    except ValidationError as exc:
        raise InputError([*problems, *validation_problems(exc, name, parsed.positions)]) from None
    known = set(known_rules)
    placed = []
    for index, waiver in enumerate(document.waivers):
        if waiver.rule not in known:
            problems.append(
                problem_at(
                    name,
                    parsed.positions,
                    ("waivers", index, "rule"),
                    f"no rule {waiver.rule!r}{_hint(waiver.rule, known)}",
                )
            )
        line = parsed.positions.get(("waivers", index), (0, 0))[0]
        placed.append(PlacedWaiver(waiver, f"{name}:{line}"))
    if problems:
        raise InputError(problems)
    return placed


def model_waivers(arch: Architecture, source: str) -> list[PlacedWaiver]:
    return [
        PlacedWaiver(w, f"{source} (waivers[{i}])", arch.name) for i, w in enumerate(arch.waivers)
    ]


def apply_waivers(
    findings: Sequence[Finding], waivers: Sequence[PlacedWaiver], today: date
) -> tuple[list[Finding], list[str]]:
    """Findings with their waivers noted, and a warning per expired or unused waiver.

    Only FAIL and UNKNOWN can be waived; ERROR means the rule did not run, and a pass needs
    no waiver. The first waiver that is still valid wins over an expired one.
    """
    out: list[Finding] = []
    used: set[int] = set()
    warnings: list[str] = []
    for finding in findings:
        if finding.outcome not in OPEN_OUTCOMES or not waivers:
            out.append(finding)
            continue
        note = None
        for index, placed in enumerate(waivers):
            if not placed.matches(finding):
                continue
            used.add(index)
            w = placed.waiver
            expired = w.expires < today
            candidate = WaiverNote(w.reason, w.expires, placed.origin, expired)
            if note is None or (note.expired and not expired):
                note = candidate
            if expired:
                warnings.append(
                    f"{placed.origin}: waiver of {w.rule} on {finding.resource} expired on "
                    f"{w.expires.isoformat()}; the finding is active"
                )
        out.append(finding.with_waiver(note) if note else finding)
    for index, placed in enumerate(waivers):
        if index not in used:
            w = placed.waiver
            warnings.append(
                f"{placed.origin}: waiver of {w.rule} on {w.resource!r} matches no open finding"
            )
    return out, list(dict.fromkeys(warnings))  # the same expired waiver can hit twice


def _hint(name: str, known: set[str]) -> str:
    import difflib

    close = difflib.get_close_matches(name, sorted(known), n=1, cutoff=0.8)
    return f" (did you mean {close[0]!r}?)" if close else ""
