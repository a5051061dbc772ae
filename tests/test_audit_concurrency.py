"""Two `audit` processes on one SQLite store at once: both complete (one waits), nothing corrupt."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from archcode.audit.store import AuditStore

WRITER = textwrap.dedent(
    """
    import sys
    from datetime import UTC, datetime
    from decimal import Decimal
    from archcode.audit.records import FindingRow, ResourceRow, RunRecord
    from archcode.audit.store import AuditStore

    path, tag, start = sys.argv[1], sys.argv[2], sys.argv[3]
    while not __import__("os").path.exists(start):  # both begin together
        pass
    store = AuditStore(path)
    for n in range(15):
        keys = [f"111122223333/us-east-1/{tag}-{n}-{i}" for i in range(400)]
        store.save(
            RunRecord(
                started_at=datetime.now(UTC),
                source=tag,
                resources=[ResourceRow(k, "s3", k) for k in keys],
                findings=[FindingRow(f"fp|{k}", "r", k, "low", "FAIL", "m" * 200) for k in keys],
                costs={k: Decimal("1.5") for k in keys},
                total_cost=Decimal("600"),
            )
        )
    store.close()
    """
)


def test_two_writers_on_one_fresh_sqlite_store_both_complete(tmp_path: Path) -> None:
    store_path = tmp_path / "audits.sqlite"  # fresh: both also race to create the tables
    start = tmp_path / "go"
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(store_path), tag, str(start)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for tag in ("a", "b")
    ]
    start.touch()
    results = [w.communicate(timeout=300) for w in writers]
    assert [w.returncode for w in writers] == [0, 0], results
    store = AuditStore(str(store_path))
    runs = store.list_runs()
    store.close()
    assert sorted(r.source for r in runs) == ["a"] * 15 + ["b"] * 15
    assert {(r.resource_count, r.finding_count) for r in runs} == {(400, 400)}
    with sqlite3.connect(store_path) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_a_writer_waits_for_a_long_transaction_instead_of_failing(tmp_path: Path) -> None:
    """Another audit holds the write lock past SQLite's default 5 s wait: this one waits."""
    import threading
    import time
    from datetime import UTC, datetime

    from archcode.audit.records import ResourceRow, RunRecord

    path = tmp_path / "audits.sqlite"
    AuditStore(str(path)).close()
    locked = threading.Event()

    def hold() -> None:
        db = sqlite3.connect(path, isolation_level=None)
        db.execute("BEGIN IMMEDIATE")  # the write lock, as a long save holds it
        locked.set()
        time.sleep(6)
        db.execute("COMMIT")
        db.close()

    holder = threading.Thread(target=hold)
    holder.start()
    locked.wait()
    store = AuditStore(str(path))
    started = time.monotonic()
    store.save(RunRecord(datetime.now(UTC), "late", [ResourceRow("k", "s3", "k")]))
    waited = time.monotonic() - started
    holder.join()
    assert [r.source for r in store.list_runs()] == ["late"]
    store.close()
    assert waited > 4  # it did wait for the lock


def test_a_store_locked_past_the_wait_is_one_line_and_stores_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from datetime import UTC, datetime

    from archcode.audit import store as store_module
    from archcode.audit.records import RunRecord
    from archcode.errors import UsageError

    path = tmp_path / "audits.sqlite"
    AuditStore(str(path)).close()
    monkeypatch.setattr(store_module, "SQLITE_WAIT_SECONDS", 0.2)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    store = AuditStore(str(path))
    with pytest.raises(UsageError) as caught:
        store.save(RunRecord(datetime.now(UTC), "blocked"))
    holder.execute("ROLLBACK")
    holder.close()
    assert str(caught.value) == (
        f"--store sqlite:///{path}: the run was not stored: database is locked"
    )
    assert store.list_runs() == []
    store.close()


def test_two_audit_commands_on_one_store_at_once(tmp_path: Path) -> None:
    """The command line itself, twice at once on a fresh store: two runs stored, in order."""
    example = Path(__file__).resolve().parent.parent / "examples" / "serverless-django.yaml"
    store = tmp_path / "audits.sqlite"
    audits = [
        subprocess.Popen(
            [sys.executable, "-m", "archcode", "audit", "--model", str(example),
             "--store", str(store), "--report", str(tmp_path / f"report-{n}.html")],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(2)
    ]  # fmt: skip
    results = [a.communicate(timeout=300) for a in audits]
    assert [a.returncode for a in audits] == [0, 0], results
    history = AuditStore(str(store))
    runs = history.list_runs()
    history.close()
    assert [r.id for r in runs] == [1, 2]
    assert {r.source for r in runs} == {str(example)}
