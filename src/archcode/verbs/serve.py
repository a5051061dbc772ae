"""`archcode serve`: a live preview on 127.0.0.1, drawn again each time the model is saved."""

from __future__ import annotations

import sys
from pathlib import Path

from archcode.cli import InputFormat, app, argument, option
from archcode.errors import UsageError

WHAT = ("report", "diagram")


@app.command(
    argument("path", "The architecture file (or folder) to watch.", metavar="PATH"),
    option("--port", type=int, default=8000, help="Port on 127.0.0.1 (0: any free port)."),
    option(
        "--show",
        dest="what",
        default="report",
        help="report (default: the HTML report) or diagram (SVG).",
    ),
    option("--view", default="auto", help="The diagram's view (see render)."),
    InputFormat,
    option("--rules", repeat=True, metavar="FILE", help="Custom rules file; may be repeated."),
    option("--waivers", repeat=True, metavar="FILE", help="Waivers file; may be repeated."),
)
def serve(
    path: str,
    port: int,
    what: str,
    view: str,
    input_format: str,
    rules: list[str] | None,
    waivers: list[str] | None,
) -> None:
    """Serve the report (or the diagram) on 127.0.0.1 and redraw it on every save; the page in
    the browser refreshes by itself. A model with errors shows its located errors. Ctrl-C stops."""
    from archcode.reports.html.live import LivePage
    from archcode.reports.html.live import serve as run_server

    if what not in WHAT:
        raise UsageError(f"--show {what!r}: choose report or diagram")
    if not 0 <= port <= 65535:
        raise UsageError(f"--port {port}: choose 0 to 65535")
    if view not in ("auto", "infra", "layers"):
        raise UsageError(f"--view {view!r}: serve draws auto, infra or layers")
    if path == "-" or not Path(path).exists():
        raise UsageError(f"{path}: serve watches a file or folder that exists")
    rules, waivers = rules or [], waivers or []

    def report() -> str:
        from archcode.collectors import load_architecture
        from archcode.cost import estimate
        from archcode.reports.html import render_html_report
        from archcode.rules.checking import check_loaded

        arch = load_architecture(path, input_format)
        check = check_loaded([(path, arch)], rules_files=rules, waivers_files=waivers)
        return render_html_report(arch, check, estimate(arch))

    def diagram() -> str:
        import html

        from archcode.collectors import load_architecture
        from archcode.renderers import prepare, render
        from archcode.renderers.views import default_direction

        arch = load_architecture(path, input_format)
        scene = prepare(arch, view)
        svg = str(render(scene, "svg", default_direction(scene.view)).content)
        start = svg.find("<svg")
        return (
            '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
            '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
            "img-src data:; style-src 'unsafe-inline'\">"
            f"<title>{html.escape(arch.name)}</title>"
            "<style>svg{max-width:100%;height:auto}</style></head><body>"
            f"{svg[start:] if start >= 0 else svg}</body></html>"
        )

    page = LivePage(Path(path).name, report if what == "report" else diagram)
    watched = [Path(path), *(Path(f) for f in [*rules, *waivers])]
    run_server(page, watched, port, lambda note: print(f"archcode: {note}", file=sys.stderr))
