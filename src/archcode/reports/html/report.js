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

  function showResource(id) {
    const info = data.resources[id];
    const panel = document.getElementById("node-details");
    panel.replaceChildren();
    document.querySelectorAll("#diagram g.node.selected").forEach((g) => g.classList.remove("selected"));
    document.querySelectorAll('#diagram g.node').forEach((g) => {
      if (g.dataset.resource === id) g.classList.add("selected");
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
