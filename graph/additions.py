"""Brand-new graphs written as one ``Store.extend``: their quads, what they imply, the
closure's new pairs and the default graph's copies, computed before the write.

Why: a new pack (the common ingest) only adds triples, yet as one SPARQL Update it paid for
building and parsing the update text, for evaluating the inference rules against the disk
store, and for deleting and re-inserting the default graph's copy of every graph the update
names (the closure graph included, which grows with the store). Here the rules run on an
in-memory Oxigraph holding the new graphs and the store's ontology graph, the closure is
extended by index look-ups, and everything is written by one transactional
``Store.extend``: atomic like the update, and a kill -9 leaves all of it or none.

Only for a write that adds and never removes: every graph written is absent from the store
(and so is its inferred graph), nothing is dropped, and the derived update is nothing or
the per-source inference of exactly those graphs marked ``additions_only``
(``graph/inference.SourceInference``). Any other write takes the SPARQL Update path, which
this must equal (``tests/test_additions.py`` compares the two).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef

from graph.bindings import BindingError
from graph.inference import SourceInference, inferred_graph_for, local_inference_ops
from ontology.namespaces import INFERRED_GRAPH, ONTOLOGY_GRAPH

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


class OxTerms:
    """rdflib terms to pyoxigraph terms, each distinct term converted once (a pack names the
    same bodies, people and predicates thousands of times). Blank nodes become fresh
    pyoxigraph blank nodes, as ``INSERT DATA`` makes them: never one already stored."""

    def __init__(self) -> None:
        self._seen: dict[Any, Any] = {}

    def __call__(self, term: Any) -> Any:
        found = self._seen.get(term)
        if found is None:
            found = self._seen[term] = self._convert(term)
        return found

    @staticmethod
    def _convert(term: Any) -> Any:
        try:
            if isinstance(term, URIRef):
                return ox.NamedNode(str(term))
            if isinstance(term, Literal):
                if term.language:
                    # lower-cased, as Oxigraph stores a tag read from SPARQL or N-Triples
                    return ox.Literal(str(term), language=term.language.lower())
                if term.datatype is not None and str(term.datatype) != XSD_STRING:
                    return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
                return ox.Literal(str(term))
            if isinstance(term, BNode):
                return ox.BlankNode()
        except ValueError as exc:
            raise BindingError(f"cannot store {term!r}: {exc}") from exc
        raise BindingError(f"cannot store {term!r}: only IRIs, literals and blank nodes")


def graph_quads(graphs: Mapping[URIRef, Graph], terms: OxTerms | None = None) -> list[ox.Quad]:
    """Every triple of each graph as a quad in that graph (the loop is written out: it runs
    once per triple of a pack, and a call per term cost a fifth of the write)."""
    terms = terms or OxTerms()
    seen, convert, quad = terms._seen, terms._convert, ox.Quad
    out: list[ox.Quad] = []
    append = out.append
    for name, g in graphs.items():
        gn = ox.NamedNode(str(name))
        for s, p, o in g:
            ts = seen.get(s)
            if ts is None:
                ts = seen[s] = convert(s)
            tp = seen.get(p)
            if tp is None:
                tp = seen[p] = convert(p)
            to = seen.get(o)
            if to is None:
                to = seen[o] = convert(o)
            append(quad(ts, tp, to, gn))
    return out


def is_new(store: ox.Store, names: Iterable[URIRef]) -> bool:
    """None of these graphs is in the store (not even empty)."""
    return not any(store.contains_named_graph(ox.NamedNode(str(n))) for n in names)


def local_inferences(store: ox.Store, quads: list[ox.Quad], ops: list[str],
                     targets: Iterable[URIRef]) -> list[ox.Quad]:
    """Run ``ops`` (inference steps that read only the new graphs, their own inferred
    graphs and ONTOLOGY_GRAPH) on an in-memory store holding the new quads and a copy of
    the store's ontology graph; return the quads of the ``targets`` graphs."""
    mem = ox.Store()
    mem.extend(store.quads_for_pattern(None, None, None, ox.NamedNode(str(ONTOLOGY_GRAPH))))
    mem.extend(quads)
    if ops:
        mem.update(" ;\n".join(ops))
    out: list[ox.Quad] = []
    for t in targets:
        out += mem.quads_for_pattern(None, None, None, ox.NamedNode(str(t)))
    return out


