"""Materialised inference: what the ontology promises, written into inferred graphs.

Plain SPARQL over the union default graph then sees the general properties and classes
without a reasoner. Why per source graph: every rule but one reads a single asserted triple
(plus the ontology), so what a pack implies depends on that pack alone. Each named graph
``G`` gets its own inferred graph (:func:`inferred_graph_for`, holding
``<inferred-G> prov:wasDerivedFrom G``), recomputed only when ``G`` is written; ingesting
one pack into a large store then costs in proportion to the pack, not to the store. The one
rule that joins across graphs, the closure of transitive properties, is recomputed into
``INFERRED_GRAPH`` at each write from those properties' edges only (an index range, not a
scan of the store).

:func:`source_inference_update` is the update for writing (or removing) one graph, run in
the same transaction as the write (``Store.replace_graphs(..., derived=...)``);
:func:`inference_update` recomputes everything (when the ontology changes, or after a
hand-made load).

What is materialised, in this order, per source graph (chains compose inside it):

1. ``rdfs:subPropertyOf`` closure: ``?s ?p ?o`` and ``?p rdfs:subPropertyOf+ ?q`` give
   ``?s ?q ?o`` (``reportsProgressTo`` -> ``reportsTo`` -> ``accountableTo``,
   ``chairs`` -> ``memberOf`` -> ``org:memberOf``, ``present`` -> ``attendee``);
2. ``owl:inverseOf``, both directions (``oversees`` / ``overseenBy``, ``holds`` /
   ``heldBy``, ``responsibleParty`` / ``responsibleFor`` ...);
3. ``owl:SymmetricProperty`` (``partnerOf``, ``sameJudgementAs``);
4. steps 1-3 once more over the triples inferred so far, so a sub-property of an inverse
   (``ledBy`` from ``leads``, then ``responsibleParty``) is reached;
5. ``rdfs:subClassOf`` closure of every asserted or inferred ``rdf:type``;
6. triples the source graph itself asserts are removed, so its inferred graph holds only
   what inference adds;

and then over the whole store:

7. ``owl:TransitiveProperty`` closure, per transitive property of the ontology
   (``rem:accountableTo``, ``org:transitiveSubOrganizationOf``): its edges, asserted or
   inferred in any graph, are gathered into ``INFERRED_GRAPH`` and closed with a ``+`` path
   inside it (a path inside ``GRAPH ?g`` would not cross from one pack to another). The
   graph keeps every edge, so it stays closed: a write that only adds triples (a new pack)
   extends it from its new edges; one that removes triples recomputes it.

Not materialised: domains and ranges, owl:equivalent*, property chains, cardinalities.
Updates read named graphs (``GRAPH ?g``), never the default graph's copy of the union.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, PROV, RDF, RDFS

from graph.store import Rows, Store
from ontology.namespaces import INFERRED_GRAPH, ONTOLOGY_GRAPH, REFERENCE_GRAPH, REM

ONTOLOGY_DIR = Path(__file__).resolve().parents[1] / "ontology"
ONTOLOGY_FILES = (ONTOLOGY_DIR / "remit.ttl", ONTOLOGY_DIR / "vocabularies.ttl")
REFERENCE_FILES = tuple(sorted((ONTOLOGY_DIR / "reference").glob("*.ttl")))

INF = INFERRED_GRAPH.n3()
ONT = ONTOLOGY_GRAPH.n3()
INF_PREFIX = f"{INFERRED_GRAPH}/"
# Full IRIs, no PREFIX: the text is appended after other operations of one request.
SUB_PROP_OF, SUB_CLASS_OF = RDFS.subPropertyOf.n3(), RDFS.subClassOf.n3()
INVERSE_OF, SYMMETRIC_PROP = OWL.inverseOf.n3(), OWL.SymmetricProperty.n3()
DERIVED_FROM = PROV.wasDerivedFrom.n3()

#: The ontology's closures (sub-properties, sub-classes, inverses both ways, symmetric
#: properties), written at the start of a request and dropped at its end: each rule then
#: joins a plain graph instead of evaluating a property path over the ontology per source
#: graph (a third of the time per rule). Never committed, so never seen by readers.
AXIOMS = URIRef(f"{INFERRED_GRAPH}-axioms").n3()
AXIOM_OPS = [
    f"DROP SILENT GRAPH {AXIOMS}",
    f"INSERT {{ GRAPH {AXIOMS} {{ ?p {SUB_PROP_OF} ?q }} }} WHERE {{ GRAPH {ONT} "
    f"{{ ?p {SUB_PROP_OF}+ ?q }} FILTER(isIRI(?q)) }}",
    f"INSERT {{ GRAPH {AXIOMS} {{ ?c {SUB_CLASS_OF} ?d }} }} WHERE {{ GRAPH {ONT} "
    f"{{ ?c {SUB_CLASS_OF}+ ?d }} FILTER(isIRI(?d)) }}",
    f"INSERT {{ GRAPH {AXIOMS} {{ ?p {INVERSE_OF} ?q . ?q {INVERSE_OF} ?p }} }} WHERE {{ "
    f"GRAPH {ONT} {{ ?p {INVERSE_OF} ?q }} }}",
    f"INSERT {{ GRAPH {AXIOMS} {{ ?p a {SYMMETRIC_PROP} }} }} WHERE {{ GRAPH {ONT} "
    f"{{ ?p a {SYMMETRIC_PROP} }} }}",
]

# Each rule reads graph SRC and writes graph DST.
SUB_PROPERTY = """INSERT { GRAPH DST { ?s ?q ?o } } WHERE { GRAPH SRC { ?s ?p ?o }
  GRAPH AXIOMS { ?p SUBPROP ?q } }"""
INVERSE = """INSERT { GRAPH DST { ?o ?q ?s } } WHERE { GRAPH SRC { ?s ?p ?o }
  FILTER(!isLiteral(?o)) GRAPH AXIOMS { ?p INVERSE ?q } }"""
SYMMETRIC = """INSERT { GRAPH DST { ?o ?p ?s } } WHERE { GRAPH SRC { ?s ?p ?o }
  FILTER(!isLiteral(?o)) GRAPH AXIOMS { ?p a SYMMETRIC } }"""
SUB_CLASS = """INSERT { GRAPH DST { ?s a ?super } } WHERE { GRAPH SRC { ?s a ?c }
  GRAPH AXIOMS { ?c SUBCLASS ?super } }"""
REMOVE_ASSERTED = """DELETE { GRAPH DST { ?s ?p ?o } } WHERE { GRAPH SRC { ?s ?p ?o }
  GRAPH DST { ?s ?p ?o } }"""
def inferred_graph_for(source: URIRef) -> URIRef:
    """The graph holding what ``source`` implies (the same name SPARQL's SHA1 gives)."""
    return URIRef(INF_PREFIX + hashlib.sha1(str(source).encode("utf-8")).hexdigest()[:16])


def _rule(template: str, src: str, dst: str) -> str:
    for key, value in (("SRC", src), ("DST", dst), ("AXIOMS", AXIOMS), ("SUBPROP", SUB_PROP_OF),
                       ("INVERSE", INVERSE_OF), ("SYMMETRIC", SYMMETRIC_PROP),
                       ("SUBCLASS", SUB_CLASS_OF)):
        template = template.replace(key, value)
    return template


def _local_ops(src: str, dst: str) -> list[str]:
    """Steps 1-6 from graph ``src`` into graph ``dst``."""
    rules = [SUB_PROPERTY, INVERSE, SYMMETRIC]
    ops = [_rule(t, src, dst) for t in rules]
    ops += [_rule(t, dst, dst) for t in rules]  # round two reads what round one added
    ops += [_rule(SUB_CLASS, src, dst), _rule(SUB_CLASS, dst, dst),
            _rule(REMOVE_ASSERTED, src, dst)]
    return ops


def _closure(prop: URIRef) -> list[str]:
    """Every edge of ``prop`` in any graph, then the closure, in INFERRED_GRAPH."""
    p = prop.n3()
    return [f"INSERT {{ GRAPH {INF} {{ ?a {p} ?b }} }} WHERE {{ GRAPH ?g {{ ?a {p} ?b }} }}",
            f"INSERT {{ GRAPH {INF} {{ ?a {p} ?b }} }} WHERE {{ "
            f"{{ SELECT DISTINCT ?a ?b WHERE {{ GRAPH {INF} {{ ?a {p}+ ?b }} }} }} }}"]


def _extension(prop: URIRef, graphs: list[URIRef]) -> list[str]:
    """Extend a closed INFERRED_GRAPH by the edges ``graphs`` add: the edges first, then
    for each new edge a -> b every x ->* a with every b ->* y (paths inside the graph, so
    through other new edges too). Complete for additions only: an edge that went may leave
    pairs that no longer hold, so writes that remove triples recompute the closure."""
    p = prop.n3()
    values = " ".join(g.n3() for g in graphs)
    return [f"INSERT {{ GRAPH {INF} {{ ?a {p} ?b }} }} WHERE {{ VALUES ?w {{ {values} }} "
            f"GRAPH ?w {{ ?a {p} ?b }} }}",
            f"INSERT {{ GRAPH {INF} {{ ?x {p} ?y }} }} WHERE {{ "
            f"{{ SELECT DISTINCT ?x ?y WHERE {{ VALUES ?w {{ {values} }} GRAPH ?w {{ ?a {p} ?b }} "
            f"GRAPH {INF} {{ ?x {p}* ?a . ?b {p}* ?y }} }} }} }}"]


def _global_ops(ontology: Graph | None, added: list[URIRef] | None = None) -> list[str]:
    """Step 7: the closure of the transitive properties across graphs, in INFERRED_GRAPH
    (every edge, asserted or not, so the graph stays closed): recomputed, or extended when
    ``added`` lists the graphs of a write that only adds triples."""
    props = transitive_properties(ontology)
    if added is not None:
        return [op for p in props for op in _extension(p, added)] if added else []
    return [f"DROP SILENT GRAPH {INF}", *(op for p in props for op in _closure(p))]


@lru_cache(maxsize=1)
def ontology_graph() -> Graph:
    """``remit.ttl`` and ``vocabularies.ttl`` as one graph (what ONTOLOGY_GRAPH holds)."""
    g = Graph()
    for path in ONTOLOGY_FILES:
        g.parse(path, format="turtle")
    return g


def transitive_properties(ontology: Graph | None = None) -> list[URIRef]:
    """Properties the ontology declares ``owl:TransitiveProperty``, sorted."""
    g = ontology if ontology is not None else ontology_graph()
    return sorted(p for p in g.subjects(RDF.type, OWL.TransitiveProperty)
                  if isinstance(p, URIRef))


class SourceInference(str):
    """The text of :func:`source_inference_update`, which any backend runs as SPARQL
    Update, carrying what it was made from: a backend that can compute the same result
    more cheaply outside the engine (the embedded store writing brand-new graphs, see
    graph/additions.py) reads ``written``, ``removed`` and ``additions_only``; any other
    code sees a plain string."""

    written: tuple[URIRef, ...]
    removed: tuple[URIRef, ...]
    additions_only: bool
    #: the properties whose closure the text maintains in INFERRED_GRAPH
    transitive: tuple[URIRef, ...]

    def __new__(cls, text: str, written: Iterable[URIRef] = (),
                removed: Iterable[URIRef] = (), additions_only: bool = False,
                transitive: Iterable[URIRef] = ()) -> SourceInference:
        self = super().__new__(cls, text)
        self.written, self.removed = tuple(written), tuple(removed)
        self.additions_only, self.transitive = additions_only, tuple(transitive)
        return self


def local_inference_ops(written: Iterable[URIRef] = (),
                        removed: Iterable[URIRef] = ()) -> list[str]:
    """Steps 1-6 for each written graph (and the drop of each removed graph's inferred
    graph): what a graph implies on its own, without the cross-graph closure. Reads only
    the written graphs, their inferred graphs and ONTOLOGY_GRAPH."""
    written, removed = list(written), list(removed)
    ops = list(AXIOM_OPS) if written else []
    for source in removed:
        ops.append(f"DROP SILENT GRAPH {inferred_graph_for(source).n3()}")
    for source in written:
        dst = inferred_graph_for(source).n3()
        ops += [f"DROP SILENT GRAPH {dst}",
                f"INSERT DATA {{ GRAPH {dst} {{ {dst} {DERIVED_FROM} {source.n3()} }} }}",
                *_local_ops(source.n3(), dst)]
    if written:
        ops.append(f"DROP SILENT GRAPH {AXIOMS}")
    return ops


def source_inference_update(written: Iterable[URIRef] = (), removed: Iterable[URIRef] = (),
                            ontology: Graph | None = None,
                            additions_only: bool = False) -> SourceInference:
    """The update to run with a write of the graphs ``written`` and the removal of
    ``removed``: recompute what each implies into its own inferred graph, then the
    transitive closure. ``additions_only`` says the write removes no triple (a new pack):
    the closure is then extended from the new edges instead of recomputed, so its cost
    follows the pack, not the store."""
    written, removed = list(written), list(removed)
    additions_only = additions_only and not removed
    added = None
    if additions_only:
        added = [g for w in written for g in (w, inferred_graph_for(w))]
    text = " ;\n".join(local_inference_ops(written, removed) + _global_ops(ontology, added))
    return SourceInference(text, written, removed, additions_only,
                           transitive_properties(ontology))


def inference_update(store: Store, ontology: Graph | None = None,
                     written: Iterable[URIRef] = (), removed: Iterable[URIRef] = ()) -> str:
    """The update that recomputes every inferred graph of ``store`` (after a change of the
    ontology, or a hand-made load), with the graphs the same request writes or removes.
    Graphs are named, so the default graph's copy of the union is kept in step precisely
    (graph/mirror.py)."""
    names = (set(store.graph_names()) | set(written)) - set(removed)
    drops = [f"DROP SILENT GRAPH {g.n3()}" for g in sorted(names) if _is_inferred(g)]
    sources = sorted(g for g in names if not _is_inferred(g))
    return " ;\n".join([*drops, source_inference_update(sources, ontology=ontology)])


def _is_inferred(name: URIRef) -> bool:
    return name == INFERRED_GRAPH or str(name).startswith(INF_PREFIX)


def inferred_graphs(store: Store) -> list[URIRef]:
    """The store's inferred graphs: one per source graph, and INFERRED_GRAPH."""
    return [g for g in store.graph_names() if _is_inferred(g)]


#: Changed when the inferred graphs are laid out differently: it is part of the ontology
#: graph's digest, so a store inferred the old way is recomputed on its next write.
INFERENCE_LAYOUT = "per-source graphs, closed transitive graph (2)"


def files_digest(paths: tuple[Path, ...], salt: str = "") -> str:
    """SHA-256 over the files' names and bytes (and ``salt``): changes when any of them
    changes."""
    h = hashlib.sha256(salt.encode("utf-8"))
    for p in paths:
        h.update(p.name.encode() + b"\0" + p.read_bytes() + b"\0")
    return h.hexdigest()


def _with_digest(g: Graph, graph_iri: URIRef, digest: str) -> Graph:
    out = Graph()
    out += g
    out.add((graph_iri, REM.sha256, Literal(digest)))
    return out


def _stored_digest(store: Store, graph_iri: URIRef) -> str | None:
    rows = store.query(f"SELECT ?h WHERE {{ GRAPH {graph_iri.n3()} "
                       f"{{ {graph_iri.n3()} {REM.sha256.n3()} ?h }} }}")
    assert isinstance(rows, Rows)
    values = rows.values("h")
    return str(values[0]) if values else None


def ensure_ontology(store: Store) -> bool:
    """Load the ontology + vocabularies into ONTOLOGY_GRAPH and the reference data into
    REFERENCE_GRAPH when missing or changed (a sha256 of the files is kept in each graph),
    recomputing inferences in the same transaction. Returns True when it wrote."""
    from ontology.reference import reference_graph

    ont_digest = files_digest(ONTOLOGY_FILES, INFERENCE_LAYOUT)
    ref_digest = files_digest(REFERENCE_FILES)
    if (_stored_digest(store, ONTOLOGY_GRAPH) == ont_digest
            and _stored_digest(store, REFERENCE_GRAPH) == ref_digest):
        return False
    store.replace_graphs({
        ONTOLOGY_GRAPH: _with_digest(ontology_graph(), ONTOLOGY_GRAPH, ont_digest),
        REFERENCE_GRAPH: _with_digest(reference_graph(), REFERENCE_GRAPH, ref_digest),
    }, derived=inference_update(store, written=[ONTOLOGY_GRAPH, REFERENCE_GRAPH]))
    return True
