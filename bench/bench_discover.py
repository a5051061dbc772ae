"""How fast `archcode discover` reads a 1,000-resource account, and how many calls it makes.

Seeds a real moto server (over HTTP, as the tests do) with about `--size` resources split over
two regions and ten services (VPC subnets and security groups, EC2 volumes, S3, DynamoDB, SQS,
SNS, Lambda, KMS, Secrets Manager, CloudWatch Logs, IAM roles), then times discovery of those
services and `check` on the result, and prints the API calls per resource.

The floor: one paginated list call per kind and region, plus the per-item reads the APIs force
(S3: eight per bucket, KMS: three per key, DynamoDB and Lambda: two per item, SQS and SNS: one).

    python bench/bench_discover.py                 # about 1,000 resources
    python bench/bench_discover.py --size 300 --workers 4
"""

from __future__ import annotations

import argparse
import io
import math
import os
import resource
import socket
import tempfile
import time
import zipfile
from collections import Counter
from pathlib import Path

import boto3

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


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _zip() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as archive:
        archive.writestr("app.py", "def handler(e, c):\n    return 1\n")
    return buf.getvalue()


def seed(size: int) -> int:
    """Create about `size` resources; returns how many were created."""
    total = sum(MIX.values())
    per_region = {
        kind: math.ceil(size * share / total / len(REGIONS)) for kind, share in MIX.items()
    }
    iam = boto3.client("iam")
    trust = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":'
    trust += '{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}'
    roles = [
        iam.create_role(RoleName=f"role-{i}", AssumeRolePolicyDocument=trust)["Role"]["Arn"]
        for i in range(per_region["iam_role"] * len(REGIONS))
    ]
    made = len(roles)
    code = _zip()
    for region in REGIONS:
        ec2 = boto3.client("ec2", region_name=region)
        vpc = ec2.create_vpc(CidrBlock="10.0.0.0/16")["Vpc"]["VpcId"]
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
        made += sum(n for kind, n in per_region.items() if kind != "iam_role") + 1
    return made


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=8)
    args = parser.parse_args()

    from moto.server import ThreadedMotoServer

    port = _free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    os.environ.update(
        AWS_ENDPOINT_URL=f"http://127.0.0.1:{port}",
        AWS_ACCESS_KEY_ID="bench",
        AWS_SECRET_ACCESS_KEY="bench",
        AWS_DEFAULT_REGION="us-east-1",
    )
    try:
        started = time.perf_counter()
        made = seed(args.size)
        print(f"seeded {made} resources in {time.perf_counter() - started:.1f} s")

        from archcode.cli import main as cli
        from archcode.collectors.aws import DiscoverProgress, Options, discover
        from archcode.collectors.aws.writer import to_yaml

        options = Options(
            regions=REGIONS, services=tuple(SERVICES.split(",")), workers=args.workers
        )
        started = time.perf_counter()
        with DiscoverProgress() as progress:
            result = discover(options, progress)
        seconds = time.perf_counter() - started
        arch = result.architecture
        found = len(arch.resources)
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "bench.yaml"
            path.write_text(to_yaml(arch))
            started = time.perf_counter()
            code = cli(["check", str(path), "-f", "json", "-o", str(Path(tmp) / "check.json")])
            check_seconds = time.perf_counter() - started
        gaps = Counter(g.error for g in arch.coverage if g.error != "NotCollected")
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(
            f"discovered {found} resources ({len(arch.connections)} connections) "
            f"in {seconds:.1f} s with {args.workers} workers"
        )
        print(f"API calls: {result.calls}, {result.calls / max(found, 1):.2f} per resource")
        print(f"check on the discovered model: {check_seconds:.1f} s (exit {code})")
        print(
            f"discover + check: {seconds + check_seconds:.1f} s; peak RSS {peak_mb:.0f} MB "
            "(moto server included)"
        )
        print(f"gaps: {dict(gaps) or 'none'}")
    finally:
        server.stop()


if __name__ == "__main__":
    main()
