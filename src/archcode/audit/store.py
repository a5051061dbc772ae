"""The audit history store: SQLite by default, PostgreSQL when the URL says so, one code path.

A run is written in one transaction, so a run that fails midway leaves nothing behind; only
complete runs are ever read back.
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from archcode.audit.records import FindingRow, ResourceRow, RunRecord, StoredRun
from archcode.errors import UsageError

DEFAULT_STORE = "archcode-audits.sqlite"

metadata = sa.MetaData()

runs = sa.Table(
    "archcode_runs",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("finished_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("source", sa.Text, nullable=False),
    # Decimal as text: exact, and identical on SQLite (which has no decimal type) and PostgreSQL.
    sa.Column("total_cost", sa.Text, nullable=True),
)

run_resources = sa.Table(
    "archcode_run_resources",
    metadata,
    sa.Column("run_id", sa.ForeignKey("archcode_runs.id", ondelete="CASCADE"), nullable=False),
    sa.Column("resource_key", sa.Text, nullable=False),
    sa.Column("kind", sa.Text, nullable=False),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("monthly_cost", sa.Text, nullable=True),
    sa.PrimaryKeyConstraint("run_id", "resource_key"),
)

run_findings = sa.Table(
    "archcode_run_findings",
    metadata,
    sa.Column("run_id", sa.ForeignKey("archcode_runs.id", ondelete="CASCADE"), nullable=False),
    sa.Column("fingerprint", sa.Text, nullable=False),
    sa.Column("rule_id", sa.Text, nullable=False),
    sa.Column("resource_key", sa.Text, nullable=False),
    sa.Column("severity", sa.Text, nullable=False),
    sa.Column("status", sa.Text, nullable=False),
    sa.Column("message", sa.Text, nullable=False),
    sa.PrimaryKeyConstraint("run_id", "fingerprint"),
    sa.Index("ix_archcode_run_findings_fingerprint", "fingerprint"),
)


def store_url(value: str | None) -> str:
    """A SQLAlchemy URL from what users type: a path, sqlite:///..., or postgresql://..."""
    if not value:
        value = DEFAULT_STORE
    if value.startswith(("postgresql://", "postgres://")):
        # The psycopg 3 driver is the one archcode depends on.
        return "postgresql+psycopg://" + value.split("://", 1)[1]
    if value.startswith("postgresql+") or value.startswith("sqlite:"):
        return value
    if "://" in value:
        raise UsageError(f"--store: unsupported store URL {value!r} (use a file or postgresql://)")
    return f"sqlite:///{Path(value)}"


def _decimal(text: str | None) -> Decimal | None:
    return None if text is None else Decimal(text)


