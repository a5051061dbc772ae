"""How long archcode takes to load big architectures, and how the time grows.

Generates synthetic architectures of a realistic mix (VPCs, subnets, security groups, Lambda
functions, RDS, S3, DynamoDB, SQS, IAM roles with policies, log groups, connections and
references), writes each as YAML to a temporary directory, and loads each in its own
subprocess so that peak memory figures do not mix. For every size it prints: YAML parse time,
model validation time, full load time (``load_yaml_model``: parse + validation + reference
checks), graph build time (``to_graph``), peak memory, and the growth factor from the previous
size.

    python bench/bench_load.py                       # 1,000 / 10,000 / 100,000 resources
    python bench/bench_load.py --sizes 1000,10000 --repeat 5
    python bench/bench_load.py --sizes 10000 --profile   # cProfile of one load per size
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import json
import os
import platform
import pstats
import resource
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from string import Template
from typing import TypeVar

DEFAULT_SIZES = (1_000, 10_000, 100_000)
TARGET_SIZE, TARGET_SECONDS = 10_000, 3.0
# A service is one small application stack; a VPC holds this many of them.
SERVICES_PER_VPC = 10
AZS = ("a", "b")

T = TypeVar("T")


# --- the synthetic architecture ------------------------------------------------------------
# Written the way an architect writes the format. $v numbers a VPC, $o is its CIDR octet,
# $s numbers a service. Each entry is one resource; references point only at earlier entries.

NETWORK = (
    "key-$v: {kind: kms_key, rotation_enabled: true, aliases: [alias/app-$v]}",
    "vpc-$v: {kind: vpc, cidr: 10.$o.0.0/16, flow_logs_enabled: true}",
    "public-${v}a: {kind: subnet, vpc: vpc-$v, az: us-east-1a, cidr: 10.$o.0.0/24, public: true}",
    "public-${v}b: {kind: subnet, vpc: vpc-$v, az: us-east-1b, cidr: 10.$o.1.0/24, public: true}",
    "private-${v}a: {kind: subnet, vpc: vpc-$v, az: us-east-1a, cidr: 10.$o.10.0/24,"
    " public: false}",
    "private-${v}b: {kind: subnet, vpc: vpc-$v, az: us-east-1b, cidr: 10.$o.11.0/24,"
    " public: false}",
    """alb-sg-$v:
  kind: security_group
  vpc: vpc-$v
  ingress: [{port: 443, cidr: 0.0.0.0/0, description: HTTPS from anywhere}]
  egress: [{protocol: all, cidr: 0.0.0.0/0}]""",
    """app-sg-$v:
  kind: security_group
  vpc: vpc-$v
  ingress: [{from_port: 8000, to_port: 8080, security_group: alb-sg-$v}]
  egress: [{port: 443, cidr: 0.0.0.0/0}, {port: 5432, cidr: 10.$o.0.0/16}]""",
    """db-sg-$v:
  kind: security_group
  vpc: vpc-$v
  ingress: [{port: 5432, security_group: app-sg-$v}]
  egress: []""",
    """alb-$v:
  kind: alb
  scheme: internet-facing
  subnets: [public-${v}a, public-${v}b]
  security_groups: alb-sg-$v
  listeners:
    - {protocol: HTTPS, port: 443, ssl_policy: ELBSecurityPolicy-TLS13-1-2-2021-06}
    - {protocol: HTTP, port: 80, redirect_to_https: true}
  access_logs_enabled: true""",
)

SERVICE = (
    """policy-$s:
  kind: iam_policy
  document:
    Statement:
      - Effect: Allow
        Action: [dynamodb:GetItem, dynamodb:PutItem, dynamodb:Query]
        Resource: arn:aws:dynamodb:us-east-1:111122223333:table/orders-$s
      - {Effect: Allow, Action: s3:GetObject, Resource: "arn:aws:s3:::assets-$s/*"}""",
    """role-$s:
  kind: iam_role
  trust_policy:
    Statement:
      - {Effect: Allow, Principal: {Service: lambda.amazonaws.com}, Action: sts:AssumeRole}
  managed_policies: [policy-$s]
  inline_policies:
    send: {Statement: [{Effect: Allow, Action: sqs:SendMessage, Resource: "*"}]}""",
    "queue-$s: {kind: sqs_queue, encryption: sse-kms, kms_key: key-$v, visibility_timeout_s: 60}",
    """table-$s:
  kind: dynamodb_table
  billing_mode: PAY_PER_REQUEST
  point_in_time_recovery: true
  encryption: customer_managed
  kms_key: key-$v
  usage: {read_request_units: 1000000, write_request_units: 200000, gb_stored: 5}""",
    """bucket-$s:
  kind: s3_bucket
  bucket_name: assets-$s
  encryption: sse-kms
  kms_key: key-$v
  block_public_access: true
  versioning: true
  tags: {team: team-$t, env: prod}""",
    """db-$s:
  kind: rds_instance
  engine: postgres
  instance_class: db.t4g.medium
  allocated_storage_gb: 50
  storage_encrypted: true
  kms_key: key-$v
  multi_az: true
  backup_retention_days: 7
  publicly_accessible: false
  subnets: [private-${v}a, private-${v}b]
  security_groups: db-sg-$v""",
    """fn-$s:
  kind: lambda_function
  runtime: python3.12
  memory_mb: 512
  timeout_s: 30
  role: role-$s
  kms_key: key-$v
  dead_letter: queue-$s
  environment: {TABLE: orders-$s, BUCKET: assets-$s}
  subnets: [private-${v}a, private-${v}b]
  security_groups: [app-sg-$v]
  usage: {monthly_requests: 2000000, avg_duration_ms: 120}""",
    """logs-$s:
  kind: cloudwatch_log_group
  log_group_name: /aws/lambda/fn-$s
  retention_days: 30
  kms_key: key-$v
  logs_of: fn-$s""",
)

# (from, to, the rest of the connection)
FLOWS = (
    ("alb-$v", "fn-$s", "protocol: https, port: 443"),
    ("fn-$s", "table-$s", "protocol: https, label: orders"),
    ("fn-$s", "bucket-$s", "protocol: https"),
    ("fn-$s", "db-$s", "protocol: postgresql, port: 5432"),
    ("fn-$s", "queue-$s", "protocol: https"),
)


def _render(template: str, **names: object) -> str:
    return Template(template).substitute({k: str(v) for k, v in names.items()})


def architecture_yaml(size: int) -> str:
    """An archcode document of exactly ``size`` resources and the flows between them."""
    resources: list[str] = []
    emitted: set[str] = set()
    flows = ["  - {from: users, to: alb-0, protocol: https}"]
    vpc = 0
    while len(resources) < size:
        entries = [_render(t, v=vpc, o=vpc % 250) for t in NETWORK]
        for index in range(SERVICES_PER_VPC):
            service = vpc * SERVICES_PER_VPC + index
            names = {"v": vpc, "s": service, "t": service % 17}
            entries += [_render(t, **names) for t in SERVICE]
            flows += [
                f"  - {{from: {_render(a, **names)}, to: {_render(b, **names)}, {rest}}}"
                for a, b, rest in FLOWS
            ]
        for entry in entries[: size - len(resources)]:
            resources.append(textwrap.indent(entry, "  "))
            emitted.add(entry.partition(":")[0])
        vpc += 1
    kept = [f for f in flows if all(end in emitted or end == "users" for end in _ends(f))]
    return "\n".join(
        [
            "archcode: 1",
            f"name: synthetic {size}",
            'account: "111122223333"',
            "region: us-east-1",
            "actors:",
            "  users: {kind: users}",
            "resources:",
            *resources,
            "connections:" if kept else "connections: []",
            *kept,
            "",
        ]
    )


def _ends(flow: str) -> tuple[str, str]:
    source = flow.partition("from: ")[2].partition(",")[0]
    target = flow.partition(" to: ")[2].partition(",")[0]
    return source, target


# --- one measurement, in a fresh interpreter -------------------------------------------------


@dataclass
class Timing:
    """The fastest of several runs: CPU seconds of this process, and wall-clock seconds."""

    cpu: float = float("inf")
    wall: float = float("inf")


def _best(repeat: int, work: Callable[[], T]) -> tuple[Timing, T]:
    """Time ``repeat`` runs of ``work``; return the best times and the last result.

    CPU time is the figure that counts: on a shared machine the wall clock also measures
    everyone else's work. Both are reported.
    """
    best, result = Timing(), None
    for _ in range(repeat):
        result = None  # let the previous result go before measuring the next run
        gc.collect()
        cpu, wall = time.process_time(), time.perf_counter()
        result = work()
        best.cpu = min(best.cpu, time.process_time() - cpu)
        best.wall = min(best.wall, time.perf_counter() - wall)
    assert result is not None
    return best, result


def _max_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def measure(path: Path, repeat: int, profile: bool) -> dict[str, float]:
    """Figures for one file; meant to run alone in its process (see _child)."""
    from archcode.collectors.yaml_model import load_yaml_model, parse_yaml, validate_document
    from archcode.io import read_text
    from archcode.model.graph import to_graph

    baseline = _max_rss_mb()
    name, text = read_text(str(path))
    # The first load alone sets the peak: what `archcode validate` needs for this file.
    load_yaml_model(text, name)
    peak = _max_rss_mb()
    parse, parsed = _best(repeat, lambda: parse_yaml(text, name))
    validate, _ = _best(
        repeat, lambda: validate_document(parsed.data, name, parsed.positions, parsed.problems)
    )
    load, arch = _best(repeat, lambda: load_yaml_model(text, name))
    graph_time, graph = _best(repeat, lambda: to_graph(arch))
    figures = {
        "resources": float(len(arch.resources)),
        "connections": float(len(arch.connections)),
        "edges": float(len(graph.edges)),
        "mb": len(text.encode()) / 1e6,
        "parse_s": parse.cpu,
        "validate_s": validate.cpu,
        "load_s": load.cpu,
        "load_wall_s": load.wall,
        "graph_s": graph_time.cpu,
        "baseline_mb": baseline,
        "peak_mb": peak,
    }
    if profile:
        profiler = cProfile.Profile(time.process_time)  # CPU time, as above
        profiler.runcall(load_yaml_model, text, name)
        stats = pstats.Stats(profiler, stream=sys.stderr)
        stats.sort_stats("tottime").print_stats(15)
        stats.sort_stats("cumulative").print_stats(25)
    return figures


# --- the driver -------------------------------------------------------------------------------


def _sizes(text: str) -> list[int]:
    try:
        sizes = [int(part.replace("_", "")) for part in text.split(",") if part.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a list of sizes: {text!r}") from None
    if not sizes or min(sizes) < 1:
        raise argparse.ArgumentTypeError("sizes are positive integers, e.g. 1000,10000")
    return sizes


def _child(path: Path, repeat: int, profile: bool) -> dict[str, float]:
    command = [sys.executable, __file__, "--measure", str(path), "--repeat", str(repeat)]
    if profile:
        command.append("--profile")
    done = subprocess.run(command, check=True, stdout=subprocess.PIPE, text=True)
    figures: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return figures


COLUMNS = (
    ("resources", 10), ("conns", 7), ("YAML MB", 8), ("parse", 7), ("validate", 8),
    ("load", 7), ("load wall", 9), ("graph", 6), ("peak MB", 8), ("KiB/res", 8), ("µs/res", 7),
    ("growth", 9),
)  # fmt: skip


def _report(rows: list[dict[str, float]], load_before: float) -> None:
    print(f"# {time.strftime('%Y-%m-%d %H:%M %Z')}, {_machine()}")
    print(f"# load average: {load_before:.2f} before the run, {os.getloadavg()[0]:.2f} after")
    print(" ".join(f"{title:>{width}}" for title, width in COLUMNS))
    previous: dict[str, float] | None = None
    for row in rows:
        growth = ""
        if previous is not None:
            size_ratio = row["resources"] / previous["resources"]
            growth = f"{row['load_s'] / previous['load_s']:.1f}x/{size_ratio:.0f}x"
        cells = (
            f"{int(row['resources']):,}", f"{int(row['connections']):,}", f"{row['mb']:.1f}",
            f"{row['parse_s']:.2f}", f"{row['validate_s']:.2f}", f"{row['load_s']:.2f}",
            f"{row['load_wall_s']:.2f}", f"{row['graph_s']:.2f}", f"{row['peak_mb']:.0f}",
            f"{(row['peak_mb'] - row['baseline_mb']) * 1024 / row['resources']:.1f}",
            f"{row['load_s'] / row['resources'] * 1e6:.0f}", growth,
        )  # fmt: skip
        print(" ".join(f"{cell:>{width}}" for cell, (_, width) in zip(cells, COLUMNS, strict=True)))
        previous = row
    print(
        "Seconds are CPU seconds of the measuring process, best of --repeat runs (wall clock:\n"
        "'load wall'). load = load_yaml_model end to end = parse + validate (pydantic, then\n"
        "reference checks). growth = load time ratio / size ratio to the previous row (linear\n"
        f"is 10x/10x). peak MB = max RSS of a fresh process after one load (imports alone:\n"
        f"{rows[0]['baseline_mb']:.0f} MB); KiB/res = its growth over the imports, per resource\n"
        "(bench_memory.py: the same for a whole check, per input format)."
    )
    target = next((r for r in rows if int(r["resources"]) == TARGET_SIZE), None)
    if target is not None:
        verdict = "met" if target["load_s"] < TARGET_SECONDS else "MISSED"
        print(
            f"Target: {TARGET_SIZE:,} resources load in under {TARGET_SECONDS:.0f} s: {verdict} "
            f"({target['load_s']:.2f} s CPU, {target['load_wall_s']:.2f} s wall)."
        )


def _machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.partition(":")[2].strip()
                break
    except OSError:
        pass
    return f"{os.cpu_count()} cores, {cpu}, Python {platform.python_version()}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument(
        "--sizes", type=_sizes, default=list(DEFAULT_SIZES), help="e.g. 1000,10000,100000"
    )
    parser.add_argument("--repeat", type=int, default=3, help="runs per step; the best counts")
    parser.add_argument("--profile", action="store_true", help="cProfile one load per size")
    parser.add_argument("--keep", type=Path, help="write the YAML files here and keep them")
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)  # the child's job
    args = parser.parse_args(argv)

    if args.measure is not None:
        print(json.dumps(measure(args.measure, max(args.repeat, 1), args.profile)))
        return 0

    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="archcode-bench-") as scratch:
        folder = args.keep or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        rows = []
        for size in sorted(args.sizes):
            path = folder / f"synthetic-{size}.yaml"
            path.write_text(architecture_yaml(size), encoding="utf-8")
            rows.append(_child(path, args.repeat, args.profile))
    _report(rows, load_before)
    return 0


if __name__ == "__main__":
    sys.exit(main())
