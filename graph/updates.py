"""SPARQL Update text for whole-graph replacement, shared by every backend.

One request holds every operation, so a store that runs a request as one transaction
(Oxigraph does) replaces a source graph and recomputes the derived graphs atomically.
Terms are serialised by rdflib as N-Triples, never assembled from strings.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from rdflib import Graph, URIRef


def iri(term: URIRef) -> str:
    return URIRef(term).n3()


def insert_data(name: URIRef, g: Graph) -> str:
    body = g.serialize(format="nt")
    if not body.strip():
        return ""
    return f"INSERT DATA {{ GRAPH {iri(name)} {{\n{body}}} }}"


def replace_update(graphs: Mapping[URIRef, Graph], drop: Iterable[URIRef] = (),
                   derived: str = "") -> str:
    ops: list[str] = []
    for name in drop:
        ops.append(f"DROP SILENT GRAPH {iri(name)}")
    for name, g in graphs.items():
        ops.append(f"DROP SILENT GRAPH {iri(name)}")
        ins = insert_data(name, g)
        if ins:
            ops.append(ins)
    if derived.strip():
        ops.append(derived.strip().rstrip(";"))
    return " ;\n".join(ops) if ops else "CLEAR SILENT GRAPH <urn:remit:noop>"
