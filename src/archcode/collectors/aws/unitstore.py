"""Where finished units' results go as they finish, and where the model is assembled from.

Results stream into a store instead of piling up in the process that drives the run, and
`discover --resume` redoes only the units a store holds as failed. Three stores, one interface:

- `MemoryStore`: in this process (a discovery with no --state);
- `DirStore`: a directory, one JSON file per unit (``<account>/<region>/<group>.json``),
  each written atomically;
- `SqlStore`: a table of the audit store's database, SQLite or PostgreSQL, one row per
  (run, account, region, group). With PostgreSQL, Dask workers on other machines write their
  units' results there themselves (`StoringRunner`); only a receipt travels back.

Results are kept as JSON (`unitcodec`), never pickles: resuming from a state someone else
could write runs no code of theirs.
"""

from __future__ import annotations

import os
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from archcode.collectors.aws import unitcodec
from archcode.collectors.aws.units import Unit, UnitResult
from archcode.errors import UsageError


class UnitStore:
    """The results of a run's units, by unit."""

    shared = False  # other machines can write to it (Dask workers store their own results)

    def save(self, result: UnitResult) -> None:
        raise NotImplementedError

    def load(self, unit: Unit) -> UnitResult | None:
        """The stored result of the unit (failed or not), if any."""
        raise NotImplementedError

    def done(self, unit: Unit) -> UnitResult | None:
        """The stored result of a unit that finished without a failure, if any."""
        kept = self.load(unit)
        return None if kept is None or kept.failed else kept

    def clear(self) -> None:
        """Forget every unit of the run (a fresh run, or a finished one)."""

    def close(self) -> None:
        pass


class MemoryStore(UnitStore):
    def __init__(self) -> None:
        self._kept: dict[str, UnitResult] = {}

    def save(self, result: UnitResult) -> None:
        self._kept[result.unit.key] = result

    def load(self, unit: Unit) -> UnitResult | None:
        return self._kept.get(unit.key)

    def clear(self) -> None:
        self._kept.clear()


class DirStore(UnitStore):
    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def _path(self, unit: Unit) -> Path:
        return self.directory / unit.account / unit.region / f"{unit.group}.json"

    def save(self, result: UnitResult) -> None:
        text = unitcodec.dumps(result)
        path = self._path(result.unit)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(tmp, path)

    def load(self, unit: Unit) -> UnitResult | None:
        try:
            text = self._path(unit).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return None
        return unitcodec.loads(text, unit)


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


def is_database(state: str) -> bool:
    """A database URL or a SQLite file, rather than a directory."""
    return "://" in state or state.endswith((".sqlite", ".sqlite3", ".db"))


def open_store(state: str | None, run: str) -> UnitStore:
    """The store --state names: a directory, a SQLite file or a database URL (none: memory)."""
    if state is None:
        return MemoryStore()
    if is_database(state):
        return SqlStore(state, run)
    return DirStore(Path(state))


@dataclass
class Receipt:
    """What comes back from a unit whose result a worker stored itself."""

    unit: Unit
    found: int
    gaps: int
    calls: int
    failed: bool


def receipt(result: UnitResult) -> Receipt:
    return Receipt(result.unit, len(result.found), len(result.gaps), result.calls, result.failed)


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
