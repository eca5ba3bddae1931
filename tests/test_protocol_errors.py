"""SPARQL 1.1 Protocol, errors: each status the protocol asks for, named after its rule."""

from __future__ import annotations

from tests.helpers import api_app
from tests.helpers.api_app import make_client

api_store, client = api_app.api_store, api_app.client  # shared fixtures

ASK = "ASK { ?s ?p ?o }"
CONSTRUCT = "CONSTRUCT WHERE { ?s ?p ?o }"


def test_malformed_query_is_400_with_position(client):
    r = client.get("/sparql", params={"query": "SELECT ?s WHERE { ?s ?p }"})
    assert r.status_code == 400
    assert "1:" in r.text and "malformed query" in r.text


def test_two_query_parameters_are_400(client):
    r = client.get("/sparql", params=[("query", ASK), ("query", ASK)])
    assert r.status_code == 400


def test_form_post_without_query_is_400(client):
    assert client.post("/sparql", data={"nothing": "here"}).status_code == 400


def test_bad_dataset_iri_is_400(client):
    r = client.get("/sparql", params={"query": ASK, "default-graph-uri": "not an iri"})
    assert r.status_code == 400


def test_unacceptable_media_type_is_406(client):
    r = client.get("/sparql", params={"query": ASK}, headers={"accept": "image/png"})
    assert r.status_code == 406


def test_graph_media_type_for_select_is_406(client):
    r = client.get("/sparql", params={"query": ASK}, headers={"accept": "text/turtle"})
    assert r.status_code == 406


def test_results_media_type_for_construct_is_406(client):
    r = client.get("/sparql", params={"query": CONSTRUCT}, headers={"accept": "text/csv"})
    assert r.status_code == 406


def test_unsupported_post_body_is_415(client):
    r = client.post("/sparql", content=b"{}", headers={"content-type": "application/json"})
    assert r.status_code == 415


def test_post_without_content_type_is_415(client):
    assert client.post("/sparql", content=ASK.encode()).status_code == 415


def test_put_on_sparql_is_405(client):
    r = client.put("/sparql", content=b"x")
    assert r.status_code == 405 and "POST" in r.headers["allow"]


def test_update_via_get_is_405(client):
    r = client.get("/sparql", params={"update": "CLEAR ALL"})
    assert r.status_code == 405


def test_query_over_size_cap_is_413(api_store, tmp_path):
    small = make_client(api_store, tmp_path, max_query_bytes=100)
    big = "ASK { ?s ?p ?o }" + " " * 200
    assert small.get("/sparql", params={"query": big}).status_code == 413
    r = small.post("/sparql", content=big.encode(),
                   headers={"content-type": "application/sparql-query"})
    assert r.status_code == 413
    assert small.get("/sparql", params={"query": ASK}).status_code == 200


def test_service_is_refused_before_evaluation(client):
    q = "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"
    r = client.get("/sparql", params={"query": q})
    assert r.status_code == 400 and "SERVICE" in r.text


def test_silent_service_in_subquery_is_refused(client):
    q = ("SELECT * WHERE { { SELECT ?s WHERE { SERVICE SILENT <http://127.0.0.1:9/> "
         "{ ?s ?p ?o } } } }")
    assert client.post("/sparql", data={"query": q}).status_code == 400


def test_service_written_with_unicode_escapes_is_refused(client):
    q = "SELECT * WHERE { \\u0053ERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }"
    assert client.get("/sparql", params={"query": q}).status_code == 400


def test_word_service_in_a_literal_is_allowed(client):
    q = 'SELECT * WHERE { ?s ?p "service from load" }'
    assert client.get("/sparql", params={"query": q}).status_code == 200


def test_load_is_refused_even_with_the_token(api_store, tmp_path):
    c = make_client(api_store, tmp_path, update_token="s3cret")
    r = c.post("/sparql", content=b"LOAD <http://127.0.0.1:9/data.ttl>",
               headers={"content-type": "application/sparql-update",
                        "authorization": "Bearer s3cret"})
    assert r.status_code == 400 and "LOAD" in r.text
