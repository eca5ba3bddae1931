"""Materialised inference: what the ontology promises, written into ``INFERRED_GRAPH``.

Plain SPARQL over the union default graph then sees the general properties and classes
without a reasoner. :func:`inference_update` returns one SPARQL Update text that drops
``INFERRED_GRAPH`` and recomputes it from the axioms in ``ONTOLOGY_GRAPH``; the store runs
it in the same transaction as every write (``Store.replace_graphs(..., derived=...)``).

What is materialised, in this order (each step reads every named graph, including the
inferred triples of the steps before it, so chains compose):

1. ``rdfs:subPropertyOf`` closure: ``?s ?p ?o`` and ``?p rdfs:subPropertyOf+ ?q`` give
   ``?s ?q ?o`` (``reportsProgressTo`` -> ``reportsTo`` -> ``accountableTo``,
   ``chairs`` -> ``memberOf`` -> ``org:memberOf``, ``present`` -> ``attendee``);
2. ``owl:inverseOf``, both directions (``oversees`` / ``overseenBy``, ``holds`` /
   ``heldBy``, ``responsibleParty`` / ``responsibleFor`` ...);
3. ``owl:SymmetricProperty`` (``partnerOf``, ``sameJudgementAs``);
4. steps 1-3 once more over the triples inferred so far, so a sub-property of an inverse
   (``ledBy`` from ``leads``, then ``responsibleParty``) is reached;
5. ``owl:TransitiveProperty`` closure, one operation per transitive property of the
   ontology (``rem:accountableTo``, ``org:transitiveSubOrganizationOf``): its edges are
   gathered into the inferred graph, then closed with a ``+`` path inside that graph (a path
   inside ``GRAPH ?g`` would not cross from one pack's graph to another's);
6. ``rdfs:subClassOf`` closure of every asserted or inferred ``rdf:type``;
7. triples that some other graph asserts are removed from the inferred graph, so it holds
   only what inference adds.

Not materialised: domains and ranges, owl:equivalent*, property chains, cardinalities.
Oxigraph evaluates an update's WHERE against the real default graph, not the union, hence
every pattern names its graph (``GRAPH ?g``).
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from graph.store import Rows, Store
from ontology.namespaces import INFERRED_GRAPH, ONTOLOGY_GRAPH, REFERENCE_GRAPH, REM

ONTOLOGY_DIR = Path(__file__).resolve().parents[1] / "ontology"
ONTOLOGY_FILES = (ONTOLOGY_DIR / "remit.ttl", ONTOLOGY_DIR / "vocabularies.ttl")
REFERENCE_FILES = tuple(sorted((ONTOLOGY_DIR / "reference").glob("*.ttl")))

INF = INFERRED_GRAPH.n3()
ONT = ONTOLOGY_GRAPH.n3()
# Full IRIs, no PREFIX: the text is appended after other operations of one request.
SUB_PROP_OF, SUB_CLASS_OF = RDFS.subPropertyOf.n3(), RDFS.subClassOf.n3()
INVERSE_OF, SYMMETRIC_PROP = OWL.inverseOf.n3(), OWL.SymmetricProperty.n3()

SUB_PROPERTY = f"""INSERT {{ GRAPH {INF} {{ ?s ?q ?o }} }} WHERE {{
  GRAPH {ONT} {{ ?p {SUB_PROP_OF}+ ?q }} FILTER(isIRI(?q))
  GRAPH ?g {{ ?s ?p ?o }} }}"""
INVERSE = f"""INSERT {{ GRAPH {INF} {{ ?o ?q ?s }} }} WHERE {{
  GRAPH {ONT} {{ {{ ?p {INVERSE_OF} ?q }} UNION {{ ?q {INVERSE_OF} ?p }} }}
  GRAPH ?g {{ ?s ?p ?o }} FILTER(!isLiteral(?o)) }}"""
SYMMETRIC = f"""INSERT {{ GRAPH {INF} {{ ?o ?p ?s }} }} WHERE {{
  GRAPH {ONT} {{ ?p a {SYMMETRIC_PROP} }}
  GRAPH ?g {{ ?s ?p ?o }} FILTER(!isLiteral(?o)) }}"""
SUB_CLASS = f"""INSERT {{ GRAPH {INF} {{ ?s a ?super }} }} WHERE {{
  GRAPH {ONT} {{ ?c {SUB_CLASS_OF}+ ?super }} FILTER(isIRI(?super))
  GRAPH ?g {{ ?s a ?c }} }}"""
REMOVE_ASSERTED = f"""DELETE {{ GRAPH {INF} {{ ?s ?p ?o }} }} WHERE {{
  GRAPH {INF} {{ ?s ?p ?o }} GRAPH ?g {{ ?s ?p ?o }} FILTER(?g != {INF}) }}"""


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


def _transitive(prop: URIRef) -> str:
    p = prop.n3()
    return (f"INSERT {{ GRAPH {INF} {{ ?a {p} ?b }} }} WHERE {{ GRAPH ?g {{ ?a {p} ?b }} }} ;\n"
            f"INSERT {{ GRAPH {INF} {{ ?a {p} ?b }} }} WHERE {{ "
            f"{{ SELECT DISTINCT ?a ?b WHERE {{ GRAPH {INF} {{ ?a {p}+ ?b }} }} }} }}")


def inference_update(ontology: Graph | None = None) -> str:
    """The SPARQL Update that recomputes ``INFERRED_GRAPH`` (steps in the module docstring)."""
    ops = [f"DROP SILENT GRAPH {INF}"]
    first = [SUB_PROPERTY, INVERSE, SYMMETRIC]
    # The second round needs only what the first one added (asserted triples are done).
    ops += first + [op.replace("GRAPH ?g {", f"GRAPH {INF} {{") for op in first]
    ops += [_transitive(p) for p in transitive_properties(ontology)]
    ops += [SUB_CLASS, REMOVE_ASSERTED]
    return " ;\n".join(ops)


def files_digest(paths: tuple[Path, ...]) -> str:
    """SHA-256 over the files' names and bytes: changes when any of them changes."""
    h = hashlib.sha256()
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

    ont_digest = files_digest(ONTOLOGY_FILES)
    ref_digest = files_digest(REFERENCE_FILES)
    if (_stored_digest(store, ONTOLOGY_GRAPH) == ont_digest
            and _stored_digest(store, REFERENCE_GRAPH) == ref_digest):
        return False
    store.replace_graphs({
        ONTOLOGY_GRAPH: _with_digest(ontology_graph(), ONTOLOGY_GRAPH, ont_digest),
        REFERENCE_GRAPH: _with_digest(reference_graph(), REFERENCE_GRAPH, ref_digest),
    }, derived=inference_update())
    return True
