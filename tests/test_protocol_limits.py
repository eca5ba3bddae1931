"""Limits through the app's worker pool (the configured store, not an injected one): an
explicit row cap (header and message, never a silent partial 200) and the time limit."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from fastapi.testclient import TestClient

from graph.settings import Settings
from queryapi.app import create_app
from tests.helpers.api_app import build_store_dir

ALL = "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


@pytest.fixture(scope="module")
def pooled(tmp_path_factory):
    store = build_store_dir(tmp_path_factory.mktemp("limits") / "store")
    app = create_app(Settings(store=store, row_cap=5, query_timeout=1.0, workers=1))
    with TestClient(app) as client:  # the lifespan closes the pool
        yield client


def test_row_cap_is_explicit(pooled):
    r = pooled.get("/sparql", params={"query": ALL})
    assert r.status_code == 200
    assert len(r.json()["results"]["bindings"]) == 5
    assert r.headers["x-remit-truncated"] == "true" and r.headers["x-remit-row-cap"] == "5"
    assert "truncated at 5 rows" in r.headers["warning"]


def test_under_the_cap_is_not_marked(pooled):
    r = pooled.get("/sparql", params={"query": ALL + " LIMIT 3"})
    assert len(r.json()["results"]["bindings"]) == 3 and "x-remit-truncated" not in r.headers


def test_time_limit_returns_a_clear_error_then_recovers(pooled):
    t0 = time.monotonic()
    r = pooled.get("/sparql", params={"query": SLOW})
    assert time.monotonic() - t0 <= 2.0
    assert r.status_code == 503 and "timed out" in r.text and "1 s limit" in r.text
    t0 = time.monotonic()
    assert pooled.get("/sparql", params={"query": "ASK {}"}).status_code == 200
    assert time.monotonic() - t0 < 1.0


def test_too_many_concurrent_queries_from_one_client_is_429(tmp_path):
    store = build_store_dir(tmp_path / "store")
    app = create_app(Settings(store=store, query_timeout=3.0, workers=2, client_concurrency=1))
    with TestClient(app) as client, ThreadPoolExecutor(1) as pool:
        client.get("/sparql", params={"query": "ASK {}"})  # start the pool
        slow = pool.submit(client.get, "/sparql", params={"query": SLOW})
        time.sleep(0.5)
        r = client.get("/sparql", params={"query": "ASK {}"})
        assert r.status_code == 429 and r.headers["retry-after"] == "1"
        other = client.get("/sparql", params={"query": "ASK {}"},
                           headers={"authorization": "Bearer someone-else"})
        assert other.status_code == 200  # another client identity is not limited
        assert slow.result().status_code == 503
        assert client.get("/sparql", params={"query": "ASK {}"}).status_code == 200
