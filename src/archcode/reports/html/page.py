"""Assemble the self-contained page: Jinja2 with autoescape, CSS and JS inlined, data as JSON.

A Content-Security-Policy allows only the report's own script (by hash) and data: images, so
even a name that escaped escaping could run nothing and the page never reaches the network.
"""

from __future__ import annotations

import base64
import hashlib
import json
from dataclasses import asdict
from datetime import UTC, datetime
from importlib.resources import files

import jinja2
from markupsafe import Markup

from archcode import __version__
from archcode.audit.compare import RunChanges
from archcode.cost import CostReport
from archcode.model.architecture import Architecture
from archcode.renderers.overlays import findings_overlay
from archcode.reports.html.data import build_report_data
from archcode.reports.html.diagram import diagram_svg
from archcode.rules.findings import CheckReport

_HERE = files("archcode.reports.html")


def _json_island(value: object) -> Markup:
    # Inside <script type="application/json">: nothing may close the element or open a comment.
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
    for raw, safe in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(raw, safe)
    return Markup(text)


def render_html_report(
    arch: Architecture,
    check: CheckReport,
    cost: CostReport,
    generated: datetime | None = None,
    changes: RunChanges | None = None,
) -> str:
    """The page; ``changes`` (an audit's comparison with its previous run) adds a section."""
    data = build_report_data(arch, check, cost)
    diagram = diagram_svg(arch, (findings_overlay(check),))
    script = _HERE.joinpath("report.js").read_text(encoding="utf-8")
    panzoom = _HERE.joinpath("vendor", "svg-pan-zoom.min.js").read_text(encoding="utf-8")
    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)
    template = env.from_string(_HERE.joinpath("report.html.j2").read_text(encoding="utf-8"))
    island = {**asdict(data), "node_ids": diagram.node_ids}
    return template.render(
        d=data,
        css=Markup(_HERE.joinpath("report.css").read_text(encoding="utf-8")),
        script=Markup(script),
        panzoom=Markup(panzoom),
        script_hashes=" ".join(f"'{_sha256(text)}'" for text in (panzoom, script)),
        data_json=_json_island(island),
        svg=Markup(_strip_xml_prolog(diagram.svg)),
        notes=diagram.notes,
        generated=(generated or datetime.now(UTC)).strftime("%Y-%m-%d %H:%M UTC"),
        version=__version__,
        changes=changes,
    )


def _sha256(text: str) -> str:
    """A CSP source for one inline script: only scripts with these hashes may run."""
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode()


def _strip_xml_prolog(svg: str) -> str:
    # The XML declaration and DOCTYPE are not allowed inside an HTML document.
    start = svg.find("<svg")
    return svg[start:] if start >= 0 else svg
