"""What discovery shows while it runs (stderr, only on a terminal) and the closing summary."""

from __future__ import annotations

import time
from collections import Counter
from types import TracebackType

from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn
from rich.table import Table

from archcode.model.architecture import Architecture


class DiscoverProgress:
    """One bar per account; its text names the region and service being read.

    For an organisation (``overall=True``) one bar for the whole run instead: accounts done,
    units done and failed, requests, elapsed time.
    """

    def __init__(self, console: Console | None = None, *, overall: bool = False) -> None:
        self.console = console or Console(stderr=True)
        self.overall = overall
        self._left: dict[str, int] = {}
        self._units = self._done = self._failed = self._calls = 0
        self._started = time.monotonic()
        self._progress = Progress(
            TextColumn("[bold]{task.fields[account]}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.description}"),
            console=self.console,
            disable=not self.console.is_terminal,
            transient=False,
        )
        self._tasks: dict[str, TaskID] = {}

    def __enter__(self) -> DiscoverProgress:
        self._progress.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._progress.stop()

    def account(self, account: str, total: int) -> None:
        self._left[account] = total
        self._units += total
        if not self.overall:
            self._tasks[account] = self._progress.add_task("", total=total, account=account)
        elif "" not in self._tasks:
            self._tasks[""] = self._progress.add_task("", total=None, account="organization")
        else:
            self._progress.update(self._tasks[""], total=self._units)

    def started(self, account: str, region: str, service: str) -> None:
        if account in self._tasks:
            self._progress.update(self._tasks[account], description=f"{region} {service}")

    def resumed(self, units: int) -> None:
        """Units taken from a previous run (--resume)."""
        if units:
            self.console.print(f"resumed: {units} units kept from the previous run", style="dim")

    def finished(
        self,
        account: str,
        region: str,
        service: str,
        found: int,
        calls: int = 0,
        failed: bool = False,
    ) -> None:
        self._done += 1
        self._failed += int(failed)
        self._calls += calls
        self._left[account] = self._left.get(account, 1) - 1
        if self.overall and "" in self._tasks:
            accounts = sum(1 for left in self._left.values() if left <= 0)
            self._progress.update(
                self._tasks[""],
                total=self._units,
                completed=self._done,
                description=(
                    f"accounts {accounts}/{len(self._left)}  units failed {self._failed}  "
                    f"requests {self._calls}  {time.monotonic() - self._started:.0f} s"
                ),
            )
        elif account in self._tasks:
            self._progress.update(
                self._tasks[account], advance=1, description=f"{region} {service}: {found} found"
            )


def summary(arch: Architecture, calls: int, seconds: float) -> tuple[str, Table]:
    """A headline, and a table of found counts per kind and of what could not be read."""
    headline = (
        f"archcode discover: {len(arch.resources)} resources, {len(arch.connections)} "
        f"connections, {len(arch.coverage)} coverage gaps, {calls} API calls, {seconds:.1f} s"
    )
    table = Table()
    table.add_column("kind")
    table.add_column("found", justify="right")
    for kind, count in sorted(Counter(r.kind for r in arch.resources.values()).items()):
        table.add_row(kind, str(count))
    gaps = Counter(
        (g.service, g.operation, g.error) for g in arch.coverage if g.error != "NotCollected"
    )
    if gaps:
        table.add_section()
        table.add_row("[bold]could not read[/] (service operation: error)", "times")
        for (service, operation, error), count in sorted(gaps.items()):
            table.add_row(escape(f"{service} {operation}: {error}"), str(count))
    later = sorted({k for g in arch.coverage if g.error == "NotCollected" for k in g.kinds})
    if later:
        table.add_section()
        table.add_row("[bold]not collected yet[/] (unknown): " + ", ".join(later), "")
    return headline, table
