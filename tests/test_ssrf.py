"""No SSRF and no file reads through SPARQL, on both backends (the embedded store and a real
`oxigraph serve` behind the app), proved with canaries that the queries name.

Why canaries and not an audit hook: the engines do their I/O in native code (Rust), which
``sys.addaudithook`` never sees. So the targets are things whose use is observable from
outside the engine:

* a loopback TCP listener on a free port: any HTTP fetch (SERVICE, LOAD, FROM <http://...>,
  the dataset parameters) must connect to it, and its accept count stays 0;
* a named pipe (``os.mkfifo``) named by ``file://`` IRIs: a writer thread blocks in
  ``open(fifo, "w")`` until some process opens the pipe for reading, so a read by the
  server, the worker processes or the remote engine would set ``fifo_opened``. A plain
  file would not do: proving "never read" from atime is unreliable (noatime/relatime).

The canaries are the ones of tests/test_protocol_ssrf.py; this file adds the remote backend
and SERVICE written the ways a guard based on text patterns would miss.
"""

from __future__ import annotations

import time

import pytest
from fastapi.testclient import TestClient

from graph.store import open_store
from queryapi.app import create_app
from tests.helpers import api_app
from tests.helpers.oxigraph_server import oxigraph_server_fixture
from tests.test_protocol_ssrf import Canaries

server = oxigraph_server_fixture()
TOKEN = "ssrf-t0ken"
UPDATE = {"content-type": "application/sparql-update", "authorization": f"Bearer {TOKEN}"}


@pytest.fixture(scope="module", params=["embedded", "oxigraph"])
def client(request, tmp_path_factory):  # type: ignore[no-untyped-def]
    tmp = tmp_path_factory.mktemp(request.param)
    if request.param == "embedded":
        store = api_app.load_fixture(tmp / "store")
        yield api_app.make_client(store, tmp, update_token=TOKEN)
        store.close()
        return
    srv = request.getfixturevalue("server")
    settings = srv.settings(store=tmp, workers=1, update_token=TOKEN, reference_date=None)
    with open_store(settings) as st:
        st.load_file(api_app.FIXTURE)
    with TestClient(create_app(settings, search_path=tmp / "search.sqlite")) as c:
        yield c


@pytest.fixture
def canaries(tmp_path):  # type: ignore[no-untyped-def]
    c = Canaries(tmp_path)
    yield c
    c.close()


def service_spellings(target: str) -> list[str]:
    body = "{ ?s ?p ?o }"
    return [
        f"SELECT * WHERE {{ SERVICE <{target}> {body} }}",
        f"select * where {{ service silent <{target}> {body} }}",
        f"PREFIX c: <{target.rsplit('/', 1)[0]}/>\nSELECT * WHERE {{ SERVICE c:x {body} }}",
        f"SELECT * WHERE {{ SERVICE # comment\n <{target}> {body} }}",
        f"SELECT * WHERE {{ ?a ?b ?c FILTER EXISTS {{ SERVICE <{target}> {body} }} }}",
        f"SELECT * WHERE {{ VALUES ?u {{ <{target}> }} SERVICE ?u {body} }}",
        f"SELECT * WHERE {{ SERV\\u0049CE <{target}> {body} }}",
        f"SELECT * WHERE {{ {{ SELECT * WHERE {{ SERVICE <{target}> {body} }} }} }}",
        f"ASK {{ SERVICE <{target}> {body} }}",
        f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ SERVICE <{target}> {body} }}",
    ]


def test_service_in_any_spelling_is_refused_and_nothing_is_touched(client, canaries):
    for target in (canaries.url, canaries.file_url):
        for query in service_spellings(target):
            r = client.get("/sparql", params={"query": query})
            assert r.status_code == 400, (query, r.status_code, r.text)
            assert "SERVICE" in r.text
            r = client.post("/sparql", data={"query": query})
            assert r.status_code == 400
    time.sleep(0.3)  # a fetch started in the background would have connected by now
    assert canaries.connections == 0 and canaries.fifo_opened is False


def test_load_is_refused_before_evaluation_even_with_the_token(client, canaries):
    for target in (canaries.url, canaries.file_url):
        for update in (f"LOAD <{target}>", f"LOAD SILENT <{target}> INTO GRAPH <urn:x:g>",
                       f"load <{target}>", f"L\\u004fAD <{target}>"):
            r = client.post("/sparql", content=update.encode(), headers=UPDATE)
            assert r.status_code == 400, (update, r.text)
            r = client.post("/sparql", data={"update": update},
                            headers={"authorization": UPDATE["authorization"]})
            assert r.status_code == 400
    time.sleep(0.3)
    assert canaries.connections == 0 and canaries.fifo_opened is False


def test_dataset_iris_only_select_stored_graphs(client, canaries):
    everything = "SELECT * WHERE { ?s ?p ?o } LIMIT 5"
    graphs = "SELECT * WHERE { GRAPH ?g { ?s ?p ?o } } LIMIT 5"
    assert client.get("/sparql", params={"query": everything}).json()["results"]["bindings"]
    for target in (canaries.url, canaries.file_url):
        frm = everything.replace("WHERE", f"FROM <{target}> WHERE")
        named = graphs.replace("WHERE", f"FROM NAMED <{target}> WHERE")
        for query, params in ((frm, {}), (named, {}),
                              (everything, {"default-graph-uri": target}),
                              (graphs, {"named-graph-uri": target})):
            r = client.get("/sparql", params={"query": query, **params})
            assert r.status_code == 200, r.text
            assert r.json()["results"]["bindings"] == []  # an unknown graph is empty
        assert client.get("/store", params={"graph": target}).status_code == 404
    time.sleep(0.3)
    assert canaries.connections == 0 and canaries.fifo_opened is False


def test_the_canaries_do_see_a_fetch_and_a_read(canaries):
    """Control: the same canaries notice a real connection and a real open of the pipe."""
    import socket

    with socket.create_connection(("127.0.0.1", int(canaries.url.split(":")[2].split("/")[0]))):
        pass
    with open(canaries.fifo) as pipe:
        pipe.read()
    deadline = time.monotonic() + 2
    while time.monotonic() < deadline and not (canaries.connections and canaries.fifo_opened):
        time.sleep(0.02)
    assert canaries.connections == 1 and canaries.fifo_opened is True
