"""Pure parts of discovery, from recorded API response shapes: no AWS, no server (except the
throttling test, which needs a real HTTP endpoint that throttles)."""

from __future__ import annotations

import io
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import boto3
import pytest
from rich.console import Console

from archcode.collectors.aws.assemble import Index, assemble
from archcode.collectors.aws.draft import Found, Handle, Link, local_id
from archcode.collectors.aws.progress import DiscoverProgress, summary
from archcode.collectors.aws.reader import ABSENT, Clients, Reader
from archcode.collectors.aws.redact import REDACTED, redact
from archcode.collectors.aws.services.base import policy_json
from archcode.collectors.aws.services.ec2 import _rules, _subnet_routes
from archcode.collectors.aws.session import retry_config
from archcode.collectors.aws.writer import to_yaml
from archcode.collectors.yaml_model import load_yaml_model
from archcode.model.kinds.network import Route
from archcode.model.routing import routes_public

ROUTE_TABLES = [
    {  # main table of the VPC: local only
        "VpcId": "vpc-1",
        "Associations": [{"Main": True}],
        "Routes": [{"DestinationCidrBlock": "10.0.0.0/16", "GatewayId": "local"}],
    },
    {
        "VpcId": "vpc-1",
        "Associations": [{"Main": False, "SubnetId": "subnet-pub"}],
        "Routes": [{"DestinationCidrBlock": "0.0.0.0/0", "GatewayId": "igw-1"}],
    },
    {
        "VpcId": "vpc-1",
        "Associations": [{"Main": False, "SubnetId": "subnet-nat"}],
        "Routes": [{"DestinationCidrBlock": "0.0.0.0/0", "NatGatewayId": "nat-1"}],
    },
]


def test_public_means_a_default_route_to_an_internet_gateway() -> None:
    by_subnet, by_vpc = _subnet_routes(ROUTE_TABLES)
    judged = {
        sid: routes_public([Route.model_validate(r) for r in routes])
        for sid, routes in {**by_subnet, **by_vpc}.items()
    }
    # subnets without their own table follow the main one
    assert judged == {"subnet-pub": True, "subnet-nat": False, "vpc-1": False}
    assert by_subnet["subnet-nat"] == [
        {"destination": "0.0.0.0/0", "target": "nat_gateway", "target_id": "nat-1"}
    ]


class _FakeCtx:
    """Just enough of Ctx for _rules: references become local handles."""

    account, region = "111111111111", "us-east-1"

    def ref(self, value: Any, region: str | None = None) -> Handle | None:
        return Handle(value, self.account, self.region) if value else None


def test_security_group_rules_from_ip_permissions() -> None:
    perms = [
        {
            "IpProtocol": "tcp",
            "FromPort": 443,
            "ToPort": 443,
            "IpRanges": [{"CidrIp": "0.0.0.0/0"}],
            "Ipv6Ranges": [],
            "UserIdGroupPairs": [],
        },
        {
            "IpProtocol": "tcp",
            "FromPort": 1024,
            "ToPort": 2048,
            "IpRanges": [],
            "UserIdGroupPairs": [{"GroupId": "sg-a"}, {"GroupId": "sg-b"}],
        },
        {"IpProtocol": "-1", "IpRanges": [{"CidrIp": "10.0.0.0/8"}]},
        {"IpProtocol": "50", "IpRanges": [{"CidrIp": "10.0.0.0/8"}]},  # ESP: no port semantics
    ]
    rules = _rules(_FakeCtx(), perms)  # type: ignore[arg-type]
    assert rules[0] == {"protocol": "tcp", "port": 443, "cidr": ["0.0.0.0/0"]}
    assert [r["security_group"].value for r in rules[1:3]] == ["sg-a", "sg-b"]
    assert rules[1]["from_port"] == 1024 and rules[1]["to_port"] == 2048
    assert rules[3] == {"protocol": "all", "cidr": ["10.0.0.0/8"]}
    assert len(rules) == 4


def test_policies_are_parsed_and_kept_as_written() -> None:
    # AWS's default SNS topic policy writes "SNS:Publish": stored as written, since the model
    # and the judgements over it read IAM's case-insensitive parts case-insensitively
    # (tests/test_judgements_policy.py judges the policies themselves).
    statement = {
        "Effect": "Allow",
        "Action": ["SNS:Publish"],
        "NotAction": "S3:Get*",
        "Principal": "*",
    }
    doc = policy_json(json.dumps({"Statement": statement}))
    assert doc["Statement"] == statement
    assert policy_json("{not json") is None and policy_json(None) is None


