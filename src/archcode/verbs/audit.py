"""`archcode audit`: discover (or read) → check → cost → report, stored with its history.

`archcode audit history` lists the stored runs. The store is a SQLite file by default and a
PostgreSQL database when --store says postgresql://...
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from enum import StrEnum
from typing import TYPE_CHECKING

from archcode.cli import EXIT_FINDINGS, InputFormat, app, option
from archcode.errors import UsageError, shown
from archcode.io import write_output
from archcode.verbs._options import FailOn
from archcode.verbs.discover import (
    Executor,
    ExternalId,
    Organization,
    Profiles,
    Regions,
    Resume,
    RoleArns,
    RoleName,
    Scale,
    Scheduler,
    Services,
    State,
    read_accounts,
    state_dir,
)

if TYPE_CHECKING:
    from archcode.model.architecture import Architecture

audit_app = app.group(
    "audit",
    help="Audit accounts periodically: discover, check, price, report, and keep the history.",
)

Store = option(
    "--store",
    metavar="WHERE",
    help="Where runs are kept: a SQLite file (default archcode-audits.sqlite) or "
    "postgresql://user@host/db; with --organization, units' results stream into it too.",
)


class HistoryFormat(StrEnum):
    TEXT = "text"
    JSON = "json"


@audit_app.callback(
    option("--model", metavar="PATH", help="Audit this architecture (any source) instead of AWS."),
    Profiles,
    RoleArns,
    ExternalId,
    Regions,
    Services,
    InputFormat,
    Store,
    option(
        "--report",
        default="archcode-audit.html",
        metavar="FILE",
        help="Write the HTML report here.",
    ),
    option("--save-model", metavar="FILE", help="Also write the discovered model here."),
    option("--waivers", repeat=True, metavar="FILE", help="Waivers file (repeatable)."),
    option("--rules", repeat=True, metavar="FILE", help="Custom rules file (repeatable)."),
    option(
        "--fail-on",
        choices=FailOn,
        default=FailOn.NEVER,
        help="Exit 1 when an open finding is at or above this.",
    ),
    Organization,
    RoleName,
    Executor,
    Scheduler,
    State,
    Resume,
)
def audit(
    model: str | None,
    profile: list[str] | None,
    role_arn: list[str] | None,
    external_id: str | None,
    regions: str | None,
    services: str | None,
    input_format: str,
    store: str | None,
    report: str,
    save_model: str | None,
    waivers: list[str] | None,
    rules: list[str] | None,
    fail_on: FailOn,
    organization: bool,
    role_name: str,
    executor: str,
    scheduler: str | None,
    state: str | None,
    resume: bool,
) -> None:
    """Run one audit and store it; the report shows what changed since the previous run."""
    from archcode.audit.run import prepare
    from archcode.audit.store import AuditStore
    from archcode.cost.money import usd, without_price
    from archcode.rules.checking import check_loaded

    started = datetime.now(UTC)
    if model is not None:
        if profile or role_arn or regions or services or organization:
            raise UsageError("--model reads a file: it cannot be combined with discover options")
        from archcode.collectors import load_architecture

        arch, source = load_architecture(model, input_format), model
    else:
        scale = Scale(organization, role_name, executor, scheduler, state, resume)
        arch, source = _discover(profile, role_arn, external_id, regions, services, scale, store)
        if save_model:
            from archcode.collectors.aws import to_yaml

            write_output(save_model, to_yaml(arch))
    check = check_loaded(
        [(source, arch)],
        fail_on=fail_on.value,
        rules_files=rules or [],
        waivers_files=waivers or [],
    )
    history = AuditStore(store)
    try:
        outcome = prepare(arch, history, source, check=check, started=started)
        assert outcome.report_html is not None
        write_output(report, outcome.report_html)  # before storing: a failure stores nothing
        run_id = history.save(outcome.record)
    finally:
        history.close()
    changes = outcome.changes
    open_findings = [f for f in check.findings if f.open]
    print(
        f"audit run {run_id}: {len(arch.resources)} resources, "
        f"{len(open_findings)} open findings, {usd(outcome.cost.known_total)} per month"
        + without_price(len(outcome.cost.unpriced_components))
    )
    for row in check.accounts:  # an organisation: what each account holds and fails
        print(shown(row.line()))
    if changes.previous_run is None:
        print("first run in this store: everything is new")
    else:
        delta = changes.cost_change
        print(
            f"since run {changes.previous_run}: {len(changes.findings_new)} new, "
            f"{len(changes.findings_fixed)} fixed, {len(changes.findings_persisting)} persisting "
            f"findings; +{len(changes.resources_added)}/-{len(changes.resources_removed)} "
            f"resources; cost {'unknown' if delta is None else f'{delta:+.2f} USD'}"
        )
    print(f"report: {shown(report)}")
    if check.gating:
        raise SystemExit(EXIT_FINDINGS)


def _discover(
    profile: list[str] | None,
    role_arn: list[str] | None,
    external_id: str | None,
    regions: str | None,
    services: str | None,
    scale: Scale,
    store: str | None,
) -> tuple[Architecture, str]:
    from archcode.audit.store import store_url

    # An organisation's units stream into the audit store itself (unless --state says
    # elsewhere), and are dropped from it once the run has none left to redo.
    default = store_url(store) if scale.organization else None
    result = read_accounts(
        profile,
        role_arn,
        external_id,
        regions,
        services,
        scale=scale,
        state=state_dir(scale, None, default),
        keep_state=scale.state is not None,
    )
    region_list = sorted({r.region for r in result.architecture.resources.values() if r.region})
    accounts = ",".join(result.accounts)
    if scale.organization:
        accounts = f"organization({len(result.accounts)} accounts)"
    source = f"aws:{accounts}:{','.join(region_list) or '-'}"
    return result.architecture, source


@audit_app.command(
    Store,
    option(
        "--format", "-f", choices=HistoryFormat, default=HistoryFormat.TEXT, help="Output format."
    ),
)
def history(store: str | None, format: HistoryFormat) -> None:
    """List the stored audit runs, oldest first."""
    from archcode.audit.store import AuditStore
    from archcode.cost.money import usd

    audit_store = AuditStore(store)
    try:
        runs = audit_store.list_runs()
    finally:
        audit_store.close()
    if format is HistoryFormat.JSON:
        rows = [
            {
                "id": r.id,
                "started_at": r.started_at.isoformat(),
                "finished_at": r.finished_at.isoformat(),
                "source": r.source,
                "resources": r.resource_count,
                "findings": r.finding_count,
                "total_cost": None if r.total_cost is None else str(r.total_cost),
            }
            for r in runs
        ]
        print(json.dumps(rows, indent=2))
        return
    if not runs:
        print("no audit runs stored yet")
        return
    for r in runs:
        print(
            f"{r.id:>4}  {r.started_at:%Y-%m-%d %H:%M}  {r.resource_count:>6} resources  "
            f"{r.finding_count:>5} findings  {usd(r.total_cost):>14}  {shown(r.source)}"
        )
