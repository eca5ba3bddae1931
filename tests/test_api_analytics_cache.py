"""/api/analytics is kept per store state: a repeated request is answered from the cache,
and a write to the store is seen by the next request."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF

from graph.settings import Settings
from ontology.namespaces import REM
from queryapi import figures
from queryapi.app import create_app
from tests.fixture_store import fixture_store


def test_analytics_cached_until_the_store_changes(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    store = fixture_store(tmp_path / "store")
    app = create_app(Settings(store=tmp_path / "store"), store=store)
    calls = []
    real = figures.analytics_body
    monkeypatch.setattr(figures, "analytics_body", lambda *a: calls.append(1) or real(*a))
    with TestClient(app) as client:
        first = client.get("/api/analytics", params={"as_of": "2013-01-01"}).json()
        again = client.get("/api/analytics", params={"as_of": "2013-01-01"}).json()
        assert again == first and len(calls) == 1
        g = Graph()
        rec = URIRef("https://remit.example/id/recommendation/added-later")
        g.add((rec, RDF.type, REM.Recommendation))
        g.add((rec, REM.text, Literal("ensure the new rota is published")))
        store.replace_graphs({URIRef("https://remit.example/graph/added-later"): g})
        after = client.get("/api/analytics", params={"as_of": "2013-01-01"}).json()
    assert len(calls) == 2
    assert after["recommendations"] == first["recommendations"] + 1
    assert after["without_owner"]["count"] == first["without_owner"]["count"] + 1
