"""Descriptions of the service: the SPARQL Service Description (GET /sparql with no query),
VoID with live counts (/.well-known/void) and the JSON-LD context (/context.jsonld).

Counts are cached per store state, so a VoID request after an ingest is fresh and repeated
requests cost nothing."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, XSD

from graph.store import Rows
from ontology.namespaces import REM, SD, VOID
from queryapi import negotiation as neg
from queryapi.jsonld import context, prefixes, to_jsonld
from queryapi.state import AppState, state

router = APIRouter()

#: Classes whose instance counts VoID reports as class partitions.
COUNTED = (REM.Body, REM.Person, REM.Post, REM.Recommendation, REM.Action, REM.Meeting,
           REM.Resolution, REM.Inspection, REM.KeyDecision, REM.Document, REM.Pack,
           REM.Excerpt)
_W3C = "http://www.w3.org/ns/formats/"
_cache: dict[tuple[int, str], Graph] = {}


def _send(g: Graph, st: AppState, request: Request, fmt: str | None = None) -> Response:
    media = neg.choose(request.headers.get("accept"), neg.GRAPH_TYPES,
                       fmt or request.query_params.get("format"))
    for p, ns in prefixes(st.settings.base_iri).items():
        g.bind(p, ns)
    if media == neg.JSONLD:
        body = to_jsonld(g, st.settings.base_iri, str(request.base_url) + "context.jsonld")
    else:
        body = g.serialize(format={neg.TURTLE: "turtle", neg.NTRIPLES: "nt",
                                   neg.RDFXML: "xml"}[media], encoding="utf-8")
    return Response(body, media_type=media, headers={"Vary": "Accept"})


def service_description(st: AppState, request: Request) -> Response:
    g = Graph()
    svc = URIRef(str(request.url_for("sparql_get")))
    g.add((svc, RDF.type, SD.Service))
    g.add((svc, SD.endpoint, svc))
    g.add((svc, SD.supportedLanguage, SD.SPARQL11Query))
    for fmt in ("SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV",
                "SPARQL_Results_TSV", "Turtle", "N-Triples", "RDF_XML", "JSON-LD"):
        g.add((svc, SD.resultFormat, URIRef(_W3C + fmt)))
    g.add((svc, SD.feature, SD.UnionDefaultGraph))
    if st.settings.update_token:
        g.add((svc, SD.supportedLanguage, SD.SPARQL11Update))
    ds = BNode()
    g.add((svc, SD.defaultDataset, ds))
    g.add((ds, RDF.type, SD.Dataset))
    dg = BNode()
    g.add((ds, SD.defaultGraph, dg))
    g.add((dg, RDF.type, SD.Graph))
    g.add((dg, DCTERMS.description, Literal("the union of all named graphs")))
    g.add((svc, DCTERMS.description, Literal(
        f"Read-only unless a token is configured; SERVICE and LOAD refused; "
        f"time limit {st.settings.query_timeout:g} s per query")))
    return _send(g, st, request)


def void_graph(st: AppState, base_url: str) -> Graph:
    store = st.store()
    key = (id(store), store.state())
    if key in _cache:
        return _cache[key]
    g = Graph()
    ds = URIRef(base_url + ".well-known/void#dataset")
    g.add((ds, RDF.type, VOID.Dataset))
    g.add((ds, DCTERMS.title, Literal("Remit: who answers for what public bodies promise")))
    g.add((ds, VOID.sparqlEndpoint, URIRef(base_url + "sparql")))
    g.add((ds, VOID.uriSpace, Literal(st.settings.base_iri + "id/")))
    g.add((ds, VOID.triples, Literal(store.count(), datatype=XSD.integer)))
    names = store.graph_names()
    res = store.query("SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?c } GROUP BY ?c",
                      bindings={"c": list(COUNTED)})
    if isinstance(res, Rows):
        for row in res:
            part = BNode()
            g.add((ds, VOID.classPartition, part))
            g.add((part, VOID["class"], row["c"]))
            g.add((part, VOID.entities, Literal(int(row["n"]), datatype=XSD.integer)))
    for name in names:
        sub = URIRef(str(name))
        g.add((ds, VOID.subset, sub))
    _cache.clear()
    _cache[key] = g
    return g


@router.get("/.well-known/void", summary="VoID description of the dataset, with live counts")
def void(request: Request) -> Response:
    st = state(request)
    return _send(void_graph(st, str(request.base_url)), st, request)


@router.get("/context.jsonld", summary="The JSON-LD @context of every JSON-LD response")
def jsonld_context(request: Request) -> Response:
    return JSONResponse(context(state(request).settings.base_iri),
                        media_type="application/ld+json",
                        headers={"Cache-Control": "public, max-age=3600"})
