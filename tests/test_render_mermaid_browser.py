"""archcode's Mermaid, parsed and rendered by the real mermaid.js in Debian's headless Chromium.

Offline: mermaid.min.js is vendored under tests/vendor/mermaid (version and checksum in its
README) and Chromium is the system one (Debian package `chromium`), driven by Playwright, which
never downloads a browser here. Every example and the hostile fixture must parse, render, and
show every resource name as its own text; no script in a name may run.
"""

from __future__ import annotations

import hashlib
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from tests.conftest import EXAMPLES

from archcode.collectors import load_architecture
from archcode.model.architecture import Architecture
from archcode.model.registry import BY_KIND
from archcode.renderers import mermaid, prepare
from archcode.renderers.mermaid_text import Ids
from archcode.renderers.scene import Decoration, Scene
from archcode.renderers.views import default_direction

HERE = Path(__file__).resolve().parent
VENDOR = HERE / "vendor" / "mermaid"
FIXTURES = HERE / "fixtures" / "render"
MODELS = [*EXAMPLES, *sorted(FIXTURES.glob("*.yaml"))]
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]

# Renders one diagram and reads back what a person sees: node, cluster and edge label texts
# (a <br> read as a newline), plus whether anything in the page tried to run.
RENDER_JS = """
async ([src, id]) => {
  const out = {error: null, nodes: {}, fills: {}, clusters: {}, edgeLabels: [], svg: ''};
  try {
    await mermaid.parse(src);
    const {svg} = await mermaid.render(id, src);
    out.svg = svg;
    const holder = document.createElement('div');
    holder.innerHTML = svg;          // as a page embedding the diagram would
    document.body.appendChild(holder);
    const text = (el) => {
      const copy = el.cloneNode(true);
      copy.querySelectorAll('br').forEach((br) => br.replaceWith('\\n'));
      return copy.textContent;
    };
    holder.querySelectorAll('g.node').forEach((g) => {
      const label = g.querySelector('.nodeLabel') || g.querySelector('.label');
      out.nodes[g.id] = label ? text(label) : '';
      const shape = g.querySelector('rect, path, polygon, circle');
      out.fills[g.id] = shape ? getComputedStyle(shape).fill : '';
    });
    holder.querySelectorAll('g.cluster').forEach((g) => {
      const label = g.querySelector('.nodeLabel') || g.querySelector('.cluster-label');
      out.clusters[g.id] = label ? text(label) : '';
    });
    holder.querySelectorAll('g.edgeLabel').forEach((g) => {
      const t = text(g);
      if (t) out.edgeLabels.push(t);
    });
  } catch (e) {
    out.error = String(e && e.message || e);
  }
  out.dangerous = [...document.body.querySelectorAll('*')]
    .filter((el) => /^(script|iframe|object|embed|img|a)$/i.test(el.tagName)
      || [...el.attributes].some((a) => /^on/i.test(a.name) || /javascript:/i.test(a.value)))
    .map((el) => el.outerHTML.slice(0, 200));
  await new Promise((r) => setTimeout(r, 50));  // let any injected handler fire
  out.pwned = window.__pwned;
  out.scripts = document.querySelectorAll('script:not([data-vendored])').length;
  return out;
}
"""


def _vendored_checksum() -> str:
    readme = (VENDOR / "README.md").read_text()
    found = re.search(r"sha256 of `mermaid.min.js` \| `([0-9a-f]{64})`", readme)
    assert found, "tests/vendor/mermaid/README.md must record the sha256 of mermaid.min.js"
    return found.group(1)


def test_the_vendored_mermaid_is_the_recorded_one() -> None:
    digest = hashlib.sha256((VENDOR / "mermaid.min.js").read_bytes()).hexdigest()
    assert digest == _vendored_checksum()


