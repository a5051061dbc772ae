"""Where discovery's units run: a local thread pool (the default), or a Dask cluster.

Both take the same picklable units and the same `run_unit` (or `StoringRunner`, which
stores the result where the unit ran and returns a receipt); Dask distributed does the
scheduling, shipping and worker management (`pip install 'archcode[dask]'`), so a cluster on
Kubernetes (dask-kubernetes) or ECS/Fargate (dask-cloudprovider) needs no change here.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed
from typing import Any, TypeVar

from archcode.collectors.aws.units import Unit
from archcode.errors import UsageError

EXECUTORS = ("threads", "dask")
T = TypeVar("T")  # what a unit's work returns: its result, or a receipt for a stored one


def run_all(
    units: Sequence[Unit],
    work: Callable[[Unit], T],
    *,
    executor: str = "threads",
    workers: int = 8,
    scheduler: str | None = None,
) -> Iterator[T]:
    """Every unit's result, in the order they finish."""
    if not units:
        return iter(())
    if executor == "dask":
        return _dask(units, work, scheduler or os.environ.get("DASK_SCHEDULER_ADDRESS"))
    if executor != "threads":
        raise UsageError(f"--executor {executor!r}: expected one of {', '.join(EXECUTORS)}")
    return _threads(units, work, workers)


def _threads(units: Sequence[Unit], work: Callable[[Unit], T], workers: int) -> Iterator[T]:
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        futures = [pool.submit(work, unit) for unit in units]
        for future in as_completed(futures):
            yield future.result()


def _dask(units: Sequence[Unit], work: Callable[[Unit], T], address: str | None) -> Iterator[T]:
    try:
        distributed: Any = importlib.import_module("distributed")  # untyped: used as Any
    except ImportError:
        raise UsageError(
            "--executor dask needs Dask distributed: pip install 'archcode[dask]'"
        ) from None
    if not address:
        raise UsageError(
            "--executor dask needs --scheduler tcp://HOST:8786 (or DASK_SCHEDULER_ADDRESS)"
        )
    try:
        client = distributed.Client(address, timeout="30s")
    except OSError as exc:
        raise UsageError(f"--scheduler {address}: cannot reach the scheduler ({exc})") from None
    try:
        # pure=False: two runs of the same unit are two reads of AWS, never a cached result.
        futures = client.map(work, list(units), pure=False)
        for future in distributed.as_completed(futures):
            result: T = future.result()
            future.release()
            yield result
    finally:
        client.close()
