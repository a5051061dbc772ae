"""Units' results in a table of the audit store's database (SQLite or PostgreSQL).

One row per (run, account, region, service group), the result as `unitcodec` JSON. A
PostgreSQL store is shared: Dask workers on other machines write their own units' results to
it (`StoringRunner`) and send back only a receipt. Imported only when a database is the state
(SQLAlchemy is not loaded by a discovery that does not use one).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from archcode.collectors.aws import unitcodec
from archcode.collectors.aws.units import Unit, UnitResult
from archcode.collectors.aws.unitstore import Receipt, UnitStore, receipt
from archcode.errors import UsageError

metadata = sa.MetaData()
units_table = sa.Table(
    "archcode_discovery_units",
    metadata,
    sa.Column("run", sa.Text, nullable=False),
    sa.Column("account", sa.Text, nullable=False),
    sa.Column("region", sa.Text, nullable=False),
    sa.Column("service_group", sa.Text, nullable=False),
    sa.Column("failed", sa.Boolean, nullable=False),
    sa.Column("result", sa.Text, nullable=False),  # unitcodec's JSON
    sa.PrimaryKeyConstraint("run", "account", "region", "service_group"),
)


def _engine(value: str) -> Engine:
    from archcode.audit.store import SQLITE_WAIT_SECONDS, create_tables, store_url

    url = store_url(value)
    options = {"connect_args": {"timeout": SQLITE_WAIT_SECONDS}} if url.startswith("sqlite") else {}
    try:
        engine = sa.create_engine(url, future=True, **options)
        create_tables(engine, metadata)
    except (sa.exc.OperationalError, sa.exc.ArgumentError) as exc:
        reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
        shown = sa.engine.make_url(url).render_as_string(hide_password=True)
        raise UsageError(f"--state {shown}: cannot open the store: {reason}") from None
    return engine


class SqlStore(UnitStore):
    def __init__(self, url: str, run: str) -> None:
        self.url, self.run = url, run
        self.engine = _engine(url)
        self.shared = self.engine.dialect.name != "sqlite"

    def _where(self, unit: Unit) -> Any:
        c = units_table.c
        return sa.and_(
            c.run == self.run,
            c.account == unit.account,
            c.region == unit.region,
            c.service_group == unit.group,
        )

    def save(self, result: UnitResult) -> None:
        unit = result.unit
        with self.engine.begin() as conn:  # a unit redone replaces its earlier result
            conn.execute(units_table.delete().where(self._where(unit)))
            conn.execute(
                units_table.insert().values(
                    run=self.run,
                    account=unit.account,
                    region=unit.region,
                    service_group=unit.group,
                    failed=result.failed,
                    result=unitcodec.dumps(result),
                )
            )

    def load(self, unit: Unit) -> UnitResult | None:
        query = sa.select(units_table.c.result).where(self._where(unit))
        with self.engine.connect() as conn:
            text = conn.execute(query).scalar()
        return None if text is None else unitcodec.loads(str(text), unit)

    def count(self) -> int:
        query = sa.select(sa.func.count()).where(units_table.c.run == self.run)
        with self.engine.connect() as conn:
            return int(conn.execute(query).scalar() or 0)

    def clear(self) -> None:
        with self.engine.begin() as conn:
            conn.execute(units_table.delete().where(units_table.c.run == self.run))

    def close(self) -> None:
        self.engine.dispose()


# A worker process's connections to shared stores, by (URL, run): opened once, by the first task.
_OPEN: dict[tuple[str, str], SqlStore] = {}
_OPEN_LOCK = threading.Lock()


@dataclass(frozen=True)
class StoringRunner:
    """Run a unit and store its result where it ran (a Dask worker): a picklable callable."""

    work: Callable[[Unit], UnitResult]
    url: str
    run: str

    def __call__(self, unit: Unit) -> Receipt:
        result = self.work(unit)
        with _OPEN_LOCK:
            store = _OPEN.get((self.url, self.run))
            if store is None:
                store = _OPEN[(self.url, self.run)] = SqlStore(self.url, self.run)
        store.save(result)
        return receipt(result)
