"""A real server and real clients: `remit serve` (uvicorn + query worker pool) on a free
loopback port, queried with SPARQLWrapper and httpx; the time limit stops a runaway query
while other requests are answered."""

from __future__ import annotations

import threading
import time

import httpx
import pytest
from rdflib import Graph
from SPARQLWrapper import CSV, JSON, TURTLE, XML, SPARQLWrapper

from tests.helpers.api_app import build_store_dir, live_server

LIMIT = 2.0
RECS = "SELECT ?r WHERE { ?r a <https://remit.example/ontology#Recommendation> } ORDER BY ?r"
#: Four-way cross product of every triple: ~2e9 solutions, far past any limit.
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    store = build_store_dir(tmp_path_factory.mktemp("live") / "store")
    with live_server(store, timeout=LIMIT, workers=2) as url:
        yield url


def wrapper(base: str, query: str, fmt: str) -> SPARQLWrapper:
    sw = SPARQLWrapper(base + "/sparql")
    sw.setQuery(query)
    sw.setReturnFormat(fmt)
    return sw


def test_sparqlwrapper_select_json(base):
    res = wrapper(base, RECS, JSON).query().convert()
    assert len(res["results"]["bindings"]) == 3


def test_sparqlwrapper_select_xml(base):
    doc = wrapper(base, RECS, XML).query().convert()
    ns = "http://www.w3.org/2005/sparql-results#"
    assert len(doc.getElementsByTagNameNS(ns, "result")) == 3


def test_sparqlwrapper_select_csv(base):
    text = wrapper(base, RECS, CSV).query().convert().decode()
    assert text.splitlines()[0] == "r" and len(text.splitlines()) == 4


def test_sparqlwrapper_ask(base):
    q = "ASK { ?s <https://remit.example/ontology#recommendationId> \"SG-3M-1\" }"
    assert wrapper(base, q, JSON).query().convert()["boolean"] is True


def test_sparqlwrapper_construct_turtle(base):
    q = ("CONSTRUCT { ?r <https://remit.example/ontology#text> ?t } WHERE { "
         "?r a <https://remit.example/ontology#Recommendation> ; "
         "<https://remit.example/ontology#text> ?t }")
    data = wrapper(base, q, TURTLE).query().convert()
    assert len(Graph().parse(data=data, format="turtle")) == 3


def test_sparqlwrapper_post(base):
    sw = wrapper(base, RECS, JSON)
    sw.setMethod("POST")
    assert len(sw.query().convert()["results"]["bindings"]) == 3


def test_timeout_answers_in_time_and_others_are_served(base):
    outcome: dict[str, object] = {}

    def slow() -> None:
        t0 = time.monotonic()
        r = httpx.get(base + "/sparql", params={"query": SLOW}, timeout=30)
        outcome.update(status=r.status_code, text=r.text, took=time.monotonic() - t0)

    t = threading.Thread(target=slow)
    t.start()
    time.sleep(0.3)
    t0 = time.monotonic()
    quick = httpx.get(base + "/sparql", params={"query": RECS}, timeout=30)
    assert quick.status_code == 200 and time.monotonic() - t0 < 1.0  # served meanwhile
    t.join(30)
    assert outcome["status"] in (503, 504)
    assert "time" in str(outcome["text"]).lower()
    assert outcome["took"] <= LIMIT + 1.0
    t0 = time.monotonic()
    after = httpx.get(base + "/sparql", params={"query": RECS}, timeout=30)
    assert after.status_code == 200 and time.monotonic() - t0 < 1.0  # next one at once


def test_live_health_and_pages(base):
    health = httpx.get(base + "/health").json()
    assert health["status"] == "ok" and health["quads"] > 200
    page = httpx.get(base + "/id/person/morgan-a-aaaaaaaaaaa1", headers={"accept": "text/html"})
    assert page.status_code == 200 and "Alex Morgan" in page.text


def test_live_api_runs_through_the_worker_pool(base):
    body = httpx.get(base + "/api/recommendations", params={"owner": "morgan-a-aaaaaaaaaaa1"}
                     ).json()
    assert [r["id"] for r in body["recommendations"]] == ["SG-IMM-1"]
    page = httpx.get(base + "/id/recommendation/ensure-assessments-fffffffffff2",
                     headers={"accept": "text/turtle"})
    assert "SG-IMM-1" in page.text
