"""Discovery end to end: accounts → regions → a bounded pool of (account, region, service)
tasks → one assembled Architecture. A failure in one account, region or service is a recorded
gap; it never stops the others."""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError, ParamValidationError

from archcode.collectors.aws.assemble import assemble
from archcode.collectors.aws.draft import Found, Handle, Link
from archcode.collectors.aws.executors import run_all
from archcode.collectors.aws.organization import DEFAULT_ROLE, members
from archcode.collectors.aws.progress import DiscoverProgress
from archcode.collectors.aws.reader import Clients, Reader, error_code
from archcode.collectors.aws.services import BY_NAME, GROUPS, ServiceGroup
from archcode.collectors.aws.session import Source, Target, open_target, retry_config, sources
from archcode.collectors.aws.units import KEEP_ACCOUNTS, Unit, UnitResult, remember, runner
from archcode.collectors.aws.unitstore import Receipt, UnitStore, open_store, receipt
from archcode.errors import UsageError
from archcode.model.architecture import Architecture, CoverageGap
from archcode.model.registry import KINDS

ENABLED = ("opt-in-not-required", "opted-in")
# Other names users type for a service group.
SERVICE_ALIASES = {
    "sqs": "messaging",
    "sns": "messaging",
    "apigatewayv2": "apigateway",
    "vpc": "ec2",
    "ebs": "ec2",
    "secrets": "secretsmanager",
    "cloudwatch-logs": "logs",
    "waf": "wafv2",
    "beanstalk": "elasticbeanstalk",
    "es": "opensearch",
    "eventbridge": "events",
    "msk": "kafka",
    "cognito-idp": "cognito",
    "elb": "elbv2",
    "awslambda": "lambda",
}


@dataclass(frozen=True)
class Options:
    profiles: tuple[str, ...] = ()
    role_arns: tuple[str, ...] = ()
    external_id: str | None = None
    regions: tuple[str, ...] | None = None  # None: each account's default; ("all",): enabled
    services: tuple[str, ...] | None = None  # None: every group
    raw_dir: Path | None = None
    workers: int = 8
    organization: bool = False  # every active member account, through role_name
    role_name: str = DEFAULT_ROLE
    executor: str = "threads"  # or "dask"
    scheduler: str | None = None  # Dask scheduler address (else DASK_SCHEDULER_ADDRESS)
    # Where finished units go as they finish: a directory, a SQLite file or a database URL
    # (None: this process's memory); --resume reuses those that did not fail.
    state: str | None = None
    resume: bool = False
    keep_state: bool = True  # False: forget the units once the run has none to redo
    attempts: int = 3  # tries of a unit that fails for a reason that passes
    retry_pause: float = 0.5  # seconds before the second try (doubled each time)


@dataclass
class AccountSummary:
    account: str
    units: int = 0
    failed: int = 0
    resources: int = 0
    gaps: int = 0
    calls: int = 0


@dataclass
class Result:
    architecture: Architecture
    calls: int
    seconds: float
    accounts: list[str] = field(default_factory=list)
    per_account: dict[str, AccountSummary] = field(default_factory=dict)
    failed_units: list[str] = field(default_factory=list)


def groups_for(names: tuple[str, ...] | None) -> tuple[list[ServiceGroup], list[str]]:
    """The chosen service groups, and the names that match none."""
    if not names:
        return list(GROUPS), []
    chosen: list[ServiceGroup] = []
    unknown: list[str] = []
    for name in names:
        key = SERVICE_ALIASES.get(name.lower(), name.lower())
        # A name also picks its variants (wafv2 → wafv2 and wafv2-cloudfront).
        found = [g for g in GROUPS if g.name == key or g.name.startswith(key + "-")]
        if not found:
            unknown.append(name)
        chosen += [g for g in found if g not in chosen]
    return chosen, unknown


def _regions(
    target: Target,
    wanted: tuple[str, ...] | None,
    clients: Clients,
    raw_dir: Path | None,
    everywhere: frozenset[str] = frozenset(),
) -> tuple[list[str], Reader]:
    """The regions to read in the account; `everywhere` are regions known to be enabled in
    every account (not opt-in), for which the account need not be asked."""
    reader = Reader(target.account, target.default_region, "ec2", clients, raw_dir)
    if wanted is None:
        return [target.default_region], reader
    if wanted != ("all",) and set(wanted) <= everywhere:
        return list(wanted), reader
    listed = reader.items("describe_regions", "Regions", AllRegions=True)
    if listed is None:  # cannot tell which are enabled: try what was asked
        return ([target.default_region] if wanted == ("all",) else list(wanted)), reader
    enabled = [r["RegionName"] for r in listed if r.get("OptInStatus", ENABLED[0]) in ENABLED]
    if wanted == ("all",):
        return sorted(enabled), reader
    for region in wanted:
        if region not in enabled:
            reader.gap(
                "describe_regions",
                "RegionNotEnabled",
                f"region {region} is not enabled for the account: skipped",
                region=region,
            )
    return [r for r in wanted if r in enabled], reader


