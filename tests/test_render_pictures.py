"""Pictures a reviewer can open: every example drawn as PNG, SVG, Mermaid (rendered by mermaid.js
in Chromium) and draw.io into test-artifacts/, and the pictures of docs/render.md, one per view.

The docs pictures are written to docs/images/ only when ARCHCODE_UPDATE_DOCS=1 (so that a test
run does not rewrite tracked files); otherwise the test checks that each picture the docs show
exists and is a PNG drawn from the current code's scene of that view.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from tests.conftest import EXAMPLES, ROOT

from archcode.collectors import load_architecture
from archcode.renderers import mermaid, prepare, render
from archcode.renderers.diagrams_adapter import icons_dir, to_dot
from archcode.renderers.graphviz_run import dot_binary
from archcode.renderers.overlays import findings_overlay
from archcode.renderers.scene import Scene
from archcode.renderers.views import default_direction
from archcode.rules.checking import check_loaded

ARTIFACTS = ROOT / "test-artifacts"
DOCS_IMAGES = ROOT / "docs" / "images"
MERMAID_JS = ROOT / "tests" / "vendor" / "mermaid" / "mermaid.min.js"
PNG = b"\x89PNG\r\n\x1a\n"

# docs/render.md: one picture per view.
DOCS_PICTURES = {
    "render-infra.png": ("serverless-django", "infra"),
    "render-layers.png": ("aws-layered-map", "layers"),
    "render-findings.png": ("modern-serverless-app", "findings"),
}


def with_findings(path: Path, view: str = "auto") -> Scene:
    arch = load_architecture(str(path))
    check = check_loaded([(str(path), arch)])
    findings_only = view == "findings"
    return prepare(
        arch, "auto" if findings_only else view, (findings_overlay(check),), None, findings_only
    )


def small_png(scene: Scene, dpi: int) -> bytes:
    """The picture at a lower resolution than `render` uses: enough to read in the docs."""
    source, _notes = to_dot(scene, default_direction(scene.view))
    done = subprocess.run(
        [dot_binary(), "-Tpng", f"-Gdpi={dpi}"],
        input=source.encode(),
        capture_output=True,
        cwd=icons_dir(),
        check=True,
        timeout=120,
    )
    return done.stdout


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_every_example_is_drawn_into_the_artifacts(path: Path) -> None:
    scene = with_findings(path)
    ARTIFACTS.mkdir(exist_ok=True)
    direction = default_direction(scene.view)
    png = render(scene, "png", direction).content
    assert isinstance(png, bytes) and png.startswith(PNG)
    (ARTIFACTS / f"{path.stem}.png").write_bytes(png)
    svg = render(scene, "svg", direction).content
    assert isinstance(svg, str) and "<svg" in svg
    (ARTIFACTS / f"{path.stem}.svg").write_text(svg)
    (ARTIFACTS / f"{path.stem}.mmd").write_text(mermaid.render(scene, direction))


@pytest.fixture(scope="module")
def browser_page() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path="/usr/bin/chromium",
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        tab = browser.new_page(viewport={"width": 1600, "height": 1200})
        tab.set_content("<!doctype html><html><body><div id='out'></div></body></html>")
        tab.add_script_tag(path=str(MERMAID_JS))
        tab.evaluate("mermaid.initialize({startOnLoad: false, securityLevel: 'strict'})")
        yield tab
        browser.close()


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_every_example_mermaid_is_rendered_into_the_artifacts(
    browser_page: Any, path: Path
) -> None:
    scene = with_findings(path)
    text = mermaid.render(scene, default_direction(scene.view))
    svg = browser_page.evaluate(
        "async (src) => { const {svg} = await mermaid.render('pic', src);"
        " document.getElementById('out').innerHTML = svg; return svg; }",
        text,
    )
    assert "Syntax error" not in svg
    ARTIFACTS.mkdir(exist_ok=True)
    browser_page.locator("#out svg").screenshot(path=str(ARTIFACTS / f"{path.stem}-mermaid.png"))
    if path.stem == "serverless-django" and os.environ.get("ARCHCODE_UPDATE_DOCS") == "1":
        DOCS_IMAGES.mkdir(exist_ok=True)
        browser_page.locator("#out svg").screenshot(path=str(DOCS_IMAGES / "render-mermaid.png"))


@pytest.mark.parametrize("name", sorted(DOCS_PICTURES))
def test_the_docs_show_one_picture_per_view(name: str) -> None:
    stem, view = DOCS_PICTURES[name]
    scene = with_findings(ROOT / "examples" / f"{stem}.yaml", view)
    assert scene.view.startswith("infra" if view == "findings" else view)
    picture = small_png(scene, 42)
    assert picture.startswith(PNG)
    target = DOCS_IMAGES / name
    if os.environ.get("ARCHCODE_UPDATE_DOCS") == "1":
        DOCS_IMAGES.mkdir(exist_ok=True)
        target.write_bytes(picture)
    assert target.read_bytes().startswith(PNG), f"run with ARCHCODE_UPDATE_DOCS=1 to draw {name}"
    assert f"images/{name}" in (ROOT / "docs" / "render.md").read_text()
