"""Discovery end to end: accounts → regions → a bounded pool of (account, region, service)
tasks → one assembled Architecture. A failure in one account, region or service is a recorded
gap; it never stops the others."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from botocore.exceptions import BotoCoreError, ClientError, ParamValidationError

from archcode.collectors.aws.assemble import assemble
from archcode.collectors.aws.draft import Ctx, Found, Handle, Link
from archcode.collectors.aws.progress import DiscoverProgress
from archcode.collectors.aws.reader import Clients, Reader, error_code
from archcode.collectors.aws.services import GROUPS, ServiceGroup
from archcode.collectors.aws.services.base import api
from archcode.collectors.aws.session import Target, open_target, retry_config, sources
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


@dataclass
class Result:
    architecture: Architecture
    calls: int
    seconds: float
    accounts: list[str] = field(default_factory=list)


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
    target: Target, wanted: tuple[str, ...] | None, clients: Clients, raw_dir: Path | None
) -> tuple[list[str], Reader]:
    reader = Reader(target.account, target.default_region, "ec2", clients, raw_dir)
    if wanted is None:
        return [target.default_region], reader
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


def discover(options: Options, progress: DiscoverProgress) -> Result:
    started = time.monotonic()
    groups, unknown = groups_for(options.services)
    if unknown:
        raise UsageError(f"unknown service {unknown[0]!r} for --services")
    config = retry_config(options.workers)
    gaps: list[CoverageGap] = []
    readers: list[Reader] = []
    plans: list[tuple[Target, Clients, list[str]]] = []
    for source in sources(list(options.profiles), list(options.role_arns)):
        try:
            target = open_target(source, options.external_id, config)
        except ParamValidationError:
            raise
        except (ClientError, BotoCoreError) as exc:
            code = error_code(exc) if isinstance(exc, ClientError) else type(exc).__name__
            gaps.append(
                CoverageGap(
                    service="sts",
                    operation="get_caller_identity",
                    error=code,
                    message=f"{source.label}: {' '.join(str(exc).split())}",
                )
            )
            continue
        clients = Clients(target.session, config)
        regions, reader = _regions(target, options.regions, clients, options.raw_dir)
        readers.append(reader)
        plans.append((target, clients, regions))

    tasks: list[tuple[Target, Clients, str, ServiceGroup, frozenset[str]]] = []
    for target, clients, regions in plans:
        mine = [
            (target, clients, "global" if g.global_service else r, g, frozenset(regions))
            for g in groups
            for r in (["global"] if g.global_service else regions)
        ]
        progress.account(target.account, len(mine))
        tasks += mine

    def run(task: tuple[Target, Clients, str, ServiceGroup, frozenset[str]]) -> Ctx:
        target, clients, region, group, regions = task
        service = api(group.kinds[0]).service
        reader = Reader(
            target.account, region, service, clients, options.raw_dir, group.home_region
        )
        ctx = Ctx(reader, regions)
        progress.started(target.account, region, group.name)
        try:
            group.collect(ctx)
        except ParamValidationError:
            raise  # a call archcode built wrongly: an internal error (exit 3), never a gap
        except Exception as exc:  # an unexpected shape AWS sent: a gap, not a crash
            reader.gap(group.name, f"CollectorError:{type(exc).__name__}", str(exc), group.kinds)
        progress.finished(target.account, region, group.name, len(ctx.found))
        return ctx

    with ThreadPoolExecutor(max_workers=max(1, options.workers)) as pool:
        contexts = list(pool.map(run, tasks))

    found: list[Found] = [f for c in contexts for f in c.found]
    links: list[Link] = [link for c in contexts for link in c.links]
    aliases: list[tuple[Handle, Handle]] = [a for c in contexts for a in c.aliases]
    outside: list[tuple[Handle, str]] = [o for c in contexts for o in c.outside]
    all_readers = readers + [c.reader for c in contexts]
    gaps += [g for r in all_readers for g in r.gaps]
    if options.services is None:
        gaps += _not_collected()
    accounts = [t.account for t, _, _ in plans]
    regions_read = sorted({r for _, _, rs in plans for r in rs})
    name = "AWS " + ", ".join(accounts) if accounts else "AWS (nothing readable)"
    arch = assemble(name, found, links, aliases, gaps, accounts, regions_read, outside)
    calls = sum(r.calls for r in all_readers)
    return Result(arch, calls, time.monotonic() - started, accounts)
