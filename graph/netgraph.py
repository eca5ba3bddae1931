"""Building blocks of the networkx projections: SPARQL prefixes, typed nodes added once, one
edge per type between two nodes, and rows read from the store.

Shared by ``graph/projections.py`` (the views and their filters) and
``graph/accountability_view.py`` (the accountability view's queries), which import it
rather than each other.
"""

from __future__ import annotations

import json

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


def rows(store: Store, query: str) -> Rows:
    res = store.query(query)
    assert isinstance(res, Rows)
    return res


def string_rows(store: Store, query: str) -> list[dict[str, str]]:
    """Rows as each term's string (an IRI, or a literal's lexical form), read from the
    engine's SPARQL JSON results: building an rdflib term per value was most of the
    accountability projection's time at 1M triples."""
    out = store.query_serialized(query, "application/sparql-results+json")
    data = json.loads(out.body)
    return [{k: v["value"] for k, v in b.items()} for b in data["results"]["bindings"]]
