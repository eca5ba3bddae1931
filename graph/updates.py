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
    """One ``s p o .`` line per triple of ``g``; each distinct term is written once (a pack
    repeats its bodies, people and predicates thousands of times)."""
    written: dict[Any, str] = {}
    for s, p, o in g:
        ts, tp, to = written.get(s), written.get(p), written.get(o)
        if ts is None:
            ts = written[s] = _term(s, scope)
        if tp is None:
            tp = written[p] = _term(p, scope)
        if to is None:
            to = written[o] = _term(o, scope)
        yield f"{ts} {tp} {to} .\n"


def lines_without_bnodes(g: Graph) -> set[str] | None:
    """The triples of ``g`` as :func:`triples_text` writes them, or None if ``g`` has a
    blank node (such a graph cannot be changed by its difference); one pass over ``g``."""
    written: dict[Any, str] = {}
    out: set[str] = set()
    for s, p, o in g:
        ts, tp, to = written.get(s), written.get(p), written.get(o)
        if ts is None:
            if isinstance(s, BNode):
                return None
            ts = written[s] = term_text(s)
        if tp is None:
            tp = written[p] = term_text(p)
        if to is None:
            if isinstance(o, BNode):
                return None
            to = written[o] = term_text(o)
        out.add(f"{ts} {tp} {to} .\n")
    return out


def insert_data(name: URIRef, g: Graph, scope: str = "g") -> str:
    """``INSERT DATA { GRAPH <name> { ... } }``, or "" for an empty graph."""
    body = "".join(triples_text(g, scope))
    if not body:
        return ""
    return f"INSERT DATA {{ GRAPH {iri(name)} {{\n{body}}} }}"


def has_bnodes(g: Graph) -> bool:
    return any(isinstance(s, BNode) or isinstance(o, BNode) for s, _, o in g)


def replace_ops(name: URIRef, g: Graph, scope: str = "g",
                old_lines: set[str] | None = None,
                new_lines: set[str] | None = None) -> list[str]:
    """Operations that make graph ``name`` equal ``g``.

    Without ``old_lines`` (the graph's current triples, as written by :func:`triples_text`):
    drop it and insert ``g``. With them, only the difference: ``DELETE DATA`` of what went,
    then ``INSERT DATA`` of what came, far cheaper on a store whose deletes and inserts
    each cost an index write per quad, when a pack is ingested again with few changes.
    A triple whose text differs but whose term is equal is deleted and inserted again in
    that order, so the result is right either way. Blank nodes cannot be matched by
    ``DELETE DATA``; callers pass no ``old_lines`` when either side has them. ``new_lines``
    may give ``g``'s own lines, already computed by the caller."""
    if old_lines is None or not len(g):
        ins = insert_data(name, g, scope)
        return [f"DROP SILENT GRAPH {iri(name)}", *([ins] if ins else [])]
    if new_lines is None:
        new_lines = set(triples_text(g, scope))
    ops = []
    removed, added = old_lines - new_lines, new_lines - old_lines
    if removed:
        ops.append(f"DELETE DATA {{ GRAPH {iri(name)} {{\n{''.join(sorted(removed))}}} }}")
    if added:
        ops.append(f"INSERT DATA {{ GRAPH {iri(name)} {{\n{''.join(sorted(added))}}} }}")
    return ops


def replace_update(graphs: Mapping[URIRef, Graph], drop: Iterable[URIRef] = (),
                   derived: str = "",
                   current: Mapping[URIRef, set[str] | None] | None = None,
                   lines: Mapping[URIRef, set[str] | None] | None = None) -> str:
    """Drop ``drop``, replace each of ``graphs`` whole, then run ``derived``: one request.

    ``current`` may give the present triples of some graphs, and ``lines`` the new ones
    (see :func:`replace_ops`)."""
    ops: list[str] = []
    for name in drop:
        ops.append(f"DROP SILENT GRAPH {iri(name)}")
    for i, (name, g) in enumerate(graphs.items()):
        ops += replace_ops(name, g, f"g{i}", (current or {}).get(name),
                           (lines or {}).get(name))
    if derived.strip():
        ops.append(derived.strip().rstrip(";"))
    return " ;\n".join(ops) if ops else "CLEAR SILENT GRAPH <urn:remit:noop>"
