"""Every error under /api has one JSON shape; elsewhere errors are plain text."""

from __future__ import annotations

import pytest

from tests.helpers import api_app

api_store, client = api_app.api_store, api_app.client  # shared fixtures

SHAPE = {"status", "code", "message"}


@pytest.mark.parametrize(("path", "status"), [
    ("/api/people/nobody-000000000000", 404),
    ("/api/people/Not%20A%20Key", 400),
    ("/api/bodies/nobody-000000000000", 404),
    ("/api/recommendations?as_of=not-a-date", 422),
    ("/api/recommendations?status=purple", 400),
    ("/api/recommendations?format=xlsx", 400),
    ("/api/analytics?as_of=2011-13-45", 422),
    ("/api/no-such-route", 404),
])
def test_api_errors_share_one_json_shape(client, path, status):
    r = client.get(path)
    assert r.status_code == status
    assert r.headers["content-type"].startswith("application/json")
    body = r.json()
    assert list(body) == ["error"]
    assert SHAPE <= set(body["error"]) <= SHAPE | {"detail"}
    assert body["error"]["status"] == status and body["error"]["message"]


def test_api_method_not_allowed_has_the_shape(client):
    r = client.post("/api/analytics")
    assert r.status_code == 405 and r.json()["error"]["code"] == "method_not_allowed"


def test_sparql_errors_are_plain_text(client):
    r = client.get("/sparql", params={"query": "SELECT"})
    assert r.status_code == 400 and r.headers["content-type"].startswith("text/plain")


def test_server_fault_is_500_not_400(api_store, tmp_path):
    from fastapi.testclient import TestClient

    app = api_app.make_client(api_store, tmp_path).app

    @app.get("/api/boom")
    def boom() -> None:
        raise RuntimeError("bug")

    r = TestClient(app, raise_server_exceptions=False).get("/api/boom")
    assert r.status_code == 500 and r.json()["error"]["code"] == "server_error"
