"""How long `archcode check` takes on big architectures, and how the time grows.

Reuses bench_load.py's synthetic architectures (a realistic mix of VPCs, subnets, security
groups, load balancers, Lambda, RDS, S3, DynamoDB, IAM and their connections). For each size it
times what `archcode check -f json` does: load (parse + validation + reference checks), every
built-in rule, findings (names, locations, fingerprints, waivers) and the JSON report; prints
those figures, the growth factor from the previous size, and the slowest rules (a quadratic
graph rule shows up there first).

    python bench/bench_check.py                        # 1,000 / 10,000 / 100,000 resources
    python bench/bench_check.py --sizes 1000,10000 --top 10
    python bench/bench_check.py --sizes 10000 --accounts 10   # + 10 accounts x 1,000

With ``--accounts N`` (default 10; 0: skip) it also spreads the largest size up to 10,000 over
N accounts (consecutive resources, so a VPC cut by an account boundary gives a few cross-account
references) and times the rules three ways: per-account rules one account at a time (what
`check` does), every rule over the whole model (the reference), and the accounts' parts on a
thread pool of 2 (``evaluate_account``), checking that all three give the same results.
"""

from __future__ import annotations

import argparse
import gc
import os
import platform
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from datetime import date
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_load import architecture_yaml

from archcode.collectors import load_architecture
from archcode.reports.json_report import render_json
from archcode.rules.base import AccountScope
from archcode.rules.context import AccountContext, account_parts
from archcode.rules.engine import Result, evaluate, evaluate_account
from archcode.rules.findings import CheckReport, to_findings
from archcode.rules.registry import builtin_rules
from archcode.rules.waivers import apply_waivers, model_waivers

DEFAULT_SIZES = (1_000, 10_000, 100_000)
TARGET_SIZE, TARGET_SECONDS = 10_000, 5.0


def measure(path: Path) -> tuple[dict[str, float], dict[str, float]]:
    """Seconds per stage of one check, and seconds per rule."""
    rules = list(builtin_rules().values())
    gc.collect()
    stages: dict[str, float] = {}
    timings: dict[str, float] = {}
    cpu = time.process_time()
    started = time.perf_counter()
    arch = load_architecture(str(path))
    stages["load"] = time.perf_counter() - started

    mark = time.perf_counter()
    results = evaluate(arch, rules, timings)
    stages["rules"] = time.perf_counter() - mark

    mark = time.perf_counter()
    findings = to_findings(arch, results, str(path))
    findings, warnings = apply_waivers(findings, model_waivers(arch, str(path)), date.today())
    report = CheckReport(findings, rules, [str(path)], warnings=tuple(warnings))
    stages["findings"] = time.perf_counter() - mark

    mark = time.perf_counter()
    text = render_json(report)
    stages["json"] = time.perf_counter() - mark
    stages["total"] = time.perf_counter() - started
    # CPU seconds too: on a shared machine wall time also measures the neighbours.
    stages["cpu"] = time.process_time() - cpu
    stages["results"] = float(len(results))
    stages["reported"] = float(len(report.reported))
    stages["json_mb"] = len(text) / 1e6
    return stages, timings