@pytest.fixture(scope="module")
def page() -> Iterator[Any]:
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(chromium).exists():
        pytest.fail("Debian's chromium is required (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        tab = browser.new_page()
        tab.set_content("<!doctype html><html><head></head><body></body></html>")
        tab.evaluate("window.__pwned = 0")
        tab.add_script_tag(path=str(VENDOR / "mermaid.min.js"))
        tab.evaluate("document.querySelectorAll('script').forEach(s => s.dataset.vendored = 1)")
        tab.evaluate(
            "mermaid.initialize({startOnLoad: false, securityLevel: 'strict', "
            "deterministicIds: true})"
        )
        yield tab
        browser.close()


_counter = iter(range(1_000_000))


def render_in_browser(page: Any, text: str) -> dict[str, Any]:
    result: dict[str, Any] = page.evaluate(RENDER_JS, [text, f"d{next(_counter)}"])
    assert result["error"] is None, result["error"]
    assert "Syntax error" not in result["svg"]  # the picture Mermaid draws instead of failing
    assert result["pwned"] == 0, "a script in a name ran"
    assert result["scripts"] == 0, "a <script> element reached the page"
    assert result["dangerous"] == [], "markup from a name became elements or handlers"
    return result


def expected_node_labels(scene: Scene) -> dict[str, str]:
    """Mermaid id -> the label text a reader must see, built from the model's names."""
    ids = Ids()
    # The same ids the generator gives, in the order it gives them (nodes as drawn).
    order = [n for g in scene.root.walk() for n in g.nodes]
    return {ids("n", nid): "\n".join(mermaid.node_lines(scene.nodes[nid])) for nid in order}


def node_texts(result: dict[str, Any]) -> dict[str, str]:
    """Mermaid's element ids look like d3-flowchart-n_users-0: take our id back out."""
    out = {}
    for element_id, text in result["nodes"].items():
        found = re.search(r"flowchart-(.+)-\d+$", element_id)
        assert found, element_id
        out[found.group(1)] = text
    return out


def scene_for(path: Path, arch: Architecture | None = None) -> Scene:
    return prepare(arch or load_architecture(str(path)))


@pytest.mark.parametrize("path", MODELS, ids=lambda p: p.stem)
def test_every_model_renders_with_its_names_as_text(page: Any, path: Path) -> None:
    scene = scene_for(path)
    views = mermaid.views(scene, default_direction(scene.view))
    assert len(views) == 1
    result = render_in_browser(page, views[0].text)
    assert node_texts(result) == expected_node_labels(scene)
    clusters = sorted(result["clusters"].values())
    assert clusters == sorted("\n".join(g.label.splitlines()) for g in list(scene.root.walk())[1:])


@pytest.mark.parametrize("security_level", ["strict", "loose"])
def test_hostile_names_render_as_their_own_text(page: Any, security_level: str) -> None:
    """Also under `loose` (HTML labels allowed, used by some editors): the escaping is ours,
    not the renderer's sanitiser."""
    arch = load_architecture(str(FIXTURES / "hostile.yaml"))
    scene = prepare(arch)
    page.evaluate(
        "(level) => mermaid.initialize({startOnLoad: false, securityLevel: level, "
        "deterministicIds: true})",
        security_level,
    )
    try:
        result = render_in_browser(page, mermaid.render(scene))
    finally:
        page.evaluate(
            "mermaid.initialize({startOnLoad: false, securityLevel: 'strict', "
            "deterministicIds: true})"
        )
    texts = node_texts(result)
    # Spot checks against the model itself, not against our own label builder.
    names = {rid: (r.name or rid) for rid, r in arch.resources.items()}
    shown = {t.split("\n")[0] for t in texts.values()}
    for rid in ("x-ray", "a.b", "a-b", "q", "t", "u", "w", "1st"):
        assert names[rid] in shown, (rid, names[rid], shown)
    assert "line one\nline two\nline three\nDynamoDB" in texts.values()
    assert "o --> x ---o y\nWeb browser" in texts.values()
    assert any("%%{init" in c for c in result["clusters"].values())
    edge_labels = set(result["edgeLabels"])
    assert "a --> b | c" in edge_labels
    assert 'https"><script>:443' in edge_labels
    assert "tcp:5432 %%{init: {}}%%" in edge_labels
    # The ids Mermaid would have read as syntax did not turn into edges or keywords.
    assert len(texts) == len(scene.nodes)


def test_overlays_render_with_legend(page: Any) -> None:
    scene = scene_for(FIXTURES / "three-tier.yaml")
    scene.apply(
        {
            "db": Decoration(severity="critical", findings=2, monthly_cost=1234.5),
            "web-a": Decoration(severity="low", findings=1, status="changed"),
        }
    )
    result = render_in_browser(page, mermaid.render(scene))
    texts = node_texts(result)
    assert texts["n_db"] == "orders db\nRDS\nprimary\n2 findings: critical\n$1,234.50/mo"
    # Its standby has the findings (the same resource) but the cost is said once.
    assert texts["n_db_eu_west_1b"] == "orders db\nRDS\nstandby\n2 findings: critical"
    fills = {re.sub(r"^.*flowchart-(.+)-\d+$", r"\1", k): v for k, v in result["fills"].items()}
    assert fills["n_db"] == "rgb(183, 28, 28)"  # the severity colour wins over the layer's
    assert fills["n_assets"] == "rgb(232, 245, 233)"  # an undecorated data store: its layer
    assert "worst finding: critical" in texts.values()
    assert any("subtotal $1,234.50/mo" in c for c in result["clusters"].values())


def test_split_views_each_render(page: Any) -> None:
    """A model over Mermaid's edge limit comes out as views that Mermaid accepts."""
    lines = ["name: big", 'account: "111122223333"', "resources:"]
    conns = ["connections:"]
    for r, region in enumerate(["eu-west-1", "us-east-1"]):
        for i in range(50):
            lines.append(f"  f{r}-{i}: {{kind: lambda, region: {region}}}")
            conns.extend(f"  - f{r}-{i} -> f{r}-{(i + step) % 50}" for step in range(1, 6))
    from archcode.collectors.yaml_model import load_yaml_model

    scene = prepare(load_yaml_model("\n".join(lines + conns) + "\n", "big.yaml"), "infra")
    assert len(scene.edges) == 500 > mermaid.MAX_EDGES
    views = mermaid.views(scene)
    assert len(views) == 2 and any("split into 2 views" in n for n in scene.notes)
    for view in views:
        result = render_in_browser(page, view.text)
        assert len(result["nodes"]) == view.nodes == 50


def test_kind_labels_are_plain_text() -> None:
    """Kind labels come from the registry and go through the same escaping; keep them tame."""
    for spec in BY_KIND.values():
        assert re.fullmatch(r"[A-Za-z0-9 ()/&.-]+", spec.label), spec.label


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_every_example_with_findings_and_cost_renders(page: Any, path: Path) -> None:
    from archcode.renderers.overlays import cost_overlay, findings_overlay
    from archcode.rules.checking import check_loaded

    arch = load_architecture(str(path))
    check = check_loaded([(str(path), arch)])
    scene = prepare(arch, overlays=(findings_overlay(check), cost_overlay(arch)))
    (view,) = mermaid.views(scene, default_direction(scene.view))
    result = render_in_browser(page, view.text)
    texts = node_texts(result)
    assert {k: v for k, v in texts.items() if k.startswith("n_")} == expected_node_labels(scene)
    if any(n.decoration.severity for n in scene.nodes.values()):
        assert any(t.startswith("worst finding: ") for t in texts.values())


TITLE_JS = """
async ([src, id]) => {
  const {svg} = await mermaid.render(id, src);
  const holder = document.createElement('div');
  holder.innerHTML = svg;
  const one = (selector) => { const el = holder.querySelector(selector);
                              return el ? el.textContent : null; };
  return {title: one('svg > title'), desc: one('svg > desc'),
          heading: one('text.flowchartTitleText'),
          labelledby: holder.querySelector('svg').getAttribute('aria-labelledby')};
}
"""


def test_title_and_accessible_description_show_the_name_as_text(page: Any) -> None:
    hostile = 'A & B <script>alert(1)</script> "q" %%{init: {"theme": "dark"}}%% #35; \\n | x'
    scene = scene_for(FIXTURES / "three-tier.yaml")
    scene.title = hostile + "\nsecond line"
    text = mermaid.render(scene)
    render_in_browser(page, text)  # parses, no element or script from the name
    shown = page.evaluate(TITLE_JS, [text, f"d{next(_counter)}"])
    flat = hostile + " second line"
    assert shown["title"] == flat  # accTitle: exactly the name, on one line
    assert shown["desc"].startswith(f"Infrastructure view of {flat}: ")
    assert "availability zones" in shown["desc"]
    assert shown["labelledby"]  # the <title> names the picture for screen readers
    # The visible title: Mermaid's sanitiser would drop <script> and show & as &amp;, so those
    # three characters are drawn as their full-width look-alikes; the rest is as written.
    visible = flat.replace("<", "\uff1c").replace(">", "\uff1e").replace("&", "\uff06")
    assert scene.caption is not None  # the key is gathered aside: the title says so
    assert shown["heading"] == f"{visible} \u2014 {scene.caption}"


def test_zones_empty_subnets_and_missing_zones_render(page: Any) -> None:
    from tests.conftest import load
    from tests.test_render_zones import ONE_ZONE_LAMBDA

    from archcode.renderers.overlays import findings_overlay
    from archcode.rules.checking import check_loaded

    arch = load(ONE_ZONE_LAMBDA)
    scene = prepare(arch, "infra", (findings_overlay(check_loaded([("arch.yaml", arch)])),))
    result = render_in_browser(page, mermaid.render(scene))
    texts = {k: v for k, v in node_texts(result).items() if not k.startswith("legend_")}
    assert texts == expected_node_labels(scene)  # an empty box adds no node
    clusters = set(result["clusters"].values())
    assert "Private subnet spare" in clusters  # drawn although nothing runs in it
    assert {"Availability Zone eu-west-1a", "Availability Zone eu-west-1c"} <= clusters
    assert any("not in eu-west-1c" in text for text in texts.values())