def _not_collected() -> list[CoverageGap]:
    """Kinds that have an AWS API in the registry but no collector yet: honest UNKNOWNs."""
    covered = {kind for group in GROUPS for kind in group.kinds}
    return [
        CoverageGap(
            service=spec.api[0].service,
            operation=spec.api[0].operation,
            error="NotCollected",
            message="archcode discover does not read this kind yet",
            kinds=[spec.kind],
        )
        for spec in KINDS
        if spec.api and spec.kind not in covered
    ]


def _open(
    source: Source, options: Options, config: Config, everywhere: frozenset[str] = frozenset()
) -> tuple[Target, Clients, list[str], Reader] | CoverageGap:
    """An account's session and the regions to read in it, or the gap saying why not."""
    try:
        target = open_target(source, options.external_id, config)
    except ParamValidationError:
        raise
    except (ClientError, BotoCoreError) as exc:
        code = error_code(exc) if isinstance(exc, ClientError) else type(exc).__name__
        account = source.role_arn.split(":")[4] if source.role_arn else None
        return CoverageGap(
            account=account or None,
            service="sts",
            operation="assume_role" if source.role_arn else "get_caller_identity",
            error=code,
            message=f"{source.label}: {' '.join(str(exc).split())}"[:300],
        )
    clients = Clients(target.session, config)
    regions, reader = _regions(target, options.regions, clients, options.raw_dir, everywhere)
    return target, clients, regions, reader


def _everywhere(reader: Reader) -> frozenset[str]:
    """Regions that are not opt-in: enabled in every account of the partition, so that an
    organisation's members need not each be asked (one DescribeRegions, not hundreds)."""
    listed = reader.items("describe_regions", "Regions", AllRegions=True) or []
    return frozenset(
        str(r["RegionName"]) for r in listed if r.get("OptInStatus") == "opt-in-not-required"
    )


def _sources(
    options: Options,
    config: Config,
    gaps: list[CoverageGap],
    readers: list[Reader],
    names: dict[str, str],
) -> tuple[list[Source], frozenset[str]]:
    """The accounts to read (those named, or every active member of the organisation), and
    the regions enabled in all of them when that is known; `names` receives the members'
    names (id -> name)."""
    named = sources(list(options.profiles), list(options.role_arns))
    if not options.organization:
        return named, frozenset()
    caller_source = named[0]  # --organization: the management (or delegated admin) account
    opened = _open(caller_source, replace(options, regions=None), config)
    if isinstance(opened, CoverageGap):
        gaps.append(opened)
        return [], frozenset()
    listed, skipped, reader = members(caller_source, opened[0], config, options.role_name)
    readers.append(reader)
    names.update({m.account: m.name for m in listed})
    everywhere = frozenset[str]()
    if options.regions and options.regions != ("all",):
        everywhere = _everywhere(opened[3])
        readers.append(opened[3])
    for account, status in skipped:  # noted, with no kinds: nothing is unknown because of it
        gaps.append(
            CoverageGap(
                account=account,
                service="organizations",
                operation="list_accounts",
                error="AccountNotActive",
                message=f"account {account} is {status}: skipped",
            )
        )
    return [m.source for m in listed], everywhere


def discover(options: Options, progress: DiscoverProgress) -> Result:
    started = time.monotonic()
    groups, unknown = groups_for(options.services)
    if unknown:
        raise UsageError(f"unknown service {unknown[0]!r} for --services")
    retry_mode = "adaptive" if options.organization else "standard"
    config = retry_config(options.workers, retry_mode)
    gaps: list[CoverageGap] = []
    readers: list[Reader] = []
    plans: list[tuple[Source, str, list[str]]] = []
    opening_calls = 0
    names: dict[str, str] = {}
    listed, everywhere = _sources(options, config, gaps, readers, names)
    # Opening an account is an AssumeRole and a few reads: hundreds of them run side by side.
    # Only the first accounts' sessions are kept for their units (units run in account
    # order); the others are opened again by their units, so an organisation of thousands
    # never holds every account's clients at once.
    with ThreadPoolExecutor(max_workers=max(1, min(options.workers, len(listed) or 1))) as pool:
        opening = pool.map(lambda s: _open(s, options, config, everywhere), listed)
        for source, opened in zip(listed, opening, strict=True):
            if isinstance(opened, CoverageGap):
                gaps.append(opened)
                continue
            target, clients, regions, reader = opened
            if len(plans) < KEEP_ACCOUNTS:
                remember(source, options.external_id, target, clients)
            gaps += reader.gaps
            opening_calls += reader.calls
            plans.append((source, target.account, regions))
            del target, clients, reader, opened

    units: list[Unit] = []
    for source, account, regions in plans:
        mine = [
            Unit(
                source,
                options.external_id,
                account,
                "global" if g.global_service else r,
                g.name,
                frozenset(regions),
                options.raw_dir,
                options.workers,
                retry_mode,
            )
            for g in groups
            for r in (["global"] if g.global_service else regions)
        ]
        progress.account(account, len(mine))
        units += mine

    accounts = [a for _, a, _ in plans]
    store = open_store(options.state, run_key(options))
    try:
        receipts = _run_units(units, options, store, progress)
        arch = _assemble_from(store, units, options, gaps, readers, plans, names)
        failed = [r.unit.key for r in receipts if r.failed]
        if not failed and not options.keep_state:
            store.clear()  # nothing to resume: the run's units need not be kept
    finally:
        store.close()
    calls = opening_calls + sum(r.calls for r in readers) + sum(r.calls for r in receipts)
    per_account = _per_account(accounts, receipts)
    return Result(arch, calls, time.monotonic() - started, accounts, per_account, failed)


