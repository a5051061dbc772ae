"""Running Graphviz `dot` on our DOT source: a time limit, then a simpler layout, then an error.

`dot` can take minutes on dense graphs (`curved` splines, many crossings); a CLI that hangs in CI
is worse than a plainer picture. Big graphs go straight to the simple layout.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable

from archcode.errors import UsageError
from archcode.renderers.diagrams_adapter import icons_dir

DEFAULT_TIMEOUT_S = 60.0
# Past this many nodes the full layout is rarely readable and often slow.
SIMPLE_ABOVE_NODES = 400


def timeout_s() -> float:
    value = os.environ.get("ARCHCODE_DOT_TIMEOUT")
    try:
        return float(value) if value else DEFAULT_TIMEOUT_S
    except ValueError:
        return DEFAULT_TIMEOUT_S


def dot_binary() -> str:
    found = shutil.which("dot")
    if found is None:
        raise UsageError(
            "Graphviz `dot` is not installed (Debian: apt-get install graphviz); "
            "--format mermaid needs no Graphviz"
        )
    return found


def run_dot(source: str, fmt: str, timeout: float | None = None) -> bytes:
    """`dot -T<fmt>` on the source; raises TimeoutError when it runs out of time."""
    command = [dot_binary(), f"-T{fmt}"]
    try:
        done = subprocess.run(
            command,
            input=source.encode(),
            capture_output=True,
            timeout=timeout if timeout is not None else timeout_s(),
            cwd=icons_dir(),
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise TimeoutError from None
    if done.returncode != 0:
        message = done.stderr.decode(errors="replace").strip().splitlines()
        raise RuntimeError(f"dot failed: {message[-1] if message else done.returncode}")
    return done.stdout


def render_image(
    build: Callable[[bool], str], fmt: str, nodes: int, notes: list[str]
) -> tuple[str, bytes]:
    """(DOT used, image bytes). ``build(simple)`` makes the DOT source for either layout."""
    limit = timeout_s()
    if nodes <= SIMPLE_ABOVE_NODES:
        source = build(False)
        try:
            return source, run_dot(source, fmt, limit)
        except TimeoutError:
            notes.append(f"dot took over {limit:g}s; drawn again with the simple layout")
    else:
        notes.append(f"{nodes} nodes: drawn with the simple layout (straight edges, no labels)")
    source = build(True)
    try:
        return source, run_dot(source, fmt, limit)
    except TimeoutError:
        raise UsageError(
            f"dot did not finish within {limit:g}s even with the simple layout; draw a part "
            "with --view, or raise ARCHCODE_DOT_TIMEOUT"
        ) from None
