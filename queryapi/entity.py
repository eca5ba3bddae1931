"""Entity pages: every IRI the project mints, ``{base}id/{type}/{key}``, dereferences here.

HTML for browsers (label, types, every property with links, the provenance excerpts with
their source document and line numbers, neighbours); Turtle, N-Triples, RDF/XML or JSON-LD
by Accept. The IRI looked up is always built from ``settings.base_iri``, whatever host
serves the page, so a local server answers for the published IRIs.
"""

from __future__ import annotations

import re
from typing import Annotated, Any

from fastapi import APIRouter, Path, Request
from fastapi.responses import Response
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF

from graph.store import Rows
from ontology.namespaces import DCTERMS, ENTITY_TYPES, FOAF, RDFS, REM, SKOS, VOCAB, entity_iri
from queryapi import negotiation as neg
from queryapi.errors import ApiError
from queryapi.jsonld import prefixes, prologue, to_jsonld
from queryapi.state import state
from queryapi.templating import render

router = APIRouter()

KEY = re.compile(r"^[a-z0-9][a-z0-9-]{0,199}\Z")  # \Z: "$" would let a final newline in
CONCEPT = re.compile(r"^[A-Za-z0-9_.-]{1,100}\Z")
LABELS = (RDFS.label, SKOS.prefLabel, FOAF.name, DCTERMS.title, REM.recommendationId, REM.reference,
          REM.fileName, REM.text, REM.excerptText)

OUT = prologue() + """SELECT ?p ?o (SAMPLE(?l) AS ?label) WHERE {
  ?s ?p ?o OPTIONAL { ?o rdfs:label|dcterms:title ?l }
} GROUP BY ?s ?p ?o ORDER BY ?p ?o"""
IN = prologue() + """SELECT ?x ?p (SAMPLE(?l) AS ?label) WHERE {
  ?x ?p ?s FILTER(isIRI(?x)) OPTIONAL { ?x rdfs:label|dcterms:title|rem:text ?l }
} GROUP BY ?s ?x ?p ORDER BY ?p ?x LIMIT 200"""
PROVENANCE = prologue() + """SELECT ?ex ?text ?start ?end ?doc ?title ?file WHERE {
  { ?s rem:evidence ?ex } UNION { ?s a rem:Excerpt BIND(?s AS ?ex) }
  ?ex rem:excerptText ?text .
  OPTIONAL { ?ex rem:startLine ?start } OPTIONAL { ?ex rem:endLine ?end }
  OPTIONAL { ?ex rem:inDocument ?doc
    OPTIONAL { ?doc dcterms:title ?title }
    OPTIONAL { ?doc rem:inPack ?pack . ?pack rem:fileName ?file } }
} ORDER BY ?file ?start"""
DESCRIBE = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"


def resolve(request: Request, type_: str, key: str) -> URIRef:
    """The IRI of ``/id/{type}/{key}``: 404 for an unknown type, 400 for a malformed key."""
    if type_ not in ENTITY_TYPES:
        raise ApiError(404, f"no entity type {type_!r}; types: {', '.join(ENTITY_TYPES)}")
    if not KEY.match(key):
        raise ApiError(400, f"malformed key {key[:80]!r}: keys are lower-case letters, digits "
                       "and hyphens")
    return entity_iri(state(request).settings.base_iri, type_, key)


def json_pattern(regex: re.Pattern[str]) -> str:
    """``regex`` as JSON Schema spells it (ECMA-262 has no ``\\Z``; its ``$`` is the end)."""
    return regex.pattern.removesuffix("\\Z") + "$"


#: Path parameters as the OpenAPI document states them; checked here, for this module's 400.
KeyP = Annotated[str, Path(json_schema_extra={"pattern": json_pattern(KEY)})]


@router.get("/vocab/{scheme}/{concept}", summary="A vocabulary concept (HTML or RDF)")
def concept(scheme: KeyP, concept: Annotated[str, Path(json_schema_extra={
        "pattern": json_pattern(CONCEPT)})], request: Request) -> Response:
    if not KEY.match(scheme) or not CONCEPT.match(concept):
        raise ApiError(400, f"malformed concept {scheme[:40]!r}/{concept[:40]!r}")
    return describe(request, URIRef(f"{VOCAB}{scheme}/{concept}"))


def _rows(result: Any) -> list[dict]:
    assert isinstance(result, Rows)
    return result.rows


def entity_data(request: Request, iri: URIRef) -> dict[str, Any]:
    store = state(request).reader()
    out = _rows(store.query(OUT, bindings={"s": iri}))
    incoming = _rows(store.query(IN, bindings={"s": iri}))
    if not out and not incoming:
        key = iri.rsplit("/", 1)[-1]
        raise ApiError(404, f"nothing is known about {iri} ({key})")
    types = [r["o"] for r in out if r["p"] == RDF.type]
    props = [r for r in out if r["p"] != RDF.type]
    label = next((str(r["o"]) for p in LABELS for r in props
                  if r["p"] == p and isinstance(r["o"], Literal)), iri.rsplit("/", 1)[-1])
    base = state(request).settings.base_iri + "id/"
    neighbours = ([("→", r["p"], r["o"], r.get("label")) for r in props
                   if str(r["o"]).startswith(base)]
                  + [("←", r["p"], r["x"], r.get("label")) for r in incoming])
    provenance = _rows(store.query(PROVENANCE, bindings={"s": iri}))
    return {"iri": iri, "label": label, "types": types, "props": props,
            "incoming": incoming, "neighbours": neighbours[:60], "provenance": provenance}


@router.get("/id/{type_}/{key}", summary="Entity page (HTML) or its description (RDF by Accept)",
            responses={200: {"content": {"text/html": {}, "text/turtle": {},
                                         "application/ld+json": {}}}})
def entity(type_: Annotated[str, Path(json_schema_extra={"enum": list(ENTITY_TYPES)})],
           key: KeyP, request: Request) -> Response:
    return describe(request, resolve(request, type_, key))


def describe(request: Request, iri: URIRef) -> Response:
    """The page (HTML) or description (RDF by Accept) of one IRI."""
    accept = request.headers.get("accept")
    fmt = request.query_params.get("format")
    if not fmt and neg.wants_html(accept):
        return render(request, "entity.html", **entity_data(request, iri))
    media = neg.choose(accept, neg.GRAPH_TYPES, fmt)
    st = state(request)
    g = st.reader().query(DESCRIBE, bindings={"s": iri})
    if not isinstance(g, Graph) or len(g) == 0:
        raise ApiError(404, f"nothing is known about {iri}")
    for p, ns in prefixes(st.settings.base_iri).items():
        g.bind(p, ns)
    if media == neg.JSONLD:
        body = to_jsonld(g, st.settings.base_iri, str(request.base_url) + "context.jsonld")
    else:
        body = g.serialize(format={neg.TURTLE: "turtle", neg.NTRIPLES: "nt",
                                   neg.RDFXML: "xml"}[media], encoding="utf-8")
    return Response(body, media_type=media, headers={"Vary": "Accept"})
