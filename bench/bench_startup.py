"""Start-up of the command line, beside a bare interpreter (issue 17, the small end).

Runs, several times each and interleaved, in fresh processes:

- ``python -c pass`` (the bare interpreter start, the baseline);
- ``archcode --help``;
- ``archcode check small.yaml`` on a 10-resource archcode YAML file (one finding, so
  the rules really run; exit code 1 is expected).

and prints the median wall time and the median CPU time (user + system) of each, and each
verb's excess over the baseline against the targets: ``check`` within 0.25 s of the bare start,
``--help`` within 0.15 s. On a shared machine the wall clock includes other jobs' work; CPU
time does not, so both are printed.

Modules run from their cached bytecode, as from an installed wheel (pip compiles it): the runs
write it to a temporary PYTHONPYCACHEPREFIX even where PYTHONDONTWRITEBYTECODE is set, which
would otherwise compile every archcode module from source on every run.
``--as-environment`` leaves the environment's bytecode settings alone.

    python bench/bench_startup.py                # 15 repetitions
    python bench/bench_startup.py --repeat 31
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SMALL = """\
name: hook
region: eu-west-1
resources:
  key: {kind: kms_key}
  vpc: {kind: vpc}
  a: {kind: subnet, vpc: vpc}
  b: {kind: subnet, vpc: vpc}
  sg: {kind: security_group, vpc: vpc}
  db: {kind: rds_instance, subnets: [a, b], security_groups: sg, storage_encrypted: false}
  fn: {kind: lambda_function, subnets: [a, b], security_groups: sg}
  bucket: {kind: s3_bucket, kms_key: key}
  queue: {kind: sqs_queue}
  table: {kind: dynamodb_table}
connections:
  - fn -> db
  - fn -> queue
"""

# What the `archcode` console script pip writes runs (setuptools' entry-point template), with
# this tree's sources on PYTHONPATH: `python -m archcode` would add runpy's own start-up.
CONSOLE_SCRIPT = """\
import re
import sys
from archcode.cli import run
sys.argv[0] = re.sub(r"(-script\\.pyw|\\.exe)?$", "", sys.argv[0])
sys.exit(run())
"""

TARGETS = {"archcode --help": 0.15, "archcode check (10 resources)": 0.25}


def timed(argv: list[str], env: dict[str, str], expect: tuple[int, ...]) -> tuple[float, float]:
    """Wall and CPU seconds of one run of argv in a fresh process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(argv, env=env, capture_output=True, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in expect:
        raise SystemExit(f"{' '.join(argv)}: exit {done.returncode}\n{done.stderr.decode()}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15, help="runs of each command")
    parser.add_argument(
        "--as-environment",
        action="store_true",
        help="honour PYTHONDONTWRITEBYTECODE (compile from source on every run, if set)",
    )
    args = parser.parse_args()
    src = str(Path(__file__).resolve().parents[1] / "src")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([src, os.environ.get("PYTHONPATH", "")])}
    with tempfile.TemporaryDirectory() as tmp:
        if not args.as_environment:
            env.pop("PYTHONDONTWRITEBYTECODE", None)
            env["PYTHONPYCACHEPREFIX"] = str(Path(tmp) / "pycache")
        small = Path(tmp) / "small.yaml"
        small.write_text(SMALL)
        cases: dict[str, tuple[list[str], tuple[int, ...]]] = {
            "python -c pass": ([sys.executable, "-c", "pass"], (0,)),
            "archcode --help": ([sys.executable, "-c", CONSOLE_SCRIPT, "--help"], (0,)),
            "archcode check (10 resources)": (
                [sys.executable, "-c", CONSOLE_SCRIPT, "check", str(small)],
                (1,),
            ),
        }
        walls: dict[str, list[float]] = {name: [] for name in cases}
        cpus: dict[str, list[float]] = {name: [] for name in cases}
        for argv, expect in cases.values():  # warm the file cache (and write the bytecode) once
            timed(argv, env, expect)
        for _ in range(args.repeat):
            for name, (argv, expect) in cases.items():
                wall, cpu = timed(argv, env, expect)
                walls[name].append(wall)
                cpus[name].append(cpu)
    base_wall = statistics.median(walls["python -c pass"])
    base_cpu = statistics.median(cpus["python -c pass"])
    load = os.getloadavg()[0]
    bytecode = "as the environment says" if args.as_environment else "cached bytecode"
    print(
        f"{args.repeat} runs each, medians; Python {sys.version.split()[0]}; "
        f"{os.cpu_count()} CPUs, load average {load:.1f}; {bytecode}"
    )
    print(f"{'command':32s} {'wall s':>8s} {'CPU s':>8s} {'+wall':>8s} {'+CPU':>8s} target")
    for name in cases:
        wall, cpu = statistics.median(walls[name]), statistics.median(cpus[name])
        target = TARGETS.get(name)
        verdict = ""
        if target is not None:
            met = "met" if wall - base_wall <= target else "missed"
            cpu_met = "met" if cpu - base_cpu <= target else "missed"
            verdict = f"+{target:.2f} s: {met} (CPU: {cpu_met})"
        print(
            f"{name:32s} {wall:8.3f} {cpu:8.3f} {wall - base_wall:+8.3f} {cpu - base_cpu:+8.3f} "
            f"{verdict}"
        )


if __name__ == "__main__":
    main()
