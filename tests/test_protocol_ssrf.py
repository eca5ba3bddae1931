"""No SSRF and no file reads through the endpoint, proved with canaries: a loopback listener
and a named pipe that queries name (SERVICE, FROM, FROM NAMED, dataset parameters, LOAD,
Graph Store reads) are never connected to or opened."""

from __future__ import annotations

import os
import socket
import threading

import pytest

from tests.helpers import api_app

api_store = api_app.api_store  # shared fixture


class Canaries:
    def __init__(self, tmp_path) -> None:  # type: ignore[no-untyped-def]
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.sock.settimeout(0.2)
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}/data.ttl"
        self.fifo = tmp_path / "canary.ttl"
        os.mkfifo(self.fifo)
        self.file_url = self.fifo.as_uri()
        self.connections = 0
        self.fifo_opened = False
        self.done = False
        self.threads = [threading.Thread(target=self._accept, daemon=True),
                        threading.Thread(target=self._fifo, daemon=True)]
        for t in self.threads:
            t.start()

    def _accept(self) -> None:
        while not self.done:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            self.connections += 1
            conn.close()

    def _fifo(self) -> None:
        with open(self.fifo, "w"):  # blocks until someone opens the pipe to read it
            if not self.done:
                self.fifo_opened = True

    def close(self) -> None:
        self.done = True
        fd = os.open(self.fifo, os.O_RDONLY | os.O_NONBLOCK)  # release the writer
        for t in self.threads:
            t.join(2)
        os.close(fd)
        self.sock.close()


@pytest.fixture
def canaries(tmp_path):
    c = Canaries(tmp_path)
    yield c
    c.close()


def test_nothing_named_in_a_query_is_fetched_or_read(api_store, tmp_path, canaries):
    client = api_app.make_client(api_store, tmp_path, update_token="s3cret")
    ask = "SELECT * WHERE { ?s ?p ?o } LIMIT 1"
    for target in (canaries.url, canaries.file_url):
        service = f"SELECT * WHERE {{ SERVICE <{target}> {{ ?s ?p ?o }} }}"
        assert client.get("/sparql", params={"query": service}).status_code == 400
        silent = f"SELECT * WHERE {{ SERVICE SILENT <{target}> {{ ?s ?p ?o }} }}"
        assert client.get("/sparql", params={"query": silent}).status_code == 400
        frm = ask.replace("WHERE", f"FROM <{target}> FROM NAMED <{target}> WHERE")
        r = client.get("/sparql", params={"query": frm})
        assert r.status_code == 200 and r.json()["results"]["bindings"] == []
        for param in ("default-graph-uri", "named-graph-uri"):
            r = client.get("/sparql", params={"query": ask, param: target})
            assert r.status_code == 200
        load = client.post("/sparql", content=f"LOAD <{target}>".encode(),
                           headers={"content-type": "application/sparql-update",
                                    "authorization": "Bearer s3cret"})
        assert load.status_code == 400
        assert client.get("/store", params={"graph": target}).status_code == 404
    assert canaries.connections == 0
    assert canaries.fifo_opened is False
