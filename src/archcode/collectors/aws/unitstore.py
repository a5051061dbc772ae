"""Results of finished units on disk, so that `discover --resume` redoes only what failed.

One file per unit (``<account>/<region>/<group>.pickle``), written atomically when the unit
finishes. Pickle keeps the found resources exactly as the collectors made them; the directory
is the run's own working state (like Dask's own messages, which are pickles too): do not
resume from a directory someone else could write.
"""

from __future__ import annotations

import os
import pickle
import tempfile
from pathlib import Path

from archcode.collectors.aws.units import Unit, UnitResult


class UnitStore:
    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def _path(self, unit: Unit) -> Path:
        return self.directory / unit.account / unit.region / f"{unit.group}.pickle"

    def save(self, result: UnitResult) -> None:
        path = self._path(result.unit)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "wb") as out:
            pickle.dump(result, out, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)

    def done(self, unit: Unit) -> UnitResult | None:
        """The stored result of a unit that finished without a failure, if any."""
        path = self._path(unit)
        if not path.is_file():
            return None
        try:
            with path.open("rb") as handle:
                result = pickle.load(handle)  # the run's own state (see above)
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError):
            return None
        if not isinstance(result, UnitResult) or result.failed or result.unit.key != unit.key:
            return None
        return result
