"""SPARQL Update text for whole-graph replacement, shared by every backend.

One request holds every operation, so a store that runs a request as one transaction
(Oxigraph does, embedded or served; so do Fuseki and Virtuoso) replaces a source graph and
recomputes the derived graphs atomically. Terms are written by ``graph/bindings.term_text``,
never assembled from raw strings: a literal holding quotes, ``}``, newlines or a
backslash-``u`` escape is stored exactly as given.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from rdflib import BNode, Graph, URIRef

from graph.bindings import iri_text, term_text


def iri(term: URIRef) -> str:
    return iri_text(term)


def _term(t: Any, scope: str) -> str:
    # Blank-node labels are scoped per graph so two graphs never share one by accident.
    if isinstance(t, BNode):
        return term_text(BNode(f"{scope}x{t}"), allow_bnode=True)
    return term_text(t)


def triples_text(g: Graph, scope: str = "g") -> Iterator[str]:
    """One ``s p o .`` line per triple of ``g``."""
    for s, p, o in g:
        yield f"{_term(s, scope)} {_term(p, scope)} {_term(o, scope)} .\n"


def insert_data(name: URIRef, g: Graph, scope: str = "g") -> str:
    """``INSERT DATA { GRAPH <name> { ... } }``, or "" for an empty graph."""
    body = "".join(triples_text(g, scope))
    if not body:
        return ""
    return f"INSERT DATA {{ GRAPH {iri(name)} {{\n{body}}} }}"


def replace_update(graphs: Mapping[URIRef, Graph], drop: Iterable[URIRef] = (),
                   derived: str = "") -> str:
    """Drop ``drop``, replace each of ``graphs`` whole, then run ``derived``: one request."""
    ops: list[str] = []
    for name in drop:
        ops.append(f"DROP SILENT GRAPH {iri(name)}")
    for i, (name, g) in enumerate(graphs.items()):
        ops.append(f"DROP SILENT GRAPH {iri(name)}")
        ins = insert_data(name, g, scope=f"g{i}")
        if ins:
            ops.append(ins)
    if derived.strip():
        ops.append(derived.strip().rstrip(";"))
    return " ;\n".join(ops) if ops else "CLEAR SILENT GRAPH <urn:remit:noop>"
