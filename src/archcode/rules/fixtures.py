"""`archcode rules test DIR`: each rule's pass and fail fixtures, the way rule authors test.

Layout (the convention of docs/check.md)::

    DIR/rules.yaml               custom rules (every *.yaml at the top of DIR)
    DIR/<rule-id>/pass*.yaml     architectures the rule must pass: no FAIL, UNKNOWN or ERROR,
                                 and at least one PASS
    DIR/<rule-id>/fail*.yaml     architectures the rule must fail: at least one FAIL

Fixtures are ordinary architecture files (any source load_architecture reads).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from archcode.collectors import load_architecture
from archcode.errors import InputError, Problem
from archcode.rules.base import Outcome, Rule
from archcode.rules.engine import evaluate

SUFFIXES = (".yaml", ".yml", ".json")


@dataclass
class FixtureRun:
    lines: list[str] = field(default_factory=list)
    passed: int = 0
    failed: int = 0

    @property
    def summary(self) -> str:
        return f"{self.passed} fixtures passed, {self.failed} failed"


def run_fixtures(directory: str, rules_files: Sequence[str] = ()) -> FixtureRun:
    from archcode.rules.custom import load_rules
    from archcode.rules.registry import builtin_rules

    root = Path(directory)
    if not root.is_dir():
        raise InputError([Problem(directory, "not a directory")])
    local = sorted(str(p) for p in root.iterdir() if p.is_file() and p.suffix in SUFFIXES)
    builtin = builtin_rules()
    custom = load_rules([*local, *rules_files], builtin)
    rules: dict[str, Rule] = {**builtin, **{r.id: r for r in custom}}

    problems = []
    cases: list[tuple[Rule, Path]] = []
    for sub in sorted(p for p in root.iterdir() if p.is_dir()):
        if sub.name not in rules:
            problems.append(Problem(str(sub), f"no rule {sub.name!r} (directories name rules)"))
            continue
        fixtures = sorted(
            p for p in sub.iterdir() if p.suffix in SUFFIXES and p.name.startswith(("pass", "fail"))
        )
        if not fixtures:
            problems.append(Problem(str(sub), "no pass*.yaml or fail*.yaml fixtures"))
        cases.extend((rules[sub.name], fixture) for fixture in fixtures)
    if problems:
        raise InputError(problems)

    run = FixtureRun()
    tested = {rule.id for rule, _ in cases}
    for rule, fixture in cases:
        verdict = _judge(rule, fixture)
        if verdict is None:
            run.passed += 1
            run.lines.append(f"ok    {rule.id}  {fixture}")
        else:
            run.failed += 1
            run.lines.append(f"FAIL  {rule.id}  {fixture}: {verdict}")
    for rule in custom:
        if rule.id not in tested:
            run.lines.append(f"note  {rule.id}: no fixtures (add {root / rule.id}/pass.yaml)")
    return run


def _judge(rule: Rule, fixture: Path) -> str | None:
    """None when the fixture behaves as its name says, else what went wrong."""
    results = evaluate(load_architecture(str(fixture)), [rule])
    outcomes = [(r.outcome, r.resource or "-", r.message) for r in results]
    if fixture.name.startswith("fail"):
        if any(o is Outcome.FAIL for o, _, _ in outcomes):
            return None
        seen = ", ".join(f"{o.value} on {rid}" for o, rid, _ in outcomes) or "no result"
        return f"expected a FAIL, got {seen}"
    bad = [
        (o, rid, msg)
        for o, rid, msg in outcomes
        if o in (Outcome.FAIL, Outcome.UNKNOWN, Outcome.ERROR)
    ]
    if bad:
        return "expected to pass: " + "; ".join(f"{o.value} on {rid}: {msg}" for o, rid, msg in bad)
    if not any(o is Outcome.PASS for o, _, _ in outcomes):
        return "expected a PASS, but the rule applied to nothing"
    return None