def test_redact_blanks_values_and_keeps_names() -> None:
    response = {
        "Functions": [{"FunctionName": "f", "Environment": {"Variables": {"KEY": "s3cr3t"}}}],
        "containerDefinitions": [{"environment": [{"name": "DB_PASS", "value": "pw"}]}],
        "Origins": {
            "Items": [
                {
                    "CustomHeaders": {
                        "Items": [{"HeaderName": "X-Origin-Secret", "HeaderValue": "hdr"}]
                    }
                }
            ]
        },
        "Tags": [{"Key": "team", "Value": "web"}],
    }
    out = json.dumps(redact(response))
    for secret in ("s3cr3t", "pw", "hdr"):
        assert f'"{secret}"' not in out
    assert "KEY" in out and "DB_PASS" in out and "X-Origin-Secret" in out and REDACTED in out
    assert '"web"' in out  # tags are not secrets


def test_local_ids_are_safe() -> None:
    assert local_id("my bucket\n<script>") == "my-bucket-script"
    assert local_id("/aws/lambda/fn") == "/aws/lambda/fn"
    assert local_id("") == "unnamed"


def test_index_refuses_to_guess_between_regions() -> None:
    found = [
        Found("a/us-east-1/fn", "lambda_function", {}, [Handle("fn", "a", "us-east-1")]),
        Found("a/eu-west-1/fn", "lambda_function", {}, [Handle("fn", "a", "eu-west-1")]),
        Found("a/global/role/r", "iam_role", {}, [Handle("arn:aws:iam::a:role/r")]),
    ]
    index = Index(
        found, [(Handle("arn:aws:iam::a:instance-profile/p"), Handle("arn:aws:iam::a:role/r"))]
    )
    assert index.get(Handle("fn", "a", "eu-west-1")) == "a/eu-west-1/fn"
    assert index.get(Handle("fn", "a", None)) is None  # ambiguous without a region
    assert index.get(Handle("arn:aws:iam::a:instance-profile/p")) == "a/global/role/r"


def test_assemble_keeps_outside_references_drops_dangling_names_and_unreadable_fields() -> None:
    found = [
        Found(
            "a/r/db",
            "rds_instance",
            {
                "kind": "rds_instance",
                "account": "a",
                "region": "r",
                "kms_key": Handle("arn:aws:kms:r:a:key/aws-managed"),  # not discovered
                "replica_of": Handle("ghost-db", "a", "r"),  # a bare name of nothing discovered
                "backup_retention_days": 99,  # outside the model's range: left unknown
                "engine": "postgres",
            },
            [],
        ),
        Found(
            "a/r/fn",
            "lambda_function",
            {"kind": "lambda_function", "account": "a", "region": "r"},
            [Handle("fn", "a", "r")],
        ),
    ]
    links = [
        Link(Handle("fn", "a", "r"), "a/r/db", "tcp", 5432),
        Link(Handle("ghost", "a", "r"), "a/r/db"),
    ]
    arch = assemble("t", found, links, [], [], ["a"], ["r"])
    db = arch.resources["a/r/db"]
    # An ARN not discovered is a reference outside the model, kept as set; a bare name is not.
    assert db.kms_key == "arn:aws:kms:r:a:key/aws-managed"  # type: ignore[attr-defined]
    assert db.replica_of is None and db.backup_retention_days is None  # type: ignore[attr-defined]
    assert db.engine == "postgres"  # type: ignore[attr-defined]
    assert [(c.source, c.target) for c in arch.connections] == [("a/r/fn", "a/r/db")]
    [gap] = arch.coverage
    assert gap.error == "UnreadableValue" and "backup_retention_days" in gap.operation
    # The written document round-trips through the YAML loader.
    again = load_yaml_model(to_yaml(arch), "discovered.yaml")
    assert again.resources["a/r/db"] == db and again.coverage == arch.coverage