def run_key(options: Options) -> str:
    """What names a run in a shared store: the same discovery asked again (--resume) has the
    same key; with --state DIR the directory is the run."""
    asked = [
        options.profiles,
        options.role_arns,
        options.organization,
        options.role_name,
        options.regions,
        options.services,
    ]
    return hashlib.sha256(json.dumps(asked).encode()).hexdigest()[:16]


def _run_units(
    units: list[Unit], options: Options, store: UnitStore, progress: DiscoverProgress
) -> list[Receipt]:
    """Run the units not already done, each result into the store as it finishes; what is
    kept in this process is a receipt per unit, not what the unit found."""
    if not options.resume:
        store.clear()  # a fresh run: nothing of an earlier one counts
    receipts: list[Receipt] = []
    todo: list[Unit] = []
    for unit in units:
        kept = store.done(unit) if options.resume else None
        if kept is None:
            todo.append(unit)
            continue
        receipts.append(receipt(kept))
        progress.finished(unit.account, unit.region, unit.group, len(kept.found), kept.calls)
        del kept
    progress.resumed(len(receipts))
    work: Callable[[Unit], UnitResult | Receipt] = runner(options.attempts, options.retry_pause)
    if store.shared and options.executor == "dask":
        # Workers on other machines write their results to the database themselves.
        from archcode.collectors.aws.unitdb import SqlStore, StoringRunner

        assert isinstance(store, SqlStore)
        work = StoringRunner(runner(options.attempts, options.retry_pause), store.url, store.run)
    for item in run_all(
        todo,
        work,
        executor=options.executor,
        workers=options.workers,
        scheduler=options.scheduler,
    ):
        if isinstance(item, UnitResult):
            store.save(item)
            item = receipt(item)
        receipts.append(item)
        unit = item.unit
        progress.finished(
            unit.account, unit.region, unit.group, item.found, item.calls, item.failed
        )
    return receipts


def _assemble_from(
    store: UnitStore,
    units: list[Unit],
    options: Options,
    gaps: list[CoverageGap],
    readers: list[Reader],
    plans: list[tuple[Source, str, list[str]]],
    names: dict[str, str],
) -> Architecture:
    """The model, from the units' results read back from the store one at a time."""
    found: list[Found] = []
    links: list[Link] = []
    aliases: list[tuple[Handle, Handle]] = []
    outside: list[tuple[Handle, str]] = []
    settings: list[dict[str, Any]] = []
    gaps += [g for r in readers for g in r.gaps]
    for unit in sorted(units, key=lambda u: (u.account, u.region, u.group)):
        result = store.load(unit)
        if result is None:  # the store lost it (a file removed meanwhile): unknown, not empty
            gaps.append(_lost(unit))
            continue
        found += result.found
        links += result.links
        aliases += result.aliases
        outside += result.outside
        settings += result.settings
        gaps += result.gaps
    if options.services is None:
        gaps += _not_collected()
    accounts = [a for _, a, _ in plans]
    regions_read = sorted({r for _, _, rs in plans for r in rs})
    name = "AWS " + ", ".join(accounts) if accounts else "AWS (nothing readable)"
    if options.organization and len(accounts) > 3:
        name = f"AWS organization ({len(accounts)} accounts)"
    return assemble(
        name, found, links, aliases, gaps, accounts, regions_read, outside, settings, names
    )


def _lost(unit: Unit) -> CoverageGap:
    return CoverageGap(
        account=unit.account,
        region=unit.region,
        service=unit.group,
        operation="unit",
        error="UnitResultLost",
        message=f"{unit.key}: the unit's stored result could not be read back",
        kinds=list(BY_NAME[unit.group].kinds),
    )


def _per_account(accounts: list[str], receipts: list[Receipt]) -> dict[str, AccountSummary]:
    out = {a: AccountSummary(a) for a in accounts}
    for r in receipts:
        row = out.setdefault(r.unit.account, AccountSummary(r.unit.account))
        row.units += 1
        row.failed += int(r.failed)
        row.resources += r.found
        row.gaps += r.gaps
        row.calls += r.calls
    return out
