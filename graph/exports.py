"""Write a projection to a file, the format chosen by the file's extension.

``.html`` (standalone, offline), ``.gexf`` (Gephi), ``.graphml``, ``.cyjs`` (Cytoscape JSON)
and ``.json`` (node-link). Attribute values are strings, so GEXF and GraphML round-trip.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import networkx as nx

from graph.netview import standalone_html

FORMATS = (".html", ".gexf", ".graphml", ".cyjs", ".json")


class ExportError(ValueError):
    """The output file's extension names no supported format."""


def _plain(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy whose attributes are all strings (GEXF/GraphML accept no None or objects)."""
    h = nx.MultiDiGraph()
    h.graph.update({k: str(v) for k, v in g.graph.items()})
    for n, d in g.nodes(data=True):
        h.add_node(n, **{k: "" if v is None else str(v) for k, v in d.items()})
    for a, b, k, d in g.edges(keys=True, data=True):
        h.add_edge(a, b, key=k, **{x: "" if v is None else str(v) for x, v in d.items()})
    return h


#: Media types of the exports the API serves (GEXF and GraphML as their projects name them).
MEDIA_TYPES = {".gexf": "application/gexf+xml", ".graphml": "application/graphml+xml",
               ".cyjs": "application/json", ".json": "application/json",
               ".html": "text/html; charset=utf-8"}


def to_bytes(g: nx.MultiDiGraph, ext: str, title: str = "Remit network") -> bytes:
    """The export in one format (``.gexf``, ``.graphml``, ``.cyjs``, ``.json`` or ``.html``)."""
    ext = ext.lower()
    if ext not in FORMATS:
        raise ExportError(f"unknown format {ext or '(none)'}; use one of {', '.join(FORMATS)}")
    h = _plain(g)
    if ext == ".html":
        return standalone_html(h, title).encode("utf-8")
    if ext == ".cyjs":
        return json.dumps(nx.cytoscape_data(h), ensure_ascii=False).encode("utf-8")
    if ext == ".json":
        return json.dumps(nx.node_link_data(h, edges="edges"), ensure_ascii=False).encode()
    buf = io.BytesIO()
    if ext == ".gexf":  # GEXF reserves an edge's "type" for directed/undirected
        for _, _, d in h.edges(data=True):
            d["relation"] = d.pop("type", "")
        nx.write_gexf(h, buf)
    else:
        nx.write_graphml(h, buf)
    return buf.getvalue()


def write(g: nx.MultiDiGraph, path: Path, title: str = "Remit network") -> Path:
    path = Path(path)
    ext = path.suffix.lower()
    if ext not in FORMATS:
        raise ExportError(f"{path}: unknown format {ext or '(none)'}; use one of "
                          f"{', '.join(FORMATS)}")
    path.write_bytes(to_bytes(g, ext, title))
    return path


def read(path: Path) -> nx.MultiDiGraph:
    """Read back a GEXF, GraphML or node-link JSON export (for round-trip checks)."""
    path = Path(path)
    ext = path.suffix.lower()
    if ext == ".gexf":
        g = nx.MultiDiGraph(nx.read_gexf(path))
        for _, _, d in g.edges(data=True):
            d.pop("type", None)
            d["type"] = d.pop("relation", "")
        return g
    if ext == ".graphml":
        return nx.MultiDiGraph(nx.read_graphml(path))
    if ext == ".json":
        return nx.node_link_graph(json.loads(path.read_text(encoding="utf-8")), edges="edges",
                                  multigraph=True, directed=True)
    raise ExportError(f"{path}: cannot read {ext} back")