def spread_yaml(text: str, accounts: int) -> str:
    """The same architecture with its resources spread over ``accounts`` accounts, in order."""
    data = yaml.load(text, Loader=yaml.CSafeLoader)
    per = -(-len(data["resources"]) // accounts)
    for index, body in enumerate(data["resources"].values()):
        body["account"] = f"{100000000000 + index // per:012d}"
    return str(yaml.dump(data, Dumper=yaml.CSafeDumper, sort_keys=False))


def _rows(results: list[Result]) -> list[tuple[object, ...]]:
    return [(r.rule.id, r.outcome, r.message, r.resource, r.path, r.account) for r in results]


def measure_accounts(path: Path) -> dict[str, float]:
    """Rules time of one multi-account model, per account / whole model / parts on threads."""
    arch = load_architecture(str(path))
    rules = list(builtin_rules().values())
    whole = [replace(r, account_scope=AccountScope.CROSS_ACCOUNT) for r in rules]
    figures: dict[str, float] = {}
    peeked: set[tuple[str, str]] = set()
    gc.collect()
    mark = time.process_time()
    split = evaluate(arch, rules, peeked=peeked)
    figures["per_account"] = time.process_time() - mark
    figures["deferred"] = float(len(peeked))
    gc.collect()
    mark = time.process_time()
    reference = evaluate(arch, whole)
    figures["whole"] = time.process_time() - mark
    if _rows(split) != _rows(reference):
        raise SystemExit("per-account results differ from the whole model's")
    # The parts alone (no cross-account rules, no deferred resources), serially and on threads.
    per_account = [r for r in rules if r.account_scope is AccountScope.PER_ACCOUNT]
    parts = [AccountContext(arch, a, own) for a, own in account_parts(arch).items()]
    gc.collect()
    mark = time.perf_counter()
    for part in parts:
        evaluate_account(part, per_account)
    figures["parts_serial_wall"] = time.perf_counter() - mark
    parts = [AccountContext(arch, a, own) for a, own in account_parts(arch).items()]
    gc.collect()
    mark = time.perf_counter()
    with ThreadPoolExecutor(2) as pool:
        list(pool.map(lambda part: evaluate_account(part, per_account), parts))
    figures["parts_threads_wall"] = time.perf_counter() - mark
    figures["results"] = float(len(split))
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=",".join(str(s) for s in DEFAULT_SIZES))
    parser.add_argument("--top", type=int, default=5, help="Slowest rules shown per size.")
    parser.add_argument(
        "--accounts", type=int, default=10, help="Accounts of the multi-account run (0: none)."
    )
    args = parser.parse_args(argv)
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    print(
        f"archcode check: {len(builtin_rules())} rules; python {platform.python_version()}, "
        f"{os.cpu_count()} CPUs"
    )
    header = (
        f"{'resources':>10} {'load s':>8} {'rules s':>8} {'findings s':>10} {'json s':>7} "
        f"{'total s':>8} {'cpu s':>6} {'growth':>7} {'results':>9} {'reported':>9} {'json MB':>8}"
    )
    print(header)
    previous: float | None = None
    verdict = ""
    slowest: list[tuple[int, list[tuple[str, float]]]] = []
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            path = Path(tmp) / f"synthetic-{size}.yaml"
            path.write_text(architecture_yaml(size))
            stages, timings = measure(path)
            growth = f"x{stages['total'] / previous:.1f}" if previous else "-"
            previous = stages["total"]
            print(
                f"{size:>10,} {stages['load']:>8.2f} {stages['rules']:>8.2f} "
                f"{stages['findings']:>10.2f} {stages['json']:>7.2f} {stages['total']:>8.2f} "
                f"{stages['cpu']:>6.2f} "
                f"{growth:>7} {int(stages['results']):>9,} {int(stages['reported']):>9,} "
                f"{stages['json_mb']:>8.1f}",
                flush=True,
            )
            top = sorted(timings.items(), key=lambda item: -item[1])[: args.top]
            slowest.append((size, top))
            if size == TARGET_SIZE:
                ok = stages["total"] < TARGET_SECONDS
                verdict = (
                    f"target: {TARGET_SIZE:,} resources in under {TARGET_SECONDS:.0f} s: "
                    f"{'met' if ok else 'MISSED'} ({stages['total']:.2f} s)"
                )
    for size, top in slowest:
        shown = ", ".join(f"{rule} {seconds:.3f}s" for rule, seconds in top)
        print(f"slowest rules at {size:,}: {shown}")
    if verdict:
        print(verdict)
    if args.accounts > 1:
        size = min(max(sizes), TARGET_SIZE)
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "accounts.yaml"
            path.write_text(spread_yaml(architecture_yaml(size), args.accounts))
            f = measure_accounts(path)
        print(
            f"{args.accounts} accounts x {size // args.accounts:,} resources, rules CPU s: "
            f"per account {f['per_account']:.2f}, whole model {f['whole']:.2f} (same "
            f"{int(f['results']):,} results; {int(f['deferred'])} resource checks deferred to "
            f"the whole model); per-account rules on the parts, wall s: serial "
            f"{f['parts_serial_wall']:.2f}, 2 threads {f['parts_threads_wall']:.2f}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
