"""Where finished units' results go as they finish, and where the model is assembled from.

Results stream into a store instead of piling up in the process that drives the run, and
`discover --resume` redoes only the units a store holds as failed. Three stores, one interface:

- `MemoryStore`: in this process (a discovery with no --state);
- `DirStore`: a directory, one JSON file per unit (``<account>/<region>/<group>.json``),
  each written atomically;
- `unitdb.SqlStore`: a table of the audit store's database, SQLite or PostgreSQL, one row per
  (run, account, region, group). With PostgreSQL, Dask workers on other machines write their
  units' results there themselves (`unitdb.StoringRunner`); only a receipt travels back.

Results are kept as JSON (`unitcodec`), never pickles: resuming from a state someone else
could write runs no code of theirs.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from archcode.collectors.aws import unitcodec
from archcode.collectors.aws.units import Unit, UnitResult


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


def is_database(state: str) -> bool:
    """A database URL or a SQLite file, rather than a directory."""
    return "://" in state or state.endswith((".sqlite", ".sqlite3", ".db"))


def open_store(state: str | None, run: str) -> UnitStore:
    """The store --state names: a directory, a SQLite file or a database URL (none: memory)."""
    if state is None:
        return MemoryStore()
    if is_database(state):
        from archcode.collectors.aws.unitdb import SqlStore  # SQLAlchemy only when used

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
