"""Service description, VoID, JSON-LD context and the Graph Store Protocol read."""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF

from ontology.namespaces import REM, SD, VOID
from tests.helpers import api_app
from tests.helpers.api_app import PACK

api_store, client = api_app.api_store, api_app.client  # shared fixtures


def test_get_without_query_is_a_service_description(client):
    r = client.get("/sparql", headers={"accept": "text/turtle"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/turtle")
    g = Graph().parse(data=r.text, format="turtle")
    svc = URIRef("http://testserver/sparql")
    assert (svc, RDF.type, SD.Service) in g
    assert (svc, SD.supportedLanguage, SD.SPARQL11Query) in g
    assert (svc, SD.supportedLanguage, SD.SPARQL11Update) not in g


def test_service_description_for_a_browser_is_the_query_page(client):
    r = client.get("/sparql", headers={"accept": "text/html,*/*;q=0.8"},
                   follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/"


def test_void_has_live_counts(client, api_store):
    r = client.get("/.well-known/void", headers={"accept": "text/turtle"})
    g = Graph().parse(data=r.text, format="turtle")
    ds = next(g.subjects(RDF.type, VOID.Dataset))
    assert int(g.value(ds, VOID.triples)) == api_store.count()
    parts = {g.value(p, VOID["class"]): int(g.value(p, VOID.entities))
             for p in g.objects(ds, VOID.classPartition)}
    assert parts[REM.Recommendation] == 3 and parts[REM.Person] == 3
    assert (ds, VOID.subset, URIRef(PACK)) in g


def test_context_is_served_locally(client):
    ctx = client.get("/context.jsonld").json()["@context"]
    assert ctx["rem"] == str(REM._NS)


def test_graph_store_get_downloads_one_graph(client, api_store):
    r = client.get("/store", params={"graph": PACK}, headers={"accept": "application/n-triples"})
    assert r.status_code == 200
    g = Graph().parse(data=r.text, format="nt")
    assert len(g) == api_store.count(URIRef(PACK))
    assert (None, REM.text, Literal("review the sufficiency of foster placements")) in g


def test_graph_store_unknown_graph_is_404(client):
    assert client.get("/store", params={"graph": "urn:x:none"}).status_code == 404


def test_graph_store_needs_graph_or_default(client):
    assert client.get("/store").status_code == 400
    assert client.get("/store?default").status_code == 200


def test_ontology_is_served_as_html_and_turtle(client):
    html = client.get("/ontology", headers={"accept": "text/html"})
    assert html.status_code == 200 and "responsibleFor" in html.text
    assert "content-security-policy" in html.headers
    ttl = client.get("/ontology", headers={"accept": "text/turtle"})
    g = Graph().parse(data=ttl.text, format="turtle")
    assert (REM.Recommendation, RDF.type, None) in g
