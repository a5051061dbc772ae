"""The HTML report in a real browser: Debian's headless Chromium driven by Playwright."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright import sync_api as playwright
from tests.conftest import ROOT

from archcode.cli import main

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = ROOT / "test-artifacts"
HOSTILE = "<img src=x onerror=alert(1)>"

MODEL = f"""
archcode: 1
name: report test
region: us-east-1
actors:
  users: {{kind: users}}
resources:
  web:
    kind: lambda_function
    name: "{HOSTILE}"
    runtime: python3.12
  db:
    kind: rds_instance
    engine: postgres
    instance_class: db.t4g.micro
    storage_encrypted: false
    multi_az: false
    publicly_accessible: true
  table: {{kind: dynamodb_table, point_in_time_recovery: true, deletion_protection: true}}
connections:
  - {{from: users, to: web, protocol: https}}
  - web -> db
  - web -> table
"""


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with playwright.sync_playwright() as p:
        launched = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
            ],
        )
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Any, write: Callable[[str, str], Path], tmp_path: Path) -> Iterator[Any]:
    source = write(MODEL, "arch.yaml")
    out = tmp_path / "report.html"
    assert main(["report", str(source), "-o", str(out)]) == 0
    tab = browser.new_page(viewport={"width": 1400, "height": 1000})
    problems: list[str] = []
    tab.on("console", lambda msg: problems.append(msg.text) if msg.type == "error" else None)
    tab.on("pageerror", lambda exc: problems.append(str(exc)))
    tab.on(
        "dialog", lambda dialog: (problems.append("dialog: " + dialog.message), dialog.dismiss())
    )
    requests: list[str] = []
    tab.on("request", lambda req: requests.append(req.url))
    tab.goto(out.as_uri())
    tab.wait_for_load_state("load")
    tab.problems = problems
    tab.requests = requests
    yield tab
    ARTIFACTS.mkdir(exist_ok=True)
    tab.screenshot(path=str(ARTIFACTS / "report.png"), full_page=True)
    tab.close()


def test_loads_offline_without_console_errors(page: Any) -> None:
    assert page.problems == []
    assert all(url.startswith(("file:", "data:")) for url in page.requests), page.requests
    assert page.locator("#diagram svg").count() == 1
    assert page.locator("#diagram g.node[data-resource]").count() >= 4


def test_clicking_a_node_shows_its_findings(page: Any) -> None:
    page.locator('#diagram g.node[data-resource="db"]').first.click()
    details = page.locator("#node-details")
    assert details.locator("h3").inner_text() == "db"
    rules = page.locator("#node-findings li").evaluate_all("els => els.map(e => e.dataset.rule)")
    assert "rds-instance-storage-encrypted" in rules
    table_rules = page.locator('#findings-table tbody tr[data-resource="db"]').evaluate_all(
        "rows => rows.map(r => r.dataset.rule)"
    )
    assert sorted(rules) == sorted(table_rules)
    assert page.problems == []


def test_filters_narrow_the_findings_table(page: Any) -> None:
    rows = page.locator("#findings-table tbody tr")
    total = rows.count()
    assert total > 1
    page.select_option("#f-severity", "medium")
    visible = page.locator("#findings-table tbody tr:not([hidden])")
    severities = set(visible.evaluate_all("rows => rows.map(r => r.dataset.severity)"))
    assert severities == {"medium"}
    assert int(page.inner_text("#findings-count")) == visible.count() < total
    page.select_option("#f-severity", "")
    page.fill("#f-resource", "table")
    resources = set(visible.evaluate_all("rows => rows.map(r => r.dataset.resource)"))
    assert resources <= {"table"}
    page.fill("#f-resource", "")
    page.select_option("#f-framework", "rds.3")
    assert set(visible.evaluate_all("rows => rows.map(r => r.dataset.rule)")) == {
        "rds-instance-storage-encrypted"
    }


def test_a_hostile_name_is_text(page: Any) -> None:
    assert page.locator('img[src="x"]').count() == 0
    assert HOSTILE in page.locator("#findings-table").inner_text()
    assert HOSTILE in " ".join(page.locator("#diagram").inner_text().split())  # labels wrap
    page.locator('#diagram g.node[data-resource="web"]').first.click()
    assert page.locator("#node-details h3").inner_text() == HOSTILE
    assert page.problems == []


def test_cost_totals_say_what_has_no_price() -> None:
    from tests.conftest import load

    from archcode.cost import estimate
    from archcode.reports.html.data import build_report_data
    from archcode.rules.checking import check_loaded

    arch = load(
        "name: t\nregion: us-east-1\nresources:\n"
        "  q: {kind: sqs, usage: {monthly_requests: 2000000}}\n"
        "  vm: {kind: ec2, instance_type: x9.huge}\n"
    )
    data = build_report_data(arch, check_loaded([("t.yaml", arch)]), estimate(arch))
    assert data.total_cost == "$0.80 + 1 component without a price"
    rows = {row["resource"]: row["total"] for row in data.cost_rows}
    assert rows == {"q": "$0.80", "vm": "$0.00 + 1 line without a price"}
    assert data.resources["vm"]["cost"] == "$0.00 + 1 line without a price"
