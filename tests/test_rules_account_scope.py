"""A model of several accounts is checked one account at a time where rules allow.

The property: the results are the results (same set, same order) of every rule over the
whole model. Rules marked per-account only touch the context through what a single account's
part can answer, checked here statically; and at run time a part refuses to look further.
"""

from __future__ import annotations

import ast
import dataclasses
import inspect
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from archcode.collectors import load_architecture
from archcode.model.architecture import Architecture
from archcode.rules.base import (
    AccountScope,
    Category,
    Outcome,
    Remediation,
    Rule,
    Severity,
    Verdict,
    passed,
)
from archcode.rules.context import AccountContext, Context, CrossAccountPeek, account_parts
from archcode.rules.doc import rule_dict
from archcode.rules.engine import Result, evaluate
from archcode.rules.registry import builtin_rules

ROOT = Path(__file__).resolve().parent.parent
A, B, C = "111111111111", "222222222222", "333333333333"

# Account A holds a key, a role B's principals may assume and a bucket whose policy grants B;
# account B encrypts its bucket, queue and topic with A's key, runs a function with A's role and
# keeps a snapshot of A's database; A, B and C have resources of the same names ("data").
CROSS_ACCOUNT_MODEL = f"""
archcode: 1
name: two accounts that reference each other
account: "{A}"
region: us-east-1
actors:
  users: {{kind: users}}
resources:
  a-key: {{kind: kms_key, name: shared, rotation_enabled: false}}
  a-deploy:
    kind: iam_role
    name: deploy
    trust_policy:
      Statement:
        - {{Effect: Allow, Principal: {{AWS: "arn:aws:iam::{B}:root"}}, Action: "sts:AssumeRole"}}
    inline_policies:
      admin:
        Statement: [{{Effect: Allow, Action: "*", Resource: "*"}}]
  a-data:
    kind: s3_bucket
    name: data
    encryption: sse-kms
    kms_key: a-key
    versioning: true
    policy:
      Statement:
        - Effect: Allow
          Principal: {{AWS: "arn:aws:iam::{B}:root"}}
          Action: "s3:*"
          Resource: ["arn:aws:s3:::data", "arn:aws:s3:::data/*"]
  a-jobs: {{kind: sqs_queue, name: jobs, encryption: sse-sqs}}
  a-db: {{kind: rds_instance, name: orders, engine: postgres, storage_encrypted: true}}
  b-data:
    kind: s3_bucket
    account: "{B}"
    name: data
    encryption: sse-kms
    kms_key: a-key
    replicates_to: a-data
  b-jobs: {{kind: sqs_queue, account: "{B}", name: jobs, encryption: sse-kms, kms_key: a-key,
            dead_letter_queue: a-jobs}}
  b-topic: {{kind: sns_topic, account: "{B}", name: events, kms_key: a-key}}
  b-fn: {{kind: lambda, account: "{B}", name: worker, runtime: python3.12, role: a-deploy}}
  b-table: {{kind: dynamodb, account: "{B}", name: data, region: eu-west-1}}
  b-snapshot: {{kind: db_snapshot, account: "{B}", source: a-db, shared_with_accounts: ["{C}"]}}
  c-key: {{kind: kms_key, account: "{C}", name: shared, rotation_enabled: true}}
  c-data: {{kind: s3_bucket, account: "{C}", name: data, encryption: sse-kms, kms_key: c-key}}
connections:
  - users -> b-fn
  - b-fn -> b-jobs
  - b-fn -> a-data
  - b-jobs -> b-table
"""


def rows(results: list[Result]) -> list[tuple[Any, ...]]:
    return [(r.rule.id, r.outcome, r.message, r.resource, r.path, r.account) for r in results]


def whole_model(rules: list[Rule]) -> list[Rule]:
    """The same rules, every one run once over the whole model (as before accounts split)."""
    return [dataclasses.replace(r, account_scope=AccountScope.CROSS_ACCOUNT) for r in rules]


def named_ids(value: Any) -> set[str]:
    """Every string inside a resource's fields (the ids it references among them)."""
    if isinstance(value, str):
        return {value}
    if isinstance(value, dict):
        return {s for v in value.values() for s in named_ids(v)}
    if isinstance(value, list | tuple):
        return {s for v in value for s in named_ids(v)}
    return set()


def same_as_whole_model(arch: Architecture) -> tuple[list[Result], set[tuple[str, str]]]:
    rules = list(builtin_rules().values())
    peeked: set[tuple[str, str]] = set()
    split = evaluate(arch, rules, peeked=peeked)
    assert rows(split) == rows(evaluate(arch, whole_model(rules)))
    # Judged over the whole model: only resources that name one of another account.
    for _rule, rid in peeked:
        account = arch.resources[rid].account
        named = named_ids(arch.resources[rid].model_dump()) & set(arch.resources)
        assert {arch.resources[n].account for n in named} - {account}
    return split, peeked


