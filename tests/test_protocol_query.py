"""SPARQL 1.1 Protocol, queries: one test per rule, named after it (TestClient)."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET

from rdflib import Graph, URIRef

from tests.helpers import api_app
from tests.helpers.api_app import PACK

api_store, client = api_app.api_store, api_app.client  # shared fixtures

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s a <https://remit.example/ontology#Recommendation> }"
ASK = "ASK { ?s a <https://remit.example/ontology#Recommendation> }"
CONSTRUCT = ("CONSTRUCT { ?r <https://remit.example/ontology#text> ?t } WHERE { "
             "?r <https://remit.example/ontology#text> ?t }")
DESCRIBE = "DESCRIBE <https://remit.example/id/person/morgan-a-aaaaaaaaaaa1>"


def n_of(response) -> int:
    return int(response.json()["results"]["bindings"][0]["n"]["value"])


def test_query_via_get(client):
    r = client.get("/sparql", params={"query": COUNT})
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("application/sparql-results+json")
    assert n_of(r) == 3


def test_query_via_url_encoded_post(client):
    r = client.post("/sparql", data={"query": COUNT})
    assert r.status_code == 200 and n_of(r) == 3


def test_query_via_direct_post(client):
    r = client.post("/sparql", content=COUNT.encode(),
                    headers={"content-type": "application/sparql-query"})
    assert r.status_code == 200 and n_of(r) == 3


def test_unknown_parameters_are_ignored(client):
    r = client.get("/sparql", params={"query": COUNT, "timeout": "5", "debug": "on"})
    assert r.status_code == 200 and n_of(r) == 3


def test_select_as_json_by_default(client):
    r = client.get("/sparql", params={"query": COUNT}, headers={"accept": "*/*"})
    assert r.headers["content-type"].startswith("application/sparql-results+json")


def test_select_as_xml(client):
    r = client.get("/sparql", params={"query": COUNT},
                   headers={"accept": "application/sparql-results+xml"})
    assert r.headers["content-type"].startswith("application/sparql-results+xml")
    ns = "{http://www.w3.org/2005/sparql-results#}"
    assert ET.fromstring(r.content).find(f".//{ns}literal").text == "3"


def test_select_as_csv(client):
    r = client.get("/sparql", params={"query": COUNT}, headers={"accept": "text/csv"})
    assert r.headers["content-type"].startswith("text/csv")
    assert list(csv.reader(io.StringIO(r.text))) == [["n"], ["3"]]


def test_select_as_tsv(client):
    r = client.get("/sparql", params={"query": COUNT},
                   headers={"accept": "text/tab-separated-values"})
    assert r.headers["content-type"].startswith("text/tab-separated-values")
    assert r.text.splitlines()[0] == "?n"


def test_accept_q_values_pick_the_preferred_type(client):
    r = client.get("/sparql", params={"query": COUNT},
                   headers={"accept": "application/sparql-results+json;q=0.5, text/csv"})
    assert r.headers["content-type"].startswith("text/csv")


def test_format_parameter_overrides_accept(client):
    r = client.get("/sparql", params={"query": COUNT, "format": "csv"},
                   headers={"accept": "application/sparql-results+xml"})
    assert r.headers["content-type"].startswith("text/csv")


def test_ask_as_json(client):
    r = client.get("/sparql", params={"query": ASK})
    assert r.json() == {"head": {}, "boolean": True}


def test_construct_as_turtle_by_default(client):
    r = client.get("/sparql", params={"query": CONSTRUCT})
    assert r.headers["content-type"].startswith("text/turtle")
    assert len(Graph().parse(data=r.text, format="turtle")) == 4


def test_construct_as_ntriples(client):
    r = client.get("/sparql", params={"query": CONSTRUCT},
                   headers={"accept": "application/n-triples"})
    assert r.headers["content-type"].startswith("application/n-triples")
    assert len(Graph().parse(data=r.text, format="nt")) == 4


def test_construct_as_rdfxml(client):
    r = client.get("/sparql", params={"query": CONSTRUCT},
                   headers={"accept": "application/rdf+xml"})
    assert r.headers["content-type"].startswith("application/rdf+xml")
    assert len(Graph().parse(data=r.text, format="xml")) == 4


def test_construct_as_jsonld_with_the_project_context(client):
    r = client.get("/sparql", params={"query": CONSTRUCT},
                   headers={"accept": "application/ld+json"})
    assert r.headers["content-type"].startswith("application/ld+json")
    doc = r.json()
    assert doc["@context"] == "http://testserver/context.jsonld"
    context = client.get("/context.jsonld").json()
    doc["@context"] = context["@context"]
    assert len(Graph().parse(data=json.dumps(doc), format="json-ld")) == 4


def test_describe_returns_the_resource(client):
    r = client.get("/sparql", params={"query": DESCRIBE})
    g = Graph().parse(data=r.text, format="turtle")
    assert (URIRef("https://remit.example/id/person/morgan-a-aaaaaaaaaaa1"), None, None) in g


def test_responses_vary_on_accept(client):
    r = client.get("/sparql", params={"query": COUNT})
    assert "Accept" in r.headers["vary"]


def test_default_graph_uri_selects_a_stored_graph(client):
    r = client.get("/sparql", params={"query": COUNT, "default-graph-uri": PACK})
    assert n_of(r) == 3


def test_unknown_default_graph_is_empty(client):
    r = client.get("/sparql", params={"query": COUNT,
                                      "default-graph-uri": "http://127.0.0.1:9/canary"})
    assert r.status_code == 200 and n_of(r) == 0


def test_named_graph_uri_selects_named_graphs(client):
    q = "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    r = client.post("/sparql", data={"query": q, "named-graph-uri": PACK})
    assert n_of(r) == 1
    r = client.post("/sparql", data={"query": q, "named-graph-uri": "urn:x:none"})
    assert n_of(r) == 0


def test_from_selects_stored_graphs_only(client):
    def with_from(graph: str) -> str:
        return COUNT.replace("WHERE", f"FROM <{graph}> WHERE")

    assert n_of(client.get("/sparql", params={"query": with_from(PACK)})) == 3
    assert n_of(client.get("/sparql", params={"query": with_from("urn:x:none")})) == 0


def test_protocol_dataset_overrides_from(client):
    q = COUNT.replace("WHERE", "FROM <urn:x:none> WHERE")
    r = client.get("/sparql", params={"query": q, "default-graph-uri": PACK})
    assert n_of(r) == 3


def test_cors_header_on_reads(client):
    r = client.get("/sparql", params={"query": ASK}, headers={"origin": "http://elsewhere"})
    assert r.headers["access-control-allow-origin"] == "*"
    pre = client.options("/sparql", headers={"origin": "http://elsewhere",
                                             "access-control-request-method": "POST"})
    assert pre.status_code == 200
    assert "POST" in pre.headers["access-control-allow-methods"]
