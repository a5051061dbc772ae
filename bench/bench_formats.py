"""How time grows with size for each input format: 20,000 and 100,000 resources (issue 18).

For archcode YAML (bench_load's synthetic architecture), CloudFormation YAML (bench_iac's
template), the same template as JSON, and a Terraform plan (S3 buckets, SQS queues, Lambda
functions and DynamoDB tables with their configuration references), writes one input per size
and runs `archcode validate` on it in a fresh interpreter. Prints wall and CPU seconds of the
child, peak memory and the growth from the previous size (1.00x is linear).

    python bench/bench_formats.py                            # all formats, 20,000 and 100,000
    python bench/bench_formats.py --formats terraform --sizes 2000,20000
    python bench/bench_formats.py --verb check --keep /tmp/inputs
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

HERE = Path(__file__).resolve().parent
DEFAULT_SIZES = (20_000, 100_000)
FORMATS = ("archcode", "cloudformation-yaml", "cloudformation-json", "terraform")


def _sibling(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, HERE / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def archcode_yaml(size: int) -> str:
    return str(_sibling("bench_load").architecture_yaml(size))


def cloudformation_yaml(size: int) -> str:
    return str(_sibling("bench_iac").template(size))


def cloudformation_json(size: int) -> str:
    from archcode.collectors.cfn_parse import parse_template

    data, _ = parse_template(cloudformation_yaml(size), "bench.yaml")
    return json.dumps(data, indent=1)


def terraform_plan(size: int) -> str:
    """A plan of ``size`` resources: four kinds, each Lambda wired to its queue and table."""
    planned, changes, configured = [], [], []
    kinds = ("aws_s3_bucket", "aws_sqs_queue", "aws_dynamodb_table", "aws_lambda_function")
    for i in range(size):
        kind = kinds[i % 4]
        group = i // 4
        name = f"r{group}"
        by_kind: dict[str, dict[str, object]] = {
            "aws_s3_bucket": {"bucket": f"bucket-{group}", "tags": {"team": "t"}},
            "aws_sqs_queue": {"name": f"queue-{group}", "sqs_managed_sse_enabled": True},
            "aws_dynamodb_table": {
                "name": f"table-{group}",
                "billing_mode": "PAY_PER_REQUEST",
                "point_in_time_recovery": [{"enabled": group % 2 == 0}],
            },
            "aws_lambda_function": {
                "function_name": f"fn-{group}",
                "runtime": "python3.12",
                "memory_size": 256,
                "environment": [{"variables": {"QUEUE": f"queue-{group}"}}],
            },
        }
        values = by_kind[kind]
        address = f"{kind}.{name}"
        common = {"address": address, "mode": "managed", "type": kind, "name": name}
        planned.append({**common, "provider_name": "registry.terraform.io/hashicorp/aws",
                        "values": values})  # fmt: skip
        changes.append({**common, "change": {"actions": ["create"], "before": None,
                                             "after": values}})  # fmt: skip
        expressions: dict[str, object] = {}
        if kind == "aws_lambda_function":
            expressions = {
                "environment": [{"variables": {"references": [
                    f"aws_sqs_queue.{name}.url", f"aws_dynamodb_table.{name}.arn",
                ]}}]
            }  # fmt: skip
        configured.append({**common, "provider_config_key": "aws", "expressions": expressions})
    plan = {
        "format_version": "1.2",
        "terraform_version": "1.9.0",
        "planned_values": {"root_module": {"resources": planned}},
        "resource_changes": changes,
        "configuration": {
            "provider_config": {"aws": {"name": "aws", "expressions": {
                "region": {"constant_value": "us-east-1"}}}},
            "root_module": {"resources": configured},
        },
    }  # fmt: skip
    return json.dumps(plan)


GENERATORS: dict[str, tuple[Callable[[int], str], str]] = {
    "archcode": (archcode_yaml, ".yaml"),
    "cloudformation-yaml": (cloudformation_yaml, ".yaml"),
    "cloudformation-json": (cloudformation_json, ".json"),
    "terraform": (terraform_plan, ".json"),
}


def run(verb: str, path: Path) -> tuple[float, float, int, int, str]:
    """Wall seconds, CPU seconds, peak RSS (KiB) and exit code of one `archcode <verb> <path>`."""
    started = time.perf_counter()
    # A plan of 100,000 resources is over the default 64 MiB input bound: raised for the bench.
    env = {**os.environ, "ARCHCODE_MAX_INPUT_BYTES": str(1024 * 2**20)}
    process = subprocess.Popen(
        [sys.executable, "-m", "archcode", verb, str(path)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stderr is not None
    stderr = process.stderr.read()
    _pid, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    cpu = usage.ru_utime + usage.ru_stime
    return wall, cpu, usage.ru_maxrss, os.waitstatus_to_exitcode(status), stderr


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verb", default="validate", help="archcode verb (validate, check)")
    parser.add_argument("--sizes", default=",".join(str(s) for s in DEFAULT_SIZES))
    parser.add_argument("--formats", default=",".join(FORMATS))
    parser.add_argument("--keep", help="write the inputs to this directory and keep them")
    parser.add_argument(
        "--write", nargs=3, metavar=("FORMAT", "SIZE", "PATH"), help=argparse.SUPPRESS
    )
    args = parser.parse_args(argv)
    if args.write:
        fmt, size, path = args.write
        Path(path).write_text(GENERATORS[fmt][0](int(size)))
        return 0
    sizes = [int(s) for s in args.sizes.split(",") if s]
    formats = [f for f in args.formats.split(",") if f]
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))

    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} CPUs")
    print(f"load average {load} (other work on the machine inflates wall time; compare CPU)")
    print(f"archcode {args.verb} <input>, fresh interpreter each run")
    header = f"{'format':<20} {'resources':>10} {'input':>9} {'wall s':>7} {'cpu s':>7}"
    print(f"{header} {'peak MiB':>9} {'growth':>7} exit")
    with tempfile.TemporaryDirectory() as scratch:
        directory = Path(args.keep or scratch)
        directory.mkdir(parents=True, exist_ok=True)
        for fmt in formats:
            suffix = GENERATORS[fmt][1]
            previous: tuple[int, float] | None = None
            for size in sizes:
                path = directory / f"bench-{fmt}-{size}{suffix}"
                # Generated in a child: the parent stays small, so the measured child's peak
                # memory (which counts what it inherited before exec) is its own.
                write = [sys.executable, __file__, "--write", fmt, str(size), str(path)]
                subprocess.run(write, check=True)
                text = path.read_text()
                wall, cpu, rss, code, stderr = run(args.verb, path)
                if code not in (0, 1):
                    print(f"{fmt} {size}: exit {code}\n{stderr[-2000:]}")
                    return 2
                growth = f"{(cpu / previous[1]) / (size / previous[0]):.2f}x" if previous else ""
                mib = len(text.encode()) / 2**20
                print(
                    f"{fmt:<20} {size:>10,} {mib:>7.1f}MB {wall:>7.1f} {cpu:>7.1f} "
                    f"{rss / 1024:>9.0f} {growth:>7} {code}"
                )
                previous = (size, cpu)
    print("growth = (CPU time ratio) / (size ratio) from the previous size; 1.00x is linear")
    return 0


if __name__ == "__main__":
    sys.exit(main())
