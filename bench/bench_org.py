"""`archcode discover --organization` over 50 and 200 accounts: accounts a minute, requests a
resource and peak memory, on the local thread pool and on Dask.

For every size it makes an AWS Organization on a real moto server (over HTTP, in this process)
with that many member accounts, each holding a few resources in two regions (SQS queues, an
SNS topic, a KMS key), then runs the organisation's discovery in a fresh Python process per
executor, so that the memory figures are discovery's own: `threads` (the default pool) and
`dask` (a Dask LocalCluster started in that process, threads only: the same units and
`run_unit`, shipped through Dask's scheduler).

    python bench/bench_org.py                     # 50 and 200 accounts, threads and dask
    python bench/bench_org.py --accounts 50 --executors threads --workers 16
    python bench/bench_org.py --accounts 50 --executors threads --states none,dir,sqlite

`--states`: where the units' results go as they finish (`none`: kept in memory; `dir`: a
JSON file each; `sqlite`: a table of a SQLite file), the model being assembled from there.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import Counter
from pathlib import Path
from typing import Any

import boto3

REGIONS = ("us-east-1", "us-west-2")
SERVICES = ("messaging", "kms")
QUEUES = 4  # per account and region, plus one topic and one key


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def seed(accounts: int) -> int:
    """An organisation of `accounts` members; their resources go straight into the in-process
    server's backends (creating them over HTTP would take longer than reading them)."""
    from moto.kms.models import kms_backends
    from moto.sns.models import sns_backends
    from moto.sqs.models import sqs_backends

    orgs = boto3.client("organizations", region_name="us-east-1")
    orgs.create_organization(FeatureSet="ALL")
    made = 0
    for i in range(accounts):
        status = orgs.create_account(Email=f"m{i}@example.com", AccountName=f"member-{i}")
        account = status["CreateAccountStatus"]["AccountId"]
        for region in REGIONS:
            for q in range(QUEUES):
                sqs_backends[account][region].create_queue(f"queue-{q}")
            sns_backends[account][region].create_topic(f"topic-{i}", attributes={}, tags={})
            kms_backends[account][region].create_key(
                None, "ENCRYPT_DECRYPT", "SYMMETRIC_DEFAULT", "bench", None
            )
            made += QUEUES + 2
    return made


def _peak_mb(field: str = "VmHWM") -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return 0.0


def measure(executor: str, workers: int, state: str = "none") -> dict[str, Any]:
    """The child's job: one organisation discovery, figures as a dict."""
    from botocore.client import BaseClient

    from archcode.collectors.aws import DiscoverProgress, Options, discover

    baseline = _peak_mb("VmRSS")
    requests: Counter[str] = Counter()
    real = BaseClient._make_api_call

    def counting(self: Any, operation: str, params: Any) -> Any:
        requests[operation] += 1
        return real(self, operation, params)

    BaseClient._make_api_call = counting
    cluster: Any = None
    scheduler = None
    if executor == "dask":
        import importlib

        distributed: Any = importlib.import_module("distributed")  # untyped
        cluster = distributed.LocalCluster(
            processes=False, n_workers=1, threads_per_worker=workers, dashboard_address=None
        )
        scheduler = cluster.scheduler_address
    where = None
    if state != "none":
        kept = tempfile.mkdtemp(prefix="bench-org-")
        where = f"{kept}/units" if state == "dir" else f"{kept}/units.sqlite"
    options = Options(
        state=where,
        organization=True,
        regions=REGIONS,
        services=SERVICES,
        workers=workers,
        executor=executor,
        scheduler=scheduler,
    )
    cpu, started = time.process_time(), time.perf_counter()
    try:
        with DiscoverProgress(overall=True) as progress:
            result = discover(options, progress)
    finally:
        if cluster is not None:
            cluster.close()
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    arch = result.architecture
    return {
        "accounts": len(result.accounts),
        "found": len(arch.resources),
        "seconds": seconds,
        "cpu": cpu,
        "requests": sum(requests.values()),
        "failed_units": len(result.failed_units),
        "baseline_mb": baseline,
        "peak_mb": _peak_mb(),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--accounts", default="50,200", help="sizes, e.g. 50,200")
    parser.add_argument("--executors", default="threads,dask", help="threads,dask")
    parser.add_argument("--workers", type=int, default=8)
    parser.add_argument("--states", default="none", help="none,dir,sqlite")
    parser.add_argument("--child", default=None, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(measure(args.child, args.workers, args.states)))
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
    rows: list[tuple[int, str, str, dict[str, Any]]] = []
    try:
        for size in (int(s) for s in args.accounts.split(",")):
            reset = urllib.request.Request(f"{url}/moto-api/reset", method="POST")
            urllib.request.urlopen(reset, timeout=30).close()
            started = time.perf_counter()
            made = seed(size)
            print(
                f"{size} accounts: seeded {made} resources in {time.perf_counter() - started:.0f} s"
            )
            for executor in args.executors.split(","):
                for state in args.states.split(","):
                    child = [sys.executable, __file__, "--child", executor]
                    child += ["--workers", str(args.workers), "--states", state]
                    done = subprocess.run(
                        child,
                        check=True,
                        stdout=subprocess.PIPE,
                        text=True,
                        env={**os.environ, **env},
                    )
                    figures = json.loads(done.stdout.strip().splitlines()[-1])
                    rows.append((size, executor, state, figures))
    finally:
        server.stop()
    load = os.getloadavg()[0]
    print(
        f"\n{platform.python_version()}, {os.cpu_count()} CPUs (load {load:.1f}), "
        f"{args.workers} workers; moto in the parent process on the same CPUs"
    )
    print(
        "| members | executor | state | accounts read | resources | s | CPU s | accounts / min "
        "| requests | requests / resource | failed units | peak RSS MB | discovery MB |"
    )
    print("|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for size, executor, state, f in rows:
        per_min = f["accounts"] / f["seconds"] * 60
        print(
            f"| {size} | {executor} | {state} | {f['accounts']} | {f['found']:,} "
            f"| {f['seconds']:.1f} "
            f"| {f['cpu']:.1f} | {per_min:.0f} | {f['requests']:,} "
            f"| {f['requests'] / max(1, f['found']):.2f} | {f['failed_units']} "
            f"| {f['peak_mb']:.0f} | {f['peak_mb'] - f['baseline_mb']:.0f} |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