def _text(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


SQLITE_WAIT_SECONDS = 120.0


def _sqlite(url: str) -> bool:
    return url.startswith("sqlite")


def create_tables(engine: Engine, tables: sa.MetaData = metadata) -> None:
    """The tables, if missing; a second process creating them at the same moment is no error."""
    # create_all checks and creates table by table, so the other process can win the race on
    # any one of them: check again each time, at most once per table.
    for _attempt in range(len(tables.tables)):
        try:
            tables.create_all(engine)
            return
        except (sa.exc.OperationalError, sa.exc.ProgrammingError, sa.exc.IntegrityError) as exc:
            if "already exists" not in str(exc) and "duplicate key" not in str(exc):
                raise
    tables.create_all(engine)


class AuditStore:
    def __init__(self, url: str | None = None) -> None:
        target = store_url(url)
        # Two audits on one SQLite file: the second writer waits for the first's transaction
        # (a big run takes seconds to store) instead of failing at SQLite's default 5 s.
        options = {"connect_args": {"timeout": SQLITE_WAIT_SECONDS}} if _sqlite(target) else {}
        try:
            self.engine: Engine = sa.create_engine(target, future=True, **options)
            create_tables(self.engine)
        except (sa.exc.OperationalError, sa.exc.ArgumentError) as exc:
            # A store that cannot be opened is bad input (exit 2), said in one line.
            reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
            shown = sa.engine.make_url(target).render_as_string(hide_password=True)
            raise UsageError(f"--store {shown}: cannot open the store: {reason}") from None

    def close(self) -> None:
        self.engine.dispose()

    def save(self, record: RunRecord, finished_at: datetime | None = None) -> int:
        """Store one complete run atomically and return its id (nothing, if it fails)."""
        try:
            return self._save(record, finished_at)
        except sa.exc.OperationalError as exc:  # locked past the wait, disk full, read-only
            reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
            shown = self.engine.url.render_as_string(hide_password=True)
            raise UsageError(f"--store {shown}: the run was not stored: {reason}") from None

    def _save(self, record: RunRecord, finished_at: datetime | None) -> int:
        finished = finished_at or datetime.now(UTC)
        with self.engine.begin() as conn:  # one transaction: all of the run or none of it
            key = conn.execute(
                runs.insert().values(
                    started_at=record.started_at,
                    finished_at=finished,
                    source=record.source,
                    total_cost=_text(record.total_cost),
                )
            ).inserted_primary_key
            assert key is not None
            run_id = int(key[0])
            if record.resources:
                conn.execute(
                    run_resources.insert(),
                    [
                        {
                            "run_id": run_id,
                            "resource_key": r.key,
                            "kind": r.kind,
                            "name": r.name,
                            "monthly_cost": _text(record.costs.get(r.key)),
                        }
                        for r in record.resources
                    ],
                )
            if record.findings:
                conn.execute(
                    run_findings.insert(),
                    [
                        {
                            "run_id": run_id,
                            "fingerprint": f.fingerprint,
                            "rule_id": f.rule_id,
                            "resource_key": f.resource,
                            "severity": f.severity,
                            "status": f.status,
                            "message": f.message,
                        }
                        for f in record.findings
                    ],
                )
        return run_id

    def list_runs(self) -> list[StoredRun]:
        resources = (
            sa.select(sa.func.count()).where(run_resources.c.run_id == runs.c.id).scalar_subquery()
        )
        findings = (
            sa.select(sa.func.count()).where(run_findings.c.run_id == runs.c.id).scalar_subquery()
        )
        query = sa.select(runs, resources.label("nres"), findings.label("nfind")).order_by(
            runs.c.id
        )
        with self.engine.connect() as conn:
            return [
                StoredRun(
                    id=row.id,
                    started_at=_aware(row.started_at),
                    finished_at=_aware(row.finished_at),
                    source=row.source,
                    resource_count=row.nres,
                    finding_count=row.nfind,
                    total_cost=_decimal(row.total_cost),
                )
                for row in conn.execute(query)
            ]

    def latest_run(self) -> int | None:
        with self.engine.connect() as conn:
            found = conn.execute(sa.select(sa.func.max(runs.c.id))).scalar()
        return None if found is None else int(found)

    def previous_run(self, before_id: int) -> int | None:
        query = sa.select(sa.func.max(runs.c.id)).where(runs.c.id < before_id)
        with self.engine.connect() as conn:
            found = conn.execute(query).scalar()
        return None if found is None else int(found)

    def load(self, run_id: int) -> RunRecord:
        with self.engine.connect() as conn:
            run = conn.execute(sa.select(runs).where(runs.c.id == run_id)).one()
            resource_rows = conn.execute(
                sa.select(run_resources)
                .where(run_resources.c.run_id == run_id)
                .order_by(run_resources.c.resource_key)
            ).all()
            finding_rows = conn.execute(
                sa.select(run_findings)
                .where(run_findings.c.run_id == run_id)
                .order_by(run_findings.c.fingerprint)
            ).all()
        return RunRecord(
            started_at=_aware(run.started_at),
            source=run.source,
            resources=[ResourceRow(r.resource_key, r.kind, r.name) for r in resource_rows],
            findings=[
                FindingRow(
                    f.fingerprint, f.rule_id, f.resource_key, f.severity, f.status, f.message
                )
                for f in finding_rows
            ],
            costs={r.resource_key: _decimal(r.monthly_cost) for r in resource_rows},
            total_cost=_decimal(run.total_cost),
        )

    def first_seen(self, fingerprints: list[str], up_to_run: int) -> dict[str, datetime]:
        """When each finding was first recorded, over the runs up to ``up_to_run``."""
        if not fingerprints:
            return {}
        query = (
            sa.select(run_findings.c.fingerprint, sa.func.min(runs.c.started_at))
            .join(runs, runs.c.id == run_findings.c.run_id)
            .where(run_findings.c.fingerprint.in_(fingerprints), runs.c.id <= up_to_run)
            .group_by(run_findings.c.fingerprint)
        )
        with self.engine.connect() as conn:
            return {fp: _aware(when) for fp, when in conn.execute(query)}


def _aware(value: datetime) -> datetime:
    # SQLite hands back naive datetimes; everything archcode stores is UTC.
    return value if value.tzinfo else value.replace(tzinfo=UTC)
