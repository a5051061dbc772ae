"""The report's diagram in headless Chromium: it fits its pane on opening, zooms, pans and
resets; a finding's row highlights its node; nothing reaches the network."""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright import sync_api as playwright
from tests.conftest import ROOT

from archcode.cli import main

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = ROOT / "test-artifacts"
VENDOR = ROOT / "src" / "archcode" / "reports" / "html" / "vendor"
EXAMPLE = ROOT / "examples" / "modern-serverless-app.yaml"


def test_the_vendored_pan_zoom_library_matches_its_recorded_checksum() -> None:
    readme = (VENDOR / "README.md").read_text()
    recorded = re.search(r"sha256 of `svg-pan-zoom.min.js` \| `([0-9a-f]{64})`", readme)
    assert recorded is not None
    actual = hashlib.sha256((VENDOR / "svg-pan-zoom.min.js").read_bytes()).hexdigest()
    assert actual == recorded.group(1)
    assert "Redistribution and use" in (VENDOR / "svg-pan-zoom.LICENSE").read_text()


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("report") / "report.html"
    assert main(["report", str(EXAMPLE), "-o", str(out)]) == 0
    return out


@pytest.fixture(scope="module")
def page(report: Path) -> Iterator[Any]:
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        tab = browser.new_page(viewport={"width": 1400, "height": 1000})
        problems: list[str] = []
        tab.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
        tab.on("pageerror", lambda exc: problems.append(str(exc)))
        requests: list[str] = []
        tab.on("request", lambda req: requests.append(req.url))
        tab.goto(report.as_uri())
        tab.wait_for_load_state("load")
        tab.problems = problems  # type: ignore[attr-defined]
        tab.requests = requests  # type: ignore[assignment,method-assign]
        yield tab
        browser.close()


def boxes(page: Any) -> dict[str, dict[str, float]]:
    """The pane's box and the drawn diagram's box (the pan-zoom viewport), in screen pixels."""
    found: dict[str, dict[str, float]] = page.evaluate(
        """() => {
            const r = (el) => { const b = el.getBoundingClientRect();
                return {left: b.left, top: b.top, width: b.width, height: b.height}; };
            return {pane: r(document.getElementById("diagram")),
                    drawn: r(document.querySelector("#diagram svg .svg-pan-zoom_viewport"))};
        }"""
    )
    return found


def test_the_whole_diagram_fits_the_pane_on_opening(page: Any) -> None:
    page.locator("#diagram").scroll_into_view_if_needed()
    found = boxes(page)
    pane, drawn = found["pane"], found["drawn"]
    assert pane["height"] > 400  # a real pane, not a strip
    slack = 2.0
    assert drawn["left"] >= pane["left"] - slack and drawn["top"] >= pane["top"] - slack
    assert drawn["left"] + drawn["width"] <= pane["left"] + pane["width"] + slack
    assert drawn["top"] + drawn["height"] <= pane["top"] + pane["height"] + slack
    # ... and fills most of its width or its height.
    assert max(drawn["width"] / pane["width"], drawn["height"] / pane["height"]) > 0.85
    ARTIFACTS.mkdir(exist_ok=True)
    page.locator("#diagram-section").screenshot(path=str(ARTIFACTS / "report-diagram-fit.png"))
    if os.environ.get("ARCHCODE_UPDATE_DOCS") == "1":  # the picture of docs/render.md
        page.locator("#diagram-section").screenshot(
            path=str(ROOT / "docs" / "images" / "report-diagram.png")
        )
    assert (ROOT / "docs" / "images" / "report-diagram.png").exists()
    assert page.problems == []


def in_pane(page: Any) -> dict[str, float]:
    """The drawn diagram's box relative to the pane (the page may scroll between readings)."""
    found = boxes(page)
    pane, drawn = found["pane"], found["drawn"]
    return {**drawn, "left": drawn["left"] - pane["left"], "top": drawn["top"] - pane["top"]}


def settled(page: Any) -> dict[str, float]:
    """The box once the view stops moving (a click right after a drag can land mid-frame)."""
    last = in_pane(page)
    for _ in range(20):
        page.wait_for_timeout(100)
        now = in_pane(page)
        if now == last:
            return now
        last = now
    return last


def test_zoom_pan_and_fit_change_the_view(page: Any) -> None:
    page.locator("#diagram").scroll_into_view_if_needed()
    start = in_pane(page)
    page.click("#zoom-in")
    page.click("#zoom-in")
    zoomed = boxes(page)["drawn"]
    assert zoomed["width"] > start["width"] * 1.25
    page.locator("#diagram").scroll_into_view_if_needed()
    zoomed = in_pane(page)
    pane = boxes(page)["pane"]
    x, y = pane["left"] + 40, pane["top"] + 40  # a corner: on the background, not a node
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x + 150, y + 80, steps=5)
    page.mouse.up()
    panned = in_pane(page)
    assert panned["left"] == pytest.approx(zoomed["left"] + 150, abs=3)
    assert panned["top"] == pytest.approx(zoomed["top"] + 80, abs=3)
    page.click("#zoom-reset")
    again = settled(page)
    for key in ("left", "top", "width", "height"):
        assert again[key] == pytest.approx(start[key], abs=2), (key, start, again)
    page.locator("#diagram").hover()
    page.mouse.wheel(0, -400)
    assert boxes(page)["drawn"]["width"] > again["width"]  # the wheel zooms too
    page.click("#zoom-reset")
    assert page.problems == []


def test_clicking_a_finding_highlights_and_centres_its_node(page: Any) -> None:
    row = page.locator('#findings-table tbody tr[data-resource="ingress_alb"]').first
    rid = row.get_attribute("data-resource")
    page.click("#zoom-in")
    page.click("#zoom-in")
    page.click("#zoom-in")
    row.locator("td").nth(4).click()
    highlighted = page.locator("#diagram g.node.selected")
    # The ALB runs in two zones: both its nodes are highlighted.
    assert highlighted.count() == 2
    assert set(highlighted.evaluate_all("gs => gs.map(g => g.dataset.resource)")) == {rid}
    assert page.locator("#diagram rect.highlight").count() == 2
    assert page.locator("#node-details h3").inner_text()
    pane = boxes(page)["pane"]
    node = highlighted.first.bounding_box()
    centre = (node["x"] + node["width"] / 2, node["y"] + node["height"] / 2)
    assert centre[0] == pytest.approx(pane["left"] + pane["width"] / 2, abs=5)
    assert centre[1] == pytest.approx(pane["top"] + pane["height"] / 2, abs=5)
    ARTIFACTS.mkdir(exist_ok=True)
    page.locator("#diagram-section").screenshot(path=str(ARTIFACTS / "report-finding-node.png"))
    page.click("#zoom-reset")
    assert page.problems == []


def test_nothing_reaches_the_network(page: Any) -> None:
    assert page.requests
    assert all(url.startswith(("file:", "data:")) for url in page.requests), page.requests
