"""One check over architectures already loaded: evaluate, waive, baseline.

`archcode check`, `report` and `audit` all go through `check_loaded`, so waivers, baselines and
custom rules mean the same thing everywhere.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from archcode.errors import UsageError
from archcode.gcpause import paused_gc
from archcode.model.architecture import Architecture
from archcode.rules.accounts import account_rows
from archcode.rules.assumptions import assume, load_assumptions
from archcode.rules.base import Rule
from archcode.rules.baseline import read_baseline, write_baseline
from archcode.rules.engine import evaluate
from archcode.rules.findings import CheckReport, Finding, to_findings
from archcode.rules.registry import builtin_rules
from archcode.rules.waivers import apply_waivers, load_waivers, model_waivers


def check_loaded(
    loaded: Sequence[tuple[str, Architecture]],
    *,
    fail_on: str = "high",
    rules_files: Sequence[str] = (),
    waivers_files: Sequence[str] = (),
    baseline: str | None = None,
    write_baseline_to: str | None = None,
    allow_unknown: bool = False,
    only: Sequence[str] = (),
    today: date | None = None,
    assume_files: Sequence[str] = (),
) -> CheckReport:
    """Evaluate, waive and baseline architectures already loaded, each with its source name."""
    assumed = [s for path in assume_files for s in load_assumptions(path)]
    loaded = [(source, assume(arch, assumed)) for source, arch in loaded]
    every = [*builtin_rules().values(), *_custom_rules(rules_files)]
    rules = select(every, only)
    known = [r.id for r in every]  # a waiver may name a rule --rule left out
    waivers = [w for path in waivers_files for w in load_waivers(path, known)]
    known_baseline = read_baseline(baseline) if baseline else frozenset()

    findings: list[Finding] = []
    for source, arch in loaded:
        waivers.extend(model_waivers(arch, source))
        findings.extend(
            to_findings(arch, evaluate(arch, rules), "<stdin>" if source == "-" else source)
        )

    with paused_gc():
        findings, warnings = apply_waivers(findings, waivers, today or date.today())
    if write_baseline_to:
        write_baseline(write_baseline_to, findings)
    kept = [f for f in findings if not (f.open and f.fingerprint in known_baseline)]
    return CheckReport(
        findings=kept,
        rules=rules,
        sources=[source for source, _arch in loaded],
        fail_on=fail_on,
        allow_unknown=allow_unknown,
        baselined=len(findings) - len(kept),
        warnings=tuple(warnings),
        coverage=tuple(
            ("<stdin>" if source == "-" else source, gap)
            for source, arch in loaded
            for gap in arch.coverage
        ),
        accounts=account_rows([arch for _source, arch in loaded], kept),
    )


def _custom_rules(paths: Sequence[str]) -> list[Rule]:
    if not paths:  # the custom rules' file models are built only when a file is given
        return []
    from archcode.rules.custom import load_rules

    return load_rules(paths, builtin_rules())


def select(rules: list[Rule], only: Sequence[str]) -> list[Rule]:
    if not only:
        return rules
    by_id = {r.id: r for r in rules}
    missing = [r for r in only if r not in by_id]
    if missing:
        raise UsageError(f"--rule: no rule {', '.join(repr(m) for m in missing)}")
    return [by_id[r] for r in only]
