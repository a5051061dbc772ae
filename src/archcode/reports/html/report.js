"use strict";
// Every value from the model is set with textContent, never parsed as HTML.
(function () {
  const data = JSON.parse(document.getElementById("archcode-data").textContent);

  function el(tag, text, cls) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (cls) node.className = cls;
    return node;
  }

  // Fit, zoom and pan (svg-pan-zoom, vendored): the whole diagram fits its pane on opening.
  const svg = document.querySelector("#diagram svg");
  let panZoom = null;
  if (svg && typeof svgPanZoom === "function") {
    svg.removeAttribute("width");
    svg.removeAttribute("height");
    panZoom = svgPanZoom(svg, {
      fit: true,
      center: true,
      minZoom: 0.2,
      maxZoom: 40,
      zoomScaleSensitivity: 0.3,
      dblClickZoomEnabled: false,
    });
    document.getElementById("zoom-in").addEventListener("click", () => panZoom.zoomIn());
    document.getElementById("zoom-out").addEventListener("click", () => panZoom.zoomOut());
    document.getElementById("zoom-reset").addEventListener("click", () => {
      panZoom.resize();
      panZoom.fit();
      panZoom.center();
    });
    window.addEventListener("resize", () => {
      panZoom.resize();
      panZoom.fit();
      panZoom.center();
    });
  }
  const SVG_NS = "http://www.w3.org/2000/svg";

  function highlight(g) {
    // Icon nodes have no outline of their own: a rectangle drawn around the node's box.
    const box = g.getBBox();
    const rect = document.createElementNS(SVG_NS, "rect");
    rect.setAttribute("class", "highlight");
    rect.setAttribute("x", String(box.x - 6));
    rect.setAttribute("y", String(box.y - 6));
    rect.setAttribute("width", String(box.width + 12));
    rect.setAttribute("height", String(box.height + 12));
    rect.setAttribute("rx", "8");
    rect.setAttribute("fill", "none");
    rect.setAttribute("stroke", "#0073bb");
    rect.setAttribute("stroke-width", "5");
    g.append(rect);
    g.classList.add("selected");
  }

  function focusNode(id) {
    // Centre the resource's first node in the pane (a resource in two zones has two nodes).
    const g = Array.from(document.querySelectorAll("#diagram g.node")).find(
      (node) => node.dataset.resource === id
    );
    if (!g || !panZoom) return;
    const pane = svg.getBoundingClientRect();
    const box = g.getBoundingClientRect();
    panZoom.panBy({
      x: pane.left + pane.width / 2 - (box.left + box.width / 2),
      y: pane.top + pane.height / 2 - (box.top + box.height / 2),
    });
  }

  function showResource(id) {
    const info = data.resources[id];
    const panel = document.getElementById("node-details");
    panel.replaceChildren();
    document.querySelectorAll("#diagram g.node.selected").forEach((g) => g.classList.remove("selected"));
    document.querySelectorAll("#diagram rect.highlight").forEach((r) => r.remove());
    document.querySelectorAll('#diagram g.node').forEach((g) => {
      if (g.dataset.resource === id) highlight(g);
    });
    if (!info) {
      panel.append(el("p", "Nothing known about " + id, "muted"));
      return;
    }
    panel.append(el("h3", info.name));
    panel.append(el("p", info.kind + " · " + info.id, "muted"));
    if (info.cost) panel.append(el("p", "Monthly cost: " + info.cost));
    const findings = el("div");
    findings.id = "node-findings";
    findings.append(el("h4", info.findings.length + " finding(s)"));
    const list = el("ul");
    for (const f of info.findings) {
      const item = el("li");
      item.append(el("span", f.severity, "badge sev-" + f.severity));
      item.append(document.createTextNode(" " + f.rule_id + " (" + f.status + "): " + f.message));
      item.dataset.rule = f.rule_id;
      list.append(item);
    }
    findings.append(list);
    panel.append(findings);
    panel.append(el("h4", "Attributes"));
    panel.append(el("pre", JSON.stringify(info.attributes, null, 2)));
  }

  document.querySelectorAll("#diagram g.node").forEach((g) => {
    const title = g.querySelector("title");
    const id = title ? data.node_ids[title.textContent] : undefined;
    if (id === undefined) return;
    g.dataset.resource = id;
    g.addEventListener("click", (event) => {
      event.preventDefault();
      showResource(id);
    });
  });
  document.querySelectorAll("[data-show-resource]").forEach((cell) => {
    cell.addEventListener("click", () => showResource(cell.dataset.showResource));
  });
  // A finding's row: its node highlighted and brought to the middle of the pane.
  document.querySelectorAll("#findings-table tbody tr").forEach((row) => {
    row.addEventListener("click", (event) => {
      if (event.target.closest("details")) return; // opening the remediation
      const id = row.dataset.resource;
      if (!id) return;
      document.querySelectorAll("#findings-table tbody tr.selected").forEach((r) => r.classList.remove("selected"));
      row.classList.add("selected");
      showResource(id);
      focusNode(id);
      document.getElementById("diagram-section").scrollIntoView({ block: "start" });
    });
  });

  const controls = ["f-severity", "f-category", "f-framework", "f-resource"].map((id) =>
    document.getElementById(id)
  );
  function applyFilters() {
    const [severity, category, framework, resource] = controls.map((c) => c.value.trim().toLowerCase());
    let shown = 0;
    document.querySelectorAll("#findings-table tbody tr").forEach((row) => {
      const ok =
        (!severity || row.dataset.severity === severity) &&
        (!category || row.dataset.category === category) &&
        (!framework || row.dataset.frameworks.toLowerCase().split("|").includes(framework)) &&
        (!resource || row.dataset.resource.toLowerCase().includes(resource));
      row.hidden = !ok;
      if (ok) shown += 1;
    });
    document.getElementById("findings-count").textContent = String(shown);
  }
  controls.forEach((c) => c.addEventListener("input", applyFilters));
  applyFilters();
})();
