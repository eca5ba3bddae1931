"""Writes: read-only by default (403), bearer token required when configured (401)."""

from __future__ import annotations

import logging

import pytest

from tests.helpers.api_app import PACK, load_fixture, make_client

INSERT = "INSERT DATA { GRAPH <urn:x:new> { <urn:x:s> <urn:x:p> 1 } }"
UPDATE = {"content-type": "application/sparql-update"}


@pytest.fixture
def store(tmp_path):
    st = load_fixture(tmp_path / "store")
    yield st
    st.close()


def test_update_refused_without_token_configured(store, tmp_path):
    c = make_client(store, tmp_path)
    assert c.post("/sparql", content=INSERT.encode(), headers=UPDATE).status_code == 403
    assert c.post("/sparql", data={"update": INSERT}).status_code == 403
    assert store.count(graph=None) == store.count()  # unchanged
    assert "urn:x:new" not in {str(g) for g in store.graph_names()}


def test_graph_store_writes_refused_without_token_configured(store, tmp_path):
    c = make_client(store, tmp_path)
    ttl = {"content-type": "text/turtle"}
    assert c.put(f"/store?graph={PACK}", content=b"<urn:a> <urn:b> 1 .",
                 headers=ttl).status_code == 403
    assert c.post(f"/store?graph={PACK}", content=b"<urn:a> <urn:b> 1 .",
                  headers=ttl).status_code == 403
    assert c.delete(f"/store?graph={PACK}").status_code == 403
    assert store.count() > 200


def test_missing_bearer_is_401_with_challenge(store, tmp_path):
    c = make_client(store, tmp_path, update_token="s3cret")
    r = c.post("/sparql", content=INSERT.encode(), headers=UPDATE)
    assert r.status_code == 401
    assert r.headers["www-authenticate"].startswith("Bearer")


def test_wrong_bearer_is_401_and_token_never_echoed(store, tmp_path, caplog):
    c = make_client(store, tmp_path, update_token="s3cret")
    with caplog.at_level(logging.DEBUG):
        r = c.post("/sparql", content=INSERT.encode(),
                   headers={**UPDATE, "authorization": "Bearer wrong"})
        r2 = c.delete(f"/store?graph={PACK}", headers={"authorization": "Bearer wrong"})
    assert r.status_code == 401 and r2.status_code == 401
    assert "s3cret" not in r.text + r2.text + caplog.text


def test_update_with_token_is_applied(store, tmp_path):
    c = make_client(store, tmp_path, update_token="s3cret")
    r = c.post("/sparql", content=INSERT.encode(),
               headers={**UPDATE, "authorization": "Bearer s3cret"})
    assert r.status_code == 204
    assert "urn:x:new" in {str(g) for g in store.graph_names()}


def test_graph_store_put_and_delete_with_token(store, tmp_path):
    c = make_client(store, tmp_path, update_token="s3cret")
    auth = {"authorization": "Bearer s3cret"}
    r = c.put("/store?graph=urn:x:g", content=b"<urn:a> <urn:b> 1 .",
              headers={**auth, "content-type": "text/turtle"})
    assert r.status_code == 201 and store.count(graph=__import__("rdflib").URIRef("urn:x:g")) == 1
    assert c.delete("/store?graph=urn:x:g", headers=auth).status_code == 204
    assert "urn:x:g" not in {str(g) for g in store.graph_names()}


def test_settings_are_read_once_not_per_request(store, tmp_path, monkeypatch):
    c = make_client(store, tmp_path)
    monkeypatch.setenv("REMIT_UPDATE_TOKEN", "late")
    r = c.post("/sparql", content=INSERT.encode(),
               headers={**UPDATE, "authorization": "Bearer late"})
    assert r.status_code == 403  # the app still runs with the settings it was built with
