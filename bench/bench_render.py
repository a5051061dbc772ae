"""How long `archcode render` takes: Mermaid at 1,000 and 10,000 resources, `dot` on the
largest example.

Reuses bench_load.py's synthetic architectures (VPCs, subnets, load balancers, Lambda, RDS, S3,
DynamoDB, SQS, IAM and their connections). For each size it prints the time to build the scene
(nesting), to write the Mermaid text (including the split into views that Mermaid's limits
force at these sizes), how many views came out, and their largest size. Then it times the
whole graphviz path (`diagrams` adapter, `dot -Tsvg` under its time limit, icon inlining) on
the example with the most resources.

    python bench/bench_render.py
    python bench/bench_render.py --sizes 1000,10000,30000
"""

from __future__ import annotations

import argparse
import platform
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_load import architecture_yaml

from archcode.collectors import load_architecture
from archcode.collectors.yaml_model import load_yaml_model
from archcode.renderers import mermaid, prepare, render

ROOT = Path(__file__).resolve().parent.parent
T = TypeVar("T")


def _timed(work: Callable[[], T]) -> tuple[float, T]:
    start = time.perf_counter()
    result = work()
    return time.perf_counter() - start, result


def bench_mermaid(size: int) -> None:
    arch = load_yaml_model(architecture_yaml(size), f"synthetic-{size}.yaml")
    scene_s, scene = _timed(lambda: prepare(arch, "infra"))
    views_s, views = _timed(lambda: mermaid.views(scene))
    biggest = max(views, key=lambda v: len(v.text))
    print(
        f"mermaid  {size:>7,} resources  scene {scene_s:7.3f}s  text+split {views_s:7.3f}s  "
        f"{len(scene.nodes):>6,} nodes {len(scene.edges):>6,} edges -> {len(views):>4} views "
        f"(largest {biggest.nodes} nodes, {biggest.edges} edges, {len(biggest.text):,} chars)"
    )


def bench_dot() -> None:
    examples = sorted((ROOT / "examples").glob("*.yaml"))
    if not examples:
        print("dot      no examples/*.yaml to draw")
        return
    archs = [(path, load_architecture(str(path))) for path in examples]
    path, arch = max(archs, key=lambda pair: len(pair[1].resources))
    scene = prepare(arch)
    seconds, result = _timed(lambda: render(scene, "svg"))
    size = len(result.content)
    print(
        f"dot      {path.name}: {len(arch.resources)} resources, {len(scene.nodes)} nodes, "
        f"{len(scene.edges)} edges -> SVG {size:,} bytes (icons inlined) in {seconds:.3f}s"
    )
    png_s, _ = _timed(lambda: render(scene, "png"))
    print(f"dot      {path.name}: PNG in {png_s:.3f}s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000", help="comma-separated resource counts")
    args = parser.parse_args()
    print(f"python {platform.python_version()} on {platform.machine()}")
    for size in (int(s) for s in args.sizes.split(",")):
        bench_mermaid(size)
    bench_dot()


if __name__ == "__main__":
    main()
