"""The W3C SPARQL 1.1 Protocol test suite (w3c/rdf-tests, sparql/sparql11/protocol/
manifest.ttl) as tests of Remit's endpoint: one test per manifest entry, named after it,
with the same requests (paths with the trailing slash included) and expected statuses.

Not applicable, with the reason:

* ``update_dataset_default_graph``, ``update_dataset_default_graphs``,
  ``update_dataset_named_graphs``, ``update_dataset_full``: the endpoint does not take
  ``using-graph-uri`` / ``using-named-graph-uri`` (updates are off unless a token is set, and
  then ``USING`` in the text does the same); it answers 400 saying so
  (``test_using_graph_uri_is_refused``).
* ``update_base_uri``: updates resolve relative IRIs against no base (the engine refuses a
  relative IRI with 400) rather than the service URL.
"""

from __future__ import annotations

import pytest
from rdflib import Dataset, URIRef
from rdflib.namespace import FOAF, RDF

from graph.embedded import EmbeddedStore
from tests.helpers.api_app import make_client

DATA = "http://kasei.us/2009/09/sparql/data/data{}.rdf"
TOKEN = {"authorization": "Bearer t0ken"}
QUERY = {"content-type": "application/sparql-query"}
FORM = {"content-type": "application/x-www-form-urlencoded"}
UPDATE = {"content-type": "application/sparql-update"}


def seeded(path) -> EmbeddedStore:  # type: ignore[no-untyped-def]
    ds = Dataset()
    for i in range(4):
        iri = URIRef(DATA.format(i))
        ds.graph(iri).add((iri, RDF.type, FOAF.Document))
    trig = path / "w3c.trig"
    ds.serialize(trig, format="trig")
    store = EmbeddedStore(path / "store")
    store.load_file(trig)
    return store


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("w3c")
    return make_client(seeded(tmp), tmp, update_token="t0ken")


@pytest.fixture
def fresh(tmp_path):
    return make_client(seeded(tmp_path), tmp_path, update_token="t0ken")


def boolean(r) -> bool:
    assert 200 <= r.status_code < 400, r.text
    return r.json()["boolean"]


def d(i: int) -> str:
    return DATA.format(i)


def test_query_post_form(client):
    r = client.post(f"/sparql/?default-graph-uri={d(0)}", content=b"query=ASK%20%7B%7D",
                    headers=FORM)
    assert boolean(r) is True


def test_query_dataset_default_graphs_get(client):
    q = f"ASK {{ <{d(1)}> a ?type . <{d(2)}> a ?type . }}"
    r = client.get("/sparql/", params=[("query", q), ("default-graph-uri", d(1)),
                                       ("default-graph-uri", d(2))])
    assert boolean(r) is True


def test_query_dataset_default_graphs_post(client):
    q = f"ASK {{ <{d(1)}> a ?type . <{d(2)}> a ?type . }}"
    r = client.post(f"/sparql/?default-graph-uri={d(1)}&default-graph-uri={d(2)}",
                    content=q.encode(), headers=QUERY)
    assert boolean(r) is True


def test_query_dataset_named_graphs_post(client):
    q = f"ASK {{ GRAPH ?g1 {{ <{d(1)}> a ?type }} GRAPH ?g2 {{ <{d(2)}> a ?type }} }}"
    r = client.post(f"/sparql/?named-graph-uri={d(1)}&named-graph-uri={d(2)}",
                    content=q.encode(), headers=QUERY)
    assert boolean(r) is True


def test_query_dataset_named_graphs_get(client):
    q = f"ASK {{ GRAPH ?g1 {{ <{d(1)}> a ?type }} GRAPH ?g2 {{ <{d(2)}> a ?type }} }}"
    r = client.get("/sparql/", params=[("query", q), ("named-graph-uri", d(1)),
                                       ("named-graph-uri", d(2))])
    assert boolean(r) is True


def test_query_dataset_full(client):
    q = (f"ASK {{ <{d(3)}> a ?type GRAPH ?g1 {{ <{d(1)}> a ?type }} "
         f"GRAPH ?g2 {{ <{d(2)}> a ?type }} }}")
    r = client.post(f"/sparql/?default-graph-uri={d(3)}&named-graph-uri={d(1)}"
                    f"&named-graph-uri={d(2)}", content=q.encode(), headers=QUERY)
    assert boolean(r) is True


def test_query_multiple_dataset(client):
    q = f"ASK FROM <{d(3)}> {{ GRAPH <{d(2)}> {{ ?s ?p ?o }} }}"
    r = client.post(f"/sparql/?named-graph-uri={d(2)}", content=q.encode(), headers=QUERY)
    assert boolean(r) is True


def test_query_get(client):
    assert boolean(client.get("/sparql/", params={"query": "ASK {}"})) is True


def test_query_post_direct(client):
    assert boolean(client.post("/sparql/", content=b"ASK {}", headers=QUERY)) is True


