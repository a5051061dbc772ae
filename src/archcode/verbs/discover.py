"""`archcode discover`: read live AWS accounts into the archcode model (read-only)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from archcode.cli import Output, app, option
from archcode.errors import UsageError
from archcode.io import is_directory, os_problem, write_output

if TYPE_CHECKING:
    from archcode.collectors.aws import Result
    from archcode.collectors.aws.services import ServiceGroup


def _split(value: str | None) -> tuple[str, ...] | None:
    if value is None:
        return None
    parts = tuple(p.strip() for p in value.split(",") if p.strip())
    return parts or None


# The discovery options, shared with `archcode audit`.
Profiles = option(
    "--profile", repeat=True, help="AWS profile to read (repeat for several accounts)."
)
RoleArns = option(
    "--role-arn",
    repeat=True,
    metavar="ARN",
    help="Role to assume in each account to read (repeatable).",
)
ExternalId = option("--external-id", metavar="ID", help="ExternalId for --role-arn.")
Regions = option(
    "--regions", help="'all' (every enabled region) or R1,R2; default: the profile's region."
)
Services = option("--services", help="Only these service groups, e.g. ec2,s3,rds.")
Workers = option("--workers", default=8, range=(1, 64), metavar="N", help="Concurrent reads.")
Organization = option(
    "--organization",
    flag=True,
    help="Read every active account of the AWS Organization (from the management or a "
    "delegated administrator account), through --role-name in each.",
)
RoleName = option(
    "--role-name",
    default="OrganizationAccountAccessRole",
    metavar="NAME",
    help="With --organization: the role to assume in each account.",
)
Executor = option(
    "--executor",
    default="threads",
    help="Where the units of work run: threads (local, the default) or dask "
    "(pip install 'archcode[dask]').",
)
Scheduler = option(
    "--scheduler",
    metavar="ADDRESS",
    help="Dask scheduler address, tcp://HOST:8786 (default: DASK_SCHEDULER_ADDRESS).",
)
State = option(
    "--state",
    metavar="WHERE",
    help="Keep each finished unit here: a directory, a .sqlite file or postgresql://... "
    "(default with --organization and -o: <output>.units).",
)
Resume = option("--resume", flag=True, help="Redo only the units that failed in the --state run.")


@dataclass(frozen=True)
class Scale:
    """How a large discovery runs: the organisation's accounts, the executor, resumption."""

    organization: bool = False
    role_name: str = "OrganizationAccountAccessRole"
    executor: str = "threads"
    scheduler: str | None = None
    state: str | None = None
    resume: bool = False


def state_dir(scale: Scale, output: str | None, default: str | None = None) -> str | None:
    """Where units are kept: --state, else beside -o for an organisation (else `default`);
    UsageError if --resume has nowhere to resume from."""
    from archcode.collectors.aws.unitstore import is_database

    found = scale.state
    if found is None and scale.organization and output not in (None, "-"):
        found = f"{output}.units"
    if found is None:
        found = default
    missing = found is not None and not is_database(found) and not Path(found).is_dir()
    if scale.resume and (found is None or missing):
        raise UsageError(
            "--resume needs the --state of a previous run (or -o, whose <output>.units it "
            "uses)" + (f": {found} does not exist" if found else "")
        )
    return found


