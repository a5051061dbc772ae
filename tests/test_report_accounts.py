"""One summary per account in every report format, when the model spans several accounts."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from archcode.cli import main

PROD, DEV = "111111111111", "222222222222"
TWO_ACCOUNTS = f"""\
archcode: 1
name: two accounts
account_names:
  "{PROD}": prod <b>
  "{DEV}": dev
resources:
  logs:
    kind: s3_bucket
    account: "{PROD}"
    region: us-east-1
  archive:
    kind: s3_bucket
    account: "{PROD}"
    region: eu-west-1
  jobs:
    kind: sqs_queue
    account: "{DEV}"
    region: eu-west-1
coverage:
  - account: "{DEV}"
    region: eu-west-1
    service: kms
    operation: list_keys
    error: AccessDenied
    kinds: [kms_key]
"""
SEVERITIES = ("critical", "high", "medium", "low", "info")


def check(tmp_path: Path, model: Path, fmt: str) -> str:
    out = tmp_path / f"out.{fmt}"
    assert main(["check", str(model), "-f", fmt, "--fail-on", "never", "-o", str(out)]) == 0
    return out.read_text()


@pytest.fixture
def model(tmp_path: Path) -> Path:
    path = tmp_path / "two.yaml"
    path.write_text(TWO_ACCOUNTS)
    return path


def expected_open(report: dict[str, object]) -> dict[str, dict[str, int]]:
    """Open findings per account and severity, counted from the findings themselves."""
    counts: dict[str, Counter[str]] = {PROD: Counter(), DEV: Counter()}
    for f in report["findings"]:  # type: ignore[attr-defined]
        account = f["resource"]["account"]
        if f["status"] in ("FAIL", "UNKNOWN") and account in counts:
            counts[account][f["severity"]] += 1
    return {a: {s: c[s] for s in SEVERITIES} for a, c in counts.items()}


def test_json_and_sarif_give_each_accounts_figures(tmp_path: Path, model: Path) -> None:
    report = json.loads(check(tmp_path, model, "json"))
    rows = {row["account"]: row for row in report["accounts"]}
    assert list(rows) == [PROD, DEV]
    assert rows[PROD]["name"] == "prod <b>" and rows[DEV]["name"] == "dev"
    assert rows[PROD]["regions"] == ["eu-west-1", "us-east-1"]
    assert (rows[PROD]["resources"], rows[DEV]["resources"]) == (2, 1)
    assert (rows[PROD]["gaps"], rows[DEV]["gaps"]) == (0, 1)
    wanted = expected_open(report)
    assert {a: r["open_by_severity"] for a, r in rows.items()} == wanted
    assert sum(wanted[PROD].values()) > 0 and sum(wanted[DEV].values()) > 0
    sarif = json.loads(check(tmp_path, model, "sarif"))
    assert sarif["runs"][0]["properties"]["archcode/accounts"] == report["accounts"]


def test_text_and_markdown_have_a_line_per_account(tmp_path: Path, model: Path) -> None:
    report = json.loads(check(tmp_path, model, "json"))
    prod = next(r for r in report["accounts"] if r["account"] == PROD)
    text = check(tmp_path, model, "text").splitlines()
    lines = [line for line in text if line.startswith("account ")]
    assert [line.split(":")[0] for line in lines] == [
        f"account {PROD} (prod <b>)",
        f"account {DEV} (dev)",
    ]
    high = prod["open_by_severity"]["high"]
    assert "2 regions (eu-west-1, us-east-1), 2 resources, open findings" in lines[0]
    assert f", {high} high," in lines[0] and lines[0].endswith("; 0 gaps")
    assert lines[1].endswith("; 1 gap")
    assert text[-1].startswith(f"{report['summary']['by_status']['FAIL']} failed")  # last
    markdown = check(tmp_path, model, "markdown")
    assert "<summary>2 accounts</summary>" in markdown
    assert f"| {PROD} \\(prod &lt;b&gt;\\) | eu-west-1, us-east-1 | 2 |" in markdown


def test_html_report_has_a_per_account_table(tmp_path: Path, model: Path) -> None:
    out = tmp_path / "report.html"
    assert main(["report", str(model), "-o", str(out)]) == 0
    page = out.read_text()
    assert 'id="by-account"' in page
    assert f'<tr data-account="{PROD}"><td>{PROD} (prod &lt;b&gt;)</td>' in page
    assert "prod <b>" not in page.split("<script")[0]  # escaped like every name


def test_one_account_has_no_breakdown(tmp_path: Path) -> None:
    one = tmp_path / "one.yaml"
    one.write_text(TWO_ACCOUNTS.replace(f'  "{DEV}": dev\n', "").replace(DEV, PROD))
    report = json.loads(check(tmp_path, one, "json"))
    assert report["accounts"] == [] and report["findings"]
    text = check(tmp_path, one, "text").splitlines()
    assert not [line for line in text if line.startswith("account ")]
    assert "properties" not in json.loads(check(tmp_path, one, "sarif"))["runs"][0]
