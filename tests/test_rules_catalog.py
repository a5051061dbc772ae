"""Every built-in rule against its pass, fail and unknown fixtures, and complete metadata."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from tests.conftest import load
from tests.test_rules_catalog_cases import (
    ACCOUNT_CASES,
    CASES,
    FSBP_CASES,
    GRAPH_CASES,
    MONITORING_CASES,
    POLICY_CASES,
    Case,
)

from archcode.model.registry import BY_KIND
from archcode.rules import Outcome, builtin_rules, evaluate
from archcode.rules.engine import Result
from archcode.rules.frameworks import security_hub_controls

ALL_CASES = CASES + GRAPH_CASES + MONITORING_CASES + POLICY_CASES + FSBP_CASES + ACCOUNT_CASES
CONTROLS = Path(__file__).resolve().parent / "vendor" / "securityhub" / "controls.md"
# Real Security Hub controls the catalogue maps that controls.md's table does not list.
EXTRA_CONTROLS = frozenset({"EC2.19"})
# ... and every control of the package's list (rules/frameworks/security_hub.csv).
# (AWS spells some ids "Opensearch.1", other tools "OpenSearch.1": matched case-insensitively.)
SECURITY_HUB = frozenset(security_hub_controls())


def results(text: str, rule_id: str) -> list[Result]:
    rule = builtin_rules()[rule_id]
    return evaluate(load(text), [rule])


def ids(found: list[Result], outcome: Outcome) -> set[str | None]:
    return {r.resource for r in found if r.outcome is outcome}


def _name(case: Case) -> str:
    return case.rule


@pytest.mark.parametrize("case", ALL_CASES, ids=_name)
def test_passing_fixture_passes(case: Case) -> None:
    found = results(case.passing, case.rule)
    assert ids(found, Outcome.FAIL) == set(), [r.message for r in found]
    assert ids(found, Outcome.UNKNOWN) == set()
    assert ids(found, Outcome.ERROR) == set()
    assert ids(found, Outcome.PASS), "the pass fixture must pass at least once"


@pytest.mark.parametrize("case", ALL_CASES, ids=_name)
def test_failing_fixture_fails_exactly(case: Case) -> None:
    found = results(case.failing, case.rule)
    assert ids(found, Outcome.ERROR) == set(), [r.message for r in found]
    assert ids(found, Outcome.FAIL) == case.fails
    assert all(r.message for r in found if r.outcome is Outcome.FAIL)


@pytest.mark.parametrize("case", [c for c in ALL_CASES if c.unknown], ids=_name)
def test_missing_fact_is_unknown_never_pass(case: Case) -> None:
    found = results(case.unknown, case.rule)
    assert ids(found, Outcome.UNKNOWN) == case.unknowns
    assert not ids(found, Outcome.PASS) & case.unknowns
    assert ids(found, Outcome.ERROR) == set()


def test_every_rule_has_fixtures() -> None:
    assert {c.rule for c in ALL_CASES} == set(builtin_rules())


def _controls() -> dict[str, str]:
    """Control id -> severity letter from controls.md, which abbreviates (`.3`, `KMS.1/2`)."""
    found: dict[str, str] = {}
    for row in CONTROLS.read_text().splitlines():
        cells = row.split("|")
        if len(cells) < 4 or cells[1].strip() in ("service", "topic") or "---" in row:
            continue
        prefix = ""
        for item in cells[2].split("·"):
            match = re.match(r"\s*\**\s*([A-Za-z0-9]+)?\.(\d+)((?:/\d+)*)", item)
            if not match:
                continue
            prefix = match.group(1) or prefix
            severity = re.findall(r"\(([CHML])\)", item)
            for number in [match.group(2), *filter(None, match.group(3).split("/"))]:
                # the cross-reference table repeats ids without a severity: keep the first
                found.setdefault(f"{prefix}.{number}", severity[-1] if severity else "")
    return found


@pytest.mark.parametrize("rule_id", sorted(builtin_rules()))
def test_rule_metadata_is_complete(rule_id: str) -> None:
    rule = builtin_rules()[rule_id]
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)+", rule.id)
    assert not {"critical", "high", "medium", "low", "info"} & set(rule.id.split("-"))
    assert rule.title and rule.title[0].isupper() and not rule.title.endswith(".")
    assert len(rule.rationale) > 40
    assert rule.remediation.text and rule.remediation.yaml and rule.remediation.cloudformation
    assert rule.kinds and all(k in BY_KIND for k in rule.kinds)
    assert rule.frameworks.well_architected
    for practice in rule.frameworks.well_architected:
        assert re.fullmatch(r"(SEC|REL|OPS|PERF|COST|SUS)\d{2}-BP\d{2}", practice)
    known = set(_controls()) | EXTRA_CONTROLS
    for control in rule.frameworks.security_hub:
        assert control in known or control.casefold() in SECURITY_HUB, (
            f"{control} is not a Security Hub control in controls.md or security_hub.csv"
        )
    for cis in rule.frameworks.cis:
        assert re.fullmatch(r"\d+(\.\d+)+", cis)


def test_issue_controls_are_all_covered() -> None:
    wanted = {
        *("RDS.2", "RDS.3", "RDS.5", "RDS.8", "RDS.11", "RDS.15", "RDS.26", "RDS.27"),
        *("S3.8", "S3.5", "S3.14", "DynamoDB.2", "DynamoDB.4", "DynamoDB.6"),
        *("Lambda.3", "Lambda.5", "IAM.1", "IAM.21", "KMS.4", "SecretsManager.1"),
        *("CloudTrail.1", "CloudTrail.2", "CloudFront.3", "CloudFront.6", "APIGateway.1"),
        *("APIGateway.4", "EC2.19", "ELB.13", "ElastiCache.1", "ElastiCache.3", "EFS.1", "EFS.2"),
    }
    mapped = {c for rule in builtin_rules().values() for c in rule.frameworks.security_hub}
    assert wanted <= mapped


def test_severities_follow_security_hub() -> None:
    """A rule's severity is that of the first Security Hub control it maps (controls.md)."""
    letters = {"C": "critical", "H": "high", "M": "medium", "L": "low"}
    table = _controls()
    assert table["CloudFront.3"] == "M" and table["KMS.2"] == "M" and table["RDS.2"] == "C"
    checked = 0
    for rule in builtin_rules().values():
        controls = [c for c in rule.frameworks.security_hub if table.get(c)]
        if controls:
            checked += 1
            assert rule.severity.value == letters[table[controls[0]]], rule.id
    assert checked >= 30