def outcome_of(results: list[Result], rule: str, resource: str) -> Outcome:
    (found,) = [r.outcome for r in results if (r.rule.id, r.resource) == (rule, resource)]
    return found


def model(text: str, tmp_path: Path) -> Architecture:
    path = tmp_path / "model.yaml"
    path.write_text(text)
    return load_architecture(str(path))


def test_cross_account_references_give_the_whole_models_results(tmp_path: Path) -> None:
    arch = model(CROSS_ACCOUNT_MODEL, tmp_path)
    assert set(account_parts(arch)) == {A, B, C}
    results, peeked = same_as_whole_model(arch)
    # B's snapshot is encrypted as A's database is: judged over the whole model.
    assert ("data-encrypted-at-rest", "b-snapshot") in peeked
    assert outcome_of(results, "data-encrypted-at-rest", "b-snapshot") is Outcome.PASS
    per_account = [r for r in results if r.rule.account_scope is AccountScope.PER_ACCOUNT]
    outcome = {(r.rule.id, r.resource): r.outcome for r in results}
    assert len({(r.rule.id, r.resource) for r in per_account}) == len(per_account)  # once each
    # Per-account rules judged each account's resources ...
    assert outcome["kms-key-rotation", "a-key"] is Outcome.FAIL
    assert outcome["kms-key-rotation", "c-key"] is Outcome.PASS
    # ... and the cross-account ones saw across: B's principals reach A's admin role.
    assert outcome["iam-role-trust-restricted", "a-deploy"] is Outcome.FAIL


@pytest.mark.parametrize("example", sorted(p.name for p in (ROOT / "examples").glob("*.yaml")))
def test_examples_spread_over_three_accounts_give_the_whole_models_results(
    example: str, tmp_path: Path
) -> None:
    # Round robin: nearly every reference (subnet, role, key, target) now crosses accounts.
    data = yaml.safe_load((ROOT / "examples" / example).read_text())
    for index, body in enumerate(data["resources"].values()):
        body["account"] = (A, B, C)[index % 3]
    arch = model(yaml.safe_dump(data), tmp_path)
    assert len(account_parts(arch)) == 3
    _results, peeked = same_as_whole_model(arch)
    assert peeked  # subnets, roles and keys of other accounts: judged over the whole model


@pytest.mark.parametrize("example", sorted(p.name for p in (ROOT / "examples").glob("*.yaml")))
def test_one_account_examples_are_checked_as_before(example: str) -> None:
    arch = load_architecture(str(ROOT / "examples" / example))
    assert len(account_parts(arch)) == 1
    assert same_as_whole_model(arch)[1] == set()


def rule(check: Callable[[Any, Context], Verdict], kinds: tuple[str, ...] = ("s3_bucket",)) -> Rule:
    return Rule(
        id="peeks-across",
        title="A rule marked per-account that looks across accounts",
        severity=Severity.HIGH,
        category=Category.ENCRYPTION,
        kinds=kinds,
        frameworks=builtin_rules()["kms-key-rotation"].frameworks,
        rationale="test",
        remediation=Remediation("none"),
        resource_check=check,
        account_scope=AccountScope.PER_ACCOUNT,
    )


def key_rotates(bucket: Any, ctx: Context) -> Verdict:
    key = ctx.resource(bucket.kms_key)  # A's key, from B's bucket
    return passed() if key is not None and key.rotation_enabled else Verdict(Outcome.FAIL, "no")


def any_rotating_key(bucket: Any, ctx: Context) -> Verdict:
    try:  # a rule that contains its own errors still cannot hide the refusal
        keys = ctx.of_kind("kms_key")
    except Exception:
        keys = []
    return passed() if any(k.rotation_enabled for _, k in keys) else Verdict(Outcome.FAIL, "no")


def scans_the_model(bucket: Any, ctx: Context) -> Verdict:
    return Verdict(Outcome.FAIL, f"{sum(1 for _ in ctx.arch.resources)} resources")


@pytest.mark.parametrize(
    ("check", "caught"),
    [
        (key_rotates, {"b-data"}),  # only B's bucket names a key of another account
        (any_rotating_key, {"a-data", "b-data", "c-data"}),
        (scans_the_model, {"a-data", "b-data", "c-data"}),
    ],
)
def test_a_rule_wrongly_marked_per_account_is_caught_and_judged_over_the_whole_model(
    check: Callable[[Any, Context], Verdict], caught: set[str], tmp_path: Path
) -> None:
    arch = model(CROSS_ACCOUNT_MODEL, tmp_path)
    wrong = rule(check)
    peeked: set[tuple[str, str]] = set()
    results = evaluate(arch, [wrong], peeked=peeked)
    assert peeked == {("peeks-across", rid) for rid in caught}
    assert rows(results) == rows(evaluate(arch, whole_model([wrong])))
    assert [r.resource for r in results] == ["a-data", "b-data", "c-data"]  # each judged once


