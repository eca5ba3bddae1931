"""The query worker pool: time limits that stop the work, parallel workers, errors by type."""

from __future__ import annotations

import asyncio
import json
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import Graph, Literal, Namespace

from graph.embedded import EmbeddedStore
from graph.settings import Settings
from graph.store import NotAcceptable, QuerySyntaxError, QueryTimeout
from graph.workers import QueryPool
from tests.helpers.oxigraph_server import oxigraph_server

EX = Namespace("https://example.org/")
JSON = "application/sparql-results+json"
#: Never finishes over 400 triples (400^4 solutions): only a kill stops it.
PATHOLOGICAL = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?b . ?c ?q ?d . ?e ?r ?f . ?g ?s ?h }"
#: A bounded but slow query (960,000 hashes, about a second).
SLOW = ("SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?b . ?c ?q ?d . ?e ?r ?f FILTER(?f < 4) "
        'FILTER(SHA256(CONCAT(STR(?b), STR(?d), STR(?f))) != "") }')
SLOW_N = 400 * 400 * 4
FAST = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


def _settings(tmp: Path, n: int = 400) -> Settings:
    root = tmp / "store"
    g = Graph()
    for i in range(n):
        g.add((EX[f"s{i}"], EX.value, Literal(i)))
    with EmbeddedStore(root) as st:
        st.replace_graphs({EX.g: g})
    return Settings(store=root, query_timeout=10.0, row_cap=0)


def _count(res: object) -> int:
    return int(json.loads(res.body)["results"]["bindings"][0]["n"]["value"])  # type: ignore[attr-defined]


def _wait_all_idle(pool: QueryPool) -> None:
    """Let replacements of killed workers finish starting, so timings measure one thing."""
    deadline = time.monotonic() + 10
    while pool._idle.qsize() < pool.size and time.monotonic() < deadline:
        time.sleep(0.02)
    assert pool._idle.qsize() == pool.size


@pytest.fixture(scope="module")
def pool(tmp_path_factory: pytest.TempPathFactory) -> Iterator[QueryPool]:
    with QueryPool(_settings(tmp_path_factory.mktemp("w")), size=2) as p:
        p.run(FAST, JSON)  # both workers started
        yield p


def test_query_runs_in_a_worker_and_returns_the_engines_bytes(pool: QueryPool) -> None:
    res = pool.run(FAST, JSON)
    assert res.media_type == JSON and _count(res) == 400 and not res.truncated


def test_pathological_query_times_out_in_time_and_next_succeeds_at_once(
        pool: QueryPool) -> None:
    _wait_all_idle(pool)
    start = time.monotonic()
    with pytest.raises(QueryTimeout, match="time limit of 1 s"):
        pool.run(PATHOLOGICAL, JSON, timeout=1.0)
    assert time.monotonic() - start < 2.0
    start = time.monotonic()
    assert _count(pool.run(FAST, JSON, timeout=5)) == 400
    assert time.monotonic() - start < 1.0


def test_other_workers_serve_while_one_runs_a_runaway_query(pool: QueryPool) -> None:
    _wait_all_idle(pool)
    errors: list[BaseException] = []

    def runaway() -> None:
        try:
            pool.run(PATHOLOGICAL, JSON, timeout=2.0)
        except QueryTimeout as exc:
            errors.append(exc)

    t = threading.Thread(target=runaway)
    t.start()
    time.sleep(0.3)
    start = time.monotonic()
    assert _count(pool.run(FAST, JSON, timeout=2)) == 400
    assert time.monotonic() - start < 1.0
    t.join()
    assert len(errors) == 1


def test_two_slow_queries_run_in_parallel(pool: QueryPool) -> None:
    """Both are handed to a worker process at once (wall-clock ratios would only measure
    the machine's load, so the proof is that no worker stays idle and neither waits)."""
    _wait_all_idle(pool)
    results: list[int] = []
    threads = [threading.Thread(target=lambda: results.append(_count(pool.run(SLOW, JSON))))
               for _ in range(2)]
    for t in threads:
        t.start()
    deadline = time.monotonic() + 2
    while pool._idle.qsize() and time.monotonic() < deadline:
        time.sleep(0.01)
    both_busy = pool._idle.qsize() == 0 and all(t.is_alive() for t in threads)
    for t in threads:
        t.join()
    assert both_busy and results == [SLOW_N] * 2


