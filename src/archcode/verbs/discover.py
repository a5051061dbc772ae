"""`archcode discover`: read live AWS accounts into the archcode model (read-only)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from archcode.cli import Output, app
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
Profiles = Annotated[
    list[str] | None,
    typer.Option("--profile", help="AWS profile to read (repeat for several accounts)."),
]
RoleArns = Annotated[
    list[str] | None,
    typer.Option("--role-arn", help="Role to assume in each account to read (repeatable)."),
]
ExternalId = Annotated[str | None, typer.Option("--external-id", help="ExternalId for --role-arn.")]
Regions = Annotated[
    str | None,
    typer.Option(
        "--regions", help="'all' (every enabled region) or R1,R2; default: the profile's region."
    ),
]
Services = Annotated[
    str | None, typer.Option("--services", help="Only these service groups, e.g. ec2,s3,rds.")
]
Workers = Annotated[int, typer.Option("--workers", min=1, max=64, help="Concurrent reads.")]


def read_accounts(
    profile: list[str] | None,
    role_arn: list[str] | None,
    external_id: str | None,
    regions: str | None,
    services: str | None,
    *,
    raw: Path | None = None,
    workers: int = 8,
) -> Result:
    """Discover with a progress display and a closing summary; UsageError if nothing was read."""
    from archcode.collectors.aws import DiscoverProgress, Options, discover, summary

    checked_options(services, external_id, role_arn)
    options = Options(
        profiles=tuple(profile or ()),
        role_arns=tuple(role_arn or ()),
        external_id=external_id,
        regions=_split(regions),
        services=_split(services),
        raw_dir=raw,
        workers=workers,
    )
    with DiscoverProgress() as progress:
        result = discover(options, progress)
    headline, table = summary(result.architecture, result.calls, result.seconds)
    progress.console.print(table)
    progress.console.print(headline, markup=False, highlight=False)
    if not result.accounts:
        reasons = "; ".join(g.message or g.error for g in result.architecture.coverage)
        raise UsageError(f"no account could be read ({reasons})")
    return result


def checked_options(
    services: str | None, external_id: str | None, role_arn: list[str] | None
) -> list[ServiceGroup]:
    """The chosen service groups; UsageError for an unknown one or a lone --external-id."""
    from archcode.collectors.aws import groups_for

    if external_id and not role_arn:
        raise UsageError("--external-id needs --role-arn")
    chosen, unknown = groups_for(_split(services))
    if unknown:
        known = ", ".join(g.name for g in groups_for(None)[0])
        raise UsageError(f"unknown service {unknown[0]!r} for --services (known: {known})")
    return chosen


@app.command()
def discover(
    profile: Profiles = None,
    role_arn: RoleArns = None,
    external_id: ExternalId = None,
    regions: Regions = None,
    services: Services = None,
    output: Output = None,
    raw: Annotated[
        Path | None,
        typer.Option("--raw", help="Keep every raw API response here (secret values blanked)."),
    ] = None,
    print_iam_policy: Annotated[
        bool,
        typer.Option("--print-iam-policy", help="Print the read-only IAM policy discovery needs."),
    ] = False,
    workers: Workers = 8,
) -> None:
    """Read AWS accounts (read-only) into an archcode model; gaps are recorded, not hidden."""
    from archcode.collectors.aws import policy_document, to_yaml

    chosen = checked_options(services, external_id, role_arn)
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
    result = read_accounts(
        profile, role_arn, external_id, regions, services, raw=raw, workers=workers
    )
    write_output(output, to_yaml(result.architecture))
