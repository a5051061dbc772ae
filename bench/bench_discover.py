"""How fast `archcode discover` reads an account, how many calls it makes, and how time and
memory grow with the number of resources.

For every size it seeds a real moto server (over HTTP, as the tests do) with about that many
resources split over two regions and ten services (VPC subnets and security groups, EBS
volumes, S3, DynamoDB, SQS, SNS, Lambda, KMS, Secrets Manager, CloudWatch Logs, IAM roles), then
runs discovery of those services and `check` on the result in a fresh Python process, so that
the memory figures are discovery's own (the moto server and the seeding run in this process).

Printed per size: discovery wall and CPU time, `check` time, API calls and calls per resource,
the floor of calls (below), peak RSS of the measuring process and what discovery added to it
over the imports, the memory 1,000 more resources cost (constant when memory grows linearly),
and the growth factors from the previous size (time: 2x/2x is linear when the size doubles;
memory grows less than the size because of a fixed part, the boto3 clients).

The floor: the per-item reads the APIs force (S3: eight per bucket, KMS: three per key,
DynamoDB and Lambda: two per item, SQS and SNS: one) plus one call per list operation and
region (once per account for S3's bucket list, IAM, the caller identity and the region list);
"above floor" is the rest: further pages of long lists.

    python bench/bench_discover.py                        # 500 / 1,000 / 2,000 resources
    python bench/bench_discover.py --sizes 1000 --workers 4
    python bench/bench_discover.py --sizes 500,1000,2000,4000 --operations
"""

from __future__ import annotations

import argparse
import io
import json
import math
import os
import platform
import resource
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
import zipfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import boto3

DEFAULT_SIZES = (500, 1_000, 2_000)
REGIONS = ("us-east-1", "eu-west-1")
SERVICES = "ec2,s3,dynamodb,messaging,lambda,kms,secretsmanager,logs,iam"
# Share of the resources per kind (per region, except IAM roles which are global).
MIX = {
    "subnet": 0.06,
    "security_group": 0.10,
    "ebs_volume": 0.08,
    "s3_bucket": 0.04,
    "dynamodb_table": 0.06,
    "sqs_queue": 0.12,
    "sns_topic": 0.08,
    "lambda_function": 0.08,
    "kms_key": 0.04,
    "secrets_manager_secret": 0.08,
    "cloudwatch_log_group": 0.12,
    "iam_role": 0.04,
}
# Reads per item that no list call can replace (S3: eight per bucket, KMS: three per key,
# DynamoDB and Lambda: two per item, SQS and SNS: one); every other call lists many items.
PER_ITEM_OPERATIONS = frozenset(
    {
        "s3:GetBucketLocation",
        "s3:GetBucketEncryption",
        "s3:GetPublicAccessBlock",
        "s3:GetBucketVersioning",
        "s3:GetBucketPolicy",
        "s3:GetBucketLogging",
        "s3:GetBucketReplication",
        "s3:GetBucketOwnershipControls",
        "kms:DescribeKey",
        "kms:GetKeyRotationStatus",
        "kms:GetKeyPolicy",
        "dynamodb:DescribeTable",
        "dynamodb:DescribeContinuousBackups",
        "lambda:GetPolicy",
        "lambda:GetFunctionUrlConfig",
        "sqs:GetQueueAttributes",
        "sns:GetTopicAttributes",
    }
)
# List calls made once per account, not per region.
ACCOUNT_WIDE = frozenset(
    {
        "s3:ListBuckets",
        "iam:GetAccountAuthorizationDetails",
        "sts:GetCallerIdentity",
        "ec2:DescribeRegions",
    }
)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _zip() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as archive:
        archive.writestr("app.py", "def handler(e, c):\n    return 1\n")
    return buf.getvalue()


