"""`discover --organization` against a moto organisation of 50 member accounts.

The moto server runs in this process, so what AWS would refuse is made to be refused by the
server itself, over HTTP, the way AWS answers it: one member's role trusts nobody
(``AssumeRole`` answers AccessDenied), one region of another member is denied (as a service
control policy would deny it), and some requests answer 503 for a while (a unit that fails
once and is retried; a unit that fails for the whole run, then ``--resume``).
"""

from __future__ import annotations

import dataclasses
import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import boto3
import pytest
from tests.moto_aws import ACCOUNT_A

from archcode.cli import main
from archcode.collectors import load_architecture
from archcode.model.architecture import Architecture
from archcode.rules.base import AccountScope, Outcome
from archcode.rules.context import account_parts
from archcode.rules.engine import Result, evaluate
from archcode.rules.registry import builtin_rules

REGIONS = ("us-east-1", "us-west-2")
MEMBERS = 50
SERVICES = "messaging,kms"
PUBLIC_POLICY = {
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "sqs:SendMessage"}],
}


@dataclass
class Server:
    """What the moto server refuses, and which (account, region, action) it was asked."""

    unassumable: set[str] = field(default_factory=set)
    denied: set[tuple[str, str]] = field(default_factory=set)
    unavailable: dict[tuple[str, str, str], int] = field(default_factory=dict)  # → times left
    seen: list[tuple[str, str, str]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


@pytest.fixture(scope="module")
def server(aws_env: dict[str, str]) -> Iterator[Server]:
    from moto.core.exceptions import AccessDeniedError, _RESTError
    from moto.core.responses import BaseResponse

    class Unavailable(_RESTError):
        code = 503

    state = Server()
    real = BaseResponse._authenticate_and_authorize_normal_action

    def guarded(self: Any, resource: str = "*") -> None:
        action = self._get_action()
        where = (self.current_account, self.region)
        with state.lock:
            state.seen.append((*where, action))
            left = state.unavailable.get((*where, action), 0)
            if left:
                state.unavailable[(*where, action)] = left - 1
        if action == "AssumeRole":
            role = str(self._get_param("RoleArn") or "")
            if role.split(":")[4:5] and role.split(":")[4] in state.unassumable:
                raise AccessDeniedError(f"arn:aws:iam::{ACCOUNT_A}:user/auditor", action)
        if where in state.denied:
            raise AccessDeniedError(f"arn:aws:sts::{where[0]}:assumed-role/audit/x", action)
        if left:
            raise Unavailable("ServiceUnavailable", "please try again")
        real(self, resource)

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(BaseResponse, "_authenticate_and_authorize_normal_action", guarded)
        yield state


@dataclass
class Org:
    members: list[str]
    closed: str
    unassumable: str
    denied: tuple[str, str]
    queues: set[tuple[str, str, str]]  # (account, region, name) that should be found
    public: set[tuple[str, str, str]]  # of which these have a public policy
    keys: set[tuple[str, str]]  # (account, key id) found; rotation off on every one
    hidden: set[tuple[str, str, str]]  # seeded where discovery may not read


@pytest.fixture(scope="module")
def org(server: Server) -> Org:
    orgs = boto3.client("organizations", region_name="us-east-1")
    orgs.create_organization(FeatureSet="ALL")
    members = [
        orgs.create_account(Email=f"m{i}@example.com", AccountName=f"member-{i}")[
            "CreateAccountStatus"
        ]["AccountId"]
        for i in range(MEMBERS + 1)
    ]
    closed = members.pop()
    orgs.close_account(AccountId=closed)
    unassumable, denied_account = members[3], members[7]
    queues: set[tuple[str, str, str]] = set()
    public: set[tuple[str, str, str]] = set()
    keys: set[tuple[str, str]] = set()
    hidden: set[tuple[str, str, str]] = set()
    # Seeded straight into the in-process server's backends: the same resources the API would
    # make, without a thousand set-up requests (discovery alone goes over HTTP).
    from moto.kms.models import kms_backends
    from moto.sqs.models import sqs_backends

    for index, account in enumerate(members):
        for region in REGIONS:
            sqs = sqs_backends[account][region]
            for name in ("orders", "events"):
                sqs.create_queue(name)
                item = (account, region, name)
                if name == "events" and index % 5 == 0:
                    sqs.set_queue_attributes(name, {"Policy": json.dumps(PUBLIC_POLICY)})
                    public.add(item)
                readable = account != unassumable and (account, region) != (
                    denied_account,
                    "us-west-2",
                )
                (queues if readable else hidden).add(item)
            if region == "us-east-1" and index % 10 == 1:
                key = kms_backends[account][region].create_key(
                    None, "ENCRYPT_DECRYPT", "SYMMETRIC_DEFAULT", "app", None
                )
                if account != unassumable:
                    keys.add((account, key.id))
    server.unassumable.add(unassumable)
    server.denied.add((denied_account, "us-west-2"))
    return Org(
        members,
        closed,
        unassumable,
        (denied_account, "us-west-2"),
        queues,
        public & queues,
        keys,
        hidden,
    )


def discover(tmp: Path, name: str, *extra: str) -> tuple[int, Architecture, Path]:
    out = tmp / f"{name}.yaml"
    code = main(
        [
            "discover",
            "--organization",
            "--regions",
            ",".join(REGIONS),
            "--services",
            SERVICES,
            "-o",
            str(out),
            *extra,
        ]
    )
    return code, load_architecture(str(out)), out


def queues_of(arch: Architecture) -> set[tuple[str, str, str]]:
    return {(r.account or "", r.region or "", r.name or "") for _, r in arch.of_kind("sqs_queue")}


@pytest.fixture(scope="module")
def threads_run(
    org: Org, server: Server, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Architecture, Path]:
    tmp = tmp_path_factory.mktemp("org")
    # One unit fails once: its SQS listing answers 503 for longer than botocore retries.
    server.unavailable[(org.members[11], "us-east-1", "ListQueues")] = 3  # 1 + 2 retries
    code, arch, out = discover(tmp, "threads")
    assert code == 0
    return arch, out


def test_every_member_resource_and_planted_violation_is_found(
    org: Org, threads_run: tuple[Architecture, Path], tmp_path: Path
) -> None:
    arch, out = threads_run
    assert queues_of(arch) == org.queues
    assert not queues_of(arch) & org.hidden
    assert {
        (r.account, r.arn.rsplit("/", 1)[-1]) for _, r in arch.of_kind("kms_key") if r.arn
    } == org.keys
    report = tmp_path / "check.json"
    main(["check", str(out), "-f", "json", "-o", str(report), "--include-passed"])
    outcomes: dict[tuple[str, str], str] = {}
    for f in json.loads(report.read_text())["findings"]:
        rid = (f.get("resource") or {}).get("id") or ""
        outcomes[(f["rule_id"], rid)] = f["outcome"]
    failing_queues = {
        (*tuple(rid.split("/")[:2]), arch.resources[rid].name or "")
        for (rule, rid), outcome in outcomes.items()
        if rule == "resource-policy-not-public" and outcome == "FAIL"
    }
    assert failing_queues == org.public
    unrotated = {
        rid.split("/")[0]
        for (rule, rid), outcome in outcomes.items()
        if rule == "kms-key-rotation" and outcome == "FAIL"
    }
    assert unrotated == {account for account, _ in org.keys}


def test_check_of_the_organization_sums_up_each_account(
    org: Org, threads_run: tuple[Architecture, Path], tmp_path: Path
) -> None:
    arch, out = threads_run
    report = tmp_path / "check.json"
    main(["check", str(out), "-f", "json", "-o", str(report), "--fail-on", "never"])
    result = json.loads(report.read_text())
    rows = {row["account"]: row for row in result["accounts"]}
    assert set(org.members) <= set(rows)
    for index, account in enumerate(org.members):
        row = rows[account]
        assert row["name"] == f"member-{index}"
        mine = [r for r in arch.resources.values() if r.account == account]
        assert row["resources"] == len(mine)
        assert row["regions"] == sorted({r.region for r in mine if r.region})
        assert row["gaps"] == len([g for g in arch.coverage if g.account == account])
        severities = [
            f["severity"]
            for f in result["findings"]
            if f["resource"]["account"] == account and f["status"] in ("FAIL", "UNKNOWN")
        ]
        assert row["open_by_severity"] == {s: severities.count(s) for s in row["open_by_severity"]}
    assert rows[org.unassumable]["resources"] == 0 and rows[org.unassumable]["gaps"] == 1
    assert rows[org.closed]["name"] is None and rows[org.closed]["gaps"] == 1
    assert rows[org.members[0]]["open_by_severity"]["critical"] > 0  # its public queues


def test_the_organization_checked_per_account_gives_the_whole_models_results(
    org: Org, threads_run: tuple[Architecture, Path]
) -> None:
    arch, _out = threads_run
    rules = list(builtin_rules().values())
    whole = [dataclasses.replace(r, account_scope=AccountScope.CROSS_ACCOUNT) for r in rules]
    peeked: set[tuple[str, str]] = set()

    def rows(results: list[Result]) -> list[tuple[object, ...]]:
        return [(r.rule.id, r.outcome, r.message, r.resource, r.path, r.account) for r in results]

    split = evaluate(arch, rules, peeked=peeked)
    assert len(account_parts(arch)) >= MEMBERS - 1  # the unassumable member has no resources
    assert rows(split) == rows(evaluate(arch, whole))
    assert peeked == set()  # members' queues and keys name nothing of another account
    assert {r.outcome for r in split if r.rule.id == "kms-key-rotation"} == {Outcome.FAIL}


def test_unassumable_account_denied_region_and_closed_account_are_gaps(
    org: Org, threads_run: tuple[Architecture, Path]
) -> None:
    arch, _ = threads_run
    [role] = [g for g in arch.coverage if g.account == org.unassumable]
    assert (role.service, role.operation, role.error) == ("sts", "assume_role", "AccessDenied")
    account, _region = org.denied
    denied = {(g.service, g.error) for g in arch.coverage if (g.account, g.region) == org.denied}
    assert ("sqs", "AccessDenied") in denied and ("kms", "AccessDenied") in denied
    assert not [r for r in arch.resources.values() if (r.account, r.region) == org.denied]
    assert [r for r in arch.resources.values() if (r.account, r.region) == (account, REGIONS[0])]
    [closed] = [g for g in arch.coverage if g.account == org.closed]
    assert closed.error == "AccountNotActive" and "SUSPENDED" in (closed.message or "")
    # Nothing else was lost: the unit that answered 503 once was retried and succeeded.
    assert not [g for g in arch.coverage if g.error in ("ServiceUnavailable", "HTTP503")]


def test_a_unit_that_fails_once_is_retried(
    org: Org, threads_run: tuple[Architecture, Path]
) -> None:
    from archcode.collectors.aws.units import Unit
    from archcode.collectors.aws.unitstore import DirStore

    _, out = threads_run
    store = DirStore(Path(f"{out}.units"))
    stored = [p for p in store.directory.rglob("*.json")]
    assert not [p for p in store.directory.rglob("*") if p.suffix not in ("", ".json")]
    assert len(stored) == 4 * (MEMBERS - 1) + 4  # the members assumed, and the management
    unit = Unit(
        source=None,  # type: ignore[arg-type]
        external_id=None,
        account=org.members[11],
        region="us-east-1",
        group="messaging",
        regions=frozenset(REGIONS),
    )
    kept = store.done(unit)
    assert kept is not None and kept.attempts == 2 and not kept.failed
    assert {(f.fields["name"]) for f in kept.found if f.kind == "sqs_queue"} == {"orders", "events"}


def test_dask_local_cluster_gives_the_same_model(
    org: Org, threads_run: tuple[Architecture, Path], tmp_path: Path
) -> None:
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(
        processes=False, n_workers=1, threads_per_worker=8, dashboard_address=None
    ) as cluster:
        code, arch, _ = discover(
            tmp_path, "dask", "--executor", "dask", "--scheduler", cluster.scheduler_address
        )
    assert code == 0
    threads, _ = threads_run
    assert arch.model_dump() == threads.model_dump()


def test_resume_redoes_only_what_failed(
    org: Org, server: Server, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = (org.members[20], "us-east-1", "ListQueues")
    server.unavailable[broken] = 10**6  # for the whole first run
    code, arch, out = discover(tmp_path, "resume", "--regions", "us-east-1")
    assert code == 0
    lost = [g for g in arch.coverage if g.account == broken[0] and g.service == "sqs"]
    assert lost and {g.error for g in lost} <= {"ServiceUnavailable", "HTTP503"}
    assert not {q for q in queues_of(arch) if q[0] == broken[0]}
    err = capsys.readouterr().err
    assert "1 units failed" in err
    assert f"account {org.members[1]} (member-1): " in err  # a line per account, named

    server.unavailable[broken] = 0
    start = len(server.seen)
    code = main(
        [
            "discover",
            "--organization",
            "--regions",
            "us-east-1",
            "--services",
            SERVICES,
            "-o",
            str(out),
            "--resume",
        ]
    )
    assert code == 0
    resumed = load_architecture(str(out))
    assert {q for q in queues_of(resumed) if q[0] == broken[0]} == {
        (broken[0], "us-east-1", "orders"),
        (broken[0], "us-east-1", "events"),
    }
    assert not [g for g in resumed.coverage if g.error in ("ServiceUnavailable", "HTTP503")]
    read_again = {
        (account, region)
        for account, region, action in server.seen[start:]
        if action.startswith(("List", "Get", "Describe"))
        and action not in ("ListAccounts", "DescribeRegions", "GetCallerIdentity")
    }
    assert read_again == {broken[:2]}


def test_dask_workers_keep_units_in_a_postgresql_state_and_resume_from_it(
    org: Org, server: Server, postgres_url: str, tmp_path: Path
) -> None:
    distributed = pytest.importorskip("distributed")
    import sqlalchemy as sa

    from archcode.collectors.aws.unitdb import units_table

    broken = (org.members[30], "us-east-1", "ListQueues")
    server.unavailable[broken] = 10**6  # for the whole first run
    state = ["--regions", "us-east-1", "--state", postgres_url]
    with distributed.LocalCluster(
        processes=False, n_workers=1, threads_per_worker=8, dashboard_address=None
    ) as cluster:
        dask = ["--executor", "dask", "--scheduler", cluster.scheduler_address]
        code, arch, _ = discover(tmp_path, "pg", *state, *dask)
        assert code == 0
        assert not {q for q in queues_of(arch) if q[0] == broken[0]}
        engine = sa.create_engine(postgres_url.replace("postgresql://", "postgresql+psycopg://"))
        with engine.connect() as conn:
            rows = conn.execute(
                sa.select(units_table.c.account, units_table.c.service_group, units_table.c.failed)
            ).all()
        engine.dispose()
        # Every unit is in the database (the members assumed, and the management account).
        assert len(rows) == 2 * MEMBERS
        assert [(a, g) for a, g, failed in rows if failed] == [(broken[0], "messaging")]

        server.unavailable[broken] = 0
        start = len(server.seen)
        code, resumed, _ = discover(tmp_path, "pg", *state, *dask, "--resume")
    assert code == 0
    assert {q for q in queues_of(resumed) if q[0] == broken[0]} == {
        (broken[0], "us-east-1", "orders"),
        (broken[0], "us-east-1", "events"),
    }
    assert queues_of(resumed) == {q for q in org.queues if q[1] == "us-east-1"}
    read_again = {
        (account, region)
        for account, region, action in server.seen[start:]
        if action.startswith(("List", "Get", "Describe"))
        and action not in ("ListAccounts", "DescribeRegions", "GetCallerIdentity")
    }
    assert read_again == {broken[:2]}


def test_stackset_role_allows_exactly_the_printed_policy() -> None:
    """docs/stacksets/archcode-readonly-role.yaml carries `--print-iam-policy`, no more."""
    import re

    from archcode.collectors.aws import groups_for, policy_document

    path = (
        Path(__file__).resolve().parents[1] / "docs" / "stacksets" / "archcode-readonly-role.yaml"
    )
    template = path.read_text()
    granted = set(re.findall(r"^ {18}- ([a-z0-9-]+:[A-Za-z0-9]+)$", template, re.M))
    printed = json.loads(policy_document(groups_for(None)[0]))
    wanted = {a for s in printed["Statement"] for a in s["Action"]}
    assert granted == wanted
    assert main(["validate", str(path)]) == 0


def test_audit_of_the_organization_is_stored(
    org: Org, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store, report = tmp_path / "audits.sqlite", tmp_path / "audit.html"
    code = main(
        [
            "audit",
            "--organization",
            "--regions",
            "us-east-1",
            "--services",
            "messaging",
            "--store",
            str(store),
            "--report",
            str(report),
        ]
    )
    assert code == 0
    out = capsys.readouterr().out
    east = {q for q in org.queues if q[1] == "us-east-1"}
    assert f"audit run 1: {len(east)} resources" in out
    assert report.is_file() and store.is_file()
    # A line per account on the terminal, and a row per account in the report.
    lines = [line for line in out.splitlines() if line.startswith("account ")]
    member = org.members[1]
    assert len(lines) == MEMBERS + 2  # the members, the management account, the closed one
    assert any(line.startswith(f"account {member} (member-1): 1 region") for line in lines)
    assert f'<tr data-account="{member}"><td>{member} (member-1)</td>' in report.read_text()
    # The units streamed into the audit store, and left it once none was left to redo.
    import sqlite3

    with sqlite3.connect(store) as db:
        assert db.execute("SELECT count(*) FROM archcode_discovery_units").fetchone() == (0,)
    capsys.readouterr()
    assert main(["audit", "history", "--store", str(store), "--format", "json"]) == 0
    [run] = json.loads(capsys.readouterr().out)
    assert run["source"] == f"aws:organization({MEMBERS} accounts):us-east-1"  # + management


def test_organisation_progress_counts_accounts_failures_and_requests() -> None:
    import io

    from rich.console import Console

    from archcode.collectors.aws import DiscoverProgress

    console = Console(file=io.StringIO(), force_terminal=True, width=140)
    with DiscoverProgress(console, overall=True) as progress:
        progress.account("111111111111", 2)
        progress.account("222222222222", 1)
        progress.finished("111111111111", "us-east-1", "kms", 1, calls=3)
        progress.finished("222222222222", "global", "iam", 4, calls=5)
        progress.finished("111111111111", "us-east-1", "messaging", 0, calls=2, failed=True)
    shown = console.file.getvalue()  # type: ignore[attr-defined]
    assert "accounts 2/2" in shown and "units failed 1" in shown and "requests 10" in shown
    assert "111111111111" not in shown  # one line for the organisation, not a bar per account


def test_audit_keeps_failed_units_in_its_store_and_resumes_from_it(
    org: Org, server: Server, tmp_path: Path
) -> None:
    import sqlite3

    store, report = tmp_path / "audits.sqlite", tmp_path / "audit.html"
    args = ["audit", "--organization", "--regions", "us-east-1", "--services", "messaging"]
    args += ["--store", str(store), "--report", str(report)]
    broken = (org.members[40], "us-east-1", "ListQueues")
    server.unavailable[broken] = 10**6
    assert main(args) == 0
    with sqlite3.connect(store) as db:
        kept = db.execute("SELECT account, failed FROM archcode_discovery_units").fetchall()
    assert len(kept) == MEMBERS and [a for a, failed in kept if failed] == [broken[0]]

    server.unavailable[broken] = 0
    start = len(server.seen)
    assert main([*args, "--resume"]) == 0
    listed = {a for a, _r, action in server.seen[start:] if action == "ListQueues"}
    assert listed == {broken[0]}
    with sqlite3.connect(store) as db:
        assert db.execute("SELECT count(*) FROM archcode_discovery_units").fetchone() == (0,)
        runs = db.execute("SELECT count(*) FROM archcode_runs").fetchone()
    assert runs == (2,)