def test_an_accounts_part_holds_its_own_resources_and_refuses_the_others(
    tmp_path: Path,
) -> None:
    arch = model(CROSS_ACCOUNT_MODEL, tmp_path)
    part = AccountContext(arch, B, account_parts(arch)[B])
    assert part.resource("b-data") is arch.resources["b-data"]
    assert part.id_of(arch.resources["b-jobs"]) == "b-jobs"
    assert part.resource("arn:aws:kms:us-east-1:999999999999:key/x") is None  # not in the model
    assert [rid for rid, _ in part.targets("s3_bucket")] == ["b-data"]
    refusals: list[Callable[[], object]] = [
        lambda: part.resource("a-key"),
        lambda: part.arch.resources.get("a-key"),
        lambda: "a-key" in part.arch.resources,
        lambda: list(part.arch.resources),
        lambda: part.of_kind("kms_key"),
        lambda: part.referrers("b-data", "encrypted_by"),
        lambda: part.connections_of("b-fn"),
        lambda: part.graph,
        lambda: part.flows,
    ]
    for refused in refusals:
        with pytest.raises(CrossAccountPeek):
            refused()


def test_an_unmarked_rule_is_cross_account() -> None:
    meta = {f.name: getattr(rule(key_rotates), f.name) for f in dataclasses.fields(Rule)}
    del meta["account_scope"]
    assert Rule(**meta).account_scope is AccountScope.CROSS_ACCOUNT
    assert rule_dict(builtin_rules()["kms-key-rotation"])["account_scope"] == "per-account"
    assert rule_dict(builtin_rules()["iam-role-trust-restricted"])["account_scope"] == (
        "cross-account"
    )


# The static half: what a per-account rule's check (and the helpers it hands the context to)
# does with the context. Anything but these three can look across accounts.
PART_ANSWERS = {"resource", "id_of", "unread"}


def context_uses(
    fn: Callable[..., object], position: int, seen: tuple[object, ...] = ()
) -> list[str]:
    """What ``fn`` does with its context parameter beyond PART_ANSWERS, following helpers."""
    if fn in seen:
        return []
    tree = ast.parse(textwrap.dedent(inspect.getsource(fn)))
    node = next(n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef))
    name = node.args.args[position].arg
    parents = {child: p for p in ast.walk(node) for child in ast.iter_child_nodes(p)}
    found: list[str] = []
    for use in ast.walk(node):
        if not (isinstance(use, ast.Name) and use.id == name):
            continue
        parent = parents[use]
        if isinstance(parent, ast.Attribute) and parent.attr in PART_ANSWERS:
            continue
        if isinstance(parent, ast.Call) and use in parent.args and not parent.keywords:
            helper = _callee(fn, parent.func)
            if helper is not None:
                found += context_uses(helper, parent.args.index(use), (*seen, fn))
                continue
        found.append(ast.unparse(parent))
    return found


def _callee(fn: Callable[..., object], func: ast.expr) -> Callable[..., object] | None:
    scope: dict[str, Any] = getattr(fn, "__globals__", {})
    target: object = None
    if isinstance(func, ast.Name):
        target = scope.get(func.id)
    elif isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
        target = getattr(scope.get(func.value.id), func.attr, None)
    return target if inspect.isfunction(target) else None


def test_per_account_rules_use_only_what_an_accounts_part_answers() -> None:
    marked = [r for r in builtin_rules().values() if r.account_scope is AccountScope.PER_ACCOUNT]
    assert len(marked) > 100
    assert all(r.resource_check is not None for r in marked)
    wrong = {r.id: uses for r in marked if (uses := context_uses(r.resource_check, 1))}
    assert wrong == {}


def _count_keys(context: Context) -> int:
    return len(context.of_kind("kms_key"))


def counts_keys(bucket: Any, ctx: Context) -> Verdict:
    ctx.resource(bucket.kms_key)
    return passed(str(_count_keys(ctx)))


def test_the_static_check_sees_a_scan_through_a_helper() -> None:
    assert context_uses(key_rotates, 1) == []
    assert context_uses(counts_keys, 1) == ["context.of_kind"]
    assert context_uses(scans_the_model, 1) == ["ctx.arch"]
