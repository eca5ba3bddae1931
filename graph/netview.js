// Draws the network from the JSON in #graph-data; no inline handlers, so a strict CSP holds.
(function () {
  "use strict";
  var holder = document.getElementById("graph-data");
  var box = document.getElementById("network");
  if (!holder || !box || typeof vis === "undefined") { return; }
  var data = JSON.parse(holder.textContent);
  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var network = new vis.Network(box, { nodes: nodes, edges: edges }, data.options);
  window.remitNetwork = { network: network, nodes: nodes, edges: edges, ready: false };
  network.once("stabilizationIterationsDone", function () {
    if (data.large) { network.setOptions({ physics: false }); }
    window.remitNetwork.ready = true;
  });
  network.on("click", function (params) {
    if (params.nodes.length === 1) {
      var node = nodes.get(params.nodes[0]);
      if (node && node.url) { window.location.assign(node.url); }
    }
  });
  var search = document.getElementById("focus");
  if (search) {
    search.addEventListener("change", function () {
      var q = search.value.toLowerCase();
      var hit = nodes.get({ filter: function (n) { return String(n.label).toLowerCase().indexOf(q) >= 0; } });
      if (hit.length) {
        network.selectNodes([hit[0].id]);
        network.focus(hit[0].id, { scale: 1.2, animation: true });
      }
    });
  }
})();
