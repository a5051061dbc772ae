"""Run rules over an architecture: every rule on every resource of its kinds, errors contained."""

from __future__ import annotations

import time
import traceback
from collections.abc import Iterable
from dataclasses import dataclass, field

from archcode.gcpause import paused_gc
from archcode.model.architecture import Architecture
from archcode.rules.base import Outcome, Rule, Verdict
from archcode.rules.context import Context
from archcode.rules.registry import builtin_rules


@dataclass(frozen=True, slots=True)  # slots: one per rule and resource, 70,000 at 10,000
class Result:
    """One rule's outcome on one resource (``resource`` is None for a model-wide outcome)."""

    rule: Rule
    outcome: Outcome
    message: str
    resource: str | None
    path: tuple[str, ...] = ()
    trace: str | None = field(default=None, compare=False)  # a rule that raised: its traceback
    account: str | None = None  # a model-wide outcome about one account (Verdict.account)

    @property
    def severity(self) -> str:
        return self.rule.severity.value


def evaluate(
    arch: Architecture,
    rules: Iterable[Rule] | None = None,
    timings: dict[str, float] | None = None,
) -> list[Result]:
    """All results, in rule order then document order. A rule that raises gives ERROR.

    ``timings``, when given, receives the seconds each rule took (bench/bench_check.py).
    """
    ctx = Context(arch)
    results: list[Result] = []
    with paused_gc():
        for rule in builtin_rules().values() if rules is None else rules:
            started = time.perf_counter()
            results.extend(_run(rule, ctx))
            if timings is not None:
                timings[rule.id] = time.perf_counter() - started
    return results


def _run(rule: Rule, ctx: Context) -> list[Result]:
    if rule.resource_check is not None:
        out = []
        for rid, resource in ctx.of_kind(*rule.kinds):
            try:
                verdict = rule.resource_check(resource, ctx)
            except Exception as exc:  # a broken rule must not stop the run
                message = f"rule raised {type(exc).__name__}: {exc}"
                out.append(Result(rule, Outcome.ERROR, message, rid, (), traceback.format_exc()))
                continue
            verdict = _unread_is_unknown(rule, ctx, verdict, rid)
            out.append(Result(rule, verdict.outcome, verdict.message, rid, verdict.path))
        return out
    assert rule.architecture_check is not None
    try:
        verdicts = [
            _unread_is_unknown(rule, ctx, v, v.resource) for v in rule.architecture_check(ctx)
        ]
    except Exception as exc:
        message = f"rule raised {type(exc).__name__}: {exc}"
        return [Result(rule, Outcome.ERROR, message, None, (), traceback.format_exc())]
    return [
        Result(rule, v.outcome, v.message, v.resource, v.path, account=v.account) for v in verdicts
    ]


def _unread_is_unknown(rule: Rule, ctx: Context, verdict: Verdict, rid: str | None) -> Verdict:
    """A verdict that rests on "none found" is UNKNOWN when discovery could not look.

    A FAIL rests on the rule's ``relies_on`` kinds ("no WAF web ACL"), and a FAIL, PASS or
    NOT_APPLICABLE marked ``rests_on_absence`` ("no replication rule", "no resource policy")
    also on the resource's own kind, whose detail reads may have been denied.
    """
    if not ctx.arch.coverage:
        return verdict
    resource = ctx.resource(rid)
    own = (resource.kind,) if resource and verdict.rests_on_absence else ()
    if verdict.outcome is Outcome.FAIL:
        kinds = (*own, *rule.relies_on)  # "the bucket has no replication rule", say
    elif verdict.rests_on_absence and verdict.outcome in (Outcome.PASS, Outcome.NOT_APPLICABLE):
        kinds = (*((resource.kind,) if resource else ()), *rule.relies_on)
    else:
        return verdict
    account = resource.account if resource else (verdict.account or ctx.arch.account)
    for kind in kinds:
        gaps = ctx.unread(kind, account)
        if gaps:
            why = f"{kind} could not be read ({gaps[0].operation}: {gaps[0].error})"
            message = f"{verdict.message}; but {why}"
            return Verdict(Outcome.UNKNOWN, message, rid, verdict.path, account=verdict.account)
    return verdict
