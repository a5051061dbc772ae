"""`archcode audit`: runs stored with history, on SQLite and on a real PostgreSQL server."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import sqlalchemy as sa
from tests.conftest import ROOT

from archcode.audit.store import AuditStore
from archcode.cli import main

EXAMPLE = (ROOT / "examples" / "serverless-django.yaml").read_text()


def _card(html: str, card_id: str) -> int:
    found = re.search(rf'id="{card_id}"><b>([^<]+)</b>', html)
    assert found, card_id
    return int(found.group(1))


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return str(tmp_path / "audits.sqlite")
    url: str = request.getfixturevalue("postgres_url")
    history = AuditStore(url)
    with history.engine.begin() as conn:
        for table in ("archcode_run_findings", "archcode_run_resources", "archcode_runs"):
            conn.execute(sa.text(f"DELETE FROM {table}"))
    history.close()
    return url


def _runs(store: str, capsys: pytest.CaptureFixture[str]) -> list[dict[str, object]]:
    capsys.readouterr()
    assert main(["audit", "history", "--store", store, "--format", "json"]) == 0
    runs: list[dict[str, object]] = json.loads(capsys.readouterr().out)
    return runs


def test_second_run_reports_changes_since_the_first(
    store: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    model = tmp_path / "model.yaml"
    model.write_text(EXAMPLE)
    first = tmp_path / "first.html"
    assert main(["audit", "--model", str(model), "--store", store, "--report", str(first)]) == 0
    assert "first run in this store" in capsys.readouterr().out
    baseline_open = _card(first.read_text(), "changes-new")
    assert baseline_open > 0

    # The change: a new resource with findings of its own.
    model.write_text(
        EXAMPLE.replace(
            "\nresources:\n",
            "\nresources:\n  audit_new_db: {kind: rds_instance, storage_encrypted: false, "
            "multi_az: false, instance_class: db.t4g.micro, engine: postgres}\n",
            1,
        )
    )
    second = tmp_path / "second.html"
    assert main(["audit", "--model", str(model), "--store", store, "--report", str(second)]) == 0
    out = capsys.readouterr().out
    assert "+1/-0 resources" in out
    html = second.read_text()
    new = _card(html, "changes-new")
    assert new > 0
    assert _card(html, "changes-persisting") == baseline_open
    assert _card(html, "changes-fixed") == 0
    assert html.count('data-change="new"') == new
    assert 'data-change="added"' in html and "audit_new_db" in html

    runs = _runs(store, capsys)
    assert [r["id"] for r in runs] == sorted(r["id"] for r in runs)  # type: ignore[type-var]
    assert len(runs) == 2
    assert runs[1]["resources"] == runs[0]["resources"] + 1  # type: ignore[operator]


def test_a_run_that_cannot_write_its_report_stores_nothing(
    store: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    model = tmp_path / "model.yaml"
    model.write_text(EXAMPLE)
    report = str(tmp_path / "missing-dir" / "report.html")
    assert main(["audit", "--model", str(model), "--store", store, "--report", report]) == 2
    assert "missing-dir" in capsys.readouterr().err
    assert _runs(store, capsys) == []


def test_fail_on_gates_the_exit_code(tmp_path: Path) -> None:
    model = tmp_path / "model.yaml"
    model.write_text(EXAMPLE)
    args = ["audit", "--model", str(model), "--store", str(tmp_path / "a.sqlite")]
    assert main([*args, "--report", str(tmp_path / "r.html"), "--fail-on", "low"]) == 1


def test_model_and_discover_options_do_not_mix(tmp_path: Path) -> None:
    assert main(["audit", "--model", "x.yaml", "--profile", "p"]) == 2
