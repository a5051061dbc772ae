"""How long `archcode check` takes on big architectures, and how the time grows.

Reuses bench_load.py's synthetic architectures (a realistic mix of VPCs, subnets, security
groups, load balancers, Lambda, RDS, S3, DynamoDB, IAM and their connections). For each size it
times what `archcode check -f json` does: load (parse + validation + reference checks), every
built-in rule, findings (names, locations, fingerprints, waivers) and the JSON report; prints
those figures, the growth factor from the previous size, and the slowest rules (a quadratic
graph rule shows up there first).

    python bench/bench_check.py                        # 1,000 / 10,000 / 100,000 resources
    python bench/bench_check.py --sizes 1000,10000 --top 10
"""

from __future__ import annotations

import argparse
import gc
import os
import platform
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_load import architecture_yaml

from archcode.collectors import load_architecture
from archcode.reports.json_report import render_json
from archcode.rules.engine import evaluate
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=",".join(str(s) for s in DEFAULT_SIZES))
    parser.add_argument("--top", type=int, default=5, help="Slowest rules shown per size.")
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
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
