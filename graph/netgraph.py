"""Building blocks of the networkx projections: SPARQL prefixes, typed nodes added once, one
edge per type between two nodes (one at a time, or gathered by :class:`GraphBuilder`), and
rows read from the store as rdflib terms (``graph/sparql_rows.py`` reads them as strings).

Shared by ``graph/projections.py`` (the views and their filters) and the views' own
modules (``graph/accountability_view.py``, ``graph/people_view.py``), which import it
rather than the projections module.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

import networkx as nx

from graph.store import Rows, Store

PREFIXES = """PREFIX rem: <https://remit.example/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""


def label_of(row: dict, var: str, fallback: str) -> str:
    """The row's label, else the last segment of the IRI."""
    v = row.get(var)
    return str(v) if v is not None else fallback.rsplit("/", 1)[-1]


def add_node(g: nx.MultiDiGraph, iri: object, type_: str, label: str, **attrs: object) -> str:
    """Add a node once: the first type, label and attributes given are kept."""
    key = str(iri)
    if key not in g:
        g.add_node(key, iri=key, type=type_, label=label, **attrs)
    return key


def add_edge(g: nx.MultiDiGraph, a: str, b: str, type_: str) -> None:
    """One edge of each type from ``a`` to ``b``."""
    if not any(d.get("type") == type_ for d in (g.get_edge_data(a, b) or {}).values()):
        g.add_edge(a, b, key=type_, type=type_, label=type_.replace("_", " "))


@contextlib.contextmanager
def bulk() -> Iterator[None]:
    """No cyclic garbage collection while a projection is read and built: it makes a few
    hundred thousand dicts, lists and tuples, and each collection pass walked the growing
    graph again (a quarter of the Python time at 1M triples). Nothing built here is garbage
    until it is returned; the collector's previous state is restored."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


class GraphBuilder:
    """Nodes and edges gathered in plain dicts, then handed to networkx in two bulk calls.

    The same rules as :func:`add_node` and :func:`add_edge` (first type, label and attributes
    of a node kept; one edge per type between two nodes), in the same order, without
    the look-up of existing edges per call: a quarter of the accountability projection's
    time at 1M triples went to 86,000 :func:`add_edge` calls."""

    def __init__(self) -> None:
        self.nodes: dict[str, dict[str, object]] = {}
        self.edges: dict[tuple[str, str, str], None] = {}

    def __contains__(self, iri: str) -> bool:
        return iri in self.nodes

    def node(self, iri: str, type_: str, label: str, **attrs: object) -> str:
        if iri not in self.nodes:
            self.nodes[iri] = {"iri": iri, "type": type_, "label": label, **attrs}
        return iri

    def edge(self, a: str, b: str, type_: str) -> None:
        self.edges[(a, b, type_)] = None

    def graph(self, view: str) -> nx.MultiDiGraph:
        g = nx.MultiDiGraph(view=view)
        g.add_nodes_from(self.nodes.items())
        labels: dict[str, str] = {}
        add = g.add_edge  # a third faster than add_edges_from, which looks each edge up again
        for a, b, t in self.edges:
            label = labels.get(t) or labels.setdefault(t, t.replace("_", " "))
            add(a, b, t, type=t, label=label)
        return g


def rows(store: Store, query: str) -> Rows:
    res = store.query(query)
    assert isinstance(res, Rows)
    return res