def test_two_runaway_queries_are_each_stopped_at_their_own_limit(pool: QueryPool) -> None:
    """Served one after the other, the second would time out waiting for a worker."""
    errors: list[str] = []

    def runaway() -> None:
        with pytest.raises(QueryTimeout) as info:
            pool.run(PATHOLOGICAL, JSON, timeout=1.5)
        errors.append(str(info.value))

    _wait_all_idle(pool)
    threads = [threading.Thread(target=runaway) for _ in range(2)]
    start = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert time.monotonic() - start < 2.5
    assert len(errors) == 2 and all("ran past its time limit" in e for e in errors), errors


def test_syntax_error_comes_back_as_query_syntax_error(pool: QueryPool) -> None:
    with pytest.raises(QuerySyntaxError, match=r"1:\d+"):
        pool.run("SELECT ?s WHERE { ?s ?p }", JSON)


def test_unknown_media_type_comes_back_as_not_acceptable(pool: QueryPool) -> None:
    with pytest.raises(NotAcceptable):
        pool.run(FAST, "image/png")


def test_row_cap_truncates_json_select_and_says_so(pool: QueryPool) -> None:
    res = pool.run("SELECT ?s WHERE { ?s ?p ?o }", JSON, row_cap=10)
    assert res.truncated and res.rows == 10
    assert len(json.loads(res.body)["results"]["bindings"]) == 10
    res = pool.run("SELECT ?s WHERE { ?s ?p ?o }", JSON, row_cap=1000)
    assert not res.truncated and len(json.loads(res.body)["results"]["bindings"]) == 400
    res = pool.run("SELECT ?s WHERE { ?s ?p ?o }", JSON, row_cap=399)  # one row too many
    assert res.truncated and res.rows == 399


def test_dataset_parameters_pass_through(pool: QueryPool) -> None:
    res = pool.run(FAST, JSON, default_graph=["https://example.org/none"])
    assert _count(res) == 0


def test_arun_leaves_the_event_loop_free(pool: QueryPool) -> None:
    async def main() -> tuple[int, int]:
        ticks = 0

        async def ticker() -> None:
            nonlocal ticks
            while True:
                ticks += 1
                await asyncio.sleep(0.01)

        task = asyncio.create_task(ticker())
        res = await pool.arun(SLOW, JSON)
        task.cancel()
        return _count(res), ticks

    count, ticks = asyncio.run(main())
    assert count == SLOW_N and ticks > 10


def test_pool_serves_a_remote_store_too(tmp_path: Path) -> None:
    with oxigraph_server(tmp_path / "ox") as server:
        server_settings = server.settings()
        from graph.store import open_store

        with open_store(server_settings) as st:
            st.update("INSERT DATA { GRAPH <urn:g> { <urn:s> <urn:p> 1, 2, 3 } }")
        with QueryPool(server_settings, size=1) as p:
            assert _count(p.run(FAST, JSON)) == 3
            with pytest.raises(QuerySyntaxError):
                p.run("SELEC", JSON)


def test_a_worker_that_died_while_idle_is_replaced_not_reported(tmp_path: Path) -> None:
    with QueryPool(_settings(tmp_path, n=10), size=1) as p:
        assert _count(p.run(FAST, JSON)) == 10
        (only,) = p._all
        only.process.kill()
        only.process.join(5)
        assert _count(p.run(FAST, JSON, timeout=10)) == 10


def test_replies_larger_than_one_read_arrive_whole(pool: QueryPool) -> None:
    """A reply of several hundred kilobytes comes in many reads of the pipe, both when a
    thread waits for it (run) and when the event loop does (arun)."""
    big = ('SELECT ?s ?pad WHERE { ?s ?p ?o BIND(CONCAT(STR(?o), "-", '
           + ", ".join(["STRUUID()"] * 16) + ') AS ?pad) }')
    for res in (pool.run(big, JSON), asyncio.run(pool.arun(big, JSON))):
        assert len(res.body) > 200_000
        rows = json.loads(res.body)["results"]["bindings"]
        assert len(rows) == 400
        assert sorted(int(r["pad"]["value"].split("-")[0]) for r in rows) == list(range(400))


def test_frame_reader_reads_what_is_missing_within_bounds() -> None:
    import pickle
    import struct

    from graph.worker_process import FrameReader

    payload = pickle.dumps(("ok", b"x" * 300_000))
    frame = struct.pack("!Q", len(payload)) + payload
    r = FrameReader()
    assert r.read_size() == 65536  # nothing known yet: one ordinary read
    assert not r.feed(frame[:10])
    assert r.read_size() == min(len(frame) - 10, 1 << 22)
    step = 70_000
    for i in range(10, len(frame), step):
        done = r.feed(frame[i:i + step])
    assert done and r.value() == ("ok", b"x" * 300_000)
