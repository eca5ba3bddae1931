"""Nobody in: every write route and method (SPARQL Update by form and direct POST, Graph Store
PUT/POST/DELETE on a named graph and on the default graph) is refused with 403 when no
token is configured and 401 when the bearer is missing or wrong, and the store is left as it
was; the token never appears in a response, a log record or anything printed, even when a
write with the right token fails."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from tests.helpers.api_app import PACK, load_fixture, make_client
from tests.mapping_fixtures import store_checksum

TOKEN = "tok-9f3e1c0a-SECRET-7d2b"
INSERT = "INSERT DATA { GRAPH <urn:x:new> { <urn:x:s> <urn:x:p> 1 } }"
TTL = b"<urn:x:a> <urn:x:b> 1 ."
WRITES = {
    "update-form": ("POST", "/sparql", {"data": {"update": INSERT}}),
    "update-direct": ("POST", "/sparql", {"content": INSERT.encode(),
                                          "headers": {"content-type":
                                                      "application/sparql-update"}}),
    "gsp-put-named": ("PUT", f"/store?graph={PACK}", {"content": TTL,
                                                      "headers": {"content-type": "text/turtle"}}),
    "gsp-post-named": ("POST", f"/store?graph={PACK}",
                       {"content": TTL, "headers": {"content-type": "text/turtle"}}),
    "gsp-delete-named": ("DELETE", f"/store?graph={PACK}", {}),
    "gsp-put-default": ("PUT", "/store?default", {"content": TTL,
                                                  "headers": {"content-type": "text/turtle"}}),
    "gsp-post-default": ("POST", "/store?default",
                         {"content": TTL, "headers": {"content-type": "text/turtle"}}),
    "gsp-delete-default": ("DELETE", "/store?default", {}),
}
CASES = {"no token configured": (None, None, 403),
         "bearer missing": (TOKEN, None, 401),
         "bearer wrong": (TOKEN, "Bearer " + TOKEN[:-1], 401),
         "basic scheme": (TOKEN, "Basic " + TOKEN, 401),
         "token as query parameter only": (TOKEN, None, 401)}


@pytest.fixture(scope="module")
def store(tmp_path_factory):  # type: ignore[no-untyped-def]
    st = load_fixture(tmp_path_factory.mktemp("auth") / "store")
    yield st
    st.close()


def server_logs(caplog) -> str:  # type: ignore[no-untyped-def]
    """Records of the app and server, not of the test's own HTTP client (which logs URLs)."""
    return "\n".join(caplog.handler.format(r) for r in caplog.records
                     if not r.name.startswith(("httpx", "httpcore")))


def send(client, route: str, auth: str | None,  # type: ignore[no-untyped-def]
         query: str = ""):
    method, path, kw = WRITES[route]
    if query:
        path += ("&" if "?" in path else "?") + query
    headers = {**kw.get("headers", {})}
    if auth:
        headers["authorization"] = auth
    extra = {k: v for k, v in kw.items() if k != "headers"}
    return client.request(method, path, headers=headers, **extra)


@pytest.mark.parametrize("case", list(CASES))
@pytest.mark.parametrize("route", list(WRITES))
def test_every_write_is_refused_without_the_right_token(store, tmp_path, route, case, caplog):
    configured, auth, status = CASES[case]
    client = make_client(store, tmp_path, update_token=configured)
    before = (store.count(), store_checksum(store))
    with caplog.at_level(logging.DEBUG):
        query = f"access_token={TOKEN}" if case == "token as query parameter only" else ""
        r = send(client, route, auth, query)
    assert r.status_code == status, r.text
    if status == 401:
        assert r.headers["www-authenticate"].startswith("Bearer")
    assert (store.count(), store_checksum(store)) == before
    assert TOKEN not in r.text + str(r.headers) + server_logs(caplog)


def test_token_never_logged_or_printed_even_when_an_authorised_write_fails(store, tmp_path,
                                                                             caplog, capfd):
    client = make_client(store, tmp_path, update_token=TOKEN)
    good = {"authorization": "Bearer " + TOKEN}
    with caplog.at_level(logging.DEBUG):
        bad_syntax = client.post("/sparql", content=b"INSERT DATA { <urn:x:s> ",
                                 headers={**good, "content-type": "application/sparql-update"})
        bad_turtle = client.put("/store?graph=urn:x:g", content=b"<urn:x:a> <urn:x:b",
                                headers={**good, "content-type": "text/turtle"})
        bad_type = client.put("/store?graph=urn:x:g", content=b"x",
                              headers={**good, "content-type": "application/x-nonsense"})
        wrong = client.post("/sparql", data={"update": INSERT},
                            headers={"authorization": "Bearer not-" + TOKEN})
    assert bad_syntax.status_code == 400 and bad_turtle.status_code == 400
    assert bad_type.status_code == 415 and wrong.status_code == 401
    out, err = capfd.readouterr()
    seen = server_logs(caplog) + out + err + "".join(r.text + str(r.headers) for r in
                                              (bad_syntax, bad_turtle, bad_type, wrong))
    assert "Traceback" not in seen
    assert TOKEN not in seen


def test_token_never_in_the_output_of_remit_serve(tmp_path):
    """The real server (uvicorn, its access log and error log, the worker processes): right
    and wrong tokens, a failing authorised write, refused writes; stdout and stderr, read
    after it stops, never hold the token."""
    import os
    import subprocess
    import sys
    import time

    import httpx

    from tests.helpers.api_app import ROOT, build_store_dir
    from tests.helpers.oxigraph_server import free_port

    store = build_store_dir(tmp_path / "store")
    port = free_port()
    env = {**{k: v for k, v in os.environ.items() if not k.startswith("REMIT_")},
           "REMIT_STORE": str(store), "REMIT_UPDATE_TOKEN": TOKEN, "REMIT_WORKERS": "1"}
    out = (tmp_path / "serve.out").open("w+b")
    remit = str(Path(sys.executable).parent / "remit")
    proc = subprocess.Popen([remit, "serve", "--host", "127.0.0.1", "--port", str(port)],
                            env=env, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(base + "/health", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert proc.poll() is None and time.monotonic() < deadline, "server did not start"
            time.sleep(0.1)
        good = {"authorization": f"Bearer {TOKEN}"}
        sparql_update = {"content-type": "application/sparql-update"}
        statuses = [
            httpx.post(base + "/sparql", content=b"INSERT DATA { <urn:x:s> ",
                       headers={**good, **sparql_update}).status_code,
            httpx.post(base + "/sparql", content=INSERT.encode(),
                       headers={**good, **sparql_update}).status_code,
            httpx.post(base + "/sparql", content=INSERT.encode(),
                       headers={"authorization": f"Bearer x{TOKEN}", **sparql_update}
                       ).status_code,
            httpx.put(base + "/store?graph=urn:x:g", content=b"<urn:x:a> <urn:x:b",
                      headers={**good, "content-type": "text/turtle"}).status_code,
            httpx.delete(base + "/store?graph=urn:x:none", headers=good).status_code,
        ]
        assert statuses[0] == 400 and statuses[1] == 204 and statuses[2] == 401
        assert statuses[3] == 400
    finally:
        proc.terminate()
        proc.wait(timeout=15)
    out.seek(0)
    text = out.read().decode(errors="replace")
    out.close()
    assert "/sparql" in text  # the output was captured
    assert TOKEN not in text and TOKEN[4:] not in text
