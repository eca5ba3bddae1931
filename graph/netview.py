"""Interactive network views: vis-network (from pyvis's package) drawn by our own template.

Why not pyvis's own HTML: its templates reference CDNs for some assets even with
``cdn_resources="in_line"``, insert the heading unescaped, and switch tooltips to raw
``innerHTML`` when a title contains ``href``. Here the graph data travels as JSON inside a
``<script type="application/json">`` element (``<``, ``>`` and ``&`` escaped, so document text
cannot close the element), labels and tooltips are plain strings that vis-network draws
as text, and vis-network comes from pyvis's package: inlined in standalone files, served
by the app under ``/static/vendor/`` for pages (no ``http(s)://`` asset anywhere).
"""

from __future__ import annotations

import html
import json
from pathlib import Path
from typing import Any

import networkx as nx
import pyvis

from graph.layout_cache import layout

VIS_DIR = Path(pyvis.__file__).parent / "lib" / "vis-9.1.2"
VIS_JS = VIS_DIR / "vis-network.min.js"
VIS_CSS = VIS_DIR / "vis-network.css"
NETWORK_JS = Path(__file__).parent / "netview.js"

#: Colour and shape per node type; the legend and the table say the type in words too.
STYLE = {
    "inspection": ("#7a3e9d", "diamond"), "document": ("#7a3e9d", "diamond"),
    "recommendation": ("#fdba74", "box"), "action": ("#b45309", "dot"),
    "person": ("#1d4ed8", "dot"), "post": ("#0e7490", "triangle"),
    "role": ("#64748b", "triangleDown"), "body": ("#15803d", "square"),
    "meeting": ("#9d174d", "star"),
}
#: Above this many nodes the page uses a computed layout with physics off.
LARGE = 300


def entity_path(iri: str) -> str | None:
    """The app's path for a minted IRI (``.../id/{type}/{key}``), whatever its host."""
    i = iri.find("/id/")
    return iri[i:] if i >= 0 else None


def vis_data(g: nx.MultiDiGraph) -> dict[str, Any]:
    """Nodes, edges and options for vis-network (the shapes pyvis would build, made directly:
    pyvis's ``add_node`` is quadratic in the node count). Above :data:`LARGE` nodes each node
    carries a computed position and physics is off, so the first drawing needs no simulation.
    """
    large = g.number_of_nodes() > LARGE
    pos = layout(g) if large else {}
    nodes = []
    for n, d in g.nodes(data=True):
        kind = str(d.get("type", "node"))
        colour, shape = STYLE.get(kind, ("#475569", "dot"))
        label = str(d.get("label", n))
        node: dict[str, Any] = {
            "id": n, "label": label[:60] + ("…" if len(label) > 60 else ""),
            "title": f"{kind}: {label}", "color": colour, "shape": shape,
            "font": {"color": "#0f172a"},
            "kind": kind, "url": entity_path(str(n))}
        if n in pos:
            node["x"], node["y"] = pos[n]
        nodes.append(node)
    edges = [{"id": f"e{i}", "from": a, "to": b, "label": str(d.get("label", "")),
              "title": str(d.get("type", "")), "arrows": "to"}
             for i, (a, b, d) in enumerate(g.edges(data=True))]
    options = {
        "physics": {"enabled": not large,
                    "stabilization": {"enabled": True, "iterations": 300}},
        "layout": {"improvedLayout": not large},
        "interaction": {"hover": not large, "keyboard": {"enabled": True},
                        "navigationButtons": True, "hideEdgesOnDrag": large},
        "edges": {"font": {"size": 9}, "smooth": not large},
        "nodes": {"font": {"size": 14}},
    }
    return {"nodes": nodes, "edges": edges, "options": options, "large": large}


def json_for_html(data: Any) -> str:
    """JSON safe inside a ``<script type=application/json>`` element."""
    return (json.dumps(data, ensure_ascii=False).replace("&", "\\u0026")
            .replace("<", "\\u003c").replace(">", "\\u003e"))


def legend_html() -> str:
    items = "".join(
        f'<li><span class="swatch" style="background:{c}" aria-hidden="true"></span>'
        f"{html.escape(t)} ({html.escape(s)})</li>" for t, (c, s) in STYLE.items())
    return f'<ul class="legend" aria-label="Legend">{items}</ul>'


def table_html(g: nx.MultiDiGraph) -> str:
    """The accessible alternative to the picture: every edge as a table row."""
    rows = []
    for a, b, d in g.edges(data=True):
        la, lb = g.nodes[a].get("label", a), g.nodes[b].get("label", b)
        rows.append(f"<tr><td>{html.escape(str(la))}</td><td>{html.escape(str(d.get('label')))}"
                    f"</td><td>{html.escape(str(lb))}</td></tr>")
    return ("<table class=\"edges\"><caption>Links shown in the network</caption><thead><tr>"
            "<th scope=col>From</th><th scope=col>Link</th><th scope=col>To</th></tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>")


def standalone_html(g: nx.MultiDiGraph, title: str = "Remit network") -> str:
    """A self-contained HTML file: vis-network, data and script inlined; works offline."""
    t = html.escape(title)
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{t}</title>
<style>{VIS_CSS.read_text(encoding="utf-8")}
body{{font-family:sans-serif;margin:1rem}} #network{{height:80vh;border:1px solid #94a3b8}}
.legend{{list-style:none;display:flex;flex-wrap:wrap;gap:1rem;padding:0}}
.swatch{{display:inline-block;width:1em;height:1em;margin-right:.3em;vertical-align:middle}}
</style></head><body>
<h1>{t}</h1>
<form id="find-form" role="search"><label for="find">Find a node</label>
<input id="find" type="search"> <button type="submit">Find</button></form>
<p id="find-status" role="status"></p>
{legend_html()}
<div id="network" role="img"
 aria-label="{t}: network picture; the table below lists the same links"></div>
<script type="application/json" id="graph-data">{json_for_html(vis_data(g))}</script>
<script>{VIS_JS.read_text(encoding="utf-8")}</script>
<script>{NETWORK_JS.read_text(encoding="utf-8")}</script>
<details><summary>Table of links</summary>{table_html(g)}</details>
</body></html>
"""
