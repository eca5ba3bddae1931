"""GET/POST /sparql take the direct route (queryapi/fastpath.py) and answer exactly as the
router does: same status, body and headers (CORS, Vary, nosniff, errors) as ``/sparql/``,
which the router serves with the same handlers."""

from __future__ import annotations

from typing import Any

import pytest

from queryapi import fastpath
from tests.helpers import api_app

api_store, client = api_app.api_store, api_app.client  # shared fixtures

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s a <https://remit.example/ontology#Recommendation> }"
CONSTRUCT = ("CONSTRUCT { ?r <https://remit.example/ontology#text> ?t } WHERE { "
             "?r <https://remit.example/ontology#text> ?t }")
QUERY_TYPE = {"content-type": "application/sparql-query"}
CASES: dict[str, tuple[str, dict[str, Any]]] = {
    "get": ("GET", {"params": {"query": COUNT}}),
    "get csv": ("GET", {"params": {"query": COUNT, "format": "csv"}}),
    "get cors": ("GET", {"params": {"query": COUNT},
                         "headers": {"origin": "https://elsewhere.example"}}),
    "get jsonld": ("GET", {"params": {"query": CONSTRUCT},
                           "headers": {"accept": "application/ld+json"}}),
    "service description": ("GET", {"headers": {"accept": "text/turtle"}}),
    "browser without query": ("GET", {"headers": {"accept": "text/html"}}),
    "form post": ("POST", {"data": {"query": COUNT}}),
    "direct post": ("POST", {"content": COUNT.encode(), "headers": QUERY_TYPE}),
    "syntax error": ("GET", {"params": {"query": "SELECT ?s WHERE { ?s ?p }"}}),
    "service refused": ("GET", {"params": {
        "query": "SELECT * { SERVICE <http://x.example/> { ?s ?p ?o } }"}}),
    "not acceptable": ("GET", {"params": {"query": COUNT}, "headers": {"accept": "image/png"}}),
    "bad graph iri": ("GET", {"params": {"query": COUNT, "default-graph-uri": "not an iri"}}),
    "update by get": ("GET", {"params": {"update": "CLEAR ALL"}}),
    "update without token": ("POST", {"content": b"CLEAR ALL",
                                      "headers": {"content-type": "application/sparql-update"}}),
    "wrong body type": ("POST", {"content": b"x", "headers": {"content-type": "text/plain"}}),
    "bad charset": ("POST", {"content": COUNT.encode(),
                             "headers": {"content-type": "application/sparql-query; "
                                                         "charset=latin-1"}}),
    "two queries": ("GET", {"params": [("query", COUNT), ("query", COUNT)]}),
}
VOLATILE = {"date", "content-length"}


def _headers(response: Any) -> dict[str, str]:
    return {k: v for k, v in response.headers.items() if k not in VOLATILE}


@pytest.mark.parametrize("case", sorted(CASES))
def test_direct_route_answers_as_the_router_does(client: Any, case: str) -> None:
    method, kwargs = CASES[case]
    fast = client.request(method, "/sparql", follow_redirects=False, **kwargs)
    routed = client.request(method, "/sparql/", follow_redirects=False, **kwargs)
    assert fast.status_code == routed.status_code
    assert _headers(fast) == _headers(routed)
    assert fast.content == routed.content
    assert fast.headers.get("x-content-type-options") == "nosniff"


def test_sparql_requests_take_the_direct_route(client: Any, monkeypatch: Any) -> None:
    seen: list[str] = []
    for method, handler in list(fastpath._HANDLERS.items()):
        async def spy(request: Any, _h: Any = handler, _m: str = method) -> Any:
            seen.append(_m)
            return await _h(request)

        monkeypatch.setitem(fastpath._HANDLERS, method, spy)
    assert client.get("/sparql", params={"query": COUNT}).status_code == 200
    assert client.post("/sparql", data={"query": COUNT}).status_code == 200
    assert client.get("/sparql/", params={"query": COUNT}).status_code == 200  # the router
    assert client.put("/sparql", content=b"x").status_code == 405  # the router's 405
    assert seen == ["GET", "POST"]


def test_cors_preflight_still_answered_for_sparql(client: Any) -> None:
    r = client.options("/sparql", headers={"origin": "https://elsewhere.example",
                                           "access-control-request-method": "POST"})
    assert r.status_code == 200 and r.headers["access-control-allow-origin"] == "*"