def test_no_trail_is_unknown_not_fail_when_discovery_could_not_read_trails() -> None:
    doc = """
    archcode: 1
    name: audited
    account: "111122223333"
    resources:
      q: {kind: sqs_queue}
    coverage:
      - {account: "111122223333", region: us-east-1, service: cloudtrail,
         operation: describe_trails, error: AccessDenied, kinds: [cloudtrail_trail]}
    """
    rule = builtin_rules()["cloudtrail-multi-region-trail"]
    [denied] = evaluate(load(doc), [rule])
    assert denied.outcome is Outcome.UNKNOWN and "AccessDenied" in denied.message
    [missing] = evaluate(load(doc.split("    coverage:")[0]), [rule])
    assert missing.outcome is Outcome.FAIL


@pytest.mark.parametrize(
    ("rule_id", "doc", "kind"),
    [
        (
            "apigateway-rest-waf",
            "  api: {kind: rest_api}\n",
            "waf_web_acl",
        ),
        (
            "rds-instance-backup-plan",
            "  db: {kind: rds_instance, storage_encrypted: true}\n",
            "backup_selection",
        ),
    ],
)
def test_a_fail_resting_on_an_unread_kind_is_unknown(rule_id: str, doc: str, kind: str) -> None:
    head = 'archcode: 1\nname: audited\naccount: "111122223333"\nregion: us-east-1\nresources:\n'
    gap = (
        'coverage:\n  - {account: "111122223333", region: us-east-1, service: x, '
        f"operation: list_things, error: AccessDenied, kinds: [{kind}]}}\n"
    )
    rule = builtin_rules()[rule_id]
    assert kind in rule.relies_on
    [plain] = evaluate(load(head + doc), [rule])
    assert plain.outcome is Outcome.FAIL
    [unread] = evaluate(load(head + doc + gap), [rule])
    assert unread.outcome is Outcome.UNKNOWN
    assert "could not be read (list_things: AccessDenied)" in unread.message
