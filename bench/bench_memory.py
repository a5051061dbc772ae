"""Peak memory per resource of `archcode check`, for each input kind, and what holds it.

Writes one input per kind and size (bench_load's architecture as archcode YAML; the same
architecture as `discover` writes it, with ARNs, names, accounts and tags, as YAML and as JSON;
bench_iac's CloudFormation template as YAML and JSON; bench_formats' Terraform plan), then
checks each in a fresh interpreter the way `archcode check -f json` does (load, every rule,
findings, the JSON report) and prints the growth of peak resident memory over the same process
after imports and a warm-up check of a tiny file, per resource.

With ``--trace`` the child also runs tracemalloc and prints what is alive after each stage
(parse, validation, the graph, rules, report) and the traced peak: the breakdown of
bench/README.md.

    python bench/bench_memory.py                                  # every kind, 10,000
    python bench/bench_memory.py --kinds archcode --sizes 10000,100000
    python bench/bench_memory.py --kinds archcode,discovered --trace
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

HERE = Path(__file__).resolve().parent
DEFAULT_SIZES = (10_000,)
TARGET_KB = 4.0
TINY = """archcode: 1
name: warm-up
resources:
  fn: {kind: lambda_function, runtime: python3.12}
  queue: {kind: sqs_queue}
connections: [{from: fn, to: queue, protocol: https}]
"""


def _sibling(name: str) -> ModuleType:
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, HERE / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def _discovered(size: int) -> dict[str, Any]:
    """bench_load's architecture as discovery writes it: every resource with its ARN, a
    name, account, region and tags (written once where they are the document's)."""
    import yaml

    from archcode.collectors.aws.writer import to_yaml
    from archcode.collectors.yaml_model import load_yaml_model

    arch = load_yaml_model(str(_sibling("bench_load").architecture_yaml(size)), "bench.yaml")
    resources = {}
    for index, (rid, body) in enumerate(arch.resources.items()):
        account = "111122223333" if index % 3 else "444455556666"  # a merged organisation
        extra = {
            "arn": f"arn:aws:{body.kind.split('_')[0]}:us-east-1:{account}:{rid}",
            "name": rid,
            "account": account,
            "tags": {**body.tags, "Name": rid, "cost-center": f"cc-{index % 40}"},
        }
        resources[rid] = body.model_copy(update=extra)
    arch = arch.model_copy(update={"resources": resources})
    data: dict[str, Any] = yaml.load(to_yaml(arch), Loader=yaml.CSafeLoader)
    return data


def discovered_yaml(size: int) -> str:
    import yaml

    return str(yaml.dump(_discovered(size), Dumper=yaml.CSafeDumper, sort_keys=False, width=100))


def discovered_json(size: int) -> str:
    return json.dumps(_discovered(size), indent=1)


def _format(name: str) -> Callable[[int], str]:
    return lambda size: str(getattr(_sibling("bench_formats"), name)(size))


GENERATORS: dict[str, tuple[Callable[[int], str], str]] = {
    "archcode": (_format("archcode_yaml"), ".yaml"),
    "discovered": (discovered_yaml, ".yaml"),
    "discovered-json": (discovered_json, ".json"),
    "cloudformation-yaml": (_format("cloudformation_yaml"), ".yaml"),
    "cloudformation-json": (_format("cloudformation_json"), ".json"),
    "terraform": (_format("terraform_plan"), ".json"),
}


# --- the child: one check, measured -----------------------------------------------------------


def _rss_kib() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux


def _check(path: str, stage: Callable[[str], None]) -> int:
    """What `archcode check -f json -o FILE` does; ``stage`` is told when each step is done."""
    from datetime import date

    from archcode.collectors import load_architecture
    from archcode.io import write_output
    from archcode.reports.json_report import json_chunks
    from archcode.rules.engine import evaluate
    from archcode.rules.findings import CheckReport, to_findings
    from archcode.rules.registry import builtin_rules
    from archcode.rules.waivers import apply_waivers, model_waivers

    rules = list(builtin_rules().values())
    arch = load_architecture(path, diagnostics=[])
    stage("load")
    results = evaluate(arch, rules)
    stage("rules")
    findings = to_findings(arch, results, path)
    findings, warnings = apply_waivers(findings, model_waivers(arch, path), date.today())
    report = CheckReport(findings, rules, [path], warnings=tuple(warnings))
    stage("findings")
    with tempfile.TemporaryDirectory() as scratch:  # written as `check -f json -o` writes it
        write_output(os.path.join(scratch, "report.json"), json_chunks(report))
    stage("report")
    return len(arch.resources)


def measure(path: str, trace: bool) -> dict[str, Any]:
    os.environ.setdefault("ARCHCODE_MAX_INPUT_BYTES", str(1024 * 2**20))
    with tempfile.NamedTemporaryFile("w", suffix=".yaml", delete=False) as tiny:
        tiny.write(TINY)
    _check(tiny.name, lambda _: None)  # every lazy import done before the baseline
    os.unlink(tiny.name)
    baseline = _rss_kib()
    stages: dict[str, float] = {}
    if trace:
        import tracemalloc

        tracemalloc.start()

        def stage(name: str) -> None:
            current, peak = tracemalloc.get_traced_memory()
            stages[name] = current / 2**20
            stages[f"{name} peak"] = peak / 2**20
            tracemalloc.reset_peak()

    else:

        def stage(name: str) -> None:
            stages[name] = (_rss_kib() - baseline) / 1024

    cpu = time.process_time()
    count = _check(path, stage)
    return {
        "resources": count,
        "cpu_s": time.process_time() - cpu,
        "baseline_mib": baseline / 1024,
        "peak_mib": _rss_kib() / 1024,
        "kib_per_resource": (_rss_kib() - baseline) / count,
        "stages": stages,
    }


# --- the driver -------------------------------------------------------------------------------


def _child(path: Path, trace: bool) -> dict[str, Any]:
    command = [sys.executable, __file__, "--measure", str(path)] + (["--trace"] if trace else [])
    done = subprocess.run(command, check=True, stdout=subprocess.PIPE, text=True)
    figures: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--sizes", default=",".join(str(s) for s in DEFAULT_SIZES))
    parser.add_argument("--kinds", default=",".join(GENERATORS), help=", ".join(GENERATORS))
    parser.add_argument("--trace", action="store_true", help="tracemalloc breakdown by stage")
    parser.add_argument("--keep", help="write the inputs to this directory and keep them")
    parser.add_argument("--measure", help=argparse.SUPPRESS)  # the child's job
    parser.add_argument("--write", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.measure:
        print(json.dumps(measure(args.measure, args.trace)))
        return 0
    if args.write:
        kind, size, path = args.write
        Path(path).write_text(GENERATORS[kind][0](int(size)), encoding="utf-8")
        return 0
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s]
    kinds = [k for k in args.kinds.split(",") if k]
    unit = "MiB traced, alive after" if args.trace else "MiB RSS growth after"
    print(f"archcode check -f json, fresh interpreter each; load average {os.getloadavg()[0]:.1f}")
    print(
        f"{'input':<20} {'resources':>9} {'input MB':>8} {'base MiB':>8} {'peak MiB':>8} "
        f"{'KiB/res':>7} {'cpu s':>6}  {unit} each stage"
    )
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(args.keep or scratch)
        folder.mkdir(parents=True, exist_ok=True)
        for kind in kinds:
            for size in sizes:
                path = folder / f"memory-{kind}-{size}{GENERATORS[kind][1]}"
                if not path.exists():  # written by a child: this process stays small
                    command = [sys.executable, __file__, "--write", kind, str(size), str(path)]
                    subprocess.run(command, check=True)
                row = _child(path, args.trace)
                stages = ", ".join(f"{k} {v:.0f}" for k, v in row["stages"].items())
                print(
                    f"{kind:<20} {row['resources']:>9,} {path.stat().st_size / 1e6:>8.1f} "
                    f"{row['baseline_mib']:>8.0f} {row['peak_mib']:>8.0f} "
                    f"{row['kib_per_resource']:>7.1f} {row['cpu_s']:>6.1f}  {stages}",
                    flush=True,
                )
    print(
        "KiB/res = (peak RSS - RSS after imports and a warm-up check) / resources; target "
        f"(issue 17): {TARGET_KB:.0f} KiB. With --trace, KiB/res includes tracemalloc's own cost."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