def seed(size: int) -> Counter[str]:
    """Create about `size` resources; returns how many of each kind were created."""
    total = sum(MIX.values())
    per_region = {
        kind: math.ceil(size * share / total / len(REGIONS)) for kind, share in MIX.items()
    }
    made: Counter[str] = Counter()
    iam = boto3.client("iam")
    trust = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":'
    trust += '{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}'
    roles = [
        iam.create_role(RoleName=f"role-{i}", AssumeRolePolicyDocument=trust)["Role"]["Arn"]
        for i in range(per_region["iam_role"] * len(REGIONS))
    ]
    made["iam_role"] = len(roles)
    code = _zip()
    for region in REGIONS:
        ec2 = boto3.client("ec2", region_name=region)
        vpc = ec2.create_vpc(CidrBlock="10.0.0.0/16")["Vpc"]["VpcId"]
        made["vpc"] += 1
        for i in range(per_region["subnet"]):
            ec2.create_subnet(VpcId=vpc, CidrBlock=f"10.0.{i}.0/24")
        for i in range(per_region["security_group"]):
            ec2.create_security_group(GroupName=f"sg-{i}", Description="b", VpcId=vpc)
        for _ in range(per_region["ebs_volume"]):
            ec2.create_volume(Size=8, AvailabilityZone=f"{region}a", Encrypted=True)
        s3 = boto3.client("s3", region_name=region)
        for i in range(per_region["s3_bucket"]):
            config = (
                {}
                if region == "us-east-1"
                else {"CreateBucketConfiguration": {"LocationConstraint": region}}
            )
            s3.create_bucket(Bucket=f"bench-{region}-{i}", **config)
        ddb = boto3.client("dynamodb", region_name=region)
        for i in range(per_region["dynamodb_table"]):
            ddb.create_table(
                TableName=f"t{i}",
                BillingMode="PAY_PER_REQUEST",
                KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
                AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
            )
        sqs = boto3.client("sqs", region_name=region)
        for i in range(per_region["sqs_queue"]):
            sqs.create_queue(QueueName=f"q{i}")
        sns = boto3.client("sns", region_name=region)
        for i in range(per_region["sns_topic"]):
            sns.create_topic(Name=f"topic{i}")
        lam = boto3.client("lambda", region_name=region)
        for i in range(per_region["lambda_function"]):
            lam.create_function(
                FunctionName=f"fn{i}",
                Runtime="python3.12",
                Role=roles[i % len(roles)],
                Handler="app.handler",
                Code={"ZipFile": code},
            )
        kms = boto3.client("kms", region_name=region)
        for i in range(per_region["kms_key"]):
            kms.create_key(Description=f"k{i}")
        sm = boto3.client("secretsmanager", region_name=region)
        for i in range(per_region["secrets_manager_secret"]):
            sm.create_secret(Name=f"s{i}", SecretString="x")
        logs = boto3.client("logs", region_name=region)
        for i in range(per_region["cloudwatch_log_group"]):
            logs.create_log_group(logGroupName=f"/bench/{i}")
        for kind, count in per_region.items():
            if kind != "iam_role":
                made[kind] += count
    return made


def floor(operations: dict[str, int]) -> int:
    """The per-item reads plus one call per list operation and region (once per account for
    the account-wide ones): what is left above it is extra pages of lists."""
    total = 0
    for operation, count in operations.items():
        if operation in PER_ITEM_OPERATIONS:
            total += count
        else:
            total += min(count, 1 if operation in ACCOUNT_WIDE else len(REGIONS))
    return total


def _status_mb(field: str) -> float:
    """VmRSS (resident now) or VmHWM (peak) of this process, from /proc (Linux).

    ru_maxrss would not do: Linux keeps it across fork and exec, so a child started by the
    parent (which holds the moto server) would report the parent's size.
    """
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024  # kB
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(workers: int) -> dict[str, Any]:
    """The child's job: discover + check against AWS_ENDPOINT_URL, figures as a dict."""
    from botocore.client import BaseClient

    from archcode.cli import main as cli
    from archcode.collectors.aws import DiscoverProgress, Options, discover
    from archcode.collectors.aws.writer import to_yaml

    baseline = _status_mb("VmRSS")  # the interpreter, archcode, boto3 and botocore imported
    operations: Counter[str] = Counter()
    real = BaseClient._make_api_call

    def counting(self: Any, operation: str, params: Any) -> Any:
        operations[f"{self.meta.service_model.service_name}:{operation}"] += 1
        return real(self, operation, params)

    BaseClient._make_api_call = counting
    options = Options(regions=REGIONS, services=tuple(SERVICES.split(",")), workers=workers)
    cpu, started = time.process_time(), time.perf_counter()
    with DiscoverProgress() as progress:
        result = discover(options, progress)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    after_discover = _status_mb("VmHWM")
    arch = result.architecture
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.yaml"
        text = to_yaml(arch)
        path.write_text(text)
        started = time.perf_counter()
        code = cli(["check", str(path), "-f", "json", "-o", str(Path(tmp) / "check.json")])
        check_seconds = time.perf_counter() - started
    return {
        "found": len(arch.resources),
        "connections": len(arch.connections),
        "seconds": seconds,
        "cpu": cpu,
        "calls": sum(operations.values()),  # every request sent (reader: result.calls)
        "reader_calls": result.calls,
        "check_seconds": check_seconds,
        "check_exit": code,
        "baseline_mb": baseline,
        "discover_peak_mb": after_discover,
        "peak_mb": _status_mb("VmHWM"),
        "yaml_mb": len(text.encode()) / 1e6,
        "gaps": dict(Counter(g.error for g in arch.coverage if g.error != "NotCollected")),
        "operations": dict(operations.most_common()),
    }


