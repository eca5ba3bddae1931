"""The embedded store's default graph: a de-duplicated copy of the union of its named graphs.

Why: every pack graph restates the people, bodies and posts it names, so one person's name
or one body's label sits in hundreds of graphs. pyoxigraph's ``use_default_graph_as_union``
returns a triple once per graph holding it, and a join through shared nodes multiplies:
on 1M synthetic triples one inspection's recommendations with owners and bodies gave 8,768
rows instead of 70 and took 20 ms instead of 0.9 ms (see BENCHMARKS.md). SPARQL's RDF merge
is a set; keeping the union materialised as the store's real default graph makes queries
with no dataset read a set, with the engine's own indexes.

The copy is kept in step inside the same update request as every write, so readers (which
open committed snapshots) never see the two disagree:

* before a write, the triples of each graph it rewrites whole (dropped, replaced, or
  written by a derived update) are deleted from the default graph unless a graph the write
  leaves alone also states them (:func:`unmirror_graphs`); for a graph changed by its
  difference only, the same for the removed triples (:func:`unmirror_lines`);
* after it, the rewritten graphs are copied in again (:func:`mirror_graphs`), and the added
  triples of a graph changed by difference are inserted (:func:`mirror_lines`).

A write that only adds brand-new graphs (a new pack, graph/additions.py) has nothing to
unmirror: it is one ``Store.extend`` of each quad and its copy (:func:`with_default_copies`).

An arbitrary SPARQL Update (the endpoint's, with a token) may write anywhere, so it is
followed by :data:`RESYNC`, which compares the whole store: correct, and slow on a large
store, which is acceptable for the rare hand-made update.

The price is a second copy of every distinct triple: about twice the disk and a slower bulk
load, measured in BENCHMARKS.md.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

import pyoxigraph as ox
from rdflib import URIRef

from graph.bindings import iri_text

#: Makes the default graph equal the set of triples of all named graphs.
RESYNC = ("DELETE { ?s ?p ?o } WHERE { ?s ?p ?o FILTER NOT EXISTS { GRAPH ?g { ?s ?p ?o } } }"
          " ;\nINSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } "
          "FILTER NOT EXISTS { ?s ?p ?o } }")

# Graphs a generated update writes: the graph a quad template or DROP/CLEAR names (the
# project's generated templates name one graph each); and the forms that may write graphs
# they do not name.
_NAMED = re.compile(r"(?:INSERT|DELETE)\s*(?:DATA\s*)?\{\s*GRAPH\s*<([^>]*)>"
                    r"|(?:DROP|CLEAR)\s+(?:SILENT\s+)?GRAPH\s*<([^>]*)>", re.IGNORECASE)
_UNNAMED = re.compile(r"\b(?:INSERT|DELETE)\s*(?:DATA\s*)?\{\s*(?:GRAPH\s*[?$]|[^G\s])"
                      r"|\bDELETE\s+WHERE\b"
                      r"|\b(?:DROP|CLEAR)\s+(?:SILENT\s+)?(?:ALL|NAMED|DEFAULT)\b"
                      r"|\b(?:WITH|COPY|MOVE|ADD|LOAD)\b", re.IGNORECASE)


def written_graphs(update: str) -> set[URIRef] | None:
    """The graphs a generated update (e.g. inference) writes, or None when it may write
    graphs it does not name (a ``GRAPH ?g`` or default-graph template, ``WITH``,
    ``DROP ALL`` ...): the caller then resynchronises the whole default graph. Meant for
    the project's own generated updates, whose quad templates name one graph each."""
    if _UNNAMED.search(update):
        return None
    return {URIRef(a or b) for a, b in _NAMED.findall(update)}


def _values(names: Iterable[URIRef]) -> str:
    return " ".join(iri_text(n) for n in sorted(names))


def _not_in(names: Iterable[URIRef]) -> str:
    listed = ", ".join(iri_text(n) for n in sorted(names))
    return f"FILTER(?g NOT IN ({listed}))" if listed else ""


def unmirror_graphs(graphs: Iterable[URIRef], keep_out: Iterable[URIRef] = ()) -> str:
    """Delete from the default graph what ``graphs`` state and no graph outside them and
    ``keep_out`` states; "" when there are none."""
    graphs = set(graphs)
    if not graphs:
        return ""
    return (f"DELETE {{ ?s ?p ?o }} WHERE {{ VALUES ?r {{ {_values(graphs)} }} "
            f"GRAPH ?r {{ ?s ?p ?o }} FILTER NOT EXISTS {{ GRAPH ?g {{ ?s ?p ?o }} "
            f"{_not_in(graphs | set(keep_out))} }} }}")


def _rows(lines: Iterable[str]) -> str:
    # Each line is "s p o .\n" with N-Triples terms, which are SPARQL terms too.
    return "\n".join(f"({line.rstrip().removesuffix('.').rstrip()})" for line in sorted(lines))


def unmirror_lines(lines: Iterable[str], keep_out: Iterable[URIRef]) -> str:
    """Delete from the default graph these triples (N-Triples lines without blank nodes)
    unless a graph outside ``keep_out`` states them; "" for none."""
    rows = _rows(lines)
    if not rows:
        return ""
    return (f"DELETE {{ ?s ?p ?o }} WHERE {{ VALUES (?s ?p ?o) {{\n{rows} }} "
            f"FILTER NOT EXISTS {{ GRAPH ?g {{ ?s ?p ?o }} {_not_in(keep_out)} }} }}")


def mirror_graphs(graphs: Iterable[URIRef]) -> str:
    """Copy the triples of ``graphs`` into the default graph; "" when there are none."""
    graphs = set(graphs)
    if not graphs:
        return ""
    return (f"INSERT {{ ?s ?p ?o }} WHERE {{ VALUES ?r {{ {_values(graphs)} }} "
            "GRAPH ?r { ?s ?p ?o } }")


def mirror_lines(lines: Iterable[str]) -> str:
    """Insert these triples (N-Triples lines) into the default graph; "" for none."""
    body = "".join(sorted(lines))
    return f"INSERT DATA {{\n{body}}}" if body else ""


def with_default_copies(quads: Iterable[ox.Quad]) -> Iterator[ox.Quad]:
    """Each quad, then its triple in the default graph (for bulk loads)."""
    default = ox.DefaultGraph()
    for q in quads:
        yield q
        yield ox.Quad(q.subject, q.predicate, q.object, default)


def is_mirrored(store: ox.Store) -> bool:
    """An empty store, or one whose default graph holds something: stores written before
    the copy existed keep everything in named graphs and are read as a union instead."""
    default = ox.DefaultGraph()
    if next(iter(store.quads_for_pattern(None, None, None, default)), None) is not None:
        return True
    return next(iter(store.quads_for_pattern(None, None, None, None)), None) is None


def named_quad_count(store: ox.Store) -> int:
    """Quads in the named graphs, leaving the default graph's copy out: two scans by the
    engine (about 1 s at 1M triples; iterating the copy in Python took 8 s)."""
    res: Any = store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    return len(store) - int(next(iter(res))["n"].value)
