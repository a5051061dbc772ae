"""One unit of discovery work: one service group of one account in one region.

A unit is a plain, picklable description (which credentials, which account, region and
group); `run_unit` opens (once per process) the account's session itself, so the same unit
runs on the local thread pool or on a Dask worker on another machine. What it found comes
back as a picklable `UnitResult`. A unit is retried on its own when it raised, or when a read
failed for a reason that passes (throttling beyond botocore's own retries, a 5xx, a dropped
connection); a denied read is a fact about the account, never retried.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from botocore.exceptions import BotoCoreError, ClientError, ParamValidationError

from archcode.collectors.aws.draft import Ctx, Found, Handle, Link
from archcode.collectors.aws.reader import Clients, Reader, error_code
from archcode.collectors.aws.services import BY_NAME
from archcode.collectors.aws.services.base import api
from archcode.collectors.aws.session import Source, Target, open_target, retry_config
from archcode.model.architecture import CoverageGap

# Error codes of reads that may succeed when tried again.
TRANSIENT = frozenset(
    {
        "Throttling",
        "ThrottlingException",
        "ThrottledException",
        "TooManyRequestsException",
        "RequestLimitExceeded",
        "RequestThrottled",
        "SlowDown",
        "ServiceUnavailable",
        "ServiceUnavailableException",
        "InternalError",
        "InternalFailure",
        "InternalServerError",
        "EndpointConnectionError",
        "ConnectionClosedError",
        "ReadTimeoutError",
        "ConnectTimeoutError",
    }
)


@dataclass(frozen=True)
class Unit:
    source: Source
    external_id: str | None
    account: str
    region: str  # "global" for IAM, CloudFront, Route 53 ...
    group: str
    regions: frozenset[str]  # every region read in the account (global groups filter on it)
    raw_dir: Path | None = None
    workers: int = 8
    retry_mode: str = "standard"  # botocore's: adaptive for an organisation

    @property
    def key(self) -> str:
        return f"{self.account}/{self.region}/{self.group}"


@dataclass
class UnitResult:
    unit: Unit
    found: list[Found] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    aliases: list[tuple[Handle, Handle]] = field(default_factory=list)
    outside: list[tuple[Handle, str]] = field(default_factory=list)
    gaps: list[CoverageGap] = field(default_factory=list)
    calls: int = 0
    attempts: int = 1
    failed: bool = False  # still failing after every attempt: redone by --resume
    settings: list[dict[str, Any]] = field(default_factory=list)  # account settings read


# Sessions opened in this process, by (credentials source, ExternalId): one AssumeRole per
# account and process, whichever thread or Dask task asks first. An account's boto3 clients
# weigh about a megabyte together; units come account after account, so only the accounts
# most recently used are kept (an organisation of thousands would otherwise hold them all).
KEEP_ACCOUNTS = 32
_TARGETS: OrderedDict[tuple[Source, str | None], tuple[Target, Clients]] = OrderedDict()
_TARGETS_LOCK = threading.Lock()
_OPENING: dict[tuple[Source, str | None], threading.Lock] = {}


def remember(source: Source, external_id: str | None, target: Target, clients: Clients) -> None:
    """An account already opened by the caller (the thread pool reuses it)."""
    with _TARGETS_LOCK:
        _keep((source, external_id), (target, clients))


def _keep(key: tuple[Source, str | None], opened: tuple[Target, Clients]) -> None:
    _TARGETS[key] = opened
    _TARGETS.move_to_end(key)
    while len(_TARGETS) > KEEP_ACCOUNTS:
        old, _ = _TARGETS.popitem(last=False)
        _OPENING.pop(old, None)


def _opened(unit: Unit) -> tuple[Target, Clients]:
    key = (unit.source, unit.external_id)
    with _TARGETS_LOCK:
        if key in _TARGETS:
            _TARGETS.move_to_end(key)
            return _TARGETS[key]
        opening = _OPENING.setdefault(key, threading.Lock())
    with opening:  # one AssumeRole per account; other accounts open meanwhile
        with _TARGETS_LOCK:
            if key in _TARGETS:
                return _TARGETS[key]
        config = retry_config(unit.workers, unit.retry_mode)
        target = open_target(unit.source, unit.external_id, config)
        opened = (target, Clients(target.session, config))
        with _TARGETS_LOCK:
            _keep(key, opened)
        return opened


def _once(unit: Unit) -> UnitResult:
    group = BY_NAME[unit.group]
    _, clients = _opened(unit)
    service = group.service or api(group.kinds[0]).service
    reader = Reader(unit.account, unit.region, service, clients, unit.raw_dir, group.home_region)
    ctx = Ctx(reader, unit.regions)
    try:
        group.collect(ctx)
    except ParamValidationError:
        raise  # a call archcode built wrongly: an internal error (exit 3), never a gap
    except (ClientError, BotoCoreError):
        raise  # the whole unit failed to talk to AWS: retried
    except Exception as exc:  # an unexpected shape AWS sent: a gap, not a crash
        reader.gap(group.name, f"CollectorError:{type(exc).__name__}", str(exc), group.kinds)
    settings = [{**s, "account": unit.account} for s in ctx.settings]
    return UnitResult(
        unit,
        ctx.found,
        ctx.links,
        ctx.aliases,
        ctx.outside,
        reader.gaps,
        reader.calls,
        settings=settings,
    )


def run_unit(unit: Unit, attempts: int = 3, pause: float = 0.5) -> UnitResult:
    """Run a unit, again (up to `attempts` times) while it fails for a reason that passes."""
    calls = 0
    result: UnitResult | None = None
    for attempt in range(1, attempts + 1):
        try:
            result = _once(unit)
        except ParamValidationError:
            raise
        except Exception as exc:
            code = error_code(exc) if isinstance(exc, ClientError) else type(exc).__name__
            gap = CoverageGap(
                account=unit.account,
                region=unit.region,
                service=unit.group,
                operation="unit",
                error=code,
                message=" ".join(f"{unit.key}: {exc}".split())[:300],
                kinds=list(BY_NAME[unit.group].kinds),
            )
            result = UnitResult(unit, gaps=[gap], failed=True)
        calls += result.calls
        result.calls, result.attempts = calls, attempt
        result.failed = result.failed or any(g.error in TRANSIENT for g in result.gaps)
        if not result.failed:
            return result
        if attempt < attempts:
            time.sleep(pause * 2 ** (attempt - 1))
    assert result is not None
    return result


def runner(attempts: int = 3, pause: float = 0.5) -> Callable[[Unit], UnitResult]:
    """`run_unit` with these retry settings, as a module-level picklable callable."""
    return _Runner(attempts, pause)


@dataclass(frozen=True)
class _Runner:
    attempts: int
    pause: float

    def __call__(self, unit: Unit) -> UnitResult:
        return run_unit(unit, self.attempts, self.pause)