@dataclass
class Row:
    size: int
    seeded: int
    seed_seconds: int
    figures: dict[str, Any]

    @property
    def floor(self) -> int:
        return floor(self.figures["operations"])

    @property
    def discover_mb(self) -> float:
        return float(self.figures["discover_peak_mb"] - self.figures["baseline_mb"])


def _sizes(text: str) -> tuple[int, ...]:
    try:
        sizes = tuple(int(part) for part in text.split(",") if part.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a list of sizes: {text!r}") from None
    if not sizes or min(sizes) < 50:
        raise argparse.ArgumentTypeError("sizes are integers of at least 50, e.g. 500,1000")
    return sizes


def _growth(now: float, before: float, size: int, size_before: int) -> str:
    if before <= 0:
        return ""
    return f"{now / before:.1f}x / {size / size_before:.1f}x"


def _report(rows: list[Row], workers: int) -> None:
    load = os.getloadavg()
    print(
        f"\n{platform.python_version()}, {os.cpu_count()} cores, {workers} workers, "
        f"load average {load[0]:.1f} {load[1]:.1f} {load[2]:.1f}"
    )
    print(
        "| seeded | discovered | discover s | CPU s | check s | API calls | calls / resource "
        "| floor | above floor | peak RSS MB | discover MB | MB per 1,000 more | time growth "
        "| memory growth |"
    )
    print("|---:" * 14 + "|")
    before: Row | None = None
    for row in rows:
        f = row.figures
        time_growth = memory_growth = marginal = ""
        if before is not None:
            more = (row.discover_mb - before.discover_mb) / (row.seeded - before.seeded)
            marginal = f"{more * 1000:.1f}"
            bf = before.figures
            time_growth = _growth(f["seconds"], bf["seconds"], row.seeded, before.seeded)
            memory_growth = _growth(row.discover_mb, before.discover_mb, row.seeded, before.seeded)
        print(
            f"| {row.seeded:,} | {f['found']:,} | {f['seconds']:.1f} | {f['cpu']:.1f} "
            f"| {f['check_seconds']:.2f} | {f['calls']:,} | {f['calls'] / max(f['found'], 1):.2f} "
            f"| {row.floor:,} | {f['calls'] - row.floor:+,} | {f['peak_mb']:.0f} "
            f"| {row.discover_mb:.0f} | {marginal} | {time_growth} | {memory_growth} |"
        )
        before = row
    gaps = {k: v for row in rows for k, v in row.figures["gaps"].items()}
    print(f"\ngaps: {gaps or 'none'}; check exit codes: {[r.figures['check_exit'] for r in rows]}")
    print(
        "peak RSS: the measuring process, check included (imports: "
        f"{rows[0].figures['baseline_mb']:.0f} MB); discover MB: what discovery added to the "
        "imports (mostly one boto3 client per worker and service); MB per 1,000 more: what "
        "1,000 more resources cost (constant when memory grows linearly)"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--sizes", type=_sizes, default=DEFAULT_SIZES, help="e.g. 500,1000,2000")
    parser.add_argument("--workers", type=int, default=8)
    parser.add_argument("--operations", action="store_true", help="print calls per operation")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:  # run by the parent against its moto server
        print(json.dumps(measure(args.workers)))
        return 0

    from moto.server import ThreadedMotoServer

    port = _free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    url = f"http://127.0.0.1:{port}"
    env = {
        "AWS_ENDPOINT_URL": url,
        "AWS_ACCESS_KEY_ID": "bench",
        "AWS_SECRET_ACCESS_KEY": "bench",
        "AWS_DEFAULT_REGION": "us-east-1",
    }
    os.environ.update(env)
    rows: list[Row] = []
    try:
        for size in args.sizes:
            reset = urllib.request.Request(f"{url}/moto-api/reset", method="POST")
            urllib.request.urlopen(reset, timeout=30).close()
            started = time.perf_counter()
            made = seed(size)
            seed_seconds = round(time.perf_counter() - started)
            print(f"size {size}: seeded {sum(made.values())} resources in {seed_seconds} s")
            done = subprocess.run(
                [sys.executable, __file__, "--child", "--workers", str(args.workers)],
                check=True,
                stdout=subprocess.PIPE,
                text=True,
                env={**os.environ, **env},
            )
            figures = json.loads(done.stdout.strip().splitlines()[-1])
            rows.append(Row(size, sum(made.values()), seed_seconds, figures))
            if args.operations:
                for operation, count in figures["operations"].items():
                    print(f"  {count:6,}  {operation}")
    finally:
        server.stop()
    _report(rows, args.workers)
    return 0


if __name__ == "__main__":
    sys.exit(main())
