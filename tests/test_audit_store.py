"""The audit history store on SQLite and on a real PostgreSQL server: same code, same answers."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest
import sqlalchemy as sa

from archcode.audit.compare import compare_runs
from archcode.audit.records import FindingRow, ResourceRow, RunRecord
from archcode.audit.store import AuditStore, store_url
from archcode.errors import UsageError

JAN = datetime(2026, 1, 1, tzinfo=UTC)
FEB = datetime(2026, 2, 1, tzinfo=UTC)
MAR = datetime(2026, 3, 1, tzinfo=UTC)


def finding(fp: str, resource: str, rule: str = "rds-instance-multi-az") -> FindingRow:
    return FindingRow(fp, rule, resource, "medium", "FAIL", f"{rule} on {resource}")


def record(when: datetime, resources: list[str], fingerprints: list[str], cost: str) -> RunRecord:
    return RunRecord(
        started_at=when,
        source="123456789012/us-east-1",
        resources=[ResourceRow(k, "rds_instance", k.rsplit("/", 1)[-1]) for k in resources],
        findings=[finding(fp, fp.split("|")[-1]) for fp in fingerprints],
        costs={k: Decimal("10.50") for k in resources},
        total_cost=Decimal(cost),
    )


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[AuditStore]:
    if request.param == "sqlite":
        url = str(tmp_path / "audits.sqlite")
    else:
        url = request.getfixturevalue("postgres_url")
    audit_store = AuditStore(url)
    with audit_store.engine.begin() as conn:  # the PostgreSQL server lives for the session
        for table in ("archcode_run_findings", "archcode_run_resources", "archcode_runs"):
            conn.execute(sa.text(f"DELETE FROM {table}"))
    yield audit_store
    audit_store.close()


def test_runs_round_trip_with_exact_decimals(store: AuditStore) -> None:
    rec = record(JAN, ["a/r/db1", "a/r/db2"], ["x|a/r/db1"], "21.00")
    run_id = store.save(rec)
    loaded = store.load(run_id)
    assert loaded.started_at == JAN
    assert loaded.total_cost == Decimal("21.00")
    assert [r.key for r in loaded.resources] == ["a/r/db1", "a/r/db2"]
    assert loaded.costs["a/r/db1"] == Decimal("10.50")
    assert loaded.findings == rec.findings
    [listed] = store.list_runs()
    assert (listed.id, listed.resource_count, listed.finding_count) == (run_id, 2, 1)


def test_changes_since_the_previous_run_keep_first_seen_dates(store: AuditStore) -> None:
    store.save(record(JAN, ["k/db1", "k/db2"], ["old|k/db1", "gone|k/db2"], "21.00"))
    store.save(record(FEB, ["k/db1", "k/db2"], ["old|k/db1", "gone|k/db2"], "21.00"))
    third = store.save(record(MAR, ["k/db1", "k/db3"], ["old|k/db1", "new|k/db3"], "30.25"))
    previous = store.previous_run(third)
    assert previous is not None
    current = store.load(third)
    seen = store.first_seen([f.fingerprint for f in current.findings], third)
    changes = compare_runs(store.load(previous), current, seen, previous)
    assert [r.key for r in changes.resources_added] == ["k/db3"]
    assert [r.key for r in changes.resources_removed] == ["k/db2"]
    assert [f.fingerprint for f in changes.findings_new] == ["new|k/db3"]
    assert [f.fingerprint for f in changes.findings_fixed] == ["gone|k/db2"]
    assert [(f.fingerprint, when) for f, when in changes.findings_persisting] == [
        ("old|k/db1", JAN)
    ]
    assert changes.cost_change == Decimal("9.25")


def test_a_run_that_fails_midway_leaves_nothing(store: AuditStore) -> None:
    store.save(record(JAN, ["k/db1"], [], "1"))
    # Two findings with one fingerprint violate the primary key after the run row is inserted.
    broken = RunRecord(
        JAN,
        "x",
        [ResourceRow("k/db1", "rds_instance", "db1")],
        [finding("dup", "k/db1"), finding("dup", "k/db1")],
    )
    with pytest.raises(sa.exc.IntegrityError):
        store.save(broken)
    assert [r.source for r in store.list_runs()] == ["123456789012/us-east-1"]


def test_first_run_reports_everything_as_new() -> None:
    rec = record(JAN, ["k/db1"], ["f|k/db1"], "5")
    changes = compare_runs(None, rec, {})
    assert changes.previous_run is None
    assert [f.fingerprint for f in changes.findings_new] == ["f|k/db1"]
    assert changes.cost_change is None


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        (None, "sqlite:///archcode-audits.sqlite"),
        ("runs.db", "sqlite:///runs.db"),
        ("postgresql://u@h/db", "postgresql+psycopg://u@h/db"),
        ("postgres://u@h/db", "postgresql+psycopg://u@h/db"),
    ],
)
def test_store_urls(given: str | None, expected: str) -> None:
    assert store_url(given) == expected


def test_unknown_store_scheme_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="mysql"):
        store_url("mysql://h/db")


@pytest.mark.parametrize(
    "url",
    ["{tmp}/missing-dir/audits.sqlite", "postgresql://auditor:s3cret-pw@127.0.0.1:1/audits"],
)
def test_a_store_that_cannot_be_opened_is_one_line_without_the_password(
    url: str, tmp_path: Path
) -> None:
    with pytest.raises(UsageError, match="cannot open the store") as caught:
        AuditStore(url.format(tmp=tmp_path))
    message = str(caught.value)
    assert "s3cret-pw" not in message and "\n" not in message
