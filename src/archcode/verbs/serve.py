"""`archcode serve`: a live preview on 127.0.0.1, drawn again each time the model is saved."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from archcode.cli import InputFormat, app
from archcode.errors import UsageError

WHAT = ("report", "diagram")


@app.command()
def serve(
    path: Annotated[str, typer.Argument(help="The architecture file (or folder) to watch.")],
    port: Annotated[
        int, typer.Option("--port", help="Port on 127.0.0.1 (0: any free port).")
    ] = 8000,
    what: Annotated[
        str, typer.Option("--show", help="report (default: the HTML report) or diagram (SVG).")
    ] = "report",
    view: Annotated[str, typer.Option("--view", help="The diagram's view (see render).")] = "auto",
    input_format: InputFormat = "auto",
    rules: Annotated[
        list[str] | None, typer.Option("--rules", help="Custom rules file; may be repeated.")
    ] = None,
    waivers: Annotated[
        list[str] | None, typer.Option("--waivers", help="Waivers file; may be repeated.")
    ] = None,
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
    run_server(page, watched, port, lambda note: typer.echo(f"archcode: {note}", err=True))
