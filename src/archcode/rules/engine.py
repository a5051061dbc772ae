"""Run rules over an architecture: every rule on every resource of its kinds, errors contained.

A model of several accounts is checked one account at a time where rules allow: rules marked
per-account (``AccountScope``) run on each account's part (``evaluate_account``, the unit a
future executor can spread), the others once over the whole model. The results are the same,
in the same order, as running every rule over the whole model.
"""

from __future__ import annotations

import time
import traceback
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from archcode.gcpause import paused_gc
from archcode.model.architecture import Architecture
from archcode.model.base import Resource
from archcode.rules.base import AccountScope, Outcome, Rule, Verdict
from archcode.rules.context import AccountContext, Context, CrossAccountPeek, account_parts
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
    peeked: set[tuple[str, str]] | None = None,
) -> list[Result]:
    """All results, in rule order then document order. A rule that raises gives ERROR.

    ``timings``, when given, receives the seconds each rule took (bench/bench_check.py);
    ``peeked`` the (rule, resource) pairs a per-account rule could not judge within the
    resource's account (it names another account's resource): those were judged over the
    whole model.
    """
    chosen = list(builtin_rules().values() if rules is None else rules)
    ctx = Context(arch)
    split = [r for r in chosen if r.account_scope is AccountScope.PER_ACCOUNT and r.resource_check]
    with paused_gc():
        parts = account_parts(arch) if split else {}
        if len(parts) < 2:  # one account: every rule once over the model, as ever
            return [result for rule in chosen for result in _timed(rule, ctx, timings)]
        done = [
            evaluate_account(AccountContext(arch, account, own), split, timings)
            for account, own in parts.items()
        ]
        slot = {id(rule): i for i, rule in enumerate(split)}
        results: list[Result] = []
        for rule in chosen:
            if id(rule) not in slot:
                results.extend(_timed(rule, ctx, timings))
                continue
            i = slot[id(rule)]
            found = [result for part in done for result in part.results[i]]
            redo = [rid for part in done for rid in part.deferred[i]]
            if redo:
                found += _timed(rule, ctx, timings, [(rid, arch.resources[rid]) for rid in redo])
                if peeked is not None:
                    peeked.update((rule.id, rid) for rid in redo)
            # Each part's results are in document order: merge them back into it.
            found.sort(key=lambda result: ctx.position(result.resource or ""))
            results.extend(found)
    return results


@dataclass(frozen=True)
class AccountResults:
    """What per-account rules made of one account's part, rule by rule (as given)."""

    results: list[list[Result]]
    deferred: list[list[str]]  # resources the rule could not judge within the account


def evaluate_account(
    part: AccountContext, rules: Sequence[Rule], timings: dict[str, float] | None = None
) -> AccountResults:
    """Per-account rules on one account's part of a model: nothing else of the run is used.

    A resource whose check looks beyond the account (CrossAccountPeek: a key, role or subnet
    of another account) is deferred: the caller judges it over the whole model.
    """
    results: list[list[Result]] = []
    deferred: list[list[str]] = []
    for rule in rules:
        later: list[str] = []
        held = part.holds(rule.kinds)  # skipping the others matters for many small accounts
        results.append(_timed(rule, part, timings, deferred=later) if held else [])
        deferred.append(later)
    return AccountResults(results, deferred)


def _timed(
    rule: Rule,
    ctx: Context,
    timings: dict[str, float] | None,
    pairs: list[tuple[str, Resource]] | None = None,
    deferred: list[str] | None = None,
) -> list[Result]:
    started = time.perf_counter()
    out = _run(rule, ctx, pairs, deferred)
    if timings is not None:
        timings[rule.id] = timings.get(rule.id, 0.0) + time.perf_counter() - started
    return out


def _run(
    rule: Rule,
    ctx: Context,
    pairs: list[tuple[str, Resource]] | None = None,
    deferred: list[str] | None = None,
) -> list[Result]:
    """The rule's results (on ``pairs``, or every resource of its kinds); a resource check
    that looks beyond an account's part goes into ``deferred``."""
    if rule.resource_check is not None:
        out = []
        for rid, resource in ctx.targets(*rule.kinds) if pairs is None else pairs:
            try:
                verdict = rule.resource_check(resource, ctx)
            except CrossAccountPeek:
                if deferred is None:
                    raise
                deferred.append(rid)
                continue
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
