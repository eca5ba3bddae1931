"""What each kind of write to the embedded store sends to the engine, with the default
graph's copy of the union kept in step (graph/mirror.py, docs/decisions/0004).

Apart from ``graph/embedded.py`` (the store's lifecycle, snapshots and reads) because the
write paths are the part that is tuned for speed: a replacement becomes either one
``Store.extend`` of precomputed quads (brand-new graphs, graph/additions.py) or one SPARQL
Update; a file load streams parsed quads into one transaction; a bulk load streams them,
with their copies, into the engine's bulk loader.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import Graph, URIRef

from graph import mirror
from graph.additions import new_graph_quads
from graph.oxterms import RDF_FORMATS, SUFFIX_FORMATS
from graph.store import StoreError
from graph.updates import lines_without_bnodes, replace_update
from ontology.namespaces import LOADED_GRAPH


def replace_plan(store: ox.Store, graphs: Mapping[URIRef, Graph], drop: list[URIRef],
                 derived: str) -> list[ox.Quad] | str:
    """The quads to add (their default-graph copies still to be made) when the write only
    adds brand-new graphs; otherwise the SPARQL Update that makes the replacement, runs
    ``derived`` and moves the default graph's copy, all in one request."""
    added = new_graph_quads(store, graphs, drop, derived)
    if added is not None:
        return added
    lines = {name: None if name in drop else lines_without_bnodes(g)
             for name, g in graphs.items()}
    current = {name: None if new is None else graph_lines(store, name)
               for name, new in lines.items()}
    body = replace_update(graphs, drop, derived, current, lines)
    derived_writes = mirror.written_graphs(derived) if derived.strip() else set()
    if derived_writes is None:
        return f"{body} ;\n{mirror.RESYNC}"
    whole = {*drop, *derived_writes, *(n for n, old in current.items() if old is None)}
    diffs = {n: (old, lines[n]) for n, old in current.items() if old is not None}
    removed = {line for old, new in diffs.values() for line in old - new}
    inserted = {line for old, new in diffs.values() for line in new - old}
    ops = [mirror.unmirror_graphs(whole, keep_out=diffs),
           mirror.unmirror_lines(removed, keep_out=whole | set(diffs)),
           body,
           mirror.mirror_graphs(whole - set(drop)),
           mirror.mirror_lines(inserted)]
    return " ;\n".join(op for op in ops if op)


def graph_lines(store: ox.Store, name: URIRef) -> set[str] | None:
    """The graph's triples as N-Triples lines; None if it has blank nodes or is absent
    (then the graph is dropped and inserted whole). Oxigraph writes nearly every term as
    updates.triples_text does; the rare one it writes otherwise (a lower-cased language
    tag, an escaped control character) is deleted and inserted again."""
    lines = set()
    for q in store.quads_for_pattern(None, None, None, ox.NamedNode(str(name))):
        if isinstance(q.subject, ox.BlankNode) or isinstance(q.object, ox.BlankNode):
            return None
        lines.add(f"{q.subject} {q.predicate} {q.object} .\n")
    return lines or None


def file_quads(path: Path, graph: URIRef | None) -> Iterator[ox.Quad]:
    """The file's quads, parsed as they are read: triples it puts in no named graph (or
    every triple, for a triples format given ``graph``) go to ``graph``, else to
    ``LOADED_GRAPH``, since the default graph is the union of the named graphs."""
    fmt = SUFFIX_FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise StoreError(f"{path}: unknown RDF format (use .ttl, .nt, .nq, .trig or .rdf)")
    target = ox.NamedNode(str(graph if graph is not None else LOADED_GRAPH))
    regraph = graph is not None and fmt not in (ox.RdfFormat.N_QUADS, ox.RdfFormat.TRIG)
    for t in ox.parse(path=str(path), format=fmt, rename_blank_nodes=True):
        g = getattr(t, "graph_name", None)
        if regraph or g is None or isinstance(g, ox.DefaultGraph):
            g = target
        yield ox.Quad(t.subject, t.predicate, t.object, g)


def bulk_load(store: ox.Store, path: Any, fmt: str) -> None:
    """One pass of the engine's bulk loader over each parsed quad and its default-graph
    copy (triples in no named graph go to ``LOADED_GRAPH``, blank nodes are renamed as a
    transactional load does). Not atomic, like any bulk load.

    Measured (1M and 100k synthetic quads, CPU seconds, same run): the engine's loader is
    the cost, not Python: the file alone through ``Store.bulk_load`` in Rust and through
    ``bulk_extend`` of ``parse`` differ by under 10 %; the copies cost as much as the named
    quads whichever way they are written, and a second pass for them (from a second parse,
    or read back from the store) cost the same or up to 50 % more CPU than this single
    batch, for half the peak memory."""
    if fmt not in RDF_FORMATS:
        raise StoreError(f"cannot bulk-load {fmt}; use one of {', '.join(RDF_FORMATS)}")
    loaded = ox.NamedNode(str(LOADED_GRAPH))

    def quads() -> Iterator[ox.Quad]:
        for q in ox.parse(path=str(path), format=RDF_FORMATS[fmt], rename_blank_nodes=True):
            g = getattr(q, "graph_name", None)
            if g is None or isinstance(g, ox.DefaultGraph):
                yield ox.Quad(q.subject, q.predicate, q.object, loaded)
            else:
                yield q

    try:
        store.bulk_extend(mirror.with_default_copies(quads()))
    except SyntaxError as exc:
        raise StoreError(f"{path}: not valid RDF: {exc}") from exc