def _reach(start: Any, stored: Callable[[Any], Iterable[Any]],
           new: Mapping[Any, set[Any]]) -> set[Any]:
    """``start`` and every node a path of stored and new edges leads to. The stored edges
    are closed, so a stored step is only taken from ``start`` or after a new edge: nodes a
    stored step reached need only their new edges followed."""
    out, todo, queued, followed = {start}, [start], {start}, set()
    while todo:
        v = todo.pop()
        for w in (v, *stored(v)):
            out.add(w)
            if w in followed:
                continue
            followed.add(w)
            for x in new.get(w, ()):
                out.add(x)
                if x not in queued:
                    queued.add(x)
                    todo.append(x)
    return out


def closure_additions(store: ox.Store, added: Iterable[ox.Quad],
                      properties: Iterable[URIRef]) -> list[ox.Quad]:
    """The quads that extend INFERRED_GRAPH, closed over ``properties``, by the edges of
    ``added``: the edges themselves and every ``x p y`` with ``x p* a``, ``a p b`` new and
    ``b p* y``, paths through stored and new edges (what inference._extension computes)."""
    inf = ox.NamedNode(str(INFERRED_GRAPH))
    added = list(added)
    out: list[ox.Quad] = []
    for prop in properties:
        p = ox.NamedNode(str(prop))
        edges = {(q.subject, q.object) for q in added if q.predicate == p}
        if not edges:
            continue
        forward: dict[Any, set[Any]] = defaultdict(set)
        backward: dict[Any, set[Any]] = defaultdict(set)
        for a, b in edges:
            forward[a].add(b)
            backward[b].add(a)

        def successors(n: Any, p: Any = p) -> list[Any]:
            if isinstance(n, ox.Literal):
                return []
            return [q.object for q in store.quads_for_pattern(n, p, None, inf)]

        def predecessors(n: Any, p: Any = p) -> list[Any]:
            return [q.subject for q in store.quads_for_pattern(None, p, n, inf)]

        down, up = _memo(successors), _memo(predecessors)
        pairs: set[tuple[Any, Any]] = set()
        after: dict[Any, set[Any]] = {}
        before: dict[Any, set[Any]] = {}
        for a, b in edges:
            if b not in after:
                after[b] = _reach(b, down, forward)
            if a not in before:
                before[a] = _reach(a, up, backward)
            pairs.update((x, y) for x in before[a] for y in after[b])
        out += [ox.Quad(x, p, y, inf) for x, y in pairs]
    return out


def _memo(fn: Callable[[Any], list[Any]]) -> Callable[[Any], list[Any]]:
    seen: dict[Any, list[Any]] = {}

    def cached(n: Any) -> list[Any]:
        if n not in seen:
            seen[n] = fn(n)
        return seen[n]
    return cached


def new_graph_quads(store: ox.Store, graphs: Mapping[URIRef, Graph], drop: Iterable[URIRef],
                    derived: str) -> list[ox.Quad] | None:
    """Every quad a write of brand-new graphs adds to the named graphs (the graphs, their
    inferred graphs, the closure's new pairs), or None when the write is not one of those
    (then the caller runs it as a SPARQL Update)."""
    if list(drop) or not graphs:
        return None
    inference = derived if isinstance(derived, SourceInference) else None
    if inference is None and derived.strip():
        return None
    if inference is not None and (not inference.additions_only or inference.removed
                                  or set(inference.written) != set(graphs)):
        return None
    inferred = [inferred_graph_for(n) for n in graphs] if inference is not None else []
    if not is_new(store, [*graphs, *inferred]):
        return None
    quads = graph_quads(graphs)
    if inference is None:
        return quads
    implied = local_inferences(store, quads, local_inference_ops(inference.written), inferred)
    return quads + implied + closure_additions(store, quads + implied, inference.transitive)
