// Draws the network from the JSON in #graph-data; no inline handlers, so a strict CSP holds.
// Labels and tooltips are plain strings (vis-network draws them as text, never as HTML).
(function () {
  "use strict";
  var holder = document.getElementById("graph-data");
  var box = document.getElementById("network");
  if (!holder || !box || typeof vis === "undefined") { return; }
  var data = JSON.parse(holder.textContent);
  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var network = new vis.Network(box, { nodes: nodes, edges: edges }, data.options);
  var state = { network: network, nodes: nodes, edges: edges, ready: false, count: data.nodes.length };
  window.remitNetwork = state;
  function ready() {
    if (state.ready || state.settling) { return; }
    state.settling = true;
    if (!data.large) {
      // physics off once stable, and the view fitted at once (no animation), so nodes
      // stay where they are drawn and a click lands where the user (or a test) aims
      network.setOptions({ physics: false });
      network.fit({ animation: false });
    }
    network.once("afterDrawing", function () {
      state.ready = true;
      box.setAttribute("data-ready", "true");
    });
    network.redraw();
  }
  if (data.large || data.nodes.length === 0) {
    network.once("afterDrawing", ready);
  } else {
    network.once("stabilizationIterationsDone", ready);
    network.once("stabilized", ready);
  }
  network.on("click", function (params) {
    if (params.nodes.length === 1) {
      var node = nodes.get(params.nodes[0]);
      if (node && node.url) { window.location.assign(node.url); }
    }
  });
  var status = document.getElementById("find-status");
  function say(text) { if (status) { status.textContent = text; } }
  function find(q) {
    q = String(q || "").trim().toLowerCase();
    if (!q) { return; }
    var hit = nodes.get({ filter: function (n) { return String(n.title).toLowerCase().indexOf(q) >= 0; } });
    if (hit.length) {
      network.selectNodes([hit[0].id]);
      network.focus(hit[0].id, { scale: 1.2, animation: !data.large });
      say("Showing " + hit[0].title + (hit.length > 1 ? " (first of " + hit.length + " matches)" : ""));
    } else {
      say("No node matches \u201c" + q + "\u201d");
    }
  }
  var form = document.getElementById("find-form");
  var input = document.getElementById("find");
  if (form && input) {
    form.addEventListener("submit", function (e) { e.preventDefault(); find(input.value); });
  } else if (input) {
    input.addEventListener("change", function () { find(input.value); });
  }
})();
