"""Make Graphviz SVG self-contained: icons inlined as data: URIs, no file paths left.

Graphviz writes ``<image xlink:href="/path/to/site-packages/diagrams/resources/...png">`` and
will not accept ``data:`` URIs as input, so the SVG is rewritten after `dot` (the fix
terravision and AWS-CloudFormation-Diagrams use). Only files inside the diagrams icon folder
are read; any other reference is dropped rather than followed.
"""

from __future__ import annotations

import base64
import re
from functools import cache
from pathlib import Path

from archcode.renderers.diagrams_adapter import icons_dir

_HREF = re.compile(r'(xlink:href|href)="([^"]*)"')
_MIME = {".png": "image/png", ".svg": "image/svg+xml", ".jpg": "image/jpeg", ".jpeg": "image/jpeg"}


@cache
def _data_uri(path: Path) -> str:
    mime = _MIME.get(path.suffix.lower(), "application/octet-stream")
    return f"data:{mime};base64," + base64.b64encode(path.read_bytes()).decode("ascii")


def _icon_file(href: str) -> Path | None:
    root = icons_dir().resolve()
    candidate = Path(href)
    if not candidate.is_absolute():
        candidate = root / candidate
    try:
        resolved = candidate.resolve()
    except OSError:
        return None
    if resolved.is_relative_to(root) and resolved.is_file():
        return resolved
    return None


def inline_icons(svg: str) -> str:
    """The SVG with every icon reference replaced by its data: URI."""

    def replace(match: re.Match[str]) -> str:
        attribute, href = match.groups()
        if href.startswith(("data:", "#")):
            return match.group(0)
        found = _icon_file(href)
        return f'{attribute}="{_data_uri(found)}"' if found is not None else f'{attribute}=""'

    return _HREF.sub(replace, svg)
