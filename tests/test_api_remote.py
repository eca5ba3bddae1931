"""The remote-store path: the app over a real `oxigraph serve` process (PyPI ``oxigraph``)
loaded with the fixture graph, through the worker pool; the same answers as embedded."""

from __future__ import annotations

import datetime as dt

import pytest
from fastapi.testclient import TestClient
from rdflib import Graph

from graph.store import open_store
from queryapi.app import create_app
from tests.helpers.api_app import FIXTURE, PACK
from tests.helpers.oxigraph_server import oxigraph_server_fixture

server = oxigraph_server_fixture()
RECS = "SELECT ?r WHERE { ?r a <https://remit.example/ontology#Recommendation> }"


@pytest.fixture(scope="module")
def remote(server, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("remote")
    settings = server.settings(reference_date=dt.date(2011, 12, 1), store=tmp, workers=1)
    with open_store(settings) as st:
        st.load_file(FIXTURE)
    with TestClient(create_app(settings, search_path=tmp / "search.sqlite")) as client:
        yield client


def test_remote_select_json_and_csv(remote):
    r = remote.get("/sparql", params={"query": RECS})
    assert len(r.json()["results"]["bindings"]) == 3
    r = remote.get("/sparql", params={"query": RECS}, headers={"accept": "text/csv"})
    assert r.headers["content-type"].startswith("text/csv") and len(r.text.splitlines()) == 4


def test_remote_construct_turtle(remote):
    r = remote.get("/sparql", params={"query": "CONSTRUCT WHERE { ?r a "
                                      "<https://remit.example/ontology#Recommendation> }"})
    assert len(Graph().parse(data=r.text, format="turtle")) == 3


def test_remote_dataset_selection(remote):
    assert len(remote.get("/sparql", params={"query": RECS, "default-graph-uri": PACK})
               .json()["results"]["bindings"]) == 3
    q = RECS.replace("WHERE", "FROM <urn:x:none> WHERE")
    assert remote.get("/sparql", params={"query": q}).json()["results"]["bindings"] == []


def test_remote_service_refused(remote):
    q = "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }"
    assert remote.get("/sparql", params={"query": q}).status_code == 400


def test_remote_recommendations_filters(remote):
    def ids(**params: str) -> list[str]:
        body = remote.get("/api/recommendations", params=params).json()
        return sorted(r["id"] for r in body["recommendations"])

    assert ids() == ["SG-3M-1", "SG-6M-1", "SG-IMM-1"]
    assert ids(owner="morgan-a-aaaaaaaaaaa1") == ["SG-IMM-1"]
    assert ids(status="red") == ["SG-3M-1"]
    assert ids(overdue="true") == ["SG-3M-1", "SG-6M-1"]


def test_remote_people_and_bodies(remote):
    p = remote.get("/api/people/morgan-a-aaaaaaaaaaa1").json()
    assert p["posts"][0]["body"]["label"] == "Northshire Council"
    b = remote.get("/api/bodies/childrens-services-cccccccccccc").json()
    assert [x["label"] for x in b["reports_to"]] == ["Children's Scrutiny Committee",
                                                      "Northshire Council"]
    assert remote.get("/api/analytics").json()["overdue"]["count"] == 2


def test_remote_entity_page_and_search(remote):
    r = remote.get("/id/recommendation/ensure-assessments-fffffffffff2",
                   headers={"accept": "text/html"})
    assert "pack-a.txt, lines 120–121" in r.text
    hits = remote.get("/search", params={"q": "supervision"},
                      headers={"accept": "application/json"}).json()["results"]
    assert "recommendation" in {h["kind"] for h in hits}
