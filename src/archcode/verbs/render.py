"""`archcode render`: draw an architecture as Mermaid (default), a Graphviz image or an
editable diagrams.net (draw.io) file."""

from __future__ import annotations

import sys

from archcode.cli import InputFormat, Output, app, argument, option
from archcode.errors import UsageError, shown

VIEW_HELP = (
    "auto (layers when resources carry a `layer` tag, else infra), infra (account > region > VPC > "
    "zone > subnet), layers (one box per layer), findings (resources with failed checks and "
    "their neighbours), region:NAME or vpc:ID (one part and its neighbours)."
)


@app.command(
    argument(
        "paths",
        "The architecture (- reads standard input); with --diff: BASE HEAD.",
        "+",
        "PATH",
    ),
    option(
        "--format",
        "-f",
        dest="fmt",
        default="mermaid",
        help="mermaid (default), svg, png, dot or drawio (diagrams.net).",
    ),
    Output,
    option("--direction", help="LR or TB (default: TB for layers, else LR)."),
    option("--view", default="auto", help=VIEW_HELP),
    option("--with-findings", flag=True, help="Colour nodes by their worst finding."),
    option("--with-cost", flag=True, help="Show monthly cost per node, subtotal per box."),
    option(
        "--relations",
        default="auto",
        help="References drawn as dashed edges besides data flows: all, traffic (no roles, "
        "keys, logs), none; default: all for layers, traffic for infra.",
    ),
    option("--diff", flag=True, help="Draw BASE and HEAD as one diagram, changes marked."),
    InputFormat,
    option(
        "--rules",
        repeat=True,
        metavar="FILE",
        help="Custom rules file for --with-findings; may be repeated.",
    ),
    option(
        "--waivers",
        repeat=True,
        metavar="FILE",
        help="Waivers file for --with-findings; may be repeated.",
    ),
)
def render(
    paths: list[str],
    fmt: str,
    output: str | None,
    direction: str | None,
    view: str,
    with_findings: bool,
    with_cost: bool,
    relations: str,
    diff: bool,
    input_format: str,
    rules: list[str] | None,
    waivers: list[str] | None,
) -> None:
    """Draw an architecture: Mermaid text to standard output, or an SVG/PNG/DOT file."""
    from archcode.collectors import load_architecture
    from archcode.renderers import DIRECTIONS, FORMATS, prepare
    from archcode.renderers import render as draw
    from archcode.renderers.overlays import cost_overlay, diff_models, findings_overlay
    from archcode.renderers.views import VIEWS, default_direction, parts_view

    fmt = fmt.lower()
    if fmt not in FORMATS:
        raise UsageError(f"--format {fmt!r}: choose one of {', '.join(FORMATS)}")
    if direction is not None and direction.upper() not in DIRECTIONS:
        raise UsageError(f"--direction {direction!r}: choose LR or TB")
    if len(paths) != (2 if diff else 1):
        raise UsageError("--diff takes two models: BASE HEAD" if diff else "give one model")
    if fmt == "png" and output is None and sys.stdout.isatty():
        raise UsageError("--format png writes binary data: give -o FILE or redirect the output")
    findings_only = view == "findings"
    base_view, part = view.split(":", 1) if ":" in view else (view, None)
    if findings_only:
        base_view = "auto"
    elif base_view not in (*VIEWS, "region", "vpc") or (part is None) != (base_view in VIEWS):
        raise UsageError(f"--view {view!r}: {VIEW_HELP}")

    edge_status = None
    overlays = []
    if diff:
        base = load_architecture(paths[0], input_format)
        head = load_architecture(paths[1], input_format)
        arch, status, edge_status = diff_models(base, head)
        overlays.append(status)
    else:
        arch = load_architecture(paths[0], input_format)
    if with_findings or findings_only:
        from archcode.rules.checking import check_loaded

        # The verdicts `check` reaches with the same rules and waivers (in-model ones included).
        check = check_loaded(
            [(paths[-1], arch)], rules_files=rules or [], waivers_files=waivers or []
        )
        overlays.append(findings_overlay(check))
    elif rules or waivers:
        raise UsageError("--rules and --waivers colour findings: add --with-findings")
    if with_cost:
        overlays.append(cost_overlay(arch))

    if part is not None:
        whole = prepare(arch, "infra", tuple(overlays), edge_status, relations=relations)
        scene = parts_view(whole, base_view, part)
    else:
        scene = prepare(arch, base_view, tuple(overlays), edge_status, findings_only, relations)
    markdown = fmt == "mermaid" and output is not None and output.lower().endswith(".md")
    rankdir = direction.upper() if direction else default_direction(scene.view)
    result = draw(scene, fmt, rankdir, markdown)
    for note in result.notes:
        print(f"archcode: {shown(note)}", file=sys.stderr)
    from archcode.io import write_output

    write_output(output, result.content)
