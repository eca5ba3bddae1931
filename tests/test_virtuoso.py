"""Remit over a real Virtuoso (the Debian package), at smoke size: bulk load of an N-Quads
export, every competency question through the remote store giving the rows the embedded
store gives on the same data, updates once granted, and `remit serve` pointed at it.

Skipped, with the reason, where ``virtuoso-t`` is absent; CI installs the package.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from rdflib import URIRef

from bench.synth import rdfgen
from graph.competency import load_questions
from graph.embedded import EmbeddedStore
from graph.remote import RemoteStore
from graph.settings import Settings
from graph.store import Rows
from graph.virtuoso import Virtuoso, installed

pytestmark = [
    pytest.mark.skipif(not installed(), reason="virtuoso-t not installed: apt-get install "
                       "virtuoso-opensource to run the Virtuoso smoke test"),
    pytest.mark.timeout(120),
]
VOCABULARIES = Path(__file__).resolve().parents[1] / "ontology" / "vocabularies.ttl"
ONTOLOGY_GRAPH = "https://remit.example/graph/ontology"


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("nq") / "export.nq"
    rdfgen.generate(path, 20_000, seed=3)
    return path


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory: pytest.TempPathFactory, data: Path) -> Iterator[Virtuoso]:
    v = Virtuoso(tmp_path_factory.mktemp("virtuoso"), (data.parent, VOCABULARIES.parent),
                 memory_gb=0.5)
    v.start()
    try:
        v.bulk_load(data)
        v.bulk_load(VOCABULARIES, fallback_graph=ONTOLOGY_GRAPH)
        yield v
    finally:
        v.stop()


@pytest.fixture(scope="module")
def embedded(tmp_path_factory: pytest.TempPathFactory, data: Path) -> Iterator[EmbeddedStore]:
    store = EmbeddedStore(tmp_path_factory.mktemp("store") / "s")
    store.bulk_load(data)
    store.load_file(VOCABULARIES, graph=URIRef(ONTOLOGY_GRAPH))
    yield store
    store.close()


def remote(v: Virtuoso) -> RemoteStore:
    return RemoteStore(Settings(endpoint=v.endpoint, query_timeout=30))


def test_bulk_load_keeps_one_graph_per_pack(virtuoso: Virtuoso, data: Path) -> None:
    """Each pack's graph holds the pack node itself, and the store lists every pack graph
    (Virtuoso answers ``GRAPH ?g { }`` with unbound rows: docs/scaling.md)."""
    packs = {ln.rsplit(" ", 2)[-2] for ln in data.read_text().splitlines()}
    rows = remote(virtuoso).query("SELECT ?g WHERE { GRAPH ?g { ?g a "
                                  "<https://remit.example/ontology#Pack> } }")
    assert isinstance(rows, Rows)
    assert packs == {f"<{g}>" for g in rows.values("g")}
    assert packs <= {f"<{g}>" for g in remote(virtuoso).graph_names()}


@pytest.mark.parametrize("qid", [q.id for q in load_questions()])
def test_competency_question_gives_the_embedded_rows(virtuoso: Virtuoso,
                                                     embedded: EmbeddedStore, qid: str) -> None:
    q = next(x for x in load_questions() if x.id == qid)
    here, there = embedded.query(q.sparql), remote(virtuoso).query(q.sparql)
    assert isinstance(here, Rows) and isinstance(there, Rows)
    assert len(there) == len(here)


def test_updates_once_granted(virtuoso: Virtuoso) -> None:
    virtuoso.grant_update()
    store = remote(virtuoso)
    store.update('INSERT DATA { GRAPH <https://remit.example/graph/smoke> { '
                 '<https://remit.example/id/body/smoke> <http://www.w3.org/2000/01/rdf-schema#'
                 'label> "Smoke Board" } }')
    assert store.count(URIRef("https://remit.example/graph/smoke")) == 1


def test_remit_serve_answers_over_virtuoso(virtuoso: Virtuoso, tmp_path: Path) -> None:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "REMIT_ENDPOINT": virtuoso.endpoint}
    proc = subprocess.Popen([sys.executable, "-c", "from remit.cli import main; main()",
                             "serve", "--port", str(port), "--workers", "1"], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 40
        while True:
            try:
                httpx.get(base + "/health", timeout=2)
                break
            except httpx.HTTPError:
                assert proc.poll() is None and time.monotonic() < deadline, "no answer"
                time.sleep(0.3)
        q = next(x for x in load_questions() if x.id.startswith("09"))
        resp = httpx.get(base + "/sparql", params={"query": q.sparql}, timeout=30,
                         headers={"Accept": "application/sparql-results+json"})
        assert resp.status_code == 200
        assert len(resp.json()["results"]["bindings"]) > 0
    finally:
        proc.terminate()
        proc.wait(timeout=15)