def test_query_content_type_select(client):
    r = client.get("/sparql/", params={"query": "SELECT (1 AS ?value) {}"},
                   headers={"accept": "application/sparql-results+json, "
                            "application/sparql-results+xml, text/tab-separated-values, "
                            "text/csv"})
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("application/sparql-results+json")


def test_query_content_type_ask(client):
    r = client.get("/sparql/", params={"query": "ASK {}"},
                   headers={"accept": "application/sparql-results+xml"})
    assert r.headers["content-type"].startswith("application/sparql-results+xml")
    assert "<boolean>true</boolean>" in r.text


def test_query_content_type_describe(client):
    r = client.get("/sparql/", params={"query": f"DESCRIBE <{d(1)}>"},
                   headers={"accept": "application/rdf+xml, text/turtle, "
                            "application/n-triples"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/rdf+xml")


def test_query_content_type_construct(client):
    r = client.get("/sparql/", params={"query": "CONSTRUCT { <urn:x:s> <urn:x:p> 1 } WHERE {}"},
                   headers={"accept": "text/turtle, application/rdf+xml"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/turtle")


def test_update_post_form(fresh):
    r = fresh.post("/sparql/", content=b"update=CLEAR+ALL", headers={**FORM, **TOKEN})
    assert 200 <= r.status_code < 400
    assert boolean(fresh.get("/sparql/", params={"query": "ASK { ?s ?p ?o }"})) is False


def test_update_post_direct(fresh):
    r = fresh.post("/sparql/", content=b"CLEAR ALL", headers={**UPDATE, **TOKEN})
    assert 200 <= r.status_code < 400
    assert boolean(fresh.get("/sparql/", params={"query": "ASK { ?s ?p ?o }"})) is False


def test_bad_query_method(client):
    r = client.put(f"/sparql/?query=ASK%20%7B%7D&default-graph-uri={d(0)}", headers=FORM)
    assert 400 <= r.status_code < 500


def test_bad_multiple_queries(client):
    r = client.get("/sparql/", params=[("query", "ASK {}"), ("query", "SELECT * {}")])
    assert 400 <= r.status_code < 500


def test_bad_query_wrong_media_type(client):
    r = client.post("/sparql/", content=b"ASK {}", headers={"content-type": "text/plain"})
    assert 400 <= r.status_code < 500


def test_bad_query_missing_form_type(client):
    assert 400 <= client.post("/sparql/", content=b"query=ASK%20%7B%7D").status_code < 500


def test_bad_query_missing_direct_type(client):
    assert 400 <= client.post("/sparql/", content=b"ASK {}").status_code < 500


def test_bad_query_non_utf8(client):
    r = client.post("/sparql/", content="ASK {}".encode("utf-16"),
                    headers={"content-type": "application/sparql-query; charset=UTF-16"})
    assert 400 <= r.status_code < 500


def test_bad_query_syntax(client):
    assert 400 <= client.get("/sparql/", params={"query": "ASK {"}).status_code < 500


def test_bad_update_get(client):
    assert 400 <= client.get("/sparql/", params={"update": "CLEAR ALL"}).status_code < 500


def test_bad_multiple_updates(fresh):
    r = fresh.post("/sparql/", content=b"update=CLEAR%20NAMED&update=CLEAR%20DEFAULT",
                   headers={**FORM, **TOKEN})
    assert 400 <= r.status_code < 500
    assert boolean(fresh.get("/sparql/", params={"query": "ASK { ?s ?p ?o }"})) is True


def test_bad_update_wrong_media_type(fresh):
    r = fresh.post("/sparql/", content=b"CLEAR NAMED",
                   headers={"content-type": "text/plain", **TOKEN})
    assert 400 <= r.status_code < 500


def test_bad_update_missing_form_type(fresh):
    r = fresh.post("/sparql/", content=b"update=CLEAR%20NAMED", headers=TOKEN)
    assert 400 <= r.status_code < 500


def test_bad_update_non_utf8(fresh):
    r = fresh.post("/sparql/", content="CLEAR NAMED".encode("utf-16"),
                   headers={"content-type": "application/sparql-update; charset=UTF-16",
                            **TOKEN})
    assert 400 <= r.status_code < 500


def test_bad_update_syntax(fresh):
    r = fresh.post("/sparql/", content=b"update=CLEAR%20XYZ", headers={**FORM, **TOKEN})
    assert 400 <= r.status_code < 500


def test_bad_update_dataset_conflict(fresh):
    u = (f"PREFIX foaf: <http://xmlns.com/foaf/0.1/> DELETE {{ ?s a foaf:Document }} "
         f"USING <{d(1)}> WHERE {{ ?s a foaf:Document }}")
    r = fresh.post(f"/sparql/?using-graph-uri={d(1)}", content=u.encode(),
                   headers={**UPDATE, **TOKEN})
    assert 400 <= r.status_code < 500


def test_using_graph_uri_is_refused(fresh):
    r = fresh.post(f"/sparql/?using-named-graph-uri={d(1)}", content=b"CLEAR NAMED",
                   headers={**UPDATE, **TOKEN})
    assert r.status_code == 400 and "using-graph-uri" in r.text
