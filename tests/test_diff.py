"""`archcode diff`: resources, findings and cost that a change adds, removes or changes."""

from __future__ import annotations

import json
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest
from tests.conftest import load

from archcode.cli import main
from archcode.cost import estimate
from archcode.reports.pr_diff import pull_request_diff
from archcode.reports.pr_markdown import render_diff_markdown

BASE = """
archcode: 1
name: shop
region: us-east-1
resources:
  db:
    kind: rds_instance
    engine: postgres
    instance_class: db.t4g.micro
    allocated_storage_gb: 20
    storage_encrypted: true
    multi_az: true
    backup_retention_days: 7
  fn:
    kind: lambda_function
    runtime: python3.12
    memory_mb: 512
    usage: {monthly_requests: 1000000, avg_duration_ms: 100}
"""

HEAD = BASE.replace("storage_encrypted: true", "storage_encrypted: false").replace(
    "monthly_requests: 1000000", "monthly_requests: 5000000"
)


@pytest.fixture
def paths(write: Callable[[str, str], Path]) -> tuple[str, str]:
    return str(write(BASE, "base.yaml")), str(write(HEAD, "head.yaml"))


def test_a_new_finding_and_a_cost_change_show(
    paths: tuple[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["diff", *paths, "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    new = {(f["rule_id"], f["resource"]) for f in report["findings"]["new"]}
    assert ("rds-instance-storage-encrypted", "db") in new
    assert report["findings"]["fixed"] == []
    assert report["resources"]["changed"][0]["id"] == "db"
    [fn_cost] = [c for c in report["cost"]["components"] if c["resource"] == "fn"]
    before = estimate(load(BASE)).components["fn"].total
    after = estimate(load(HEAD)).components["fn"].total
    assert before is not None and after is not None and after > before
    assert Decimal(fn_cost["delta"]) == after - before


def test_fail_on_gates_only_on_new_findings(paths: tuple[str, str]) -> None:
    base, head = paths
    assert main(["diff", base, head, "--fail-on", "medium", "-o", "/dev/null"]) == 1
    assert main(["diff", head, head, "--fail-on", "low", "-o", "/dev/null"]) == 0
    assert main(["diff", head, base, "--fail-on", "low", "-o", "/dev/null"]) == 0  # a fix


def test_the_comment_fits_github_and_says_what_it_left_out() -> None:
    many = "\n".join(
        f"  db{i}: {{kind: rds_instance, storage_encrypted: false, multi_az: false}}"
        for i in range(3000)
    )
    head = load(f"archcode: 1\nname: big\nresources:\n{many}\n")
    text = render_diff_markdown(pull_request_diff(load(BASE), head))
    assert len(text) <= 65_536
    assert "more not shown" in text
    assert "rows left out" in text


def test_bad_input_names_the_file_and_exits_2(
    write: Callable[[str, str], Path], capsys: pytest.CaptureFixture[str]
) -> None:
    good = str(write(BASE, "base.yaml"))
    bad = str(write("archcode: 1\nname: x\nresources:\n  a: {kind: nope}\n", "bad.yaml"))
    assert main(["diff", good, bad]) == 2
    assert "bad.yaml:4" in capsys.readouterr().err


def test_a_finding_waived_in_the_head_model_is_not_new() -> None:
    waived = HEAD + (
        "waivers:\n  - {rule: rds-instance-storage-encrypted, resource: db, "
        "reason: migrating next sprint, expires: 2999-01-01}\n"
    )
    diff = pull_request_diff(load(BASE), load(waived))
    assert "rds-instance-storage-encrypted" not in {f.rule.id for f in diff.findings_new}


def test_the_cost_change_is_the_priced_part_then_what_has_no_price(
    paths: tuple[str, str],
) -> None:
    base = load(BASE)
    head = load(HEAD + "  vm: {kind: ec2_instance, instance_type: x9.huge}\n")
    diff = pull_request_diff(base, head)
    comment = render_diff_markdown(diff)
    known = diff.cost.known_delta
    assert diff.cost_delta is None and known > 0
    assert f"(change: +${known:,.2f} + 1 component without a price)" in comment
    assert "| vm | — | $0.00 + 1 line without a price | ±$0.00 + 1 line without a price |" in (
        comment
    )
    assert "unknown" not in comment