def test_reachability_from_security_group_rules_but_not_within_one_group() -> None:
    def found(rid: str, kind: str, **fields: Any) -> Found:
        return Found(rid, kind, {"kind": kind, **fields}, [])

    items = [
        found("sg-app", "security_group"),
        found(
            "sg-db",
            "security_group",
            ingress=[
                {"protocol": "tcp", "port": 5432, "security_group": "sg-app"},
                {"protocol": "all", "security_group": "sg-db"},  # self-reference: not drawn
            ],
        ),
        found("fn", "lambda_function", security_groups=["sg-app"]),
        found("db", "rds_instance", security_groups=["sg-db"]),
        found("db2", "rds_instance", security_groups=["sg-db"]),
    ]
    arch = assemble("t", items, [], [], [], ["a"], ["r"])
    flows = sorted((c.source, c.target, c.port) for c in arch.connections)
    assert flows == [("fn", "db", 5432), ("fn", "db2", 5432)]


def test_progress_is_silent_off_a_terminal_and_the_summary_counts() -> None:
    buffer = io.StringIO()
    console = Console(file=buffer, force_terminal=False, width=100)
    with DiscoverProgress(console) as progress:
        progress.account("a", 2)
        progress.started("a", "us-east-1", "ec2")
        progress.finished("a", "us-east-1", "ec2", 3)
    assert buffer.getvalue() == ""
    found = [Found("a/r/q", "sqs_queue", {"kind": "sqs_queue"}, [])]
    arch = assemble("t", found, [], [], [], ["a"], ["r"])
    headline, table = summary(arch, calls=7, seconds=1.0)
    console.print(table)
    assert "1 resources" in headline and "7 API calls" in headline
    assert "sqs_queue" in buffer.getvalue()


class _Throttling(BaseHTTPRequestHandler):
    """A DynamoDB-shaped endpoint that throttles the first request."""

    hits = 0

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        type(self).hits += 1
        throttled = type(self).hits <= 1
        body = (
            {
                "__type": "com.amazonaws.dynamodb.v20120810#ThrottlingException",
                "message": "Rate exceeded",
            }
            if throttled
            else {"TableNames": ["t1"]}
        )
        data = json.dumps(body).encode()
        self.send_response(400 if throttled else 200)
        self.send_header("Content-Type", "application/x-amz-json-1.0")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args: Any) -> None:
        pass


def test_throttling_is_retried(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Throttling)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        monkeypatch.setenv("AWS_ENDPOINT_URL", f"http://127.0.0.1:{server.server_port}")
        monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
        monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
        monkeypatch.delenv("AWS_MAX_ATTEMPTS", raising=False)
        session = boto3.Session(region_name="us-east-1")
        reader = Reader("a", "us-east-1", "dynamodb", Clients(session, retry_config(1)), tmp_path)
        assert reader.items("list_tables", "TableNames") == ["t1"]
        assert _Throttling.hits == 2 and reader.gaps == []
        assert list(tmp_path.rglob("list_tables-*.json"))  # the raw response was kept
    finally:
        server.shutdown()


class _Denying(BaseHTTPRequestHandler):
    """A Lambda-shaped endpoint: no policy for one function, access denied for the other."""

    def do_GET(self) -> None:
        missing = "/missing/" in self.path
        code, kind = (
            (404, "ResourceNotFoundException") if missing else (403, "AccessDeniedException")
        )
        data = json.dumps({"Type": "User", "Message": "no"}).encode()
        self.send_response(code)
        self.send_header("x-amzn-ErrorType", kind)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args: Any) -> None:
        pass


def test_expected_absence_is_a_fact_and_denial_is_a_gap(monkeypatch: pytest.MonkeyPatch) -> None:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Denying)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        monkeypatch.setenv("AWS_ENDPOINT_URL", f"http://127.0.0.1:{server.server_port}")
        monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
        monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
        session = boto3.Session(region_name="us-east-1")
        reader = Reader("a", "us-east-1", "lambda", Clients(session, retry_config(1)))
        absent = ("ResourceNotFoundException",)
        assert reader.call("get_policy", absent=absent, FunctionName="missing") is ABSENT
        assert reader.gaps == []
        assert (
            reader.call(
                "get_policy", absent=absent, kinds=("lambda_function",), FunctionName="secret"
            )
            is None
        )
        [gap] = reader.gaps
        assert (gap.account, gap.service, gap.operation, gap.error, gap.kinds) == (
            "a",
            "lambda",
            "get_policy",
            "AccessDeniedException",
            ["lambda_function"],
        )
    finally:
        server.shutdown()
