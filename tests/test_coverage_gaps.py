"""None, not read, outside: what discovery could not read stays UNKNOWN and is reported.

- Rules: a PASS or NOT_APPLICABLE that rests on "none found" is UNKNOWN when the read that
  would have found one was denied; from a template (no coverage gaps) it stands.
- Discovery (moto over HTTP, reads denied by a botocore event hook that answers AccessDenied
  the way AWS does): a listed resource whose detail read fails stays, its facts unknown; a
  ParamValidationError is archcode's bug and stops the run (exit 3), never a gap.
- `check` says what it could not see in every format, and says nothing of the kind for a
  template.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError, ParamValidationError
from tests.moto_aws import ACCOUNT_A

from archcode.cli import main
from archcode.collectors import load_architecture
from archcode.collectors.aws import reader as aws_reader
from archcode.model.architecture import Architecture
from archcode.rules.engine import evaluate
from test_sarif import validator  # noqa: F401  (the SARIF 2.1.0 schema fixture)

HEADER = f'archcode: 1\nname: gaps\naccount: "{ACCOUNT_A}"\nregion: us-east-1\n'


def outcomes(arch: Architecture) -> dict[tuple[str, str | None], str]:
    return {(r.rule.id, r.resource): r.outcome.value for r in evaluate(arch)}


def model(tmp_path: Path, body: str, gaps: str = "") -> Architecture:
    path = tmp_path / "model.yaml"
    path.write_text(HEADER + body + (f"coverage:\n{gaps}" if gaps else ""))
    return load_architecture(str(path))


def gap(service: str, operation: str, kind: str) -> str:
    return (
        f'  - {{account: "{ACCOUNT_A}", region: us-east-1, service: {service}, '
        f"operation: {operation}, error: AccessDenied, kinds: [{kind}]}}\n"
    )


# --- rules: "none found" proves nothing when the read was denied ------------------------------
@pytest.mark.parametrize(
    ("body", "denied", "rule", "rid", "when_read"),
    [
        (
            "resources:\n  b: {kind: s3, encryption: sse-s3}\n",
            gap("s3", "get_bucket_policy", "s3_bucket"),
            "resource-policy-not-public",
            "b",
            "NOT_APPLICABLE",
        ),
        (
            "resources:\n  u: {kind: iam_user}\n",
            gap("iam", "list_access_keys", "iam_user"),
            "iam-user-access-keys-rotated",
            "u",
            "PASS",
        ),
        (
            "resources:\n  r: {kind: iam_role}\n",
            gap("iam", "get_account_authorization_details", "iam_role"),
            "iam-policy-no-full-admin",
            "r",
            "PASS",
        ),
        (
            "resources:\n  vpc: {kind: vpc}\n"
            "  a: {kind: subnet, vpc: vpc, az: us-east-1a, public: false}\n",
            gap("ec2", "describe_nat_gateways", "nat_gateway"),
            "vpc-nat-gateway-per-az",
            "vpc",
            "NOT_APPLICABLE",
        ),
        # A FAIL for something not found ("no replication rule") is no surer than a PASS.
        (
            "resources:\n  b: {kind: s3, encryption: sse-s3}\n",
            gap("s3", "get_bucket_replication", "s3_bucket"),
            "s3-bucket-cross-region-replication",
            "b",
            "FAIL",
        ),
        (
            "resources:\n  t: {kind: sns_topic}\n",
            gap("sns", "get_topic_attributes", "sns_topic"),
            "data-encrypted-at-rest",
            "t",
            "FAIL",
        ),
        # Lists read by a call of their own: empty is "none" only when the call answered.
        (
            "resources:\n  w: {kind: waf_web_acl}\n",
            gap("wafv2", "get_web_acl", "waf_web_acl"),
            "waf-web-acl-has-rules",
            "w",
            "FAIL",
        ),
        (
            "resources:\n  u: {kind: iam_user}\n",
            gap("iam", "list_access_keys", "iam_user"),
            "iam-user-unused-access-keys",
            "u",
            "PASS",
        ),
        (
            "resources:\n  u: {kind: iam_user}\n",
            gap("iam", "get_account_authorization_details", "iam_user"),
            "iam-user-no-direct-policies",
            "u",
            "PASS",
        ),
        (
            "resources:\n  c: {kind: codebuild_project}\n",
            gap("codebuild", "batch_get_projects", "codebuild_project"),
            "codebuild-no-plaintext-aws-credentials",
            "c",
            "PASS",
        ),
        (
            "resources:\n  s: {kind: ecs_service}\n",
            gap("ecs", "describe_task_definition", "ecs_service"),
            "no-secrets-in-environment-variables",
            "s",
            "PASS",
        ),
    ],
)
def test_a_none_found_verdict_is_unknown_when_the_read_was_denied(
    tmp_path: Path, body: str, denied: str, rule: str, rid: str, when_read: str
) -> None:
    assert outcomes(model(tmp_path, body))[(rule, rid)] == when_read
    assert outcomes(model(tmp_path, body, denied))[(rule, rid)] == "UNKNOWN"


def test_a_gap_in_another_account_does_not_touch_this_one(tmp_path: Path) -> None:
    elsewhere = gap("s3", "get_bucket_policy", "s3_bucket").replace(ACCOUNT_A, "999999999999")
    arch = model(tmp_path, "resources:\n  b: {kind: s3}\n", elsewhere)
    assert outcomes(arch)[("resource-policy-not-public", "b")] == "NOT_APPLICABLE"


@pytest.mark.parametrize(
    ("key", "outcome"),
    [
        ("alias/aws/backup", "FAIL"),  # says it is AWS managed
        (f"arn:aws:kms:us-east-1:{ACCOUNT_A}:key/1234abcd-12ab-34cd-56ef-1234567890ab", "UNKNOWN"),
        ("arn:aws:kms:us-east-1:999999999999:key/1234abcd-12ab-34cd-56ef-1234567890ab", "PASS"),
        ("vault_key", "PASS"),  # a customer managed key of the model
    ],
)
def test_backup_key_outside_the_model_is_judged_only_on_what_it_says(
    tmp_path: Path, key: str, outcome: str
) -> None:
    arch = model(
        tmp_path,
        "resources:\n  vault_key: {kind: kms}\n"
        f'  vault: {{kind: backup_vault, kms_key: "{key}"}}\n',
    )
    assert outcomes(arch)[("backup-customer-managed-key", "vault")] == outcome


def test_a_security_group_outside_the_model_is_not_judged_closed(tmp_path: Path) -> None:
    body = (
        "resources:\n"
        "  vpc: {kind: vpc}\n"
        "  pub: {kind: subnet, vpc: vpc, az: us-east-1a, public: true}\n"
        "  db: {kind: rds, engine: postgres, subnets: [pub], publicly_accessible: true,"
        " security_groups: [SG]}\n"
        "  closed: {kind: sg, vpc: vpc, ingress: []}\n"
    )
    rule = ("data-store-not-internet-reachable", "db")
    assert outcomes(model(tmp_path, body.replace("SG", "closed")))[rule] == "PASS"
    # The same database behind a group the model does not hold: its rules are not known.
    assert outcomes(model(tmp_path, body.replace("SG", "sg-0123456789abcdef0")))[rule] == "UNKNOWN"


# --- live discovery: detail reads denied, a ParamValidationError ------------------------------
Hook = Callable[..., None]


@pytest.fixture
def hooks(monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, Hook]]:
    """botocore ``before-call`` handlers on every client discovery makes: event -> handler."""
    chosen: dict[str, Hook] = {}
    real_get = aws_reader.Clients.get

    def get(self: aws_reader.Clients, service: str, region: str) -> Any:
        client = real_get(self, service, region)
        for event, handler in chosen.items():
            client.meta.events.register(event, handler, unique_id=f"test:{event}")
        return client

    monkeypatch.setattr(aws_reader.Clients, "get", get)
    yield chosen


def denied(operation: str) -> Hook:
    def handler(**_kwargs: Any) -> None:
        raise ClientError(
            {"Error": {"Code": "AccessDeniedException", "Message": "denied by the test"}},
            operation,
        )

    return handler


@pytest.fixture
def seeded(aws_env: dict[str, str]) -> None:
    ddb = boto3.client("dynamodb")
    for name in ("orders", "audit"):
        if name not in ddb.list_tables()["TableNames"]:
            ddb.create_table(
                TableName=name,
                KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
                AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
                BillingMode="PAY_PER_REQUEST",
            )
    boto3.client("sqs").create_queue(QueueName="jobs.fifo", Attributes={"FifoQueue": "true"})


@pytest.fixture
def discovered(seeded: None, hooks: dict[str, Hook], tmp_path: Path) -> Path:
    hooks["before-call.dynamodb.DescribeTable"] = denied("DescribeTable")
    hooks["before-call.sqs.GetQueueAttributes"] = denied("GetQueueAttributes")
    out = tmp_path / "denied.yaml"
    assert main(["discover", "--services", "dynamodb,sqs", "-o", str(out)]) == 0
    return out


def test_a_resource_whose_detail_read_fails_stays_with_unknown_facts(discovered: Path) -> None:
    arch = load_architecture(str(discovered))
    tables = {t.name: t for _rid, t in arch.of_kind("dynamodb_table")}
    assert set(tables) == {"orders", "audit"}  # listed, so in the model
    orders = tables["orders"]
    assert orders.point_in_time_recovery is None and orders.encryption is None  # type: ignore[attr-defined]
    [(_qid, queue)] = arch.of_kind("sqs_queue")
    assert queue.name == "jobs.fifo" and queue.fifo is True  # type: ignore[attr-defined]
    assert queue.encryption is None  # type: ignore[attr-defined]
    errors = {(g.service, g.operation, g.error) for g in arch.coverage}
    assert not [e for e in errors if e[2].startswith("CollectorError")]  # no collector bug
    assert ("dynamodb", "describe_table", "AccessDeniedException") in errors
    assert ("sqs", "get_queue_attributes", "AccessDeniedException") in errors
    got = outcomes(arch)
    rid = next(rid for rid, t in arch.of_kind("dynamodb_table") if t.name == "orders")
    assert got[("dynamodb-table-point-in-time-recovery", rid)] == "UNKNOWN"


def test_a_param_validation_error_is_an_internal_error_not_a_gap(
    seeded: None,
    hooks: dict[str, Hook],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    def invalid(**_kwargs: Any) -> None:
        raise ParamValidationError(report="Invalid type for parameter TableName")

    hooks["before-call.dynamodb.DescribeTable"] = invalid
    out = tmp_path / "never.yaml"
    assert main(["discover", "--services", "dynamodb", "-o", str(out)]) == 3
    assert "ParamValidationError" in capsys.readouterr().err
    assert not out.exists()


def test_the_reader_lets_a_param_validation_error_through(aws_env: dict[str, str]) -> None:
    """A parameter botocore refuses before sending: raised, not recorded as a coverage gap."""
    session = boto3.Session(region_name="us-east-1")
    clients = aws_reader.Clients(session, Config())
    reader = aws_reader.Reader(ACCOUNT_A, "us-east-1", "dynamodb", clients)
    with pytest.raises(ParamValidationError):
        reader.call("list_tables", Limit="many")
    with pytest.raises(ParamValidationError):
        reader.pages("list_tables", NoSuchParameter=1)
    assert reader.gaps == []


# --- check reports what it could not see, in every format -------------------------------------
def check(capsys: pytest.CaptureFixture[str], path: Path, fmt: str) -> str:
    code = main(["check", str(path), "--format", fmt])
    out, err = capsys.readouterr()
    assert code in (0, 1), err
    return out


def test_every_format_reports_the_coverage_gaps(
    discovered: Path,
    capsys: pytest.CaptureFixture[str],
    validator: Any,  # noqa: F811
) -> None:
    arch = load_architecture(str(discovered))
    wanted = {(g.service, g.operation) for g in arch.coverage}
    assert ("dynamodb", "describe_table") in wanted

    text = check(capsys, discovered, "text")
    not_read = [line for line in text.splitlines() if line.startswith("NOT READ ")]
    assert len(not_read) == len(arch.coverage)
    assert any("dynamodb:describe_table AccessDeniedException" in line for line in not_read)
    assert f"{len(arch.coverage)} not read" in text.splitlines()[-1]

    report = json.loads(check(capsys, discovered, "json"))
    assert {(g["service"], g["operation"]) for g in report["coverage"]} == wanted
    assert {g["source"] for g in report["coverage"]} == {str(discovered)}

    log = json.loads(check(capsys, discovered, "sarif"))
    assert [f"{list(e.path)}: {e.message}" for e in validator.iter_errors(log)] == []
    [invocation] = log["runs"][0]["invocations"]
    notes = [
        n
        for n in invocation["toolExecutionNotifications"]
        if n.get("descriptor", {}).get("id") == "archcode/coverage-gap"
    ]
    assert {
        (n["properties"]["archcode/coverage"]["service"],
         n["properties"]["archcode/coverage"]["operation"]) for n in notes
    } == wanted  # fmt: skip
    assert all(n["level"] == "warning" for n in notes)

    root = ET.fromstring(check(capsys, discovered, "junit"))
    [suite] = [s for s in root.iter("testsuite") if s.get("name") == "archcode-coverage"]
    cases = suite.findall("testcase")
    assert len(cases) == len(arch.coverage) == int(suite.get("skipped", "0"))
    assert all(c.find("skipped") is not None for c in cases)
    assert any("describe_table" in (c.get("name") or "") for c in cases)

    markdown = check(capsys, discovered, "markdown")
    assert f"**{len(arch.coverage)} reads could not be made**" in markdown
    assert "describe\\_table AccessDeniedException" in markdown


@pytest.mark.parametrize("fixture", ["serverless-django.cfn.yaml", "serverless-django.tfplan.json"])
def test_a_template_has_no_coverage_gaps_to_report(
    fixture: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = Path(__file__).resolve().parent / "fixtures" / "iac" / fixture
    assert json.loads(check(capsys, path, "json"))["coverage"] == []
    assert "NOT READ" not in check(capsys, path, "text")
    assert "reads could not be made" not in check(capsys, path, "markdown")
    log = json.loads(check(capsys, path, "sarif"))
    assert log["runs"][0]["invocations"][0]["toolExecutionNotifications"] == []
    assert "archcode-coverage" not in check(capsys, path, "junit")