def read_accounts(
    profile: list[str] | None,
    role_arn: list[str] | None,
    external_id: str | None,
    regions: str | None,
    services: str | None,
    *,
    raw: Path | None = None,
    workers: int = 8,
    scale: Scale | None = None,
    state: str | None = None,
    keep_state: bool = True,
) -> Result:
    """Discover with a progress display and a closing summary; UsageError if nothing was read."""
    from archcode.collectors.aws import DiscoverProgress, Options, discover, summary

    scale = scale or Scale()
    checked_options(services, external_id, role_arn, scale.organization)
    if scale.executor not in ("threads", "dask"):
        raise UsageError(f"--executor {scale.executor!r}: expected threads or dask")
    if scale.executor == "dask" and not (
        scale.scheduler or os.environ.get("DASK_SCHEDULER_ADDRESS")
    ):
        raise UsageError(
            "--executor dask needs --scheduler tcp://HOST:8786 (or DASK_SCHEDULER_ADDRESS)"
        )
    if scale.organization and (len(profile or ()) > 1 or role_arn):
        raise UsageError("--organization reads from one account: at most one --profile")
    options = Options(
        profiles=tuple(profile or ()),
        role_arns=tuple(role_arn or ()),
        external_id=external_id,
        regions=_split(regions),
        services=_split(services),
        raw_dir=raw,
        workers=workers,
        organization=scale.organization,
        role_name=scale.role_name,
        executor=scale.executor,
        scheduler=scale.scheduler,
        state=state,
        resume=scale.resume,
        keep_state=keep_state,
    )
    from archcode.collectors.aws.unitstore import is_database

    if state is not None and not is_database(state):
        try:
            Path(state).mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise UsageError(f"--state {state}: {os_problem(state, exc).message}") from None
    with DiscoverProgress(overall=scale.organization) as progress:
        result = discover(options, progress)
    headline, table = summary(result.architecture, result.calls, result.seconds)
    progress.console.print(table)
    for line in account_lines(result):
        progress.console.print(line, markup=False, highlight=False)
    progress.console.print(headline, markup=False, highlight=False)
    if result.failed_units:
        progress.console.print(
            f"{len(result.failed_units)} units failed (listed as coverage gaps)"
            + (f"; --resume --state {state} redoes them" if state else ""),
            markup=False,
            highlight=False,
        )
    if not result.accounts:
        reasons = "; ".join(g.message or g.error for g in result.architecture.coverage)
        raise UsageError(f"no account could be read ({reasons})")
    return result


def account_lines(result: Result) -> list[str]:
    """One line per account read: resources, units (failed), gaps, requests."""
    if len(result.per_account) < 2:
        return []
    names = result.architecture.account_names
    return [
        f"account {row.account}"
        + (f" ({names[row.account]})" if row.account in names else "")
        + f": {row.resources} resources, {row.units} units"
        + (f" ({row.failed} failed)" if row.failed else "")
        + f", {row.gaps} gaps, {row.calls} requests"
        for row in result.per_account.values()
    ]


def checked_options(
    services: str | None,
    external_id: str | None,
    role_arn: list[str] | None,
    organization: bool = False,
) -> list[ServiceGroup]:
    """The chosen service groups; UsageError for an unknown one or a lone --external-id."""
    from archcode.collectors.aws import groups_for

    if external_id and not role_arn and not organization:
        raise UsageError("--external-id needs --role-arn or --organization")
    chosen, unknown = groups_for(_split(services))
    if unknown:
        known = ", ".join(g.name for g in groups_for(None)[0])
        raise UsageError(f"unknown service {unknown[0]!r} for --services (known: {known})")
    return chosen


@app.command(
    Profiles,
    RoleArns,
    ExternalId,
    Regions,
    Services,
    Output,
    option(
        "--raw",
        type=Path,
        metavar="DIR",
        help="Keep every raw API response here (secret values blanked).",
    ),
    option("--print-iam-policy", flag=True, help="Print the read-only IAM policy discovery needs."),
    Workers,
    Organization,
    RoleName,
    Executor,
    Scheduler,
    State,
    Resume,
)
def discover(
    profile: list[str] | None,
    role_arn: list[str] | None,
    external_id: str | None,
    regions: str | None,
    services: str | None,
    output: str | None,
    raw: Path | None,
    print_iam_policy: bool,
    workers: int,
    organization: bool,
    role_name: str,
    executor: str,
    scheduler: str | None,
    state: str | None,
    resume: bool,
) -> None:
    """Read AWS accounts (read-only) into an archcode model; gaps are recorded, not hidden."""
    from archcode.collectors.aws import policy_document, to_yaml

    chosen = checked_options(services, external_id, role_arn, organization)
    if print_iam_policy:
        write_output(output, policy_document(chosen))
        return
    try:
        if raw is not None:
            if raw.exists() and not raw.is_dir():
                raise UsageError(f"--raw {raw}: not a directory")
            raw.mkdir(parents=True, exist_ok=True)
    except OSError as exc:  # a name too long, a path through a file, no permission
        raise UsageError(f"--raw {raw}: {os_problem(str(raw), exc).message}") from None
    if output not in (None, "-") and not is_directory(os.path.dirname(output) or "."):
        # Say so before a long discovery, not after it.
        raise UsageError(f"-o {output}: directory {str(Path(output).parent)!r} does not exist")
    scale = Scale(organization, role_name, executor, scheduler, state, resume)
    result = read_accounts(
        profile,
        role_arn,
        external_id,
        regions,
        services,
        raw=raw,
        workers=workers,
        scale=scale,
        state=state_dir(scale, output),
    )
    write_output(output, to_yaml(result.architecture))
